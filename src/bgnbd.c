/*
 * bgnbd.c: the BG/NBD customer-base model (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way"): the bgnbd_model type, the maximum-likelihood fit over
 * rfm_patterns (log-space likelihood, maximised in log-parameter space by mle.c), accessors,
 * and the per-customer predictions expected_purchases and p_alive.
 */
#include "cxm.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "cxm_mle.h"
#include "cxm_stats.h"
#include "cxm_value.h"
#include "rfm_patterns.h"

#define BGNBD_VERSION 1
#define BGNBD_FITTED 0x01		/* log-likelihood, iterations, customers are known */
#define BGNBD_CONVERGED 0x02

typedef struct BgnbdModel
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	int32		iterations;
	double		r;
	double		alpha;
	double		a;
	double		b;
	double		log_likelihood;
	int64		customers;
} BgnbdModel;

#define NPARAMS 4				/* r, alpha, a, b */

/* ---- likelihood -------------------------------------------------------------------------- */

/*
 * The log-likelihood of the patterns with recency and T multiplied by time_scale (FHL 2005,
 * eq. 6, in logs):
 *   ln L = ln G(r+x) - ln G(r) + r ln(alpha) + ln B(a, b+x) - ln B(a, b)
 *          + ln[ (alpha+T)^-(r+x) + [x > 0] a/(b+x-1) (alpha+t_x)^-(r+x) ]
 */
static double
bgnbd_log_likelihood(const RfmPatterns *s, double time_scale, const double *p)
{
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
 */
static void
bgnbd_log_likelihood_gradient(const RfmPatterns *s, double time_scale, const double *p,
							  double *grad)
{
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

			w2 = exp(a2 - log_add_exp(a1, a2));
			g_r -= c * ((1 - w2) * log_at + w2 * log_ax);
			g_alpha -= c * m * ((1 - w2) / at + w2 / ax);
			g_a += c * w2 / a;
			g_b -= c * w2 / dropout_base;
		}
		else
		{
			g_r -= c * log_at;
			g_alpha -= c * m / at;
		}
	}
	grad[0] = g_r + customers * (log_alpha - cxm_digamma(r));
	grad[1] = g_alpha + customers * r / alpha;
	grad[2] = g_a + customers * psi_ab;
	grad[3] = g_b + customers * (psi_ab - cxm_digamma(b));
}

/* ---- the fit ------------------------------------------------------------------------------ */

typedef struct FitProblem
{
	const RfmPatterns *patterns;
	double		time_scale;
	double		customers;
	int			evaluations;
} FitProblem;

/* The objective: minus the mean log-likelihood per customer, at theta = log(parameters). */
static double
objective(void *arg, const double *theta)
{
	FitProblem *fp = (FitProblem *) arg;
	double		p[NPARAMS];
	int			k;

	for (k = 0; k < NPARAMS; k++)
		p[k] = exp(theta[k]);
	fp->evaluations++;
	return -bgnbd_log_likelihood(fp->patterns, fp->time_scale, p) / fp->customers;
}

/* The gradient of the objective in theta: d/dtheta_k = p_k d/dp_k. */
static void
objective_gradient(void *arg, const double *theta, double *g)
{
	FitProblem *fp = (FitProblem *) arg;
	double		p[NPARAMS];
	int			k;

	for (k = 0; k < NPARAMS; k++)
		p[k] = exp(theta[k]);
	bgnbd_log_likelihood_gradient(fp->patterns, fp->time_scale, p, g);
	for (k = 0; k < NPARAMS; k++)
		g[k] *= -p[k] / fp->customers;
}

/* "r = .., alpha = .., a = .., b = .." at theta, alpha in the patterns' time unit */
static char *
parameter_text(const double *theta, double time_scale)
{
	return psprintf("r = %g, alpha = %g, a = %g, b = %g", exp(theta[0]),
					exp(theta[1]) / time_scale, exp(theta[2]), exp(theta[3]));
}

/*
 * Maximises the likelihood. Returns the parameters (alpha in the rescaled time unit) and the
 * iteration count; raises an error when it finds no proper maximum.
 */
