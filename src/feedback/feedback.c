/*
 * feedback.c: the survey-score summary behind nps_summary, csat_summary and ces_summary:
 * aggregate transition (forward and inverse, for rolling windows), combine, text I/O as a
 * small JSON document, binary I/O, validation, and the totals accessors build on.
 */
#include "feedback.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "common/int.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "json_reader.h"
#include "stats.h"

/* the hint of every binary input error of this file */
#define FEEDBACK_BINARY_HINT "The binary form is int8 version, int8 flags (bit 0 weighted), int16 lowest and highest scale point, one int64 count per point, then for weighted summaries four float8 per point."

/* ---- exact totals ------------------------------------------------------------------------ */

double
feedback_exact_value(const ExactSum *sum)
{
	return sum->hi + sum->lo;
}

/* ---- reading arguments -------------------------------------------------------------------- */

static const char *
scale_phrase(const FeedbackSummary *s)
{
	return psprintf("%d to %d", s->scale_min, s->scale_max);
}

/* A numeric score must be a whole number; returns it as a double (exact in the scale's range). */
static double
numeric_score(Numeric num, const FeedbackMetric *metric)
{
	Datum		d = NumericGetDatum(num);

	if (numeric_is_nan(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s score NaN is not a number", metric->name),
				 errhint("Scores are whole numbers on the survey's scale.")));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, d,
										  DirectFunctionCall2(numeric_trunc, d,
															  Int32GetDatum(0)))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s score %s is not a whole number", metric->name,
						DatumGetCString(DirectFunctionCall1(numeric_out, d))),
				 errhint("Scores are whole numbers on the survey's scale; round them first if "
						 "fractions are expected.")));
	/* infinities and huge values become +-HUGE_VAL here and fail the range check */
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, d));
}

/* A double precision score must be a whole number too. */
static double
float_score(double score, const FeedbackMetric *metric)
{
	if (isnan(score))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s score NaN is not a number", metric->name),
				 errhint("Scores are whole numbers on the survey's scale.")));
	if (isfinite(score) && score != floor(score))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s score %s is not a whole number", metric->name,
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(score)))),
				 errhint("Scores are whole numbers on the survey's scale; round them first if "
						 "fractions are expected.")));
	return score;				/* infinities fail the range check */
}

/*
 * The score type of the 0.1.0 transition functions, declared with anyelement: only the call
 * expression knows it. They remain for databases that load this library before ALTER
 * EXTENSION cxm UPDATE; the current ones have one entry point per score type.
 */
static Oid
anyelement_score_type(FunctionCallInfo fcinfo, const FeedbackMetric *metric)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 1);

	if (!OidIsValid(type))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s aggregate of cxm 0.1.0 cannot determine the type of its score",
						metric->name),
				 errhint("Update the extension (ALTER EXTENSION cxm UPDATE): its aggregates "
						 "take each score type without looking at the call.")));
	return type;
}

/* Reads the score argument, of the type the entry point was declared for. */
static double
score_arg(FunctionCallInfo fcinfo, Oid type, const FeedbackMetric *metric)
{
	if (!OidIsValid(type))
		type = anyelement_score_type(fcinfo, metric);
	switch (type)
	{
		case INT2OID:
			return PG_GETARG_INT16(1);
		case INT4OID:
			return PG_GETARG_INT32(1);
		case INT8OID:
			return (double) PG_GETARG_INT64(1);
		case NUMERICOID:
			return numeric_score(PG_GETARG_NUMERIC(1), metric);
		case FLOAT4OID:
			return float_score(PG_GETARG_FLOAT4(1), metric);
		case FLOAT8OID:
			return float_score(PG_GETARG_FLOAT8(1), metric);
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s scores of type %s are not supported", metric->name,
							format_type_be(type)),
					 errhint("Scores are smallint, integer, bigint, numeric or double precision "
							 "whole numbers (cast others, e.g. score::int); summaries merge with "
							 "rollup().")));
	}
	return 0;					/* not reached */
}

static double
weight_arg(FunctionCallInfo fcinfo, int argno)
{
	double		w = PG_GETARG_FLOAT8(argno);

	if (isnan(w) || isinf(w) || w < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("survey weight %s is not allowed",
						isnan(w) ? "NaN" : (isinf(w) ? (w > 0 ? "Infinity" : "-Infinity")
											: psprintf("%g", w))),
				 errhint("Weights are finite numbers greater than or equal to 0.")));
	if (w > 1e150)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("survey weight %g is too large", w),
				 errhint("Weights up to 1e150 are supported; rescale larger ones.")));
	return w;
}

