/*
 * gammagamma.c: the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
 * "RFM and CLV"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): the
 * gammagamma_model type, the maximum-likelihood fit over spend_patterns (maximised in
 * log-parameter space by mle.c), accessors, and expected_spend.
 */
#include "cxm.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "cxm_json.h"
#include "cxm_mle.h"
#include "cxm_stats.h"
#include "cxm_value.h"
#include "spend_patterns.h"

#define GG_VERSION 1
#define GG_FITTED 0x01			/* log-likelihood, iterations, customers are known */

typedef struct GammaGammaModel
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	int32		iterations;
	double		p;
	double		q;
	double		gamma;
	double		log_likelihood;
	int64		customers;
} GammaGammaModel;

#define NPARAMS 3				/* p, q, gamma */

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * The log-likelihood of the patterns' mean spends z (multiplied by spend_scale) given their
 * frequencies x (Fader & Hardie 2013, eq. 3, in logs):
 *   ln f(z | x) = ln G(px+q) - ln G(px) - ln G(q) + q ln(gamma) + (px-1) ln z + px ln x
 *                 - (px+q) ln(gamma + x z)
 */
static double
gammagamma_log_likelihood(const SpendPatterns *s, double spend_scale, const double *params)
{
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
 */
static void
gammagamma_log_likelihood_gradient(const SpendPatterns *s, double spend_scale,
								   const double *params, double *g)
{
	double		p = params[0],
				q = params[1],
				gamma = params[2];
	double		common_q = -cxm_digamma(q) + log(gamma);
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
		double		psi_pxq = cxm_digamma(px + q);

		g[0] += count * x * (psi_pxq - cxm_digamma(px) + log(z) + log(x) - log_w);
		g[1] += count * (common_q + psi_pxq - log_w);
		g[2] += count * (q / gamma - (px + q) / w);
	}
}

typedef struct FitProblem
{
	const SpendPatterns *patterns;
	double		spend_scale;
	double		customers;
} FitProblem;

/* minus the mean log-likelihood per customer at theta = log(p, q, gamma) */
static double
objective(void *arg, const double *theta)
{
	FitProblem *fp = (FitProblem *) arg;
	double		params[NPARAMS];
	int			k;

	for (k = 0; k < NPARAMS; k++)
		params[k] = exp(theta[k]);
	return -gammagamma_log_likelihood(fp->patterns, fp->spend_scale, params) / fp->customers;
}

/* the gradient of objective in theta: d/dtheta_k = param_k * d/dparam_k */
static void
objective_gradient(void *arg, const double *theta, double *g)
{
	FitProblem *fp = (FitProblem *) arg;
	double		params[NPARAMS];
	int			k;

	for (k = 0; k < NPARAMS; k++)
		params[k] = exp(theta[k]);
	gammagamma_log_likelihood_gradient(fp->patterns, fp->spend_scale, params, g);
	for (k = 0; k < NPARAMS; k++)
		g[k] = -params[k] * g[k] / fp->customers;
}

static char *
parameter_text(const double *theta, double spend_scale)
{
	return psprintf("p = %g, q = %g, gamma = %g", exp(theta[0]), exp(theta[1]),
					exp(theta[2]) / spend_scale);
}

static GammaGammaModel *
model_new(void)
{
	GammaGammaModel *m = palloc0(sizeof(GammaGammaModel));

	SET_VARSIZE(m, sizeof(GammaGammaModel));
	m->version = GG_VERSION;
	return m;
}

