/*
 * funnel.c: conversion funnels over journeys with ClickHouse windowFunnel semantics:
 * funnel_level(j, steps, within [, mode]) is the number of consecutive funnel steps reached by a
 * chain that starts with step 1 and ends within `within` of it (inclusive); funnel_times(...)
 * gives that chain's time from step 1 to each reached step; funnel_agg(tp, steps, within
 * [, mode]) computes the level straight from touchpoints, keeping only the funnel's events.
 *
 * Matching: a funnel step 'web' matches touchpoints of channel web (any action); 'web/view'
 * matches channel web with action view. A '*' as the whole channel or action matches any, as in
 * journey patterns: '*' + '/purchase' is a purchase on any channel, 'web/' + '*' is 'web', '*'
 * alone any touchpoint. Funnel steps have no quoting, so a channel or action literally named *
 * cannot be a funnel step (a quoted "*" is refused with a hint; patterns can quote it); a
 * wildcard matches it as any other name. A touchpoint that matches several funnel steps counts
 * as an event for each; events are processed by time, then by funnel step (so equal times are
 * handled as ClickHouse does). Modes, as in ClickHouse:
 *   'default'              chains may skip unmatched touchpoints and repeat steps;
 *   'strict_order'         any touchpoint that matches no funnel step, once the funnel has
 *                          started, ends the search (ClickHouse: events in between break it);
 *   'strict_deduplication' a step matched again before the next step ends the search;
 *   'strict_increase'      each step must come strictly later than the one before.
 */
#include "journey.h"

#include "access/tupmacs.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "json_reader.h"
#include "type_compare.h"

#define FUNNEL_MAX_STEPS 32

typedef enum FunnelMode
{
	MODE_DEFAULT = 0,
	MODE_STRICT_ORDER = 1,
	MODE_STRICT_DEDUPLICATION = 2,
	MODE_STRICT_INCREASE = 4
} FunnelMode;

typedef struct FunnelStep
{
	char	   *label;			/* as written, the form kept in funnel_state */
	char	   *channel;		/* NULL: any channel */
	int			channel_len;
	char	   *action;			/* NULL: any action */
	int			action_len;
} FunnelStep;

typedef struct FunnelEvent
{
	TimestampTz at;
	int			step;			/* 0-based funnel step; -1: matches none (strict_order only) */
} FunnelEvent;

static int
parse_mode(FunctionCallInfo fcinfo, int argno)
{
	char	   *modes;
	int			mode = MODE_DEFAULT;
	char	   *token,
			   *save;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return MODE_DEFAULT;
	modes = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	/* several modes may be combined with commas, as ClickHouse allows several */
	for (token = strtok_r(modes, ", ", &save); token; token = strtok_r(NULL, ", ", &save))
	{
		if (strcmp(token, "default") == 0)
			continue;
		else if (strcmp(token, "strict_order") == 0)
			mode |= MODE_STRICT_ORDER;
		else if (strcmp(token, "strict_deduplication") == 0)
			mode |= MODE_STRICT_DEDUPLICATION;
		else if (strcmp(token, "strict_increase") == 0)
			mode |= MODE_STRICT_INCREASE;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel mode \"%s\" is not supported", cxm_quote_value(token, strlen(token))),
					 errhint("Use 'default', 'strict_order', 'strict_deduplication' or 'strict_increase' "
							 "(several separated by commas).")));
	}
	return mode;
}

static bool
is_wildcard(const char *part, int len)
{
	return len == 1 && part[0] == '*';
}

/* What is wrong with one part of a funnel step, or NULL (a quoted "*" gets its own error). */
static const char *
step_part_problem(const char *label, const char *part, int len)
{
	if (len == 3 && memcmp(part, "\"*\"", 3) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel step \"%s\" quotes a label, which funnel steps do not support",
						cxm_quote_value(label, strlen(label))),
				 errhint("In a funnel step * stands for any channel or any action. To find a channel "
						 "or action literally named *, use journey_matches(j, '\"*\"/action'), where a "
						 "quoted label is literal.")));
	return is_wildcard(part, len) ? NULL : cxm_label_problem(part, len);
}

/*
 * Reads the funnel steps: 1 to 32 non-NULL labels 'channel' or 'channel/action', where '*'
 * stands for any channel or any action.
 */
static int
parse_steps(ArrayType *array, FunnelStep *steps)
{
	Datum	   *items;
	bool	   *nulls;
	int			n,
				i;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel steps must be a one-dimensional array, not a %d-dimensional one",
						ARR_NDIM(array)),
				 errhint("Pass the steps as one list, e.g. ARRAY['search', 'web/product_view', 'web/purchase'].")));
	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &n);
	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a funnel of %d steps is not supported", n),
				 errhint("Pass 1 to %d steps, e.g. ARRAY['search', 'web/product_view', 'web/purchase'].",
						 FUNNEL_MAX_STEPS)));
	if (n > FUNNEL_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a funnel of %d steps is more than the limit of %d", n, FUNNEL_MAX_STEPS),
				 errhint("Split the funnel into funnels of at most %d steps.", FUNNEL_MAX_STEPS)));
	for (i = 0; i < n; i++)
	{
		char	   *label;
		char	   *slash;
		const char *problem;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel step %d is NULL", i + 1),
					 errhint("Every step is a channel or a channel/action label.")));
		label = TextDatumGetCString(items[i]);
		slash = strchr(label, '/');
		steps[i].label = label;
		steps[i].channel = label;
		steps[i].channel_len = slash ? slash - label : strlen(label);
		steps[i].action = slash ? slash + 1 : NULL;
		steps[i].action_len = slash ? strlen(slash + 1) : 0;
		problem = step_part_problem(label, steps[i].channel, steps[i].channel_len);
		if (problem == NULL && slash)
			problem = step_part_problem(label, steps[i].action, steps[i].action_len);
		if (problem != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel step \"%s\" is not a valid label: a label %s",
							cxm_quote_value(label, strlen(label)), problem),
					 errhint("Steps are 'channel' or 'channel/action', with * for any channel or "
							 "action. " CXM_LABEL_HINT)));
		if (is_wildcard(steps[i].channel, steps[i].channel_len))
			steps[i].channel = NULL;
		if (slash && is_wildcard(steps[i].action, steps[i].action_len))
			steps[i].action = NULL;
	}
	return n;
}