/* The scale argument N of csat/ces (a 1..N scale). */
int
feedback_scale_arg(FunctionCallInfo fcinfo, int argno, const FeedbackMetric *metric)
{
	int			n;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale must not be NULL", metric->name),
				 errhint("The scale is the top answer N of a 1..N survey scale, from %d to %d.",
						 metric->min_scale, metric->max_scale)));
	n = PG_GETARG_INT32(argno);
	if (n < metric->min_scale || n > metric->max_scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale %d is not supported", metric->name, n),
				 errhint("The scale is the top answer N of a 1..N survey scale, from %d to %d.",
						 metric->min_scale, metric->max_scale)));
	return n;
}

/*
 * The score (argument 1) of a transition function declared for score_type: a whole number from
 * the metric's lowest scale point to scale_max, or the error every feedback aggregate raises.
 */
int
feedback_score(FunctionCallInfo fcinfo, Oid score_type, const FeedbackMetric *metric,
			   int scale_max)
{
	double		score = score_arg(fcinfo, score_type, metric);

	if (!(score >= metric->default_scale_min && score <= scale_max))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s score %.15g is out of range", metric->name, score),
				 errhint("%s scores on this scale are whole numbers from %d to %d.",
						 metric->name, metric->default_scale_min, scale_max)));
	return (int) score;
}

/* ---- the aggregate ------------------------------------------------------------------------ */

static FeedbackSummary *
summary_new(MemoryContext context, const FeedbackMetric *metric, int scale_max, bool weighted)
{
	int			flags = weighted ? FEEDBACK_WEIGHTED : 0;
	int			npoints = scale_max - metric->default_scale_min + 1;
	FeedbackSummary *s = MemoryContextAllocZero(context, FEEDBACK_BYTES(flags, npoints));

	SET_VARSIZE(s, FEEDBACK_BYTES(flags, npoints));
	s->version = FEEDBACK_VERSION;
	s->kind = metric->kind;
	s->flags = flags;
	s->scale_min = metric->default_scale_min;
	s->scale_max = scale_max;
	s->npoints = npoints;
	return s;
}

/*
 * Transition for (state, score [, weight]) (NPS) and (state, score [, scale [, weight]])
 * (CSAT, CES). Updates the state in place; NULL scores and weights are skipped. With
 * inverse, removes the answer again (moving-window aggregates; unweighted only).
 */
