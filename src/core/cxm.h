/*
 * cxm.h: declarations shared by every cxm source file: version compatibility shims, label
 * rules, error helpers, and the touchpoint representation that journeys build on.
 */
#ifndef CXM_H
#define CXM_H

#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "common/int.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"			/* VARSIZE and friends left postgres.h in 16 */
#endif
#include "utils/timestamp.h"
#include "libpq/pqformat.h"

/* ---- PostgreSQL version shims (13..17) ---------------------------------------------------- */

/*
 * PG 16 lets input functions report "soft" errors (pg_input_is_valid); before that ereturn
 * does not exist and every input error is a hard one.
 */
#if PG_VERSION_NUM < 160000
#define ereturn(context, dummy_value, ...) \
	do { (void) (context); ereport(ERROR, __VA_ARGS__); return dummy_value; } while (0)
#endif

/* ---- labels (channel and action names) ---------------------------------------------------- */

/* Longest channel or action label, in bytes. */
#define CXM_LABEL_MAX_BYTES 255

/*
 * Characters a label may not contain: they separate the parts of touchpoint literals
 * ("channel/action@time"), journey paths ("web > email") and journey literals ({a, "b"}).
 */
#define CXM_LABEL_RESERVED "/@>,{}\"\\"

#define CXM_LABEL_HINT \
	"A label is 1 to 255 bytes without control characters, without leading or trailing " \
	"white space, and without any of the characters / @ > , { } \" \\."

/*
 * Checks a label against the rules above. Returns NULL when it is acceptable, otherwise a
 * palloc'd phrase such as "is empty" or "contains the reserved character \"/\"".
 */
extern const char *cxm_label_problem(const char *label, int len);

/*
 * A printable, length-limited copy of a user value for error messages, so that a megabyte of
 * input does not become a megabyte of log line.
 */
extern char *cxm_quote_value(const char *value, int len);

/*
 * Appends t as ISO 8601 in UTC with an explicit offset ("2025-03-01 10:00:00.5+00"): the same
 * under every DateStyle and TimeZone, and read back exactly by timestamptz input.
 */
struct StringInfoData;
extern void cxm_append_utc_timestamp(struct StringInfoData *out, TimestampTz t);

/* Appends x as the shortest text that reads back as the same double (float8 output's digits). */
extern void cxm_append_double(struct StringInfoData *out, double x);

/*
 * One call of a set-returning function that materializes its rows (every cxm SRF). Memory stays
 * bounded by one call's output however many calls a query makes (a LATERAL join calls once per
 * row): the row descriptor is built once per call site and kept in fn_extra (a function using
 * these leaves fn_extra to them), the rows go to a tuplestore in per-query memory that the
 * executor frees when it has read them, and everything else the call allocates goes to a memory
 * context of its own, deleted when the call ends.
 *
 *   CxmSrf srf;
 *   cxm_srf_begin(fcinfo, &srf);      -- first thing: later allocations are the call's own
 *   ... cxm_srf_row(&srf, values, nulls) per row ...
 *   return cxm_srf_end(&srf);         -- frees the call's memory, back in the caller's context
 *
 * An error in between needs no cleanup: the call's context belongs to the caller's.
 */
typedef struct CxmSrf
{
	struct ReturnSetInfo *rsinfo;
	struct TupleDescData *desc; /* the cached row descriptor (fn_mcxt) */
	MemoryContext caller;		/* current when the function was called */
	MemoryContext scratch;		/* the call's working memory */
} CxmSrf;

extern void cxm_srf_begin(FunctionCallInfo fcinfo, CxmSrf *srf);
extern void cxm_srf_row(CxmSrf *srf, Datum *values, bool *nulls);
extern Datum cxm_srf_end(CxmSrf *srf);

/*
 * Sets up a set-returning function to fill rsinfo->setResult (a tuplestore with the declared
 * row type, rsinfo->setDesc), with the descriptor cached as above, and leaves the call's work in
 * the caller's context: prefer cxm_srf_begin, which also frees that work when the call ends.
 */
