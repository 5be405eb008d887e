/*
 * sbg.c: the shifted-beta-geometric (sBG) model of subscription retention (Fader & Hardie
 * 2007, "How to project customer retention"): the sbg_model type, the maximum-likelihood fit
 * over sbg_data (by mle.c, through fit.c), accessors, and the predictions: survival, the
 * renewal probability per period, expected lifetime, and the discounted expected (residual)
 * lifetimes DEL and DERL of Fader & Hardie 2010 ("Customer-base valuation in a contractual
 * setting"); forecast_table.
 *
 * A customer's churn probability theta ~ Beta(alpha, beta); at the end of each period they
 * renew with probability 1 - theta. With T the number of periods subscribed (T >= 1):
 *   S(t) = P(T > t) = B(alpha, beta + t) / B(alpha, beta),
 *   r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1)   (renewal at the end of t).
 */
#include "cxm.h"

#include <float.h>
#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "fit.h"
#include "fitted_model.h"
#include "sbg.h"
#include "stats.h"

static const CxmModelKind sbg_kind = {
	.type_name = "sbg_model",
	.nparams = 2,
	.param_names = {"alpha", "beta"},
	.params_phrase = "alpha and beta",
	.example = "{\"version\": 1, \"alpha\": 0.668, \"beta\": 3.806}",
	.records_convergence = true,
	.log_likelihood_not_positive = true
};

/* ---- likelihood -------------------------------------------------------------------------------- */

/*
 * The data as renewal decisions: at the end of period t, kept[t] customers renewed and
 * lost[t] cancelled (customers active in their t-th period have not decided yet). Every
 * customer's likelihood is the product of their decisions' probabilities, so
 *   ln L = sum_t lost[t] ln(alpha / D_t) + kept[t] ln((beta + t - 1) / D_t),
 * D_t = alpha + beta + t - 1.
 */
typedef struct SbgDecisions
{
	int			n;				/* tenures 1..n */
	double	   *kept;			/* [t - 1] */
	double	   *lost;
} SbgDecisions;

static SbgDecisions *
sbg_decisions(const SbgData *d)
{
	SbgDecisions *s = palloc(sizeof(SbgDecisions));
	double		longer = 0;		/* customers subscribed for more than t periods */
	int			t;

	s->n = sbg_data_length(d);
	s->kept = palloc(sizeof(double) * Max(s->n, 1));
	s->lost = palloc(sizeof(double) * Max(s->n, 1));
	for (t = s->n; t >= 1; t--)
	{
		s->kept[t - 1] = longer;
		s->lost[t - 1] = (double) SBG_CHURNED(d, t);
		longer += (double) SBG_CHURNED(d, t) + (double) SBG_ACTIVE(d, t);
	}
	return s;
}

static void
sbg_log_likelihood_gradient(const void *data, double scale, const double *p, double *grad,
							double *log_likelihood)
{
	const SbgDecisions *s = data;
	double		alpha = p[0],
				beta = p[1];
	double		log_alpha = log(alpha);
	double		ll = 0,
				g_alpha = 0,
				g_beta = 0;
	int			t;

	CHECK_FOR_INTERRUPTS();
	for (t = 1; t <= s->n; t++)
	{
		double		kept = s->kept[t - 1],
					lost = s->lost[t - 1],
					b = beta + t - 1,
					dt = alpha + b,
					log_dt = log(dt);

		if (lost > 0)
		{
			ll += lost * (log_alpha - log_dt);
			g_alpha += lost * (1 / alpha - 1 / dt);
			g_beta -= lost / dt;
		}
		if (kept > 0)
		{
			ll += kept * (log(b) - log_dt);
			g_alpha -= kept / dt;
			g_beta += kept * (1 / b - 1 / dt);
		}
	}
	if (grad)
	{
		grad[0] = g_alpha;
		grad[1] = g_beta;
	}
	if (log_likelihood)
		*log_likelihood = ll;
}