static void
bgnbd_maximise(FitProblem *fp, double *params, int *iterations)
{
	double		theta[NPARAMS] = {0, 0, 0, 0};	/* r = alpha = a = b = 1 */
	double		gradient_max;
	int			k;

	switch (cxm_mle_minimise(NPARAMS, objective, objective_gradient, fp, theta, iterations, &gradient_max))
	{
		case CXM_MLE_NOT_CONVERGED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("BG/NBD fit did not converge after %d iterations", *iterations),
					 errdetail("It stopped at %s, where the largest gradient component of the mean "
							   "log-likelihood is %g; a maximum needs less than %g.",
							   parameter_text(theta, fp->time_scale), gradient_max,
							   CXM_MLE_GRADIENT_TOLERANCE),
					 errhint("Parameters growing without bound mean the data do not identify the "
							 "model (too few customers, or no variation in repeat buying); check that "
							 "frequency, recency and T are in one unit.")));
			break;
		case CXM_MLE_FLAT:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("BG/NBD fit found no proper maximum"),
					 errdetail("At %s the likelihood is flat in some direction, so the parameters "
							   "are not determined by the data.", parameter_text(theta, fp->time_scale)),
					 errhint("BG/NBD needs customers with and without repeat purchases; fit on "
							 "more customers.")));
			break;
		case CXM_MLE_CONVERGED:
			break;
	}
	for (k = 0; k < NPARAMS; k++)
		params[k] = exp(theta[k]);
}

static BgnbdModel *
model_new(void)
{
	BgnbdModel *m = palloc0(sizeof(BgnbdModel));

	SET_VARSIZE(m, sizeof(BgnbdModel));
	m->version = BGNBD_VERSION;
	return m;
}

/* bgnbd_fit(rfm_patterns), and the final function of the bgnbd_fit aggregate */
PG_FUNCTION_INFO_V1(bgnbd_fit_patterns);
Datum
bgnbd_fit_patterns(PG_FUNCTION_ARGS)
{
	RfmPatterns *s;
	FitProblem	fp;
	BgnbdModel *m;
	double		params[NPARAMS];
	double		max_t = 0;
	int			iterations;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = rfm_patterns_arg(fcinfo, 0);
	if (s->npatterns == 0)
		PG_RETURN_NULL();
	for (i = 0; i < s->npatterns; i++)
		max_t = Max(max_t, s->patterns[i].t);

	/* fit with T scaled to at most 10, which keeps alpha near 1 whatever the time unit */
	fp.patterns = s;
	fp.time_scale = max_t > 0 ? 10.0 / max_t : 1.0;
	fp.customers = (double) rfm_patterns_customers(s);
	fp.evaluations = 0;
	bgnbd_maximise(&fp, params, &iterations);
	params[1] /= fp.time_scale;

	m = model_new();
	m->flags = BGNBD_FITTED | BGNBD_CONVERGED;
	m->r = params[0];
	m->alpha = params[1];
	m->a = params[2];
	m->b = params[3];
	m->iterations = iterations;
	m->customers = rfm_patterns_customers(s);
	m->log_likelihood = bgnbd_log_likelihood(s, 1.0, params);
	PG_RETURN_POINTER(m);
}

/* ---- the model type ------------------------------------------------------------------------ */

static const char *
model_problem(const BgnbdModel *m)
{
	if (m->version != BGNBD_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						m->version, BGNBD_VERSION);
	if ((m->flags & ~(BGNBD_FITTED | BGNBD_CONVERGED)) != 0 ||
		((m->flags & BGNBD_CONVERGED) && !(m->flags & BGNBD_FITTED)))
		return psprintf("flags 0x%02x are not valid", m->flags);
	if (!(isfinite(m->r) && m->r > 0 && isfinite(m->alpha) && m->alpha > 0 &&
		  isfinite(m->a) && m->a > 0 && isfinite(m->b) && m->b > 0))
		return "r, alpha, a and b must be finite and positive";
	if (m->flags & BGNBD_FITTED)
	{
		if (!isfinite(m->log_likelihood) || m->log_likelihood > 0)
			return "the log-likelihood must be finite and not positive";
		if (m->iterations < 0 || m->customers < 0)
			return "iterations and customers must not be negative";
	}
	else if (m->log_likelihood != 0 || m->iterations != 0 || m->customers != 0)
		return "a model that was not fitted has no log-likelihood, iterations or customers";
	return NULL;
}

