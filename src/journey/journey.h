/*
 * journey.h: the journey type, a customer's touchpoints in time order (journey.c), journey_path's
 * state type (journey_path.c), and what the functions over journeys (journey_path.c, funnel.c)
 * share: decoding a journey into an array of steps sorted by (time, channel, action), the
 * builder of journey_agg and journey_path, and the step parts of the text and binary forms.
 */
#ifndef CXM_JOURNEY_H
#define CXM_JOURNEY_H

#include "cxm.h"

#include "lib/stringinfo.h"
#include "nodes/nodes.h"

#include "json_reader.h"

/*
 * A journey is a varlena in one of two forms: the compact form (version 3, journey_compact.c),
 * which every journey takes that fits it, or the record form: a 16-byte header, then one record
 * per step:
 *   int64 time (unaligned, read with memcpy), uint8 channel length, uint8 flags (bit 0: has an
 *   action), uint8 action length, channel bytes, action bytes.
 * Stored journeys are sorted, without free space. While an aggregate builds one, records are
 * appended in arrival order (JOURNEY_SORTED clear) into a buffer with free space at the end, so
 * the varlena size may exceed header + used bytes; every reader goes by `used`.
 *
 * Stored format versions (the version byte):
 *   2 (cxm 0.2.0): the 16-byte header below.
 *   1 (cxm 0.1.0): a 20-byte header that also held journey_path's options (label at byte 6,
 *      keep-repeats at byte 7, int32 limit at bytes 16-19); the records are the same. journey_arg
 *      still reads it (as a version-2 copy, without the options).
 *   3: the compact form (journey_compact.c): a dictionary of the journey's labels, then per
 *      step a label byte and a varint time. journey_agg's working state, and the stored form
 *      of every journey that fits it (at most 16 channels, 15 actions and 32 kB), flagged as
 *      in journey order; version 2 stores the others. journey_arg gives readers that need
 *      records a version-2 copy; journey_arg_steps decodes either in place.
 * The text form has its own version, still 1: it never held more than steps and optional
 * options, and no longer writes the options.
 */
#define JOURNEY_VERSION 2
#define JOURNEY_V1 1
/* the compact form: journey_agg's working state and the stored form when it fits */
#define JOURNEY_COMPACT_VERSION 3
/* the most steps a compact journey can hold (32 kB at two bytes or more a step) */
#define JOURNEY_COMPACT_MAX_STEPS 16384
#define JOURNEY_SORTED 0x01
#define JOURNEY_HEADER_BYTES 16
#define JOURNEY_V1_HEADER_BYTES 20
#define JOURNEY_TEXT_VERSION 1
#define JOURNEY_RECORD_BYTES 11		/* fixed part of a step record */

typedef struct Journey
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* JOURNEY_SORTED */
	uint8		spare[2];		/* zero in a journey; a journey_path_state's options */
	int32		nsteps;
	int32		used;			/* bytes of step records */
	char		records[FLEXIBLE_ARRAY_MEMBER];
} Journey;

/*
 * journey_path's aggregate state (journey_path.c): a journey being built plus the path options,
 * which travel with the state (parameters travel with the data) and must agree when partial
 * states combine. Its layout is a journey's with the options in the spare bytes and an int32
 * limit before the records: the layout of a 0.1.0 journey, so the builder below serves both.
 */
#define JOURNEY_PATH_STATE_VERSION 1
#define JOURNEY_PATH_STATE_HEADER_BYTES 20
#define PATH_LABEL_CHANNEL 0
#define PATH_LABEL_CHANNEL_ACTION 1

typedef struct JourneyPathState
{
	int32		vl_len_;
	uint8		version;		/* JOURNEY_PATH_STATE_VERSION */
	uint8		flags;			/* JOURNEY_SORTED */
	uint8		label;			/* PATH_LABEL_* */
	uint8		keep_repeats;
	int32		nsteps;
	int32		used;
	int32		limit;			/* 0: all steps; > 0: first N; < 0: last N */
	char		records[FLEXIBLE_ARRAY_MEMBER];
} JourneyPathState;

/* One step, decoded; pointers refer into the journey. */
typedef struct JourneyStep
{
	TimestampTz at;
	const char *channel;
	int			channel_len;
	const char *action;			/* NULL when absent */
	int			action_len;
} JourneyStep;

/* Decodes the step record at p into step (pointers into the record); returns the record's size. */
static inline Size
journey_read_record(const char *p, JourneyStep *step)
{
	uint8		channel_len = (uint8) p[8];
	uint8		has_action = (uint8) p[9];
	uint8		action_len = has_action ? (uint8) p[10] : 0;

	memcpy(&step->at, p, sizeof(TimestampTz));
	step->channel = p + JOURNEY_RECORD_BYTES;
	step->channel_len = channel_len;
	step->action = has_action ? step->channel + channel_len : NULL;
	step->action_len = action_len;
	return JOURNEY_RECORD_BYTES + channel_len + action_len;
}

