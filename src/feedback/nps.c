/*
 * nps.c: Net Promoter Score over nps_summary: the metric (promoters 9-10 minus detractors 0-6,
 * in points from -100 to 100), class totals, standard error, Wald and adjusted-Wald intervals,
 * and the two-group comparison.
 */
#include "feedback.h"

#include <math.h>

#include "utils/builtins.h"

#include "stats.h"

const FeedbackMetric feedback_nps = {
	.kind = FEEDBACK_NPS,
	.name = "NPS",
	.type_name = "nps_summary",
	.default_scale_min = 0,
	.default_scale_max = 10,
	.takes_scale = false,
};

/*
 * SQL entry points: nps_summary_in, nps_summary_recv, nps_summary_trans, nps_summary_inv_trans,
 * nps_summary_trans_int2, nps_summary_trans_int4, nps_summary_trans_int8,
 * nps_summary_trans_numeric, nps_summary_trans_float8, nps_summary_inv_trans_int2,
 * nps_summary_inv_trans_int4, nps_summary_inv_trans_int8, nps_summary_inv_trans_numeric,
 * nps_summary_inv_trans_float8, nps_summary_combine
 */
FEEDBACK_ENTRY_POINTS(nps_summary, feedback_nps)

/* Shares of promoters and detractors, and the sample size the intervals use. */
typedef struct NpsShares
{
	double		promoters;
	double		detractors;
	double		n;				/* Kish effective sample size (the count when unweighted) */
} NpsShares;

static bool
nps_shares(const FeedbackSummary *s, NpsShares *shares)
{
	double		total = feedback_total(s, 0, 10);

	if (total <= 0)
		return false;
	shares->promoters = feedback_total(s, 9, 10) / total;
	shares->detractors = feedback_total(s, 0, 6) / total;
	shares->n = feedback_effective_n(s);
	return true;
}

/* Standard error of p+ - p- on the -1..1 scale (trinomial Wald). */
static double
nps_wald_se(double promoters, double detractors, double n)
{
	double		net = promoters - detractors;
	double		variance = promoters + detractors - net * net;

	return sqrt(Max(variance, 0.0) / n);
}

/* The score in points; one division, so whole-number results are exact. total must be > 0. */
static double
nps_points(const FeedbackSummary *s)
{
	return 100.0 * (feedback_total(s, 9, 10) - feedback_total(s, 0, 6)) / feedback_total(s, 0, 10);
}

/* nps(summary), and the final function of nps_agg */
PG_FUNCTION_INFO_V1(nps_value);
Datum
nps_value(PG_FUNCTION_ARGS)
{
	FeedbackSummary *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = feedback_arg(fcinfo, 0, &feedback_nps);
	if (feedback_total(s, 0, 10) <= 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(nps_points(s));
}

PG_FUNCTION_INFO_V1(nps_promoters);
Datum
nps_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(feedback_total(feedback_arg(fcinfo, 0, &feedback_nps), 9, 10));
}

PG_FUNCTION_INFO_V1(nps_passives);
Datum
nps_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(feedback_total(feedback_arg(fcinfo, 0, &feedback_nps), 7, 8));
}

PG_FUNCTION_INFO_V1(nps_detractors);
Datum
nps_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(feedback_total(feedback_arg(fcinfo, 0, &feedback_nps), 0, 6));
}

PG_FUNCTION_INFO_V1(nps_std_error);
Datum
nps_std_error(PG_FUNCTION_ARGS)
{
	NpsShares sh;

	if (!nps_shares(feedback_arg(fcinfo, 0, &feedback_nps), &sh))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * nps_wald_se(sh.promoters, sh.detractors, sh.n));
}

/*
 * ci_lower / ci_upper (summary, level, method). 'wald': NPS +- z * SE. 'adjusted_wald'
 * (Rocks 2016; Sauro & Lewis): add 3/4 of an answer to promoters and to detractors and 3 to
 * the sample size first, which keeps the interval honest for small samples and for scores
 * near +-100. Both are clipped to [-100, 100].
 */
static Datum
nps_interval(FunctionCallInfo fcinfo, bool upper)
{
	FeedbackSummary *s = feedback_arg(fcinfo, 0, &feedback_nps);
	double		level = feedback_level_arg(fcinfo, 1);
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(2));
	/* from the lower tail: 1 - (1 - level) / 2 rounds to 1 for levels near 1 */
	double		z = -cxm_normal_quantile((1.0 - level) / 2.0);
	NpsShares	sh;
	double		net,
				se,
				bound;

	if (strcmp(method, "wald") != 0 && strcmp(method, "adjusted_wald") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("NPS interval method \"%s\" is not supported",
						cxm_quote_value(method, strlen(method))),
				 errhint("Use 'wald' or 'adjusted_wald'.")));
	if (!nps_shares(s, &sh) || sh.n <= 0)
		PG_RETURN_NULL();
	if (method[0] == 'a')
	{
		double		n = sh.n + 3.0;

		sh.promoters = (sh.promoters * sh.n + 0.75) / n;
		sh.detractors = (sh.detractors * sh.n + 0.75) / n;
		sh.n = n;
	}
	net = sh.promoters - sh.detractors;
	se = nps_wald_se(sh.promoters, sh.detractors, sh.n);
	bound = upper ? net + z * se : net - z * se;
	PG_RETURN_FLOAT8(100.0 * Max(-1.0, Min(1.0, bound)));
}

PG_FUNCTION_INFO_V1(nps_ci_lower);
Datum
nps_ci_lower(PG_FUNCTION_ARGS)
{
	return nps_interval(fcinfo, false);
}

PG_FUNCTION_INFO_V1(nps_ci_upper);
Datum
nps_ci_upper(PG_FUNCTION_ARGS)
{
	return nps_interval(fcinfo, true);
}

/* compare(a, b): a - b in NPS points with a two-sided z test on independent samples. */
PG_FUNCTION_INFO_V1(nps_compare);
Datum
nps_compare(PG_FUNCTION_ARGS)
{
	FeedbackSummary *sa = feedback_arg(fcinfo, 0, &feedback_nps);
	FeedbackSummary *sb = feedback_arg(fcinfo, 1, &feedback_nps);
	NpsShares	a,
				b;
	double		se_a,
				se_b;

	if (!nps_shares(sa, &a) || !nps_shares(sb, &b))
		PG_RETURN_NULL();
	se_a = nps_wald_se(a.promoters, a.detractors, a.n);
	se_b = nps_wald_se(b.promoters, b.detractors, b.n);
	return feedback_comparison_row(fcinfo, nps_points(sa) - nps_points(sb),
								   100.0 * sqrt(se_a * se_a + se_b * se_b));
}