static BgnbdModel *
model_arg(FunctionCallInfo fcinfo, int argno)
{
	BgnbdModel *m = (BgnbdModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(m) != sizeof(BgnbdModel) || m->version != BGNBD_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("bgnbd_model has an unsupported format (version %d)", m->version)));
	return m;
}

void
bgnbd_model_params(FunctionCallInfo fcinfo, int argno, double *params)
{
	BgnbdModel *m = model_arg(fcinfo, argno);

	params[0] = m->r;
	params[1] = m->alpha;
	params[2] = m->a;
	params[3] = m->b;
}

static void
append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

/*
 * {"version": 1, "r": .., "alpha": .., "a": .., "b": ..[, "log_likelihood": ..,
 *  "iterations": N, "converged": true, "customers": N]}: the last four for fitted models
 */
PG_FUNCTION_INFO_V1(bgnbd_model_out);
Datum
bgnbd_model_out(PG_FUNCTION_ARGS)
{
	BgnbdModel *m = model_arg(fcinfo, 0);
	StringInfoData out;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"r\": ", m->version);
	append_double(&out, m->r);
	appendStringInfoString(&out, ", \"alpha\": ");
	append_double(&out, m->alpha);
	appendStringInfoString(&out, ", \"a\": ");
	append_double(&out, m->a);
	appendStringInfoString(&out, ", \"b\": ");
	append_double(&out, m->b);
	if (m->flags & BGNBD_FITTED)
	{
		appendStringInfoString(&out, ", \"log_likelihood\": ");
		append_double(&out, m->log_likelihood);
		appendStringInfo(&out, ", \"iterations\": %d, \"converged\": %s, \"customers\": " INT64_FORMAT,
						 m->iterations, (m->flags & BGNBD_CONVERGED) ? "true" : "false",
						 m->customers);
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

typedef struct ModelParser
{
	const char *p;
	char	   *problem;
} ModelParser;

static void
skip_space(ModelParser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static bool
accept_char(ModelParser *ps, char c)
{
	skip_space(ps);
	if (*ps->p != c)
		return false;
	ps->p++;
	return true;
}

static bool
expect_char(ModelParser *ps, char c)
{
	if (accept_char(ps, c))
		return true;
	ps->problem = *ps->p
		? psprintf("expected \"%c\" at \"%s\"", c, cxm_quote_value(ps->p, strlen(ps->p)))
		: psprintf("expected \"%c\" at the end", c);
	return false;
}

enum model_key
{
	KEY_VERSION, KEY_R, KEY_ALPHA, KEY_A, KEY_B, KEY_LL, KEY_ITERATIONS, KEY_CONVERGED,
	KEY_CUSTOMERS, NUM_KEYS
};
static const char *const model_keys[NUM_KEYS] = {
	"version", "r", "alpha", "a", "b", "log_likelihood", "iterations", "converged", "customers"
};

static bool
parse_value(ModelParser *ps, int key, BgnbdModel *m)
{
	char	   *end;

	skip_space(ps);
	if (key == KEY_CONVERGED)
	{
		if (strncmp(ps->p, "true", 4) == 0)
		{
			m->flags |= BGNBD_CONVERGED;
			ps->p += 4;
			return true;
		}
		if (strncmp(ps->p, "false", 5) == 0)
		{
			ps->p += 5;
			return true;
		}
		ps->problem = psprintf("expected true or false at \"%s\"", cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	if (key == KEY_VERSION || key == KEY_ITERATIONS || key == KEY_CUSTOMERS)
	{
		int64		v;

		errno = 0;
		v = strtoll(ps->p, &end, 10);
		if (end == ps->p || errno == ERANGE || *end == '.' || *end == 'e' || *end == 'E' ||
			(key != KEY_CUSTOMERS && (v < 0 || v > PG_INT32_MAX)))
		{
			ps->problem = psprintf("expected a whole number at \"%s\"",
								   cxm_quote_value(ps->p, strlen(ps->p)));
			return false;
		}
		if (key == KEY_VERSION)
			m->version = v > 255 ? 0 : (uint8) v;
		else if (key == KEY_ITERATIONS)
			m->iterations = (int32) v;
		else
			m->customers = v;
	}
	else
	{
		const char *q = ps->p + (*ps->p == '-');
		double		v;

		if (!(*q >= '0' && *q <= '9'))
		{
			ps->problem = psprintf("expected a number at \"%s\"", cxm_quote_value(ps->p, strlen(ps->p)));
			return false;
		}
		errno = 0;
		v = strtod(ps->p, &end);
		if (errno == ERANGE && isinf(v))
		{
			ps->problem = psprintf("number \"%s\" is out of range", cxm_quote_value(ps->p, end - ps->p));
			return false;
		}
		v += 0.0;				/* -0 reads as 0, as in binary input */
		switch (key)
		{
			case KEY_R:
				m->r = v;
				break;
			case KEY_ALPHA:
				m->alpha = v;
				break;
			case KEY_A:
				m->a = v;
				break;
			case KEY_B:
				m->b = v;
				break;
			default:
				m->log_likelihood = v;
		}
	}
	ps->p = end;
	return true;
}

static bool
parse_model(ModelParser *ps, BgnbdModel *m)
{
	bool		seen[NUM_KEYS] = {false};
	int			k;

	if (!expect_char(ps, '{'))
		return false;
	do
	{
		const char *key;
		int			key_len;

		if (!expect_char(ps, '"'))
			return false;
		key = ps->p;
		while (*ps->p && *ps->p != '"')
			ps->p++;
		key_len = ps->p - key;
		if (!expect_char(ps, '"') || !expect_char(ps, ':'))
			return false;
		for (k = 0; k < NUM_KEYS; k++)
			if (strlen(model_keys[k]) == key_len && strncmp(model_keys[k], key, key_len) == 0)
				break;
		if (k == NUM_KEYS)
		{
			ps->problem = psprintf("unknown key \"%s\"", cxm_quote_value(key, key_len));
			return false;
		}
		if (seen[k])
		{
			ps->problem = psprintf("key \"%s\" appears twice", model_keys[k]);
			return false;
		}
		seen[k] = true;
		if (!parse_value(ps, k, m))
			return false;
	} while (accept_char(ps, ','));
	if (!expect_char(ps, '}'))
		return false;
	skip_space(ps);
	if (*ps->p != '\0')
	{
		ps->problem = psprintf("unexpected text after the document: \"%s\"",
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	for (k = KEY_VERSION; k <= KEY_B; k++)
		if (!seen[k])
		{
			ps->problem = psprintf("key \"%s\" is missing", model_keys[k]);
			return false;
		}
	for (k = KEY_LL; k < NUM_KEYS; k++)
		if (seen[k] != seen[KEY_LL])
		{
			ps->problem = "a fitted model has all of \"log_likelihood\", \"iterations\", "
				"\"converged\" and \"customers\", a hand-made one none";
			return false;
		}
	if (seen[KEY_LL])
		m->flags |= BGNBD_FITTED;
	return true;
}

PG_FUNCTION_INFO_V1(bgnbd_model_in);
Datum
bgnbd_model_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	BgnbdModel *m = model_new();
	ModelParser ps = {input, NULL};
	const char *problem;

	if (!parse_model(&ps, m))
		problem = ps.problem;
	else
		problem = model_problem(m);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type bgnbd_model: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The model is invalid: %s.", problem),
				 errhint("Write a model as {\"version\": 1, \"r\": 0.243, \"alpha\": 4.414, "
						 "\"a\": 0.793, \"b\": 2.426} with positive parameters.")));
	PG_RETURN_POINTER(m);
}

/* binary: int8 version, int8 flags, float8 r, alpha, a, b, log-likelihood, int32
 * iterations, int64 customers */
PG_FUNCTION_INFO_V1(bgnbd_model_send);
Datum
bgnbd_model_send(PG_FUNCTION_ARGS)
{
	BgnbdModel *m = model_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, m->version);
	pq_sendbyte(&buf, m->flags);
	pq_sendfloat8(&buf, m->r);
	pq_sendfloat8(&buf, m->alpha);
	pq_sendfloat8(&buf, m->a);
	pq_sendfloat8(&buf, m->b);
	pq_sendfloat8(&buf, m->log_likelihood);
	pq_sendint32(&buf, m->iterations);
	pq_sendint64(&buf, m->customers);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(bgnbd_model_recv);
Datum
bgnbd_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	BgnbdModel *m = model_new();
	const char *problem;

	if (buf->len - buf->cursor < 54)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary bgnbd_model is truncated: 54 bytes needed, %d remain",
						buf->len - buf->cursor)));
	m->version = pq_getmsgbyte(buf);
	m->flags = pq_getmsgbyte(buf);
	m->r = cxm_getmsgfloat8(buf);
	m->alpha = cxm_getmsgfloat8(buf);
	m->a = cxm_getmsgfloat8(buf);
	m->b = cxm_getmsgfloat8(buf);
	m->log_likelihood = cxm_getmsgfloat8(buf);
	m->iterations = (int32) pq_getmsgint(buf, 4);
	m->customers = pq_getmsgint64(buf);
	problem = model_problem(m);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary bgnbd_model: %s", problem)));
	PG_RETURN_POINTER(m);
}

