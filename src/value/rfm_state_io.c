/*
 * rfm_state_io.c: the text (JSON) and binary forms of rfm_state, validated as strictly as the
 * aggregate builds them (rfm.h).
 */
#include "rfm.h"

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "json_reader.h"
#include "type_compare.h"

/* the hint of every binary input error of this file */
#define RFM_BINARY_HINT "The binary form is int8 version (2), int8 flags (0), int64 calibration end, period and unit, four float8 spend totals, int32 count, then count increasing int64 period numbers."

/* ---- text I/O ------------------------------------------------------------------------------
 * {"version": 2, "calibration_end_us": N, "period_us": N, "unit_us": N,
 *  "periods": [index, ...], "spend": x, "first_period_spend": y}
 * where a total with a non-zero double-double residual is written [total, residual].
 * Times are microseconds since 2000-01-01 00:00 UTC (timestamptz's own representation), so
 * the text is exact and independent of DateStyle, IntervalStyle and TimeZone.
 */

/* x, or [hi, lo] when the double-double residual is not zero */
static void
append_exact_sum(StringInfo out, const ExactSum *x)
{
	if (x->lo == 0)
	{
		cxm_append_double(out, x->hi);
		return;
	}
	appendStringInfoChar(out, '[');
	cxm_append_double(out, x->hi);
	appendStringInfoString(out, ", ");
	cxm_append_double(out, x->lo);
	appendStringInfoChar(out, ']');
}

PG_FUNCTION_INFO_V1(rfm_state_out);
Datum
rfm_state_out(PG_FUNCTION_ARGS)
{
	RfmState   *s = rfm_arg(fcinfo, 0, true);
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"calibration_end_us\": " INT64_FORMAT
					 ", \"period_us\": " INT64_FORMAT ", \"unit_us\": " INT64_FORMAT
					 ", \"periods\": [", s->version, s->calibration_end, s->period_us,
					 s->unit_us);
	for (i = 0; i < s->nperiods; i++)
		appendStringInfo(&out, "%s" INT64_FORMAT, i > 0 ? ", " : "", s->first + s->periods[i]);
	appendStringInfoString(&out, "], \"spend\": ");
	append_exact_sum(&out, &s->spend);
	appendStringInfoString(&out, ", \"first_period_spend\": ");
	append_exact_sum(&out, &s->first_spend);
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

typedef struct RfmParser
{
	CxmJsonCursor cursor;		/* where in the text; the problem */
	int64	   *periods;		/* the periods read, as absolute indexes */
	int			nperiods;
	int			capacity;
} RfmParser;

/* Parses a number or [number, residual]. */
static bool
parse_exact_sum(CxmJsonCursor *c, ExactSum *x)
{
	x->lo = 0;
	if (!cxm_json_accept_char(c, '['))
		return cxm_json_number(c, &x->hi);
	return cxm_json_number(c, &x->hi) && cxm_json_expect_char(c, ',') && cxm_json_number(c, &x->lo) &&
		cxm_json_expect_char(c, ']');
}

/* Parses "[index, ...]" into ps->periods. */
static bool
parse_periods(RfmParser *ps)
{
	if (!cxm_json_expect_char(&ps->cursor, '['))
		return false;
	if (cxm_json_accept_char(&ps->cursor, ']'))
		return true;
	do
	{
		if (ps->nperiods == RFM_MAX_PERIODS)
		{
			ps->cursor.problem = psprintf("more than %d periods", RFM_MAX_PERIODS);
			return false;
		}
		if (ps->nperiods == ps->capacity)
		{
			ps->capacity = Min(2 * ps->capacity, RFM_MAX_PERIODS);
			ps->periods = repalloc(ps->periods, ps->capacity * sizeof(int64));
		}
		if (!cxm_json_whole_number(&ps->cursor, &ps->periods[ps->nperiods++]))
			return false;
	} while (cxm_json_accept_char(&ps->cursor, ','));
	return cxm_json_expect_char(&ps->cursor, ']');
}

enum rfm_key
{
	KEY_VERSION, KEY_CALIBRATION_END, KEY_PERIOD, KEY_UNIT, KEY_PERIODS, KEY_SPEND,
	KEY_FIRST_SPEND, NUM_KEYS
};
static const char *const rfm_keys[NUM_KEYS] = {
	"version", "calibration_end_us", "period_us", "unit_us", "periods", "spend",
	"first_period_spend"
};