Datum
feedback_transition(FunctionCallInfo fcinfo, const FeedbackMetric *metric, Oid score_type,
					bool inverse)
{
	FeedbackSummary *s = PG_ARGISNULL(0) ? NULL : (FeedbackSummary *) PG_GETARG_POINTER(0);
	int			nargs = PG_NARGS();
	bool		weighted = nargs == (metric->takes_scale ? 4 : 3);
	int			scale_max = metric->default_scale_max;
	int			score;
	double		w = 1.0;
	int			point;

	if (!AggCheckCallContext(fcinfo, NULL))
	{
		/* "nps_summary" names the functions nps_summary_trans, nps_agg and nps_summary */
		int			prefix = strlen(metric->type_name) - strlen("_summary");

		cxm_require_aggregate(fcinfo,
							  psprintf("%s%s", metric->type_name, inverse ? "_inv_trans" : "_trans"),
							  psprintf("%.*s_agg(score%s) or %s(score%s)", prefix, metric->type_name,
									   metric->takes_scale ? ", scale" : "", metric->type_name,
									   metric->takes_scale ? ", scale" : ""));
	}

	if (metric->takes_scale && nargs >= 3)
		scale_max = feedback_scale_arg(fcinfo, 2, metric);
	if (PG_ARGISNULL(1) || (weighted && PG_ARGISNULL(nargs - 1)))
	{
		if (s != NULL)
			PG_RETURN_POINTER(s);
		/*
		 * No answer yet: no summary, as built-in aggregates give NULL for only NULLs. A window
		 * aggregate gets an empty summary instead, because a moving-aggregate transition must
		 * not return NULL (a frame starting with NULL scores would fail); its metrics are NULL
		 * all the same, as they are once every answer has left the frame.
		 */
		if (inverse || !IsA(fcinfo->context, WindowAggState))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(summary_new(CurrentMemoryContext, metric, scale_max, weighted));
	}

	score = feedback_score(fcinfo, score_type, metric, scale_max);
	if (weighted)
		w = weight_arg(fcinfo, nargs - 1);

	if (s == NULL)
	{
		if (inverse)
			PG_RETURN_NULL();
		/*
		 * in the per-row context: the executor copies a new state into the aggregate context
		 * itself, so allocating it there would leave a second copy behind
		 */
		s = summary_new(CurrentMemoryContext, metric, scale_max, weighted);
	}
	else if (s->scale_max != scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale changed from %d to %d within one aggregate",
						metric->name, s->scale_max, scale_max),
				 errhint("Aggregate each scale separately, e.g. GROUP BY the scale.")));

	point = score - s->scale_min;
	if (inverse)
	{
		/* an answer that was never added: let the executor restart the window */
		if (s->counts[point] == 0)
			PG_RETURN_NULL();
		s->counts[point]--;
		PG_RETURN_POINTER(s);
	}
	s->counts[point]++;
	if (weighted)
	{
		cxm_exact_add(&s->weights[point], w);
		cxm_exact_add(&s->squared_weights[point], w * w);
		/* an overflowing double-double sum becomes Infinity or NaN */
		if (!isfinite(s->weights[point].hi) || !isfinite(s->weights[point].lo) ||
			!isfinite(s->squared_weights[point].hi) || !isfinite(s->squared_weights[point].lo))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("total survey weight is out of range"),
					 errhint("Rescale the weights so that their sum of squares stays below 1e308.")));
	}
	PG_RETURN_POINTER(s);
}

/* Raises the error for two summaries that cannot be merged, naming what differs. */
static void
check_compatible(const FeedbackSummary *a, const FeedbackSummary *b, const FeedbackMetric *metric)
{
	if (a->scale_min != b->scale_min || a->scale_max != b->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine %s values on different scales (%s and %s)",
						metric->type_name, scale_phrase(a), scale_phrase(b)),
				 errhint("Combine only summaries of the same scale.")));
	if ((a->flags & FEEDBACK_WEIGHTED) != (b->flags & FEEDBACK_WEIGHTED))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine a weighted and an unweighted %s", metric->type_name),
				 errhint("Build all summaries with weights, or all without.")));
}

/* Adds b into a. */
static void
summary_merge(FeedbackSummary *a, const FeedbackSummary *b)
{
	int			i;

	for (i = 0; i < a->npoints; i++)
	{
		cxm_add_count(&a->counts[i], b->counts[i], "answer count");
		if (a->flags & FEEDBACK_WEIGHTED)
		{
			cxm_exact_add(&a->weights[i], b->weights[i].hi);
			cxm_exact_add(&a->weights[i], b->weights[i].lo);
			cxm_exact_add(&a->squared_weights[i], b->squared_weights[i].hi);
			cxm_exact_add(&a->squared_weights[i], b->squared_weights[i].lo);
			if (!isfinite(a->weights[i].hi) || !isfinite(a->weights[i].lo) ||
				!isfinite(a->squared_weights[i].hi) || !isfinite(a->squared_weights[i].lo))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("total survey weight is out of range"),
						 errhint("Rescale the weights so that their sum of squares stays below 1e308.")));
		}
	}
}

/*
 * Combine function, and the transition of rollup(summary): strict, so the executor copies the
 * first summary into the aggregate context; later ones are added into it in place.
 */
Datum
feedback_combine(FunctionCallInfo fcinfo, const FeedbackMetric *metric)
{
	FeedbackSummary *a = feedback_arg(fcinfo, 0, metric);
	FeedbackSummary *b = feedback_arg(fcinfo, 1, metric);

	check_compatible(a, b, metric);
	if (!cxm_may_modify_arg0(fcinfo, a))
	{
		FeedbackSummary *copy = palloc(VARSIZE(a));

		memcpy(copy, a, VARSIZE(a));
		a = copy;
	}
	summary_merge(a, b);
	PG_RETURN_POINTER(a);
}

/* ---- validation (text and binary input) --------------------------------------------------- */

