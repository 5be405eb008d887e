/*
 * rfm.c: a customer's orders summarised the way buy-till-you-die models (BG/NBD, Pareto/NBD,
 * Gamma-Gamma) read them: frequency, recency, age and monetary value. Holds the aggregate
 * support of the rfm_state type (the customer's spend per period, mergeable) and rfm_summary.
 * Its text and binary I/O are in rfm_state_io.c, marketing RFM scores and segments in
 * rfm_segment.c.
 */
#include "rfm.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/int.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "json_reader.h"
#include "type_compare.h"


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
		pg_add_s64_overflow(us, iv->time, &us))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("RFM %s \"%s\" is too long", what, interval_text(iv)),
				 errhint("A period or unit is at most 106751991 days (the longest length of time "
						 "in microseconds that fits in 64 bits).")));
	if (us <= 0)
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

/* A float8 order amount; NaN and infinities are refused. */
static double
float8_amount_arg(FunctionCallInfo fcinfo, int argno)
{
	double		amount = PG_GETARG_FLOAT8(argno);

	if (!isfinite(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order amount %s is not a finite number",
						isnan(amount) ? "NaN" : amount > 0 ? "Infinity" : "-Infinity"),
				 errhint("Amounts are finite numbers; skip orders without an amount with NULL.")));
	return amount;
}

/* A numeric order amount as a double; NaN and infinities are refused. */
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
						   cxm_usecs_text(a->period_us), cxm_usecs_text(a->unit_us),
						   pstrdup(timestamptz_to_str(calibration_end)),
						   cxm_usecs_text(period_us), cxm_usecs_text(unit_us)),
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
 * chunk: a new state holds 12 periods in 128 bytes, and each growth doubles the chunk.
 */
static int
rfm_capacity_for(int64 n)
{
	Size		size = 64;

	n = Min(n, RFM_MAX_PERIODS);
	while (size < RFM_BYTES(n))
		size *= 2;
	return (int) Min((size - RFM_HEADER_BYTES) / sizeof(int32), RFM_MAX_PERIODS);
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

/* Raises 54000 unless periods first..last fit in one state. */
static void
check_span(int64 first, int64 last, int64 period_us)
{
	/* (last - first could overflow with microsecond periods; first + the limit cannot) */
	if (last > first + RFM_MAX_SPAN)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("RFM orders span more than %d periods of \"%s\"", RFM_MAX_SPAN,
						cxm_usecs_text(period_us)),
				 errhint("Use a longer period: with periods of a minute, orders may span 4,000 years.")));
}

/* Raises 22003 when a spend total overflowed. */
static void
check_spend(const ExactSum *x)
{
	cxm_exact_check(x, "RFM spend total");
}

/* The last period of s (the first when s has none); the periods need not be sorted. */
static int64
rfm_last(const RfmState *s)
{
	int32		max = 0;
	int			i;

	if (s->nsorted == s->nperiods)
		return s->first + (s->nperiods > 0 ? s->periods[s->nperiods - 1] : 0);
	for (i = 0; i < s->nperiods; i++)
		max = Max(max, s->periods[i]);
	return s->first + max;
}