/* ---- accessors -------------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(bgnbd_model_r);
Datum
bgnbd_model_r(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->r);
}

PG_FUNCTION_INFO_V1(bgnbd_model_alpha);
Datum
bgnbd_model_alpha(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->alpha);
}

PG_FUNCTION_INFO_V1(bgnbd_model_a);
Datum
bgnbd_model_a(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->a);
}

PG_FUNCTION_INFO_V1(bgnbd_model_b);
Datum
bgnbd_model_b(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(model_arg(fcinfo, 0)->b);
}

/* the fit's statistics: NULL for a model written by hand */
PG_FUNCTION_INFO_V1(bgnbd_model_log_likelihood);
Datum
bgnbd_model_log_likelihood(PG_FUNCTION_ARGS)
{
	BgnbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & BGNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(m->log_likelihood);
}

PG_FUNCTION_INFO_V1(bgnbd_model_iterations);
Datum
bgnbd_model_iterations(PG_FUNCTION_ARGS)
{
	BgnbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & BGNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_INT32(m->iterations);
}

PG_FUNCTION_INFO_V1(bgnbd_model_converged);
Datum
bgnbd_model_converged(PG_FUNCTION_ARGS)
{
	BgnbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & BGNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_BOOL((m->flags & BGNBD_CONVERGED) != 0);
}

