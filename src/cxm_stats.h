/*
 * cxm_stats.h: probability functions used by cxm's confidence intervals and tests (stats.c).
 */
#ifndef CXM_STATS_H
#define CXM_STATS_H

/* x with P(Z <= x) = p for a standard normal Z; 0 < p < 1. */
extern double cxm_normal_quantile(double p);

/* P(|Z| >= |z|) for a standard normal Z. */
extern double cxm_normal_two_sided_p(double z);

/* t with P(T <= t) = p for Student's t with df > 0 degrees of freedom; 0 < p < 1. */
extern double cxm_student_t_quantile(double p, double df);

#endif							/* CXM_STATS_H */
