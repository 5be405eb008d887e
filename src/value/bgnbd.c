/*
 * bgnbd.c: the BG/NBD customer-base model (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way"): the bgnbd_model type, the maximum-likelihood fit over
 * rfm_patterns (log-space likelihood, maximised in log-parameter space by mle.c), accessors,
 * and the per-customer predictions expected_purchases and p_alive.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"

#include "fit.h"
#include "fitted_model.h"
#include "stats.h"
#include "bgnbd.h"
#include "rfm_patterns.h"

static const CxmModelKind bgnbd_kind = {
	.type_name = "bgnbd_model",
	.nparams = 4,
	.param_names = {"r", "alpha", "a", "b"},
	.params_phrase = "r, alpha, a and b",
	.example = "{\"version\": 1, \"r\": 0.243, \"alpha\": 4.414, \"a\": 0.793, \"b\": 2.426}",
	.records_convergence = true,
	.log_likelihood_not_positive = true
};

#define NPARAMS 4				/* r, alpha, a, b */

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * The log-likelihood of the patterns with recency and T multiplied by time_scale (FHL 2005,
 * eq. 6, in logs):
 *   ln L = ln G(r+x) - ln G(r) + r ln(alpha) + ln B(a, b+x) - ln B(a, b)
 *          + ln[ (alpha+T)^-(r+x) + [x > 0] a/(b+x-1) (alpha+t_x)^-(r+x) ]
 */
static double
bgnbd_log_likelihood(const void *patterns, double time_scale, const double *p)
{
	const RfmPatterns *s = patterns;
	double		r = p[0],
				alpha = p[1],
				a = p[2],
				b = p[3];
	double		common = -lgamma(r) + r * log(alpha) + lgamma(a + b) - lgamma(b);
	double		log_a = log(a);
	double		total = 0;
	double		x_gamma = 0;	/* ln G(r+x) + ln G(b+x) - ln G(a+b+x) */
	double		x_dropout = 0;	/* ln(a / (b+x-1)) */
	double		last_x = -1;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < s->npatterns; i++)
	{
		const RfmPattern *pt = &s->patterns[i];
		double		x = pt->frequency;
		double		tail = -(r + x) * log(alpha + pt->t * time_scale);

		/* patterns are sorted by frequency: these change only with it */
		if (x != last_x)
		{
			x_gamma = lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x);
			x_dropout = x > 0 ? log_a - log(b + x - 1) : 0;
			last_x = x;
		}
		if (x > 0)
			tail = log_add_exp(tail, x_dropout - (r + x) * log(alpha + pt->recency * time_scale));
		total += (double) pt->count * (common + x_gamma + tail);
	}
	return total;
}

/*
 * The gradient of bgnbd_log_likelihood with respect to (r, alpha, a, b), alpha in the scaled
 * time unit. With m = r+x, A1 = -m ln(alpha+T), A2 = ln(a/(b+x-1)) - m ln(alpha+t_x) and
 * w2 = e^A2 / (e^A1 + e^A2) the share of the "dropped out after the last purchase" term
 * (0 when x = 0), w1 = 1 - w2, each pattern adds
 *   d/dr:     psi(r+x) - psi(r) + ln(alpha) - w1 ln(alpha+T) - w2 ln(alpha+t_x)
 *   d/dalpha: r/alpha - m (w1/(alpha+T) + w2/(alpha+t_x))
 *   d/da:     psi(a+b) - psi(a+b+x) + w2/a
 *   d/db:     psi(a+b) - psi(b) + psi(b+x) - psi(a+b+x) - w2/(b+x-1)
 * The terms that depend on x only are summed per distinct x (patterns are sorted by it).
 * When log_likelihood is not NULL, the log-likelihood comes from the same pass (it shares the
 * logarithms; each pattern adds ln(e^A1 + e^A2) and the terms of its x).
 */
