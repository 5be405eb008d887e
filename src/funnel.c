/*
 * funnel.c: conversion funnels over journeys with ClickHouse windowFunnel semantics:
 * funnel_level(j, steps, within [, mode]) is the number of consecutive funnel steps reached by a
 * chain that starts with step 1 and ends within `within` of it (inclusive); funnel_times(...)
 * gives that chain's time from step 1 to each reached step.
 *
 * Matching: a funnel step 'web' matches touchpoints of channel web (any action); 'web/view'
 * matches channel web with action view. A touchpoint that matches several funnel steps counts
 * as an event for each; events are processed by time, then by funnel step (so equal times are
 * handled as ClickHouse does). Modes, as in ClickHouse:
 *   'default'              chains may skip unmatched touchpoints and repeat steps;
 *   'strict_order'         any touchpoint that matches no funnel step, once the funnel has
 *                          started, ends the search (ClickHouse: events in between break it);
 *   'strict_deduplication' a step matched again before the next step ends the search;
 *   'strict_increase'      each step must come strictly later than the one before.
 */
#include "journey.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

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
	char	   *channel;
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

/* Reads the funnel steps: 1 to 32 non-NULL labels 'channel' or 'channel/action'. */
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
				 errmsg("funnel steps must be a one-dimensional array")));
	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &n);
	if (n < 1 || n > FUNNEL_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a funnel of %d steps is not supported", n),
				 errhint("Pass 1 to %d steps, e.g. ARRAY['search', 'web/product_view', 'web/purchase'].",
						 FUNNEL_MAX_STEPS)));
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
		steps[i].channel = label;
		steps[i].channel_len = slash ? slash - label : strlen(label);
		steps[i].action = slash ? slash + 1 : NULL;
		steps[i].action_len = slash ? strlen(slash + 1) : 0;
		problem = cxm_label_problem(steps[i].channel, steps[i].channel_len);
		if (problem == NULL && slash)
			problem = cxm_label_problem(steps[i].action, steps[i].action_len);
		if (problem != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel step \"%s\" is not a valid label: a label %s",
							cxm_quote_value(label, strlen(label)), problem),
					 errhint("Steps are 'channel' or 'channel/action'. " CXM_LABEL_HINT)));
	}
	return n;
}

static bool
step_matches(const FunnelStep *f, const JourneyStep *s)
{
	if (f->channel_len != s->channel_len || memcmp(f->channel, s->channel, f->channel_len) != 0)
		return false;
	if (f->action == NULL)
		return true;
	return s->action != NULL && s->action_len == f->action_len &&
		memcmp(s->action, f->action, f->action_len) == 0;
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
 * The level reached (0..nfunnel), and in times[] the offsets (usecs) from step 1 of the chain
 * held at that level (-1 where no chain holds a level below it, e.g. strict modes stopping early).
 */
static int
funnel_run(const JourneyStep *steps, int n, const FunnelStep *funnel, int nfunnel,
		   int64 window, int mode, int64 *times)
{
	FunnelEvent *events = palloc(Max((int64) n * (nfunnel + 1), 1) * sizeof(FunnelEvent));
	bool		reached[FUNNEL_MAX_STEPS] = {false};
	TimestampTz last_at[FUNNEL_MAX_STEPS];
	TimestampTz chain[FUNNEL_MAX_STEPS][FUNNEL_MAX_STEPS];	/* chain[k][i]: time of step i */
	bool		started = false;
	int			nevents = 0,
				level,
				result = -1,
				e,
				i,
				k;

	/* events, ordered by time and then funnel step, as windowFunnel orders them */
	for (i = 0; i < n; i++)
	{
		bool		matched = false;

		for (k = 0; k < nfunnel; k++)
			if (step_matches(&funnel[k], &steps[i]))
			{
				events[nevents].at = steps[i].at;
				events[nevents++].step = k;
				matched = true;
			}
		if (!matched && (mode & MODE_STRICT_ORDER))
		{
			events[nevents].at = steps[i].at;
			events[nevents++].step = -1;
		}
	}
	qsort(events, nevents, sizeof(FunnelEvent), event_cmp);

	for (e = 0; e < nevents && result < 0; e++)
	{
		TimestampTz at = events[e].at;

		k = events[e].step;
		if (k < 0)
		{
			if (started)
				break;			/* strict_order: an unmatched event ends the search */
		}
		else if (k == 0)
		{
			reached[0] = true;
			last_at[0] = at;
			chain[0][0] = at;
			started = true;
		}
		else if ((mode & MODE_STRICT_DEDUPLICATION) && reached[k])
			result = k + 1;
		else if ((mode & MODE_STRICT_ORDER) && started && !reached[k - 1])
			for (result = 0; result < nfunnel && reached[result]; result++)
				;
		else if (reached[k - 1] && at - chain[k - 1][0] <= window &&
				 (!(mode & MODE_STRICT_INCREASE) || last_at[k - 1] < at))
		{
			reached[k] = true;
			last_at[k] = at;
			memcpy(chain[k], chain[k - 1], k * sizeof(TimestampTz));
			chain[k][k] = at;
			if (k + 1 == nfunnel)
				result = nfunnel;
		}
	}
	if (result < 0)
		for (result = nfunnel; result > 0 && !reached[result - 1]; result--)
			;
	for (level = result; level > 0 && !reached[level - 1]; level--)
		;
	for (i = 0; i < result; i++)
		times[i] = i < level ? chain[level - 1][i] - chain[level - 1][0] : -1;
	return result;
}

static int
funnel_from_args(FunctionCallInfo fcinfo, int64 *times)
{
	Journey    *j = journey_arg(fcinfo, 0);
	FunnelStep	funnel[FUNNEL_MAX_STEPS];
	int			nfunnel = parse_steps(PG_GETARG_ARRAYTYPE_P(1), funnel);
	int64		window = cxm_interval_usecs(PG_GETARG_INTERVAL_P(2), "funnel window");
	int			mode = parse_mode(fcinfo, 3);
	int			n;
	JourneyStep *steps = journey_steps(j, &n);

	return funnel_run(steps, n, funnel, nfunnel, window, mode, times);
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
