/*
 * activity.c: the activity_set type, one customer's active periods since a start, counted in
 * whole days, weeks or calendar months of a time zone up to an as-of time: the aggregate
 * activity_periods(at, start, period, as_of [, time_zone]), text and binary I/O, accessors, and
 * the customer's lifecycle states (new, returning, resurrecting, dormant) per period.
 */
#include "activity.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"

#include "json_reader.h"

/* the hint of every binary input error of this file */
#define ACTIVITY_BINARY_HINT "The binary form is int8 version, int8 flags (bit 0 months), int32 period length, int32 periods, int64 start, int64 as_of, int16 length and bytes of the time zone name, then the bitmap of periods."

#define PERIOD_HINT "Use whole days, weeks or months, e.g. '1 day', '7 days', '1 week' or '1 month'."

/* ---- periods on a local calendar ------------------------------------------------------------ */

/*
 * Zone names are printable ASCII without double quotes and backslashes, as every IANA name and
 * every useful POSIX zone spec is: the text form writes the name in a JSON string without escapes.
 * pg_tzset alone also takes odd POSIX specs such as 'Erope/Ber\3n' or with bytes that are not
 * valid text, which would print as text that does not read back (found by
 * test/fuzz/long_run.sh in binary input).
 */
static bool
zone_name_ok(const char *name)
{
	const unsigned char *p;

	for (p = (const unsigned char *) name; *p; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
			return false;
	return true;
}

pg_tz *
activity_time_zone(const char *name)
{
	pg_tz	   *tz = strlen(name) < ACTIVITY_TZ_BYTES && zone_name_ok(name) ? pg_tzset(name) : NULL;

	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" is not recognized",
						cxm_quote_value(name, strlen(name))),
				 errhint("Use a time zone name such as 'UTC' or 'Europe/Berlin' "
						 "(see pg_timezone_names).")));
	return tz;
}

/* A local (zone-less) time as text, for messages. */
static char *
local_text(Timestamp t)
{
	return DatumGetCString(DirectFunctionCall1(timestamp_out, TimestampGetDatum(t)));
}

/* Raises 22008 for a time (what: "start of period 5", say) beyond timestamptz's range. */
static void
time_out_of_range(const char *what)
	pg_attribute_noreturn();

static void
time_out_of_range(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("%s is out of range for timestamptz", what),
			 errhint("Times, and times plus a period or threshold, must lie between 4713 BC and "
					 "294276 AD in the time zone used.")));
}

/* The local wall-clock time of t in tz, as a plain timestamp; false when out of range. */
static bool
try_local_time(TimestampTz t, pg_tz *tz, Timestamp *local)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;

	return timestamp2tm(t, &offset, &tm, &fsec, NULL, tz) == 0 &&
		tm2timestamp(&tm, fsec, NULL, local) == 0;
}

static Timestamp
local_time(TimestampTz t, pg_tz *tz)
{
	Timestamp	local;

	if (!try_local_time(t, tz, &local))
		time_out_of_range(psprintf("the local time of %s", timestamptz_to_str(t)));
	return local;
}

/* local + months calendar months, the day clamped to the month's length (Jan 31 + 1 = Feb 28) */
static Timestamp
add_months(Timestamp local, int64 months)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int64		month_index;
	Timestamp	result;

	if (timestamp2tm(local, NULL, &tm, &fsec, NULL, NULL) != 0)
		goto out_of_range;
	month_index = (int64) tm.tm_year * 12 + (tm.tm_mon - 1) + months;
	if (month_index < -100000 * 12 || month_index > 300000 * 12)
		goto out_of_range;
	tm.tm_year = (int) (month_index >= 0 ? month_index / 12 : -((-month_index + 11) / 12));
	tm.tm_mon = (int) (month_index - (int64) tm.tm_year * 12) + 1;
	tm.tm_mday = Min(tm.tm_mday, day_tab[isleap(tm.tm_year)][tm.tm_mon - 1]);
	if (tm2timestamp(&tm, fsec, NULL, &result) != 0)
		goto out_of_range;
	return result;
out_of_range:
	time_out_of_range(psprintf("%s plus " INT64_FORMAT " months", local_text(local), months));
	return 0;					/* not reached */
}

static int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* A local timestamp split into calendar date and time of day, without pg_tm round trips. */
typedef struct LocalDate
{
	int			year;
	int			month;
	int			day;
	int64		time_of_day;
} LocalDate;