static void
bgnbd_log_likelihood_gradient(const void *patterns, double time_scale, const double *p,
							  double *grad, double *log_likelihood)
{
	const RfmPatterns *s = patterns;
	double		r = p[0],
				alpha = p[1],
				a = p[2],
				b = p[3];
	double		log_a = log(a);
	double		log_alpha = log(alpha);
	double		psi_ab = cxm_digamma(a + b);
	double		customers = 0;
	double		g_r = 0,
				g_alpha = 0,
				g_a = 0,
				g_b = 0;
	double		x_count = 0;	/* customers with the current x */
	double		ll_tails = 0;	/* sum of count * ln(e^A1 + e^A2) */
	double		ll_x = 0;		/* sum of count * the x-only terms */
	double		psi_rx = 0,
				psi_bx = 0,
				psi_abx = 0;
	double		x_dropout = 0;
	double		dropout_base = 1;	/* b+x-1 */
	double		last_x = -1;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i <= s->npatterns; i++)
	{
		const RfmPattern *pt;
		double		x,
					c,
					m,
					at,
					log_at,
					a1,
					w2 = 0;

		if (i == s->npatterns || s->patterns[i].frequency != last_x)
		{
			/* the x-only terms of the customers with the previous x */
			if (x_count > 0)
			{
				g_r += x_count * psi_rx;
				g_a -= x_count * psi_abx;
				g_b += x_count * (psi_bx - psi_abx);
				if (log_likelihood)
					ll_x += x_count * (lgamma(r + last_x) + lgamma(b + last_x) -
									   lgamma(a + b + last_x));
			}
			if (i == s->npatterns)
				break;
			last_x = s->patterns[i].frequency;
			x_count = 0;
			psi_rx = cxm_digamma(r + last_x);
			psi_bx = cxm_digamma(b + last_x);
			psi_abx = cxm_digamma(a + b + last_x);
			dropout_base = b + last_x - 1;
			x_dropout = last_x > 0 ? log_a - log(dropout_base) : 0;
		}
		pt = &s->patterns[i];
		x = pt->frequency;
		c = (double) pt->count;
		m = r + x;
		at = alpha + pt->t * time_scale;
		log_at = log(at);
		a1 = -m * log_at;
		x_count += c;
		customers += c;
		if (x > 0)
		{
			double		ax = alpha + pt->recency * time_scale;
			double		log_ax = log(ax);
			double		a2 = x_dropout - m * log_ax;
			double		tail = log_add_exp(a1, a2);

			w2 = exp(a2 - tail);
			ll_tails += c * tail;
			g_r -= c * ((1 - w2) * log_at + w2 * log_ax);
			g_alpha -= c * m * ((1 - w2) / at + w2 / ax);
			g_a += c * w2 / a;
			g_b -= c * w2 / dropout_base;
		}
		else
		{
			g_r -= c * log_at;
			g_alpha -= c * m / at;
			ll_tails += c * a1;
		}
	}
	grad[0] = g_r + customers * (log_alpha - cxm_digamma(r));
	grad[1] = g_alpha + customers * r / alpha;
	grad[2] = g_a + customers * psi_ab;
	grad[3] = g_b + customers * (psi_ab - cxm_digamma(b));
	if (log_likelihood)
		*log_likelihood = ll_tails + ll_x +
			customers * (-lgamma(r) + r * log_alpha + lgamma(a + b) - lgamma(b));
}

/* ---- the fit ------------------------------------------------------------------------------ */

static const CxmFitKind bgnbd_fit_kind = {
	.model = &bgnbd_kind,
	.model_name = "BG/NBD",
	.log_likelihood = bgnbd_log_likelihood,
	.gradient = bgnbd_log_likelihood_gradient,
	.scaled = {false, true, false, false},	/* alpha */
	.not_converged_hint = "Parameters growing without bound mean the data do not identify the "
	"model (too few customers, or no variation in repeat buying); check that frequency, recency "
	"and age are in one unit.",
	.flat_hint = "BG/NBD needs customers with and without repeat purchases; fit on more customers."
};

/* bgnbd_fit(rfm_patterns), and the final function of the bgnbd_fit aggregate */
PG_FUNCTION_INFO_V1(bgnbd_fit_patterns);
Datum
bgnbd_fit_patterns(PG_FUNCTION_ARGS)
{
	RfmPatterns *s;
	double		max_t = 0;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = rfm_patterns_arg(fcinfo, 0);
	if (s->npatterns == 0)
		PG_RETURN_NULL();
	rfm_patterns_check_fit(s, "BG/NBD");
	for (i = 0; i < s->npatterns; i++)
		max_t = Max(max_t, s->patterns[i].t);
	/* fit with T scaled to at most 10, which keeps alpha near 1 whatever the time unit */
	PG_RETURN_POINTER(cxm_fit(&bgnbd_fit_kind, s, rfm_patterns_customers(s),
							  max_t > 0 ? 10.0 / max_t : 1.0));
}

/* ---- the model type ------------------------------------------------------------------------ */

void
bgnbd_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	cxm_model_params(fcinfo, argno, &bgnbd_kind, params);
}

/*
 * in, out, recv, send, the fit's statistics, = and <>. converged is false for a model whose fit
 * stopped short (kept for stored models; fits that do not converge raise an error).
 */
/*
 * SQL entry points: bgnbd_model_in, bgnbd_model_out, bgnbd_model_recv, bgnbd_model_send,
 * bgnbd_model_log_likelihood, bgnbd_model_iterations, bgnbd_model_converged,
 * bgnbd_model_customers, bgnbd_model_eq, bgnbd_model_ne
 */
CXM_MODEL_ENTRY_POINTS(bgnbd_model, bgnbd_kind)

