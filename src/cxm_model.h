/*
 * cxm_model.h: the fitted-model types (bgnbd_model, paretonbd_model, gammagamma_model) share
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

/* The type's I/O functions and SQL accessors, for each model's one-line entry points. */
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

#endif							/* CXM_MODEL_H */