/* NULL when s is a summary this metric can have written, otherwise what is wrong. */
static const char *
summary_problem(const FeedbackSummary *s, const FeedbackMetric *metric)
{
	int			i;

	if (s->version != FEEDBACK_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						s->version, FEEDBACK_VERSION);
	if (metric->takes_scale
		? (s->scale_min != 1 || s->scale_max < metric->min_scale || s->scale_max > metric->max_scale)
		: (s->scale_min != metric->default_scale_min || s->scale_max != metric->default_scale_max))
		return metric->takes_scale
			? psprintf("the scale %d..%d is not supported (1..N with N from %d to %d)",
					   s->scale_min, s->scale_max, metric->min_scale, metric->max_scale)
			: psprintf("the scale %d..%d is not supported (%s uses %d..%d)",
					   s->scale_min, s->scale_max, metric->name,
					   metric->default_scale_min, metric->default_scale_max);
	for (i = 0; i < s->npoints; i++)
	{
		if (s->counts[i] < 0)
			return psprintf("count " INT64_FORMAT " is negative", s->counts[i]);
		if (!(s->flags & FEEDBACK_WEIGHTED))
			continue;
		if (!isfinite(s->weights[i].hi) || !isfinite(s->weights[i].lo) ||
			!isfinite(s->squared_weights[i].hi) || !isfinite(s->squared_weights[i].lo) ||
			s->weights[i].hi < 0 || s->squared_weights[i].hi < 0)
			return "weights must be finite and not negative";
		if (s->weights[i].hi + s->weights[i].lo != s->weights[i].hi ||
			s->squared_weights[i].hi + s->squared_weights[i].lo != s->squared_weights[i].hi)
			return "a weight residual (weights_low, squared_weights_low) is larger than "
				"the rounding error of its weight";
		if (s->counts[i] == 0 && (s->weights[i].hi != 0 || s->squared_weights[i].hi != 0))
			return psprintf("scale point %d has weight but no answers", s->scale_min + i);
	}
	return NULL;
}

/* ---- text I/O: {"version": 1, "scale": [0, 10], "counts": [...], "weights": [...], ...} ---- */

static void
append_sum_array(StringInfo out, const char *key, const ExactSum *sums, int n, bool low)
{
	int			i;

	/* residuals are left out when all are zero (then the totals are exact doubles) */
	for (i = 0; low && i < n && sums[i].lo == 0; i++)
		;
	if (low && i == n)
		return;
	appendStringInfo(out, ", \"%s\": [", key);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(out, ", ");
		cxm_append_double(out, low ? sums[i].lo : sums[i].hi);
	}
	appendStringInfoChar(out, ']');
}