/* Parses the document into the header h and ps->periods. */
static bool
parse_state(RfmParser *ps, RfmState *h)
{
	bool		seen[NUM_KEYS] = {false};
	int			k;

	if (!cxm_json_expect_char(&ps->cursor, '{'))
		return false;
	do
	{
		const char *key;
		int			key_len;
		int64		value = 0;

		if (!cxm_json_expect_char(&ps->cursor, '"'))
			return false;
		key = ps->cursor.p;
		while (*ps->cursor.p && *ps->cursor.p != '"')
			ps->cursor.p++;
		key_len = ps->cursor.p - key;
		if (!cxm_json_expect_char(&ps->cursor, '"') || !cxm_json_expect_char(&ps->cursor, ':'))
			return false;
		for (k = 0; k < NUM_KEYS; k++)
			if (strlen(rfm_keys[k]) == key_len && strncmp(rfm_keys[k], key, key_len) == 0)
				break;
		if (k == NUM_KEYS)
		{
			ps->cursor.problem = psprintf("unknown key \"%s\"", cxm_quote_value(key, key_len));
			return false;
		}
		if (seen[k])
		{
			ps->cursor.problem = psprintf("key \"%s\" appears twice", rfm_keys[k]);
			return false;
		}
		seen[k] = true;
		if (k == KEY_PERIODS || k == KEY_SPEND || k == KEY_FIRST_SPEND)
		{
			if (!(k == KEY_PERIODS ? parse_periods(ps) :
				  parse_exact_sum(&ps->cursor, k == KEY_SPEND ? &h->spend : &h->first_spend)))
				return false;
			continue;
		}
		if (!cxm_json_whole_number(&ps->cursor, &value))
			return false;
		switch (k)
		{
			case KEY_VERSION:
				if (value < 0 || value > 255)
				{
					ps->cursor.problem = psprintf("version " INT64_FORMAT " is not supported",
												  value);
					return false;
				}
				h->version = (uint8) value;
				break;
			case KEY_CALIBRATION_END:
				h->calibration_end = value;
				break;
			case KEY_PERIOD:
				h->period_us = value;
				break;
			case KEY_UNIT:
				h->unit_us = value;
				break;
		}
	} while (cxm_json_accept_char(&ps->cursor, ','));
	if (!cxm_json_expect_char(&ps->cursor, '}') || !cxm_json_expect_end(&ps->cursor))
		return false;
	for (k = 0; k < NUM_KEYS; k++)
		if (!seen[k])
		{
			ps->cursor.problem = psprintf("key \"%s\" is missing", rfm_keys[k]);
			return false;
		}
	return true;
}

PG_FUNCTION_INFO_V1(rfm_state_in);
Datum
rfm_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RfmState	header;
	RfmParser	ps = {{input, NULL}, palloc(8 * sizeof(int64)), 0, 8};
	const char *problem;

	memset(&header, 0, sizeof(header));
	if (!parse_state(&ps, &header))
		problem = ps.cursor.problem;
	else
		problem = rfm_state_problem(&header, ps.periods, ps.nperiods);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rfm_state: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The state is invalid: %s.", problem),
				 errhint("Write rfm_state values as {\"version\": 2, \"calibration_end_us\": N, "
						 "\"period_us\": N, \"unit_us\": N, \"periods\": [index, ...], "
						 "\"spend\": x, \"first_period_spend\": y} with positive lengths and "
						 "increasing period indexes.")));
	PG_RETURN_POINTER(rfm_state_build(&header, ps.periods, ps.nperiods));
}

/* ---- binary I/O ----------------------------------------------------------------------------
 * int8 version, int8 flags, int64 calibration end, int64 period, int64 unit (microseconds),
 * float8 spend and its residual, float8 first period's spend and its residual, int32 count,
 * then the count's int64 period indexes.
 */

PG_FUNCTION_INFO_V1(rfm_state_send);
Datum
rfm_state_send(PG_FUNCTION_ARGS)
{
	RfmState   *s = rfm_arg(fcinfo, 0, true);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint64(&buf, s->calibration_end);
	pq_sendint64(&buf, s->period_us);
	pq_sendint64(&buf, s->unit_us);
	pq_sendfloat8(&buf, s->spend.hi);
	pq_sendfloat8(&buf, s->spend.lo);
	pq_sendfloat8(&buf, s->first_spend.hi);
	pq_sendfloat8(&buf, s->first_spend.lo);
	pq_sendint32(&buf, s->nperiods);
	for (i = 0; i < s->nperiods; i++)
		pq_sendint64(&buf, s->first + s->periods[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_check(StringInfo buf, int64 needed)
{
	if (buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary rfm_state is truncated: " INT64_FORMAT " more bytes needed, %d remain",
						needed, buf->len - buf->cursor),
				 errhint(RFM_BINARY_HINT)));
}

PG_FUNCTION_INFO_V1(rfm_state_recv);
Datum
rfm_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RfmState	header;
	int64	   *periods;
	int			n,
				i;
	const char *problem;

	memset(&header, 0, sizeof(header));
	recv_check(buf, 62);
	header.version = pq_getmsgbyte(buf);
	header.flags = pq_getmsgbyte(buf);
	header.calibration_end = pq_getmsgint64(buf);
	header.period_us = pq_getmsgint64(buf);
	header.unit_us = pq_getmsgint64(buf);
	header.spend.hi = cxm_getmsgfloat8(buf);
	header.spend.lo = cxm_getmsgfloat8(buf);
	header.first_spend.hi = cxm_getmsgfloat8(buf);
	header.first_spend.lo = cxm_getmsgfloat8(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > RFM_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rfm_state: period count %d is out of range", n),
				 errhint(RFM_BINARY_HINT)));
	recv_check(buf, (int64) n * 8);
	periods = palloc(Max(n, 1) * sizeof(int64));
	for (i = 0; i < n; i++)
		periods[i] = pq_getmsgint64(buf);
	problem = rfm_state_problem(&header, periods, n);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rfm_state: %s", problem),
				 errhint(RFM_BINARY_HINT)));
	PG_RETURN_POINTER(rfm_state_build(&header, periods, n));
}
