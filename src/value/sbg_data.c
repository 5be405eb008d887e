/*
 * sbg_data.c: the sbg_data type (sbg.h), what the sBG subscription model is fitted on: counts
 * of customers per tenure, churned or still active. Its aggregates over customers
 * (periods, churned), over cohorts' survivor counts (int8[]) and over activity sets; its
 * conversion from an activity_summary; rollup, text form
 *   {"version": 1, "churned": [c1, c2, ...], "active": [a1, a2, ...]}
 * (item k-1: tenure k), binary form (int8 version, int8 flags, int32 periods, then per tenure
 * int64 churned and int64 active), and comparison key.
 */
#include "cxm.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

#include "activity.h"
#include "json_reader.h"
#include "sbg.h"
#include "type_compare.h"

/* the hint of every binary input error of this file */
#define SBG_DATA_BINARY_HINT "The binary form is int8 version, int8 flags (0), int32 periods, then per tenure int64 churned and int64 active customers."

#define TENURE_HINT "A customer's periods count every period they subscribed for, the first included: 1 to 100000."

SbgData *
sbg_data_arg(FunctionCallInfo fcinfo, int argno)
{
	SbgData    *d = (SbgData *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(d) < offsetof(SbgData, counts) || d->version != SBG_DATA_VERSION ||
		d->nperiods < 0 || d->nperiods > SBG_MAX_PERIODS || VARSIZE(d) != SBG_DATA_SIZE(d->nperiods))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("sbg_data value has an unsupported format (version %d)", d->version)));
	return d;
}

int
sbg_data_length(const SbgData *d)
{
	int			n = d->nperiods;

	while (n > 0 && SBG_CHURNED(d, n) == 0 && SBG_ACTIVE(d, n) == 0)
		n--;
	return n;
}

int64
sbg_data_customers(const SbgData *d)
{
	int64		customers = 0;
	int			i;

	for (i = 0; i < 2 * d->nperiods; i++)
		cxm_add_count(&customers, d->counts[i], "sbg_data customer count");
	return customers;
}

static SbgData *
data_new(int nperiods)
{
	SbgData    *d = palloc0(SBG_DATA_SIZE(nperiods));

	SET_VARSIZE(d, SBG_DATA_SIZE(nperiods));
	d->version = SBG_DATA_VERSION;
	d->nperiods = nperiods;
	return d;
}

/* a copy of d with room for nperiods tenures (at least d's) */
static SbgData *
data_widen(const SbgData *d, int nperiods)
{
	SbgData    *wide = data_new(nperiods);

	memcpy(wide->counts, d->counts, (Size) d->nperiods * 2 * sizeof(int64));
	return wide;
}

/* d trimmed to its longest tenure with a customer: d itself when it is */
static SbgData *
data_trimmed(SbgData *d)
{
	int			n = sbg_data_length(d);
	SbgData    *t;

	if (n == d->nperiods)
		return d;
	t = data_new(n);
	memcpy(t->counts, d->counts, (Size) n * 2 * sizeof(int64));
	return t;
}

static void
check_tenure(int64 periods)
{
	if (periods < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("periods " INT64_FORMAT " is not valid: a subscriber has at least 1 period",
						periods),
				 errhint(TENURE_HINT)));
	if (periods > SBG_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("periods " INT64_FORMAT " exceeds the limit of %d", periods, SBG_MAX_PERIODS),
				 errhint(TENURE_HINT)));
}

/*
 * Adds count customers of tenure periods (checked), churned or active, to d, which the caller
 * may modify; returns d, or a wider copy (with room to grow) when d is too short.
 */
static SbgData *
data_add(SbgData *d, int periods, bool churned, int64 count)
{
	if (d == NULL)
		d = data_new(Max(periods, 12));
	else if (periods > d->nperiods)
		d = data_widen(d, Min(Max(periods, 2 * d->nperiods), SBG_MAX_PERIODS));
	if (churned)
		cxm_add_count(&SBG_CHURNED(d, periods), count, "churned customer count");
	else
		cxm_add_count(&SBG_ACTIVE(d, periods), count, "active customer count");
	return d;
}

/* the state argument of a transition function, which it updates in place */
static SbgData *
state_arg(FunctionCallInfo fcinfo, const char *function)
{
	cxm_require_aggregate(fcinfo, function, "sbg_data(...) or sbg_fit(...)");
	return PG_ARGISNULL(0) ? NULL : (SbgData *) PG_GETARG_POINTER(0);
}