static double
sbg_log_likelihood(const void *data, double scale, const double *p)
{
	double		ll;

	sbg_log_likelihood_gradient(data, scale, p, NULL, &ll);
	return ll;
}

/* ---- the fit ----------------------------------------------------------------------------------- */

static const CxmFitKind sbg_fit_kind = {
	.model = &sbg_kind,
	.model_name = "sBG",
	.log_likelihood = sbg_log_likelihood,
	.gradient = sbg_log_likelihood_gradient,
	.scaled = {false, false},
	.not_converged_hint = "Parameters growing without bound mean the data do not identify the "
	"model: the sBG needs customers who cancelled and customers who renewed, over at least two "
	"renewals.",
	.flat_hint = "The sBG needs customers who cancelled and customers who renewed, observed over "
	"at least two renewals (one renewal determines only the first period's churn rate)."
};

/*
 * Data with no cancellation, no renewal, or decisions at one tenure only have their maximum at
 * a boundary or along a ridge: said here in their own words rather than by the optimiser.
 */
static void
check_identified(const SbgDecisions *s, int64 customers)
{
	double		kept = 0,
				lost = 0;
	int			tenures = 0,
				t;

	for (t = 1; t <= s->n; t++)
	{
		kept += s->kept[t - 1];
		lost += s->lost[t - 1];
		tenures += (s->kept[t - 1] + s->lost[t - 1] > 0);
	}
	if (lost == 0 || kept == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("sBG fit found no proper maximum: %s of the " INT64_FORMAT " customers %s",
						lost == 0 ? "none" : "all", customers,
						lost == 0 ? "cancelled" : "who could renew cancelled"),
				 errdetail(lost == 0 ? "Without a cancellation the likelihood grows as alpha goes to 0." :
						   "Without a renewal the likelihood grows as beta goes to 0."),
				 errhint("%s", sbg_fit_kind.flat_hint)));
	if (tenures < 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("sBG fit found no proper maximum: the customers' renewals were observed at "
						"one tenure only"),
				 errdetail("One renewal determines only alpha / (alpha + beta), the churn rate of "
						   "that period."),
				 errhint("%s", sbg_fit_kind.flat_hint)));
}

static CxmModel *
sbg_fit_of(SbgData *d)
{
	int64		customers = sbg_data_customers(d);
	SbgDecisions *s;

	if (customers == 0)
		return NULL;
	s = sbg_decisions(d);
	check_identified(s, customers);
	return cxm_fit(&sbg_fit_kind, s, customers, 1.0);
}