static void
split_local(Timestamp local, LocalDate *d)
{
	int64		days = floor_div(local, USECS_PER_DAY);

	d->time_of_day = local - days * USECS_PER_DAY;
	j2date((int) (days + POSTGRES_EPOCH_JDATE), &d->year, &d->month, &d->day);
}

/*
 * Whole months from local date start to local date t (may be negative): t is before the start
 * shifted by that many months when its day, or on that day its time, is earlier than the
 * start's day clamped to t's month (the month rule of add_months).
 */
static int64
months_between(const LocalDate *start, const LocalDate *t)
{
	int64		months = ((int64) t->year - start->year) * 12 + (t->month - start->month);
	int			start_day = Min(start->day, day_tab[isleap(t->year)][t->month - 1]);

	if (t->day < start_day || (t->day == start_day && t->time_of_day < start->time_of_day))
		months--;
	return months;
}

/*
 * Whole days from local time start to local time t, rounded down. Counted on days and times of
 * day apart, since t - start itself overflows int64 across the whole range (4713 BC to
 * 294276 AD is more than 2^63 microseconds).
 */
static int64
days_between(Timestamp start, Timestamp t)
{
	int64		days = floor_div(t, USECS_PER_DAY) - floor_div(start, USECS_PER_DAY);
	int64		time_of_day_t = t - floor_div(t, USECS_PER_DAY) * USECS_PER_DAY;
	int64		time_of_day_start = start - floor_div(start, USECS_PER_DAY) * USECS_PER_DAY;

	return time_of_day_t < time_of_day_start ? days - 1 : days;
}

/*
 * The period index of local time t on a grid anchored at local time start (may be negative).
 * Plain arithmetic on valid local times: it cannot fail. A day period is floor(days / length):
 * the part of a day left over never reaches the next multiple of length.
 */
static int64
period_index(Timestamp start, Timestamp t, const ActivityGrid *grid)
{
	LocalDate	ds,
				dt;

	if (!grid->months)
		return floor_div(days_between(start, t), grid->length);
	split_local(start, &ds);
	split_local(t, &dt);
	return floor_div(months_between(&ds, &dt), grid->length);
}

TimestampTz
activity_period_start(TimestampTz start, const ActivityGrid *grid, int k)
{
	pg_tz	   *tz = activity_time_zone(grid->time_zone);
	Timestamp	local = local_time(start, tz);
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;
	int64		offset_us;
	TimestampTz result;

	if (grid->months)
		local = add_months(local, (int64) k * grid->length);
	else if (pg_mul_s64_overflow((int64) k * grid->length, USECS_PER_DAY, &offset_us) ||
			 pg_add_s64_overflow(local, offset_us, &local))
		time_out_of_range(psprintf("the start of period %d", k));
	if (timestamp2tm(local, NULL, &tm, &fsec, NULL, NULL) != 0)
		time_out_of_range(psprintf("the start of period %d", k));
	offset = DetermineTimeZoneOffset(&tm, tz);
	if (tm2timestamp(&tm, fsec, &offset, &result) != 0)
		time_out_of_range(psprintf("the start of period %d", k));
	return result;
}

/*
 * t + span on the calendar of tz, exactly as timestamptz + interval is on the session TimeZone's:
 * months first (the day clamped to the month's length), then days (the local time of day kept
 * across a DST change), then the time part as elapsed microseconds.
 */
TimestampTz
activity_add_interval(TimestampTz t, const Interval *span, pg_tz *tz)
{
	TimestampTz from = t;
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;

	if (TIMESTAMP_NOT_FINITE(t))
		return t;
	/* beyond these, every result is out of range (and int arithmetic would overflow) */
	if (span->month < -300000 * MONTHS_PER_YEAR || span->month > 300000 * MONTHS_PER_YEAR ||
		span->day < -300000 * 366 || span->day > 300000 * 366)
		goto out_of_range;
	if (span->month != 0)
	{
		if (timestamp2tm(t, &offset, &tm, &fsec, NULL, tz) != 0)
			goto out_of_range;
		tm.tm_mon += span->month;
		if (tm.tm_mon > MONTHS_PER_YEAR)
		{
			tm.tm_year += (tm.tm_mon - 1) / MONTHS_PER_YEAR;
			tm.tm_mon = (tm.tm_mon - 1) % MONTHS_PER_YEAR + 1;
		}
		else if (tm.tm_mon < 1)
		{
			tm.tm_year += tm.tm_mon / MONTHS_PER_YEAR - 1;
			tm.tm_mon = tm.tm_mon % MONTHS_PER_YEAR + MONTHS_PER_YEAR;
		}
		tm.tm_mday = Min(tm.tm_mday, day_tab[isleap(tm.tm_year)][tm.tm_mon - 1]);
		offset = DetermineTimeZoneOffset(&tm, tz);
		if (tm2timestamp(&tm, fsec, &offset, &t) != 0)
			goto out_of_range;
	}
	if (span->day != 0)
	{
		int			julian;

		if (timestamp2tm(t, &offset, &tm, &fsec, NULL, tz) != 0)
			goto out_of_range;
		julian = date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) + span->day;
		j2date(julian, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		offset = DetermineTimeZoneOffset(&tm, tz);
		if (tm2timestamp(&tm, fsec, &offset, &t) != 0)
			goto out_of_range;
	}
	if (pg_add_s64_overflow(t, span->time, &t) || !IS_VALID_TIMESTAMP(t))
		goto out_of_range;
	return t;
out_of_range:
	time_out_of_range(psprintf("%s plus %s", timestamptz_to_str(from),
							   DatumGetCString(DirectFunctionCall1(interval_out,
																   IntervalPGetDatum(span)))));
	return 0;					/* not reached */
}

