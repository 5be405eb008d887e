/*
 * bgnbd.h: what bgnbd.c offers the other transaction models and ltv.c: the customer-summary
 * check of the BTYD models, ln(e^x + e^y), and BG/NBD predictions from a model argument.
 */
#ifndef CXM_BGNBD_H
#define CXM_BGNBD_H

#include "cxm.h"

#include <math.h>

/* ln(e^x + e^y) without overflow */
static inline double
log_add_exp(double x, double y)
{
	double		m = Max(x, y);

	if (m == -INFINITY)
		return m;
	return m + log1p(exp(-fabs(x - y)));
}

/*
 * Raises 22023 unless (frequency, recency, T) is a customer summary the transaction models
 * accept (rfm_pattern_problem).
 */
extern void btyd_check_customer(double frequency, double recency, double t);

/* r, alpha, a, b of the bgnbd_model argument argno */
extern void bgnbd_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/*
 * E[purchases in (T, T + horizon] | frequency, recency, T] under BG/NBD parameters params;
 * raises the errors of expected_purchases() for a bad horizon or customer summary.
 */
extern double bgnbd_expected_purchases_value(const double *params, double horizon,
											 double frequency, double recency, double t);

#endif							/* CXM_BGNBD_H */
