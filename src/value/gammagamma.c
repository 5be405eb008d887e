/*
 * gammagamma.c: the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
 * "RFM and CLV"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): the
 * gammagamma_model type, the maximum-likelihood fit over spend_patterns (maximised in
 * log-parameter space by mle.c), accessors, and expected_spend.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"

#include "fit.h"
#include "fitted_model.h"
#include "stats.h"
#include "gammagamma.h"
#include "spend_patterns.h"

static const CxmModelKind gammagamma_kind = {
	.type_name = "gammagamma_model",
	.nparams = 3,
	.param_names = {"p", "q", "gamma"},
	.params_phrase = "p, q and gamma",
	.example = "{\"version\": 1, \"p\": 6.25, \"q\": 3.74, \"gamma\": 15.44}",
	.records_convergence = false,
	.log_likelihood_not_positive = false
};

#define NPARAMS 3				/* p, q, gamma */

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * The log-likelihood of the patterns' mean spends z (multiplied by spend_scale) given their
 * frequencies x (Fader & Hardie 2013, eq. 3, in logs):
 *   ln f(z | x) = ln G(px+q) - ln G(px) - ln G(q) + q ln(gamma) + (px-1) ln z + px ln x
 *                 - (px+q) ln(gamma + x z)
 */
static double
gammagamma_log_likelihood(const void *patterns, double spend_scale, const double *params)
{
	const SpendPatterns *s = patterns;
	double		p = params[0],
				q = params[1],
				gamma = params[2];
	double		common = -lgamma(q) + q * log(gamma);
	double		total = 0;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < s->npatterns; i++)
	{
		const SpendPattern *pt = &s->patterns[i];
		double		x = pt->frequency;
		double		z = pt->monetary * spend_scale;
		double		px = p * x;

		total += (double) pt->count *
			(common + lgamma(px + q) - lgamma(px) + (px - 1) * log(z) + px * log(x) -
			 (px + q) * log(gamma + x * z));
	}
	return total;
}

/*
 * The gradient of gammagamma_log_likelihood with respect to (p, q, gamma), gamma in the scaled
 * spend unit. Each pattern adds, with w = gamma + x z,
 *   d/dp:     x (psi(px+q) - psi(px) + ln z + ln x - ln w)
 *   d/dq:     psi(px+q) - psi(q) + ln(gamma) - ln w
 *   d/dgamma: q/gamma - (px+q)/w
 * When log_likelihood is not NULL, the log-likelihood comes from the same pass.
 */
static void
gammagamma_log_likelihood_gradient(const void *patterns, double spend_scale,
								   const double *params, double *g, double *log_likelihood)
{
	const SpendPatterns *s = patterns;
	double		p = params[0],
				q = params[1],
				gamma = params[2];
	double		common_q = -cxm_digamma(q) + log(gamma);
	double		common_ll = -lgamma(q) + q * log(gamma);
	double		total = 0;
	int			i;

	g[0] = g[1] = g[2] = 0;
	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < s->npatterns; i++)
	{
		const SpendPattern *pt = &s->patterns[i];
		double		count = (double) pt->count;
		double		x = pt->frequency;
		double		z = pt->monetary * spend_scale;
		double		px = p * x;
		double		w = gamma + x * z;
		double		log_w = log(w);
		double		log_z = log(z);
		double		log_x = log(x);
		double		psi_pxq = cxm_digamma(px + q);

		g[0] += count * x * (psi_pxq - cxm_digamma(px) + log_z + log_x - log_w);
		g[1] += count * (common_q + psi_pxq - log_w);
		g[2] += count * (q / gamma - (px + q) / w);
		if (log_likelihood)
			total += count * (common_ll + lgamma(px + q) - lgamma(px) + (px - 1) * log_z +
							  px * log_x - (px + q) * log_w);
	}
	if (log_likelihood)
		*log_likelihood = total;
}

/* ---- the fit ------------------------------------------------------------------------------ */

static const CxmFitKind gammagamma_fit_kind = {
	.model = &gammagamma_kind,
	.model_name = "Gamma-Gamma",
	.log_likelihood = gammagamma_log_likelihood,
	.gradient = gammagamma_log_likelihood_gradient,
	.scaled = {false, false, true},	/* gamma */
	.chain_rule_product_first = true,
	.not_converged_hint = "Parameters growing without bound mean the data do not identify the "
	"model: it needs many repeat customers whose mean spends vary.",
	.flat_hint = "Fit on more repeat customers."
};