PG_FUNCTION_INFO_V1(feedback_out);
Datum
feedback_out(PG_FUNCTION_ARGS)
{
	FeedbackSummary *s = feedback_arg(fcinfo, 0, NULL);
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"scale\": [%d, %d], \"counts\": [",
					 s->version, s->scale_min, s->scale_max);
	for (i = 0; i < s->npoints; i++)
		appendStringInfo(&out, "%s" INT64_FORMAT, i > 0 ? ", " : "", s->counts[i]);
	appendStringInfoChar(&out, ']');
	if (s->flags & FEEDBACK_WEIGHTED)
	{
		append_sum_array(&out, "weights", s->weights, s->npoints, false);
		append_sum_array(&out, "squared_weights", s->squared_weights, s->npoints, false);
		append_sum_array(&out, "weights_low", s->weights, s->npoints, true);
		append_sum_array(&out, "squared_weights_low", s->squared_weights, s->npoints, true);
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

enum summary_key
{
	KEY_VERSION, KEY_SCALE, KEY_COUNTS, KEY_WEIGHTS, KEY_SQUARED, KEY_WEIGHTS_LOW,
	KEY_SQUARED_LOW, NUM_KEYS
};
static const char *const summary_keys[NUM_KEYS] = {
	"version", "scale", "counts", "weights", "squared_weights", "weights_low",
	"squared_weights_low"
};

/* Reads the entries of an array of whole numbers (whole) or of numbers into out. */
static bool
read_numbers(const CxmJsonValue *v, const char *key, int expected, bool whole, int64 *integers,
			 double *numbers, char **problem)
{
	int			i;

	if (!cxm_json_expect(v, key, CXM_JSON_ARRAY, problem))
		return false;
	if (v->nitems != expected)
	{
		*problem = psprintf("\"%s\" has %d entries, %d expected", key, v->nitems, expected);
		return false;
	}
	for (i = 0; i < v->nitems; i++)
		if (whole ? !cxm_json_int64(v->items[i], v->item_lens[i], &integers[i], problem)
			: !cxm_json_double(v->items[i], v->item_lens[i], &numbers[i], problem))
			return false;
	return true;
}

/* Fills s from the text form; false with *problem set. Validation is summary_problem's. */
static bool
parse_summary(const char *input, FeedbackSummary *s, char **problem)
{
	CxmJsonValue v[NUM_KEYS];
	int64		version,
				scale[2];
	double		numbers[4][FEEDBACK_MAX_POINTS];
	int			i,
				k;

	if (!cxm_json_read(input, summary_keys, NUM_KEYS, v, problem))
		return false;
	if (!cxm_json_expect(&v[KEY_VERSION], "version", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[KEY_VERSION].text, v[KEY_VERSION].len, &version, problem) ||
		!read_numbers(&v[KEY_SCALE], "scale", 2, true, scale, NULL, problem))
		return false;
	if (version < 0 || version > 255)
	{
		*problem = psprintf("version " INT64_FORMAT " is not supported", version);
		return false;
	}
	if (scale[0] < -100 || scale[1] > 100 || scale[1] - scale[0] + 1 < 2 ||
		scale[1] - scale[0] + 1 > FEEDBACK_MAX_POINTS)
	{
		*problem = "\"scale\" must be [lowest answer, highest answer]";
		return false;
	}
	s->version = (uint8) version;
	s->scale_min = (int16) scale[0];
	s->scale_max = (int16) scale[1];
	s->npoints = s->scale_max - s->scale_min + 1;
	if (!read_numbers(&v[KEY_COUNTS], "counts", s->npoints, true, s->counts, NULL, problem))
		return false;
	if (v[KEY_WEIGHTS].kind == CXM_JSON_MISSING && v[KEY_SQUARED].kind == CXM_JSON_MISSING &&
		v[KEY_WEIGHTS_LOW].kind == CXM_JSON_MISSING && v[KEY_SQUARED_LOW].kind == CXM_JSON_MISSING)
		return true;
	/* weighted: weights and squared weights required, residuals optional (zero) */
	s->flags |= FEEDBACK_WEIGHTED;
	for (k = KEY_WEIGHTS; k < NUM_KEYS; k++)
	{
		bool		optional = (k == KEY_WEIGHTS_LOW || k == KEY_SQUARED_LOW);

		if (optional && v[k].kind == CXM_JSON_MISSING)
			memset(numbers[k - KEY_WEIGHTS], 0, sizeof(numbers[0]));
		else if (!read_numbers(&v[k], summary_keys[k], s->npoints, false, NULL,
							   numbers[k - KEY_WEIGHTS], problem))
			return false;
	}
	for (i = 0; i < s->npoints; i++)
	{
		s->weights[i].hi = numbers[0][i];
		s->squared_weights[i].hi = numbers[1][i];
		s->weights[i].lo = numbers[2][i];
		s->squared_weights[i].lo = numbers[3][i];
	}
	return true;
}

Datum
feedback_in(FunctionCallInfo fcinfo, const FeedbackMetric *metric)
{
	char	   *input = PG_GETARG_CSTRING(0);
	FeedbackSummary *s = palloc0(sizeof(FeedbackSummary));
	char	   *problem = NULL;

	s->kind = metric->kind;
	if (parse_summary(input, s, &problem))
		problem = (char *) summary_problem(s, metric);
	SET_VARSIZE(s, FEEDBACK_BYTES(s->flags, s->npoints));
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", metric->type_name,
						cxm_quote_value(input, strlen(input))),
				 errdetail("The summary is invalid: %s.", problem),
				 errhint("Write %s values as {\"version\": 1, \"scale\": [%d, %d], \"counts\": [...]} "
						 "with one count per scale point; weighted summaries add \"weights\" and "
						 "\"squared_weights\".", metric->type_name, metric->default_scale_min,
						 metric->default_scale_max)));
	PG_RETURN_POINTER(s);
}

