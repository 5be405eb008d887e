/*
 * bgbb.c: the beta-geometric/beta-Bernoulli model of customers with discrete transaction
 * opportunities (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6)): the bgbb_model type, its fit over
 * rfm_patterns of (frequency, recency, opportunities), accessors, and the per-customer
 * predictions p_alive, expected_transactions and dert.
 *
 * A customer, while alive, transacts at each opportunity with probability p and, after each
 * opportunity, dies with probability theta; p ~ Beta(alpha, beta), theta ~ Beta(gamma, delta).
 * x is the number of transactions in opportunities 1..n, t_x the last opportunity with one
 * (0 when x = 0).
 */
#include "cxm.h"

#include <float.h>
#include <math.h>

#include "miscadmin.h"

#include "fit.h"
#include "fitted_model.h"
#include "bgbb.h"
#include "bgnbd.h"
#include "rfm_patterns.h"

static const CxmModelKind bgbb_kind = {
	.type_name = "bgbb_model",
	.nparams = 4,
	.param_names = {"alpha", "beta", "gamma", "delta"},
	.params_phrase = "alpha, beta, gamma and delta",
	.example = "{\"version\": 1, \"alpha\": 1.204, \"beta\": 0.75, \"gamma\": 0.657, \"delta\": 2.783}",
	.records_convergence = true,
	.log_likelihood_not_positive = true
};

#define NPARAMS 4				/* alpha, beta, gamma, delta */

/*
 * The most opportunities of a customer: the likelihood sums over the opportunities after the
 * last transaction, so its cost grows with them.
 */
#define BGBB_MAX_OPPORTUNITIES 10000
/* the longest forecast, in opportunities (one step per opportunity) */
#define BGBB_MAX_HORIZON 1000000

#define BGBB_CUSTOMER_HINT "frequency is the number of opportunities with a transaction, recency the last of them (0 without any) and n_opportunities their number: whole numbers with 0 <= frequency <= recency <= n_opportunities <= 10000."

/* ---- customer summaries ---------------------------------------------------------------------- */

/* NULL when (x, t_x, n) is a BG/BB customer summary, else why not */
static const char *
bgbb_customer_problem(double x, double tx, double n)
{
	if (!isfinite(x) || !isfinite(tx) || !isfinite(n))
		return "all three must be finite numbers";
	if (x != floor(x) || tx != floor(tx) || n != floor(n))
		return "all three must be whole numbers";
	if (x < 0)
		return "frequency must not be negative";
	if (n > BGBB_MAX_OPPORTUNITIES)
		return "n_opportunities must be at most 10000";
	if (tx > n)
		return "recency must not be more than n_opportunities";
	if (x > tx)
		return "frequency must not be more than recency";
	if (x == 0 && tx != 0)
		return "recency must be 0 when frequency is 0";
	return NULL;
}

static void
bgbb_check_customer(double x, double tx, double n)
{
	const char *problem = bgbb_customer_problem(x, tx, n);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("BG/BB customer summary (frequency %g, recency %g, n_opportunities %g) is "
						"not valid: %s", x, tx, n, problem),
				 errhint(BGBB_CUSTOMER_HINT)));
}

/* ---- likelihood -------------------------------------------------------------------------- */

static inline double
log_beta(double a, double b)
{
	return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/*
 * ln L(alpha, beta, gamma, delta | x, t_x, n) (FHS 2010 eq. 5), common = -ln B(alpha, beta)
 * - ln B(gamma, delta):
 *   L = B(alpha+x, beta+n-x) B(gamma, delta+n) / (B(alpha, beta) B(gamma, delta))
 *     + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i) B(gamma+1, delta+t_x+i)
 *                          / (B(alpha, beta) B(gamma, delta))
 * The first term is "alive through n", the i-th "died after opportunity t_x+i". The sum's
 * terms are taken relative to its first, by the ratio of consecutive terms (below 1).
 */
static double
bgbb_customer_log_likelihood(const double *p, double common, double x, double tx, double n)
{
	double		alpha = p[0],
				beta = p[1],
				gamma = p[2],
				delta = p[3];
	double		alive = log_beta(alpha + x, beta + n - x) + log_beta(gamma, delta + n);
	double		first,
				term = 1,
				sum = 1;
	int			i,
				dead_terms = (int) (n - tx);

	if (dead_terms == 0)
		return common + alive;
	first = log_beta(alpha + x, beta + tx - x) + log_beta(gamma + 1, delta + tx);
	for (i = 0; i < dead_terms - 1; i++)
	{
		term *= (beta + tx - x + i) / (alpha + beta + tx + i) *
			(delta + tx + i) / (gamma + delta + tx + i + 1);
		sum += term;
	}
	return common + log_add_exp(alive, first + log(sum));
}

static double
bgbb_log_likelihood(const void *patterns, double scale, const double *p)
{
	const RfmPatterns *s = patterns;
	double		common = -log_beta(p[0], p[1]) - log_beta(p[2], p[3]);
	double		total = 0;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < s->npatterns; i++)
	{
		const RfmPattern *pt = &s->patterns[i];

		total += (double) pt->count *
			bgbb_customer_log_likelihood(p, common, pt->frequency, pt->recency, pt->t);
	}
	return total;
}

