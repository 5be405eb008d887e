/*
 * attribution.c: rule-based marketing attribution of one journey. attribute(j, model, value,
 * ...) shares a conversion's value among the touches before it by a fixed rule (first touch,
 * last touch, linear, time decay, position/U-shaped, W-shaped) and returns the credit per
 * channel (or channel/action). The data-driven models over many journeys live in markov.c
 * and shapley.c.
 */
#include "journey.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

typedef enum AttributionModel
{
	MODEL_FIRST_TOUCH,
	MODEL_LAST_TOUCH,
	MODEL_LINEAR,
	MODEL_TIME_DECAY,
	MODEL_POSITION,
	MODEL_W_SHAPED
} AttributionModel;

static const char *const model_names[] = {
	"first_touch", "last_touch", "linear", "time_decay", "position", "w_shaped"
};

#define MODEL_HINT "Models are first_touch, last_touch, linear, time_decay, position and w_shaped."

/* which touch of a channel counts when the channel occurs more than once */
typedef enum RepeatRule
{
	REPEATS_ALL,				/* every touch counts */
	REPEATS_FIRST,				/* each label's first touch in the window */
	REPEATS_LAST				/* each label's last touch in the window */
} RepeatRule;

/* One touch that may receive credit: its label and time. */
typedef struct Touch
{
	char	   *label;
	int			label_len;
	TimestampTz at;
	const JourneyStep *step;
	double		share;
} Touch;

static AttributionModel
parse_model(text *arg)
{
	char	   *name = text_to_cstring(arg);
	int			i;

	for (i = 0; i < lengthof(model_names); i++)
		if (strcmp(name, model_names[i]) == 0)
			return (AttributionModel) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("attribution model \"%s\" is not supported", cxm_quote_value(name, strlen(name))),
			 errhint(MODEL_HINT)));
	pg_unreachable();
}

/*
 * The group weights of the position and w_shaped models: (first, middle, last) and (first,
 * milestone, last, other) by default 0.4/0.2/0.4 and 0.3/0.3/0.3/0.1. Given weights must be
 * finite, non-negative and sum to 1.
 */
static void
read_weights(FunctionCallInfo fcinfo, int argno, AttributionModel model, double *weights)
{
	int			expected = model == MODEL_POSITION ? 3 : 4;
	ArrayType  *array;
	Datum	   *items;
	bool	   *nulls;
	int			n,
				i;
	double		sum = 0;

	if (model == MODEL_POSITION)
	{
		weights[0] = 0.4, weights[1] = 0.2, weights[2] = 0.4, weights[3] = 0;
	}
	else
	{
		weights[0] = 0.3, weights[1] = 0.3, weights[2] = 0.3, weights[3] = 0.1;
	}
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return;
	if (model != MODEL_POSITION && model != MODEL_W_SHAPED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attribution model \"%s\" takes no weights", model_names[model]),
				 errhint("Only the position and w_shaped models take weights.")));
	array = PG_GETARG_ARRAYTYPE_P(argno);
	deconstruct_array(array, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &items, &nulls, &n);
	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attribution weights must be a one-dimensional array, not %d-dimensional",
						ARR_NDIM(array)),
				 errhint("Give the weights as ARRAY[first, ...].")));
	if (n != expected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s model takes %d weights, not %d", model_names[model], expected, n),
				 errhint(model == MODEL_POSITION
						 ? "Give the weights of the first, the middle and the last touches, e.g. ARRAY[0.4, 0.2, 0.4]."
						 : "Give the weights of the first, the milestone, the last and the other touches, e.g. ARRAY[0.3, 0.3, 0.3, 0.1].")));
	for (i = 0; i < n; i++)
	{
		double		w = nulls[i] ? NAN : DatumGetFloat8(items[i]);

		CHECK_FOR_INTERRUPTS();
		if (nulls[i] || !isfinite(w) || w < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("attribution weight %d is %s", i + 1,
							nulls[i] ? "NULL" : psprintf("%g", w)),
					 errhint("Weights are finite, non-negative numbers that sum to 1.")));
		weights[i] = w;
		sum += w;
	}
	if (fabs(sum - 1) > 1e-9)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attribution weights sum to %g, not 1", sum),
				 errhint("Weights are finite, non-negative numbers that sum to 1.")));
}

static int
label_cmp(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	return r != 0 ? r : (alen > blen) - (alen < blen);
}

/* the label of a step: its channel, or channel/action when asked and the step has an action */
static char *
step_label(const JourneyStep *step, bool with_action, int *len)
{
	bool		add_action = with_action && step->action;
	char	   *label;

	*len = step->channel_len + (add_action ? 1 + step->action_len : 0);
	label = palloc(*len + 1);
	memcpy(label, step->channel, step->channel_len);
	if (add_action)
	{
		label[step->channel_len] = '/';
		memcpy(label + step->channel_len + 1, step->action, step->action_len);
	}
	label[*len] = '\0';
	return label;
}