/* the result of a transition: the state, or NULL before its first customer */
#define RETURN_STATE(d) \
	do { if ((d) == NULL) PG_RETURN_NULL(); PG_RETURN_POINTER(d); } while (0)

/* ---- aggregates ------------------------------------------------------------------------------- */

/* sbg_data(periods int4, churned bool): rows with a NULL are skipped */
PG_FUNCTION_INFO_V1(sbg_data_trans);
Datum
sbg_data_trans(PG_FUNCTION_ARGS)
{
	SbgData    *d = state_arg(fcinfo, "sbg_data_trans");

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		check_tenure(PG_GETARG_INT32(1));
		d = data_add(d, PG_GETARG_INT32(1), PG_GETARG_BOOL(2), 1);
	}
	RETURN_STATE(d);
}

/* sbg_data(periods int8, churned bool) */
PG_FUNCTION_INFO_V1(sbg_data_trans_int8);
Datum
sbg_data_trans_int8(PG_FUNCTION_ARGS)
{
	SbgData    *d = state_arg(fcinfo, "sbg_data_trans_int8");

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		check_tenure(PG_GETARG_INT64(1));
		d = data_add(d, (int) PG_GETARG_INT64(1), PG_GETARG_BOOL(2), 1);
	}
	RETURN_STATE(d);
}

/*
 * sbg_data(survivors int8[]): one cohort per row, its size then the customers still subscribed
 * after each renewal: n_0 >= n_1 >= ... >= n_m >= 0. n_(k-1) - n_k churned after k periods;
 * the n_m of the last count are active in their (m+1)-th period (censored). A NULL array is
 * skipped.
 */
PG_FUNCTION_INFO_V1(sbg_data_trans_survivors);
Datum
sbg_data_trans_survivors(PG_FUNCTION_ARGS)
{
	SbgData    *d = state_arg(fcinfo, "sbg_data_trans_survivors");
	ArrayType  *a;
	Datum	   *items;
	bool	   *nulls;
	int			n,
				k;

	if (PG_ARGISNULL(1))
		RETURN_STATE(d);
	a = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("survivors must be a one-dimensional array, not of %d dimensions",
						ARR_NDIM(a)),
				 errhint("Pass one cohort per row: its size, then the customers still subscribed "
						 "after each renewal, e.g. ARRAY[1000, 631, 468].")));
	deconstruct_array(a, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &items, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("survivors is empty: a cohort needs at least its size"),
				 errhint("Pass one cohort per row: its size, then the customers still subscribed "
						 "after each renewal, e.g. ARRAY[1000, 631, 468].")));
	if (n - 1 > SBG_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("survivors has %d counts, more than the limit of %d", n,
						SBG_MAX_PERIODS + 1),
				 errhint("A cohort's survivors cover at most %d renewals.", SBG_MAX_PERIODS)));
	for (k = 0; k < n; k++)
	{
		int64		count = DatumGetInt64(items[k]);

		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("survivors has a NULL count at position %d", k + 1),
					 errhint("Every count of a cohort must be known; end the array at the last "
							 "known count.")));
		if (count < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("survivors count " INT64_FORMAT " at position %d is negative", count,
							k + 1),
					 errhint("Pass the cohort's size, then the customers still subscribed after "
							 "each renewal.")));
		if (k > 0 && count > DatumGetInt64(items[k - 1]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("survivors count " INT64_FORMAT " at position %d is more than the "
							INT64_FORMAT " before it", count, k + 1, DatumGetInt64(items[k - 1])),
					 errhint("Survivors never increase: pass the cohort's size, then the customers "
							 "still subscribed after each renewal.")));
	}
	for (k = 1; k < n; k++)
		if (DatumGetInt64(items[k - 1]) > DatumGetInt64(items[k]))
			d = data_add(d, k, true, DatumGetInt64(items[k - 1]) - DatumGetInt64(items[k]));
	if (DatumGetInt64(items[n - 1]) > 0)
		d = data_add(d, n, false, DatumGetInt64(items[n - 1]));
	RETURN_STATE(d);
}

/*
 * sbg_data(activity activity_set): a customer subscribes from their first active period for as
 * long as they are active in every period; the first complete period without activity after
 * that is the cancellation (later activity is ignored). Active through the last complete period:
 * still subscribed. Customers never active and NULL sets are skipped.
 */
