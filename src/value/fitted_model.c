/*
 * fitted_model.c: the fitted-model types (bgnbd_model, paretonbd_model, gammagamma_model):
 * their stored layout, checks, text form
 *   {"version": 1, "<param>": .., ...[, "log_likelihood": .., "iterations": N,
 *    ["converged": true, ]"customers": N]}   (the statistics for fitted models only)
 * binary form (int8 version, int8 flags, float8 parameters, float8 log-likelihood, int32
 * iterations, int64 customers), accessors and equality, driven by each model's CxmModelKind.
 */
#include "cxm.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"

#include "json_reader.h"
#include "fitted_model.h"

/* the hint of every binary input error of this file */
#define MODEL_BINARY_HINT "The binary form is int8 version, int8 flags (1 fitted), the model's float8 parameters, float8 log-likelihood, int32 iterations, int64 customers."

#define MODEL_BYTES(kind) (offsetof(CxmModel, values) + ((kind)->nparams + 2) * sizeof(double))
#define BINARY_BYTES(kind) (2 + ((kind)->nparams + 1) * 8 + 4 + 8)

static inline double
model_log_likelihood(const CxmModelKind *kind, const CxmModel *m)
{
	return m->values[kind->nparams];
}

static inline int64
model_customers(const CxmModelKind *kind, const CxmModel *m)
{
	int64		customers;

	memcpy(&customers, &m->values[kind->nparams + 1], sizeof(int64));
	return customers;
}

static inline void
set_model_customers(const CxmModelKind *kind, CxmModel *m, int64 customers)
{
	memcpy(&m->values[kind->nparams + 1], &customers, sizeof(int64));
}

static CxmModel *
model_new(const CxmModelKind *kind)
{
	CxmModel   *m = palloc0(MODEL_BYTES(kind));

	SET_VARSIZE(m, MODEL_BYTES(kind));
	m->version = CXM_MODEL_VERSION;
	return m;
}

CxmModel *
cxm_model_fitted(const CxmModelKind *kind, const double *params, double log_likelihood,
				 int iterations, int64 customers)
{
	CxmModel   *m = model_new(kind);

	m->flags = CXM_MODEL_FITTED | (kind->records_convergence ? CXM_MODEL_CONVERGED : 0);
	memcpy(m->values, params, kind->nparams * sizeof(double));
	m->values[kind->nparams] = log_likelihood;
	m->iterations = iterations;
	set_model_customers(kind, m, customers);
	return m;
}

/* NULL when m is a model this release can have written, otherwise what is wrong. */
static const char *
model_problem(const CxmModelKind *kind, const CxmModel *m)
{
	uint8		valid_flags = CXM_MODEL_FITTED |
		(kind->records_convergence ? CXM_MODEL_CONVERGED : 0);
	double		ll = model_log_likelihood(kind, m);
	int			k;

	if (m->version != CXM_MODEL_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						m->version, CXM_MODEL_VERSION);
	if ((m->flags & ~valid_flags) != 0 ||
		((m->flags & CXM_MODEL_CONVERGED) && !(m->flags & CXM_MODEL_FITTED)))
		return psprintf("flags 0x%02x are not valid", m->flags);
	for (k = 0; k < kind->nparams; k++)
		if (!(isfinite(m->values[k]) && m->values[k] > 0))
			return psprintf("%s must be finite and positive", kind->params_phrase);
	if (m->flags & CXM_MODEL_FITTED)
	{
		if (kind->log_likelihood_not_positive && !(isfinite(ll) && ll <= 0))
			return "the log-likelihood must be finite and not positive";
		if (!isfinite(ll))
			return "the log-likelihood must be finite";
		if (m->iterations < 0 || model_customers(kind, m) < 0)
			return "iterations and customers must not be negative";
	}
	else if (ll != 0 || m->iterations != 0 || model_customers(kind, m) != 0)
		return "a model that was not fitted has no log-likelihood, iterations or customers";
	return NULL;
}

CxmModel *
cxm_model_arg(FunctionCallInfo fcinfo, int argno, const CxmModelKind *kind)
{
	CxmModel   *m = (CxmModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(m) != MODEL_BYTES(kind) || m->version != CXM_MODEL_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s has an unsupported format (version %d)", kind->type_name,
						m->version)));
	return m;
}

void
cxm_model_params(FunctionCallInfo fcinfo, int argno, const CxmModelKind *kind, double *params)
{
	memcpy(params, cxm_model_arg(fcinfo, argno, kind)->values, kind->nparams * sizeof(double));
}