/* a == b for labels of len bytes (short: a loop beats a memcmp call) */
static inline bool
label_equal(const char *a, const char *b, int len)
{
	int			i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static inline bool
step_matches(const FunnelStep *f, const JourneyStep *s)
{
	if (f->channel != NULL &&
		(f->channel_len != s->channel_len || !label_equal(f->channel, s->channel, f->channel_len)))
		return false;
	if (f->action == NULL)
		return true;
	return s->action != NULL && s->action_len == f->action_len &&
		label_equal(s->action, f->action, f->action_len);
}

static int
event_cmp(const void *a, const void *b)
{
	const FunnelEvent *x = a;
	const FunnelEvent *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->step > y->step) - (x->step < y->step);
}

/*
 * Whether at is at most window after start; a difference beyond int64 (4713 BC to 294276 AD)
 * is more than any window. Chains stay within their window, so their offsets fit in int64.
 */
static inline bool
within_window(TimestampTz start, TimestampTz at, int64 window)
{
	int64		offset;

	return !pg_sub_s64_overflow(at, start, &offset) && offset <= window;
}

/*
 * windowFunnel, fed one event at a time in (time, step) order: the state of the walk, O(funnel
 * steps squared) whatever the number of events.
 */
typedef struct FunnelWalk
{
	int			nfunnel;
	int64		window;
	int			mode;
	bool		reached[FUNNEL_MAX_STEPS];
	TimestampTz last_at[FUNNEL_MAX_STEPS];
	TimestampTz chain[FUNNEL_MAX_STEPS][FUNNEL_MAX_STEPS];	/* chain[k][i]: time of step i */
	bool		started;
	bool		stopped;		/* strict_order: an unmatched event ended the search */
	int			result;			/* the level, once an event decides it; else -1 */
} FunnelWalk;

static void
funnel_walk_start(FunnelWalk *w, int nfunnel, int64 window, int mode)
{
	memset(w->reached, 0, sizeof(w->reached));
	w->nfunnel = nfunnel;
	w->window = window;
	w->mode = mode;
	w->started = false;
	w->stopped = false;
	w->result = -1;
}

/* Takes event (at, k); false once the walk is decided and later events cannot change it. */
static bool
funnel_walk_event(FunnelWalk *w, TimestampTz at, int k)
{
	if (k < 0)
	{
		if (w->started)
			w->stopped = true;	/* strict_order: an unmatched event ends the search */
	}
	else if (k == 0)
	{
		w->reached[0] = true;
		w->last_at[0] = at;
		w->chain[0][0] = at;
		w->started = true;
	}
	else if ((w->mode & MODE_STRICT_DEDUPLICATION) && w->reached[k])
		w->result = k + 1;
	else if ((w->mode & MODE_STRICT_ORDER) && w->started && !w->reached[k - 1])
		for (w->result = 0; w->result < w->nfunnel && w->reached[w->result]; w->result++)
			;
	else if (w->reached[k - 1] && within_window(w->chain[k - 1][0], at, w->window) &&
			 (!(w->mode & MODE_STRICT_INCREASE) || w->last_at[k - 1] < at))
	{
		w->reached[k] = true;
		w->last_at[k] = at;
		memcpy(w->chain[k], w->chain[k - 1], k * sizeof(TimestampTz));
		w->chain[k][k] = at;
		if (k + 1 == w->nfunnel)
			w->result = w->nfunnel;
	}
	return w->result < 0 && !w->stopped;
}

/*
 * The level reached (0..nfunnel), and in times[] the offsets (usecs) from step 1 of the chain
 * held at that level (-1 where no chain holds a level below it, e.g. strict modes stopping
 * early).
 */
static int
funnel_walk_finish(FunnelWalk *w, int64 *times)
{
	int			result = w->result,
				level,
				i;

	if (result < 0)
		for (result = w->nfunnel; result > 0 && !w->reached[result - 1]; result--)
			;
	for (level = result; level > 0 && !w->reached[level - 1]; level--)
		;
	for (i = 0; i < result; i++)
		times[i] = i < level ? w->chain[level - 1][i] - w->chain[level - 1][0] : -1;
	return result;
}

/*
 * Feeds the walk the events of one time, count[k + 1] of funnel step k (count[0]: unmatched, for
 * strict_order), in funnel-step order; false once the walk is decided.
 */
static bool
funnel_walk_counts(FunnelWalk *w, TimestampTz at, const int64 *count, int nfunnel)
{
	bool		more = true;
	int			k;

	for (k = -1; more && k < nfunnel; k++)
	{
		int64		n;

		/* repeats matter (strict_deduplication); more than two never do */
		for (n = Min(count[k + 1], 2); more && n > 0; n--)
			more = funnel_walk_event(w, at, k);
	}
	return more;
}

