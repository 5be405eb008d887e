/*
 * fitted_model.h: the fitted-model types (bgnbd_model, paretonbd_model, gammagamma_model) share
 * one stored layout, text and binary form, checks and accessors (fitted_model.c); each model
 * describes itself with a CxmModelKind.
 */
#ifndef CXM_MODEL_H
#define CXM_MODEL_H

#include "cxm.h"

#define CXM_MODEL_MAX_PARAMS 4
#define CXM_MODEL_VERSION 1
#define CXM_MODEL_FITTED 0x01		/* log-likelihood, iterations, customers are known */
#define CXM_MODEL_CONVERGED 0x02	/* kinds that record convergence: the fit converged */

typedef struct CxmModelKind
{
	const char *type_name;		/* "bgnbd_model" */
	int			nparams;
	const char *param_names[CXM_MODEL_MAX_PARAMS];	/* text keys, in stored order */
	const char *params_phrase;	/* "r, alpha, a and b", for messages */
	const char *example;		/* a valid hand-made model, for hints */
	bool		records_convergence;	/* flags and text carry "converged" (BG/NBD) */
	bool		log_likelihood_not_positive;	/* of counts (a probability), not a density */
} CxmModelKind;

/*
 * The stored value, as every release wrote it: the header, then nparams float8 parameters,
 * the float8 log-likelihood and the int64 number of customers (zeros for a hand-made model).
 */
typedef struct CxmModel
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	int32		iterations;
	double		values[FLEXIBLE_ARRAY_MEMBER];
} CxmModel;

/* A fitted model: parameters in the kind's order (converged, for kinds that record it). */
extern CxmModel *cxm_model_fitted(const CxmModelKind *kind, const double *params,
								  double log_likelihood, int iterations, int64 customers);

/* The model argument argno (its format checked) and its parameters. */
extern CxmModel *cxm_model_arg(FunctionCallInfo fcinfo, int argno, const CxmModelKind *kind);
extern void cxm_model_params(FunctionCallInfo fcinfo, int argno, const CxmModelKind *kind,
							 double *params);

/* The type's I/O functions and SQL accessors, behind each model's entry points (below). */
extern Datum cxm_model_in(FunctionCallInfo fcinfo, const CxmModelKind *kind);
extern Datum cxm_model_out(FunctionCallInfo fcinfo, const CxmModelKind *kind);
extern Datum cxm_model_send(FunctionCallInfo fcinfo, const CxmModelKind *kind);
extern Datum cxm_model_recv(FunctionCallInfo fcinfo, const CxmModelKind *kind);
extern Datum cxm_model_param(FunctionCallInfo fcinfo, const CxmModelKind *kind, int k);
extern Datum cxm_model_equal(FunctionCallInfo fcinfo, const CxmModelKind *kind, bool equal);

/* the fit's statistics: NULL for a model written by hand */
typedef enum CxmModelStatistic
{
	CXM_MODEL_STAT_LOG_LIKELIHOOD,
	CXM_MODEL_STAT_ITERATIONS,
	CXM_MODEL_STAT_CONVERGED,
	CXM_MODEL_STAT_CUSTOMERS
} CxmModelStatistic;

extern Datum cxm_model_statistic(FunctionCallInfo fcinfo, const CxmModelKind *kind,
								 CxmModelStatistic which);

/*
 * The SQL entry points every model type has, for the prefix "bgnbd_model" and the kind
 * bgnbd_kind: input, output, binary input and output (prefix_in, _out, _recv, _send); the
 * fit's statistics, NULL for a model written by hand (prefix_log_likelihood, _iterations,
 * _converged, _customers); and the = and <> operators (prefix_eq, _ne).
 */
#define CXM_MODEL_ENTRY_POINTS(prefix, kind) \
	PG_FUNCTION_INFO_V1(prefix##_in); \
	Datum prefix##_in(PG_FUNCTION_ARGS) { return cxm_model_in(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_out); \
	Datum prefix##_out(PG_FUNCTION_ARGS) { return cxm_model_out(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_recv); \
	Datum prefix##_recv(PG_FUNCTION_ARGS) { return cxm_model_recv(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_send); \
	Datum prefix##_send(PG_FUNCTION_ARGS) { return cxm_model_send(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_log_likelihood); \
	Datum prefix##_log_likelihood(PG_FUNCTION_ARGS) \
	{ \
		return cxm_model_statistic(fcinfo, &(kind), CXM_MODEL_STAT_LOG_LIKELIHOOD); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_iterations); \
	Datum prefix##_iterations(PG_FUNCTION_ARGS) \
	{ \
		return cxm_model_statistic(fcinfo, &(kind), CXM_MODEL_STAT_ITERATIONS); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_converged); \
	Datum prefix##_converged(PG_FUNCTION_ARGS) \
	{ \
		return cxm_model_statistic(fcinfo, &(kind), CXM_MODEL_STAT_CONVERGED); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_customers); \
	Datum prefix##_customers(PG_FUNCTION_ARGS) \
	{ \
		return cxm_model_statistic(fcinfo, &(kind), CXM_MODEL_STAT_CUSTOMERS); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_eq); \
	Datum prefix##_eq(PG_FUNCTION_ARGS) { return cxm_model_equal(fcinfo, &(kind), true); } \
	PG_FUNCTION_INFO_V1(prefix##_ne); \
	Datum prefix##_ne(PG_FUNCTION_ARGS) { return cxm_model_equal(fcinfo, &(kind), false); }

/* The SQL accessor prefix_name(model) of parameter k (the kind's order), e.g. bgnbd_model_r. */
#define CXM_MODEL_PARAM_ACCESSOR(prefix, kind, name, k) \
	PG_FUNCTION_INFO_V1(prefix##_##name); \
	Datum prefix##_##name(PG_FUNCTION_ARGS) { return cxm_model_param(fcinfo, &(kind), (k)); }

#endif							/* CXM_MODEL_H */
