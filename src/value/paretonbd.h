/*
 * paretonbd.h: Pareto/NBD predictions from a model argument, for ltv.c (paretonbd.c).
 */
#ifndef CXM_PARETONBD_H
#define CXM_PARETONBD_H

#include "cxm.h"

/* r, alpha, s, beta of the paretonbd_model argument argno */
extern void paretonbd_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/*
 * E[purchases in (T, T + horizon] | frequency, recency, T] under Pareto/NBD parameters params;
 * raises the errors of expected_purchases() for a bad horizon or customer summary.
 */
extern double paretonbd_expected_purchases_value(const double *params, double horizon,
												 double frequency, double recency, double t);

#endif							/* CXM_PARETONBD_H */
