/*
 * retention.c: activity_summary, the per-period counts of many customers' activity sets: the
 * aggregate activity_summary(activity_set), its I/O, and the tables an analyst charts from it:
 * cohort retention, churn per period, lifecycle state counts. Also churn_status, the
 * customer-level active / at-risk / churned flag.
 */
#include "activity.h"

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "json_reader.h"
#include "type_compare.h"

/* the hint of every binary input error of this file */
#define SUMMARY_BINARY_HINT "The binary form is int8 version, int8 flags, int32 period length, int32 periods, int64 sets, int64 start, int16 length and bytes of the time zone, then six int64 counters per period."

#define SUMMARY_VERSION 1
#define SUMMARY_SAME_START 0x02		/* every customer shares one start: period k has a date */

/* Per-period counters, in this order, one int64 each. */
enum counter
{
	C_CUSTOMERS,				/* customers whose period k is complete (the denominator) */
	C_ACTIVE,					/* ... and active in it */
	C_NEW,						/* ... whose first active period it is */
	C_RETURNING,				/* ... active in it and in the period before */
	C_RESURRECTING,				/* ... active in it, not before it, but active earlier */
	C_DORMANT,					/* ... not active in it but active in the period before */
	NUM_COUNTERS
};
static const char *const counter_keys[NUM_COUNTERS] = {
	"customers", "active", "new", "returning", "resurrecting", "dormant"
};

typedef struct ActivitySummary
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* ACTIVITY_MONTHS, SUMMARY_SAME_START */
	int16		reserved;
	int32		length;
	int32		nperiods;
	int32		reserved2;
	int64		sets;			/* customers (activity sets) summarised */
	TimestampTz start;			/* the common start, with SUMMARY_SAME_START */
	char		time_zone[ACTIVITY_TZ_BYTES];
	int64		counts[FLEXIBLE_ARRAY_MEMBER];	/* nperiods x NUM_COUNTERS */
} ActivitySummary;

#define SUMMARY_SIZE(n) (offsetof(ActivitySummary, counts) + (Size) (n) * NUM_COUNTERS * sizeof(int64))
#define COUNT(s, k, c) ((s)->counts[(k) * NUM_COUNTERS + (c)])

static ActivitySummary *
summary_arg(FunctionCallInfo fcinfo, int argno)
{
	ActivitySummary *s = (ActivitySummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (s->version != SUMMARY_VERSION || VARSIZE(s) < offsetof(ActivitySummary, counts) ||
		VARSIZE(s) != SUMMARY_SIZE(s->nperiods))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("activity_summary value has an unsupported format (version %d)", s->version)));
	return s;
}

/* A copy of s with room for n periods (n >= s->nperiods), allocated in context. */
static ActivitySummary *
summary_widen(ActivitySummary *s, int n)
{
	ActivitySummary *wide = palloc0(SUMMARY_SIZE(n));

	memcpy(wide, s, SUMMARY_SIZE(s->nperiods));
	SET_VARSIZE(wide, SUMMARY_SIZE(n));
	wide->nperiods = n;
	return wide;
}

static void
check_same_grid(uint8 flags_a, int32 length_a, const char *zone_a,
				uint8 flags_b, int32 length_b, const char *zone_b)
{
	if ((flags_a & ACTIVITY_MONTHS) != (flags_b & ACTIVITY_MONTHS) || length_a != length_b ||
		strcmp(zone_a, zone_b) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot summarise activity counted in different periods or time zones"),
				 errdetail("One is counted in periods of %s in time zone \"%s\", the other in "
						   "periods of %s in \"%s\".",
						   activity_period_phrase(length_a, (flags_a & ACTIVITY_MONTHS) != 0), zone_a,
						   activity_period_phrase(length_b, (flags_b & ACTIVITY_MONTHS) != 0), zone_b),
				 errhint("Build every activity_set of one summary with the same period and time zone; "
						 "activity_periods without a time zone argument uses the session TimeZone, "
						 "so pass the same time zone to every call, e.g. 'UTC'.")));
}

/*
 * Transition of activity_summary(set): adds one customer. Returns a new, wider summary when the
 * customer has more complete periods than any before (the executor then keeps that one).
 */