PG_FUNCTION_INFO_V1(sbg_data_trans_activity);
Datum
sbg_data_trans_activity(PG_FUNCTION_ARGS)
{
	SbgData    *d = state_arg(fcinfo, "sbg_data_trans_activity");
	ActivitySet *set;
	int			first,
				end;

	if (PG_ARGISNULL(1))
		RETURN_STATE(d);
	set = activity_set_arg(fcinfo, 1);
	for (first = 0; first < set->nperiods && !ACTIVITY_IS_ACTIVE(set, first); first++)
		;
	if (first == set->nperiods)
		RETURN_STATE(d);
	for (end = first; end < set->nperiods && ACTIVITY_IS_ACTIVE(set, end); end++)
		;
	d = data_add(d, end - first, end < set->nperiods, 1);
	RETURN_STATE(d);
}

/* combine and rollup: adds b into a (in place when a is the aggregate's own state) */
PG_FUNCTION_INFO_V1(sbg_data_combine);
Datum
sbg_data_combine(PG_FUNCTION_ARGS)
{
	SbgData    *a = sbg_data_arg(fcinfo, 0);
	SbgData    *b = sbg_data_arg(fcinfo, 1);
	int			k;

	if (b->nperiods > a->nperiods || !cxm_may_modify_arg0(fcinfo, a))
		a = data_widen(a, Max(a->nperiods, b->nperiods));
	for (k = 0; k < 2 * b->nperiods; k++)
		cxm_add_count(&a->counts[k], b->counts[k], "sbg_data customer count");
	PG_RETURN_POINTER(a);
}

/* the final function of the sbg_data aggregates: the state, trimmed */
PG_FUNCTION_INFO_V1(sbg_data_final);
Datum
sbg_data_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(data_trimmed(sbg_data_arg(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(sbg_data_customers_sql);
Datum
sbg_data_customers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(sbg_data_customers(sbg_data_arg(fcinfo, 0)));
}

/* ---- from an activity_summary ------------------------------------------------------------------ */

extern Datum activity_summary_send(PG_FUNCTION_ARGS);

/* the activity_summary's counters per period, in the order of its binary form */
enum
{
	S_CUSTOMERS, S_ACTIVE, S_NEW, S_RETURNING, S_RESURRECTING, S_DORMANT, S_COUNTERS
};

/*
 * The summary's customers as subscribers, read from its binary form (a versioned format):
 * counted from period 0 of their sets, a customer active in periods 0..k-1 and not in period
 * k (complete) churned after k periods (the summary's dormant customers of period k); one
 * active in periods 0..k-1 whose period k has not ended is active in their k-th period. That
 * is exact only when no customer is active again after a period without activity and every
 * customer is first active in period 0, which the counts show: otherwise 22023.
 */
SbgData *
sbg_data_of_summary(Datum summary)
{
	bytea	   *sent = DatumGetByteaPP(DirectFunctionCall1(activity_summary_send, summary));
	StringInfoData buf;
	int			version,
				nperiods,
				zone_len,
				k,
				c;
	int64	   *counts;
	int64		resurrecting = 0,
				late = 0;
	int			first_resurrecting = -1,
				first_late = -1;
	SbgData    *d;

	buf.data = VARDATA_ANY(sent);
	buf.len = VARSIZE_ANY_EXHDR(sent);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	version = pq_getmsgbyte(&buf);
	if (version != 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("activity_summary version %d cannot be read for an sBG fit", version)));
	(void) pq_getmsgbyte(&buf); /* flags */
	(void) pq_getmsgint(&buf, 4);	/* period length */
	nperiods = pq_getmsgint(&buf, 4);
	(void) pq_getmsgint64(&buf);	/* sets */
	(void) pq_getmsgint64(&buf);	/* start */
	zone_len = pq_getmsgint(&buf, 2);
	(void) pq_getmsgbytes(&buf, zone_len);
	if (nperiods < 0 || nperiods > SBG_MAX_PERIODS ||
		buf.len - buf.cursor != (int) ((Size) nperiods * S_COUNTERS * sizeof(int64)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("activity_summary value has an unexpected binary form")));
	counts = palloc((Size) Max(nperiods, 1) * S_COUNTERS * sizeof(int64));
	for (k = 0; k < nperiods; k++)
		for (c = 0; c < S_COUNTERS; c++)
			counts[k * S_COUNTERS + c] = pq_getmsgint64(&buf);
#define COUNTER(k, c) counts[(k) * S_COUNTERS + (c)]
	for (k = 1; k < nperiods; k++)
	{
		if (COUNTER(k, S_RESURRECTING) > 0 && first_resurrecting < 0)
			first_resurrecting = k;
		if (COUNTER(k, S_NEW) > 0 && first_late < 0)
			first_late = k;
		resurrecting += COUNTER(k, S_RESURRECTING);
		late += COUNTER(k, S_NEW);
	}
	if (resurrecting > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot fit the sBG model to an activity_summary whose customers come back "
						"after a period without activity"),
				 errdetail("The summary counts " INT64_FORMAT " returns after a lapse, the first "
						   "in period %d; its counts do not tell a customer's first subscription "
						   "apart.", resurrecting, first_resurrecting),
				 errhint("Aggregate the customers' activity sets instead: sbg_fit(activity_set) "
						 "takes each customer's first period without activity as the "
						 "cancellation.")));
	if (late > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot fit the sBG model to an activity_summary whose customers start "
						"after period 0"),
				 errdetail("The summary counts " INT64_FORMAT " customers first active after "
						   "period 0, the first in period %d; their tenure is not the summary's "
						   "period.", late, first_late),
				 errhint("Start each customer's activity_periods at their subscription start, or "
						 "aggregate the activity sets with sbg_fit(activity_set).")));
	d = data_new(nperiods);
	for (k = 1; k <= nperiods; k++)
	{
		/* active in period k-1 and period k ended: renewed (returning) or cancelled (dormant) */
		int64		decided = k < nperiods ? COUNTER(k, S_RETURNING) + COUNTER(k, S_DORMANT) : 0;

		if (k < nperiods)
			SBG_CHURNED(d, k) = COUNTER(k, S_DORMANT);
		SBG_ACTIVE(d, k) = COUNTER(k - 1, S_ACTIVE) - decided;
	}
