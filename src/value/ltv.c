/*
 * ltv.c: ltv_estimate, a customer's discounted expected revenue over a horizon from a
 * transaction model (BG/NBD, MBG/NBD, Pareto/NBD, or BG/BB with one step per transaction
 * opportunity) and a spend model (Gamma-Gamma), in steps of the customer summary's time unit.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"

#include "bgbb.h"
#include "bgnbd.h"
#include "gammagamma.h"
#include "mbgnbd.h"
#include "paretonbd.h"

/* the longest horizon, in time units: one prediction per unit, so cost grows with it */
#define LTV_MAX_UNITS 10000

/*
 * ltv_estimate(model, gg, frequency, recency, age, monetary, horizon, discount_rate_per_unit)
 *   = sum_{i=1..H} [E X(i) - E X(i-1)] * E[spend] / (1 + d)^i
 * where E X(t) is expected_purchases(model, t, frequency, recency, age), E[spend] is
 * expected_spend(gg, frequency, monetary): the purchases expected in the i-th unit after T (the
 * customer's age),
 * valued at the expected spend and discounted to T at the end of their unit (lifetimes'
 * customer_lifetime_value with one step per time unit). Not strict in monetary, like
 * expected_spend: customers without repeat purchases have none.
 */
typedef double (*ExpectedPurchases) (const double *params, double horizon, double frequency,
									 double recency, double t);

static Datum
ltv_estimate(FunctionCallInfo fcinfo, ExpectedPurchases expected_purchases,
			 void (*model_params) (FunctionCallInfo, int, double *))
{
	double		tm[4],
				gg[3];
	double		frequency,
				recency,
				t,
				monetary,
				horizon,
				rate;
	double		spend,
				previous = 0,
				discount = 1,
				total = 0;
	int			i,
				k;

	for (k = 0; k < 8; k++)
		if (PG_ARGISNULL(k) && !(k == 5 && !PG_ARGISNULL(2) && PG_GETARG_FLOAT8(2) == 0))
			PG_RETURN_NULL();
	frequency = PG_GETARG_FLOAT8(2);
	recency = PG_GETARG_FLOAT8(3);
	t = PG_GETARG_FLOAT8(4);
	monetary = PG_ARGISNULL(5) ? 0 : PG_GETARG_FLOAT8(5);
	horizon = PG_GETARG_FLOAT8(6);
	rate = PG_GETARG_FLOAT8(7);

	if (!(horizon >= 1 && horizon <= LTV_MAX_UNITS && horizon == floor(horizon)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("horizon %g is not allowed", horizon),
				 errhint("The horizon is a whole number of the customer summary's time units "
						 "(the unit of recency and age) from 1 to %d: 52 for a year when they are "
						 "weeks, 365 when they are days.", LTV_MAX_UNITS)));
	if (!(rate >= 0 && rate < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("discount_rate_per_unit %g is not allowed", rate),
				 errhint("discount_rate_per_unit is the discount rate for one time unit of the "
						 "customer summary, from 0 to below 1 (0.01 is 1%%): for an annual rate of "
						 "10%% with weekly units pass power(1.10, 1/52.0) - 1.")));

	model_params(fcinfo, 0, tm);
	gammagamma_model_params(fcinfo, 1, gg);
	spend = gammagamma_expected_spend_value(gg, frequency, monetary);
	for (i = 1; i <= (int) horizon; i++)
	{
		double		cumulative = expected_purchases(tm, i, frequency, recency, t);

		CHECK_FOR_INTERRUPTS();
		discount /= 1 + rate;
		total += (cumulative - previous) * discount;
		previous = cumulative;
	}
	PG_RETURN_FLOAT8(total * spend);
}

PG_FUNCTION_INFO_V1(ltv_estimate_bgnbd);
Datum
ltv_estimate_bgnbd(PG_FUNCTION_ARGS)
{
	return ltv_estimate(fcinfo, bgnbd_expected_purchases_value, bgnbd_model_params);
}

PG_FUNCTION_INFO_V1(ltv_estimate_paretonbd);
Datum
ltv_estimate_paretonbd(PG_FUNCTION_ARGS)
{
	return ltv_estimate(fcinfo, paretonbd_expected_purchases_value, paretonbd_model_params);
}

PG_FUNCTION_INFO_V1(ltv_estimate_mbgnbd);
Datum
ltv_estimate_mbgnbd(PG_FUNCTION_ARGS)
{
	return ltv_estimate(fcinfo, mbgnbd_expected_purchases_value, mbgnbd_model_params);
}

/* BG/BB: the time unit is one transaction opportunity, the age n_opportunities */
PG_FUNCTION_INFO_V1(ltv_estimate_bgbb);
Datum
ltv_estimate_bgbb(PG_FUNCTION_ARGS)
{
	return ltv_estimate(fcinfo, bgbb_expected_transactions_value, bgbb_model_params);
}
