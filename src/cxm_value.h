/*
 * cxm_value.h: what the customer-value models share with ltv.c: reading a model argument
 * and evaluating its predictions (bgnbd.c, paretonbd.c, gammagamma.c).
 */
#ifndef CXM_VALUE_H
#define CXM_VALUE_H

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

/* r, alpha, s, beta of the paretonbd_model argument argno */
extern void paretonbd_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/* the same under Pareto/NBD parameters */
extern double paretonbd_expected_purchases_value(const double *params, double horizon,
												 double frequency, double recency, double t);

/* p, q, gamma of the gammagamma_model argument argno */
extern void gammagamma_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/*
 * E[mean spend per purchase | frequency, monetary] under Gamma-Gamma parameters params (the
 * population mean for frequency 0, when monetary is ignored); raises the errors of
 * expected_spend().
 */
extern double gammagamma_expected_spend_value(const double *params, double frequency,
											  double monetary);

#endif							/* CXM_VALUE_H */