bool
activity_period_length_ok(int64 length, bool months)
{
	return length > 0 &&
		length <= (months ? ACTIVITY_MAX_PERIOD_MONTHS : ACTIVITY_MAX_PERIOD_DAYS);
}

/* Reads a period interval: whole days (weeks are 7 days) or whole months, nothing else. */
static void
grid_from_interval(const Interval *period, ActivityGrid *grid)
{
	if (period->time == 0 && period->month == 0 && period->day > 0)
	{
		grid->months = false;
		grid->length = period->day;
	}
	else if (period->time == 0 && period->day == 0 && period->month > 0)
	{
		grid->months = true;
		grid->length = period->month;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("period \"%s\" is not supported",
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(period)))),
				 errhint(PERIOD_HINT)));
	if (!activity_period_length_ok(grid->length, grid->months))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("period \"%s\" is longer than the range of timestamptz",
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(period)))),
				 errhint("A period is at most %d days or %d months (4713 BC to 294276 AD).",
						 ACTIVITY_MAX_PERIOD_DAYS, ACTIVITY_MAX_PERIOD_MONTHS)));
}

void
activity_grid_of(const ActivitySet *set, ActivityGrid *grid)
{
	grid->months = (set->flags & ACTIVITY_MONTHS) != 0;
	grid->length = set->length;
	memcpy(grid->time_zone, set->time_zone, ACTIVITY_TZ_BYTES);
}

char *
activity_period_phrase(int length, bool months)
{
	return psprintf("%d %s", length,
					months ? (length == 1 ? "month" : "months") : (length == 1 ? "day" : "days"));
}

char *
activity_grid_phrase(const ActivityGrid *grid)
{
	return psprintf("%s in %s", activity_period_phrase(grid->length, grid->months), grid->time_zone);
}

/* A number of complete periods, checked against the limit (none before the start). */
static int
check_period_count(int64 n, const ActivityGrid *grid)
{
	if (n > ACTIVITY_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%lld periods of %s between start and as_of are more than the limit of %d",
						(long long) n, activity_grid_phrase(grid), ACTIVITY_MAX_PERIODS),
				 errhint("Use a longer period or a later start.")));
	return (int) Max(n, 0);
}

/* ---- the aggregate -------------------------------------------------------------------------- */

/* What one call site keeps between rows: the time zone and the start, prepared once. */
typedef struct ActivityCache
{
	char		time_zone[ACTIVITY_TZ_BYTES];
	pg_tz	   *tz;
	bool		utc;			/* local time is UTC: no conversion */
	bool		valid;
	TimestampTz start;
	Timestamp	local_start;
	LocalDate	start_date;
} ActivityCache;

/*
 * The time zone and start prepared last in this backend, keyed by their values (zone name and
 * start), so a copy is right wherever those are the row's: pg_tz pointers stay valid for the
 * backend's life (pg_tzset never frees them). Empty (tz NULL, not valid) until first use.
 */
static ActivityCache last_prepared;

/* period_index() for the hot path: the same answer from the start prepared once. */
static int64
cached_period_index(const ActivityCache *cache, const ActivityGrid *grid, TimestampTz t)
{
	Timestamp	local = cache->utc ? t : local_time(t, cache->tz);
	LocalDate	d;

	if (!grid->months)
		return floor_div(days_between(cache->local_start, local), grid->length);
	split_local(local, &d);
	return floor_div(months_between(&cache->start_date, &d), grid->length);
}

