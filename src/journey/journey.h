/*
 * journey.h: the journey type, a customer's touchpoints in time order (journey.c), and what
 * the functions over journeys (journey_path.c, funnel.c) share: decoding a journey into an array
 * of steps sorted by (time, channel, action).
 */
#ifndef CXM_JOURNEY_H
#define CXM_JOURNEY_H

#include "cxm.h"

/*
 * A journey is a varlena: a 20-byte header, then one record per step:
 *   int64 time (unaligned, read with memcpy), uint8 channel length, uint8 flags (bit 0: has an
 *   action), uint8 action length, channel bytes, action bytes.
 * Stored journeys are sorted and compact. While an aggregate builds one, records are appended
 * in arrival order (JOURNEY_SORTED clear) into a buffer with free space at the end, so the
 * varlena size may exceed header + used bytes; every reader goes by `used`.
 */
#define JOURNEY_VERSION 1
#define JOURNEY_SORTED 0x01
#define JOURNEY_HEADER_BYTES 20
#define JOURNEY_RECORD_BYTES 11		/* fixed part of a step record */

/* journey_path options carried in the state (rule: parameters travel with the data) */
#define PATH_LABEL_CHANNEL 0
#define PATH_LABEL_CHANNEL_ACTION 1

typedef struct Journey
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* JOURNEY_SORTED */
	uint8		path_label;		/* PATH_LABEL_* */
	uint8		path_keep_repeats;
	int32		nsteps;
	int32		used;			/* bytes of step records */
	int32		path_limit;		/* 0: all steps; > 0: first N; < 0: last N */
	char		records[FLEXIBLE_ARRAY_MEMBER];
} Journey;

/* One step, decoded; pointers refer into the journey. */
typedef struct JourneyStep
{
	TimestampTz at;
	const char *channel;
	int			channel_len;
	const char *action;			/* NULL when absent */
	int			action_len;
} JourneyStep;

extern Journey *journey_arg(FunctionCallInfo fcinfo, int argno);
/* the steps of j in journey order (sorted copy when j is not sorted); sets *n */
extern JourneyStep *journey_steps(const Journey *j, int *n);
extern int	journey_step_cmp(const JourneyStep *a, const JourneyStep *b);
/* a compact, sorted journey of the given steps */
extern Journey *journey_from_steps(const JourneyStep *steps, int n);
extern struct varlena *journey_step_touchpoint(const JourneyStep *step);
/*
 * A step-label option ('channel' or 'channel/action') as PATH_LABEL_*, read without copying
 * (it is read on every row); `what` names the option in the error.
 */
extern int	journey_label_option(text *label, const char *what);

/*
 * Microseconds as seconds: the double nearest to usecs / 10^6, the value extract(epoch from
 * ...)::float8 gives for the same interval (the *_seconds functions for BI tools).
 */
extern double journey_usecs_seconds(int64 usecs);

/* journey_agg's transition, also the append step of journey_path */
extern Datum journey_agg_trans(PG_FUNCTION_ARGS);

#endif							/* CXM_JOURNEY_H */