PG_FUNCTION_INFO_V1(activity_summary_trans);
Datum
activity_summary_trans(PG_FUNCTION_ARGS)
{
	ActivitySummary *s = PG_ARGISNULL(0) ? NULL : (ActivitySummary *) PG_GETARG_POINTER(0);
	ActivitySet *set;
	int			k,
				first = -1;

	cxm_require_aggregate(fcinfo, "activity_summary_trans", "activity_summary(activity)");
	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	set = activity_set_arg(fcinfo, 1);
	if (s == NULL)
	{
		/*
		 * new and widened states in the per-row context: the executor copies a state whose
		 * pointer changed into the aggregate context (and frees the old one) itself
		 */
		s = palloc0(SUMMARY_SIZE(set->nperiods));
		SET_VARSIZE(s, SUMMARY_SIZE(set->nperiods));
		s->version = SUMMARY_VERSION;
		s->flags = (set->flags & ACTIVITY_MONTHS) | SUMMARY_SAME_START;
		s->length = set->length;
		s->nperiods = set->nperiods;
		s->start = set->start;
		memcpy(s->time_zone, set->time_zone, ACTIVITY_TZ_BYTES);
	}
	else
	{
		check_same_grid(s->flags, s->length, s->time_zone, set->flags, set->length, set->time_zone);
		if (set->nperiods > s->nperiods)
			s = summary_widen(s, set->nperiods);
		if (s->start != set->start)
			s->flags &= ~SUMMARY_SAME_START;
	}
	s->sets++;
	for (k = 0; k < set->nperiods; k++)
	{
		bool		now = ACTIVITY_IS_ACTIVE(set, k);
		bool		before = k > 0 && ACTIVITY_IS_ACTIVE(set, k - 1);

		COUNT(s, k, C_CUSTOMERS)++;
		if (now)
		{
			COUNT(s, k, C_ACTIVE)++;
			if (first < 0)
			{
				first = k;
				COUNT(s, k, C_NEW)++;
			}
			else
				COUNT(s, k, before ? C_RETURNING : C_RESURRECTING)++;
		}
		else if (before)
			COUNT(s, k, C_DORMANT)++;
	}
	PG_RETURN_POINTER(s);
}

/* Combine (and rollup): adds b's counts into a; strict, in place unless a must widen. */
PG_FUNCTION_INFO_V1(activity_summary_combine);
Datum
activity_summary_combine(PG_FUNCTION_ARGS)
{
	ActivitySummary *a = summary_arg(fcinfo, 0);
	ActivitySummary *b = summary_arg(fcinfo, 1);
	int			i;

	check_same_grid(a->flags, a->length, a->time_zone, b->flags, b->length, b->time_zone);
	/* a copy unless a may be added into and is wide enough */
	if (b->nperiods > a->nperiods || !cxm_may_modify_arg0(fcinfo, a))
		a = summary_widen(a, Max(a->nperiods, b->nperiods));
	if (a->start != b->start)
		a->flags &= ~SUMMARY_SAME_START;
	a->flags &= (b->flags | ~SUMMARY_SAME_START);
	a->sets += b->sets;
	for (i = 0; i < b->nperiods * NUM_COUNTERS; i++)
		a->counts[i] += b->counts[i];
	PG_RETURN_POINTER(a);
}