/* windowFunnel over events sorted by (time, step) (funnel_agg's final function) */
static int
funnel_evaluate(const FunnelEvent *events, int nevents, int nfunnel, int64 window, int mode,
				int64 *times)
{
	FunnelWalk	w;
	int			e;

	funnel_walk_start(&w, nfunnel, window, mode);
	for (e = 0; e < nevents; e++)
	{
		if ((e & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!funnel_walk_event(&w, events[e].at, events[e].step))
			break;
	}
	return funnel_walk_finish(&w, times);
}

/*
 * Appends the events of one step: one per funnel step it matches, or (strict_order) one
 * unmatched marker. Returns how many were written (at most nfunnel).
 */
static int
step_events(const JourneyStep *step, const FunnelStep *funnel, int nfunnel, int mode,
			FunnelEvent *out)
{
	int			n = 0,
				k;

	for (k = 0; k < nfunnel; k++)
		if (step_matches(&funnel[k], step))
		{
			out[n].at = step->at;
			out[n++].step = k;
		}
	if (n == 0 && (mode & MODE_STRICT_ORDER))
	{
		out[n].at = step->at;
		out[n++].step = -1;
	}
	return n;
}

/* The steps of a journey in time order: read in place from a sorted journey's records, or from
 * an array of decoded steps. */
typedef struct StepCursor
{
	const char *records;		/* NULL: steps */
	const JourneyStep *steps;
	int			i;
	int			n;
} StepCursor;

static inline bool
cursor_next(StepCursor *c, JourneyStep *step)
{
	if (c->i >= c->n)
		return false;
	if (c->records != NULL)
		c->records += journey_read_record(c->records, step);
	else
		*step = c->steps[c->i];
	c->i++;
	return true;
}

/*
 * windowFunnel over a journey's steps (in time order) without a list of its events: the steps
 * of one time are taken together, their events in funnel-step order as sorting (time, step)
 * would put them, so the walk needs memory for one step's events, not the journey's.
 */
static int
funnel_run(StepCursor *c, const FunnelStep *funnel, int nfunnel, int64 window, int mode,
		   int64 *times)
{
	FunnelWalk	w;
	int64		count[FUNNEL_MAX_STEPS + 1];	/* events of this time per step, -1 at [0] */
	FunnelEvent events[FUNNEL_MAX_STEPS];
	JourneyStep step;
	bool		have = cursor_next(c, &step);
	bool		more = true;
	int			e;

	funnel_walk_start(&w, nfunnel, window, mode);
	while (more && have)
	{
		TimestampTz at = step.at;

		memset(count, 0, (nfunnel + 1) * sizeof(int64));
		do
		{
			int			nev = step_events(&step, funnel, nfunnel, mode, events);

			if ((c->i & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			for (e = 0; e < nev; e++)
				count[events[e].step + 1]++;
			have = cursor_next(c, &step);
		} while (have && step.at == at);
		more = funnel_walk_counts(&w, at, count, nfunnel);
	}
	return funnel_walk_finish(&w, times);
}

/* the funnel steps and mode arguments, parsed once per call site (defined below) */
static const FunnelStep *funnel_args_cached(FunctionCallInfo fcinfo, int steps_argno,
											int mode_argno, int *nfunnel, int *mode);

/*
 * windowFunnel over a stored compact journey read in place: each funnel step's match is worked
 * out once per label of the journey's dictionary (not once per step), and a step is its label
 * byte and a varint time. The walk is funnel_run's: the events of one time are taken together,
 * in funnel-step order; steps that match no funnel step give it nothing (strict_order, where
 * they do, reads the decoded steps instead).
 */
static int
funnel_compact(CompactReader *r, const FunnelStep *funnel, int nfunnel, int64 window, int mode,
			   int64 *times)
{
	uint32		channel_mask[16];
	uint32		action_mask[16];	/* [0]: no action */
	int64		count[FUNNEL_MAX_STEPS + 1];	/* the events of this time per step */
	FunnelWalk	w;
	TimestampTz at,
				group_at = 0;
	bool		grouped = false,
				more = true;
	uint8		label;
	int			i,
				k;

	for (i = 0; i < r->nchannels; i++)
	{
		channel_mask[i] = 0;
		for (k = 0; k < nfunnel; k++)
			if (funnel[k].channel == NULL ||
				(funnel[k].channel_len == r->channel_len[i] &&
				 label_equal(funnel[k].channel, r->channel[i], r->channel_len[i])))
				channel_mask[i] |= 1u << k;
	}
	for (i = 0; i <= r->nactions; i++)
	{
		action_mask[i] = 0;
		for (k = 0; k < nfunnel; k++)
			if (funnel[k].action == NULL ||
				(i > 0 && funnel[k].action_len == r->action_len[i - 1] &&
				 label_equal(funnel[k].action, r->action[i - 1], r->action_len[i - 1])))
				action_mask[i] |= 1u << k;
	}
	funnel_walk_start(&w, nfunnel, window, mode);
	while (more && journey_compact_next(r, &label, &at))
	{
		uint32		match = channel_mask[label >> 4] & action_mask[label & 0x0F];

		if ((r->i & 0x0FFF) == 0)	/* a compact journey holds up to 16,384 steps */
			CHECK_FOR_INTERRUPTS();
		if (match == 0)
			continue;
		if (grouped && at != group_at)
		{
			more = funnel_walk_counts(&w, group_at, count, nfunnel);
			grouped = false;
		}
		if (!grouped)
		{
			for (k = 0; k <= nfunnel; k++)
				count[k] = 0;
			group_at = at;
			grouped = true;
		}
		for (k = 0; k < nfunnel; k++)
			if (match & (1u << k))
				count[k + 1]++;
	}
	if (more && grouped)
		funnel_walk_counts(&w, group_at, count, nfunnel);
	return funnel_walk_finish(&w, times);
}

/*
 * funnel_level and funnel_times over a journey: a stored journey is read in place, one step at
 * a time (memory for one step's events, whatever the journey's length); the steps and mode
 * arguments are parsed once per call site.
 */
static int
funnel_from_args(FunctionCallInfo fcinfo, int64 *times)
{
	Journey    *j = journey_arg_stored(fcinfo, 0);
	int			nfunnel,
				mode;
	const FunnelStep *funnel = funnel_args_cached(fcinfo, 1, 3, &nfunnel, &mode);
	int64		window = cxm_interval_usecs(PG_GETARG_INTERVAL_P(2), "funnel window");
	StepCursor	c = {0};

	if (journey_is_compact(j))
	{
		CompactReader r;

		if (!(mode & MODE_STRICT_ORDER) && journey_compact_open(j, &r))
			return funnel_compact(&r, funnel, nfunnel, window, mode, times);
		c.steps = journey_steps(j, &c.n);
	}
	else if (j->flags & JOURNEY_SORTED)
	{
		c.records = j->records;
		c.n = j->nsteps;
	}
	else
		c.steps = journey_steps(j, &c.n);
	return funnel_run(&c, funnel, nfunnel, window, mode, times);
}

PG_FUNCTION_INFO_V1(funnel_level);
Datum
funnel_level(PG_FUNCTION_ARGS)
{
	int64		times[FUNNEL_MAX_STEPS];

	PG_RETURN_INT32(funnel_from_args(fcinfo, times));
}

/* funnel_times(...): interval[] from step 1 to each reached step ('00:00:00' first) */
PG_FUNCTION_INFO_V1(funnel_times);
Datum
funnel_times(PG_FUNCTION_ARGS)
{
	int64		times[FUNNEL_MAX_STEPS];
	int			level = funnel_from_args(fcinfo, times);
	Datum		items[FUNNEL_MAX_STEPS];
	bool		nulls[FUNNEL_MAX_STEPS];
	int			dims[1] = {level};
	int			lbs[1] = {1};
	int			i;

	for (i = 0; i < level; i++)
	{
		Interval   *span = palloc0(sizeof(Interval));

		nulls[i] = times[i] < 0;
		span->time = times[i];
		items[i] = IntervalPGetDatum(span);
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(items, nulls, 1, dims, lbs, INTERVALOID,
											 sizeof(Interval), false, TYPALIGN_DOUBLE));
}

/* funnel_times_seconds(...): funnel_times in seconds, float8[] (for BI tools) */
PG_FUNCTION_INFO_V1(funnel_times_seconds);
Datum
funnel_times_seconds(PG_FUNCTION_ARGS)
{
	int64		times[FUNNEL_MAX_STEPS];
	int			level = funnel_from_args(fcinfo, times);
	Datum		items[FUNNEL_MAX_STEPS];
	bool		nulls[FUNNEL_MAX_STEPS];
	int			dims[1] = {level};
	int			lbs[1] = {1};
	int			i;

	for (i = 0; i < level; i++)
	{
		nulls[i] = times[i] < 0;
		items[i] = Float8GetDatum(nulls[i] ? 0 : journey_usecs_seconds(times[i]));
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(items, nulls, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* ---- funnel_agg: the funnel straight from touchpoints ------------------------------------- */

/*
 * funnel_state keeps the funnel's definition and, instead of the whole journey, only the events
 * the funnel needs (time and funnel step, 16 bytes each): a 24-byte header, the step labels
 * separated by NUL bytes (padded to 8 bytes), then the events in arrival order. While the
 * aggregate runs the buffer has free space at its end, as a journey's has.
 */
typedef struct FunnelState
{
	int32		vl_len_;
	uint8		version;
	uint8		mode;
	uint8		nfunnel;
	uint8		reserved;
	int32		nevents;
	int32		labels_len;
	int64		window;
	char		data[FLEXIBLE_ARRAY_MEMBER];
} FunnelState;

#define FUNNEL_STATE_VERSION 1
#define FUNNEL_STATE_HEADER offsetof(FunnelState, data)
#define FUNNEL_EVENTS(s) ((FunnelEvent *) ((s)->data + MAXALIGN((s)->labels_len)))
#define FUNNEL_USED(s) (FUNNEL_STATE_HEADER + MAXALIGN((s)->labels_len) + \
						(Size) (s)->nevents * sizeof(FunnelEvent))

/* The funnel definition parsed once per call site. */
typedef struct FunnelCache
{
	ArrayType  *steps_array;	/* the argument it was parsed from (a copy) */
	int			nfunnel;
	FunnelStep	funnel[FUNNEL_MAX_STEPS];
	char	   *labels;			/* the labels, NUL-separated, as stored in the state */
	int			labels_len;
	char		mode_text[64];	/* the last mode argument, and what it parsed to */
	int			mode_len;
	int			mode;
	/*
	 * When steps, window and mode are constants of the query, window and mode as read from the
	 * first row: later rows read nothing, and every state this call site made has them.
	 */
	bool		args_constant;
	bool		constant_ready;
	int64		constant_window;
	int			constant_mode;
} FunnelCache;

/* Parses the steps into `definition` (allocating in CurrentMemoryContext). */
static void
funnel_definition(ArrayType *steps, FunnelCache *definition)
{
	StringInfoData labels;
	int			k;

	definition->steps_array = (ArrayType *) palloc(VARSIZE(steps));
	memcpy(definition->steps_array, steps, VARSIZE(steps));
	definition->nfunnel = parse_steps(definition->steps_array, definition->funnel);
	initStringInfo(&labels);
	for (k = 0; k < definition->nfunnel; k++)
	{
		appendStringInfoString(&labels, definition->funnel[k].label);
		appendStringInfoChar(&labels, '\0');
	}
	definition->labels = labels.data;
	definition->labels_len = labels.len;
}

/*
 * Whether the aggregate call's arguments after the touchpoint are all constants. Only the
 * executor's own call of funnel_agg can tell: a caller that runs the transition function itself
 * (Citus's worker_partial_agg) passes no call expression (fn_expr), and the Aggref of its context
 * is that caller's, with other arguments; there every row's arguments are checked.
 */
static bool
funnel_args_constant(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	ListCell   *lc;
	int			i = 0;
	bool		constant = true;

	if (aggref == NULL || fcinfo->flinfo->fn_expr == NULL)
		return false;			/* a window aggregate, or called by another function */
	foreach(lc, aggref->args)
	{
		TargetEntry *te = (TargetEntry *) lfirst(lc);

		if (te->resjunk)
			continue;
		if (i++ > 0 && !IsA(te->expr, Const))
			constant = false;
	}
	return constant && i == PG_NARGS() - 1;
}

/* The parsed funnel of this call site's steps argument, parsed again only when it changes. */
static FunnelCache *
funnel_cache(FunctionCallInfo fcinfo, ArrayType *steps)
{
	FunnelCache *cache = (FunnelCache *) fcinfo->flinfo->fn_extra;
	MemoryContext old;

	if (cache != NULL && VARSIZE(cache->steps_array) == VARSIZE(steps) &&
		memcmp(cache->steps_array, steps, VARSIZE(steps)) == 0)
		return cache;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cache = palloc0(sizeof(FunnelCache));
	funnel_definition(steps, cache);
	cache->args_constant = funnel_args_constant(fcinfo);
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = cache;
	return cache;
}

/* The mode argument argno (absent or NULL: the default), parsed once per call site, not per row. */
static int
cached_mode(FunctionCallInfo fcinfo, FunnelCache *cache, int argno)
{
	text	   *mode_arg;
	int			len,
				mode;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return MODE_DEFAULT;
	mode_arg = PG_GETARG_TEXT_PP(argno);
	len = VARSIZE_ANY_EXHDR(mode_arg);
	if (cache->mode_len == len && len > 0 && memcmp(cache->mode_text, VARDATA_ANY(mode_arg), len) == 0)
		return cache->mode;
	mode = parse_mode(fcinfo, argno);
	if (len < (int) sizeof(cache->mode_text))
	{
		memcpy(cache->mode_text, VARDATA_ANY(mode_arg), len);
		cache->mode_len = len;
		cache->mode = mode;
	}
	return mode;
}

static const FunnelStep *
funnel_args_cached(FunctionCallInfo fcinfo, int steps_argno, int mode_argno, int *nfunnel,
				   int *mode)
{
	FunnelCache *cache = funnel_cache(fcinfo, PG_GETARG_ARRAYTYPE_P(steps_argno));

	*nfunnel = cache->nfunnel;
	*mode = cached_mode(fcinfo, cache, mode_argno);
	return cache->funnel;
}

/*
 * Events a new state has room for: at least 4 (most customers match a funnel a few times),
 * rounded up so that the state fills its power-of-two allocation chunk exactly. A bigger start
 * would make every customer's state (and the aggregate's memory) several times larger.
 */
static int
funnel_initial_capacity(const FunnelCache *cache)
{
	Size		fixed = FUNNEL_STATE_HEADER + MAXALIGN(cache->labels_len);
	Size		size = 64;

	while (size < fixed + 4 * sizeof(FunnelEvent))
		size *= 2;
	return (int) ((size - fixed) / sizeof(FunnelEvent));
}

static FunnelState *
funnel_state_new(const FunnelCache *cache, int64 window, int mode, int capacity)
{
	Size		size = FUNNEL_STATE_HEADER + MAXALIGN(cache->labels_len) +
		(Size) capacity * sizeof(FunnelEvent);
	FunnelState *s = palloc0(size);

	SET_VARSIZE(s, size);
	s->version = FUNNEL_STATE_VERSION;
	s->mode = mode;
	s->nfunnel = cache->nfunnel;
	s->labels_len = cache->labels_len;
	s->window = window;
	memcpy(s->data, cache->labels, cache->labels_len);
	return s;
}

/*
 * A funnel state that grows past FUNNEL_EXPAND_BYTES (the events of a long journey, most often
 * the one group of an aggregate over everything) moves into an expanded object that grows in
 * place, as a journey being built does (journey.c, journey_reserve): no copies on growth.
 */
#define FUNNEL_EXPAND_BYTES (64 * 1024)

typedef struct ExpandedFunnel
{
	ExpandedObjectHeader hdr;
	FunnelState *flat;			/* VARSIZE: its capacity */
} ExpandedFunnel;

static Size
expanded_funnel_flat_size(ExpandedObjectHeader *eohptr)
{
	return FUNNEL_USED(((ExpandedFunnel *) eohptr)->flat);
}

static void
expanded_funnel_flatten(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	memcpy(result, ((ExpandedFunnel *) eohptr)->flat, allocated_size);
	SET_VARSIZE(result, allocated_size);
}

static const ExpandedObjectMethods expanded_funnel_methods = {
	expanded_funnel_flat_size,
	expanded_funnel_flatten
};

/* the flat state behind a state datum's pointer: p, or an expanded state's buffer */
static FunnelState *
funnel_state_flat(Pointer p)
{
	if (p != NULL && VARATT_IS_EXTERNAL_EXPANDED(p))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(PointerGetDatum(p));

		if (eoh->eoh_methods == &expanded_funnel_methods)
			return ((ExpandedFunnel *) eoh)->flat;
	}
	return (FunnelState *) p;
}

/*
 * Room for n more events in the state (flat, or an expanded state's read-write pointer): an
 * expanded state grows in place; a flat one as a bigger copy in the per-call context (the
 * executor moves it into the aggregate's context), or past FUNNEL_EXPAND_BYTES in an aggregate
 * as a new expanded state.
 */
static Pointer
funnel_state_reserve(FunctionCallInfo fcinfo, Pointer state, int n)
{
	FunnelState *s = funnel_state_flat(state);
	Size		need = FUNNEL_USED(s) + (Size) n * sizeof(FunnelEvent);
	Size		size = VARSIZE(s);
	MemoryContext aggcontext;
	FunnelState *bigger;

	if (need <= size)
		return state;
	if ((int64) s->nevents + n > (int64) cxm_max_journey_steps * FUNNEL_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("funnel has more than %d touchpoints", cxm_max_journey_steps),
				 errhint("Raise the limit with SET cxm.max_journey_steps = ... (up to 10000000).")));
	cxm_check_alloc_bytes(need, "the events of a funnel");
	while (size < need)
		size = Min(size * 2, MaxAllocSize);
	if ((Pointer) s != state)
	{
		ExpandedFunnel *e = (ExpandedFunnel *) DatumGetEOHP(PointerGetDatum(state));

		e->flat = repalloc(s, size);
		SET_VARSIZE(e->flat, size);
		return state;
	}
	if (size >= FUNNEL_EXPAND_BYTES && AggCheckCallContext(fcinfo, &aggcontext))
	{
		MemoryContext context = AllocSetContextCreate(aggcontext, "cxm funnel state",
													  ALLOCSET_DEFAULT_SIZES);
		ExpandedFunnel *e = MemoryContextAlloc(context, sizeof(ExpandedFunnel));

		EOH_init_header(&e->hdr, &expanded_funnel_methods, context);
		e->flat = MemoryContextAlloc(context, size);
		memcpy(e->flat, s, FUNNEL_USED(s));
		SET_VARSIZE(e->flat, size);
		return DatumGetPointer(EOHPGetRWDatum(&e->hdr));
	}
	bigger = palloc(size);
	memcpy(bigger, s, FUNNEL_USED(s));
	SET_VARSIZE(bigger, size);
	return (Pointer) bigger;
}

/* A mode as its names: 'default' or e.g. 'strict_order,strict_increase'. */
static const char *
mode_text(int mode)
{
	StringInfoData out;

	if (mode == MODE_DEFAULT)
		return "default";
	initStringInfo(&out);
	if (mode & MODE_STRICT_ORDER)
		appendStringInfoString(&out, "strict_order");
	if (mode & MODE_STRICT_DEDUPLICATION)
		appendStringInfo(&out, "%sstrict_deduplication", out.len ? "," : "");
	if (mode & MODE_STRICT_INCREASE)
		appendStringInfo(&out, "%sstrict_increase", out.len ? "," : "");
	return out.data;
}

/* What differs between funnel definitions, for messages: "the window changes from 1 day to 2 days". */
static char *
funnel_difference(int mode_a, int64 window_a, const char *labels_a, int len_a,
				  int mode_b, int64 window_b, const char *labels_b, int len_b)
{
	if (window_a != window_b)
		return psprintf("the window changes from '%s' to '%s'", cxm_usecs_text(window_a),
						cxm_usecs_text(window_b));
	if (mode_a != mode_b)
		return psprintf("the mode changes from '%s' to '%s'", mode_text(mode_a), mode_text(mode_b));
	if (len_a != len_b || memcmp(labels_a, labels_b, len_a) != 0)
		return "the steps change";
	return "nothing";
}

static bool
same_funnel(const FunnelState *a, const FunnelState *b)
{
	return a->mode == b->mode && a->nfunnel == b->nfunnel && a->window == b->window &&
		a->labels_len == b->labels_len && memcmp(a->data, b->data, a->labels_len) == 0;
}

/*
 * Reads funnel_agg's steps (returns their parsed cache), window and mode; when all three are
 * constants of the query, keeps window and mode in the cache for the rows to come.
 */
static FunnelCache *
funnel_trans_args(FunctionCallInfo fcinfo, int64 *window, int *mode)
{
	FunnelCache *cache;

	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_agg %s must not be NULL", PG_ARGISNULL(2) ? "steps" : "window"),
				 errhint("Pass the funnel steps as a text array and the window as an interval.")));
	cache = funnel_cache(fcinfo, PG_GETARG_ARRAYTYPE_P(2));
	*window = cxm_interval_usecs(PG_GETARG_INTERVAL_P(3), "funnel window");
	*mode = cached_mode(fcinfo, cache, 4);
	if (cache->args_constant)
	{
		cache->constant_window = *window;
		cache->constant_mode = *mode;
		cache->constant_ready = true;
	}
	return cache;
}

/* mode_text's form of each mode, indexed by its bits */
static const char *const canonical_modes[8] = {
	"default", "strict_order", "strict_deduplication", "strict_order,strict_deduplication",
	"strict_increase", "strict_order,strict_increase", "strict_deduplication,strict_increase",
	"strict_order,strict_deduplication,strict_increase"
};

/*
 * Whether the steps argument is, label by label, the steps a state holds. Those labels were
 * checked when the state was made, so such steps need no parsing nor checking again.
 */
static bool
steps_are_state_labels(ArrayType *array, const FunnelState *s)
{
	const char *label = s->data;
	const char *end = s->data + s->labels_len;
	char	   *p;
	int			k;

	if (ARR_NDIM(array) != 1 || ARR_HASNULL(array) || ARR_ELEMTYPE(array) != TEXTOID ||
		ARR_DIMS(array)[0] != s->nfunnel)
		return false;
	p = ARR_DATA_PTR(array);
	for (k = 0; k < s->nfunnel; k++)
	{
		int			len = VARSIZE_ANY_EXHDR(p);

		if (len >= end - label || memcmp(VARDATA_ANY(p), label, len) != 0 || label[len] != '\0')
			return false;
		label += len + 1;
		p = att_addlength_pointer(p, -1, p);
		p = (char *) att_align_nominal(p, TYPALIGN_INT);
	}
	return label == end;
}

/*
 * The funnel of a state, from its labels (checked when the state was made), into funnel[]
 * (pointing into the state). Returns the number of steps.
 */
static int
state_funnel(const FunnelState *s, FunnelStep *funnel)
{
	char	   *label = (char *) s->data;
	int			k;

	for (k = 0; k < s->nfunnel; k++)
	{
		int			len = strlen(label);
		char	   *slash = memchr(label, '/', len);

		funnel[k].label = label;
		funnel[k].channel = label;
		funnel[k].channel_len = slash ? slash - label : len;
		funnel[k].action = slash ? slash + 1 : NULL;
		funnel[k].action_len = slash ? len - (slash + 1 - label) : 0;
		if (is_wildcard(funnel[k].channel, funnel[k].channel_len))
			funnel[k].channel = NULL;
		if (slash && is_wildcard(funnel[k].action, funnel[k].action_len))
			funnel[k].action = NULL;
		label += len + 1;
	}
	return s->nfunnel;
}

/*
 * The row's arguments checked against the group's state without parsing them, for callers that
 * set funnel_agg up again for every row (Citus's worker_partial_agg), where no cache survives:
 * true when steps, window and mode are the state's (then funnel[] holds the state's funnel);
 * false when they may differ, and the full reading decides (and reports the difference). Reads
 * in the same order as funnel_trans_args, so any error it raises is the one that raises.
 */
static bool
args_are_state_funnel(FunctionCallInfo fcinfo, const FunnelState *s, FunnelStep *funnel)
{
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3) ||
		!steps_are_state_labels(PG_GETARG_ARRAYTYPE_P(2), s) ||
		cxm_interval_usecs(PG_GETARG_INTERVAL_P(3), "funnel window") != s->window)
		return false;
	if (PG_NARGS() > 4 && !PG_ARGISNULL(4))
	{
		text	   *mode_arg = PG_GETARG_TEXT_PP(4);
		const char *canonical = canonical_modes[s->mode & 7];
		int			len = VARSIZE_ANY_EXHDR(mode_arg);

		if ((len != (int) strlen(canonical) || memcmp(VARDATA_ANY(mode_arg), canonical, len) != 0) &&
			parse_mode(fcinfo, 4) != s->mode)
			return false;
	}
	else if (s->mode != MODE_DEFAULT)
		return false;
	state_funnel(s, funnel);
	return true;
}