/* ---- the fit ------------------------------------------------------------------------------ */

static const CxmFitKind bgbb_fit_kind = {
	.model = &bgbb_kind,
	.model_name = "BG/BB",
	.log_likelihood = bgbb_log_likelihood,
	.gradient = NULL,			/* central differences */
	.scaled = {false, false, false, false},
	.not_converged_hint = "Parameters growing without bound mean the data do not identify the "
	"model: it needs customers who transact at some opportunities and not at others, and "
	"customers who stop.",
	.flat_hint = "BG/BB needs customers with different numbers and timings of transactions; fit "
	"on more customers."
};

/* bgbb_fit(rfm_patterns), and the final function of the bgbb_fit aggregates */
PG_FUNCTION_INFO_V1(bgbb_fit_patterns);
Datum
bgbb_fit_patterns(PG_FUNCTION_ARGS)
{
	RfmPatterns *s;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = rfm_patterns_arg(fcinfo, 0);
	if (s->npatterns == 0)
		PG_RETURN_NULL();
	for (i = 0; i < s->npatterns; i++)
		bgbb_check_customer(s->patterns[i].frequency, s->patterns[i].recency,
							s->patterns[i].t);
	PG_RETURN_POINTER(cxm_fit(&bgbb_fit_kind, s, rfm_patterns_customers(s), 1.0));
}

/* the transition of both aggregates: count customers with the summary in argument 1..3 */
static Datum
bgbb_fit_add(FunctionCallInfo fcinfo, int64 count)
{
	RfmPatterns *s = PG_ARGISNULL(0) ? NULL : (RfmPatterns *) PG_GETARG_POINTER(0);
	double		values[3];

	cxm_require_aggregate(fcinfo, "bgbb_fit_trans", "bgbb_fit(frequency, recency, n_opportunities [, customers])");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || count == 0)
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	/* + 0.0 turns -0 into 0, so that equal patterns have equal bits */
	values[0] = PG_GETARG_FLOAT8(1) + 0.0;
	values[1] = PG_GETARG_FLOAT8(2) + 0.0;
	values[2] = PG_GETARG_FLOAT8(3) + 0.0;
	bgbb_check_customer(values[0], values[1], values[2]);
	PG_RETURN_POINTER(rfm_patterns_add(s, values, count));
}

/* bgbb_fit(frequency, recency, n_opportunities): one customer per row; NULL rows skipped */
PG_FUNCTION_INFO_V1(bgbb_fit_trans);
Datum
bgbb_fit_trans(PG_FUNCTION_ARGS)
{
	return bgbb_fit_add(fcinfo, 1);
}

/*
 * bgbb_fit(frequency, recency, n_opportunities, customers): rows that each stand for customers
 * customers with the summary (aggregated data); rows with a NULL or 0 customers are skipped.
 */
PG_FUNCTION_INFO_V1(bgbb_fit_trans_count);
Datum
bgbb_fit_trans_count(PG_FUNCTION_ARGS)
{
	int64		count = PG_ARGISNULL(4) ? 0 : PG_GETARG_INT64(4);

	if (count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customers " INT64_FORMAT " is not allowed", count),
				 errhint("customers is how many customers share the row's summary: a whole number "
						 ">= 0.")));
	return bgbb_fit_add(fcinfo, count);
}

/* ---- the model type ------------------------------------------------------------------------ */

