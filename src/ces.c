/*
 * ces.c: Customer Effort Score over ces_summary: the mean answer on a 1..N scale (1..7 by
 * default), its standard error and Student-t interval.
 */
#include "feedback.h"

#include <math.h>

#include "cxm_stats.h"

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
