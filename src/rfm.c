/*
 * rfm.c: a customer's orders summarised the way buy-till-you-die models (BG/NBD, Pareto/NBD,
 * Gamma-Gamma) read them: frequency, recency, T and monetary value. Holds the rfm_state type
 * (the customer's spend per period, mergeable), its aggregate support, text and binary I/O,
 * and rfm_segment, which names the usual segments of 1-5 R, F and M scores.
 */
#include "cxm.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#define RFM_VERSION 1

/*
 * Periods are counted from Monday 2000-01-03 00:00 UTC, so that a period of 1 week is a
 * Monday-to-Sunday week: pandas' weekly periods ('W' = 'W-SUN'), which lifetimes'
 * summary_data_from_transaction_data(freq='W') uses. Days and hours start at UTC midnight and
 * on the hour.
 */
#define RFM_PERIOD_ORIGIN (2 * USECS_PER_DAY)

/* A customer's spend in one period. */
typedef struct RfmPeriod
{
	int64		period;			/* index: floor((time - origin) / period length) */
	ExactSum	amount;			/* total of the orders in the period */
} RfmPeriod;

/* Upper bound on periods per state, so a state stays far below the 1 GB varlena limit. */
#define RFM_MAX_PERIODS 10000000

/*
 * The state: the parameters and the customer's periods with orders, sorted by index, each
 * once. Inside an aggregate only the first nsorted are: periods not seen before are appended
 * after them and merged in batches (orders arriving out of time order would otherwise cost
 * O(n) each), and there is spare room at the end (VARSIZE covers it, so it survives the
 * executor's copies). Values that leave an aggregate, and every value rfm_arg returns, are
 * merged and trimmed: nsorted = nperiods.
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
	int64		unit_us;		/* unit that recency and T are measured in */
	RfmPeriod	periods[FLEXIBLE_ARRAY_MEMBER];
} RfmState;

#define RFM_HEADER_BYTES offsetof(RfmState, periods)
#define RFM_BYTES(n) (RFM_HEADER_BYTES + (Size) (n) * sizeof(RfmPeriod))
#define RFM_CAPACITY(s) ((int) ((VARSIZE(s) - RFM_HEADER_BYTES) / sizeof(RfmPeriod)))

/* floor(a / b) for b > 0 */
static inline int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b != 0 && a < 0) ? q - 1 : q;
}

static inline int64
period_index(TimestampTz t, int64 period_us)
{
	return floor_div(t - RFM_PERIOD_ORIGIN, period_us);
}

static char *
interval_text(Interval *iv)
{
	return DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(iv)));
}

/* A period or unit argument as microseconds: fixed length and positive. */
static int64
duration_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	Interval   *iv;
	int64		us;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM %s must not be NULL", what),
				 errhint("Pass a positive fixed-length interval such as '1 week' or '1 day'.")));
	iv = PG_GETARG_INTERVAL_P(argno);
	if (iv->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM %s \"%s\" has months or years, which vary in length", what,
						interval_text(iv)),
				 errhint("Use a fixed-length interval of weeks, days, hours, minutes or seconds, "
						 "e.g. '1 week', '7 days' or '30 days' instead of '1 month'.")));
	if (pg_mul_s64_overflow((int64) iv->day, USECS_PER_DAY, &us) ||
		pg_add_s64_overflow(us, iv->time, &us) || us <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM %s \"%s\" is not a positive length of time", what, interval_text(iv)),
				 errhint("Pass a positive fixed-length interval such as '1 week' or '1 day'.")));
	return us;
}

static TimestampTz
calibration_end_arg(FunctionCallInfo fcinfo, int argno)
{
	TimestampTz t;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM calibration end must not be NULL"),
				 errhint("Pass the end of the observation (calibration) period, a finite timestamptz.")));
	t = PG_GETARG_TIMESTAMPTZ(argno);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM calibration end %s is not finite", TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity"),
				 errhint("Pass the end of the observation (calibration) period, a finite timestamptz.")));
	return t;
}

