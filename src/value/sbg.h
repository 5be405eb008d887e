/*
 * sbg.h: sbg_data, what the shifted-beta-geometric (sBG) subscription model is fitted on
 * (sbg_data.c): per tenure k = 1, 2, ..., the customers who were subscribers for k periods
 * and then cancelled (churned), and those in their k-th period and still subscribed (active,
 * censored). These counts are sufficient statistics of the sBG likelihood; the fit and the
 * predictions are in sbg.c.
 */
#ifndef CXM_SBG_H
#define CXM_SBG_H

#include "cxm.h"

#define SBG_DATA_VERSION 1
#define SBG_MAX_PERIODS 100000	/* the longest tenure, in periods */

/*
 * The stored value. counts[2(k-1)] are the customers who churned after k periods,
 * counts[2(k-1) + 1] those active in their k-th period. Inside an aggregate nperiods may
 * exceed the longest tenure (spare room, zeros); every value that leaves an aggregate, and
 * every value the I/O functions make, is trimmed: its last tenure has a customer.
 */
typedef struct SbgData
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none defined yet; must be 0 */
	uint16		reserved;
	int32		nperiods;
	int64		counts[FLEXIBLE_ARRAY_MEMBER];
} SbgData;

#define SBG_DATA_SIZE(n) (offsetof(SbgData, counts) + (Size) (n) * 2 * sizeof(int64))
#define SBG_CHURNED(d, k) ((d)->counts[2 * ((k) - 1)])
#define SBG_ACTIVE(d, k) ((d)->counts[2 * ((k) - 1) + 1])

/* the sbg_data argument argno, its layout checked */
extern SbgData *sbg_data_arg(FunctionCallInfo fcinfo, int argno);
/* the longest tenure with a customer (0 for no customers) */
extern int	sbg_data_length(const SbgData *d);
/* the customers counted (22003 beyond int64) */
extern int64 sbg_data_customers(const SbgData *d);
/* sbg_data of an activity_summary (raises 22023 when the summary's customers lapse and return) */
extern SbgData *sbg_data_of_summary(Datum summary);

#endif							/* CXM_SBG_H */