/* ---- I/O ------------------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(activity_summary_out);
Datum
activity_summary_out(PG_FUNCTION_ARGS)
{
	ActivitySummary *s = summary_arg(fcinfo, 0);
	StringInfoData out;
	int			c,
				k;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"period_%s\": %d, \"time_zone\": \"%s\", "
					 "\"sets\": " INT64_FORMAT, s->version,
					 (s->flags & ACTIVITY_MONTHS) ? "months" : "days", s->length, s->time_zone,
					 s->sets);
	if (s->flags & SUMMARY_SAME_START)
	{
		appendStringInfoString(&out, ", \"start\": \"");
		cxm_append_utc_timestamp(&out, s->start);
		appendStringInfoChar(&out, '"');
	}
	for (c = 0; c < NUM_COUNTERS; c++)
	{
		appendStringInfo(&out, ", \"%s\": [", counter_keys[c]);
		for (k = 0; k < s->nperiods; k++)
			appendStringInfo(&out, "%s" INT64_FORMAT, k > 0 ? ", " : "", COUNT(s, k, c));
		appendStringInfoChar(&out, ']');
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

/* NULL when the counts are consistent, else what is wrong. */
static const char *
summary_problem(const ActivitySummary *s)
{
	int			k;

	if (s->version != SUMMARY_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						s->version, SUMMARY_VERSION);
	if ((s->flags & ~(ACTIVITY_MONTHS | SUMMARY_SAME_START)) != 0 ||
		!activity_period_length_ok(s->length, (s->flags & ACTIVITY_MONTHS) != 0) ||
		s->nperiods < 0 || s->nperiods > ACTIVITY_MAX_PERIODS || s->sets < 0)
		return "period, periods or sets is out of range";
	if (memchr(s->time_zone, '\0', ACTIVITY_TZ_BYTES) == NULL || pg_tzset(s->time_zone) == NULL)
		return "the time zone is not recognized";
	if ((s->flags & SUMMARY_SAME_START) && (TIMESTAMP_NOT_FINITE(s->start) || !IS_VALID_TIMESTAMP(s->start)))
		return "the start must be finite";
	for (k = 0; k < s->nperiods; k++)
	{
		int64		customers = COUNT(s, k, C_CUSTOMERS);
		int64		active = COUNT(s, k, C_ACTIVE);

		if (customers < 0 || customers > s->sets || (k > 0 && customers > COUNT(s, k - 1, C_CUSTOMERS)) ||
			active < 0 || active > customers || COUNT(s, k, C_DORMANT) < 0 ||
			COUNT(s, k, C_DORMANT) > customers - active || COUNT(s, k, C_NEW) < 0 ||
			COUNT(s, k, C_RETURNING) < 0 || COUNT(s, k, C_RESURRECTING) < 0 ||
			COUNT(s, k, C_NEW) + COUNT(s, k, C_RETURNING) + COUNT(s, k, C_RESURRECTING) != active)
			return psprintf("the counts of period %d are inconsistent", k);
	}
	return NULL;
}

enum summary_key
{
	K_VERSION, K_DAYS, K_MONTHS, K_ZONE, K_SETS, K_START, K_FIRST_COUNTER, K_COUNT = K_FIRST_COUNTER + NUM_COUNTERS
};

