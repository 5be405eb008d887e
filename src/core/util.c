/*
 * util.c: helpers shared by every cxm type: the label rules for channels and actions, and
 * quoting of user values in error messages, canonical timestamp and double text, lengths of
 * time as microseconds (intervals as arguments, microseconds in messages), the frame of a
 * set-returning call (row descriptor, tuplestore, the call's own memory), and the
 * interruptible sort.
 */
#include "cxm.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/fmgrprotos.h"
#include "utils/datetime.h"
#include "utils/tuplestore.h"

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

/* ---- set-returning functions ------------------------------------------------------------- */

/* What a set-returning call site keeps in fn_extra: its row descriptor, built once. */
#define CXM_SRF_CACHE_MAGIC 0x43584d53	/* "CXMS" */

typedef struct SrfCache
{
	int32		magic;
	TupleDesc	desc;
} SrfCache;

/*
 * The row descriptor of fcinfo's call site. Catalog lookups build a new descriptor every time
 * (about 1 kB in the memory current at the call), so the first call builds it in a throwaway
 * context and keeps a copy in fn_mcxt; when fn_extra has been reset it is simply built again.
 */
static TupleDesc
srf_row_desc(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	SrfCache   *cache = (SrfCache *) flinfo->fn_extra;
	MemoryContext build,
				old;
	TupleDesc	desc;
	Oid			type;

	if (cache != NULL)
	{
		if (cache->magic != CXM_SRF_CACHE_MAGIC)
			elog(ERROR, "set-returning function found another cache in fn_extra");
		return cache->desc;
	}
	build = AllocSetContextCreate(CurrentMemoryContext, "cxm row descriptor",
								  ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(build);
	switch (get_call_result_type(fcinfo, &type, &desc))
	{
		case TYPEFUNC_COMPOSITE:
			break;
		case TYPEFUNC_SCALAR:
			/* SETOF a scalar type: rows of one column */
			desc = CreateTemplateTupleDesc(1);
			TupleDescInitEntry(desc, (AttrNumber) 1, "value", type, -1, 0);
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
	}
	MemoryContextSwitchTo(flinfo->fn_mcxt);
	cache = palloc(sizeof(SrfCache));
	cache->magic = CXM_SRF_CACHE_MAGIC;
	cache->desc = CreateTupleDescCopy(desc);
	/* a record type gets its typmod now, not per call */
	if (cache->desc->tdtypeid == RECORDOID)
		BlessTupleDesc(cache->desc);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(build);
	flinfo->fn_extra = cache;
	return cache->desc;
}

/* Checks the caller takes a materialized set; gives it a tuplestore and the row descriptor. */
static ReturnSetInfo *
srf_materialize(FunctionCallInfo fcinfo, TupleDesc *desc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	*desc = srf_row_desc(fcinfo);
	/*
	 * The executor reads the rows after the call and then frees the tuplestore, and frees
	 * setDesc after checking it, so both live in per-query memory; setDesc is a copy of the
	 * cached descriptor (a few hundred bytes, freed each time, so the same memory is reused).
	 */
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	rsinfo->setDesc = CreateTupleDescCopy(*desc);
	rsinfo->setResult = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
											  false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	MemoryContextSwitchTo(old);
	return rsinfo;
}

void
cxm_materialize_srf(FunctionCallInfo fcinfo)
{
	TupleDesc	desc;

	srf_materialize(fcinfo, &desc);
}

void
cxm_srf_begin(FunctionCallInfo fcinfo, CxmSrf *srf)
{
	srf->rsinfo = srf_materialize(fcinfo, &srf->desc);
	srf->caller = CurrentMemoryContext;
	srf->scratch = AllocSetContextCreate(CurrentMemoryContext, "cxm set-returning call",
										 ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(srf->scratch);
}

void
cxm_srf_row(CxmSrf *srf, Datum *values, bool *nulls)
{
	/* the tuplestore copies the row into its own memory */
	tuplestore_putvalues(srf->rsinfo->setResult, srf->desc, values, nulls);
}

Datum
cxm_srf_end(CxmSrf *srf)
{
	MemoryContextSwitchTo(srf->caller);
	MemoryContextDelete(srf->scratch);
	srf->scratch = NULL;
	return (Datum) 0;
}

/* ---- allocations sized by user data ------------------------------------------------------ */

void
cxm_check_alloc_bytes(int64 bytes, const char *what)
{
	if (bytes < 0 || (uint64) bytes > (uint64) MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s would need more than %zu bytes of memory, the limit of one allocation",
						what, (Size) MaxAllocSize),
				 errhint("Work on smaller values: split the input into parts that each need less "
						 "than 1 GB.")));
}

static Size
array_bytes(int64 count, Size size, const char *what)
{
	int64		bytes;

	if (count < 1)
		count = 1;
	if (pg_mul_s64_overflow(count, (int64) size, &bytes))
		bytes = -1;
	cxm_check_alloc_bytes(bytes, what);
	return (Size) bytes;
}

void *
cxm_alloc_array(int64 count, Size size, const char *what)
{
	return palloc(array_bytes(count, size, what));
}

void *
cxm_alloc_array0(int64 count, Size size, const char *what)
{
	return palloc0(array_bytes(count, size, what));
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

void
cxm_require_aggregate(FunctionCallInfo fcinfo, const char *function, const char *aggregate)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s can only be called by an aggregate", function),
				 errhint("It is a support function of an aggregate: call %s over the rows instead.",
						 aggregate)));
}

void
cxm_send_label(StringInfo buf, const char *label, int len)
{
	char	   *converted = pg_server_to_client(label, len);
	int			converted_len = (converted == label) ? len : strlen(converted);

	pq_sendint16(buf, (uint16) converted_len);
	pq_sendbytes(buf, converted, converted_len);
	if (converted != label)
		pfree(converted);
}

const char *
cxm_recv_label(StringInfo buf, int wire_len, int *len)
{
	const char *wire = pq_getmsgbytes(buf, wire_len);
	char	   *label = pg_client_to_server(wire, wire_len);

	*len = (label == wire) ? wire_len : strlen(label);
	return label;
}

/*
 * cxm_qsort: the sort template, elements of a run-time size, checking for interrupts (the
 * template is PostgreSQL 14's; on 13 the sort is pg_qsort, which does not answer a cancel)
 */
#if PG_VERSION_NUM >= 140000
#define ST_SORT cxm_qsort_template
#define ST_ELEMENT_TYPE_VOID
#define ST_COMPARE_RUNTIME_POINTER
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

#endif

void
cxm_qsort(void *base, size_t n, size_t size, int (*cmp) (const void *a, const void *b))
{
#if PG_VERSION_NUM >= 140000
	cxm_qsort_template(base, n, size, cmp);
#else
	pg_qsort(base, n, size, cmp);
#endif
}