/*
 * The 4-argument activity_periods counts in the session TimeZone and records its name in the
 * set, so that sets built in sessions with other zones do not combine: the name must fit.
 */
static void
check_session_zone(const char *name)
{
	if (strlen(name) >= ACTIVITY_TZ_BYTES || !zone_name_ok(name))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("session time zone \"%s\" cannot be recorded in an activity_set",
						cxm_quote_value(name, strlen(name))),
				 errhint("Pass a time zone name as the fifth argument of activity_periods, "
						 "e.g. 'UTC' or 'America/New_York'.")));
}

/*
 * activity_periods(at, start, period, as_of [, time_zone]): marks the period of each activity
 * time. A NULL time still creates the set, so customers without activity count in
 * denominators (LEFT JOIN them in). Activity before start or in periods not yet complete at
 * as_of is not recorded. Without a time zone argument periods are cut on the calendar of the
 * session TimeZone, as date_trunc and timestamptz + interval are; parallel workers inherit it.
 */
PG_FUNCTION_INFO_V1(activity_periods_trans);
Datum
activity_periods_trans(PG_FUNCTION_ARGS)
{
	ActivitySet *set = PG_ARGISNULL(0) ? NULL : (ActivitySet *) PG_GETARG_POINTER(0);
	ActivityCache *cache = (ActivityCache *) fcinfo->flinfo->fn_extra;
	TimestampTz start,
				as_of;
	ActivityGrid grid;
	const char *zone;
	int64		k;

	cxm_require_aggregate(fcinfo, "activity_periods_trans", "activity_periods(activity_at, start, period, as_of [, time_zone])");
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4) ||
		(PG_NARGS() > 5 && PG_ARGISNULL(5)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("activity_periods %s must not be NULL",
						PG_ARGISNULL(2) ? "start" : PG_ARGISNULL(3) ? "period" :
						PG_ARGISNULL(4) ? "as_of" : "time zone"),
				 errhint("Pass a finite start, a period such as '1 month', a finite as_of and a time "
						 "zone name; leave out customers without a start, e.g. WHERE signed_up_at "
						 "IS NOT NULL.")));
	if (cache == NULL)
	{
		/*
		 * A new call site, or a caller that sets the function up again for every row (Citus's
		 * worker_partial_agg), where fn_extra never survives: start from the zone and start this
		 * backend prepared last, which the checks below reuse when they are this row's.
		 */
		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(ActivityCache));
		*cache = last_prepared;
		fcinfo->flinfo->fn_extra = cache;
	}
	start = PG_GETARG_TIMESTAMPTZ(2);
	as_of = PG_GETARG_TIMESTAMPTZ(4);
	if (PG_NARGS() > 5)
	{
		text	   *zone_arg = PG_GETARG_TEXT_PP(5);
		int			len = VARSIZE_ANY_EXHDR(zone_arg);

		/* the zone of the row before, as a rule: no copy per row */
		if (cache->tz != NULL && len < ACTIVITY_TZ_BYTES &&
			memcmp(cache->time_zone, VARDATA_ANY(zone_arg), len) == 0 &&
			cache->time_zone[len] == '\0')
			zone = cache->time_zone;
		else
			zone = text_to_cstring(zone_arg);
	}
	else
		zone = pg_get_timezone_name(session_timezone);
	if (TIMESTAMP_NOT_FINITE(start) || TIMESTAMP_NOT_FINITE(as_of))
	{
		TimestampTz bad = TIMESTAMP_NOT_FINITE(start) ? start : as_of;

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("activity_periods %s %s is not finite",
						TIMESTAMP_NOT_FINITE(start) ? "start" : "as_of",
						TIMESTAMP_IS_NOBEGIN(bad) ? "-infinity" : "infinity"),
				 errhint("Pass finite timestamps for start and as_of.")));
	}
	grid_from_interval(PG_GETARG_INTERVAL_P(3), &grid);

	if (cache->tz == NULL || strcmp(cache->time_zone, zone) != 0)
	{
		if (PG_NARGS() <= 5)
			check_session_zone(zone);
		cache->tz = activity_time_zone(zone);
		snprintf(cache->time_zone, ACTIVITY_TZ_BYTES, "%s", zone);
		cache->utc = strcmp(zone, "UTC") == 0;
		cache->valid = false;
	}
	if (!cache->valid || cache->start != start)
	{
		cache->local_start = cache->utc ? start : local_time(start, cache->tz);
		split_local(cache->local_start, &cache->start_date);
		cache->start = start;
		cache->valid = true;
		last_prepared = *cache;
	}

	if (set == NULL)
	{
		int			n;

		snprintf(grid.time_zone, ACTIVITY_TZ_BYTES, "%s", zone);
		n = check_period_count(cached_period_index(cache, &grid, as_of), &grid);

		/* per-row context: the executor copies a new state into the aggregate context */
		set = palloc0(ACTIVITY_SET_SIZE(n));
		SET_VARSIZE(set, ACTIVITY_SET_SIZE(n));
		set->version = ACTIVITY_VERSION;
		set->flags = grid.months ? ACTIVITY_MONTHS : 0;
		set->length = grid.length;
		set->nperiods = n;
		set->start = start;
		set->as_of = as_of;
		snprintf(set->time_zone, ACTIVITY_TZ_BYTES, "%s", zone);
	}
	else if (set->start != start || set->as_of != as_of || set->length != grid.length ||
			 (set->flags & ACTIVITY_MONTHS) != (grid.months ? ACTIVITY_MONTHS : 0) ||
			 strcmp(set->time_zone, zone) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("activity_periods start, period, as_of or time zone changed within one group"),
				 errdetail("The group started with start %s, period %s, as_of %s, time zone \"%s\"; "
						   "this row has start %s, period %s, as_of %s, time zone \"%s\".",
						   pstrdup(timestamptz_to_str(set->start)),
						   activity_period_phrase(set->length, (set->flags & ACTIVITY_MONTHS) != 0),
						   pstrdup(timestamptz_to_str(set->as_of)), set->time_zone,
						   pstrdup(timestamptz_to_str(start)),
						   activity_period_phrase(grid.length, grid.months),
						   pstrdup(timestamptz_to_str(as_of)), zone),
				 errhint("Group by the customer and pass one start per customer, e.g. GROUP BY "
						 "customer_id, signed_up_at.")));

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(set);
	k = cached_period_index(cache, &grid, PG_GETARG_TIMESTAMPTZ(1));
	if (k >= 0 && k < set->nperiods)
		set->active[k / 8] |= (bits8) (1 << (k % 8));
	PG_RETURN_POINTER(set);
}