/* gammagamma_fit(spend_patterns), and the final function of the gammagamma_fit aggregate */
PG_FUNCTION_INFO_V1(gammagamma_fit_patterns);
Datum
gammagamma_fit_patterns(PG_FUNCTION_ARGS)
{
	SpendPatterns *s;
	FitProblem	fp;
	GammaGammaModel *m;
	double		theta[NPARAMS] = {0, 0, 0};	/* p = q = gamma = 1 */
	double		params[NPARAMS];
	double		spend_total = 0;
	double		gradient_max;
	int			iterations;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = spend_patterns_arg(fcinfo, 0);
	if (s->npatterns == 0)
		PG_RETURN_NULL();

	/* fit with spend scaled to a mean of 1, which keeps gamma near 1 whatever the currency */
	fp.patterns = s;
	fp.customers = (double) spend_patterns_customers(s);
	for (i = 0; i < s->npatterns; i++)
		spend_total += s->patterns[i].monetary * (double) s->patterns[i].count;
	fp.spend_scale = fp.customers / spend_total;
	if (!isfinite(fp.spend_scale))
		fp.spend_scale = 1;

	switch (cxm_mle_minimise(NPARAMS, objective, objective_gradient, &fp, theta, &iterations, &gradient_max))
	{
		case CXM_MLE_NOT_CONVERGED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("Gamma-Gamma fit did not converge after %d iterations", iterations),
					 errdetail("It stopped at %s, where the largest gradient component of the mean "
							   "log-likelihood is %g; a maximum needs less than %g.",
							   parameter_text(theta, fp.spend_scale), gradient_max,
							   CXM_MLE_GRADIENT_TOLERANCE),
					 errhint("Parameters growing without bound mean the data do not identify the "
							 "model: it needs many repeat customers whose mean spends vary.")));
			break;
		case CXM_MLE_FLAT:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("Gamma-Gamma fit found no proper maximum"),
					 errdetail("At %s the likelihood is flat in some direction, so the parameters "
							   "are not determined by the data.", parameter_text(theta, fp.spend_scale)),
					 errhint("Fit on more repeat customers.")));
			break;
		case CXM_MLE_CONVERGED:
			break;
	}
	for (i = 0; i < NPARAMS; i++)
		params[i] = exp(theta[i]);
	params[2] /= fp.spend_scale;

	m = model_new();
	m->flags = GG_FITTED;
	m->p = params[0];
	m->q = params[1];
	m->gamma = params[2];
	m->iterations = iterations;
	m->customers = spend_patterns_customers(s);
	m->log_likelihood = gammagamma_log_likelihood(s, 1.0, params);
	PG_RETURN_POINTER(m);
}

/* ---- the model type ------------------------------------------------------------------------ */

static const char *
model_problem(const GammaGammaModel *m)
{
	if (m->version != GG_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						m->version, GG_VERSION);
	if ((m->flags & ~GG_FITTED) != 0)
		return psprintf("flags 0x%02x are not valid", m->flags);
	if (!(isfinite(m->p) && m->p > 0 && isfinite(m->q) && m->q > 0 &&
		  isfinite(m->gamma) && m->gamma > 0))
		return "p, q and gamma must be finite and positive";
	if (m->flags & GG_FITTED)
	{
		if (!isfinite(m->log_likelihood))
			return "the log-likelihood must be finite";
		if (m->iterations < 0 || m->customers < 0)
			return "iterations and customers must not be negative";
	}
	else if (m->log_likelihood != 0 || m->iterations != 0 || m->customers != 0)
		return "a model that was not fitted has no log-likelihood, iterations or customers";
	return NULL;
}

static GammaGammaModel *
model_arg(FunctionCallInfo fcinfo, int argno)
{
	GammaGammaModel *m = (GammaGammaModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(m) != sizeof(GammaGammaModel) || m->version != GG_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("gammagamma_model has an unsupported format (version %d)", m->version)));
	return m;
}

void
gammagamma_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	GammaGammaModel *m = model_arg(fcinfo, argno);

	params[0] = m->p;
	params[1] = m->q;
	params[2] = m->gamma;
}

static void
append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

/*
 * {"version": 1, "p": .., "q": .., "gamma": ..[, "log_likelihood": .., "iterations": N,
 *  "customers": N]}: the last three for fitted models
 */