/* funnel_agg(tp, steps, within [, mode]) transition: records the touchpoint's funnel events */
PG_FUNCTION_INFO_V1(funnel_agg_trans);
Datum
funnel_agg_trans(PG_FUNCTION_ARGS)
{
	Pointer		state = PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0);
	FunnelState *s = funnel_state_flat(state);
	FunnelCache *cache;
	int64		window;
	int			mode;
	JourneyStep step;
	TouchpointView v;
	FunnelEvent events[FUNNEL_MAX_STEPS];
	FunnelStep	state_steps[FUNNEL_MAX_STEPS];
	const FunnelStep *funnel;
	int			nfunnel;
	int			n;
	bool		constant;

	cxm_require_aggregate(fcinfo, "funnel_agg_trans", "funnel_agg(tp, steps, within [, mode])");
	cache = (FunnelCache *) fcinfo->flinfo->fn_extra;
	constant = cache != NULL && cache->constant_ready;
	if (constant)
	{
		window = cache->constant_window;
		mode = cache->constant_mode;
		funnel = cache->funnel;
		nfunnel = cache->nfunnel;
	}
	else if (cache == NULL && s != NULL && args_are_state_funnel(fcinfo, s, state_steps))
	{
		/* set up again for this row (no cache): the group's state has the funnel */
		window = s->window;
		mode = s->mode;
		funnel = state_steps;
		nfunnel = s->nfunnel;
		constant = true;		/* already checked against the state */
	}
	else
	{
		cache = funnel_trans_args(fcinfo, &window, &mode);
		funnel = cache->funnel;
		nfunnel = cache->nfunnel;
	}
	if (s == NULL)
		state = (Pointer) (s = funnel_state_new(cache, window, mode, funnel_initial_capacity(cache)));
	/* constant arguments are the same in every state this call site made */
	else if (!constant &&
			 (s->mode != mode || s->window != window || s->labels_len != cache->labels_len ||
			  memcmp(s->data, cache->labels, cache->labels_len) != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_agg steps, window or mode changed within one group"),
				 errdetail("Within the group %s.",
						   funnel_difference(s->mode, s->window, s->data, s->labels_len,
											 mode, window, cache->labels, cache->labels_len)),
				 errhint("Pass constant funnel arguments.")));
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	touchpoint_view(PG_GETARG_TOUCHPOINT_P(1), &v);
	step.at = v.occurred_at;
	step.channel = v.channel;
	step.channel_len = v.channel_len;
	step.action = v.action;
	step.action_len = v.action_len;
	n = step_events(&step, funnel, nfunnel, mode, events);
	if (n == 0)
		PG_RETURN_POINTER(state);
	state = funnel_state_reserve(fcinfo, state, n);
	s = funnel_state_flat(state);
	memcpy(FUNNEL_EVENTS(s) + s->nevents, events, n * sizeof(FunnelEvent));
	s->nevents += n;
	PG_RETURN_POINTER(state);
}