/* The order amount as a double; NaN and infinities are refused. */
static double
amount_arg(FunctionCallInfo fcinfo, int argno)
{
	Numeric		num;
	double		amount;

	/* amounts of up to 15 significant digits, without a text round trip */
	if (cxm_numeric_to_double(PG_GETARG_DATUM(argno), &amount))
		return amount;
	num = PG_GETARG_NUMERIC(argno);

	/* numeric infinities exist from PostgreSQL 14 on; they become +-HUGE_VAL below */
#if PG_VERSION_NUM >= 140000
	if (numeric_is_nan(num) || numeric_is_inf(num))
#else
	if (numeric_is_nan(num))
#endif
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order amount %s is not a finite number",
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)))),
				 errhint("Amounts are finite numbers; skip orders without an amount with NULL.")));
	/* huge values become +-HUGE_VAL here */
	amount = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, NumericGetDatum(num)));
	if (isinf(amount))
	{
		char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));

		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("order amount %s is out of range", cxm_quote_value(text, strlen(text))),
				 errhint("Amounts up to 1e308 in absolute value are supported.")));
	}
	return amount;
}

static char *
duration_text(int64 us)
{
	Interval	iv;

	iv.month = 0;
	iv.day = (int32) (us / USECS_PER_DAY);
	iv.time = us % USECS_PER_DAY;
	return interval_text(&iv);
}

/* Raises message (naming what differs) unless a has these parameters. */
static void
check_same_parameters(const RfmState *a, TimestampTz calibration_end, int64 period_us,
					  int64 unit_us, const char *message)
{
	if (a->calibration_end != calibration_end || a->period_us != period_us ||
		a->unit_us != unit_us)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", message),
				 errdetail("One has calibration end %s, period \"%s\" and unit \"%s\"; "
						   "the other %s, \"%s\" and \"%s\".",
						   pstrdup(timestamptz_to_str(a->calibration_end)),
						   duration_text(a->period_us), duration_text(a->unit_us),
						   pstrdup(timestamptz_to_str(calibration_end)),
						   duration_text(period_us), duration_text(unit_us)),
				 errhint("Summarise each customer with one calibration end, period and unit.")));
}

/* A state with room for capacity periods, in the given memory context. */
static RfmState *
rfm_state_new(MemoryContext context, int capacity, TimestampTz calibration_end,
			  int64 period_us, int64 unit_us)
{
	RfmState   *s = MemoryContextAllocZero(context, RFM_BYTES(capacity));

	SET_VARSIZE(s, RFM_BYTES(capacity));
	s->version = RFM_VERSION;
	s->calibration_end = calibration_end;
	s->period_us = period_us;
	s->unit_us = unit_us;
	return s;
}

/*
 * Room for at least n periods, rounded up so that the state fills its power-of-two allocation
 * chunk: a new state holds 8 periods in 256 bytes, and each growth doubles the chunk. Most
 * customers order in a few periods, and the aggregate's memory is one state per customer.
 */
static int
rfm_capacity_for(int64 n)
{
	Size		size = 64;

	n = Min(n, RFM_MAX_PERIODS);
	while (size < RFM_BYTES(n))
		size *= 2;
	return (int) Min((size - RFM_HEADER_BYTES) / sizeof(RfmPeriod), RFM_MAX_PERIODS);
}

static void
check_period_count(int64 n)
{
	if (n > RFM_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("RFM state would hold " INT64_FORMAT " periods, more than the limit of %d",
						n, RFM_MAX_PERIODS),
				 errhint("Summarise one customer per state (GROUP BY customer), or use a longer period.")));
}