void
bgbb_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	cxm_model_params(fcinfo, argno, &bgbb_kind, params);
}

/*
 * SQL entry points: bgbb_model_in, bgbb_model_out, bgbb_model_recv, bgbb_model_send,
 * bgbb_model_log_likelihood, bgbb_model_iterations, bgbb_model_converged,
 * bgbb_model_customers, bgbb_model_eq, bgbb_model_ne
 */
CXM_MODEL_ENTRY_POINTS(bgbb_model, bgbb_kind)

/* SQL entry points: bgbb_model_alpha */
CXM_MODEL_PARAM_ACCESSOR(bgbb_model, bgbb_kind, alpha, 0)
/* SQL entry points: bgbb_model_beta */
CXM_MODEL_PARAM_ACCESSOR(bgbb_model, bgbb_kind, beta, 1)
/* SQL entry points: bgbb_model_gamma */
CXM_MODEL_PARAM_ACCESSOR(bgbb_model, bgbb_kind, gamma, 2)
/* SQL entry points: bgbb_model_delta */
CXM_MODEL_PARAM_ACCESSOR(bgbb_model, bgbb_kind, delta, 3)

/* ---- predictions ------------------------------------------------------------------------------ */

/*
 * ln of the customer's weight of future transactions:
 *   B(alpha+x+1, beta+n-x) / B(alpha, beta) * B(gamma, delta+n+1) / B(gamma, delta) / L,
 * the expected transactions at opportunity n+1; at opportunity n+k the same times
 * u_k = B(gamma, delta+n+k) / B(gamma, delta+n+1), u_{k+1} = u_k (delta+n+k)/(gamma+delta+n+k).
 */
static double
log_next_transaction(const double *p, double x, double tx, double n)
{
	double		common = -log_beta(p[0], p[1]) - log_beta(p[2], p[3]);

	return common + log_beta(p[0] + x + 1, p[1] + n - x) + log_beta(p[2], p[3] + n + 1) -
		bgbb_customer_log_likelihood(p, common, x, tx, n);
}

/* p_alive(model, frequency, recency, n_opportunities): P(alive at opportunity n+1), FHS 2010 */
PG_FUNCTION_INFO_V1(bgbb_p_alive);
Datum
bgbb_p_alive(PG_FUNCTION_ARGS)
{
	double		p[NPARAMS];
	double		x = PG_GETARG_FLOAT8(1),
				tx = PG_GETARG_FLOAT8(2),
				n = PG_GETARG_FLOAT8(3);
	double		common;

	bgbb_model_params(fcinfo, 0, p);
	bgbb_check_customer(x, tx, n);
	common = -log_beta(p[0], p[1]) - log_beta(p[2], p[3]);
	PG_RETURN_FLOAT8(Min(1.0, exp(common + log_beta(p[0] + x, p[1] + n - x) +
								  log_beta(p[2], p[3] + n + 1) -
								  bgbb_customer_log_likelihood(p, common, x, tx, n))));
}

double
bgbb_expected_transactions_value(const double *p, double horizon, double x, double tx, double n)
{
	double		gamma = p[2],
				delta = p[3];
	double		u = 1,
				sum = 0;
	int64		k;

	if (!(horizon >= 0 && horizon <= BGBB_MAX_HORIZON && horizon == floor(horizon)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("forecast horizon %g is not allowed", horizon),
				 errhint("The horizon is a whole number of future opportunities from 0 to %d.",
						 BGBB_MAX_HORIZON)));
	bgbb_check_customer(x, tx, n);
	if (horizon == 0)
		return 0.0;
	for (k = 1; k <= (int64) horizon; k++)
	{
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		sum += u;
		u *= (delta + n + k) / (gamma + delta + n + k);
	}
	return exp(log_next_transaction(p, x, tx, n)) * sum;
}

/*
 * expected_transactions(model, horizon, frequency, recency, n_opportunities): E[transactions
 * in opportunities n+1 .. n+horizon] (FHS 2010 eq. 12, summed term by term: each term is the
 * previous one times a ratio, which is exact also at gamma = 1 where the closed form is 0/0).
 */