static int
touch_order_cmp(const void *x, const void *y)
{
	const Touch *a = *(const Touch *const *) x;
	const Touch *b = *(const Touch *const *) y;
	int			r = label_cmp(a->label, a->label_len, b->label, b->label_len);

	return r != 0 ? r : (a > b) - (a < b);
}

/* pointers to the touches sorted by (label, time order): each label's touches adjacent */
static Touch **
touches_by_label(Touch *touches, int n)
{
	Touch	  **sorted = cxm_alloc_array(n, sizeof(Touch *), "the touches of a journey");
	int			i;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sorted[i] = &touches[i];
	}
	cxm_qsort(sorted, n, sizeof(Touch *), touch_order_cmp);
	return sorted;
}

static bool
same_label(const Touch *a, const Touch *b)
{
	return label_cmp(a->label, a->label_len, b->label, b->label_len) == 0;
}

/* Drops all but the first (or last) touch of each label, keeping time order. */
static int
apply_repeat_rule(Touch *touches, int n, RepeatRule rule)
{
	Touch	  **sorted = touches_by_label(touches, n);
	bool	   *keep = cxm_alloc_array0(n, sizeof(bool), "the touches of a journey");
	int			i,
				m = 0;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (rule == REPEATS_FIRST ? (i == 0 || !same_label(sorted[i - 1], sorted[i]))
			: (i == n - 1 || !same_label(sorted[i + 1], sorted[i])))
			keep[sorted[i] - touches] = true;
	}
	for (i = 0; i < n; i++)
		if (keep[i])
			touches[m++] = touches[i];
	return m;
}

/*
 * Shares of the touches by the group rule of the position and w_shaped models: touches form
 * groups (first, middle or milestone, last, other); a group's weight is split equally among
 * its touches; the weights of the groups that have touches are rescaled to sum to 1 (one
 * touch: 100%; two touches: first and last in the ratio of their weights). When the groups
 * that have touches all weigh 0, the touches share equally.
 */
static void
group_shares(Touch *touches, int n, const double *weights, int milestone)
{
	int			group_of[4] = {0, 0, 0, 0};
	int		   *group = cxm_alloc_array(n, sizeof(int), "the touches of a journey");
	double		total = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (i == 0)
			group[i] = 0;
		else if (i == n - 1)
			group[i] = 2;
		else if (milestone < 0)
			group[i] = 1;		/* position: the middle touches */
		else
			group[i] = i == milestone ? 1 : 3;
		group_of[group[i]]++;
	}
	for (i = 0; i < 4; i++)
		if (group_of[i] > 0)
			total += weights[i];
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		touches[i].share = total > 0 ? weights[group[i]] / total / group_of[group[i]] : 1.0 / n;
	}
}

/*
 * The w_shaped milestone among the touches strictly between the first and the last: the first
 * whose channel or channel/action equals `milestone`, or without one the middle touch (the
 * earlier of the two middle ones). -1 when there is no such touch.
 */
static int
find_milestone(const Touch *touches, int n, const char *milestone)
{
	int			i;

	if (n < 3)
		return -1;
	if (milestone == NULL)
		return (n - 1) / 2;
	for (i = 1; i < n - 1; i++)
	{
		const JourneyStep *s = touches[i].step;
		int			len;
		char	   *full;

		CHECK_FOR_INTERRUPTS();
		full = step_label(s, true, &len);

		if ((s->channel_len == strlen(milestone) && memcmp(s->channel, milestone, s->channel_len) == 0) ||
			strcmp(full, milestone) == 0)
			return i;
	}
	return -1;
}

/*
 * attribute(j, model, value, label, lookback, repeats, half_life, weights, converted_at,
 * milestone) -> TABLE(channel text, credit float8)
 */