static FunnelState *
funnel_state_arg(FunctionCallInfo fcinfo, int argno)
{
	FunnelState *s = funnel_state_flat(PG_GETARG_POINTER(argno));

	/* an aggregate's expanded state is read in place; anything else detoasted */
	if (s == (FunnelState *) PG_GETARG_POINTER(argno))
		s = (FunnelState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < FUNNEL_STATE_HEADER || s->version != FUNNEL_STATE_VERSION ||
		s->labels_len < 0 || s->nevents < 0 || FUNNEL_USED(s) > VARSIZE(s))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("funnel_state value has an unsupported format (version %d)", s->version)));
	return s;
}

PG_FUNCTION_INFO_V1(funnel_agg_combine);
Datum
funnel_agg_combine(PG_FUNCTION_ARGS)
{
	FunnelState *a = funnel_state_arg(fcinfo, 0);
	FunnelState *b = funnel_state_arg(fcinfo, 1);
	Pointer		state;

	if (!same_funnel(a, b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine funnel states of different funnels"),
				 errdetail("Between the two, %s.",
						   funnel_difference(a->mode, a->window, a->data, a->labels_len,
											 b->mode, b->window, b->data, b->labels_len)),
				 errhint("Use the same steps, window and mode in every partial aggregate.")));
	if (!cxm_may_modify_arg0(fcinfo, a))
	{
		FunnelState *copy = palloc(FUNNEL_USED(a));

		memcpy(copy, a, FUNNEL_USED(a));
		SET_VARSIZE(copy, FUNNEL_USED(a));
		a = copy;
	}
	state = funnel_state_reserve(fcinfo, (Pointer) a, b->nevents);
	a = funnel_state_flat(state);
	memcpy(FUNNEL_EVENTS(a) + a->nevents, FUNNEL_EVENTS(b), b->nevents * sizeof(FunnelEvent));
	a->nevents += b->nevents;
	PG_RETURN_POINTER(state);
}