/* The size of the step record at p. */
static inline Size
journey_record_size(const char *p)
{
	return JOURNEY_RECORD_BYTES + (uint8) p[8] + ((uint8) p[9] ? (uint8) p[10] : 0);
}

extern Journey *journey_arg(FunctionCallInfo fcinfo, int argno);
/*
 * For readers that take a journey's steps only through journey_steps (which reads both stored
 * forms) or journey_count_steps, or that handle both forms: journey_arg_stored gives a compact
 * journey as it is, anything else as journey_arg does; journey_record_form turns what it gave
 * into what journey_arg would have; journey_arg_steps gives the steps in journey order.
 */
extern Journey *journey_arg_stored(FunctionCallInfo fcinfo, int argno);
extern Journey *journey_record_form(Journey *j);
extern JourneyStep *journey_arg_steps(FunctionCallInfo fcinfo, int argno, int *n);
extern int	journey_count_steps(const Journey *j);
/* the stored form of n steps in journey order: compact when they fit it, else version 2 */
extern Journey *journey_store(const JourneyStep *steps, int n);
/* the stored form of a version-2 journey (itself when it does not fit the compact form) */
extern Journey *journey_stored_form(Journey *j);
/* raises 54000 when a journey of nsteps steps would exceed cxm.max_journey_steps */
extern void journey_check_step_limit(int64 nsteps);
/* the steps of j in journey order (sorted copy when j is not sorted); sets *n */
extern JourneyStep *journey_steps(const Journey *j, int *n);
/* the same for nsteps records (of a journey or a journey_path_state) */
extern JourneyStep *journey_records_steps(const char *records, int nsteps, bool sorted, int *n);
extern int	journey_step_cmp(const JourneyStep *a, const JourneyStep *b);
/* sorts n steps into journey order unless they are in it already; returns n */
extern int	journey_sort_steps(JourneyStep *steps, int n);
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

/*
 * The builder that journey_agg and journey_path share. A state is a journey (header
 * JOURNEY_HEADER_BYTES) or a journey_path_state (JOURNEY_PATH_STATE_HEADER_BYTES), passed as a
 * Journey: the fields the builder keeps (version, flags, nsteps, used) are at the same places.
 * journey_builder_append appends touchpoint tp to j (NULL: a new state of that version, in the
 * current memory context) and returns the state, moved when it grew; journey_builder_merge
 * appends b's records to a (copied first unless it may be modified in place).
 * In an aggregate, a state past 64 kB is returned as an expanded object's read-write pointer
 * (see journey_reserve): a transition function reads the state it receives through
 * journey_arg or journey_builder_state, never through the raw pointer.
 */
extern Journey *journey_builder_append(FunctionCallInfo fcinfo, Journey *j, Size header,
									   uint8 version, struct varlena *tp);
/*
 * The flat state behind a builder state datum's pointer p: p itself, or, for a long journey
 * being built, the buffer of the expanded object p points to (see journey_reserve)
 */
extern Journey *journey_builder_state(Pointer p);
extern Journey *journey_builder_merge(FunctionCallInfo fcinfo, Journey *a, const Journey *b,
									  Size header);
/* the comparison key of steps in journey order (type_compare.c) */
extern void journey_steps_compare_key(StringInfo key, const JourneyStep *steps, int n, int32 used);
/* the step-list parts of the text and binary forms, shared with journey_path_state */
extern void journey_append_steps_text(StringInfo out, const JourneyStep *steps, int n);
extern void journey_send_steps(StringInfo buf, const JourneyStep *steps, int n);
/* reads n binary steps (errors name type_name); sorted */
extern JourneyStep *journey_recv_steps(StringInfo buf, int n, const char *type_name,
									   const char *hint);
/*
 * Reads the "steps" array of a text form (sorted): false with *problem set, or false with
 * *problem NULL when a step's error was saved in escontext (PG 16+)
 */
extern bool journey_read_steps(const CxmJsonValue *v, Node *escontext, JourneyStep **steps,
							   int *n, char **problem);
/* reads the optional path_label, path_keep_repeats and path_limit of a text form */
extern bool journey_read_path_options(const CxmJsonValue *label_v, const CxmJsonValue *repeats_v,
									  const CxmJsonValue *limit_v, int *label, int *repeats,
									  int32 *limit, char **problem);
/*
 * Reads the text form shared by journey and journey_path_state (of version version_expected):
 * the steps (sorted) and the optional path options. False with *problem set when the text is
 * invalid, or with *problem NULL when a step's error was saved in escontext (PG 16+).
 */
