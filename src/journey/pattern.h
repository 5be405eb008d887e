/*
 * pattern.h: the journey pattern language: compile a pattern text into an NFA and match it
 * against a time-ordered run of steps. Independent of the journey type, so that any caller
 * holding (channel, action, time) triples can use it; see pattern.c for the language.
 */
#ifndef CXM_PATTERN_H
#define CXM_PATTERN_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/timestamp.h"

/* Most NFA states a pattern may compile to (bounded repetition expands); more is 54000. */
#define PATTERN_MAX_STATES 10000
/* Largest m or n in {m}, {m,}, {m,n}; more is 22023. */
#define PATTERN_MAX_REPEAT 1000
/* Deepest nesting of parentheses; more is 54000. */
#define PATTERN_MAX_DEPTH 100

/*
 * One step of a journey. Steps must be in time order: a time bound compares the difference of
 * consecutive times. Labels are not NUL-terminated. The fields are those of JourneyStep
 * (journey.h), in the same order.
 */
typedef struct PatternStep
{
	TimestampTz at;
	const char *channel;
	int			channel_len;
	const char *action;			/* NULL when the step has no action */
	int			action_len;
} PatternStep;

/*
 * A compiled pattern, palloc'd in the memory context current at compile time, with the scratch
 * space matching needs: cache it (fn_extra) and match many journeys without allocating.
 */
typedef struct Pattern Pattern;

/* Compiles text (len bytes, no terminator needed); malformed patterns raise 22023 or 54000. */
extern Pattern *pattern_compile(const char *text, int len);

/*
 * The compiled pattern for a SQL function's pattern argument, kept in flinfo->fn_extra across
 * calls: compiled again only when the text changes (in its own context under fn_mcxt, freed
 * then), so matching a column of journeys against one pattern compiles it once per query.
 */
extern Pattern *pattern_compile_cached(FmgrInfo *flinfo, const char *text, int len);

/* Whether some non-empty run of consecutive steps matches (uses p's scratch space). */
extern bool pattern_matches(Pattern *p, const PatternStep *steps, int n);

/*
 * The largest number of non-overlapping non-empty runs of consecutive steps that match: the
 * scan takes, each time, the match that ends first (uses p's scratch space).
 */
extern int64 pattern_match_count(Pattern *p, const PatternStep *steps, int n);

#endif							/* CXM_PATTERN_H */