/* The state's events sorted (a copy). */
static FunnelEvent *
sorted_events(const FunnelState *s)
{
	FunnelEvent *events = cxm_alloc_array(s->nevents, sizeof(FunnelEvent), "the events of a funnel");

	memcpy(events, FUNNEL_EVENTS(s), s->nevents * sizeof(FunnelEvent));
	cxm_qsort(events, s->nevents, sizeof(FunnelEvent), event_cmp);
	return events;
}

PG_FUNCTION_INFO_V1(funnel_agg_final);
Datum
funnel_agg_final(PG_FUNCTION_ARGS)
{
	FunnelState *s = funnel_state_arg(fcinfo, 0);
	int64		times[FUNNEL_MAX_STEPS];

	PG_RETURN_INT32(funnel_evaluate(sorted_events(s), s->nevents, s->nfunnel, s->window,
									s->mode, times));
}

/* ---- funnel_state I/O --------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(funnel_state_out);
Datum
funnel_state_out(PG_FUNCTION_ARGS)
{
	FunnelState *s = funnel_state_arg(fcinfo, 0);
	FunnelEvent *events = sorted_events(s);
	StringInfoData out;
	const char *label = s->data;
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"steps\": [", s->version);
	for (i = 0; i < s->nfunnel; i++)
	{
		appendStringInfo(&out, "%s\"%s\"", i ? ", " : "", label);
		label += strlen(label) + 1;
	}
	appendStringInfo(&out, "], \"window_usecs\": " INT64_FORMAT ", \"mode\": \"%s\", \"event_times\": [",
					 s->window, mode_text(s->mode));
	for (i = 0; i < s->nevents; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s" INT64_FORMAT, i ? ", " : "", (int64) events[i].at);
	}
	appendStringInfoString(&out, "], \"event_steps\": [");
	for (i = 0; i < s->nevents; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s%d", i ? ", " : "", events[i].step);
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

enum funnel_key
{
	FK_VERSION, FK_STEPS, FK_WINDOW, FK_MODE, FK_TIMES, FK_EVENT_STEPS, FK_COUNT
};
static const char *const funnel_keys[FK_COUNT] = {
	"version", "steps", "window_usecs", "mode", "event_times", "event_steps"
};

PG_FUNCTION_INFO_V1(funnel_state_in);
Datum
funnel_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	CxmJsonValue v[FK_COUNT];
	char	   *problem = NULL;
	int64		version,
				window,
				number;
	ArrayType  *steps;
	Datum	   *labels;
	FunnelCache definition;
	FunnelCache *cache = &definition;
	FunnelState *s;
	int			i,
				mode;
	LOCAL_FCINFO(mode_call, 5);

	if (!cxm_json_read(input, funnel_keys, FK_COUNT, v, &problem) ||
		!cxm_json_expect(&v[FK_VERSION], "version", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[FK_VERSION].text, v[FK_VERSION].len, &version, &problem) ||
		!cxm_json_expect(&v[FK_STEPS], "steps", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[FK_WINDOW], "window_usecs", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[FK_WINDOW].text, v[FK_WINDOW].len, &window, &problem) ||
		!cxm_json_expect(&v[FK_MODE], "mode", CXM_JSON_STRING, &problem) ||
		!cxm_json_expect(&v[FK_TIMES], "event_times", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[FK_EVENT_STEPS], "event_steps", CXM_JSON_ARRAY, &problem))
		goto invalid;
	if (version != FUNNEL_STATE_VERSION || window <= 0 ||
		(v[FK_STEPS].nitems > 0 && !v[FK_STEPS].strings) ||
		v[FK_TIMES].nitems != v[FK_EVENT_STEPS].nitems || v[FK_TIMES].strings ||
		v[FK_EVENT_STEPS].strings)
	{
		problem = "version 1, a positive window, step labels and events of equal counts are required";
		goto invalid;
	}
	/* steps and mode go through the same checks as the aggregate's arguments */
	labels = palloc(Max(v[FK_STEPS].nitems, 1) * sizeof(Datum));
	for (i = 0; i < v[FK_STEPS].nitems; i++)
		labels[i] = PointerGetDatum(cstring_to_text_with_len(v[FK_STEPS].items[i],
															 v[FK_STEPS].item_lens[i]));
	steps = construct_array(labels, v[FK_STEPS].nitems, TEXTOID, -1, false, TYPALIGN_INT);
	funnel_definition(steps, &definition);
	InitFunctionCallInfoData(*mode_call, NULL, 5, InvalidOid, NULL, NULL);
	mode_call->args[4].value = PointerGetDatum(cstring_to_text_with_len(v[FK_MODE].text, v[FK_MODE].len));
	mode_call->args[4].isnull = false;
	mode = parse_mode(mode_call, 4);
	s = funnel_state_new(cache, window, mode, v[FK_TIMES].nitems);
	for (i = 0; i < v[FK_TIMES].nitems; i++)
	{
		FunnelEvent *e = FUNNEL_EVENTS(s) + i;

		CHECK_FOR_INTERRUPTS();
		if (!cxm_json_int64(v[FK_TIMES].items[i], v[FK_TIMES].item_lens[i], &e->at, &problem) ||
			!cxm_json_int64(v[FK_EVENT_STEPS].items[i], v[FK_EVENT_STEPS].item_lens[i], &number, &problem))
			goto invalid;
		if (number < ((mode & MODE_STRICT_ORDER) ? -1 : 0) || number >= cache->nfunnel ||
			!IS_VALID_TIMESTAMP(e->at))
		{
			problem = psprintf("event %d has an invalid time or step", i + 1);
			goto invalid;
		}
		e->step = (int) number;
	}
	s->nevents = v[FK_TIMES].nitems;
	PG_RETURN_POINTER(s);