static void
check_same_grid(const ActivitySet *a, const ActivitySet *b)
{
	if (a->start != b->start || a->as_of != b->as_of || a->length != b->length ||
		a->flags != b->flags || strcmp(a->time_zone, b->time_zone) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine activity sets with different start, period, as_of or time zone"),
				 errdetail("One has start %s, period %s, as_of %s, time zone \"%s\"; the other "
						   "%s, %s, %s, \"%s\".",
						   pstrdup(timestamptz_to_str(a->start)),
						   activity_period_phrase(a->length, (a->flags & ACTIVITY_MONTHS) != 0),
						   pstrdup(timestamptz_to_str(a->as_of)), a->time_zone,
						   pstrdup(timestamptz_to_str(b->start)),
						   activity_period_phrase(b->length, (b->flags & ACTIVITY_MONTHS) != 0),
						   pstrdup(timestamptz_to_str(b->as_of)), b->time_zone),
				 errhint("Combine only the sets of one customer, built with the same arguments; "
						 "activity_periods without a time zone argument uses the session TimeZone, "
						 "so pass the same time zone to every call, e.g. 'UTC'.")));
}

/* Combine: the union of two partial sets of the same customer (in place). */
PG_FUNCTION_INFO_V1(activity_set_combine);
Datum
activity_set_combine(PG_FUNCTION_ARGS)
{
	ActivitySet *a = activity_set_arg(fcinfo, 0);
	ActivitySet *b = activity_set_arg(fcinfo, 1);
	int			i;

	check_same_grid(a, b);
	if (!cxm_may_modify_arg0(fcinfo, a))
	{
		ActivitySet *copy = palloc(VARSIZE(a));

		memcpy(copy, a, VARSIZE(a));
		a = copy;
	}
	for (i = 0; i < (a->nperiods + 7) / 8; i++)
		a->active[i] |= b->active[i];
	PG_RETURN_POINTER(a);
}

/* ---- validation and I/O --------------------------------------------------------------------- */