extern void cxm_materialize_srf(FunctionCallInfo fcinfo);

/*
 * Memory for count items of size bytes each (at least one item), for what (a phrase such as
 * "the steps of a journey"): 54000 naming the limit, before allocating anything, when that is
 * more than one allocation may hold (MaxAllocSize, 1 GB). cxm_alloc_bytes checks a size already
 * computed (an int64, so that callers compute it without wrapping).
 */
extern void *cxm_alloc_array(int64 count, Size size, const char *what);
extern void *cxm_alloc_array0(int64 count, Size size, const char *what);
extern void cxm_check_alloc_bytes(int64 bytes, const char *what);

/*
 * qsort that answers a cancel while it runs (PostgreSQL's sort template with
 * CHECK_FOR_INTERRUPTS): every sort of user data goes through it, as a journey of millions of
 * steps takes seconds to sort.
 */
extern void cxm_qsort(void *base, size_t n, size_t size,
					  int (*cmp) (const void *a, const void *b));

/* ---- touchpoint --------------------------------------------------------------------------- */

/*
 * A touchpoint is a varlena whose payload (after the varlena header) is:
 *
 *   offset  size  field
 *   0       1     format version (TOUCHPOINT_VERSION)
 *   1       1     flags (TOUCHPOINT_HAS_ACTION)
 *   2       2     channel length in bytes (native byte order)
 *   4       8     occurred_at, a TimestampTz (native byte order, not aligned)
 *   12      n     channel bytes, then action bytes (no terminators)
 *
 * Fields are read with memcpy, so short-header (packed) datums are used as they are. The
 * encoding is canonical: equal touchpoints have identical bytes, which hashing relies on.
 */
#define TOUCHPOINT_VERSION 1
#define TOUCHPOINT_HAS_ACTION 0x01
#define TOUCHPOINT_HEADER_BYTES 12

/* A decoded view of a touchpoint; pointers refer into the datum. */
typedef struct TouchpointView
{
	TimestampTz occurred_at;
	const char *channel;
	int			channel_len;
	const char *action;			/* NULL when the touchpoint has no action */
	int			action_len;
} TouchpointView;

extern void touchpoint_view(const struct varlena *tp, TouchpointView *view);
extern struct varlena *touchpoint_build(TimestampTz occurred_at,
										const char *channel, int channel_len,
										const char *action, int action_len);
extern int	touchpoint_view_cmp(const TouchpointView *a, const TouchpointView *b);
/* appends the canonical literal channel[/action]@time */
extern void touchpoint_append_text(struct StringInfoData *out, const TouchpointView *v);
/* appends v's binary form (touchpoint_send's payload), its labels in the client encoding */
extern void touchpoint_append_binary(struct StringInfoData *buf, const TouchpointView *v);

/* the touchpoint I/O functions, called by the journey I/O */
extern Datum touchpoint_in(PG_FUNCTION_ARGS);
extern Datum touchpoint_recv(PG_FUNCTION_ARGS);
extern Datum touchpoint_send(PG_FUNCTION_ARGS);

/*
 * An interval as microseconds for gaps and windows: days count as 24 hours; months (no fixed
 * length), zero and negative intervals raise 22023 naming `what`.
 */
extern int64 cxm_interval_usecs(const Interval *span, const char *what);
/* A length of time in microseconds as interval text ("1 day"), days of 24 hours, for messages. */
extern char *cxm_usecs_text(int64 usecs);

/*
 * Raises 0A000 unless called by an aggregate: a transition function updates its state in place
 * and means nothing on its own. `function` is the SQL name called, `aggregate` what to call
 * instead ("journey_agg(tp)").
 */
extern void cxm_require_aggregate(FunctionCallInfo fcinfo, const char *function,
								  const char *aggregate);

