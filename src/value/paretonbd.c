/*
 * paretonbd.c: the Pareto/NBD customer-base model (Schmittlein, Morrison & Colombo 1987; the
 * likelihood as in Fader, Hardie & Lee 2005, "A note on deriving the Pareto/NBD model and
 * related expressions"): the paretonbd_model type, the maximum-likelihood fit over
 * rfm_patterns (maximised in log-parameter space by mle.c), accessors, and the per-customer
 * predictions expected_purchases and p_alive.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"

#include "fit.h"
#include "fitted_model.h"
#include "stats.h"
#include "bgnbd.h"
#include "paretonbd.h"
#include "rfm_patterns.h"

static const CxmModelKind paretonbd_kind = {
	.type_name = "paretonbd_model",
	.nparams = 4,
	.param_names = {"r", "alpha", "s", "beta"},
	.params_phrase = "r, alpha, s and beta",
	.example = "{\"version\": 1, \"r\": 0.553, \"alpha\": 10.578, \"s\": 0.606, \"beta\": 11.669}",
	.records_convergence = false,
	.log_likelihood_not_positive = false
};

#define NPARAMS 4				/* r, alpha, s, beta */

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * The terms of each 2F1 series the likelihood may sum (about 1 ms): a fit evaluates it up to
 * CXM_MLE_MAX_EVALUATIONS times per pattern, so one evaluation must stay cheap. Parameters
 * whose 2F1 needs more (z within about 2e-4 of 1) make the likelihood NaN there and the
 * optimiser steps back; p_alive allows the full CXM_HYP2F1_MAX_TERMS.
 */
#define PARETONBD_FIT_HYP2F1_TERMS 200000

/*
 * ln of A(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x) when
 * alpha >= beta, and the same with (alpha, s+1) and (beta, r+x) swapped otherwise (FHL 2005
 * note, eq. 22). In the second case 2F1 is taken after Euler's transformation,
 * (1-z)^(1-r-x) 2F1(1, s+1; r+s+x+1; z), whose terms do not grow with x. NaN when 2F1
 * cannot be evaluated.
 */
static double
log_a(double r, double alpha, double s, double beta, double x, double t, int64 max_terms)
{
	double		rsx = r + s + x;
	double		f;

	if (alpha >= beta)
	{
		double		z = (alpha - beta) / (alpha + t);

		if (!cxm_hyp2f1_limited(rsx, s + 1, rsx + 1, z, max_terms, &f) || !(f > 0))
			return NAN;
		return log(f) - rsx * log(alpha + t);
	}
	else
	{
		double		z = (beta - alpha) / (beta + t);

		if (!cxm_hyp2f1_limited(1, s + 1, rsx + 1, z, max_terms, &f) || !(f > 0))
			return NAN;
		return (1 - r - x) * log1p(-z) + log(f) - rsx * log(beta + t);
	}
}

/*
 * The two terms of the likelihood of (x, t_x, T) after ln G(r+x) - ln G(r) + r ln alpha +
 * s ln beta: ln of 1 / ((alpha+T)^(r+x) (beta+T)^s) (alive at T) and of s / (r+s+x)
 * (A(t_x) - A(T)) (dropped out between t_x and T).
 */
static void
log_terms(double r, double alpha, double s, double beta, double x, double tx, double t,
		  int64 max_terms, double *alive, double *dropped)
{
	double		a_tx = log_a(r, alpha, s, beta, x, tx, max_terms);
	double		a_t = log_a(r, alpha, s, beta, x, t, max_terms);

	*alive = -(r + x) * log(alpha + t) - s * log(beta + t);
	if (isnan(a_tx) || isnan(a_t))
		*dropped = NAN;
	else if (!(a_t < a_tx))
		*dropped = -INFINITY;	/* t_x = T: no time to drop out in (or rounding) */
	else
		*dropped = log(s) - log(r + s + x) + a_tx + log1p(-exp(a_t - a_tx));
}

static double
paretonbd_log_likelihood(const void *patterns, double time_scale, const double *p)
{
	const RfmPatterns *pats = patterns;
	double		r = p[0],
				alpha = p[1],
				s = p[2],
				beta = p[3];
	double		common = -lgamma(r) + r * log(alpha) + s * log(beta);
	double		total = 0;
	double		x_gamma = 0;
	double		last_x = -1;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < pats->npatterns; i++)
	{
		const RfmPattern *pt = &pats->patterns[i];
		double		x = pt->frequency;
		double		alive,
					dropped;

		if (x != last_x)
		{
			x_gamma = lgamma(r + x);
			last_x = x;
		}
		log_terms(r, alpha, s, beta, x, pt->recency * time_scale, pt->t * time_scale,
				  PARETONBD_FIT_HYP2F1_TERMS, &alive, &dropped);
		if (isnan(dropped))
			return NAN;
		total += (double) pt->count * (common + x_gamma + log_add_exp(alive, dropped));
	}
	return total;
}

/* ---- the fit ------------------------------------------------------------------------------ */

static const CxmFitKind paretonbd_fit_kind = {
	.model = &paretonbd_kind,
	.model_name = "Pareto/NBD",
	.log_likelihood = paretonbd_log_likelihood,
	.gradient = NULL,			/* central differences */
	.scaled = {false, true, false, true},	/* alpha, beta */
	.not_converged_hint = "Parameters growing without bound mean the data do not identify the "
	"model (too few customers, or no variation in repeat buying); check that frequency, recency "
	"and age are in one unit.",
	.flat_hint = "Pareto/NBD needs customers with and without repeat purchases; fit on more "
	"customers."
};