/* Index of the first of the sorted periods >= p (binary search). */
static int
rfm_find(const RfmState *s, int64 p)
{
	int			lo = 0,
				hi = s->nsorted;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (s->periods[mid].period < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
period_qsort_cmp(const void *a, const void *b)
{
	int64		pa = ((const RfmPeriod *) a)->period;
	int64		pb = ((const RfmPeriod *) b)->period;

	return pa < pb ? -1 : (pa > pb ? 1 : 0);
}

/*
 * Sorts the periods appended after the sorted ones and merges them in, adding up the amounts
 * of equal periods (exactly, so the order they came in does not matter), in place.
 */
static void
rfm_merge_unsorted(RfmState *s)
{
	RfmPeriod  *tail = s->periods + s->nsorted;
	int			ntail = s->nperiods - s->nsorted;
	RfmPeriod	small[32];		/* a typical customer's periods: no allocation */
	RfmPeriod  *merged;
	int			i = 0,
				j = 0,
				n = 0;

	if (ntail == 0)
		return;
	if (ntail <= 16)
	{
		/* insertion sort: a few periods sort faster without qsort's calls */
		for (i = 1; i < ntail; i++)
		{
			RfmPeriod	x = tail[i];

			for (j = i; j > 0 && tail[j - 1].period > x.period; j--)
				tail[j] = tail[j - 1];
			tail[j] = x;
		}
		i = j = 0;
	}
	else
		qsort(tail, ntail, sizeof(RfmPeriod), period_qsort_cmp);
	merged = s->nperiods <= lengthof(small) ? small : palloc(s->nperiods * sizeof(RfmPeriod));
	while (i < s->nsorted || j < ntail)
	{
		const RfmPeriod *next;

		if (j == ntail || (i < s->nsorted && s->periods[i].period <= tail[j].period))
			next = &s->periods[i++];
		else
			next = &tail[j++];
		if (n > 0 && merged[n - 1].period == next->period)
		{
			cxm_exact_add(&merged[n - 1].amount, next->amount.hi);
			cxm_exact_add(&merged[n - 1].amount, next->amount.lo);
		}
		else
			merged[n++] = *next;
	}
	memcpy(s->periods, merged, n * sizeof(RfmPeriod));
	if (merged != small)
		pfree(merged);
	s->nperiods = s->nsorted = n;
}

/*
 * rfm_state(ordered_at, amount, calibration_end, period [, unit]): transition of the
 * rfm_summary and rfm_state aggregates. Rows with a NULL time or amount are skipped, and so
 * are orders in periods after the one calibration_end falls in. Updates the state in place
 * while it has room; when it grows, a copy with about twice the room is returned (the executor
 * then keeps that one and frees the old).
 */
PG_FUNCTION_INFO_V1(rfm_state_trans);
Datum
rfm_state_trans(PG_FUNCTION_ARGS)
{
	RfmState   *s = PG_ARGISNULL(0) ? NULL : (RfmState *) PG_GETARG_POINTER(0);
	TimestampTz calibration_end = calibration_end_arg(fcinfo, 3);
	int64		period_us = duration_arg(fcinfo, 4, "period");
	int64		unit_us = PG_NARGS() > 5 ? duration_arg(fcinfo, 5, "unit") : period_us;
	TimestampTz ordered_at;
	double		amount;
	int64		p;
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "rfm_state_trans called in non-aggregate context");

	if (s == NULL)
		/* new and grown states are made in the per-call context: the executor copies a
		 * returned new state into the aggregate context and frees the old one */
		s = rfm_state_new(CurrentMemoryContext, rfm_capacity_for(4), calibration_end,
						  period_us, unit_us);
	else
		check_same_parameters(s, calibration_end, period_us, unit_us,
							  "RFM parameters changed within one aggregate");

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(s);
	ordered_at = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(ordered_at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order time %s is not finite", TIMESTAMP_IS_NOBEGIN(ordered_at) ? "-infinity" : "infinity"),
				 errhint("Order times are finite timestamptz values.")));
	amount = amount_arg(fcinfo, 2);

	p = period_index(ordered_at, period_us);
	if (p > period_index(calibration_end, period_us))
		PG_RETURN_POINTER(s);	/* after the calibration period */

	i = rfm_find(s, p);
	if (i < s->nsorted && s->periods[i].period == p)
	{
		cxm_exact_add(&s->periods[i].amount, amount);
		PG_RETURN_POINTER(s);
	}
	if (s->nperiods == RFM_CAPACITY(s))
	{
		/* merge the new periods in; grow when that frees less than half of the room */
		rfm_merge_unsorted(s);
		if (s->nperiods > RFM_CAPACITY(s) / 2 && RFM_CAPACITY(s) < RFM_MAX_PERIODS)
		{
			RfmState   *grown = rfm_state_new(CurrentMemoryContext,
											  rfm_capacity_for(2 * (int64) RFM_CAPACITY(s)),
											  calibration_end, period_us, unit_us);

			grown->nperiods = grown->nsorted = s->nperiods;
			memcpy(grown->periods, s->periods, s->nperiods * sizeof(RfmPeriod));
			s = grown;
		}
		if (s->nperiods == RFM_CAPACITY(s))
			check_period_count((int64) s->nperiods + 1);
	}
	i = s->nperiods++;
	s->periods[i].period = p;
	s->periods[i].amount.hi = amount;
	s->periods[i].amount.lo = 0;
	PG_RETURN_POINTER(s);
}

