/*
 * util.c: helpers shared by every cxm type: the label rules for channels and actions, and
 * quoting of user values in error messages, canonical timestamp and double text, and lengths of
 * time as microseconds (intervals as arguments, microseconds in messages), and the
 * interruptible sort.
 */
#include "cxm.h"

#include "common/int.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/fmgrprotos.h"
#include "utils/datetime.h"

/* How much of a user value an error message quotes before it is cut short. */
#define CXM_QUOTE_MAX_BYTES 80

static inline bool
is_reserved(unsigned char c)
{
	return c == '/' || c == '@' || c == '>' || c == ',' || c == '{' || c == '}' || c == '"' ||
		c == '\\';
}

/*
 * label_byte_ok[c]: c may appear in a label (printable ASCII other than the reserved characters,
 * space, every non-ASCII byte). Filled on first use; the common case, a valid label, is then one
 * table lookup per byte.
 */
static bool label_byte_ok[256];
static bool label_table_ready = false;

static void
fill_label_table(void)
{
	int			c;

	for (c = 0; c < 256; c++)
		label_byte_ok[c] = c >= 0x80 || (c > 0x20 && c < 0x7f && !is_reserved((unsigned char) c)) ||
			c == ' ';
	label_table_ready = true;
}

const char *
cxm_label_problem(const char *label, int len)
{
	int			i;

	if (unlikely(!label_table_ready))
		fill_label_table();
	if (likely(len > 0 && len <= CXM_LABEL_MAX_BYTES && label[0] != ' ' && label[len - 1] != ' '))
	{
		const unsigned char *p = (const unsigned char *) label;
		bool		ok = true;

		for (i = 0; i < len; i++)
			ok &= label_byte_ok[p[i]];
		if (likely(ok))
			return NULL;
	}
	/* the slow path says what is wrong */
	if (len <= 0)
		return "is empty";
	if (len > CXM_LABEL_MAX_BYTES)
		return psprintf("is %d bytes long, more than the limit of %d", len, CXM_LABEL_MAX_BYTES);
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) label[i];

		/* printable ASCII other than the reserved characters, and every non-ASCII byte, pass */
		if (likely(c >= 0x80 || (c > 0x20 && c < 0x7f && !is_reserved(c)) || c == ' '))
			continue;
		if (c < 0x20 || c == 0x7f)
			return "contains a control character";
		return psprintf("contains the reserved character \"%c\"", c);
	}
	if (label[0] == ' ' || label[len - 1] == ' ')
		return "has leading or trailing white space";
	return NULL;
}

char *
cxm_quote_value(const char *value, int len)
{
	StringInfoData out;
	int			keep = len;
	int			i;

	/* cut on a character boundary so the message stays valid in the server encoding */
	if (len > CXM_QUOTE_MAX_BYTES)
		keep = pg_mbcliplen(value, len, CXM_QUOTE_MAX_BYTES);
	initStringInfo(&out);
	for (i = 0; i < keep; i++)
	{
		unsigned char c = (unsigned char) value[i];

		/* control characters would break the log line; show them escaped */
		if (c < 0x20 || c == 0x7f)
			appendStringInfo(&out, "\\x%02x", c);
		else
			appendStringInfoChar(&out, (char) c);
	}
	if (keep < len)
		appendStringInfoString(&out, "...");
	return out.data;
}

/* Appends a timestamp as ISO 8601 in UTC ("2025-03-01 10:00:00.5+00"), DateStyle-independent. */
void
cxm_append_utc_timestamp(StringInfo out, TimestampTz t)
{
	struct pg_tm tm;
	fsec_t		fsec;
	char		buf[MAXDATELEN + 1];

	if (timestamp2tm(t, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp is out of range")));
	tm.tm_isdst = 0;			/* known offset: EncodeDateTime omits it when negative */
	EncodeDateTime(&tm, fsec, true, 0, NULL, USE_ISO_DATES, buf);
	appendStringInfoString(out, buf);
}

void
cxm_append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

void
cxm_materialize_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	TupleDesc	desc;
	Oid			type;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	switch (get_call_result_type(fcinfo, &type, &desc))
	{
		case TYPEFUNC_COMPOSITE:
			desc = CreateTupleDescCopy(desc);
			break;
		case TYPEFUNC_SCALAR:
			/* SETOF a scalar type: rows of one column */
			desc = CreateTemplateTupleDesc(1);
			TupleDescInitEntry(desc, (AttrNumber) 1, "value", type, -1, 0);
			break;
		default:
			elog(ERROR, "unsupported return type for a set-returning function");
	}
	rsinfo->setDesc = desc;
	rsinfo->setResult = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	MemoryContextSwitchTo(old);
}

/* Microseconds as interval text, for messages: '1 day 02:00:00'. */
char *
cxm_usecs_text(int64 usecs)
{
	Interval	iv;

	iv.month = 0;
	iv.day = (int32) (usecs / USECS_PER_DAY);
	iv.time = usecs % USECS_PER_DAY;
	return DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(&iv)));
}

/*
 * An interval as microseconds, for gaps and windows: days count as 24 hours, months refused,
 * and more microseconds than an int64 holds (over 106751991 days) refused rather than wrapped.
 */
int64
cxm_interval_usecs(const Interval *span, const char *what)
{
	int64		usecs;

	if (span->month != 0 || span->time < 0 || span->day < 0 ||
		(span->time == 0 && span->day == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s \"%s\" is not supported", what,
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(span)))),
				 errhint("Use a positive interval of days, hours, minutes or seconds "
						 "(months have no fixed length).")));
	if (pg_mul_s64_overflow((int64) span->day, USECS_PER_DAY, &usecs) ||
		pg_add_s64_overflow(usecs, span->time, &usecs))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s \"%s\" is out of range", what,
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(span)))),
				 errhint("Use at most 106751991 days.")));
	return usecs;
}

/* cxm_qsort: the sort template, elements of a run-time size, checking for interrupts */
#define ST_SORT cxm_qsort_template
#define ST_ELEMENT_TYPE_VOID
#define ST_COMPARE_RUNTIME_POINTER
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

void
cxm_qsort(void *base, size_t n, size_t size, int (*cmp) (const void *a, const void *b))
{
	cxm_qsort_template(base, n, size, cmp);
}