/*
 * Labels in binary forms travel in the client encoding, as text's binary form does (and
 * touchpoint's): cxm_send_label writes int16 length + the label converted from the server
 * encoding; cxm_recv_label reads wire_len bytes (the caller has read the length and checked
 * they remain) and returns them converted to the server encoding and verified (22021 for
 * invalid bytes, 22P05 for a character the server encoding lacks), *len its length in bytes.
 * ASCII labels are the same bytes either way, so the layout 0.1.0 wrote is unchanged.
 */
struct StringInfoData;
extern void cxm_send_label(struct StringInfoData *buf, const char *label, int len);
extern const char *cxm_recv_label(struct StringInfoData *buf, int wire_len, int *len);

/* cxm.max_journey_steps: the most steps a journey may be built with (cxm.c) */
extern int	cxm_max_journey_steps;

/*
 * A numeric Datum as the nearest double (the same double as float8(value)) without text
 * conversion when it has at most 15 significant digits and 22 decimals; false otherwise, and
 * for NaN and infinities (numeric_double.c).
 */
extern bool cxm_numeric_to_double(Datum value, double *result);

#define PG_GETARG_TOUCHPOINT_P(n) ((struct varlena *) PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n)))

/*
 * Reads a float8 in a binary receive function. -0 reads as 0, as it does in text input
 * (cxm_json_double): the text of -0 is "-0", which reads back as 0, so a -0 taken as it is
 * would not survive a text round trip (found by test/fuzz/long_run.sh).
 */
static inline double
cxm_getmsgfloat8(struct StringInfoData *buf)
{
	return pq_getmsgfloat8(buf) + 0.0;
}

/* ---- counts -------------------------------------------------------------------------------- */

/*
 * *count += add, raising 22003 naming `what` ("answer count", say) and both values when the
 * total leaves int64 (reachable by rolling up stored values with huge counts).
 */
static inline void
cxm_add_count(int64 *count, int64 add, const char *what)
{
	int64		sum;

	if (unlikely(pg_add_s64_overflow(*count, add, &sum)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s " INT64_FORMAT " + " INT64_FORMAT " is out of range", what, *count, add),
				 errhint("Counts must total at most 9223372036854775807; combine fewer values.")));
	*count = sum;
}

/* ---- exact sums ---------------------------------------------------------------------------- */

/*
 * A total kept as an unevaluated sum hi + lo (double-double): totals of values of one sign
 * then come out the same, to the last bit, whatever order rows, partial aggregates and
 * roll-ups were added in (feedback weights, per-period order amounts).
 */
typedef struct ExactSum
{
	double		hi;
	double		lo;
} ExactSum;

/* Adds x to a double-double total (Knuth's TwoSum, then renormalised so hi = fl(hi + lo)). */
static inline void
cxm_exact_add(ExactSum *sum, double x)
{
	double		hi = sum->hi + x;
	double		virtual_x = hi - sum->hi;
	double		error = (sum->hi - (hi - virtual_x)) + (x - virtual_x);
	double		lo = sum->lo + error;

	sum->hi = hi + lo;
	sum->lo = lo - (sum->hi - hi);
}

/*
 * Whether a combine function (or a roll-up's transition) may add into `a`, its first argument
 * as read with PG_DETOAST_DATUM: yes when `a` is the aggregate's own state, or a fresh copy that
 * detoasting made (a packed, compressed or out-of-line value); no when it is a caller's value
 * outside an aggregate, which must be copied first.
 */
static inline bool
cxm_may_modify_arg0(FunctionCallInfo fcinfo, const void *a)
{
	return (Pointer) a != PG_GETARG_POINTER(0) || AggCheckCallContext(fcinfo, NULL);
}

/*
 * Raises 22003 naming `what` ("total spend", say) when a sum overflowed: an overflowing
 * double-double holds Infinity or NaN, which would otherwise come out as a silently wrong
 * number (and a text form that does not read back).
 */
static inline void
cxm_exact_check(const ExactSum *sum, const char *what)
{
	if (unlikely(!isfinite(sum->hi) || !isfinite(sum->lo)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range", what),
				 errhint("Totals must stay below 1e308 in absolute value; rescale the values.")));
}

#endif							/* CXM_H */
