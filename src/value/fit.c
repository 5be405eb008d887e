/*
 * fit.c: the maximum-likelihood fit of a customer-value model (fit.h): minus the mean
 * log-likelihood per customer, in log-parameter space, minimised by mle.c from every
 * parameter 1 or from a given start; the errors when it finds no proper maximum; and the
 * fitted model value.
 */
#include "cxm.h"

#include <math.h>

#include "lib/stringinfo.h"

#include "fit.h"
#include "mle.h"

StaticAssertDecl(CXM_MODEL_MAX_PARAMS <= CXM_MLE_MAX_PARAMS,
				 "the optimiser takes fewer parameters than a model has");

typedef struct FitProblem
{
	const CxmFitKind *kind;
	const void *patterns;
	double		scale;
	double		customers;
} FitProblem;

/* The objective: minus the mean log-likelihood per customer, at theta = log(parameters). */
static double
objective(void *arg, const double *theta)
{
	FitProblem *fp = (FitProblem *) arg;
	double		p[CXM_MODEL_MAX_PARAMS];
	int			k;

	for (k = 0; k < fp->kind->model->nparams; k++)
		p[k] = exp(theta[k]);
	return -fp->kind->log_likelihood(fp->patterns, fp->scale, p) / fp->customers;
}

/* The gradient of the objective in theta: d/dtheta_k = p_k d/dp_k; and the objective if asked. */
static void
objective_gradient(void *arg, const double *theta, double *g, double *value)
{
	FitProblem *fp = (FitProblem *) arg;
	double		p[CXM_MODEL_MAX_PARAMS];
	int			k;

	for (k = 0; k < fp->kind->model->nparams; k++)
		p[k] = exp(theta[k]);
	fp->kind->gradient(fp->patterns, fp->scale, p, g, value);
	for (k = 0; k < fp->kind->model->nparams; k++)
	{
		if (fp->kind->chain_rule_product_first)
			g[k] = -p[k] * g[k] / fp->customers;
		else
			g[k] *= -p[k] / fp->customers;
	}
	if (value)
		*value = -*value / fp->customers;
}

/* the parameters at theta in the data's unit: exp(theta), the scaled ones divided by scale */
static void
parameters(const CxmFitKind *kind, const double *theta, double scale, double *params)
{
	int			k;

	for (k = 0; k < kind->model->nparams; k++)
	{
		params[k] = exp(theta[k]);
		if (kind->scaled[k])
			params[k] /= scale;
	}
}

/* "r = .., alpha = .., a = .., b = .." at theta, in the data's unit */
static char *
parameter_text(const CxmFitKind *kind, const double *theta, double scale)
{
	double		params[CXM_MODEL_MAX_PARAMS];
	StringInfoData text;
	int			k;

	parameters(kind, theta, scale, params);
	initStringInfo(&text);
	for (k = 0; k < kind->model->nparams; k++)
		appendStringInfo(&text, "%s%s = %g", k > 0 ? ", " : "", kind->model->param_names[k],
						 params[k]);
	return text.data;
}

/*
 * the optimiser from theta (log-parameters in the scaled unit, updated in place), with the
 * Hessians of cxm_mle_minimise_warm
 */
static CxmMleOutcome
minimise(const CxmFitKind *kind, const void *patterns, int64 customers, double scale,
		 double *theta, const double *start_hessian, double *final_hessian,
		 CxmMleReport *report)
{
	FitProblem	fp = {kind, patterns, scale, (double) customers};
	CxmMleOutcome outcome;

	outcome = cxm_mle_minimise_warm(kind->model->nparams, objective,
									kind->gradient ? objective_gradient : NULL, &fp, theta,
									start_hessian, final_hessian, report);
	elog(DEBUG1, "%s fit: %d iterations, %d evaluations of the likelihood", kind->model_name,
		 report->iterations, report->evaluations);
	return outcome;
}

bool
cxm_fit_parameters(const CxmFitKind *kind, const void *patterns, int64 customers, double scale,
				   double *params, double *hessian)
{
	double		theta[CXM_MODEL_MAX_PARAMS] = {0};
	CxmMleReport report;
	int			k;

	if (minimise(kind, patterns, customers, scale, theta, NULL, hessian, &report) !=
		CXM_MLE_CONVERGED)
		return false;
	for (k = 0; k < kind->model->nparams; k++)
		params[k] = exp(theta[k]);
	return true;
}

CxmModel *
cxm_fit(const CxmFitKind *kind, const void *patterns, int64 customers, double scale)
{
	return cxm_fit_from(kind, patterns, customers, scale, NULL, NULL);
}

CxmModel *
cxm_fit_from(const CxmFitKind *kind, const void *patterns, int64 customers, double scale,
			 const double *start, const double *start_hessian)
{
	double		theta[CXM_MODEL_MAX_PARAMS] = {0};	/* every parameter 1 */
	double		params[CXM_MODEL_MAX_PARAMS];
	CxmMleReport report;
	CxmMleOutcome outcome;
	int			k;

	if (start != NULL)
		for (k = 0; k < kind->model->nparams; k++)
			theta[k] = log(start[k]);
	outcome = minimise(kind, patterns, customers, scale, theta, start_hessian, NULL, &report);
	if (start != NULL && outcome != CXM_MLE_CONVERGED)
	{
		/* the start did not lead to a maximum: the fit is the one from every parameter 1 */
		memset(theta, 0, sizeof(theta));
		outcome = minimise(kind, patterns, customers, scale, theta, NULL, NULL, &report);
	}
	switch (outcome)
	{
		case CXM_MLE_NOT_CONVERGED:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s fit did not converge after %d iterations", kind->model_name,
							report.iterations),
					 errdetail("It stopped at %s, where the largest gradient component of the mean "
							   "log-likelihood is %g; a maximum needs less than %g.",
							   parameter_text(kind, theta, scale), report.gradient_max,
							   CXM_MLE_GRADIENT_TOLERANCE),
					 report.out_of_evaluations ?
					 errhint("%s The fit stopped at its budget of %d evaluations of the likelihood "
							 "(and takes at most %d iterations).", kind->not_converged_hint,
							 CXM_MLE_MAX_EVALUATIONS,
							 CXM_MLE_BFGS_MAX_ITERATIONS + CXM_MLE_NEWTON_MAX_ITERATIONS) :
					 errhint("%s", kind->not_converged_hint)));
			break;
		case CXM_MLE_FLAT:
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s fit found no proper maximum", kind->model_name),
					 errdetail("At %s the likelihood is flat in some direction, so the parameters "
							   "are not determined by the data.",
							   parameter_text(kind, theta, scale)),
					 errhint("%s", kind->flat_hint)));
			break;
		case CXM_MLE_CONVERGED:
			break;
	}
	parameters(kind, theta, scale, params);
	return cxm_model_fitted(kind->model, params, kind->log_likelihood(patterns, 1.0, params),
							report.iterations, customers);
}