/* the parameters, in the kind's order */
/* SQL entry points: bgnbd_model_r */
CXM_MODEL_PARAM_ACCESSOR(bgnbd_model, bgnbd_kind, r, 0)
/* SQL entry points: bgnbd_model_alpha */
CXM_MODEL_PARAM_ACCESSOR(bgnbd_model, bgnbd_kind, alpha, 1)
/* SQL entry points: bgnbd_model_a */
CXM_MODEL_PARAM_ACCESSOR(bgnbd_model, bgnbd_kind, a, 2)
/* SQL entry points: bgnbd_model_b */
CXM_MODEL_PARAM_ACCESSOR(bgnbd_model, bgnbd_kind, b, 3)

/* ---- predictions ------------------------------------------------------------------------------ */

void
btyd_check_customer(double frequency, double recency, double t)
{
	const char *problem = rfm_pattern_problem(frequency, recency, t);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer summary (frequency %g, recency %g, age %g) is not valid: %s",
						frequency, recency, t, problem),
				 errhint("Pass rfm_summary()'s frequency, recency and age, in the time unit the "
						 "model was fitted in.")));
}

/* ln( a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) ): the odds that the customer has dropped out */
static double
log_dropout_odds(double r, double alpha, double a, double b, double x, double tx, double t)
{
	return log(a) - log(b + x - 1) + (r + x) * (log(alpha + t) - log(alpha + tx));
}

/* p_alive(model, frequency, recency, T): FHL 2005 eq. 13 */
PG_FUNCTION_INFO_V1(bgnbd_p_alive);
Datum
bgnbd_p_alive(PG_FUNCTION_ARGS)
{
	double		p[4];
	double		x = PG_GETARG_FLOAT8(1),
				tx = PG_GETARG_FLOAT8(2),
				t = PG_GETARG_FLOAT8(3);

	bgnbd_model_params(fcinfo, 0, p);
	btyd_check_customer(x, tx, t);
	if (x == 0)
		PG_RETURN_FLOAT8(1.0);
	/* 1 / (1 + odds), computed without overflow for huge odds */
	PG_RETURN_FLOAT8(exp(-log_add_exp(0, log_dropout_odds(p[0], p[1], p[2], p[3], x, tx, t))));
}

/*
 * E[purchases in (T, T + horizon] | x, t_x, T] (FHL 2005 eq. 10). With z = horizon /
 * (alpha + T + horizon), its factor ((alpha+T)/(alpha+T+horizon))^(r+x) 2F1(r+x, b+x;
 * a+b+x-1; z) is computed after Euler's transformation as (1-z)^(a-1) 2F1(a+b-1-r, a-1;
 * a+b+x-1; z), whose terms do not grow with x.
 */
static bool
expected_purchases_at(double r, double alpha, double a, double b, double horizon, double x,
					  double tx, double t, double *result)
{
	double		z = horizon / (alpha + t + horizon);
	double		f;
	double		numerator;

	if (!cxm_hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z, &f))
		return false;
	numerator = (a + b + x - 1) / (a - 1) * (1 - pow(1 - z, a - 1) * f);
	if (x > 0)
		numerator *= exp(-log_add_exp(0, log_dropout_odds(r, alpha, a, b, x, tx, t)));
	*result = numerator;
	return isfinite(numerator);
}

double
bgnbd_expected_purchases_value(const double *params, double horizon, double x, double tx,
							   double t)
{
	double		r = params[0],
				alpha = params[1],
				a = params[2],
				b = params[3];
	double		result;
	bool		ok;

	if (!(horizon >= 0 && isfinite(horizon)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("forecast horizon %g is not allowed", horizon),
				 errhint("The horizon is a finite length of time >= 0, in the model's time unit.")));
	btyd_check_customer(x, tx, t);
	if (horizon == 0)
		return 0.0;

	/*
	 * At a = 1 and at a + b + x = 1 the formula is 0/0 (its limit is finite): evaluate on both
	 * sides and average, which is exact to O(h^2).
	 */
	if (fabs(a - 1) < 1e-6 || fabs(a + b + x - 1) < 1e-6)
	{
		const double h = 1e-4;
		double		lo,
					hi;

		ok = expected_purchases_at(r, alpha, a - h, b, horizon, x, tx, t, &lo) &&
			expected_purchases_at(r, alpha, a + h, b, horizon, x, tx, t, &hi);
		result = (lo + hi) / 2;
	}
	else
		ok = expected_purchases_at(r, alpha, a, b, horizon, x, tx, t, &result);
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("expected purchases over horizon %g cannot be computed for frequency %g, "
						"recency %g, age %g", horizon, x, tx, t),
				 errhint("The horizon is too long for the model's time scale; use a shorter one "
						 "(the hypergeometric series did not converge).")));
	return result;
}

PG_FUNCTION_INFO_V1(bgnbd_expected_purchases);
Datum
bgnbd_expected_purchases(PG_FUNCTION_ARGS)
{
	double		params[NPARAMS];

	bgnbd_model_params(fcinfo, 0, params);
	PG_RETURN_FLOAT8(bgnbd_expected_purchases_value(params, PG_GETARG_FLOAT8(1),
													PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
													PG_GETARG_FLOAT8(4)));
}
