/*
 * gammagamma.h: Gamma-Gamma spend predictions from a model argument, for ltv.c (gammagamma.c).
 */
#ifndef CXM_GAMMAGAMMA_H
#define CXM_GAMMAGAMMA_H

#include "cxm.h"

/* p, q, gamma of the gammagamma_model argument argno */
extern void gammagamma_model_params(FunctionCallInfo fcinfo, int argno, double *params);

/*
 * E[mean spend per purchase | frequency, monetary] under Gamma-Gamma parameters params (the
 * population mean for frequency 0, when monetary is ignored); raises the errors of
 * expected_spend().
 */
extern double gammagamma_expected_spend_value(const double *params, double frequency,
											  double monetary);

#endif							/* CXM_GAMMAGAMMA_H */
