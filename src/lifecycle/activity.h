/*
 * activity.h: activity_set, one customer's activity as the set of periods (days, weeks or
 * calendar months in a time zone, counted from a start) in which they were active, up to an
 * as-of time (activity.c); and the period arithmetic the lifecycle summaries share.
 */
#ifndef CXM_ACTIVITY_H
#define CXM_ACTIVITY_H

#include "cxm.h"

#include "pgtime.h"

#define ACTIVITY_VERSION 1
#define ACTIVITY_MONTHS 0x01		/* periods are calendar months (else days) */
#define ACTIVITY_TZ_BYTES 64		/* time zone name, NUL-terminated */
#define ACTIVITY_MAX_PERIODS 100000
/*
 * The longest period, in days or months: timestamptz's whole range (4713 BC to 294276 AD). A
 * longer period could never complete within it, and its length in microseconds overflows.
 */
#define ACTIVITY_MAX_PERIOD_DAYS (TIMESTAMP_END_JULIAN - DATETIME_MIN_JULIAN)
#define ACTIVITY_MAX_PERIOD_MONTHS ((294277 + 4713) * MONTHS_PER_YEAR)

/* How periods are counted: every `length` days or calendar months, in a time zone. */
typedef struct ActivityGrid
{
	bool		months;
	int32		length;
	char		time_zone[ACTIVITY_TZ_BYTES];
} ActivityGrid;

/*
 * The set. Period k is [start + k * period, start + (k + 1) * period) on the local calendar
 * of the time zone; only periods that ended by as_of are kept (nperiods of them), so an
 * unfinished period never looks like inactivity.
 */
typedef struct ActivitySet
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* ACTIVITY_MONTHS */
	int16		reserved;
	int32		length;			/* days or months per period */
	int32		nperiods;		/* complete periods: bits in active[] */
	TimestampTz start;
	TimestampTz as_of;
	char		time_zone[ACTIVITY_TZ_BYTES];
	bits8		active[FLEXIBLE_ARRAY_MEMBER];
} ActivitySet;

#define ACTIVITY_SET_SIZE(nperiods) (offsetof(ActivitySet, active) + ((nperiods) + 7) / 8)
#define ACTIVITY_IS_ACTIVE(set, k) (((set)->active[(k) / 8] >> ((k) % 8)) & 1)

extern ActivitySet *activity_set_arg(FunctionCallInfo fcinfo, int argno);
extern pg_tz *activity_time_zone(const char *name);
/* the start of period k of a grid anchored at start, as a timestamptz */
extern TimestampTz activity_period_start(TimestampTz start, const ActivityGrid *grid, int k);
/* t + span on the calendar of tz (timestamptz + interval with tz as the session TimeZone) */
extern TimestampTz activity_add_interval(TimestampTz t, const Interval *span, pg_tz *tz);
/* a period of length days (or months) is positive and at most the limit above */
extern bool activity_period_length_ok(int64 length, bool months);
extern void activity_grid_of(const ActivitySet *set, ActivityGrid *grid);
extern char *activity_grid_phrase(const ActivityGrid *grid);
/* "1 month", "7 days": a period length as text */
extern char *activity_period_phrase(int length, bool months);

#endif							/* CXM_ACTIVITY_H */