/* ---- text ---------------------------------------------------------------------------------- */

Datum
cxm_model_out(FunctionCallInfo fcinfo, const CxmModelKind *kind)
{
	CxmModel   *m = cxm_model_arg(fcinfo, 0, kind);
	StringInfoData out;
	int			k;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d", m->version);
	for (k = 0; k < kind->nparams; k++)
	{
		appendStringInfo(&out, ", \"%s\": ", kind->param_names[k]);
		cxm_append_double(&out, m->values[k]);
	}
	if (m->flags & CXM_MODEL_FITTED)
	{
		appendStringInfoString(&out, ", \"log_likelihood\": ");
		cxm_append_double(&out, model_log_likelihood(kind, m));
		appendStringInfo(&out, ", \"iterations\": %d", m->iterations);
		if (kind->records_convergence)
			appendStringInfo(&out, ", \"converged\": %s",
							 (m->flags & CXM_MODEL_CONVERGED) ? "true" : "false");
		appendStringInfo(&out, ", \"customers\": " INT64_FORMAT, model_customers(kind, m));
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

/* keys: "version", the parameters, then the fit's statistics */
enum
{
	STAT_LL, STAT_ITERATIONS, STAT_CONVERGED, STAT_CUSTOMERS, NUM_STATS
};
static const char *const stat_keys[NUM_STATS] = {
	"log_likelihood", "iterations", "converged", "customers"
};

static bool
parse_model(const CxmModelKind *kind, const char *input, CxmModel *m, char **problem)
{
	const char *keys[1 + CXM_MODEL_MAX_PARAMS + NUM_STATS];
	CxmJsonValue v[1 + CXM_MODEL_MAX_PARAMS + NUM_STATS];
	int			first_stat = 1 + kind->nparams;
	int			nkeys = first_stat + NUM_STATS;
	int64		version;
	int64		whole;
	bool		fitted;
	int			k;

	keys[0] = "version";
	for (k = 0; k < kind->nparams; k++)
		keys[1 + k] = kind->param_names[k];
	for (k = 0; k < NUM_STATS; k++)
		keys[first_stat + k] = stat_keys[k];
	if (!kind->records_convergence)
	{
		/* no "converged" key: customers takes its place */
		keys[first_stat + STAT_CONVERGED] = stat_keys[STAT_CUSTOMERS];
		nkeys--;
	}
	if (!cxm_json_read(input, keys, nkeys, v, problem))
		return false;

	if (!cxm_json_expect(&v[0], "version", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[0].text, v[0].len, &version, problem))
		return false;
	if (version < 0 || version > 255)
	{
		*problem = psprintf("version " INT64_FORMAT " is not supported", version);
		return false;
	}
	m->version = (uint8) version;
	for (k = 0; k < kind->nparams; k++)
		if (!cxm_json_expect(&v[1 + k], keys[1 + k], CXM_JSON_NUMBER, problem) ||
			!cxm_json_double(v[1 + k].text, v[1 + k].len, &m->values[k], problem))
			return false;

	/* the statistics: all of them or none */
	fitted = v[first_stat].kind != CXM_JSON_MISSING;
	for (k = first_stat + 1; k < nkeys; k++)
		if ((v[k].kind != CXM_JSON_MISSING) != fitted)
		{
			*problem = kind->records_convergence
				? "a fitted model has all of \"log_likelihood\", \"iterations\", \"converged\" "
				"and \"customers\", a hand-made one none"
				: "a fitted model has all of \"log_likelihood\", \"iterations\" and "
				"\"customers\", a hand-made one none";
			return false;
		}
	if (!fitted)
		return true;
	m->flags = CXM_MODEL_FITTED;
	for (k = first_stat; k < nkeys; k++)
	{
		const CxmJsonValue *s = &v[k];

		if (k - first_stat == STAT_CONVERGED && kind->records_convergence)
		{
			if (!cxm_json_expect(s, keys[k], CXM_JSON_BOOLEAN, problem))
				return false;
			if (s->len == 4)	/* true */
				m->flags |= CXM_MODEL_CONVERGED;
			continue;
		}
		if (!cxm_json_expect(s, keys[k], CXM_JSON_NUMBER, problem))
			return false;
		if (k == first_stat)
		{
			if (!cxm_json_double(s->text, s->len, &m->values[kind->nparams], problem))
				return false;
		}
		else
		{
			if (!cxm_json_int64(s->text, s->len, &whole, problem))
				return false;
			if (strcmp(keys[k], "iterations") == 0)
			{
				if (whole < 0 || whole > PG_INT32_MAX)
				{
					*problem = "\"iterations\" is out of range";
					return false;
				}
				m->iterations = (int32) whole;
			}
			else
				set_model_customers(kind, m, whole);
		}
	}
	return true;
}

Datum
cxm_model_in(FunctionCallInfo fcinfo, const CxmModelKind *kind)
{
	char	   *input = PG_GETARG_CSTRING(0);
	CxmModel   *m = model_new(kind);
	char	   *problem = NULL;

	if (parse_model(kind, input, m, &problem))
		problem = (char *) model_problem(kind, m);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", kind->type_name,
						cxm_quote_value(input, strlen(input))),
				 errdetail("The model is invalid: %s.", problem),
				 errhint("Write a model as %s with positive parameters.", kind->example)));
	PG_RETURN_POINTER(m);
}

