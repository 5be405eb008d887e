/*
 * mbgnbd.c: the modified BG/NBD customer-base model (Batislam, Denizel & Filiztekin 2007,
 * "Empirical validation and comparison of models for customer base analysis", IJRM 24(3)):
 * BG/NBD in which a customer may also drop out right after the first purchase, so that
 * customers without repeat purchases are not all alive. The mbgnbd_model type, its fit over
 * rfm_patterns, accessors, and the predictions expected_purchases and p_alive.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"

#include "fit.h"
#include "fitted_model.h"
#include "stats.h"
#include "bgnbd.h"
#include "mbgnbd.h"
#include "rfm_patterns.h"

static const CxmModelKind mbgnbd_kind = {
	.type_name = "mbgnbd_model",
	.nparams = 4,
	.param_names = {"r", "alpha", "a", "b"},
	.params_phrase = "r, alpha, a and b",
	.example = "{\"version\": 1, \"r\": 0.525, \"alpha\": 6.183, \"a\": 0.891, \"b\": 1.614}",
	.records_convergence = true,
	.log_likelihood_not_positive = true
};

#define NPARAMS 4				/* r, alpha, a, b */
#define PRODUCT_RUN 64

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * The log-likelihood of the patterns and its gradient in (r, alpha, a, b), recency and T
 * multiplied by time_scale (alpha in the scaled unit). Per customer:
 *   ln L = ln G(r+x) - ln G(r) + r ln(alpha) + ln B(a, b+x+1) - ln B(a, b)
 *          + ln[ (alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x) ]
 * the second term of the bracket for every x, 0 included (BG/NBD has it only for x > 0).
 * With m = r+x, A1 = -m ln(alpha+T), A2 = ln(a/(b+x)) - m ln(alpha+t_x) and w2 = e^A2 /
 * (e^A1 + e^A2), w1 = 1 - w2, each customer adds
 *   d/dr:     psi(r+x) - psi(r) + ln(alpha) - w1 ln(alpha+T) - w2 ln(alpha+t_x)
 *   d/dalpha: r/alpha - m (w1/(alpha+T) + w2/(alpha+t_x))
 *   d/da:     psi(a+b) - psi(a+b+x+1) + w2/a
 *   d/db:     psi(a+b) - psi(b) + psi(b+x+1) - psi(a+b+x+1) - w2/(b+x)
 * The terms of x alone are computed once per distinct x (patterns are sorted by it).
 * grad may be NULL (the log-likelihood only).
 */
/*
 * *sum += term with Neumaier's compensation: what the addition rounds off is kept in *carry.
 * The log-likelihood is a sum over up to millions of patterns; summed plainly its rounding
 * (1e-12 of the mean log-likelihood on a million patterns) hides the last steps of the
 * optimiser, which compare values that differ by less.
 */
static inline void
ll_add(double *sum, double *carry, double term)
{
	double		t = *sum + term;

	if (fabs(*sum) >= fabs(term))
		*carry += (*sum - t) + term;
	else
		*carry += (term - t) + *sum;
	*sum = t;
}

