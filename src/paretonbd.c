/*
 * paretonbd.c: the Pareto/NBD customer-base model (Schmittlein, Morrison & Colombo 1987; the
 * likelihood as in Fader, Hardie & Lee 2005, "A note on deriving the Pareto/NBD model and
 * related expressions"): the paretonbd_model type, the maximum-likelihood fit over
 * rfm_patterns (maximised in log-parameter space by mle.c), accessors, and the per-customer
 * predictions expected_purchases and p_alive.
 */
#include "cxm.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "cxm_json.h"
#include "cxm_mle.h"
#include "cxm_stats.h"
#include "cxm_value.h"
#include "rfm_patterns.h"

#define PNBD_VERSION 1
#define PNBD_FITTED 0x01		/* log-likelihood, iterations, customers are known */

typedef struct ParetoNbdModel
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	int32		iterations;
	double		r;
	double		alpha;
	double		s;
	double		beta;
	double		log_likelihood;
	int64		customers;
} ParetoNbdModel;

#define NPARAMS 4				/* r, alpha, s, beta */

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * ln of A(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x) when
 * alpha >= beta, and the same with (alpha, s+1) and (beta, r+x) swapped otherwise (FHL 2005
 * note, eq. 22). In the second case 2F1 is taken after Euler's transformation,
 * (1-z)^(1-r-x) 2F1(1, s+1; r+s+x+1; z), whose terms do not grow with x. NaN when 2F1
 * cannot be evaluated.
 */
static double
log_a(double r, double alpha, double s, double beta, double x, double t)
{
	double		rsx = r + s + x;
	double		f;

	if (alpha >= beta)
	{
		double		z = (alpha - beta) / (alpha + t);

		if (!cxm_hyp2f1(rsx, s + 1, rsx + 1, z, &f) || !(f > 0))
			return NAN;
		return log(f) - rsx * log(alpha + t);
	}
	else
	{
		double		z = (beta - alpha) / (beta + t);

		if (!cxm_hyp2f1(1, s + 1, rsx + 1, z, &f) || !(f > 0))
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
		  double *alive, double *dropped)
{
	double		a_tx = log_a(r, alpha, s, beta, x, tx);
	double		a_t = log_a(r, alpha, s, beta, x, t);

	*alive = -(r + x) * log(alpha + t) - s * log(beta + t);
	if (isnan(a_tx) || isnan(a_t))
		*dropped = NAN;
	else if (!(a_t < a_tx))
		*dropped = -INFINITY;	/* t_x = T: no time to drop out in (or rounding) */
	else
		*dropped = log(s) - log(r + s + x) + a_tx + log1p(-exp(a_t - a_tx));
}

static double
paretonbd_log_likelihood(const RfmPatterns *pats, double time_scale, const double *p)
{
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
				  &alive, &dropped);
		if (isnan(dropped))
			return NAN;
		total += (double) pt->count * (common + x_gamma + log_add_exp(alive, dropped));
	}
	return total;
}

/* ---- the fit ------------------------------------------------------------------------------ */

typedef struct FitProblem
{
	const RfmPatterns *patterns;
	double		time_scale;
	double		customers;
} FitProblem;

/* minus the mean log-likelihood per customer at theta = log(r, alpha, s, beta) */
static double
objective(void *arg, const double *theta)
{
	FitProblem *fp = (FitProblem *) arg;
	double		p[NPARAMS];
	int			k;

	for (k = 0; k < NPARAMS; k++)
		p[k] = exp(theta[k]);
	return -paretonbd_log_likelihood(fp->patterns, fp->time_scale, p) / fp->customers;
}

static char *
parameter_text(const double *theta, double time_scale)
{
	return psprintf("r = %g, alpha = %g, s = %g, beta = %g", exp(theta[0]),
					exp(theta[1]) / time_scale, exp(theta[2]), exp(theta[3]) / time_scale);
}

static ParetoNbdModel *
model_new(void)
{
	ParetoNbdModel *m = palloc0(sizeof(ParetoNbdModel));

	SET_VARSIZE(m, sizeof(ParetoNbdModel));
	m->version = PNBD_VERSION;
	return m;
}