invalid:
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type funnel_state: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The funnel state is invalid: %s.", problem),
			 errhint("A funnel_state is the text that a partial funnel_agg produced.")));
}

/* Binary form: the text form's bytes (funnel states only travel between servers). */
PG_FUNCTION_INFO_V1(funnel_state_send);
Datum
funnel_state_send(PG_FUNCTION_ARGS)
{
	char	   *text = DatumGetCString(funnel_state_out(fcinfo));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendtext(&buf, text, strlen(text));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(funnel_state_recv);
Datum
funnel_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len;
	char	   *text = pq_getmsgtext(buf, buf->len - buf->cursor, &len);

	return DirectFunctionCall1(funnel_state_in, CStringGetDatum(text));
}

PG_FUNCTION_INFO_V1(funnel_state_eq);
Datum
funnel_state_eq(PG_FUNCTION_ARGS)
{
	FunnelState *a = funnel_state_arg(fcinfo, 0);
	FunnelState *b = funnel_state_arg(fcinfo, 1);
	FunnelEvent *ea,
			   *eb;
	int			i;

	if (!same_funnel(a, b) || a->nevents != b->nevents)
		PG_RETURN_BOOL(false);
	ea = sorted_events(a);
	eb = sorted_events(b);
	for (i = 0; i < a->nevents; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (event_cmp(&ea[i], &eb[i]) != 0)
			PG_RETURN_BOOL(false);
	}
	PG_RETURN_BOOL(true);
}

/*
 * The comparison key of a funnel_state (type_compare.h): the funnel, then its events sorted, as
 * funnel_state_eq compares them.
 */
void
funnel_state_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	FunnelState *s = funnel_state_arg(fcinfo, argno);
	FunnelEvent *events = sorted_events(s);
	int			i;

	cxm_key_uint(key, s->mode, 1);
	cxm_key_uint(key, s->nfunnel, 1);
	cxm_key_int(key, s->window, 8);
	cxm_key_bytes(key, s->data, s->labels_len);
	cxm_key_int(key, s->nevents, 4);
	for (i = 0; i < s->nevents; i++)
	{
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		cxm_key_int(key, events[i].at, 8);
		cxm_key_int(key, events[i].step, 4);
	}
	pfree(events);
}