PG_FUNCTION_INFO_V1(bgbb_expected_transactions);
Datum
bgbb_expected_transactions(PG_FUNCTION_ARGS)
{
	double		p[NPARAMS];

	bgbb_model_params(fcinfo, 0, p);
	PG_RETURN_FLOAT8(bgbb_expected_transactions_value(p, PG_GETARG_FLOAT8(1),
													  PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
													  PG_GETARG_FLOAT8(4)));
}

/* the most terms of the discounted series (about 0.3 s); 36 / d are needed at rate d */
#define BGBB_DERT_MAX_TERMS 100000000

/*
 * sum_{k>=1} z^k u_k / u_1 with z = 1/(1+d), u_{k+1} = u_k (delta+n+k)/(gamma+delta+n+k): the discounted series
 * of dert, relative to its first transaction's weight. Its terms are positive and their ratio
 * grows towards z = 1/(1+d) < 1, so after a term t the tail is at most t z / (1 - z) = t / d:
 * summed until that is below rounding. (It is z 2F1(1, delta+n+1; gamma+delta+n+1; z); summing it directly avoids the
 * cancellation of 2F1's connection formulas near z = 1 when gamma - 1 is near an integer.)
 * False when it needs more than BGBB_DERT_MAX_TERMS terms.
 */
static bool
discounted_series(double gamma, double delta, double n, double d, double *result)
{
	double		z = 1 / (1 + d);
	double		term = z,
				sum = 0,
				compensation = 0;
	int64		k;

	/* the tail bound falls by z per term: about ln(2/eps) / d = 36 / d terms */
	if (d < 36.0 / BGBB_DERT_MAX_TERMS)
		return false;

	for (k = 1; k <= BGBB_DERT_MAX_TERMS; k++)
	{
		double		y = term - compensation,
					t = sum + y;

		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		compensation = (t - sum) - y;
		sum = t;
		if (term / d <= 0.5 * DBL_EPSILON * sum)
		{
			*result = sum;
			return true;
		}
		term *= (delta + n + k) / (gamma + delta + n + k) * z;
	}
	return false;
}

/*
 * dert(model, discount_rate_per_period, frequency, recency, n_opportunities): discounted
 * expected residual transactions (FHS 2010 eq. 14): the transactions at opportunities n+k,
 * k >= 1, discounted by (1+d)^k,
 *   sum_k E[transaction at n+k] / (1+d)^k
 *     = next / (1+d) * 2F1(1, delta+n+1; gamma+delta+n+1; 1/(1+d))
 * with next the expected transactions at n+1 (log_next_transaction), summed as a series
 * (discounted_series). At d = 0 (undiscounted: the expected number of all future transactions)
 * Gauss's sum gives next (gamma+delta+n) / (gamma-1), finite only for gamma > 1.
 */
PG_FUNCTION_INFO_V1(bgbb_dert);
Datum
bgbb_dert(PG_FUNCTION_ARGS)
{
	double		p[NPARAMS];
	double		d = PG_GETARG_FLOAT8(1),
				x = PG_GETARG_FLOAT8(2),
				tx = PG_GETARG_FLOAT8(3),
				n = PG_GETARG_FLOAT8(4);
	double		gamma,
				delta,
				next,
				f,
				result;

	bgbb_model_params(fcinfo, 0, p);
	gamma = p[2];
	delta = p[3];
	if (!(d >= 0 && isfinite(d)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("discount_rate_per_period %g is not allowed", d),
				 errhint("The discount rate for one period (one opportunity) is a finite number >= 0 "
						 "(0.1 is 10%%).")));
	bgbb_check_customer(x, tx, n);
	if (d == 0 && !(gamma > 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("undiscounted residual transactions are infinite for gamma %g", gamma),
				 errhint("With gamma <= 1 customers live long enough that only a discount rate > 0 "
						 "gives a finite value.")));
	next = exp(log_next_transaction(p, x, tx, n));
	if (d == 0)
		PG_RETURN_FLOAT8(next * (gamma + delta + n) / (gamma - 1));
	if (!discounted_series(gamma, delta, n, d, &f) || !isfinite(result = next * f))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("dert at discount rate %g cannot be computed for frequency %g, recency %g, "
						"n_opportunities %g", d, x, tx, n),
				 errhint("The discount rate is too small to sum the discounted transactions (about "
						 "36 / rate terms are needed, at most %d); use a larger one.",
						 BGBB_DERT_MAX_TERMS)));
	PG_RETURN_FLOAT8(result);
}
