/*
 * csat.c: Customer Satisfaction over csat_summary: the share of satisfied answers (the top two
 * points of a 1..N scale) in percent, standard error, Wilson score interval, and the
 * two-group comparison.
 */
#include "feedback.h"

#include <math.h>

#include "stats.h"

const FeedbackMetric feedback_csat = {
	.kind = FEEDBACK_CSAT,
	.name = "CSAT",
	.type_name = "csat_summary",
	.default_scale_min = 1,
	.default_scale_max = 5,
	.takes_scale = true,
	.min_scale = 3,
	.max_scale = 10,
};

/*
 * SQL entry points: csat_summary_in, csat_summary_recv, csat_summary_trans,
 * csat_summary_inv_trans, csat_summary_trans_int2, csat_summary_trans_int4,
 * csat_summary_trans_int8, csat_summary_trans_numeric, csat_summary_trans_float8,
 * csat_summary_inv_trans_int2, csat_summary_inv_trans_int4, csat_summary_inv_trans_int8,
 * csat_summary_inv_trans_numeric, csat_summary_inv_trans_float8, csat_summary_combine
 */
FEEDBACK_ENTRY_POINTS(csat_summary, feedback_csat)

/* The satisfied share and the effective sample size; false when there are no answers. */
static bool
csat_share(const FeedbackSummary *s, double *share, double *n)
{
	double		total = feedback_total(s, s->scale_min, s->scale_max);

	if (total <= 0)
		return false;
	*share = feedback_total(s, s->scale_max - 1, s->scale_max) / total;
	*n = feedback_effective_n(s);
	return true;
}

/* csat(summary), and the final function of csat_agg */
PG_FUNCTION_INFO_V1(csat_value);
Datum
csat_value(PG_FUNCTION_ARGS)
{
	FeedbackSummary *s;
	double		total;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = feedback_arg(fcinfo, 0, &feedback_csat);
	total = feedback_total(s, s->scale_min, s->scale_max);
	if (total <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * feedback_total(s, s->scale_max - 1, s->scale_max) / total);
}

PG_FUNCTION_INFO_V1(csat_satisfied);
Datum
csat_satisfied(PG_FUNCTION_ARGS)
{
	FeedbackSummary *s = feedback_arg(fcinfo, 0, &feedback_csat);

	PG_RETURN_FLOAT8(feedback_total(s, s->scale_max - 1, s->scale_max));
}

PG_FUNCTION_INFO_V1(csat_std_error);
Datum
csat_std_error(PG_FUNCTION_ARGS)
{
	double		p,
				n;

	if (!csat_share(feedback_arg(fcinfo, 0, &feedback_csat), &p, &n))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * sqrt(p * (1.0 - p) / n));
}

/* Wilson score interval (Wilson 1927), in percent. */
static Datum
csat_interval(FunctionCallInfo fcinfo, bool upper)
{
	FeedbackSummary *s = feedback_arg(fcinfo, 0, &feedback_csat);
	double		level = feedback_level_arg(fcinfo, 1);
	/* from the lower tail: 1 - (1 - level) / 2 rounds to 1 for levels near 1 */
	double		z = -cxm_normal_quantile((1.0 - level) / 2.0);
	double		p,
				n,
				z2n,
				center,
				half;

	if (!csat_share(s, &p, &n) || n <= 0)
		PG_RETURN_NULL();
	z2n = z * z / n;
	center = (p + z2n / 2.0) / (1.0 + z2n);
	half = z / (1.0 + z2n) * sqrt(p * (1.0 - p) / n + z2n / (4.0 * n));
	PG_RETURN_FLOAT8(100.0 * Max(0.0, Min(1.0, upper ? center + half : center - half)));
}

PG_FUNCTION_INFO_V1(csat_ci_lower);
Datum
csat_ci_lower(PG_FUNCTION_ARGS)
{
	return csat_interval(fcinfo, false);
}

PG_FUNCTION_INFO_V1(csat_ci_upper);
Datum
csat_ci_upper(PG_FUNCTION_ARGS)
{
	return csat_interval(fcinfo, true);
}

/* compare(a, b): a - b in percentage points, two-sided z test with unpooled standard errors. */
PG_FUNCTION_INFO_V1(csat_compare);
Datum
csat_compare(PG_FUNCTION_ARGS)
{
	FeedbackSummary *a = feedback_arg(fcinfo, 0, &feedback_csat);
	FeedbackSummary *b = feedback_arg(fcinfo, 1, &feedback_csat);
	double		pa,
				na,
				pb,
				nb;

	if (a->scale_max != b->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare CSAT on a 1..%d scale with CSAT on a 1..%d scale",
						a->scale_max, b->scale_max),
				 errhint("Compare summaries of the same scale.")));
	if (!csat_share(a, &pa, &na) || !csat_share(b, &pb, &nb))
		PG_RETURN_NULL();
	/* the difference of the two reported scores, not of the rounded shares */
	return feedback_comparison_row(fcinfo,
								   100.0 * feedback_total(a, a->scale_max - 1, a->scale_max) /
								   feedback_total(a, a->scale_min, a->scale_max) -
								   100.0 * feedback_total(b, b->scale_max - 1, b->scale_max) /
								   feedback_total(b, b->scale_min, b->scale_max),
								   100.0 * sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb));
}