PG_FUNCTION_INFO_V1(activity_summary_in);
Datum
activity_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	const char *keys[K_COUNT] = {"version", "period_days", "period_months", "time_zone", "sets", "start"};
	CxmJsonValue v[K_COUNT];
	ActivitySummary *s = NULL;
	char	   *problem = NULL;
	int64		version = 0,
				length = 0,
				sets = 0;
	int			c,
				k,
				n;
	bool		months;

	for (c = 0; c < NUM_COUNTERS; c++)
		keys[K_FIRST_COUNTER + c] = counter_keys[c];
	if (!cxm_json_read(input, keys, K_COUNT, v, &problem))
		goto invalid;
	months = v[K_MONTHS].kind != CXM_JSON_MISSING;
	if (months == (v[K_DAYS].kind != CXM_JSON_MISSING))
	{
		problem = "exactly one of \"period_days\" and \"period_months\" is required";
		goto invalid;
	}
	if (!cxm_json_expect(&v[K_VERSION], "version", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[K_VERSION].text, v[K_VERSION].len, &version, &problem) ||
		!cxm_json_expect(&v[months ? K_MONTHS : K_DAYS], keys[months ? K_MONTHS : K_DAYS],
						 CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[months ? K_MONTHS : K_DAYS].text, v[months ? K_MONTHS : K_DAYS].len,
						&length, &problem) ||
		!cxm_json_expect(&v[K_ZONE], "time_zone", CXM_JSON_STRING, &problem) ||
		!cxm_json_expect(&v[K_SETS], "sets", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[K_SETS].text, v[K_SETS].len, &sets, &problem) ||
		!cxm_json_expect(&v[K_FIRST_COUNTER], keys[K_FIRST_COUNTER], CXM_JSON_ARRAY, &problem))
		goto invalid;
	n = v[K_FIRST_COUNTER].nitems;
	if (version < 0 || version > 255 || length <= 0 || length > PG_INT32_MAX ||
		n > ACTIVITY_MAX_PERIODS || v[K_ZONE].len >= ACTIVITY_TZ_BYTES)
	{
		problem = "version, period, periods or time_zone is out of range";
		goto invalid;
	}
	s = palloc0(SUMMARY_SIZE(n));
	SET_VARSIZE(s, SUMMARY_SIZE(n));
	s->version = (uint8) version;
	s->flags = months ? ACTIVITY_MONTHS : 0;
	s->length = (int32) length;
	s->nperiods = n;
	s->sets = sets;
	memcpy(s->time_zone, v[K_ZONE].text, v[K_ZONE].len);
	if (v[K_START].kind != CXM_JSON_MISSING)
	{
		char	   *text;

		if (!cxm_json_expect(&v[K_START], "start", CXM_JSON_STRING, &problem))
			goto invalid;
		text = pnstrdup(v[K_START].text, v[K_START].len);
		s->flags |= SUMMARY_SAME_START;
		s->start = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(text),
														   ObjectIdGetDatum(InvalidOid),
														   Int32GetDatum(-1)));
	}
	for (c = 0; c < NUM_COUNTERS; c++)
	{
		CxmJsonValue *a = &v[K_FIRST_COUNTER + c];

		if (!cxm_json_expect(a, counter_keys[c], CXM_JSON_ARRAY, &problem))
			goto invalid;
		if (a->nitems != n)
		{
			problem = psprintf("\"%s\" has %d entries, \"%s\" has %d", counter_keys[c],
							   a->nitems, counter_keys[0], n);
			goto invalid;
		}
		for (k = 0; k < n; k++)
			if (!cxm_json_int64(a->items[k], a->item_lens[k], &COUNT(s, k, c), &problem))
				goto invalid;
	}
	problem = (char *) summary_problem(s);
	if (problem == NULL)
		PG_RETURN_POINTER(s);
invalid:
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type activity_summary: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The summary is invalid: %s.", problem),
			 errhint("An activity_summary is the text that activity_summary() produced.")));
}

/*
 * Binary form: int8 version, int8 flags (bit 0 months, bit 1 common start), int32 period
 * length, int32 periods, int64 sets, int64 start, int16 length and bytes of the time zone
 * name, then per period the six int64 counters in the order of the text form.
 */
PG_FUNCTION_INFO_V1(activity_summary_send);
Datum
activity_summary_send(PG_FUNCTION_ARGS)
{
	ActivitySummary *s = summary_arg(fcinfo, 0);
	StringInfoData buf;
	int			zone_len = strlen(s->time_zone);
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->length);
	pq_sendint32(&buf, s->nperiods);
	pq_sendint64(&buf, s->sets);
	pq_sendint64(&buf, s->start);
	pq_sendint16(&buf, zone_len);
	pq_sendbytes(&buf, s->time_zone, zone_len);
	for (i = 0; i < s->nperiods * NUM_COUNTERS; i++)
		pq_sendint64(&buf, s->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(activity_summary_recv);
Datum
activity_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ActivitySummary head;
	ActivitySummary *s;
	int			zone_len;
	int			i;
	const char *problem;

	memset(&head, 0, sizeof(head));
	if (buf->len - buf->cursor < 28)
		goto truncated;
	head.version = pq_getmsgbyte(buf);
	head.flags = pq_getmsgbyte(buf);
	head.length = pq_getmsgint(buf, 4);
	head.nperiods = pq_getmsgint(buf, 4);
	head.sets = pq_getmsgint64(buf);
	head.start = pq_getmsgint64(buf);
	zone_len = pq_getmsgint(buf, 2);
	if (head.nperiods < 0 || head.nperiods > ACTIVITY_MAX_PERIODS || zone_len >= ACTIVITY_TZ_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary activity_summary: %d periods, time zone of %d bytes",
						head.nperiods, zone_len),
				 errhint(SUMMARY_BINARY_HINT)));
	if (buf->len - buf->cursor < zone_len + (int64) head.nperiods * NUM_COUNTERS * 8)
		goto truncated;
	s = palloc0(SUMMARY_SIZE(head.nperiods));
	memcpy(s, &head, offsetof(ActivitySummary, counts));
	SET_VARSIZE(s, SUMMARY_SIZE(head.nperiods));
	pq_copymsgbytes(buf, s->time_zone, zone_len);
	for (i = 0; i < head.nperiods * NUM_COUNTERS; i++)
		s->counts[i] = pq_getmsgint64(buf);
	problem = summary_problem(s);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary activity_summary: %s", problem),
				 errhint(SUMMARY_BINARY_HINT)));
	PG_RETURN_POINTER(s);