/* ---- reading and checking states ---------------------------------------------------------- */

/* NULL when s is a state this release can have written, otherwise what is wrong. */
static const char *
rfm_state_problem(const RfmState *s)
{
	int64		last;
	int			i;

	if (s->version != RFM_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						s->version, RFM_VERSION);
	if (s->flags != 0)
		return psprintf("unknown flags 0x%02x", s->flags);
	if (s->period_us <= 0 || s->unit_us <= 0)
		return "the period and the unit must be positive";
	if (TIMESTAMP_NOT_FINITE(s->calibration_end) || !IS_VALID_TIMESTAMP(s->calibration_end))
		return "the calibration end must be a finite timestamp";
	if (s->nperiods < 0 || s->nperiods > RFM_MAX_PERIODS)
		return psprintf("period count %d is out of range", s->nperiods);
	last = period_index(s->calibration_end, s->period_us);
	for (i = 0; i < s->nperiods; i++)
	{
		const RfmPeriod *e = &s->periods[i];

		if (i > 0 && e->period <= s->periods[i - 1].period)
			return "periods must be in strictly increasing order";
		if (e->period < period_index(MIN_TIMESTAMP, s->period_us))
			return psprintf("period " INT64_FORMAT " is before the earliest timestamp", e->period);
		if (e->period > last)
			return psprintf("period " INT64_FORMAT " is after the calibration end's period "
							INT64_FORMAT, e->period, last);
		if (!isfinite(e->amount.hi) || !isfinite(e->amount.lo))
			return "amounts must be finite";
		if (e->amount.hi + e->amount.lo != e->amount.hi)
			return "an amount residual is larger than the rounding error of its amount";
	}
	return NULL;
}

static RfmState *
rfm_arg(FunctionCallInfo fcinfo, int argno)
{
	RfmState   *s = (RfmState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < RFM_HEADER_BYTES || s->version != RFM_VERSION ||
		s->nperiods < 0 || s->nperiods > RFM_CAPACITY(s) ||
		s->nsorted < 0 || s->nsorted > s->nperiods)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("rfm_state has an unsupported format (version %d)", s->version)));
	if (s->nsorted < s->nperiods)
	{
		/* an aggregate's state: merge a copy, the state itself is not ours to change */
		RfmState   *copy = palloc(RFM_BYTES(s->nperiods));

		memcpy(copy, s, RFM_BYTES(s->nperiods));
		SET_VARSIZE(copy, RFM_BYTES(s->nperiods));
		rfm_merge_unsorted(copy);
		s = copy;
	}
	return s;
}

/* A copy of s without spare room, in the current memory context. */
static RfmState *
rfm_state_trimmed(const RfmState *s)
{
	RfmState   *copy = palloc(RFM_BYTES(s->nperiods));

	memcpy(copy, s, RFM_BYTES(s->nperiods));
	SET_VARSIZE(copy, RFM_BYTES(s->nperiods));
	return copy;
}

/*
 * Combine function, and the transition of rollup(rfm_state): strict, so the executor copies
 * the first state into the aggregate context. Periods both states have add up in place;
 * new periods need a merged copy.
 */