PG_FUNCTION_INFO_V1(gammagamma_model_out);
Datum
gammagamma_model_out(PG_FUNCTION_ARGS)
{
	GammaGammaModel *m = model_arg(fcinfo, 0);
	StringInfoData out;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"p\": ", m->version);
	append_double(&out, m->p);
	appendStringInfoString(&out, ", \"q\": ");
	append_double(&out, m->q);
	appendStringInfoString(&out, ", \"gamma\": ");
	append_double(&out, m->gamma);
	if (m->flags & GG_FITTED)
	{
		appendStringInfoString(&out, ", \"log_likelihood\": ");
		append_double(&out, m->log_likelihood);
		appendStringInfo(&out, ", \"iterations\": %d, \"customers\": " INT64_FORMAT,
						 m->iterations, m->customers);
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

enum
{
	KEY_VERSION, KEY_P, KEY_Q, KEY_GAMMA, KEY_LL, KEY_ITERATIONS, KEY_CUSTOMERS, NUM_KEYS
};
static const char *const model_keys[NUM_KEYS] = {
	"version", "p", "q", "gamma", "log_likelihood", "iterations", "customers"
};

static bool
parse_model(const char *input, GammaGammaModel *m, char **problem)
{
	CxmJsonValue v[NUM_KEYS];
	int64		whole[NUM_KEYS] = {0};
	double		number[NUM_KEYS] = {0};
	int			k;

	if (!cxm_json_read(input, model_keys, NUM_KEYS, v, problem))
		return false;
	for (k = 0; k < NUM_KEYS; k++)
	{
		bool		is_whole = (k == KEY_VERSION || k == KEY_ITERATIONS || k == KEY_CUSTOMERS);

		if (k >= KEY_LL && v[k].kind == CXM_JSON_MISSING)
			continue;
		if (!cxm_json_expect(&v[k], model_keys[k], CXM_JSON_NUMBER, problem))
			return false;
		if (is_whole ? !cxm_json_int64(v[k].text, v[k].len, &whole[k], problem)
			: !cxm_json_double(v[k].text, v[k].len, &number[k], problem))
			return false;
	}
	for (k = KEY_LL + 1; k < NUM_KEYS; k++)
		if ((v[k].kind == CXM_JSON_MISSING) != (v[KEY_LL].kind == CXM_JSON_MISSING))
		{
			*problem = "a fitted model has all of \"log_likelihood\", \"iterations\" and "
				"\"customers\", a hand-made one none";
			return false;
		}
	if (whole[KEY_VERSION] < 0 || whole[KEY_VERSION] > 255)
	{
		*problem = psprintf("version " INT64_FORMAT " is not supported", whole[KEY_VERSION]);
		return false;
	}
	m->version = (uint8) whole[KEY_VERSION];
	m->p = number[KEY_P];
	m->q = number[KEY_Q];
	m->gamma = number[KEY_GAMMA];
	if (v[KEY_LL].kind != CXM_JSON_MISSING)
	{
		if (whole[KEY_ITERATIONS] < 0 || whole[KEY_ITERATIONS] > PG_INT32_MAX)
		{
			*problem = "\"iterations\" is out of range";
			return false;
		}
		m->flags = GG_FITTED;
		m->log_likelihood = number[KEY_LL];
		m->iterations = (int32) whole[KEY_ITERATIONS];
		m->customers = whole[KEY_CUSTOMERS];
	}
	return true;
}

PG_FUNCTION_INFO_V1(gammagamma_model_in);
Datum
gammagamma_model_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	GammaGammaModel *m = model_new();
	char	   *problem = NULL;

	if (parse_model(input, m, &problem))
		problem = (char *) model_problem(m);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type gammagamma_model: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The model is invalid: %s.", problem),
				 errhint("Write a model as {\"version\": 1, \"p\": 6.25, \"q\": 3.74, "
						 "\"gamma\": 15.44} with positive parameters.")));
	PG_RETURN_POINTER(m);
}