extern bool journey_read_text(const char *input, Node *escontext, int version_expected,
							  JourneyStep **steps, int *n, int *label, int *repeats,
							  int32 *limit, char **problem);

/*
 * The planner's expected touchpoints per group of this aggregate call (0: no estimate), to size
 * new states; computed on each call (callers keep it)
 */
extern double journey_planned_steps(FunctionCallInfo fcinfo);

/*
 * journey_agg's compact working state (journey_compact.c): journey_compact_append adds tp to
 * state (NULL: a new state), returning a compact state, or a version-2 builder state once the
 * journey outgrows the compact form; journey_compact_steps gives its steps as they are held
 * (pointers into it: arrival order in a working state, journey order in a stored journey);
 * journey_compact_expand a version-2 journey of them (sorted when they are).
 */
extern bool journey_is_compact(const Journey *j);
extern Journey *journey_compact_append(FunctionCallInfo fcinfo, Journey *state,
									   struct varlena *tp);
extern JourneyStep *journey_compact_steps(const Journey *j, int *n);
extern Journey *journey_compact_expand(const Journey *j);

/*
 * The stored form of a journey (journey_compact.c): journey_compact_store gives the compact
 * form of n steps in journey order (exact size, its own dictionary, flagged sorted), or NULL
 * when they do not fit it; journey_compact_is_sorted whether a compact journey's steps are in
 * journey order.
 */
extern Journey *journey_compact_store(const JourneyStep *steps, int n);
extern bool journey_compact_is_sorted(const Journey *j);
extern int	journey_compact_nsteps(const Journey *j);
/*
 * stored compact journey a with n steps (journey order, none before a's last) appended: one copy
 * of a and the new steps' records; NULL when that cannot be done (journey_compact.c)
 */
extern Journey *journey_compact_append_sorted(const Journey *a, const JourneyStep *steps, int n);

/*
 * Reading a stored compact journey in place, one step at a time (journey_compact.c):
 * journey_compact_open checks j's header and dictionary and fills r (false when j keeps its
 * labels in an aggregation's shared dictionary or its steps are not in journey order);
 * journey_compact_next gives the next step's label byte (channel index << 4 | action index + 1,
 * 0 for none) and time, false after the last, an error on a cut-off or out-of-range step.
 */
typedef struct CompactReader
{
	int			nchannels;
	int			nactions;
	const char *channel[16];
	uint8		channel_len[16];
	const char *action[15];
	uint8		action_len[15];
	int64		unit;			/* microseconds per stored time unit */
	int64		first_units;	/* the first step's time, in units */
	const char *p;				/* the next step */
	const char *end;
	int			i;				/* steps read */
	int			n;
} CompactReader;

extern bool journey_compact_open(const Journey *j, CompactReader *r);
extern void journey_compact_cut_off(void) pg_attribute_noreturn();

static inline bool
journey_compact_next(CompactReader *r, uint8 *label, TimestampTz *at)
{
	uint64		code = 0;
	int			shift = 0;
	uint8		byte;
	int64		units;

	if (r->i >= r->n)
		return false;
	if (r->p >= r->end)
		journey_compact_cut_off();
	*label = (uint8) *r->p++;
	if ((*label >> 4) >= r->nchannels || (*label & 0x0F) > r->nactions)
		journey_compact_cut_off();
	do
	{
		if (r->p >= r->end || shift > 63)
			journey_compact_cut_off();
		byte = (uint8) *r->p++;
		code |= (uint64) (byte & 0x7F) << shift;
		shift += 7;
	} while (byte & 0x80);
	units = (int64) (code >> 1) ^ -(int64) (code & 1);
	if (r->i == 0)
		r->first_units = units;
	else
		units = (int64) ((uint64) r->first_units + (uint64) units);
	r->i++;
	*at = units * r->unit;
	return true;
}

/*
 * The label dictionary that the compact states of one aggregation may share (journey_dict.c):
 * journey_dict_for_call gives this call's (created on first use), or NULL when its states must
 * carry their own, and sets *expected_steps to journey_planned_steps (both kept in fn_extra); journey_dict_find the live dictionary of an id (an error if none);
 * journey_dict_index the index of a label (added when new); journey_dict_label the label of an
 * index (channel and action; an error if out of range).
 */
typedef struct JourneyDict JourneyDict;
extern JourneyDict *journey_dict_for_call(FunctionCallInfo fcinfo, double *expected_steps);
extern JourneyDict *journey_dict_find(uint32 id);
extern uint32 journey_dict_id(const JourneyDict *dict);
extern int	journey_dict_index(JourneyDict *dict, const char *channel, int channel_len,
							   const char *action, int action_len);
extern const JourneyStep *journey_dict_label(const JourneyDict *dict, uint64 index);

#endif							/* CXM_JOURNEY_H */