PG_FUNCTION_INFO_V1(journey_attribute);
Datum
journey_attribute(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	AttributionModel model;
	double		value;
	bool		with_action = false;
	int64		lookback = -1;
	RepeatRule repeats = REPEATS_ALL;
	int64		half_life = INT64CONST(7) * USECS_PER_DAY;
	double		weights[4];
	char	   *milestone = NULL;
	TimestampTz converted_at;
	JourneyStep *steps;
	Touch	   *touches;
	int			nsteps,
				n = 0,
				i,
				k;
	Touch	  **sorted;
	double	   *total_share;
	bool	   *is_first;

	cxm_srf_begin(fcinfo, &srf);
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("attribution model is NULL"),
				 errhint(MODEL_HINT)));
	model = parse_model(PG_GETARG_TEXT_PP(1));
	value = PG_ARGISNULL(2) ? 0 : PG_GETARG_FLOAT8(2);
	if (!isfinite(value) || value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("conversion value %s is not allowed", psprintf("%g", value)),
				 errhint("The value to attribute is a finite, non-negative number.")));
	if (!PG_ARGISNULL(3))
	{
		char	   *label = text_to_cstring(PG_GETARG_TEXT_PP(3));

		if (strcmp(label, "channel/action") == 0)
			with_action = true;
		else if (strcmp(label, "channel") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("attribution label \"%s\" is not supported",
							cxm_quote_value(label, strlen(label))),
					 errhint("Credit channels ('channel') or channel/action pairs ('channel/action').")));
	}
	if (!PG_ARGISNULL(4))
		lookback = cxm_interval_usecs(PG_GETARG_INTERVAL_P(4), "lookback window");
	if (!PG_ARGISNULL(5))
	{
		char	   *rule = text_to_cstring(PG_GETARG_TEXT_PP(5));

		if (strcmp(rule, "first") == 0)
			repeats = REPEATS_FIRST;
		else if (strcmp(rule, "last") == 0)
			repeats = REPEATS_LAST;
		else if (strcmp(rule, "all") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("repeats rule \"%s\" is not supported", cxm_quote_value(rule, strlen(rule))),
					 errhint("Count every touch ('all') or each channel once, at its first ('first') "
							 "or its last ('last') touch.")));
	}
	if (!PG_ARGISNULL(6))
	{
		if (model != MODEL_TIME_DECAY)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("attribution model \"%s\" takes no half-life", model_names[model]),
					 errhint("Only the time_decay model takes a half-life.")));
		half_life = cxm_interval_usecs(PG_GETARG_INTERVAL_P(6), "half-life");
	}
	read_weights(fcinfo, 7, model, weights);
	if (!PG_ARGISNULL(9))
	{
		if (model != MODEL_W_SHAPED)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("attribution model \"%s\" takes no milestone", model_names[model]),
					 errhint("Only the w_shaped model takes a milestone (a channel or channel/action).")));
		milestone = text_to_cstring(PG_GETARG_TEXT_PP(9));
	}
	/* no journey or no value: nothing to attribute */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		return cxm_srf_end(&srf);

	steps = journey_arg_steps(fcinfo, 0, &nsteps);
	if (nsteps == 0)
		return cxm_srf_end(&srf);
	converted_at = PG_ARGISNULL(8) ? steps[nsteps - 1].at : PG_GETARG_TIMESTAMPTZ(8);

	/* the touches in the window: at or before the conversion, within the lookback */
	touches = cxm_alloc_array(nsteps, sizeof(Touch), "the touches of a journey");
	for (i = 0; i < nsteps; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (steps[i].at > converted_at ||
			(lookback >= 0 && (double) converted_at - (double) steps[i].at > (double) lookback))
			continue;
		touches[n].step = &steps[i];
		touches[n].at = steps[i].at;
		touches[n].label = step_label(&steps[i], with_action, &touches[n].label_len);
		n++;
	}
	if (repeats != REPEATS_ALL)
		n = apply_repeat_rule(touches, n, repeats);
	if (n == 0)
		return cxm_srf_end(&srf);

	is_first = cxm_alloc_array0(n, sizeof(bool), "the touches of a journey");
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		touches[i].share = 0;
	}
	switch (model)
	{
		case MODEL_FIRST_TOUCH:
			touches[0].share = 1;
			break;
		case MODEL_LAST_TOUCH:
			touches[n - 1].share = 1;
			break;
		case MODEL_LINEAR:
			for (i = 0; i < n; i++)
			{
				CHECK_FOR_INTERRUPTS();
				touches[i].share = 1.0 / n;
			}
			break;
		case MODEL_TIME_DECAY:
			{
				/*
				 * 2^(-(converted_at - at) / half_life), scaled by 2^((converted_at - latest) /
				 * half_life) so the latest touch weighs 1 and old touches cannot all underflow
				 */
				double		total = 0;

				for (i = 0; i < n; i++)
				{
					CHECK_FOR_INTERRUPTS();
					touches[i].share = exp2(-((double) touches[n - 1].at - (double) touches[i].at) /
											(double) half_life);
					total += touches[i].share;
				}
				for (i = 0; i < n; i++)
				{
					CHECK_FOR_INTERRUPTS();
					touches[i].share /= total;
				}
				break;
			}
		case MODEL_POSITION:
			group_shares(touches, n, weights, -1);
			break;
		case MODEL_W_SHAPED:
			{
				int			m = find_milestone(touches, n, milestone);

				/* no milestone touch: the middle touches are all "other" touches */
				group_shares(touches, n, weights, m < 0 ? n : m);
				break;
			}
	}

	/* one row per label, in the order of the labels' first touches in the window */
	sorted = touches_by_label(touches, n);
	total_share = cxm_alloc_array0(n, sizeof(double), "the touches of a journey");
	for (i = 0, k = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		/* k: the label's first touch (sorted by label, then time) */
		if (i > 0 && !same_label(sorted[i - 1], sorted[i]))
			k = i;
		total_share[sorted[k] - touches] += sorted[i]->share;
	}
	for (i = 1; i < n; i++)
		if (!same_label(sorted[i - 1], sorted[i]))
			is_first[sorted[i] - touches] = true;
	is_first[sorted[0] - touches] = true;
	for (i = 0; i < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		CHECK_FOR_INTERRUPTS();
		if (!is_first[i])
			continue;
		values[0] = PointerGetDatum(cstring_to_text_with_len(touches[i].label, touches[i].label_len));
		values[1] = Float8GetDatum(value * total_share[i]);
		cxm_srf_row(&srf, values, nulls);
	}
	return cxm_srf_end(&srf);
}