truncated:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("binary activity_summary is truncated"),
			 errhint(SUMMARY_BINARY_HINT)));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(activity_summary_eq);
Datum
activity_summary_eq(PG_FUNCTION_ARGS)
{
	ActivitySummary *a = summary_arg(fcinfo, 0);
	ActivitySummary *b = summary_arg(fcinfo, 1);

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(a, b, offsetof(ActivitySummary, start)) == 0 &&
				   (!(a->flags & SUMMARY_SAME_START) || a->start == b->start) &&
				   strcmp(a->time_zone, b->time_zone) == 0 &&
				   memcmp(a->counts, b->counts, (Size) a->nperiods * NUM_COUNTERS * sizeof(int64)) == 0);
}

/*
 * The comparison key of an activity_summary (type_compare.h): the fields activity_summary_eq
 * compares, the start only when the customers share it.
 */
void
activity_summary_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	ActivitySummary *s = summary_arg(fcinfo, argno);
	int			i;

	cxm_key_uint(key, s->version, 1);
	cxm_key_uint(key, s->flags, 1);
	cxm_key_int(key, s->reserved, 2);
	cxm_key_int(key, s->length, 4);
	cxm_key_int(key, s->nperiods, 4);
	cxm_key_int(key, s->reserved2, 4);
	cxm_key_int(key, s->sets, 8);
	if (s->flags & SUMMARY_SAME_START)
		cxm_key_int(key, s->start, 8);
	cxm_key_bytes(key, s->time_zone, strlen(s->time_zone));
	for (i = 0; i < s->nperiods * NUM_COUNTERS; i++)
		cxm_key_int(key, s->counts[i], 8);
}

PG_FUNCTION_INFO_V1(activity_summary_customers);
Datum
activity_summary_customers(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(summary_arg(fcinfo, 0)->sets);
}

/* ---- tables --------------------------------------------------------------------------------- */

typedef enum SummaryTable
{
	RETENTION_TABLE,
	CHURN_TABLE,
	LIFECYCLE_TABLE
} SummaryTable;

/* The start of period k when the summary has one common start, else NULL. */
static void
period_start_value(const ActivitySummary *s, int k, Datum *value, bool *isnull)
{
	ActivityGrid grid;

	*isnull = !(s->flags & SUMMARY_SAME_START);
	if (*isnull)
		return;
	grid.months = (s->flags & ACTIVITY_MONTHS) != 0;
	grid.length = s->length;
	memcpy(grid.time_zone, s->time_zone, ACTIVITY_TZ_BYTES);
	*value = TimestampTzGetDatum(activity_period_start(s->start, &grid, k));
}

static Datum
summary_table(FunctionCallInfo fcinfo, SummaryTable which)
{
	CxmSrf		srf;
	ActivitySummary *s;
	int			k;

	cxm_srf_begin(fcinfo, &srf);
	s = summary_arg(fcinfo, 0);
	for (k = 0; k < s->nperiods; k++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		int64		customers = COUNT(s, k, C_CUSTOMERS);

		if (customers == 0)
			continue;
		values[0] = Int32GetDatum(k);
		period_start_value(s, k, &values[1], &nulls[1]);
		if (which == RETENTION_TABLE)
		{
			values[2] = Int64GetDatum(customers);
			values[3] = Int64GetDatum(COUNT(s, k, C_ACTIVE));
			values[4] = Float8GetDatum((double) COUNT(s, k, C_ACTIVE) / customers);
		}
		else if (which == CHURN_TABLE)
		{
			/* customers active in k - 1 whose period k is complete: they returned or went dormant */
			int64		previous = COUNT(s, k, C_RETURNING) + COUNT(s, k, C_DORMANT);

			if (k == 0)
				continue;
			values[2] = Int64GetDatum(previous);
			values[3] = Int64GetDatum(COUNT(s, k, C_DORMANT));
			values[4] = Float8GetDatum(previous > 0 ? (double) COUNT(s, k, C_DORMANT) / previous : 0);
			nulls[4] = previous == 0;
		}
		else
		{
			values[2] = Int64GetDatum(COUNT(s, k, C_NEW));
			values[3] = Int64GetDatum(COUNT(s, k, C_RETURNING));
			values[4] = Int64GetDatum(COUNT(s, k, C_RESURRECTING));
			values[5] = Int64GetDatum(COUNT(s, k, C_DORMANT));
		}
		cxm_srf_row(&srf, values, nulls);
	}
	return cxm_srf_end(&srf);
}