/* sbg_fit(sbg_data), and the final function of the sbg_fit aggregates */
PG_FUNCTION_INFO_V1(sbg_fit_data);
Datum
sbg_fit_data(PG_FUNCTION_ARGS)
{
	CxmModel   *m;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	m = sbg_fit_of(sbg_data_arg(fcinfo, 0));
	if (m == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(m);
}

/* sbg_fit(activity_summary) */
PG_FUNCTION_INFO_V1(sbg_fit_summary);
Datum
sbg_fit_summary(PG_FUNCTION_ARGS)
{
	CxmModel   *m = sbg_fit_of(sbg_data_of_summary(PG_GETARG_DATUM(0)));

	if (m == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(m);
}

/* ---- the model type ----------------------------------------------------------------------------- */

/*
 * SQL entry points: sbg_model_in, sbg_model_out, sbg_model_recv, sbg_model_send,
 * sbg_model_log_likelihood, sbg_model_iterations, sbg_model_converged, sbg_model_customers,
 * sbg_model_eq, sbg_model_ne
 */
CXM_MODEL_ENTRY_POINTS(sbg_model, sbg_kind)
/* SQL entry points: sbg_model_alpha */
CXM_MODEL_PARAM_ACCESSOR(sbg_model, sbg_kind, alpha, 0)
/* SQL entry points: sbg_model_beta */
CXM_MODEL_PARAM_ACCESSOR(sbg_model, sbg_kind, beta, 1)

/* ---- predictions ---------------------------------------------------------------------------------- */

static void
check_period(int32 period, int32 least, const char *what)
{
	if (period < least || period > SBG_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %d is out of range", what, period),
				 errhint("It is a whole number of periods from %d to %d.", least, SBG_MAX_PERIODS)));
}

/* z = 1 / (1 + d), after checking the discount rate per period d */
static double
discount_factor(double d)
{
	if (!(d >= 0 && isfinite(d)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("discount rate %g is not allowed", d),
				 errhint("The discount rate per period is a finite rate >= 0, e.g. 0.1 for 10%% "
						 "per period.")));
	return 1 / (1 + d);
}

/* S(t) = B(alpha, beta + t) / B(alpha, beta) */
static double
survival_at(double alpha, double beta, int32 t)
{
	return exp(lgamma(beta + t) - lgamma(beta) + lgamma(alpha + beta) - lgamma(alpha + beta + t));
}

/* survival(model, period): the share of a cohort still subscribed in period t (from 0) */
PG_FUNCTION_INFO_V1(sbg_survival);
Datum
sbg_survival(PG_FUNCTION_ARGS)
{
	double		p[2];
	int32		t = PG_GETARG_INT32(1);

	cxm_model_params(fcinfo, 0, &sbg_kind, p);
	check_period(t, 0, "period");
	PG_RETURN_FLOAT8(survival_at(p[0], p[1], t));
}

/* retention_rate(model, period): P(subscribed in period t | subscribed in period t - 1) */
PG_FUNCTION_INFO_V1(sbg_retention_rate);
Datum
sbg_retention_rate(PG_FUNCTION_ARGS)
{
	double		p[2];
	int32		t = PG_GETARG_INT32(1);

	cxm_model_params(fcinfo, 0, &sbg_kind, p);
	check_period(t, 1, "period");
	PG_RETURN_FLOAT8((p[1] + t - 1) / (p[0] + p[1] + t - 1));
}

/*
 * expected_lifetime(model): E[T] = sum_t S(t) = (alpha + beta - 1) / (alpha - 1) periods;
 * Infinity for alpha <= 1, where the sum diverges.
 */
PG_FUNCTION_INFO_V1(sbg_expected_lifetime);
Datum
sbg_expected_lifetime(PG_FUNCTION_ARGS)
{
	double		p[2];

	cxm_model_params(fcinfo, 0, &sbg_kind, p);
	if (p[0] <= 1)
		PG_RETURN_FLOAT8(get_float8_infinity());
	PG_RETURN_FLOAT8((p[0] + p[1] - 1) / (p[0] - 1));
}

/*
 * sum_{k >= 0} z^k r(n + 1) r(n + 2) ... r(n + k) = 2F1(1, beta + n; alpha + beta + n; z): the
 * discounted expected number of periods of a customer who has just started period n + 1
 * (renewed n times), that period counted undiscounted. At z = 1 (no discount) the sum is
 * (alpha + beta + n - 1) / (alpha - 1), infinite for alpha <= 1.
 */
#define SERIES_MAX_TERMS 100000000

/*
 * 2F1(1, b; c; z) for 0 < b < c and 0 <= z < 1 by its series, whose terms are positive and fall
 * by a ratio (b + k)/(c + k) z < z: no cancellation (the general 2F1's connection formula near
 * z = 1 loses digits when b (1 - z) is large), and the tail after a term is at most
 * term z / (1 - z). False when that takes too many terms (z very close to 1).
 */
static bool
hyp2f1_one(double b, double c, double z, double *result)
{
	double		term = 1,
				sum = 1,
				compensation = 0;
	int64		k;

	for (k = 0; k < SERIES_MAX_TERMS; k++)
	{
		double		y,
					t;

		if ((k & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
		term *= (b + k) / (c + k) * z;
		/* Kahan summation: long series of small terms keep their digits */
		y = term - compensation;
		t = sum + y;
		compensation = (t - sum) - y;
		sum = t;
		if (term * z <= 0.25 * DBL_EPSILON * sum * (1 - z))
		{
			*result = sum;
			return true;
		}
	}
	return false;
}

static double
discounted_periods(double alpha, double beta, int32 n, double z, const char *what)
{
	double		f;

	if (z == 1)
		return alpha > 1 ? (alpha + beta + n - 1) / (alpha - 1) : get_float8_infinity();
	if (!hyp2f1_one(beta + n, alpha + beta + n, z, &f) &&
		!cxm_hyp2f1(1, beta + n, alpha + beta + n, z, &f))
		f = get_float8_nan();
	if (!isfinite(f))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s cannot be computed for alpha %g, beta %g at discount factor %g", what,
						alpha, beta, z),
				 errhint("The discount rate is too small for the model's retention; use a larger "
						 "one (the hypergeometric series did not converge).")));
	return f;
}