#undef COUNTER
	return data_trimmed(d);
}

/* sbg_data(activity_summary) */
PG_FUNCTION_INFO_V1(sbg_data_from_summary);
Datum
sbg_data_from_summary(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(sbg_data_of_summary(PG_GETARG_DATUM(0)));
}

/* ---- text and binary forms --------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(sbg_data_out);
Datum
sbg_data_out(PG_FUNCTION_ARGS)
{
	SbgData    *d = sbg_data_arg(fcinfo, 0);
	int			n = sbg_data_length(d);
	StringInfoData out;
	int			which,
				k;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d", d->version);
	for (which = 0; which < 2; which++)
	{
		appendStringInfo(&out, ", \"%s\": [", which == 0 ? "churned" : "active");
		for (k = 1; k <= n; k++)
			appendStringInfo(&out, "%s" INT64_FORMAT, k > 1 ? ", " : "",
							 which == 0 ? SBG_CHURNED(d, k) : SBG_ACTIVE(d, k));
		appendStringInfoChar(&out, ']');
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

/* NULL when d (trimmed or not) is a value this release can have written, else what is wrong */
static const char *
data_problem(const SbgData *d)
{
	int64		customers = 0;
	int			i;

	if (d->version != SBG_DATA_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)", d->version,
						SBG_DATA_VERSION);
	if (d->flags != 0)
		return psprintf("flags 0x%02x are not valid", d->flags);
	if (d->nperiods < 0 || d->nperiods > SBG_MAX_PERIODS)
		return psprintf("%d periods is out of range (at most %d)", d->nperiods, SBG_MAX_PERIODS);
	for (i = 0; i < 2 * d->nperiods; i++)
	{
		if (d->counts[i] < 0)
			return "counts must not be negative";
		if (pg_add_s64_overflow(customers, d->counts[i], &customers))
			return "the counts total more than 9223372036854775807";
	}
	return NULL;
}