/* paretonbd_fit(rfm_patterns), and the final function of the paretonbd_fit aggregate */
PG_FUNCTION_INFO_V1(paretonbd_fit_patterns);
Datum
paretonbd_fit_patterns(PG_FUNCTION_ARGS)
{
	RfmPatterns *pats;
	FitProblem	fp;
	ParetoNbdModel *m;
	double		theta[NPARAMS] = {0, 0, 0, 0};	/* r = alpha = s = beta = 1 */
	double		params[NPARAMS];
	double		max_t = 0;
	double		gradient_max;
	int			iterations;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	pats = rfm_patterns_arg(fcinfo, 0);
	if (pats->npatterns == 0)
		PG_RETURN_NULL();
	for (i = 0; i < pats->npatterns; i++)
		max_t = Max(max_t, pats->patterns[i].t);

	/* fit with T scaled to at most 10, which keeps alpha and beta near 1 whatever the unit */
	fp.patterns = pats;
	fp.time_scale = max_t > 0 ? 10.0 / max_t : 1.0;
	fp.customers = (double) rfm_patterns_customers(pats);

	switch (cxm_mle_minimise(NPARAMS, objective, NULL, &fp, theta, &iterations, &gradient_max))
	{
		case CXM_MLE_NOT_CONVERGED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("Pareto/NBD fit did not converge after %d iterations", iterations),
					 errdetail("It stopped at %s, where the largest gradient component of the mean "
							   "log-likelihood is %g; a maximum needs less than %g.",
							   parameter_text(theta, fp.time_scale), gradient_max,
							   CXM_MLE_GRADIENT_TOLERANCE),
					 errhint("Parameters growing without bound mean the data do not identify the "
							 "model (too few customers, or no variation in repeat buying); check that "
							 "frequency, recency and T are in one unit.")));
			break;
		case CXM_MLE_FLAT:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("Pareto/NBD fit found no proper maximum"),
					 errdetail("At %s the likelihood is flat in some direction, so the parameters "
							   "are not determined by the data.", parameter_text(theta, fp.time_scale)),
					 errhint("Pareto/NBD needs customers with and without repeat purchases; fit on "
							 "more customers.")));
			break;
		case CXM_MLE_CONVERGED:
			break;
	}
	for (i = 0; i < NPARAMS; i++)
		params[i] = exp(theta[i]);
	params[1] /= fp.time_scale;
	params[3] /= fp.time_scale;

	m = model_new();
	m->flags = PNBD_FITTED;
	m->r = params[0];
	m->alpha = params[1];
	m->s = params[2];
	m->beta = params[3];
	m->iterations = iterations;
	m->customers = rfm_patterns_customers(pats);
	m->log_likelihood = paretonbd_log_likelihood(pats, 1.0, params);
	PG_RETURN_POINTER(m);
}

/* ---- the model type ------------------------------------------------------------------------ */

static const char *
model_problem(const ParetoNbdModel *m)
{
	if (m->version != PNBD_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						m->version, PNBD_VERSION);
	if ((m->flags & ~PNBD_FITTED) != 0)
		return psprintf("flags 0x%02x are not valid", m->flags);
	if (!(isfinite(m->r) && m->r > 0 && isfinite(m->alpha) && m->alpha > 0 &&
		  isfinite(m->s) && m->s > 0 && isfinite(m->beta) && m->beta > 0))
		return "r, alpha, s and beta must be finite and positive";
	if (m->flags & PNBD_FITTED)
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

static ParetoNbdModel *
model_arg(FunctionCallInfo fcinfo, int argno)
{
	ParetoNbdModel *m = (ParetoNbdModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(m) != sizeof(ParetoNbdModel) || m->version != PNBD_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("paretonbd_model has an unsupported format (version %d)", m->version)));
	return m;
}

static void
append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

/*
 * {"version": 1, "r": .., "alpha": .., "s": .., "beta": ..[, "log_likelihood": ..,
 *  "iterations": N, "customers": N]}: the last three for fitted models
 */
PG_FUNCTION_INFO_V1(paretonbd_model_out);
Datum
paretonbd_model_out(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *m = model_arg(fcinfo, 0);
	StringInfoData out;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"r\": ", m->version);
	append_double(&out, m->r);
	appendStringInfoString(&out, ", \"alpha\": ");
	append_double(&out, m->alpha);
	appendStringInfoString(&out, ", \"s\": ");
	append_double(&out, m->s);
	appendStringInfoString(&out, ", \"beta\": ");
	append_double(&out, m->beta);
	if (m->flags & PNBD_FITTED)
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
	KEY_VERSION, KEY_R, KEY_ALPHA, KEY_S, KEY_BETA, KEY_LL, KEY_ITERATIONS, KEY_CUSTOMERS,
	NUM_KEYS
};
static const char *const model_keys[NUM_KEYS] = {
	"version", "r", "alpha", "s", "beta", "log_likelihood", "iterations", "customers"
};

static bool
parse_model(const char *input, ParetoNbdModel *m, char **problem)
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
	m->r = number[KEY_R];
	m->alpha = number[KEY_ALPHA];
	m->s = number[KEY_S];
	m->beta = number[KEY_BETA];
	if (v[KEY_LL].kind != CXM_JSON_MISSING)
	{
		if (whole[KEY_ITERATIONS] < 0 || whole[KEY_ITERATIONS] > PG_INT32_MAX)
		{
			*problem = "\"iterations\" is out of range";
			return false;
		}
		m->flags = PNBD_FITTED;
		m->log_likelihood = number[KEY_LL];
		m->iterations = (int32) whole[KEY_ITERATIONS];
		m->customers = whole[KEY_CUSTOMERS];
	}
	return true;
}