static double
mbgnbd_pass(const RfmPatterns *s, double time_scale, const double *p, double *grad)
{
	double		r = p[0],
				alpha = p[1],
				a = p[2],
				b = p[3];
	double		log_a = log(a);
	double		log_alpha = log(alpha);
	double		customers = 0;
	double		g_r = 0,
				g_alpha = 0,
				g_a = 0,
				g_b = 0;
	double		ll = 0,
				ll_carry = 0;	/* what the rounding of ll's additions lost (ll_add) */
	double		x_ll = 0,
				x_psi_r = 0,
				x_psi_a = 0,
				x_psi_b = 0,
				x_dropout = 0,
				x_base = 1,		/* b+x */
				x_inv_base = 1;
	double		w2_sum = 0;		/* of count * w2 */
	double		last_x = -1;
	double		product = 1;	/* of 1 + e, for the last in_product patterns of one customer */
	int			in_product = 0;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < s->npatterns; i++)
	{
		const RfmPattern *pt = &s->patterns[i];
		double		x = pt->frequency;
		double		c = (double) pt->count;
		double		m = r + x;
		double		at = alpha + pt->t * time_scale;
		double		ax = alpha + pt->recency * time_scale;
		double		log_at = log(at),
					log_ax = pt->recency == 0 ? log_alpha : log(ax);
		double		a1,
					a2,
					e,
					top;

		if (x != last_x)
		{
			x_ll = lgamma(r + x) + lgamma(b + x + 1) - lgamma(a + b + x + 1);
			x_base = b + x;
			x_inv_base = 1 / x_base;
			x_dropout = log_a - log(x_base);
			if (grad)
			{
				x_psi_r = cxm_digamma(r + x);
				x_psi_a = cxm_digamma(a + b + x + 1);
				x_psi_b = cxm_digamma(b + x + 1);
			}
			last_x = x;
		}
		a1 = -m * log_at;
		a2 = x_dropout - m * log_ax;
		/* ln(e^a1 + e^a2) = max(a1, a2) + ln(1 + e), with e = e^-|a1-a2| in [0, 1] */
		if (a2 > a1)
		{
			e = exp(a1 - a2);
			top = a2;
		}
		else
		{
			e = exp(a2 - a1);
			top = a1;
		}
		ll_add(&ll, &ll_carry, c * (x_ll + top));

		/*
		 * The ln(1 + e) of single-customer patterns are summed as the logarithm of their
		 * product, one logarithm per PRODUCT_RUN patterns (each factor is in [1, 2], so the
		 * product stays below 2^PRODUCT_RUN, exact to PRODUCT_RUN roundings): a logarithm per
		 * pattern was most of a fit's time on a million distinct patterns.
		 */
		if (pt->count == 1)
		{
			product *= 1 + e;
			if (++in_product == PRODUCT_RUN)
			{
				ll_add(&ll, &ll_carry, log(product));
				product = 1;
				in_product = 0;
			}
		}
		else
			ll_add(&ll, &ll_carry, c * log1p(e));
		customers += c;
		if (grad)
		{
			/*
			 * w2 = e^a2 / (e^a1 + e^a2), and 1/(alpha+T), 1/(alpha+t_x), from one division
			 * (divisions were most of the loop's own time): q = 1 / ((1 + e) at ax).
			 */
			double		q = 1 / ((1 + e) * at * ax);
			double		share = q * at * ax;	/* 1 / (1 + e) */
			double		w2 = a2 > a1 ? share : e * share;

			g_r += c * (x_psi_r - log_at + w2 * (log_at - log_ax));
			g_alpha -= c * m * ((1 - w2) * ax + w2 * at) * (q * (1 + e));
			w2_sum += c * w2;
			g_a -= c * x_psi_a;
			g_b += c * (x_psi_b - x_psi_a - w2 * x_inv_base);
		}
	}
	ll_add(&ll, &ll_carry, log(product));
	ll += ll_carry;
	if (grad)
	{
		double		psi_ab = cxm_digamma(a + b);

		grad[0] = g_r + customers * (log_alpha - cxm_digamma(r));
		grad[1] = g_alpha + customers * r / alpha;
		grad[2] = g_a + w2_sum / a + customers * psi_ab;
		grad[3] = g_b + customers * (psi_ab - cxm_digamma(b));
	}
	return ll + customers * (-lgamma(r) + r * log_alpha + lgamma(a + b) - lgamma(b));
}

static double
mbgnbd_log_likelihood(const void *patterns, double time_scale, const double *p)
{
	return mbgnbd_pass(patterns, time_scale, p, NULL);
}

static void
mbgnbd_log_likelihood_gradient(const void *patterns, double time_scale, const double *p,
							   double *grad, double *log_likelihood)
{
	double		ll = mbgnbd_pass(patterns, time_scale, p, grad);

	if (log_likelihood)
		*log_likelihood = ll;
}

/* ---- the fit ------------------------------------------------------------------------------ */