/* gammagamma_fit(spend_patterns), and the final function of the gammagamma_fit aggregate */
PG_FUNCTION_INFO_V1(gammagamma_fit_patterns);
Datum
gammagamma_fit_patterns(PG_FUNCTION_ARGS)
{
	SpendPatterns *s;
	int64		customers;
	double		spend_total = 0;
	double		spend_scale;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = spend_patterns_arg(fcinfo, 0);
	if (s->npatterns == 0)
		PG_RETURN_NULL();

	/* fit with spend scaled to a mean of 1, which keeps gamma near 1 whatever the currency */
	customers = spend_patterns_customers(s);
	for (i = 0; i < s->npatterns; i++)
		spend_total += s->patterns[i].monetary * (double) s->patterns[i].count;
	spend_scale = (double) customers / spend_total;
	if (!isfinite(spend_scale))
		spend_scale = 1;
	PG_RETURN_POINTER(cxm_fit(&gammagamma_fit_kind, s, customers, spend_scale));
}

/* ---- the model type ------------------------------------------------------------------------ */

void
gammagamma_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	cxm_model_params(fcinfo, argno, &gammagamma_kind, params);
}

/*
 * in, out, recv, send, the fit's statistics, = and <>. A fit that does not converge is an
 * error, so every fitted model converged.
 */
/*
 * SQL entry points: gammagamma_model_in, gammagamma_model_out, gammagamma_model_recv,
 * gammagamma_model_send, gammagamma_model_log_likelihood, gammagamma_model_iterations,
 * gammagamma_model_converged, gammagamma_model_customers, gammagamma_model_eq,
 * gammagamma_model_ne
 */
CXM_MODEL_ENTRY_POINTS(gammagamma_model, gammagamma_kind)

/* the parameters, in the kind's order */
/* SQL entry points: gammagamma_model_p */
CXM_MODEL_PARAM_ACCESSOR(gammagamma_model, gammagamma_kind, p, 0)
/* SQL entry points: gammagamma_model_q */
CXM_MODEL_PARAM_ACCESSOR(gammagamma_model, gammagamma_kind, q, 1)
/* SQL entry points: gammagamma_model_gamma */
CXM_MODEL_PARAM_ACCESSOR(gammagamma_model, gammagamma_kind, gamma, 2)

/* ---- prediction --------------------------------------------------------------------------- */

/*
 * E[Z | x, zbar] = p (gamma + x zbar) / (p x + q - 1) (Fader & Hardie 2013, eq. 5): a weighted
 * mean of the population mean p gamma / (q - 1) and the customer's own mean zbar, with weight
 * p x / (p x + q - 1) on the latter. For x = 0 it is the population mean.
 */
double
gammagamma_expected_spend_value(const double *params, double frequency, double monetary)
{
	double		p = params[0],
				q = params[1],
				gamma = params[2];
	double		x = frequency;
	double		result;

	if (frequency != 0)
	{
		const char *problem = spend_pattern_problem(frequency, monetary);

		if (problem != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("spend summary (frequency %g, monetary %g) is not valid: %s",
							frequency, monetary, problem),
					 errhint("Pass rfm_summary()'s frequency and monetary: a whole number of "
							 "repeat purchases and their positive mean spend (frequency 0 "
							 "ignores monetary).")));
	}
	else
		monetary = 0;
	if (!(p * x + q - 1 > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model's expected spend for frequency %g is infinite (p = %g, q = %g)",
						frequency, p, q),
				 errhint("A Gamma-Gamma model has a finite mean spend only when p * frequency + q > 1; "
						 "for customers without repeat purchases that needs q > 1.")));
	result = p * (gamma + x * monetary) / (p * x + q - 1);
	if (!isfinite(result))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("expected spend for frequency %g and monetary %g is out of range",
						frequency, monetary),
				 errhint("The model and monetary give a mean spend beyond 1e308; pass monetary in "
						 "the currency unit the model was fitted in.")));
	return result;
}

/*
 * expected_spend(model, frequency, monetary): not strict in monetary, which customers
 * without repeat purchases do not have (rfm_summary gives NULL); NULL otherwise gives NULL.
 */
PG_FUNCTION_INFO_V1(gammagamma_expected_spend);
Datum
gammagamma_expected_spend(PG_FUNCTION_ARGS)
{
	double		params[NPARAMS];
	double		frequency;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	frequency = PG_GETARG_FLOAT8(1);
	if (PG_ARGISNULL(2) && frequency != 0)
		PG_RETURN_NULL();
	gammagamma_model_params(fcinfo, 0, params);
	PG_RETURN_FLOAT8(gammagamma_expected_spend_value(params, frequency,
													 PG_ARGISNULL(2) ? 0 : PG_GETARG_FLOAT8(2)));
}