PG_FUNCTION_INFO_V1(sbg_data_in);
Datum
sbg_data_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	const char *keys[3] = {"version", "churned", "active"};
	CxmJsonValue v[3];
	char	   *problem = NULL;
	SbgData    *d = NULL;
	int64		version;
	int			n,
				which,
				k;

	if (!cxm_json_read(input, keys, 3, v, &problem) ||
		!cxm_json_expect(&v[0], "version", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[0].text, v[0].len, &version, &problem) ||
		!cxm_json_expect(&v[1], "churned", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[2], "active", CXM_JSON_ARRAY, &problem))
		goto invalid;
	n = v[1].nitems;
	if (v[1].strings || v[2].strings)
	{
		problem = "\"churned\" and \"active\" hold counts, not strings";
		goto invalid;
	}
	if (v[2].nitems != n)
	{
		problem = psprintf("\"churned\" has %d counts and \"active\" %d: they must have one per "
						   "tenure each", n, v[2].nitems);
		goto invalid;
	}
	if (n > SBG_MAX_PERIODS || version < 0 || version > 255)
	{
		problem = n > SBG_MAX_PERIODS ?
			psprintf("%d tenures is more than the limit of %d", n, SBG_MAX_PERIODS) :
			psprintf("version " INT64_FORMAT " is not supported", version);
		goto invalid;
	}
	d = data_new(n);
	d->version = (uint8) version;
	for (which = 0; which < 2; which++)
		for (k = 0; k < n; k++)
			if (!cxm_json_int64(v[1 + which].items[k], v[1 + which].item_lens[k],
								&d->counts[2 * k + which], &problem))
				goto invalid;
	problem = (char *) data_problem(d);
	if (problem == NULL)
		PG_RETURN_POINTER(data_trimmed(d));
invalid:
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type sbg_data: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The value is invalid: %s.", problem),
			 errhint("Write it as {\"version\": 1, \"churned\": [...], \"active\": [...]}: per "
					 "tenure 1, 2, ..., the customers who cancelled after that many periods and "
					 "those still subscribed in that period, counts >= 0.")));
}

PG_FUNCTION_INFO_V1(sbg_data_send);
Datum
sbg_data_send(PG_FUNCTION_ARGS)
{
	SbgData    *d = sbg_data_arg(fcinfo, 0);
	int			n = sbg_data_length(d);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, d->version);
	pq_sendbyte(&buf, d->flags);
	pq_sendint32(&buf, n);
	for (i = 0; i < 2 * n; i++)
		pq_sendint64(&buf, d->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(sbg_data_recv);
Datum
sbg_data_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint8		version,
				flags;
	int32		n;
	SbgData    *d;
	const char *problem;
	int			i;

	if (buf->len - buf->cursor < 6)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary sbg_data is truncated: 6 bytes needed, %d remain",
						buf->len - buf->cursor),
				 errhint(SBG_DATA_BINARY_HINT)));
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > SBG_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary sbg_data: %d periods is out of range (at most %d)", n,
						SBG_MAX_PERIODS),
				 errhint(SBG_DATA_BINARY_HINT)));
	if (buf->len - buf->cursor != (int) ((Size) n * 16))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary sbg_data: %d periods need %d bytes of counts, %d remain",
						n, n * 16, buf->len - buf->cursor),
				 errhint(SBG_DATA_BINARY_HINT)));
	d = data_new(n);
	d->version = version;
	d->flags = flags;
	for (i = 0; i < 2 * n; i++)
		d->counts[i] = pq_getmsgint64(buf);
	problem = data_problem(d);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary sbg_data: %s", problem),
				 errhint(SBG_DATA_BINARY_HINT)));
	PG_RETURN_POINTER(data_trimmed(d));
}

/* = : the same counts per tenure (values are trimmed) */
PG_FUNCTION_INFO_V1(sbg_data_eq);
Datum
sbg_data_eq(PG_FUNCTION_ARGS)
{
	SbgData    *a = sbg_data_arg(fcinfo, 0);
	SbgData    *b = sbg_data_arg(fcinfo, 1);
	int			n = sbg_data_length(a);

	PG_RETURN_BOOL(n == sbg_data_length(b) &&
				   memcmp(a->counts, b->counts, (Size) n * 2 * sizeof(int64)) == 0);
}

/* = compares the counts of the trimmed values; the key is them, in order */
void
sbg_data_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	SbgData    *d = sbg_data_arg(fcinfo, argno);
	int			n = sbg_data_length(d);
	int			i;

	cxm_key_int(key, n, 4);
	for (i = 0; i < 2 * n; i++)
		cxm_key_int(key, d->counts[i], 8);
}