PG_FUNCTION_INFO_V1(paretonbd_model_in);
Datum
paretonbd_model_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	ParetoNbdModel *m = model_new();
	char	   *problem = NULL;

	if (parse_model(input, m, &problem))
		problem = (char *) model_problem(m);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type paretonbd_model: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The model is invalid: %s.", problem),
				 errhint("Write a model as {\"version\": 1, \"r\": 0.553, \"alpha\": 10.578, "
						 "\"s\": 0.606, \"beta\": 11.669} with positive parameters.")));
	PG_RETURN_POINTER(m);
}

/* binary: int8 version, int8 flags, float8 r, alpha, s, beta, log-likelihood, int32
 * iterations, int64 customers */
PG_FUNCTION_INFO_V1(paretonbd_model_send);
Datum
paretonbd_model_send(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *m = model_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, m->version);
	pq_sendbyte(&buf, m->flags);
	pq_sendfloat8(&buf, m->r);
	pq_sendfloat8(&buf, m->alpha);
	pq_sendfloat8(&buf, m->s);
	pq_sendfloat8(&buf, m->beta);
	pq_sendfloat8(&buf, m->log_likelihood);
	pq_sendint32(&buf, m->iterations);
	pq_sendint64(&buf, m->customers);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define PNBD_BINARY_BYTES 54

PG_FUNCTION_INFO_V1(paretonbd_model_recv);
Datum
paretonbd_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ParetoNbdModel *m = model_new();
	const char *problem;

	if (buf->len - buf->cursor < PNBD_BINARY_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary paretonbd_model is truncated: %d bytes needed, %d remain",
						PNBD_BINARY_BYTES, buf->len - buf->cursor)));
	m->version = pq_getmsgbyte(buf);
	m->flags = pq_getmsgbyte(buf);
	m->r = cxm_getmsgfloat8(buf);
	m->alpha = cxm_getmsgfloat8(buf);
	m->s = cxm_getmsgfloat8(buf);
	m->beta = cxm_getmsgfloat8(buf);
	m->log_likelihood = cxm_getmsgfloat8(buf);
	m->iterations = (int32) pq_getmsgint(buf, 4);
	m->customers = pq_getmsgint64(buf);
	problem = model_problem(m);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary paretonbd_model: %s", problem)));
	PG_RETURN_POINTER(m);
}

/* ---- accessors -------------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(paretonbd_model_r);
Datum
paretonbd_model_r(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->r);
}

PG_FUNCTION_INFO_V1(paretonbd_model_alpha);
Datum
paretonbd_model_alpha(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->alpha);
}

PG_FUNCTION_INFO_V1(paretonbd_model_s);
Datum
paretonbd_model_s(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->s);
}

PG_FUNCTION_INFO_V1(paretonbd_model_beta);
Datum
paretonbd_model_beta(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->beta);
}

/* the fit's statistics: NULL for a model written by hand */
PG_FUNCTION_INFO_V1(paretonbd_model_log_likelihood);
Datum
paretonbd_model_log_likelihood(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & PNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(m->log_likelihood);
}

PG_FUNCTION_INFO_V1(paretonbd_model_iterations);
Datum
paretonbd_model_iterations(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & PNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_INT32(m->iterations);
}

/* a fit that does not converge is an error, so every fitted model converged */
PG_FUNCTION_INFO_V1(paretonbd_model_converged);
Datum
paretonbd_model_converged(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & PNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(paretonbd_model_customers);
Datum
paretonbd_model_customers(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & PNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_INT64(m->customers);
}

PG_FUNCTION_INFO_V1(paretonbd_model_eq);
Datum
paretonbd_model_eq(PG_FUNCTION_ARGS)
{
	ParetoNbdModel *a = model_arg(fcinfo, 0);
	ParetoNbdModel *b = model_arg(fcinfo, 1);

	PG_RETURN_BOOL(a->flags == b->flags && a->r == b->r && a->alpha == b->alpha &&
				   a->s == b->s && a->beta == b->beta && a->log_likelihood == b->log_likelihood &&
				   a->iterations == b->iterations && a->customers == b->customers);
}

PG_FUNCTION_INFO_V1(paretonbd_model_ne);
Datum
paretonbd_model_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(paretonbd_model_eq(fcinfo)));
}

/* ---- predictions ------------------------------------------------------------------------------ */

void
paretonbd_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	ParetoNbdModel *m = model_arg(fcinfo, argno);

	params[0] = m->r;
	params[1] = m->alpha;
	params[2] = m->s;
	params[3] = m->beta;
}

/* ln P(alive at T | x, t_x, T) = -ln(1 + dropped / alive) (FHL 2005 note, eq. 18) */
static double
log_p_alive(const double *p, double x, double tx, double t)
{
	double		alive,
				dropped;

	log_terms(p[0], p[1], p[2], p[3], x, tx, t, &alive, &dropped);
	if (isnan(dropped))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("P(alive) cannot be computed for frequency %g, recency %g, T %g", x, tx, t),
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
				 errhint("The horizon t is a finite length of time >= 0, in the model's time unit.")));
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
