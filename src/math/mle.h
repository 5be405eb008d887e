/*
 * mle.h: the maximum-likelihood optimiser shared by the customer-value models (mle.c).
 */
#ifndef CXM_MLE_H
#define CXM_MLE_H

/* the most parameters a model has (BG/NBD and Pareto/NBD have four) */
#define CXM_MLE_MAX_PARAMS 4

/* what is minimised: a smooth O(1) function of theta = log(parameters), e.g. -LL / customers */
typedef double (*CxmObjective) (void *arg, const double *theta);

/*
 * its gradient in theta, written to g; when value is not NULL, also f(theta) (the line search
 * asks for both at each trial point, so a model computes them in one pass over its data)
 */
typedef void (*CxmGradient) (void *arg, const double *theta, double *g, double *value);

typedef enum CxmMleOutcome
{
	CXM_MLE_CONVERGED,			/* gradient below tolerance, curving up in every direction */
	CXM_MLE_NOT_CONVERGED,		/* the gradient did not get below tolerance */
	CXM_MLE_FLAT				/* a stationary point on a ridge: parameters not identified */
} CxmMleOutcome;

/*
 * Minimises f over n <= CXM_MLE_MAX_PARAMS parameters from theta (updated in place): BFGS
 * with a backtracking line search, then Newton steps with a central-difference Hessian.
 * gradient is f's analytic gradient (with f itself when asked), or NULL for central differences
 * of f (8 evaluations of f per gradient for four parameters); the Hessian is central differences
 * of the gradient, and the last Newton step's Hessian also serves the final curvature check.
 * *iterations counts both; *gradient_max is the largest gradient component at the end.
 */
extern CxmMleOutcome cxm_mle_minimise(int n, CxmObjective f, CxmGradient gradient, void *arg,
									  double *theta, int *iterations, double *gradient_max);

/*
 * The budget of one minimisation, so that its cost is bounded by the cost of one evaluation
 * (one pass over the data: a model's distinct patterns) whatever the data: BFGS iterations,
 * Newton iterations, and evaluations of the objective or its gradient (a central-difference
 * gradient counts as its 2n evaluations; a line search's trial points count one each).
 */
#define CXM_MLE_BFGS_MAX_ITERATIONS 300
#define CXM_MLE_NEWTON_MAX_ITERATIONS 20
#define CXM_MLE_MAX_EVALUATIONS 3000

/* what cxm_mle_minimise_report says besides the outcome */
typedef struct CxmMleReport
{
	int			iterations;		/* BFGS and Newton steps taken */
	int			evaluations;	/* passes over the data */
	double		gradient_max;	/* the largest gradient component at the end */
	bool		out_of_evaluations; /* stopped by CXM_MLE_MAX_EVALUATIONS */
} CxmMleReport;

/* cxm_mle_minimise, also saying how many evaluations it took and whether the budget ran out */
extern CxmMleOutcome cxm_mle_minimise_report(int n, CxmObjective f, CxmGradient gradient,
											 void *arg, double *theta, CxmMleReport *report);

/*
 * cxm_mle_minimise_report starting from a known curvature: start_hessian (n x n, row by row)
 * is f's Hessian near theta, e.g. of a related problem solved before, or NULL; BFGS starts from
 * its inverse instead of the identity when it is positive definite. When the outcome is
 * CXM_MLE_CONVERGED and final_hessian is not NULL, the Hessian of the final curvature check is
 * written to it (n x n).
 */
extern CxmMleOutcome cxm_mle_minimise_warm(int n, CxmObjective f, CxmGradient gradient,
										   void *arg, double *theta,
										   const double *start_hessian, double *final_hessian,
										   CxmMleReport *report);

/* every gradient component of the objective below this at a maximum */
#define CXM_MLE_GRADIENT_TOLERANCE 1e-7

#endif							/* CXM_MLE_H */
