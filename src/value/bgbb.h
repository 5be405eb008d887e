/*
 * bgbb.h: what bgbb.c offers ltv.c: BG/BB parameters from a model argument and the expected
 * transactions over the next opportunities.
 */
#ifndef CXM_BGBB_H
#define CXM_BGBB_H

#include "cxm.h"

/* alpha, beta, gamma, delta of the bgbb_model argument argno */
extern void bgbb_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/*
 * E[transactions in opportunities n+1 .. n+horizon | frequency, recency, n] under BG/BB
 * parameters params; raises the errors of expected_transactions() for a bad horizon or
 * customer summary.
 */
extern double bgbb_expected_transactions_value(const double *params, double horizon,
											   double frequency, double recency, double n);

#endif							/* CXM_BGBB_H */