static const char *
set_problem(const ActivitySet *set)
{
	ActivityGrid grid;
	Timestamp	local_start,
				local_as_of;
	int64		span;
	int			n;
	pg_tz	   *tz;

	if (set->version != ACTIVITY_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						set->version, ACTIVITY_VERSION);
	if ((set->flags & ~ACTIVITY_MONTHS) != 0 ||
		!activity_period_length_ok(set->length, (set->flags & ACTIVITY_MONTHS) != 0))
		return psprintf("the period must be a positive number of days or months, at most %d days "
						"or %d months", ACTIVITY_MAX_PERIOD_DAYS, ACTIVITY_MAX_PERIOD_MONTHS);
	if (memchr(set->time_zone, '\0', ACTIVITY_TZ_BYTES) == NULL ||
		!zone_name_ok(set->time_zone) || (tz = pg_tzset(set->time_zone)) == NULL)
		return "the time zone is not recognized";
	if (TIMESTAMP_NOT_FINITE(set->start) || TIMESTAMP_NOT_FINITE(set->as_of) ||
		!IS_VALID_TIMESTAMP(set->start) || !IS_VALID_TIMESTAMP(set->as_of))
		return "start and as_of must be finite";
	/* what complete periods count, but reported, not raised (soft input errors on PG 16+) */
	if (!try_local_time(set->start, tz, &local_start) || !try_local_time(set->as_of, tz, &local_as_of))
		return psprintf("start or as_of is out of range in time zone %s", set->time_zone);
	activity_grid_of(set, &grid);
	span = period_index(local_start, local_as_of, &grid);
	if (span > ACTIVITY_MAX_PERIODS)
		return psprintf("start and as_of are %lld periods of %s apart, more than the limit of %d",
						(long long) span, activity_grid_phrase(&grid), ACTIVITY_MAX_PERIODS);
	n = (int) Max(span, 0);
	if (n != set->nperiods)
		return psprintf("%d periods are stored but %d are complete between start and as_of",
						set->nperiods, n);
	if (n % 8 != 0 && (set->active[n / 8] >> (n % 8)) != 0)
		return "an active period lies beyond the complete periods";
	return NULL;
}

ActivitySet *
activity_set_arg(FunctionCallInfo fcinfo, int argno)
{
	ActivitySet *set = (ActivitySet *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(set) < offsetof(ActivitySet, active) || set->version != ACTIVITY_VERSION ||
		VARSIZE(set) != ACTIVITY_SET_SIZE(set->nperiods))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("activity_set value has an unsupported format (version %d)", set->version)));
	return set;
}

PG_FUNCTION_INFO_V1(activity_set_out);
Datum
activity_set_out(PG_FUNCTION_ARGS)
{
	ActivitySet *set = activity_set_arg(fcinfo, 0);
	StringInfoData out;
	bool		first = true;
	int			k;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"start\": \"", set->version);
	cxm_append_utc_timestamp(&out, set->start);
	appendStringInfo(&out, "\", \"period_%s\": %d, \"time_zone\": \"%s\", \"as_of\": \"",
					 (set->flags & ACTIVITY_MONTHS) ? "months" : "days", set->length,
					 set->time_zone);
	cxm_append_utc_timestamp(&out, set->as_of);
	appendStringInfo(&out, "\", \"periods\": %d, \"active\": [", set->nperiods);
	for (k = 0; k < set->nperiods; k++)
		if (ACTIVITY_IS_ACTIVE(set, k))
		{
			appendStringInfo(&out, "%s%d", first ? "" : ", ", k);
			first = false;
		}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

enum set_key
{
	SK_VERSION, SK_START, SK_DAYS, SK_MONTHS, SK_ZONE, SK_AS_OF, SK_PERIODS, SK_ACTIVE, SK_COUNT
};
static const char *const set_keys[SK_COUNT] = {
	"version", "start", "period_days", "period_months", "time_zone", "as_of", "periods", "active"
};