static const CxmFitKind mbgnbd_fit_kind = {
	.model = &mbgnbd_kind,
	.model_name = "MBG/NBD",
	.log_likelihood = mbgnbd_log_likelihood,
	.gradient = mbgnbd_log_likelihood_gradient,
	.scaled = {false, true, false, false},	/* alpha */
	.not_converged_hint = "Parameters growing without bound mean the data do not identify the "
	"model (too few customers, or no variation in repeat buying); check that frequency, recency "
	"and age are in one unit.",
	.flat_hint = "MBG/NBD needs customers with and without repeat purchases; fit on more customers."
};

/*
 * On many distinct patterns the optimiser starts from the fit of a systematic sample of about
 * SAMPLE_PATTERNS of them (every k-th, each standing for k patterns' customers; patterns are
 * sorted by frequency, so the sample keeps the frequencies' mix): its maximum is the full
 * data's to sampling error, and its twenty-odd BFGS steps cost about one pass over all the
 * patterns, where from every parameter 1 each of them is a full pass. The fit itself is still
 * the full data's, to the optimiser's tolerance.
 */
#define SAMPLE_PATTERNS 32768

static bool
sample_fit(const RfmPatterns *s, double scale, double *params, double *hessian)
{
	int			k = s->npatterns / SAMPLE_PATTERNS;
	int			n = 0;
	int64		customers = 0;
	RfmPatterns *sample = palloc(offsetof(RfmPatterns, patterns) +
								 (Size) (s->npatterns / k + 1) * sizeof(RfmPattern));
	int			i;
	bool		ok;

	memcpy(sample, s, offsetof(RfmPatterns, patterns));
	for (i = k / 2; i < s->npatterns; i += k)
	{
		sample->patterns[n] = s->patterns[i];
		sample->patterns[n].count *= k;
		customers += sample->patterns[n].count;
		n++;
	}
	sample->npatterns = sample->nsorted = n;
	SET_VARSIZE(sample, offsetof(RfmPatterns, patterns) + (Size) n * sizeof(RfmPattern));
	ok = cxm_fit_parameters(&mbgnbd_fit_kind, sample, customers, scale, params, hessian);
	pfree(sample);
	return ok;
}

/* mbgnbd_fit(rfm_patterns), and the final function of the mbgnbd_fit aggregate */
PG_FUNCTION_INFO_V1(mbgnbd_fit_patterns);
Datum
mbgnbd_fit_patterns(PG_FUNCTION_ARGS)
{
	RfmPatterns *s;
	double		max_t = 0;
	double		scale;
	double		start[NPARAMS];
	double		start_hessian[NPARAMS * NPARAMS];
	int64		customers;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = rfm_patterns_arg(fcinfo, 0);
	if (s->npatterns == 0)
		PG_RETURN_NULL();
	for (i = 0; i < s->npatterns; i++)
		max_t = Max(max_t, s->patterns[i].t);
	/* fit with T scaled to at most 10, which keeps alpha near 1 whatever the time unit */
	scale = max_t > 0 ? 10.0 / max_t : 1.0;
	customers = rfm_patterns_customers(s);
	if (s->npatterns >= 2 * SAMPLE_PATTERNS && sample_fit(s, scale, start, start_hessian))
		PG_RETURN_POINTER(cxm_fit_from(&mbgnbd_fit_kind, s, customers, scale, start,
									   start_hessian));
	PG_RETURN_POINTER(cxm_fit(&mbgnbd_fit_kind, s, customers, scale));
}

/* ---- the model type ------------------------------------------------------------------------ */

void
mbgnbd_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	cxm_model_params(fcinfo, argno, &mbgnbd_kind, params);
}

/*
 * SQL entry points: mbgnbd_model_in, mbgnbd_model_out, mbgnbd_model_recv, mbgnbd_model_send,
 * mbgnbd_model_log_likelihood, mbgnbd_model_iterations, mbgnbd_model_converged,
 * mbgnbd_model_customers, mbgnbd_model_eq, mbgnbd_model_ne
 */
CXM_MODEL_ENTRY_POINTS(mbgnbd_model, mbgnbd_kind)