PG_FUNCTION_INFO_V1(rfm_state_combine);
Datum
rfm_state_combine(PG_FUNCTION_ARGS)
{
	RfmState   *a = rfm_arg(fcinfo, 0);
	RfmState   *b = rfm_arg(fcinfo, 1);
	RfmState   *merged;
	int			i,
				j,
				n;
	int64		union_count = 0;

	check_same_parameters(a, b->calibration_end, b->period_us, b->unit_us,
						  "cannot combine RFM states with different parameters");

	for (i = 0, j = 0; i < a->nperiods || j < b->nperiods; union_count++)
	{
		if (j == b->nperiods || (i < a->nperiods && a->periods[i].period < b->periods[j].period))
			i++;
		else if (i == a->nperiods || b->periods[j].period < a->periods[i].period)
			j++;
		else
			i++, j++;
	}
	check_period_count(union_count);

	if (union_count == a->nperiods && AggCheckCallContext(fcinfo, NULL) &&
		(Pointer) a == PG_GETARG_POINTER(0))
	{
		/* every period of b is in a: add in place */
		for (j = 0; j < b->nperiods; j++)
		{
			RfmPeriod  *e = &a->periods[rfm_find(a, b->periods[j].period)];

			cxm_exact_add(&e->amount, b->periods[j].amount.hi);
			cxm_exact_add(&e->amount, b->periods[j].amount.lo);
		}
		PG_RETURN_POINTER(a);
	}

	merged = rfm_state_new(CurrentMemoryContext, (int) union_count, a->calibration_end,
						   a->period_us, a->unit_us);
	for (i = 0, j = 0, n = 0; i < a->nperiods || j < b->nperiods; n++)
	{
		RfmPeriod  *e = &merged->periods[n];

		if (j == b->nperiods || (i < a->nperiods && a->periods[i].period < b->periods[j].period))
			*e = a->periods[i++];
		else if (i == a->nperiods || b->periods[j].period < a->periods[i].period)
			*e = b->periods[j++];
		else
		{
			*e = a->periods[i++];
			cxm_exact_add(&e->amount, b->periods[j].amount.hi);
			cxm_exact_add(&e->amount, b->periods[j].amount.lo);
			j++;
		}
	}
	merged->nperiods = merged->nsorted = n;
	PG_RETURN_POINTER(merged);
}

/* Final function of the rfm_state and rollup aggregates: the state without spare room. */
PG_FUNCTION_INFO_V1(rfm_state_final);
Datum
rfm_state_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(rfm_state_trimmed(rfm_arg(fcinfo, 0)));
}

/*
 * rfm_summary(state) -> (frequency, recency, t, monetary), also the final function of the
 * rfm_summary aggregate. NULL without orders in the calibration period.
 */
PG_FUNCTION_INFO_V1(rfm_state_summary);
Datum
rfm_state_summary(PG_FUNCTION_ARGS)
{
	RfmState   *s;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	int64		first,
				last,
				end;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = rfm_arg(fcinfo, 0);
	if (s->nperiods == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "rfm_summary must return a composite type");
	desc = BlessTupleDesc(desc);

	first = s->periods[0].period;
	last = s->periods[s->nperiods - 1].period;
	end = period_index(s->calibration_end, s->period_us);
	values[0] = Float8GetDatum((double) (s->nperiods - 1));
	if (s->period_us == s->unit_us)
	{
		values[1] = Float8GetDatum((double) (last - first));
		values[2] = Float8GetDatum((double) (end - first));
	}
	else
	{
		/* periods x period length / unit: one rounding while the products are exact */
		values[1] = Float8GetDatum((double) (last - first) * (double) s->period_us / (double) s->unit_us);
		values[2] = Float8GetDatum((double) (end - first) * (double) s->period_us / (double) s->unit_us);
	}
	if (s->nperiods > 1)
	{
		ExactSum	total = {0, 0};
		int			i;

		/* the first period is the customer's acquisition, not a repeat purchase */
		for (i = 1; i < s->nperiods; i++)
		{
			cxm_exact_add(&total, s->periods[i].amount.hi);
			cxm_exact_add(&total, s->periods[i].amount.lo);
		}
		values[3] = Float8GetDatum((total.hi + total.lo) / (double) (s->nperiods - 1));
	}
	else
		nulls[3] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/* rfm_state = rfm_state: same parameters and the same spend per period, to the last bit */
PG_FUNCTION_INFO_V1(rfm_state_eq);
Datum
rfm_state_eq(PG_FUNCTION_ARGS)
{
	RfmState   *a = rfm_arg(fcinfo, 0);
	RfmState   *b = rfm_arg(fcinfo, 1);

	PG_RETURN_BOOL(a->calibration_end == b->calibration_end && a->period_us == b->period_us &&
				   a->unit_us == b->unit_us && a->nperiods == b->nperiods &&
				   memcmp(a->periods, b->periods, a->nperiods * sizeof(RfmPeriod)) == 0);
}

PG_FUNCTION_INFO_V1(rfm_state_ne);
Datum
rfm_state_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(rfm_state_eq(fcinfo)));
}