static bool
read_timestamp(const CxmJsonValue *v, const char *key, TimestampTz *result, char **problem)
{
	Datum		d;
	char	   *text;

	if (!cxm_json_expect(v, key, CXM_JSON_STRING, problem))
		return false;
	text = pnstrdup(v->text, v->len);
#if PG_VERSION_NUM >= 160000
	{
		ErrorSaveContext escontext = {T_ErrorSaveContext};

		if (!DirectInputFunctionCallSafe(timestamptz_in, text, InvalidOid, -1,
										 (Node *) &escontext, &d))
		{
			*problem = psprintf("\"%s\" is not a timestamp", key);
			return false;
		}
	}
#else
	d = DirectFunctionCall3(timestamptz_in, CStringGetDatum(text),
							ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
#endif
	*result = DatumGetTimestampTz(d);
	return true;
}

static bool
parse_set(const char *input, ActivitySet **result, char **problem)
{
	CxmJsonValue v[SK_COUNT];
	int64		version,
				length,
				periods,
				k;
	ActivitySet *set;
	int			i;
	bool		months;

	if (!cxm_json_read(input, set_keys, SK_COUNT, v, problem) ||
		!cxm_json_expect(&v[SK_VERSION], "version", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[SK_VERSION].text, v[SK_VERSION].len, &version, problem) ||
		!cxm_json_expect(&v[SK_PERIODS], "periods", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[SK_PERIODS].text, v[SK_PERIODS].len, &periods, problem) ||
		!cxm_json_expect(&v[SK_ZONE], "time_zone", CXM_JSON_STRING, problem) ||
		!cxm_json_expect(&v[SK_ACTIVE], "active", CXM_JSON_ARRAY, problem))
		return false;
	if ((v[SK_DAYS].kind == CXM_JSON_MISSING) == (v[SK_MONTHS].kind == CXM_JSON_MISSING))
	{
		*problem = "exactly one of \"period_days\" and \"period_months\" is required";
		return false;
	}
	months = v[SK_MONTHS].kind != CXM_JSON_MISSING;
	if (!cxm_json_expect(&v[months ? SK_MONTHS : SK_DAYS], set_keys[months ? SK_MONTHS : SK_DAYS],
						 CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[months ? SK_MONTHS : SK_DAYS].text, v[months ? SK_MONTHS : SK_DAYS].len,
						&length, problem))
		return false;
	if (version < 0 || version > 255 || length <= 0 || length > PG_INT32_MAX ||
		periods < 0 || periods > ACTIVITY_MAX_PERIODS || v[SK_ZONE].len >= ACTIVITY_TZ_BYTES)
	{
		*problem = "version, period, periods or time_zone is out of range";
		return false;
	}
	set = palloc0(ACTIVITY_SET_SIZE(periods));
	SET_VARSIZE(set, ACTIVITY_SET_SIZE(periods));
	set->version = (uint8) version;
	set->flags = months ? ACTIVITY_MONTHS : 0;
	set->length = (int32) length;
	set->nperiods = (int32) periods;
	memcpy(set->time_zone, v[SK_ZONE].text, v[SK_ZONE].len);
	if (!read_timestamp(&v[SK_START], "start", &set->start, problem) ||
		!read_timestamp(&v[SK_AS_OF], "as_of", &set->as_of, problem))
		return false;
	for (i = 0; i < v[SK_ACTIVE].nitems; i++)
	{
		if (!cxm_json_int64(v[SK_ACTIVE].items[i], v[SK_ACTIVE].item_lens[i], &k, problem))
			return false;
		if (k < 0 || k >= periods)
		{
			*problem = psprintf("active period " INT64_FORMAT " is not one of the %d complete periods",
								k, (int) periods);
			return false;
		}
		set->active[k / 8] |= (bits8) (1 << (k % 8));
	}
	*result = set;
	return true;
}

PG_FUNCTION_INFO_V1(activity_set_in);
Datum
activity_set_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	ActivitySet *set = NULL;
	char	   *problem = NULL;

	if (parse_set(input, &set, &problem))
		problem = (char *) set_problem(set);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type activity_set: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The set is invalid: %s.", problem),
				 errhint("Write activity_set values as {\"version\": 1, \"start\": \"2025-01-01 00:00:00+00\", "
						 "\"period_months\": 1, \"time_zone\": \"UTC\", \"as_of\": \"2025-07-01 00:00:00+00\", "
						 "\"periods\": 6, \"active\": [0, 2]}.")));
	PG_RETURN_POINTER(set);
}

/*
 * Binary form: int8 version, int8 flags (bit 0: months), int32 period length, int32 periods,
 * int64 start, int64 as_of (microseconds since 2000-01-01 UTC), int16 length and bytes of the
 * time zone name, then the bitmap of complete periods, (periods + 7) / 8 bytes, bit k of byte
 * k / 8 set when period k was active.
 */
PG_FUNCTION_INFO_V1(activity_set_send);
Datum
activity_set_send(PG_FUNCTION_ARGS)
{
	ActivitySet *set = activity_set_arg(fcinfo, 0);
	StringInfoData buf;
	int			zone_len = strlen(set->time_zone);

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, set->version);
	pq_sendbyte(&buf, set->flags);
	pq_sendint32(&buf, set->length);
	pq_sendint32(&buf, set->nperiods);
	pq_sendint64(&buf, set->start);
	pq_sendint64(&buf, set->as_of);
	pq_sendint16(&buf, zone_len);
	pq_sendbytes(&buf, set->time_zone, zone_len);
	pq_sendbytes(&buf, (char *) set->active, (set->nperiods + 7) / 8);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_check(StringInfo buf, int needed)
{
	if (needed < 0 || buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary activity_set is truncated: %d more bytes needed, %d remain",
						needed, buf->len - buf->cursor),
				 errhint(ACTIVITY_BINARY_HINT)));
}