/* binary: int8 version, int8 flags, float8 p, q, gamma, log-likelihood, int32 iterations,
 * int64 customers */
PG_FUNCTION_INFO_V1(gammagamma_model_send);
Datum
gammagamma_model_send(PG_FUNCTION_ARGS)
{
	GammaGammaModel *m = model_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, m->version);
	pq_sendbyte(&buf, m->flags);
	pq_sendfloat8(&buf, m->p);
	pq_sendfloat8(&buf, m->q);
	pq_sendfloat8(&buf, m->gamma);
	pq_sendfloat8(&buf, m->log_likelihood);
	pq_sendint32(&buf, m->iterations);
	pq_sendint64(&buf, m->customers);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define GG_BINARY_BYTES 46

PG_FUNCTION_INFO_V1(gammagamma_model_recv);
Datum
gammagamma_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	GammaGammaModel *m = model_new();
	const char *problem;

	if (buf->len - buf->cursor < GG_BINARY_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary gammagamma_model is truncated: %d bytes needed, %d remain",
						GG_BINARY_BYTES, buf->len - buf->cursor)));
	m->version = pq_getmsgbyte(buf);
	m->flags = pq_getmsgbyte(buf);
	m->p = cxm_getmsgfloat8(buf);
	m->q = cxm_getmsgfloat8(buf);
	m->gamma = cxm_getmsgfloat8(buf);
	m->log_likelihood = cxm_getmsgfloat8(buf);
	m->iterations = (int32) pq_getmsgint(buf, 4);
	m->customers = pq_getmsgint64(buf);
	problem = model_problem(m);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary gammagamma_model: %s", problem)));
	PG_RETURN_POINTER(m);
}

/* ---- accessors -------------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(gammagamma_model_p);
Datum
gammagamma_model_p(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->p);
}

PG_FUNCTION_INFO_V1(gammagamma_model_q);
Datum
gammagamma_model_q(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->q);
}

PG_FUNCTION_INFO_V1(gammagamma_model_gamma);
Datum
gammagamma_model_gamma(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->gamma);
}

/* the fit's statistics: NULL for a model written by hand */
PG_FUNCTION_INFO_V1(gammagamma_model_log_likelihood);
Datum
gammagamma_model_log_likelihood(PG_FUNCTION_ARGS)
{
	GammaGammaModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & GG_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(m->log_likelihood);
}

PG_FUNCTION_INFO_V1(gammagamma_model_iterations);
Datum
gammagamma_model_iterations(PG_FUNCTION_ARGS)
{
	GammaGammaModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & GG_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_INT32(m->iterations);
}

/* a fit that does not converge is an error, so every fitted model converged */
PG_FUNCTION_INFO_V1(gammagamma_model_converged);
Datum
gammagamma_model_converged(PG_FUNCTION_ARGS)
{
	GammaGammaModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & GG_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(gammagamma_model_customers);
Datum
gammagamma_model_customers(PG_FUNCTION_ARGS)
{
	GammaGammaModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & GG_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_INT64(m->customers);
}

PG_FUNCTION_INFO_V1(gammagamma_model_eq);
Datum
gammagamma_model_eq(PG_FUNCTION_ARGS)
{
	GammaGammaModel *a = model_arg(fcinfo, 0);
	GammaGammaModel *b = model_arg(fcinfo, 1);

	PG_RETURN_BOOL(a->flags == b->flags && a->p == b->p && a->q == b->q &&
				   a->gamma == b->gamma && a->log_likelihood == b->log_likelihood &&
				   a->iterations == b->iterations && a->customers == b->customers);
}

PG_FUNCTION_INFO_V1(gammagamma_model_ne);
Datum
gammagamma_model_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(gammagamma_model_eq(fcinfo)));
}

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
						frequency, monetary)));
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
