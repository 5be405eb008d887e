/*
 * fit.h: the maximum-likelihood fit shared by the customer-value models (fit.c): from a pattern
 * table and a model's log-likelihood to a fitted model value, through the optimiser (mle.c),
 * with the errors of a fit that finds no maximum. Each model's likelihood and gradient stay in
 * its own file (bgnbd.c, paretonbd.c, gammagamma.c).
 */
#ifndef CXM_FIT_H
#define CXM_FIT_H

#include "cxm.h"

#include "fitted_model.h"

/*
 * The log-likelihood of the patterns (the model's pattern type) at params, with the data's
 * unit (time or money) multiplied by scale, so that the parameters marked scaled are in the
 * scaled unit.
 */
typedef double (*CxmLogLikelihood) (const void *patterns, double scale, const double *params);

/* its gradient in params, written to grad; when log_likelihood is not NULL, also the value */
typedef void (*CxmLogLikelihoodGradient) (const void *patterns, double scale,
										  const double *params, double *grad,
										  double *log_likelihood);

typedef struct CxmFitKind
{
	const CxmModelKind *model;	/* the type it makes */
	const char *model_name;		/* "BG/NBD", in messages */
	CxmLogLikelihood log_likelihood;
	CxmLogLikelihoodGradient gradient;	/* NULL: central differences */
	bool		scaled[CXM_MODEL_MAX_PARAMS];	/* in the data's unit: divided by the scale */

	/*
	 * How the chain rule to log-parameters rounds: -p g first, then / customers (Gamma-Gamma),
	 * or g (-p / customers) (BG/NBD). Each model keeps the order its fits were released with,
	 * so that a fit gives the same last digits as before.
	 */
	bool		chain_rule_product_first;
	const char *not_converged_hint;
	const char *flat_hint;
} CxmFitKind;

/*
 * The maximum-likelihood model of the patterns of customers customers (not empty), fitted
 * with the data's unit multiplied by scale (chosen to keep the scaled parameters near 1) from
 * every parameter 1; raises 22000 when it finds no proper maximum.
 */
extern CxmModel *cxm_fit(const CxmFitKind *kind, const void *patterns, int64 customers,
						 double scale);

/*
 * cxm_fit from start (the parameters in the scaled unit, NULL for every parameter 1) with the
 * objective's Hessian in log-parameters there (NULL if unknown): a fit over many patterns can
 * start from the fit of a sample of them (mbgnbd.c), whose maximum and curvature are the full
 * data's to sampling error, so that the optimiser's many early steps are cheap.
 */
extern CxmModel *cxm_fit_from(const CxmFitKind *kind, const void *patterns, int64 customers,
							  double scale, const double *start, const double *start_hessian);

/*
 * The maximum-likelihood parameters (in the scaled unit) of the patterns from every parameter
 * 1, written to params, and the objective's Hessian in log-parameters there to hessian
 * (nparams x nparams); false, raising nothing, when the optimiser finds no proper maximum.
 */
extern bool cxm_fit_parameters(const CxmFitKind *kind, const void *patterns, int64 customers,
							   double scale, double *params, double *hessian);

#endif							/* CXM_FIT_H */