/* Index of the first of the sorted offsets >= off (binary search). */
static int
rfm_find(const RfmState *s, int32 off)
{
	int			lo = 0,
				hi = s->nsorted;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (s->periods[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether the period at offset off is in s (sorted part or unsorted tail). */
static bool
rfm_contains(const RfmState *s, int32 off)
{
	int			i = rfm_find(s, off);

	if (i < s->nsorted && s->periods[i] == off)
		return true;
	for (i = s->nsorted; i < s->nperiods; i++)
		if (s->periods[i] == off)
			return true;
	return false;
}

static int
offset_qsort_cmp(const void *a, const void *b)
{
	int32		pa = *(const int32 *) a;
	int32		pb = *(const int32 *) b;

	return pa < pb ? -1 : (pa > pb ? 1 : 0);
}

/* Sorts the unsorted tail and merges it into the sorted periods, in place. */
static void
rfm_sort_periods(RfmState *s)
{
	int32	   *tail = s->periods + s->nsorted;
	int			ntail = s->nperiods - s->nsorted;
	int32		small[RFM_TAIL_MAX];
	int32	   *copy;
	int			i,
				j,
				k;

	if (ntail == 0)
		return;
	if (ntail <= RFM_TAIL_MAX)
	{
		/* insertion sort: a few periods sort faster without qsort's calls */
		for (i = 1; i < ntail; i++)
		{
			int32		x = tail[i];

			for (j = i; j > 0 && tail[j - 1] > x; j--)
				tail[j] = tail[j - 1];
			tail[j] = x;
		}
	}
	else
		cxm_qsort(tail, ntail, sizeof(int32), offset_qsort_cmp);

	/* merge from the back; periods are distinct, so there are no ties to add up */
	copy = ntail <= RFM_TAIL_MAX ? small : palloc(ntail * sizeof(int32));
	memcpy(copy, tail, ntail * sizeof(int32));
	i = s->nsorted - 1;
	j = ntail - 1;
	k = s->nperiods - 1;
	while (j >= 0)
	{
		if (i >= 0 && s->periods[i] > copy[j])
			s->periods[k--] = s->periods[i--];
		else
			s->periods[k--] = copy[j--];
	}
	if (copy != small)
		pfree(copy);
	s->nsorted = s->nperiods;
}

/* Adds an order of the given amount in period p to s; returns s or a grown copy of it. */
static RfmState *
rfm_add_order(RfmState *s, int64 p, double amount)
{
	bool		new_first = s->nperiods == 0 || p < s->first;
	int32		off;

	if (new_first)
	{
		/* a new first period: the others move up by the difference */
		if (s->nperiods > 0)
		{
			int32		shift;
			int			i;

			check_span(p, rfm_last(s), s->period_us);
			shift = (int32) (s->first - p);
			for (i = 0; i < s->nperiods; i++)
				s->periods[i] += shift;
		}
		s->first = p;
		s->first_spend.hi = s->first_spend.lo = 0;
		cxm_exact_add(&s->first_spend, amount);
		off = 0;
	}
	else
	{
		if (p == s->first)
		{
			cxm_exact_add(&s->first_spend, amount);
			check_spend(&s->first_spend);
		}
		check_span(s->first, p, s->period_us);
		off = (int32) (p - s->first);
	}
	cxm_exact_add(&s->spend, amount);
	check_spend(&s->spend);
	if (!new_first && rfm_contains(s, off))
		return s;

	if (s->nperiods == RFM_CAPACITY(s))
	{
		int			capacity = rfm_capacity_for(2 * (int64) RFM_CAPACITY(s));
		RfmState   *grown;

		check_period_count((int64) s->nperiods + 1);
		grown = palloc(RFM_BYTES(capacity));
		memcpy(grown, s, RFM_BYTES(s->nperiods));
		SET_VARSIZE(grown, RFM_BYTES(capacity));
		s = grown;
	}
	if (s->nperiods - s->nsorted == RFM_TAIL_MAX)
		rfm_sort_periods(s);
	s->periods[s->nperiods++] = off;
	return s;
}

/*
 * The transition's parameters (calibration end, period, unit) as last checked, so that rows
 * passing the same values (constants, usually) are not checked again.
 */
typedef struct RfmArgsCache
{
	bool		valid;
	TimestampTz calibration_end;
	Interval	period;
	Interval	unit;
	int64		period_us;
	int64		unit_us;
	int64		last_period;	/* the calibration end's period */
} RfmArgsCache;

static const RfmArgsCache *
rfm_trans_args(FunctionCallInfo fcinfo)
{
	RfmArgsCache *cache = (RfmArgsCache *) fcinfo->flinfo->fn_extra;
	bool		has_unit = PG_NARGS() > 5;

	if (cache != NULL && cache->valid && !PG_ARGISNULL(3) && !PG_ARGISNULL(4) &&
		(!has_unit || !PG_ARGISNULL(5)) &&
		PG_GETARG_TIMESTAMPTZ(3) == cache->calibration_end &&
		memcmp(PG_GETARG_INTERVAL_P(4), &cache->period, sizeof(Interval)) == 0 &&
		(!has_unit || memcmp(PG_GETARG_INTERVAL_P(5), &cache->unit, sizeof(Interval)) == 0))
		return cache;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RfmArgsCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	cache->valid = false;
	cache->calibration_end = calibration_end_arg(fcinfo, 3);
	cache->period_us = duration_arg(fcinfo, 4, "period");
	cache->period = *PG_GETARG_INTERVAL_P(4);
	cache->unit_us = has_unit ? duration_arg(fcinfo, 5, "unit") : cache->period_us;
	if (has_unit)
		cache->unit = *PG_GETARG_INTERVAL_P(5);
	cache->last_period = period_index(cache->calibration_end, cache->period_us);
	cache->valid = true;
	return cache;
}

/*
 * rfm_state(ordered_at, amount, calibration_end, period [, unit]): transition of the
 * rfm_summary and rfm_state aggregates, for a numeric amount (rfm_state_trans) or a float8 one
 * (rfm_state_trans_float8; real, integer and bigint amounts are cast to it). Rows with a NULL
 * time or amount are skipped, and so are orders in periods after the one calibration_end falls
 * in. Updates the state in place while it has room; when it grows, a copy with about twice the
 * room is returned (the executor then keeps that one and frees the old).
 */
static Datum
rfm_trans(FunctionCallInfo fcinfo, bool float8_amount)
{
	RfmState   *s = PG_ARGISNULL(0) ? NULL : (RfmState *) PG_GETARG_POINTER(0);
	const RfmArgsCache *args;
	TimestampTz ordered_at;
	double		amount;
	int64		p;

	cxm_require_aggregate(fcinfo, "rfm_state_trans", "rfm_state(ordered_at, amount, calibration_end, period [, unit]) or rfm_summary(...)");
	args = rfm_trans_args(fcinfo);

	if (s == NULL)
		/* new and grown states are made in the per-call context: the executor copies a
		 * returned new state into the aggregate context and frees the old one */
		s = rfm_state_new(CurrentMemoryContext, rfm_capacity_for(4), args->calibration_end,
						  args->period_us, args->unit_us);
	else
		check_same_parameters(s, args->calibration_end, args->period_us, args->unit_us,
							  "RFM parameters changed within one aggregate");

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(s);
	ordered_at = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(ordered_at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order time %s is not finite", TIMESTAMP_IS_NOBEGIN(ordered_at) ? "-infinity" : "infinity"),
				 errhint("Order times are finite timestamptz values.")));
	amount = float8_amount ? float8_amount_arg(fcinfo, 2) : amount_arg(fcinfo, 2);

	p = period_index(ordered_at, args->period_us);
	if (p > args->last_period)
		PG_RETURN_POINTER(s);	/* after the calibration period */
	PG_RETURN_POINTER(rfm_add_order(s, p, amount));
}

PG_FUNCTION_INFO_V1(rfm_state_trans);
Datum
rfm_state_trans(PG_FUNCTION_ARGS)
{
	return rfm_trans(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rfm_state_trans_float8);
Datum
rfm_state_trans_float8(PG_FUNCTION_ARGS)
{
	return rfm_trans(fcinfo, true);
}

/* ---- reading and checking states ---------------------------------------------------------- */

static bool
exact_sum_problem(const ExactSum *x)
{
	return !isfinite(x->hi) || !isfinite(x->lo) || x->hi + x->lo != x->hi;
}

/*
 * NULL when a state with the header's parameters and totals and these periods (absolute
 * indexes) is one this release can have written, otherwise what is wrong.
 */
const char *
rfm_state_problem(const RfmState *h, const int64 *periods, int n)
{
	int64		last;
	int			i;

	if (h->version != RFM_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						h->version, RFM_VERSION);
	if (h->flags != 0)
		return psprintf("unknown flags 0x%02x", h->flags);
	if (h->period_us <= 0 || h->unit_us <= 0)
		return "the period and the unit must be positive";
	if (TIMESTAMP_NOT_FINITE(h->calibration_end) || !IS_VALID_TIMESTAMP(h->calibration_end))
		return "the calibration end must be a finite timestamp";
	if (n < 0 || n > RFM_MAX_PERIODS)
		return psprintf("period count %d is out of range", n);
	last = period_index(h->calibration_end, h->period_us);
	for (i = 0; i < n; i++)
	{
		if (i > 0 && periods[i] <= periods[i - 1])
			return "periods must be in strictly increasing order";
		if (periods[i] < period_index(MIN_TIMESTAMP, h->period_us))
			return psprintf("period " INT64_FORMAT " is before the earliest timestamp", periods[i]);
		if (periods[i] > last)
			return psprintf("period " INT64_FORMAT " is after the calibration end's period "
							INT64_FORMAT, periods[i], last);
		if (periods[i] > periods[0] + RFM_MAX_SPAN)
			return psprintf("the periods span more than %d periods", RFM_MAX_SPAN);
	}
	if (exact_sum_problem(&h->spend) || exact_sum_problem(&h->first_spend))
		return "spend totals must be finite, and a residual smaller than the rounding error of its total";
	if (n == 0 && (h->spend.hi != 0 || h->first_spend.hi != 0))
		return "a state without periods has no spend";
	if (n == 1 && (h->spend.hi != h->first_spend.hi || h->spend.lo != h->first_spend.lo))
		return "with one period, the first period's spend is the whole spend";
	return NULL;
}

/* A state with the header's parameters and totals and these (checked, sorted) periods. */
RfmState *
rfm_state_build(const RfmState *h, const int64 *periods, int n)
{
	RfmState   *s = rfm_state_new(CurrentMemoryContext, n, h->calibration_end, h->period_us,
								  h->unit_us);
	int			i;

	s->spend = h->spend;
	s->first_spend = h->first_spend;
	s->first = n > 0 ? periods[0] : 0;
	for (i = 0; i < n; i++)
		s->periods[i] = (int32) (periods[i] - s->first);
	s->nperiods = s->nsorted = n;
	return s;
}

/*
 * A state argument. sorted: an aggregate's state with unsorted periods is sorted in a copy
 * (the state itself is not ours to change); otherwise the periods may be unsorted, and only
 * the header may be read.
 */
RfmState *
rfm_arg(FunctionCallInfo fcinfo, int argno, bool sorted)
{
	RfmState   *s = (RfmState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < RFM_HEADER_BYTES || s->version != RFM_VERSION ||
		s->nperiods < 0 || s->nperiods > RFM_CAPACITY(s) ||
		s->nsorted < 0 || s->nsorted > s->nperiods)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("rfm_state has an unsupported format (version %d)", s->version)));
	if (sorted && s->nsorted < s->nperiods)
	{
		RfmState   *copy = palloc(RFM_BYTES(s->nperiods));

		memcpy(copy, s, RFM_BYTES(s->nperiods));
		SET_VARSIZE(copy, RFM_BYTES(s->nperiods));
		rfm_sort_periods(copy);
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

static void
exact_sum_add(ExactSum *to, const ExactSum *x)
{
	cxm_exact_add(to, x->hi);
	cxm_exact_add(to, x->lo);
}

/*
 * Combine function, and the transition of rollup(rfm_state): strict, so the executor copies
 * the first state into the aggregate context. When b has no period a lacks, a is updated in
 * place; otherwise a merged copy is made.
 */
PG_FUNCTION_INFO_V1(rfm_state_combine);
Datum
rfm_state_combine(PG_FUNCTION_ARGS)
{
	RfmState   *a = rfm_arg(fcinfo, 0, true);
	RfmState   *b = rfm_arg(fcinfo, 1, true);
	RfmState   *merged;
	ExactSum	first_spend;
	int			i,
				j,
				n;
	int64		union_count = 0;

	check_same_parameters(a, b->calibration_end, b->period_us, b->unit_us,
						  "cannot combine RFM states with different parameters");
	if (b->nperiods == 0)
		PG_RETURN_POINTER(a);

	/* periods as absolute indexes: a's i-th is a->first + a->periods[i] */
	for (i = 0, j = 0; i < a->nperiods || j < b->nperiods; union_count++)
	{
		int64		pa = i < a->nperiods ? a->first + a->periods[i] : 0;
		int64		pb = j < b->nperiods ? b->first + b->periods[j] : 0;

		if (j == b->nperiods || (i < a->nperiods && pa < pb))
			i++;
		else if (i == a->nperiods || pb < pa)
			j++;
		else
			i++, j++;
	}
	check_period_count(union_count);

	/* the spend of the first period of the two */
	if (a->nperiods == 0 || b->first < a->first)
		first_spend = b->first_spend;
	else
	{
		first_spend = a->first_spend;
		if (b->first == a->first)
			exact_sum_add(&first_spend, &b->first_spend);
	}
	check_spend(&first_spend);

	if (union_count == a->nperiods && cxm_may_modify_arg0(fcinfo, a))
	{
		/* every period of b is in a: add in place */
		exact_sum_add(&a->spend, &b->spend);
		check_spend(&a->spend);
		a->first_spend = first_spend;
		PG_RETURN_POINTER(a);
	}

	merged = rfm_state_new(CurrentMemoryContext, (int) union_count, a->calibration_end,
						   a->period_us, a->unit_us);
	merged->first = a->nperiods == 0 ? b->first : Min(a->first, b->first);
	check_span(merged->first, Max(a->nperiods > 0 ? rfm_last(a) : b->first, rfm_last(b)),
			   a->period_us);
	for (i = 0, j = 0, n = 0; i < a->nperiods || j < b->nperiods; n++)
	{
		int64		pa = i < a->nperiods ? a->first + a->periods[i] : 0;
		int64		pb = j < b->nperiods ? b->first + b->periods[j] : 0;
		int64		p;

		if (j == b->nperiods || (i < a->nperiods && pa < pb))
			p = pa, i++;
		else if (i == a->nperiods || pb < pa)
			p = pb, j++;
		else
			p = pa, i++, j++;
		merged->periods[n] = (int32) (p - merged->first);
	}
	merged->nperiods = merged->nsorted = n;
	merged->spend = a->spend;
	exact_sum_add(&merged->spend, &b->spend);
	check_spend(&merged->spend);
	merged->first_spend = first_spend;
	PG_RETURN_POINTER(merged);
}

/* Final function of the rfm_state and rollup aggregates: the state sorted, without spare room. */
PG_FUNCTION_INFO_V1(rfm_state_final);
Datum
rfm_state_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(rfm_state_trimmed(rfm_arg(fcinfo, 0, true)));
}

/*
 * rfm_summary(state) -> (frequency, recency, t, monetary), also the final function of the
 * rfm_summary aggregate: reads only the header. NULL without orders in the calibration period.
 */
PG_FUNCTION_INFO_V1(rfm_state_summary);
Datum
rfm_state_summary(PG_FUNCTION_ARGS)
{
	RfmState   *s;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	int64		end,
				last;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = rfm_arg(fcinfo, 0, false);
	if (s->nperiods == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	desc = BlessTupleDesc(desc);

	end = period_index(s->calibration_end, s->period_us);
	last = rfm_last(s);
	values[0] = Float8GetDatum((double) (s->nperiods - 1));
	if (s->period_us == s->unit_us)
	{
		values[1] = Float8GetDatum((double) (last - s->first));
		values[2] = Float8GetDatum((double) (end - s->first));
	}
	else
	{
		/* periods x period length / unit: one rounding while the products are exact */
		values[1] = Float8GetDatum((double) (last - s->first) * (double) s->period_us / (double) s->unit_us);
		values[2] = Float8GetDatum((double) (end - s->first) * (double) s->period_us / (double) s->unit_us);
	}
	if (s->nperiods > 1)
	{
		/* the first period is the customer's acquisition, not a repeat purchase */
		ExactSum	repeat = s->spend;

		cxm_exact_add(&repeat, -s->first_spend.hi);
		cxm_exact_add(&repeat, -s->first_spend.lo);
		check_spend(&repeat);
		values[3] = Float8GetDatum((repeat.hi + repeat.lo) / (double) (s->nperiods - 1));
	}
	else
		nulls[3] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/* rfm_state = rfm_state: same parameters, periods and spend, to the last bit */
PG_FUNCTION_INFO_V1(rfm_state_eq);
Datum
rfm_state_eq(PG_FUNCTION_ARGS)
{
	RfmState   *a = rfm_arg(fcinfo, 0, true);
	RfmState   *b = rfm_arg(fcinfo, 1, true);

	PG_RETURN_BOOL(a->calibration_end == b->calibration_end && a->period_us == b->period_us &&
				   a->unit_us == b->unit_us && a->nperiods == b->nperiods &&
				   a->spend.hi == b->spend.hi && a->spend.lo == b->spend.lo &&
				   a->first_spend.hi == b->first_spend.hi && a->first_spend.lo == b->first_spend.lo &&
				   a->first == b->first &&
				   memcmp(a->periods, b->periods, a->nperiods * sizeof(int32)) == 0);
}

/*
 * The comparison key of an rfm_state (type_compare.h): the fields rfm_state_eq compares, of the
 * sorted state.
 */
void
rfm_state_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	RfmState   *s = rfm_arg(fcinfo, argno, true);
	int			i;

	cxm_key_int(key, s->calibration_end, 8);
	cxm_key_int(key, s->period_us, 8);
	cxm_key_int(key, s->unit_us, 8);
	cxm_key_int(key, s->nperiods, 4);
	cxm_key_double(key, s->spend.hi);
	cxm_key_double(key, s->spend.lo);
	cxm_key_double(key, s->first_spend.hi);
	cxm_key_double(key, s->first_spend.lo);
	cxm_key_int(key, s->first, 8);
	for (i = 0; i < s->nperiods; i++)
	{
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		cxm_key_int(key, s->periods[i], 4);
	}
}

PG_FUNCTION_INFO_V1(rfm_state_ne);
Datum
rfm_state_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(rfm_state_eq(fcinfo)));
}