PG_FUNCTION_INFO_V1(activity_set_recv);
Datum
activity_set_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ActivitySet head;
	ActivitySet *set;
	int			zone_len;
	const char *problem;

	memset(&head, 0, sizeof(head));
	recv_check(buf, 28);
	head.version = pq_getmsgbyte(buf);
	head.flags = pq_getmsgbyte(buf);
	head.length = pq_getmsgint(buf, 4);
	head.nperiods = pq_getmsgint(buf, 4);
	head.start = pq_getmsgint64(buf);
	head.as_of = pq_getmsgint64(buf);
	zone_len = pq_getmsgint(buf, 2);
	if (head.nperiods < 0 || head.nperiods > ACTIVITY_MAX_PERIODS || zone_len >= ACTIVITY_TZ_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary activity_set: %d periods, time zone of %d bytes",
						head.nperiods, zone_len),
				 errhint(ACTIVITY_BINARY_HINT)));
	recv_check(buf, zone_len + (head.nperiods + 7) / 8);
	set = palloc0(ACTIVITY_SET_SIZE(head.nperiods));
	memcpy(set, &head, offsetof(ActivitySet, active));
	SET_VARSIZE(set, ACTIVITY_SET_SIZE(head.nperiods));
	pq_copymsgbytes(buf, set->time_zone, zone_len);
	pq_copymsgbytes(buf, (char *) set->active, (head.nperiods + 7) / 8);
	problem = set_problem(set);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary activity_set: %s", problem),
				 errhint(ACTIVITY_BINARY_HINT)));
	PG_RETURN_POINTER(set);
}

/* ---- accessors ------------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(activity_set_eq);
Datum
activity_set_eq(PG_FUNCTION_ARGS)
{
	ActivitySet *a = activity_set_arg(fcinfo, 0);
	ActivitySet *b = activity_set_arg(fcinfo, 1);

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0);
}

PG_FUNCTION_INFO_V1(activity_set_active_periods);
Datum
activity_set_active_periods(PG_FUNCTION_ARGS)
{
	ActivitySet *set = activity_set_arg(fcinfo, 0);
	Datum	   *items = palloc(Max(set->nperiods, 1) * sizeof(Datum));
	int			n = 0,
				k;

	for (k = 0; k < set->nperiods; k++)
		if (ACTIVITY_IS_ACTIVE(set, k))
			items[n++] = Int32GetDatum(k);
	PG_RETURN_ARRAYTYPE_P(construct_array(items, n, INT4OID, sizeof(int32), true, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(activity_set_complete_periods);
Datum
activity_set_complete_periods(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(activity_set_arg(fcinfo, 0)->nperiods);
}

/*
 * lifecycle_states(set): one row per period from the first active one on, PostHog's states:
 * new (the first active period), returning (active, and active in the period before),
 * resurrecting (active after at least one inactive period), dormant (inactive right after an
 * active period). Periods inactive after a dormant one have no row.
 */
PG_FUNCTION_INFO_V1(activity_set_lifecycle_states);
Datum
activity_set_lifecycle_states(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	ActivitySet *set;
	ActivityGrid grid;
	int			k,
				first = -1;

	cxm_srf_begin(fcinfo, &srf);
	set = activity_set_arg(fcinfo, 0);
	activity_grid_of(set, &grid);
	for (k = 0; k < set->nperiods; k++)
	{
		bool		now = ACTIVITY_IS_ACTIVE(set, k);
		bool		before = k > 0 && ACTIVITY_IS_ACTIVE(set, k - 1);
		const char *state;
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		if (first < 0 && now)
			first = k;
		if (first < 0)
			continue;
		if (now)
			state = k == first ? "new" : (before ? "returning" : "resurrecting");
		else if (before)
			state = "dormant";
		else
			continue;
		values[0] = Int32GetDatum(k);
		values[1] = TimestampTzGetDatum(activity_period_start(set->start, &grid, k));
		values[2] = CStringGetTextDatum(state);
		cxm_srf_row(&srf, values, nulls);
	}
	return cxm_srf_end(&srf);
}