/* paretonbd_fit(rfm_patterns), and the final function of the paretonbd_fit aggregate */
PG_FUNCTION_INFO_V1(paretonbd_fit_patterns);
Datum
paretonbd_fit_patterns(PG_FUNCTION_ARGS)
{
	RfmPatterns *pats;
	double		max_t = 0;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	pats = rfm_patterns_arg(fcinfo, 0);
	if (pats->npatterns == 0)
		PG_RETURN_NULL();
	rfm_patterns_check_fit(pats, "Pareto/NBD");
	for (i = 0; i < pats->npatterns; i++)
		max_t = Max(max_t, pats->patterns[i].t);
	/* fit with T scaled to at most 10, which keeps alpha and beta near 1 whatever the unit */
	PG_RETURN_POINTER(cxm_fit(&paretonbd_fit_kind, pats, rfm_patterns_customers(pats),
							  max_t > 0 ? 10.0 / max_t : 1.0));
}

/* ---- the model type ------------------------------------------------------------------------ */

/*
 * in, out, recv, send, the fit's statistics, = and <>. A fit that does not converge is an
 * error, so every fitted model converged.
 */
/*
 * SQL entry points: paretonbd_model_in, paretonbd_model_out, paretonbd_model_recv,
 * paretonbd_model_send, paretonbd_model_log_likelihood, paretonbd_model_iterations,
 * paretonbd_model_converged, paretonbd_model_customers, paretonbd_model_eq, paretonbd_model_ne
 */
CXM_MODEL_ENTRY_POINTS(paretonbd_model, paretonbd_kind)

/* the parameters, in the kind's order */
/* SQL entry points: paretonbd_model_r */
CXM_MODEL_PARAM_ACCESSOR(paretonbd_model, paretonbd_kind, r, 0)
/* SQL entry points: paretonbd_model_alpha */
CXM_MODEL_PARAM_ACCESSOR(paretonbd_model, paretonbd_kind, alpha, 1)
/* SQL entry points: paretonbd_model_s */
CXM_MODEL_PARAM_ACCESSOR(paretonbd_model, paretonbd_kind, s, 2)
/* SQL entry points: paretonbd_model_beta */
CXM_MODEL_PARAM_ACCESSOR(paretonbd_model, paretonbd_kind, beta, 3)

/* ---- predictions ------------------------------------------------------------------------------ */

void
paretonbd_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	cxm_model_params(fcinfo, argno, &paretonbd_kind, params);
}

/* ln P(alive at T | x, t_x, T) = -ln(1 + dropped / alive) (FHL 2005 note, eq. 18) */
static double
log_p_alive(const double *p, double x, double tx, double t)
{
	double		alive,
				dropped;

	log_terms(p[0], p[1], p[2], p[3], x, tx, t, CXM_HYP2F1_MAX_TERMS, &alive, &dropped);
	if (isnan(dropped))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("P(alive) cannot be computed for frequency %g, recency %g, age %g", x, tx, t),
				 errhint("The hypergeometric series did not converge for this model and customer.")));
	return -log_add_exp(0, dropped - alive);
}

PG_FUNCTION_INFO_V1(paretonbd_p_alive);
Datum
paretonbd_p_alive(PG_FUNCTION_ARGS)
{
	double		params[NPARAMS];
	double		x = PG_GETARG_FLOAT8(1),
				tx = PG_GETARG_FLOAT8(2),
				t = PG_GETARG_FLOAT8(3);

	paretonbd_model_params(fcinfo, 0, params);
	btyd_check_customer(x, tx, t);
	PG_RETURN_FLOAT8(exp(log_p_alive(params, x, tx, t)));
}

/*
 * E[purchases in (T, T + horizon] | x, t_x, T] (FHL 2005 note, eq. 41):
 *   (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+horizon))^(s-1)] P(alive)
 * with [1 - (...)^(s-1)] / (s-1) computed by expm1, which is also right at s = 1 (its limit
 * ln((beta+T+horizon)/(beta+T))).
 */
double
paretonbd_expected_purchases_value(const double *params, double horizon, double x, double tx,
								   double t)
{
	double		r = params[0],
				alpha = params[1],
				s = params[2],
				beta = params[3];
	double		growth,
				factor;

	if (!(horizon >= 0 && isfinite(horizon)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("forecast horizon %g is not allowed", horizon),
				 errhint("The horizon is a finite length of time >= 0, in the model's time unit.")));
	btyd_check_customer(x, tx, t);
	if (horizon == 0)
		return 0.0;
	growth = log1p(horizon / (beta + t));
	factor = s == 1 ? growth : -expm1(-(s - 1) * growth) / (s - 1);
	return (r + x) * (beta + t) / (alpha + t) * factor * exp(log_p_alive(params, x, tx, t));
}

PG_FUNCTION_INFO_V1(paretonbd_expected_purchases);
Datum
paretonbd_expected_purchases(PG_FUNCTION_ARGS)
{
	double		params[NPARAMS];

	paretonbd_model_params(fcinfo, 0, params);
	PG_RETURN_FLOAT8(paretonbd_expected_purchases_value(params, PG_GETARG_FLOAT8(1),
														PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
														PG_GETARG_FLOAT8(4)));
}
