/*
 * ces.c: Customer Effort Score over ces_summary: the mean answer on a 1..N scale (1..7 by
 * default), its standard error, Student-t interval, and the two-group comparison (Welch's t
 * test).
 */
#include "feedback.h"

#include <math.h>

#include "funcapi.h"

#include "stats.h"

const FeedbackMetric feedback_ces = {
	.kind = FEEDBACK_CES,
	.name = "CES",
	.type_name = "ces_summary",
	.default_scale_min = 1,
	.default_scale_max = 7,
	.takes_scale = true,
	.min_scale = 3,
	.max_scale = 10,
};

/*
 * SQL entry points: ces_summary_in, ces_summary_recv, ces_summary_trans, ces_summary_inv_trans,
 * ces_summary_trans_int2, ces_summary_trans_int4, ces_summary_trans_int8,
 * ces_summary_trans_numeric, ces_summary_trans_float8, ces_summary_inv_trans_int2,
 * ces_summary_inv_trans_int4, ces_summary_inv_trans_int8, ces_summary_inv_trans_numeric,
 * ces_summary_inv_trans_float8, ces_summary_combine
 */
FEEDBACK_ENTRY_POINTS(ces_summary, feedback_ces)

/* Weighted mean, and the standard error with n_eff - 1 degrees of freedom (NaN if n_eff <= 1). */
static bool
ces_moments(const FeedbackSummary *s, double *mean, double *se, double *df)
{
	double		total = feedback_total(s, s->scale_min, s->scale_max);
	double		sum = 0,
				squares = 0,
				n;
	int			x;

	if (total <= 0)
		return false;
	for (x = s->scale_min; x <= s->scale_max; x++)
		sum += x * feedback_total(s, x, x);
	*mean = sum / total;
	for (x = s->scale_min; x <= s->scale_max; x++)
		squares += (x - *mean) * (x - *mean) * feedback_total(s, x, x);
	n = feedback_effective_n(s);
	*df = n - 1.0;
	/* sample variance, with Bessel's correction on the effective sample size */
	*se = n > 1.0 ? sqrt(squares / total * n / (n - 1.0) / n) : NAN;
	return true;
}

/* ces(summary), and the final function of ces_agg */
PG_FUNCTION_INFO_V1(ces_value);
Datum
ces_value(PG_FUNCTION_ARGS)
{
	double		mean,
				se,
				df;

	if (PG_ARGISNULL(0) || !ces_moments(feedback_arg(fcinfo, 0, &feedback_ces), &mean, &se, &df))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean);
}

PG_FUNCTION_INFO_V1(ces_std_error);
Datum
ces_std_error(PG_FUNCTION_ARGS)
{
	double		mean,
				se,
				df;

	if (!ces_moments(feedback_arg(fcinfo, 0, &feedback_ces), &mean, &se, &df) || isnan(se))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(se);
}

/* mean +- t(level, n_eff - 1) * SE, clipped to the scale */
static Datum
ces_interval(FunctionCallInfo fcinfo, bool upper)
{
	FeedbackSummary *s = feedback_arg(fcinfo, 0, &feedback_ces);
	double		level = feedback_level_arg(fcinfo, 1);
	double		mean,
				se,
				df,
				t,
				bound;

	if (!ces_moments(s, &mean, &se, &df) || isnan(se))
		PG_RETURN_NULL();
	/* from the lower tail: 1 - (1 - level) / 2 rounds to 1 for levels near 1 */
	t = -cxm_student_t_quantile((1.0 - level) / 2.0, df);
	bound = upper ? mean + t * se : mean - t * se;
	PG_RETURN_FLOAT8(Max((double) s->scale_min, Min((double) s->scale_max, bound)));
}

PG_FUNCTION_INFO_V1(ces_ci_lower);
Datum
ces_ci_lower(PG_FUNCTION_ARGS)
{
	return ces_interval(fcinfo, false);
}

PG_FUNCTION_INFO_V1(ces_ci_upper);
Datum
ces_ci_upper(PG_FUNCTION_ARGS)
{
	return ces_interval(fcinfo, true);
}

/*
 * compare(a, b): a - b in mean effort with Welch's t test (unequal variances): SE =
 * sqrt(SE_a^2 + SE_b^2), t = difference / SE, Welch-Satterthwaite degrees of freedom
 * (SE_a^2 + SE_b^2)^2 / (SE_a^4 / df_a + SE_b^4 / df_b), two-sided p from Student's t. Weighted
 * summaries use the Kish effective sample sizes, as std_error and the intervals do.
 */
PG_FUNCTION_INFO_V1(ces_compare);
Datum
ces_compare(PG_FUNCTION_ARGS)
{
	FeedbackSummary *a = feedback_arg(fcinfo, 0, &feedback_ces);
	FeedbackSummary *b = feedback_arg(fcinfo, 1, &feedback_ces);
	double		mean_a,
				se_a,
				df_a,
				mean_b,
				se_b,
				df_b;
	TupleDesc	desc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (a->scale_max != b->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare CES on a 1..%d scale with CES on a 1..%d scale",
						a->scale_max, b->scale_max),
				 errhint("Compare summaries of the same scale.")));
	if (!ces_moments(a, &mean_a, &se_a, &df_a) || !ces_moments(b, &mean_b, &se_b, &df_b))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);
	values[0] = Float8GetDatum(mean_a - mean_b);
	if (isnan(se_a) || isnan(se_b))
		nulls[1] = nulls[2] = nulls[3] = nulls[4] = true;	/* one answer: no spread known */
	else
	{
		double		va = se_a * se_a,
					vb = se_b * se_b,
					se = sqrt(va + vb);

		values[1] = Float8GetDatum(se);
		if (se > 0)
		{
			double		t = (mean_a - mean_b) / se,
						df = (va + vb) * (va + vb) / (va * va / df_a + vb * vb / df_b);

			values[2] = Float8GetDatum(t);
			values[3] = Float8GetDatum(df);
			values[4] = Float8GetDatum(cxm_student_t_two_sided_p(t, df));
		}
		else
			nulls[2] = nulls[3] = nulls[4] = true;	/* no sampling variation: no test */
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
