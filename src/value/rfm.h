/*
 * rfm.h: the rfm_state type's stored layout and the checks shared by its aggregate support
 * (rfm.c) and its text and binary I/O (rfm_state_io.c). Private to the value area.
 */
#ifndef CXM_RFM_H
#define CXM_RFM_H

#include "cxm.h"

#define RFM_VERSION 2

/*
 * Periods are counted from Monday 2000-01-03 00:00 UTC, so that a period of 1 week is a
 * Monday-to-Sunday week: pandas' weekly periods ('W' = 'W-SUN'), which lifetimes'
 * summary_data_from_transaction_data(freq='W') uses. Days and hours start at UTC midnight and
 * on the hour.
 */
#define RFM_PERIOD_ORIGIN (2 * USECS_PER_DAY)

/* Upper bound on periods per state, so a state stays far below the 1 GB varlena limit. */
#define RFM_MAX_PERIODS 10000000

/* Periods not seen before wait unsorted in a tail of at most this many, then merge in. */
#define RFM_TAIL_MAX 16

/* A state's periods are offsets from its first period, so they span at most this many. */
#define RFM_MAX_SPAN PG_INT32_MAX

/*
 * The state: the parameters, the customer's total spend, the spend in the first period (which
 * the summary leaves out of the mean repeat spend), and the distinct periods with orders.
 * Amounts are summed in double-double, so the totals do not depend on the order orders came
 * in. A summary needs only the count of periods, the first and the last: rfm_summary sorts
 * nothing.
 *
 * periods[] holds each period once, as its offset from the first period (so the first is 0,
 * and a customer's periods may span at most RFM_MAX_SPAN periods: 4,000 years of minutes).
 * Inside an aggregate only the first nsorted are sorted:
 * periods not seen before are appended after them (at most RFM_TAIL_MAX) and then merged in,
 * and there is spare room at the end (VARSIZE covers it, so it survives the executor's
 * copies). Values that leave an aggregate, and every value rfm_arg returns, are sorted and
 * trimmed: nsorted = nperiods, and the state's bytes are canonical.
 *
 * A customer ordering in up to 12 periods fits in 128 bytes, a quarter of what keeping the
 * spend of every period took: the aggregate's memory is one state per customer, and with a
 * million customers held in memory the time goes into touching it.
 */
typedef struct RfmState
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none defined yet; must be 0 */
	uint16		reserved;
	int32		nperiods;
	int32		nsorted;
	TimestampTz calibration_end;
	int64		period_us;		/* period length in microseconds */
	int64		unit_us;		/* unit that recency and age are measured in */
	ExactSum	spend;			/* total of all orders */
	ExactSum	first_spend;	/* total of the orders in the first period */
	int64		first;			/* first period (0 without periods) */
	int32		periods[FLEXIBLE_ARRAY_MEMBER];	/* period - first; a period's index is
												 * floor((time - origin) / period length) */
} RfmState;

#define RFM_HEADER_BYTES offsetof(RfmState, periods)
#define RFM_BYTES(n) (RFM_HEADER_BYTES + (Size) (n) * sizeof(int32))
#define RFM_CAPACITY(s) ((int) ((VARSIZE(s) - RFM_HEADER_BYTES) / sizeof(int32)))

/* NULL when the header h and the sorted distinct periods (absolute numbers) make a valid state,
 * else what is wrong with them, for the error message of an input function */
extern const char *rfm_state_problem(const RfmState *h, const int64 *periods, int n);
/* a new sorted, trimmed state with h's header and the periods (absolute numbers) */
extern RfmState *rfm_state_build(const RfmState *h, const int64 *periods, int n);
/* argument argno as a state; sorted (and trimmed) when sorted is true */
extern RfmState *rfm_arg(FunctionCallInfo fcinfo, int argno, bool sorted);

#endif							/* CXM_RFM_H */