/* ---- binary -------------------------------------------------------------------------------- */

Datum
cxm_model_send(FunctionCallInfo fcinfo, const CxmModelKind *kind)
{
	CxmModel   *m = cxm_model_arg(fcinfo, 0, kind);
	StringInfoData buf;
	int			k;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, m->version);
	pq_sendbyte(&buf, m->flags);
	for (k = 0; k < kind->nparams; k++)
		pq_sendfloat8(&buf, m->values[k]);
	pq_sendfloat8(&buf, model_log_likelihood(kind, m));
	pq_sendint32(&buf, m->iterations);
	pq_sendint64(&buf, model_customers(kind, m));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
cxm_model_recv(FunctionCallInfo fcinfo, const CxmModelKind *kind)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CxmModel   *m = model_new(kind);
	const char *problem;
	int			k;

	if (buf->len - buf->cursor < (int) BINARY_BYTES(kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary %s is truncated: %d bytes needed, %d remain", kind->type_name,
						(int) BINARY_BYTES(kind), buf->len - buf->cursor),
				 errhint(MODEL_BINARY_HINT)));
	m->version = pq_getmsgbyte(buf);
	m->flags = pq_getmsgbyte(buf);
	for (k = 0; k < kind->nparams; k++)
		m->values[k] = cxm_getmsgfloat8(buf);
	m->values[kind->nparams] = cxm_getmsgfloat8(buf);
	m->iterations = (int32) pq_getmsgint(buf, 4);
	set_model_customers(kind, m, pq_getmsgint64(buf));
	problem = model_problem(kind, m);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %s", kind->type_name, problem),
				 errhint(MODEL_BINARY_HINT)));
	PG_RETURN_POINTER(m);
}

/* ---- accessors ------------------------------------------------------------------------------ */

Datum
cxm_model_param(FunctionCallInfo fcinfo, const CxmModelKind *kind, int k)
{
	Assert(k >= 0 && k < kind->nparams);
	PG_RETURN_FLOAT8(cxm_model_arg(fcinfo, 0, kind)->values[k]);
}

Datum
cxm_model_statistic(FunctionCallInfo fcinfo, const CxmModelKind *kind, CxmModelStatistic which)
{
	CxmModel   *m = cxm_model_arg(fcinfo, 0, kind);

	if (!(m->flags & CXM_MODEL_FITTED))
		PG_RETURN_NULL();
	switch (which)
	{
		case CXM_MODEL_STAT_LOG_LIKELIHOOD:
			PG_RETURN_FLOAT8(model_log_likelihood(kind, m));
		case CXM_MODEL_STAT_ITERATIONS:
			PG_RETURN_INT32(m->iterations);
		case CXM_MODEL_STAT_CONVERGED:
			/* kinds that do not record it raise an error when a fit does not converge */
			PG_RETURN_BOOL(!kind->records_convergence || (m->flags & CXM_MODEL_CONVERGED) != 0);
		case CXM_MODEL_STAT_CUSTOMERS:
			PG_RETURN_INT64(model_customers(kind, m));
	}
	pg_unreachable();
}

/* = (equal) or <> (not equal): the same flags and the same numbers, to the last bit */
Datum
cxm_model_equal(FunctionCallInfo fcinfo, const CxmModelKind *kind, bool equal)
{
	CxmModel   *a = cxm_model_arg(fcinfo, 0, kind);
	CxmModel   *b = cxm_model_arg(fcinfo, 1, kind);
	bool		same = a->flags == b->flags && a->iterations == b->iterations &&
		model_customers(kind, a) == model_customers(kind, b);
	int			k;

	for (k = 0; k <= kind->nparams && same; k++)
		same = a->values[k] == b->values[k];
	PG_RETURN_BOOL(same == equal);
}