PG_FUNCTION_INFO_V1(activity_summary_retention);
Datum
activity_summary_retention(PG_FUNCTION_ARGS)
{
	return summary_table(fcinfo, RETENTION_TABLE);
}

PG_FUNCTION_INFO_V1(activity_summary_churn);
Datum
activity_summary_churn(PG_FUNCTION_ARGS)
{
	return summary_table(fcinfo, CHURN_TABLE);
}

PG_FUNCTION_INFO_V1(activity_summary_lifecycle);
Datum
activity_summary_lifecycle(PG_FUNCTION_ARGS)
{
	return summary_table(fcinfo, LIFECYCLE_TABLE);
}

/* ---- churn_status --------------------------------------------------------------------------- */

static bool
interval_positive(Interval *i)
{
	Interval	zero = {0};

	return DatumGetInt32(DirectFunctionCall2(interval_cmp, IntervalPGetDatum(i),
											 IntervalPGetDatum(&zero))) > 0;
}

/*
 * churn_status(last_activity, as_of, churned_after [, at_risk_after [, time_zone]]): 'churned'
 * when no activity for churned_after, 'at_risk' for at_risk_after, else 'active'. Intervals are
 * added to last_activity on the calendar of the time zone, by default the session TimeZone, as
 * timestamptz + interval is (and as activity_periods cuts its periods). The 5-argument form is
 * not strict: a NULL at_risk_after means no at-risk tier; any other NULL gives NULL.
 */
PG_FUNCTION_INFO_V1(churn_status);
Datum
churn_status(PG_FUNCTION_ARGS)
{
	TimestampTz last,
				as_of;
	Interval   *churned_after;
	Interval   *at_risk_after = NULL;
	pg_tz	   *tz = session_timezone;
	const char *status = "active";
	int			i;

	for (i = 0; i < PG_NARGS(); i++)
		if (PG_ARGISNULL(i) && i != 3)
			PG_RETURN_NULL();
	last = PG_GETARG_TIMESTAMPTZ(0);
	as_of = PG_GETARG_TIMESTAMPTZ(1);
	churned_after = PG_GETARG_INTERVAL_P(2);
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		at_risk_after = PG_GETARG_INTERVAL_P(3);
	if (PG_NARGS() > 4)
	{
		char	   *zone = text_to_cstring(PG_GETARG_TEXT_PP(4));

		tz = activity_time_zone(zone);
	}

	if (!interval_positive(churned_after) || (at_risk_after && !interval_positive(at_risk_after)) ||
		(at_risk_after && DatumGetInt32(DirectFunctionCall2(interval_cmp,
															IntervalPGetDatum(at_risk_after),
															IntervalPGetDatum(churned_after))) >= 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn thresholds %s%s%s are not allowed",
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(churned_after))),
						at_risk_after ? " and " : "",
						at_risk_after ? DatumGetCString(DirectFunctionCall1(interval_out,
																			IntervalPGetDatum(at_risk_after))) : ""),
				 errhint("churned_after must be positive, and at_risk_after positive and shorter.")));
	if (activity_add_interval(last, churned_after, tz) <= as_of)
		status = "churned";
	else if (at_risk_after && activity_add_interval(last, at_risk_after, tz) <= as_of)
		status = "at_risk";
	PG_RETURN_TEXT_P(cstring_to_text(status));
}