/* SQL entry points: mbgnbd_model_r */
CXM_MODEL_PARAM_ACCESSOR(mbgnbd_model, mbgnbd_kind, r, 0)
/* SQL entry points: mbgnbd_model_alpha */
CXM_MODEL_PARAM_ACCESSOR(mbgnbd_model, mbgnbd_kind, alpha, 1)
/* SQL entry points: mbgnbd_model_a */
CXM_MODEL_PARAM_ACCESSOR(mbgnbd_model, mbgnbd_kind, a, 2)
/* SQL entry points: mbgnbd_model_b */
CXM_MODEL_PARAM_ACCESSOR(mbgnbd_model, mbgnbd_kind, b, 3)

/* ---- predictions ------------------------------------------------------------------------------ */

/* ln( a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x) ): the odds that the customer has dropped out */
static double
log_dropout_odds(const double *p, double x, double tx, double t)
{
	return log(p[2]) - log(p[3] + x) + (p[0] + x) * (log(p[1] + t) - log(p[1] + tx));
}

/* p_alive(model, frequency, recency, age): 1 / (1 + odds), for every x */
PG_FUNCTION_INFO_V1(mbgnbd_p_alive);
Datum
mbgnbd_p_alive(PG_FUNCTION_ARGS)
{
	double		p[NPARAMS];
	double		x = PG_GETARG_FLOAT8(1),
				tx = PG_GETARG_FLOAT8(2),
				t = PG_GETARG_FLOAT8(3);

	mbgnbd_model_params(fcinfo, 0, p);
	btyd_check_customer(x, tx, t);
	PG_RETURN_FLOAT8(exp(-log_add_exp(0, log_dropout_odds(p, x, tx, t))));
}

/*
 * E[purchases in (T, T + horizon] | x, t_x, T]: BG/NBD's eq. 10 with b+1 for b and the
 * dropout odds for every x,
 *   (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+h))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)] / (1 + odds)
 * with z = h / (alpha+T+h); after Euler's transformation the bracket is 1 - (1-z)^(a-1)
 * 2F1(a+b-r, a-1; a+b+x; z), whose terms do not grow with x.
 */
static bool
expected_purchases_at(const double *p, double a, double horizon, double x, double tx, double t,
					  double *result)
{
	double		r = p[0],
				alpha = p[1],
				b = p[3];
	double		z = horizon / (alpha + t + horizon);
	double		pa[NPARAMS] = {r, alpha, a, b};
	double		f;
	double		value;

	if (!cxm_hyp2f1(a + b - r, a - 1, a + b + x, z, &f))
		return false;
	value = (a + b + x) / (a - 1) * (1 - pow(1 - z, a - 1) * f) *
		exp(-log_add_exp(0, log_dropout_odds(pa, x, tx, t)));
	*result = value;
	return isfinite(value);
}

double
mbgnbd_expected_purchases_value(const double *p, double horizon, double x, double tx, double t)
{
	double		a = p[2];
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

	/* at a = 1 the formula is 0/0 (its limit is finite): evaluate on both sides and average */
	if (fabs(a - 1) < 1e-6)
	{
		const double h = 1e-4;
		double		lo,
					hi;

		ok = expected_purchases_at(p, a - h, horizon, x, tx, t, &lo) &&
			expected_purchases_at(p, a + h, horizon, x, tx, t, &hi);
		result = (lo + hi) / 2;
	}
	else
		ok = expected_purchases_at(p, a, horizon, x, tx, t, &result);
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("expected purchases over horizon %g cannot be computed for frequency %g, "
						"recency %g, age %g", horizon, x, tx, t),
				 errhint("The horizon is too long for the model's time scale; use a shorter one "
						 "(the hypergeometric series did not converge).")));
	return result;
}

PG_FUNCTION_INFO_V1(mbgnbd_expected_purchases);
Datum
mbgnbd_expected_purchases(PG_FUNCTION_ARGS)
{
	double		params[NPARAMS];

	mbgnbd_model_params(fcinfo, 0, params);
	PG_RETURN_FLOAT8(mbgnbd_expected_purchases_value(params, PG_GETARG_FLOAT8(1),
													 PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
													 PG_GETARG_FLOAT8(4)));
}