/* ---- binary I/O --------------------------------------------------------------------------- */

/*
 * Binary form: int8 version, int8 flags, int16 lowest and int16 highest scale point, one
 * int64 count per point; weighted summaries then send per point float8 weight, float8 squared
 * weight, float8 weight residual and float8 squared-weight residual.
 */
PG_FUNCTION_INFO_V1(feedback_send);
Datum
feedback_send(PG_FUNCTION_ARGS)
{
	FeedbackSummary *s = feedback_arg(fcinfo, 0, NULL);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint16(&buf, s->scale_min);
	pq_sendint16(&buf, s->scale_max);
	for (i = 0; i < s->npoints; i++)
		pq_sendint64(&buf, s->counts[i]);
	if (s->flags & FEEDBACK_WEIGHTED)
		for (i = 0; i < s->npoints; i++)
		{
			pq_sendfloat8(&buf, s->weights[i].hi);
			pq_sendfloat8(&buf, s->squared_weights[i].hi);
			pq_sendfloat8(&buf, s->weights[i].lo);
			pq_sendfloat8(&buf, s->squared_weights[i].lo);
		}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_check(StringInfo buf, int needed, const FeedbackMetric *metric)
{
	if (buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary %s is truncated: %d more bytes needed, %d remain",
						metric->type_name, needed, buf->len - buf->cursor),
				 errhint(FEEDBACK_BINARY_HINT)));
}

Datum
feedback_recv(FunctionCallInfo fcinfo, const FeedbackMetric *metric)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	FeedbackSummary *s = palloc0(sizeof(FeedbackSummary));
	const char *problem;
	int			flags;
	int			i;

	s->kind = metric->kind;
	recv_check(buf, 6, metric);
	s->version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	s->scale_min = (int16) pq_getmsgint(buf, 2);
	s->scale_max = (int16) pq_getmsgint(buf, 2);
	if ((flags & ~FEEDBACK_WEIGHTED) != 0 ||
		s->scale_max - s->scale_min + 1 < 2 || s->scale_max - s->scale_min + 1 > FEEDBACK_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: flags 0x%02x, scale %d..%d", metric->type_name,
						flags, s->scale_min, s->scale_max),
				 errhint(FEEDBACK_BINARY_HINT)));
	s->flags = flags;
	s->npoints = s->scale_max - s->scale_min + 1;
	SET_VARSIZE(s, FEEDBACK_BYTES(flags, s->npoints));
	recv_check(buf, s->npoints * ((flags & FEEDBACK_WEIGHTED) ? 40 : 8), metric);
	for (i = 0; i < s->npoints; i++)
		s->counts[i] = pq_getmsgint64(buf);
	if (flags & FEEDBACK_WEIGHTED)
		for (i = 0; i < s->npoints; i++)
		{
			s->weights[i].hi = cxm_getmsgfloat8(buf);
			s->squared_weights[i].hi = cxm_getmsgfloat8(buf);
			s->weights[i].lo = cxm_getmsgfloat8(buf);
			s->squared_weights[i].lo = cxm_getmsgfloat8(buf);
		}
	problem = summary_problem(s, metric);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %s", metric->type_name, problem),
				 errhint(FEEDBACK_BINARY_HINT)));
	PG_RETURN_POINTER(s);
}

/* ---- reading summaries -------------------------------------------------------------------- */

FeedbackSummary *
feedback_arg(FunctionCallInfo fcinfo, int argno, const FeedbackMetric *metric)
{
	FeedbackSummary *s = PG_GETARG_FEEDBACK_P(argno);

	if (VARSIZE(s) < offsetof(FeedbackSummary, counts) || s->npoints > FEEDBACK_MAX_POINTS ||
		s->npoints != s->scale_max - s->scale_min + 1 ||
		VARSIZE(s) != FEEDBACK_BYTES(s->flags, s->npoints) ||
		s->version != FEEDBACK_VERSION ||
		(metric != NULL && s->kind != metric->kind))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("survey summary has an unsupported format (version %d, kind %d)",
						s->version, s->kind)));
	return s;
}