/* ---- text I/O ------------------------------------------------------------------------------
 * {"version": 1, "calibration_end_us": N, "period_us": N, "unit_us": N,
 *  "periods": [[index, amount], [index, amount, residual], ...]}
 * Times are microseconds since 2000-01-01 00:00 UTC (timestamptz's own representation), so
 * the text is exact and independent of DateStyle, IntervalStyle and TimeZone.
 */

static void
append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

PG_FUNCTION_INFO_V1(rfm_state_out);
Datum
rfm_state_out(PG_FUNCTION_ARGS)
{
	RfmState   *s = rfm_arg(fcinfo, 0);
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"calibration_end_us\": " INT64_FORMAT
					 ", \"period_us\": " INT64_FORMAT ", \"unit_us\": " INT64_FORMAT
					 ", \"periods\": [", s->version, s->calibration_end, s->period_us,
					 s->unit_us);
	for (i = 0; i < s->nperiods; i++)
	{
		appendStringInfo(&out, "%s[" INT64_FORMAT ", ", i > 0 ? ", " : "", s->periods[i].period);
		append_double(&out, s->periods[i].amount.hi);
		if (s->periods[i].amount.lo != 0)
		{
			appendStringInfoString(&out, ", ");
			append_double(&out, s->periods[i].amount.lo);
		}
		appendStringInfoChar(&out, ']');
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

typedef struct RfmParser
{
	const char *p;
	char	   *problem;
} RfmParser;

static void
skip_space(RfmParser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

/* Consumes c (after white space) if it is next. */
static bool
accept_char(RfmParser *ps, char c)
{
	skip_space(ps);
	if (*ps->p != c)
		return false;
	ps->p++;
	return true;
}

static bool
expect_char(RfmParser *ps, char c)
{
	if (accept_char(ps, c))
		return true;
	ps->problem = *ps->p
		? psprintf("expected \"%c\" at \"%s\"", c, cxm_quote_value(ps->p, strlen(ps->p)))
		: psprintf("expected \"%c\" at the end", c);
	return false;
}

static bool
parse_integer(RfmParser *ps, int64 *value)
{
	char	   *end;

	skip_space(ps);
	errno = 0;
	*value = strtoll(ps->p, &end, 10);
	if (end == ps->p || errno == ERANGE || *end == '.' || *end == 'e' || *end == 'E')
	{
		ps->problem = psprintf("expected a whole number at \"%s\"",
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	ps->p = end;
	return true;
}

static bool
parse_double(RfmParser *ps, double *value)
{
	const char *q;
	char	   *end;

	skip_space(ps);
	/* JSON numbers only: strtod would also take "nan", "inf" and hex */
	q = ps->p + (*ps->p == '-');
	if (!(*q >= '0' && *q <= '9'))
	{
		ps->problem = psprintf("expected a number at \"%s\"", cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	errno = 0;
	*value = strtod(ps->p, &end);
	if (errno == ERANGE && isinf(*value))
	{
		ps->problem = psprintf("number \"%s\" is out of range", cxm_quote_value(ps->p, end - ps->p));
		return false;
	}
	*value += 0.0;				/* -0 reads as 0, as in binary input */
	ps->p = end;
	return true;
}

/* Parses "[[index, amount(, residual)], ...]" into *s, growing it as needed. */
static bool
parse_periods(RfmParser *ps, RfmState **s)
{
	if (!expect_char(ps, '['))
		return false;
	if (accept_char(ps, ']'))
		return true;
	do
	{
		RfmPeriod  *e;

		if ((*s)->nperiods == RFM_MAX_PERIODS)
		{
			ps->problem = psprintf("more than %d periods", RFM_MAX_PERIODS);
			return false;
		}
		if ((*s)->nperiods == RFM_CAPACITY(*s))
		{
			int			capacity = Min(2 * (*s)->nperiods, RFM_MAX_PERIODS);

			*s = repalloc(*s, RFM_BYTES(capacity));
			SET_VARSIZE(*s, RFM_BYTES(capacity));
		}
		e = &(*s)->periods[(*s)->nperiods++];
		e->amount.lo = 0;
		if (!expect_char(ps, '[') || !parse_integer(ps, &e->period) ||
			!expect_char(ps, ',') || !parse_double(ps, &e->amount.hi))
			return false;
		if (accept_char(ps, ',') && !parse_double(ps, &e->amount.lo))
			return false;
		if (!expect_char(ps, ']'))
			return false;
	} while (accept_char(ps, ','));
	return expect_char(ps, ']');
}

enum rfm_key
{
	KEY_VERSION, KEY_CALIBRATION_END, KEY_PERIOD, KEY_UNIT, KEY_PERIODS, NUM_KEYS
};
static const char *const rfm_keys[NUM_KEYS] = {
	"version", "calibration_end_us", "period_us", "unit_us", "periods"
};

static bool
parse_state(RfmParser *ps, RfmState **s)
{
	bool		seen[NUM_KEYS] = {false};
	int			k;

	if (!expect_char(ps, '{'))
		return false;
	do
	{
		const char *key;
		int			key_len;
		int64		value = 0;

		if (!expect_char(ps, '"'))
			return false;
		key = ps->p;
		while (*ps->p && *ps->p != '"')
			ps->p++;
		key_len = ps->p - key;
		if (!expect_char(ps, '"') || !expect_char(ps, ':'))
			return false;
		for (k = 0; k < NUM_KEYS; k++)
			if (strlen(rfm_keys[k]) == key_len && strncmp(rfm_keys[k], key, key_len) == 0)
				break;
		if (k == NUM_KEYS)
		{
			ps->problem = psprintf("unknown key \"%s\"", cxm_quote_value(key, key_len));
			return false;
		}
		if (seen[k])
		{
			ps->problem = psprintf("key \"%s\" appears twice", rfm_keys[k]);
			return false;
		}
		seen[k] = true;
		if (k == KEY_PERIODS)
		{
			if (!parse_periods(ps, s))
				return false;
			continue;
		}
		if (!parse_integer(ps, &value))
			return false;
		switch (k)
		{
			case KEY_VERSION:
				if (value < 0 || value > 255)
				{
					ps->problem = psprintf("version " INT64_FORMAT " is not supported", value);
					return false;
				}
				(*s)->version = (uint8) value;
				break;
			case KEY_CALIBRATION_END:
				(*s)->calibration_end = value;
				break;
			case KEY_PERIOD:
				(*s)->period_us = value;
				break;
			case KEY_UNIT:
				(*s)->unit_us = value;
				break;
		}
	} while (accept_char(ps, ','));
	if (!expect_char(ps, '}'))
		return false;
	skip_space(ps);
	if (*ps->p != '\0')
	{
		ps->problem = psprintf("unexpected text after the document: \"%s\"",
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	for (k = 0; k < NUM_KEYS; k++)
		if (!seen[k])
		{
			ps->problem = psprintf("key \"%s\" is missing", rfm_keys[k]);
			return false;
		}
	return true;
}

PG_FUNCTION_INFO_V1(rfm_state_in);
Datum
rfm_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RfmState   *s = palloc0(RFM_BYTES(4));
	RfmParser	ps = {input, NULL};
	const char *problem;

	SET_VARSIZE(s, RFM_BYTES(4));
	if (!parse_state(&ps, &s))
		problem = ps.problem;
	else
	{
		s->nsorted = s->nperiods;
		problem = rfm_state_problem(s);
	}
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rfm_state: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The state is invalid: %s.", problem),
				 errhint("Write rfm_state values as {\"version\": 1, \"calibration_end_us\": N, "
						 "\"period_us\": N, \"unit_us\": N, \"periods\": [[index, amount], ...]} "
						 "with positive lengths and increasing period indexes.")));
	PG_RETURN_POINTER(rfm_state_trimmed(s));
}

/* ---- binary I/O ----------------------------------------------------------------------------
 * int8 version, int8 flags, int64 calibration end, int64 period, int64 unit (microseconds),
 * int32 count, then per period int64 index, float8 amount, float8 amount residual.
 */

PG_FUNCTION_INFO_V1(rfm_state_send);
Datum
rfm_state_send(PG_FUNCTION_ARGS)
{
	RfmState   *s = rfm_arg(fcinfo, 0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint64(&buf, s->calibration_end);
	pq_sendint64(&buf, s->period_us);
	pq_sendint64(&buf, s->unit_us);
	pq_sendint32(&buf, s->nperiods);
	for (i = 0; i < s->nperiods; i++)
	{
		pq_sendint64(&buf, s->periods[i].period);
		pq_sendfloat8(&buf, s->periods[i].amount.hi);
		pq_sendfloat8(&buf, s->periods[i].amount.lo);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_check(StringInfo buf, int64 needed)
{
	if (buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary rfm_state is truncated: " INT64_FORMAT " more bytes needed, %d remain",
						needed, buf->len - buf->cursor)));
}

PG_FUNCTION_INFO_V1(rfm_state_recv);
Datum
rfm_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RfmState	header;
	RfmState   *s;
	const char *problem;
	int			i;

	memset(&header, 0, sizeof(header));
	recv_check(buf, 30);
	header.version = pq_getmsgbyte(buf);
	header.flags = pq_getmsgbyte(buf);
	header.calibration_end = pq_getmsgint64(buf);
	header.period_us = pq_getmsgint64(buf);
	header.unit_us = pq_getmsgint64(buf);
	header.nperiods = (int32) pq_getmsgint(buf, 4);
	header.nsorted = header.nperiods;
	if (header.nperiods < 0 || header.nperiods > RFM_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rfm_state: period count %d is out of range",
						header.nperiods)));
	recv_check(buf, (int64) header.nperiods * 24);
	s = palloc(RFM_BYTES(header.nperiods));
	memcpy(s, &header, RFM_HEADER_BYTES);
	SET_VARSIZE(s, RFM_BYTES(header.nperiods));
	for (i = 0; i < s->nperiods; i++)
	{
		s->periods[i].period = pq_getmsgint64(buf);
		s->periods[i].amount.hi = cxm_getmsgfloat8(buf);
		s->periods[i].amount.lo = cxm_getmsgfloat8(buf);
	}
	problem = rfm_state_problem(s);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rfm_state: %s", problem)));
	PG_RETURN_POINTER(s);
}

/* ---- rfm_segment ---------------------------------------------------------------------------- */

/*
 * Segments on the recency score R and the rounded mean of the frequency and monetary scores,
 * FM = (F + M + 1) / 2 (half up). Every one of the 125 score combinations has exactly one
 * segment; the table is the usual R x FM grid (rows R = 1..5, columns FM = 1..5).
 */
static const char *const rfm_segment_grid[5][5] = {
	/* R = 1 */ {"Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
	/* R = 2 */ {"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
	/* R = 3 */ {"About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"},
	/* R = 4 */ {"Promising", "Potential Loyalist", "Potential Loyalist", "Loyal Customers", "Loyal Customers"},
	/* R = 5 */ {"New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"},
};

static int
score_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	int32		score = PG_GETARG_INT32(argno);

	if (score < 1 || score > 5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM %s score %d is out of range", what, score),
				 errhint("RFM scores are whole numbers from 1 (worst) to 5 (best), such as "
						 "quintiles from ntile(5).")));
	return score;
}

PG_FUNCTION_INFO_V1(rfm_segment);
Datum
rfm_segment(PG_FUNCTION_ARGS)
{
	int			r = score_arg(fcinfo, 0, "recency");
	int			f = score_arg(fcinfo, 1, "frequency");
	int			m = score_arg(fcinfo, 2, "monetary");
	int			fm = (f + m + 1) / 2;

	PG_RETURN_TEXT_P(cstring_to_text(rfm_segment_grid[r - 1][fm - 1]));
}