PG_FUNCTION_INFO_V1(bgnbd_model_customers);
Datum
bgnbd_model_customers(PG_FUNCTION_ARGS)
{
	BgnbdModel *m = model_arg(fcinfo, 0);

	if (!(m->flags & BGNBD_FITTED))
		PG_RETURN_NULL();
	PG_RETURN_INT64(m->customers);
}

PG_FUNCTION_INFO_V1(bgnbd_model_eq);
Datum
bgnbd_model_eq(PG_FUNCTION_ARGS)
{
	BgnbdModel *a = model_arg(fcinfo, 0);
	BgnbdModel *b = model_arg(fcinfo, 1);

	PG_RETURN_BOOL(a->flags == b->flags && a->r == b->r && a->alpha == b->alpha &&
				   a->a == b->a && a->b == b->b && a->log_likelihood == b->log_likelihood &&
				   a->iterations == b->iterations && a->customers == b->customers);
}

PG_FUNCTION_INFO_V1(bgnbd_model_ne);
Datum
bgnbd_model_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(bgnbd_model_eq(fcinfo)));
}

/* ---- predictions ------------------------------------------------------------------------------ */

void
btyd_check_customer(double frequency, double recency, double t)
{
	const char *problem = rfm_pattern_problem(frequency, recency, t);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer summary (frequency %g, recency %g, T %g) is not valid: %s",
						frequency, recency, t, problem),
				 errhint("Pass rfm_summary()'s frequency, recency and t, in the time unit the "
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
	BgnbdModel *m = model_arg(fcinfo, 0);
	double		x = PG_GETARG_FLOAT8(1),
				tx = PG_GETARG_FLOAT8(2),
				t = PG_GETARG_FLOAT8(3);

	btyd_check_customer(x, tx, t);
	if (x == 0)
		PG_RETURN_FLOAT8(1.0);
	/* 1 / (1 + odds), computed without overflow for huge odds */
	PG_RETURN_FLOAT8(exp(-log_add_exp(0, log_dropout_odds(m->r, m->alpha, m->a, m->b, x, tx, t))));
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
				 errhint("The horizon t is a finite length of time >= 0, in the model's time unit.")));
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
						"recency %g, T %g", horizon, x, tx, t),
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