/* summary = summary: the same answers, scale and weights (as stored, to the last bit) */
PG_FUNCTION_INFO_V1(feedback_eq);
Datum
feedback_eq(PG_FUNCTION_ARGS)
{
	FeedbackSummary *a = feedback_arg(fcinfo, 0, NULL);
	FeedbackSummary *b = feedback_arg(fcinfo, 1, NULL);
	int			i;

	if (a->kind != b->kind || a->flags != b->flags || a->scale_min != b->scale_min ||
		a->scale_max != b->scale_max)
		PG_RETURN_BOOL(false);
	for (i = 0; i < a->npoints; i++)
		if (a->counts[i] != b->counts[i] ||
			((a->flags & FEEDBACK_WEIGHTED) &&
			 (a->weights[i].hi != b->weights[i].hi || a->weights[i].lo != b->weights[i].lo ||
			  a->squared_weights[i].hi != b->squared_weights[i].hi ||
			  a->squared_weights[i].lo != b->squared_weights[i].lo)))
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(feedback_ne);
Datum
feedback_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(feedback_eq(fcinfo)));
}

/* responses(summary), effective_n(summary), score_counts(summary): the same for every metric */
PG_FUNCTION_INFO_V1(feedback_responses_sql);
Datum
feedback_responses_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(feedback_responses(feedback_arg(fcinfo, 0, NULL)));
}

PG_FUNCTION_INFO_V1(feedback_effective_n_sql);
Datum
feedback_effective_n_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(feedback_effective_n(feedback_arg(fcinfo, 0, NULL)));
}

PG_FUNCTION_INFO_V1(feedback_score_counts_sql);
Datum
feedback_score_counts_sql(PG_FUNCTION_ARGS)
{
	return feedback_score_counts(feedback_arg(fcinfo, 0, NULL));
}

int64
feedback_responses(const FeedbackSummary *s)
{
	int64		n = 0;
	int			i;

	for (i = 0; i < s->npoints; i++)
		n += s->counts[i];
	return n;
}

double
feedback_total(const FeedbackSummary *s, int from, int to)
{
	ExactSum	total = {0, 0};
	int			i;

	for (i = from - s->scale_min; i <= to - s->scale_min; i++)
	{
		if (s->flags & FEEDBACK_WEIGHTED)
		{
			cxm_exact_add(&total, s->weights[i].hi);
			cxm_exact_add(&total, s->weights[i].lo);
		}
		else
			cxm_exact_add(&total, (double) s->counts[i]);
	}
	return feedback_exact_value(&total);
}

double
feedback_effective_n(const FeedbackSummary *s)
{
	ExactSum	w = {0, 0},
				w2 = {0, 0};
	double		total;
	int			i;

	if (!(s->flags & FEEDBACK_WEIGHTED))
		return (double) feedback_responses(s);
	for (i = 0; i < s->npoints; i++)
	{
		cxm_exact_add(&w, s->weights[i].hi);
		cxm_exact_add(&w, s->weights[i].lo);
		cxm_exact_add(&w2, s->squared_weights[i].hi);
		cxm_exact_add(&w2, s->squared_weights[i].lo);
	}
	total = feedback_exact_value(&w);
	return total == 0 ? 0 : total * total / feedback_exact_value(&w2);
}

Datum
feedback_score_counts(const FeedbackSummary *s)
{
	Datum		values[FEEDBACK_MAX_POINTS];
	int			i;

	for (i = 0; i < s->npoints; i++)
		values[i] = Float8GetDatum(feedback_total(s, s->scale_min + i, s->scale_min + i));
	PG_RETURN_ARRAYTYPE_P(construct_array(values, s->npoints, FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

double
feedback_level_arg(FunctionCallInfo fcinfo, int argno)
{
	double		level = PG_GETARG_FLOAT8(argno);

	if (!(level > 0 && level < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %g is not between 0 and 1", level),
				 errhint("Pass the level as a fraction, e.g. 0.95 for a 95%% interval.")));
	return level;
}

/* Builds the (difference, std_error, z, p_value) row of compare(a, b). */
Datum
feedback_comparison_row(FunctionCallInfo fcinfo, double difference, double se)
{
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(difference);
	values[1] = Float8GetDatum(se);
	if (se > 0)
	{
		values[2] = Float8GetDatum(difference / se);
		values[3] = Float8GetDatum(cxm_normal_two_sided_p(difference / se));
	}
	else
		nulls[2] = nulls[3] = true; /* no sampling variation: no test */
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
