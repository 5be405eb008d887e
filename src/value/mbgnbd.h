/*
 * mbgnbd.h: what mbgnbd.c offers ltv.c: MBG/NBD parameters from a model argument and the
 * expected purchases over a horizon.
 */
#ifndef CXM_MBGNBD_H
#define CXM_MBGNBD_H

#include "cxm.h"

/* r, alpha, a, b of the mbgnbd_model argument argno */
extern void mbgnbd_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/*
 * E[purchases in (T, T + horizon] | frequency, recency, T] under MBG/NBD parameters params;
 * raises the errors of expected_purchases() for a bad horizon or customer summary.
 */
extern double mbgnbd_expected_purchases_value(const double *params, double horizon,
											  double frequency, double recency, double t);

#endif							/* CXM_MBGNBD_H */
