/*
 * stats.h: probability functions used by cxm's confidence intervals and tests (stats.c).
 */
#ifndef CXM_STATS_H
#define CXM_STATS_H

/* the digamma function (ln Gamma)' for x > 0, to about 1e-12 */
extern double cxm_digamma(double x);

/* x with P(Z <= x) = p for a standard normal Z; 0 < p < 1. */
extern double cxm_normal_quantile(double p);

/* P(|Z| >= |z|) for a standard normal Z. */
extern double cxm_normal_two_sided_p(double z);

/* t with P(T <= t) = p for Student's t with df > 0 degrees of freedom; 0 < p < 1. */
extern double cxm_student_t_quantile(double p, double df);

/* P(|T| >= |t|) for Student's t with df > 0 degrees of freedom. */
extern double cxm_student_t_two_sided_p(double t, double df);

/*
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real a, b, c and 0 <= z < 1
 * (hyp2f1.c). Returns false when it cannot be evaluated: z outside [0, 1), c a non-positive
 * integer, or a series that does not converge in reasonable time.
 */
extern bool cxm_hyp2f1(double a, double b, double c, double z, double *result);

/*
 * cxm_hyp2f1 summing at most max_terms terms of each series it tries (cxm_hyp2f1 allows
 * CXM_HYP2F1_MAX_TERMS, about 0.1 s): a fit that evaluates 2F1 thousands of times bounds each
 * evaluation's cost with a smaller budget.
 */
#define CXM_HYP2F1_MAX_TERMS 20000000
extern bool cxm_hyp2f1_limited(double a, double b, double c, double z, int64 max_terms,
							   double *result);

#endif							/* CXM_STATS_H */