/*
 * del(model, discount_rate_per_period): the discounted expected lifetime of a new customer,
 * DEL = sum_{t >= 0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d)), in periods
 * (the first, paid at acquisition, undiscounted): times the margin per period, the expected
 * lifetime value at acquisition.
 */
PG_FUNCTION_INFO_V1(sbg_del);
Datum
sbg_del(PG_FUNCTION_ARGS)
{
	double		p[2];
	double		z;

	cxm_model_params(fcinfo, 0, &sbg_kind, p);
	z = discount_factor(PG_GETARG_FLOAT8(1));
	PG_RETURN_FLOAT8(discounted_periods(p[0], p[1], 0, z, "DEL"));
}

/*
 * derl(model, periods_renewed, discount_rate_per_period): the discounted expected residual
 * lifetime of a customer who has renewed n - 1 = periods_renewed times, just before their
 * next renewal decision (Fader & Hardie 2010):
 *   DERL = sum_{t >= n} S(t) / S(n - 1) / (1 + d)^(t - n)
 *        = (beta + n - 1) / (alpha + beta + n - 1) 2F1(1, beta + n; alpha + beta + n; 1/(1+d)),
 * the payment at that renewal undiscounted. Times the margin per period: the expected
 * residual value of the customer.
 */
PG_FUNCTION_INFO_V1(sbg_derl);
Datum
sbg_derl(PG_FUNCTION_ARGS)
{
	double		p[2];
	int32		renewed = PG_GETARG_INT32(1);
	double		z;
	int32		n;

	cxm_model_params(fcinfo, 0, &sbg_kind, p);
	check_period(renewed, 0, "periods renewed");
	z = discount_factor(PG_GETARG_FLOAT8(2));
	n = renewed + 1;
	PG_RETURN_FLOAT8((p[1] + n - 1) / (p[0] + p[1] + n - 1) *
					 discounted_periods(p[0], p[1], n, z, "DERL"));
}

/*
 * forecast_table(model, cohort_size, periods): per period t = 0..periods the expected
 * survivors of a cohort of cohort_size, cohort_size S(t), and the renewal probability r(t)
 * into it (NULL for period 0).
 */
PG_FUNCTION_INFO_V1(sbg_forecast_table);
Datum
sbg_forecast_table(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	double		p[2];
	double		size = PG_GETARG_FLOAT8(1);
	int32		periods = PG_GETARG_INT32(2);
	double		survivors;
	int32		t;

	cxm_model_params(fcinfo, 0, &sbg_kind, p);
	if (!(size >= 0 && isfinite(size)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cohort size %g is not allowed", size),
				 errhint("The cohort size is a finite number of customers >= 0.")));
	check_period(periods, 0, "periods");
	cxm_materialize_srf(fcinfo);
	survivors = size;
	for (t = 0; t <= periods; t++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, t == 0};
		double		rate = t == 0 ? 1 : (p[1] + t - 1) / (p[0] + p[1] + t - 1);

		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		survivors = t == 0 ? size : size * survival_at(p[0], p[1], t);
		values[0] = Int32GetDatum(t);
		values[1] = Float8GetDatum(survivors);
		values[2] = Float8GetDatum(rate);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
