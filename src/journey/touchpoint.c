/*
 * touchpoint.c: the touchpoint type, one customer interaction (channel, optional action, time):
 * text and binary I/O, constructors, accessors, and the comparison and hash support behind its
 * btree and hash operator classes.
 *
 * Literal form: channel[/action]@time, e.g. 'email/open@2025-03-01 10:00:00+00'. The time part
 * accepts whatever timestamptz input accepts; output is always ISO 8601 in UTC with an explicit
 * offset, so it does not depend on DateStyle or TimeZone and reads back to the same value.
 * Order: time, then channel, then action (absent first), labels compared byte-wise.
 */
#include "cxm.h"

#include <ctype.h>

#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/sortsupport.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

#define TOUCHPOINT_FORMAT_HINT \
	"A touchpoint literal is channel[/action]@time, for example " \
	"'email/open@2025-03-01 10:00:00+00' or 'web@2025-03-01 10:00:00+00'."

PG_FUNCTION_INFO_V1(touchpoint_in);
PG_FUNCTION_INFO_V1(touchpoint_out);
PG_FUNCTION_INFO_V1(touchpoint_recv);
PG_FUNCTION_INFO_V1(touchpoint_send);
PG_FUNCTION_INFO_V1(touchpoint_make);
PG_FUNCTION_INFO_V1(touchpoint_channel);
PG_FUNCTION_INFO_V1(touchpoint_action);
PG_FUNCTION_INFO_V1(touchpoint_occurred_at);
PG_FUNCTION_INFO_V1(touchpoint_cmp);
PG_FUNCTION_INFO_V1(touchpoint_eq);
PG_FUNCTION_INFO_V1(touchpoint_ne);
PG_FUNCTION_INFO_V1(touchpoint_lt);
PG_FUNCTION_INFO_V1(touchpoint_le);
PG_FUNCTION_INFO_V1(touchpoint_gt);
PG_FUNCTION_INFO_V1(touchpoint_ge);
PG_FUNCTION_INFO_V1(touchpoint_smaller);
PG_FUNCTION_INFO_V1(touchpoint_larger);
PG_FUNCTION_INFO_V1(touchpoint_sortsupport);
PG_FUNCTION_INFO_V1(touchpoint_hash);
PG_FUNCTION_INFO_V1(touchpoint_hash_extended);

/* ---- representation ----------------------------------------------------------------------- */

void
touchpoint_view(const struct varlena *tp, TouchpointView *view)
{
	const char *p = VARDATA_ANY(tp);
	int			len = VARSIZE_ANY_EXHDR(tp);
	uint16		channel_len;

	if (len < TOUCHPOINT_HEADER_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("touchpoint value is corrupted: %d bytes", len)));
	if ((uint8) p[0] != TOUCHPOINT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("touchpoint value has unsupported format version %d", (uint8) p[0]),
				 errhint("This cxm reads touchpoint format version %d; update the extension.",
						 TOUCHPOINT_VERSION)));
	memcpy(&channel_len, p + 2, sizeof(channel_len));
	if (channel_len > len - TOUCHPOINT_HEADER_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("touchpoint value is corrupted: channel length %d exceeds its size %d",
						channel_len, len)));
	memcpy(&view->occurred_at, p + 4, sizeof(TimestampTz));
	view->channel = p + TOUCHPOINT_HEADER_BYTES;
	view->channel_len = channel_len;
	if (p[1] & TOUCHPOINT_HAS_ACTION)
	{
		view->action = view->channel + channel_len;
		view->action_len = len - TOUCHPOINT_HEADER_BYTES - channel_len;
	}
	else
	{
		view->action = NULL;
		view->action_len = 0;
	}
}

struct varlena *
touchpoint_build(TimestampTz occurred_at, const char *channel, int channel_len,
				 const char *action, int action_len)
{
	int			size = VARHDRSZ + TOUCHPOINT_HEADER_BYTES + channel_len +
		(action ? action_len : 0);
	struct varlena *tp = (struct varlena *) palloc(size);
	char	   *p = VARDATA(tp);
	uint16		len16 = (uint16) channel_len;

	SET_VARSIZE(tp, size);
	p[0] = TOUCHPOINT_VERSION;
	p[1] = action ? TOUCHPOINT_HAS_ACTION : 0;
	memcpy(p + 2, &len16, sizeof(len16));
	memcpy(p + 4, &occurred_at, sizeof(TimestampTz));
	memcpy(p + TOUCHPOINT_HEADER_BYTES, channel, channel_len);
	if (action)
		memcpy(p + TOUCHPOINT_HEADER_BYTES + channel_len, action, action_len);
	return tp;
}

static int
compare_labels(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	if (r != 0)
		return r < 0 ? -1 : 1;
	return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

int
touchpoint_view_cmp(const TouchpointView *a, const TouchpointView *b)
{
	int			r;

	if (a->occurred_at != b->occurred_at)
		return a->occurred_at < b->occurred_at ? -1 : 1;
	r = compare_labels(a->channel, a->channel_len, b->channel, b->channel_len);
	if (r != 0)
		return r;
	if (a->action == NULL || b->action == NULL)
		return (a->action != NULL) - (b->action != NULL);
	return compare_labels(a->action, a->action_len, b->action, b->action_len);
}

/* ---- text input --------------------------------------------------------------------------- */

/* Narrows [*start, *end) so that it has no white space at either end. */
static void
trim_span(const char **start, const char **end)
{
	while (*start < *end && isspace((unsigned char) **start))
		(*start)++;
	while (*end > *start && isspace((unsigned char) (*end)[-1]))
		(*end)--;
}

/*
 * Parses the time part of a literal with timestamptz's own input function. Returns false and
 * sets *problem when the text is not a timestamp; other errors (cancel, out of memory) propagate.
 */
static bool
parse_time_part(char *text, TimestampTz *result, char **problem)
{
#if PG_VERSION_NUM >= 160000
	ErrorSaveContext escontext = {T_ErrorSaveContext};
	Datum		d;

	escontext.details_wanted = true;
	if (!DirectInputFunctionCallSafe(timestamptz_in, text, InvalidOid, -1,
									 (Node *) &escontext, &d))
	{
		*problem = escontext.error_data->message;
		return false;
	}
	*result = DatumGetTimestampTz(d);
	return true;
#else
	MemoryContext caller_context = CurrentMemoryContext;
	volatile bool ok = true;

	PG_TRY();
	{
		*result = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
														  CStringGetDatum(text),
														  ObjectIdGetDatum(InvalidOid),
														  Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		/* only data exceptions (class 22) are parse failures; anything else is re-thrown */
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION)
			PG_RE_THROW();
		FlushErrorState();
		*problem = edata->message;
		ok = false;
	}
	PG_END_TRY();
	return ok;
#endif
}

Datum
touchpoint_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	Node	   *escontext = fcinfo->context;
	const char *start = input;
	const char *end = input + strlen(input);
	const char *at;
	const char *channel,
			   *channel_end,
			   *action = NULL,
			   *action_end = NULL;
	const char *slash;
	const char *problem;
	char	   *time_text;
	char	   *time_problem = NULL;
	TimestampTz occurred_at;

	trim_span(&start, &end);
	at = memchr(start, '@', end - start);
	if (at == NULL)
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type touchpoint: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("There is no \"@\" between the labels and the time."),
				 errhint(TOUCHPOINT_FORMAT_HINT)));

	channel = start;
	channel_end = at;
	slash = memchr(start, '/', at - start);
	if (slash != NULL)
	{
		channel_end = slash;
		action = slash + 1;
		action_end = at;
		trim_span(&action, &action_end);
	}
	trim_span(&channel, &channel_end);

	problem = cxm_label_problem(channel, channel_end - channel);
	if (problem != NULL)
		problem = psprintf("The channel label \"%s\" %s.",
						   cxm_quote_value(channel, channel_end - channel), problem);
	else if (action != NULL &&
			 (problem = cxm_label_problem(action, action_end - action)) != NULL)
		problem = psprintf("The action label \"%s\" %s.",
						   cxm_quote_value(action, action_end - action), problem);
	if (problem != NULL)
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type touchpoint: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail_internal("%s", problem),
				 errhint(CXM_LABEL_HINT)));

	time_text = pnstrdup(at + 1, end - (at + 1));
	if (!parse_time_part(time_text, &occurred_at, &time_problem))
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type touchpoint: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The time part is not a timestamp with time zone: %s.", time_problem),
				 errhint(TOUCHPOINT_FORMAT_HINT)));
	if (TIMESTAMP_NOT_FINITE(occurred_at))
		ereturn(escontext, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type touchpoint: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The time is infinite."),
				 errhint("A touchpoint's time must be a finite timestamp.")));

	PG_RETURN_POINTER(touchpoint_build(occurred_at, channel, channel_end - channel,
									   action, action ? action_end - action : 0));
}

/* ---- text output -------------------------------------------------------------------------- */

Datum
touchpoint_out(PG_FUNCTION_ARGS)
{
	struct varlena *tp = PG_GETARG_TOUCHPOINT_P(0);
	TouchpointView v;
	StringInfoData out;

	touchpoint_view(tp, &v);
	initStringInfo(&out);
	touchpoint_append_text(&out, &v);
	PG_RETURN_CSTRING(out.data);
}

void
touchpoint_append_text(StringInfo out, const TouchpointView *v)
{
	appendBinaryStringInfo(out, v->channel, v->channel_len);
	if (v->action != NULL)
	{
		appendStringInfoChar(out, '/');
		appendBinaryStringInfo(out, v->action, v->action_len);
	}
	appendStringInfoChar(out, '@');
	cxm_append_utc_timestamp(out, v->occurred_at);
}

/* ---- binary I/O --------------------------------------------------------------------------- */

/*
 * Binary format: int8 version (1), int8 flags (bit 0: has action), int64 microseconds since
 * 2000-01-01 UTC, int16 channel length + channel bytes, then (with an action) int16 length +
 * action bytes. Labels travel in the client encoding, like text's binary form.
 */

/* Reports a truncated payload as bad binary data rather than as a protocol violation. */
static void
check_remaining(StringInfo buf, int needed, const char *what)
{
	if (buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary touchpoint is truncated: the %s needs %d more bytes, %d remain",
						what, needed, buf->len - buf->cursor),
				 errhint("The binary form is int8 version, int8 flags, int64 time, int16 length and "
						 "bytes of the channel, then (with bit 0 of flags) of the action.")));
}

static void
send_label(StringInfo buf, const char *label, int len)
{
	char	   *converted = pg_server_to_client(label, len);
	int			converted_len = (converted == label) ? len : strlen(converted);

	pq_sendint16(buf, (uint16) converted_len);
	pq_sendbytes(buf, converted, converted_len);
	if (converted != label)
		pfree(converted);
}

static char *
recv_label(StringInfo buf, const char *what, int *len)
{
	int			wire_len;
	const char *wire;
	char	   *label;
	const char *problem;

	check_remaining(buf, 2, what);
	wire_len = pq_getmsgint(buf, 2);
	check_remaining(buf, wire_len, what);
	wire = pq_getmsgbytes(buf, wire_len);
	label = pg_client_to_server(wire, wire_len);

	*len = (label == wire) ? wire_len : strlen(label);
	problem = cxm_label_problem(label, *len);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s \"%s\" in binary touchpoint: it %s",
						what, cxm_quote_value(label, *len), problem),
				 errhint(CXM_LABEL_HINT)));
	return label;
}

Datum
touchpoint_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			flags;
	TimestampTz occurred_at;
	char	   *channel,
			   *action = NULL;
	int			channel_len,
				action_len = 0;

	check_remaining(buf, 10, "header");
	version = pq_getmsgbyte(buf);
	if (version != TOUCHPOINT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary touchpoint format version %d", version),
				 errhint("This cxm reads binary touchpoint format version %d.",
						 TOUCHPOINT_VERSION)));
	flags = pq_getmsgbyte(buf);
	if ((flags & ~TOUCHPOINT_HAS_ACTION) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid flags 0x%02x in binary touchpoint", flags),
				 errhint("Only bit 0 (has action) may be set.")));
	occurred_at = (TimestampTz) pq_getmsgint64(buf);
	if (TIMESTAMP_NOT_FINITE(occurred_at) || !IS_VALID_TIMESTAMP(occurred_at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary touchpoint time " INT64_FORMAT " is infinite or out of range",
						(int64) occurred_at),
				 errhint("The time is microseconds since 2000-01-01 00:00:00 UTC within the "
						 "timestamptz range.")));
	channel = recv_label(buf, "channel label", &channel_len);
	if (flags & TOUCHPOINT_HAS_ACTION)
		action = recv_label(buf, "action label", &action_len);
	PG_RETURN_POINTER(touchpoint_build(occurred_at, channel, channel_len, action, action_len));
}

void
touchpoint_append_binary(StringInfo buf, const TouchpointView *v)
{
	pq_sendbyte(buf, TOUCHPOINT_VERSION);
	pq_sendbyte(buf, v->action ? TOUCHPOINT_HAS_ACTION : 0);
	pq_sendint64(buf, v->occurred_at);
	send_label(buf, v->channel, v->channel_len);
	if (v->action != NULL)
		send_label(buf, v->action, v->action_len);
}

Datum
touchpoint_send(PG_FUNCTION_ARGS)
{
	struct varlena *tp = PG_GETARG_TOUCHPOINT_P(0);
	TouchpointView v;
	StringInfoData buf;

	touchpoint_view(tp, &v);
	pq_begintypsend(&buf);
	touchpoint_append_binary(&buf, &v);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- constructors and accessors ----------------------------------------------------------- */

static void
check_constructor_label(const char *what, const char *label, int len)
{
	const char *problem = cxm_label_problem(label, len);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s label \"%s\" %s", what, cxm_quote_value(label, len), problem),
				 (len == 0 && strcmp(what, "action") == 0)
				 ? errhint("Pass NULL for a touchpoint without an action; "
						   "NULLIF(action, '') turns empty strings into NULL.")
				 : errhint(CXM_LABEL_HINT)));
}

/*
 * touchpoint(channel, action, occurred_at) and touchpoint(channel, occurred_at). Not strict:
 * a NULL action means "no action" so that rows of an existing table with no action still
 * become touchpoints; a NULL channel or time gives NULL.
 */
Datum
touchpoint_make(PG_FUNCTION_ARGS)
{
	int			time_arg = PG_NARGS() - 1;
	text	   *channel,
			   *action = NULL;
	TimestampTz occurred_at;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(time_arg))
		PG_RETURN_NULL();
	channel = PG_GETARG_TEXT_PP(0);
	if (PG_NARGS() == 3 && !PG_ARGISNULL(1))
		action = PG_GETARG_TEXT_PP(1);
	occurred_at = PG_GETARG_TIMESTAMPTZ(time_arg);

	check_constructor_label("channel", VARDATA_ANY(channel), VARSIZE_ANY_EXHDR(channel));
	if (action != NULL)
		check_constructor_label("action", VARDATA_ANY(action), VARSIZE_ANY_EXHDR(action));
	if (TIMESTAMP_NOT_FINITE(occurred_at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("touchpoint time %s is not finite",
						TIMESTAMP_IS_NOBEGIN(occurred_at) ? "-infinity" : "infinity"),
				 errhint("A touchpoint's time must be a finite timestamp.")));

	PG_RETURN_POINTER(touchpoint_build(occurred_at,
									   VARDATA_ANY(channel), VARSIZE_ANY_EXHDR(channel),
									   action ? VARDATA_ANY(action) : NULL,
									   action ? VARSIZE_ANY_EXHDR(action) : 0));
}

Datum
touchpoint_channel(PG_FUNCTION_ARGS)
{
	TouchpointView v;

	touchpoint_view(PG_GETARG_TOUCHPOINT_P(0), &v);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(v.channel, v.channel_len));
}

Datum
touchpoint_action(PG_FUNCTION_ARGS)
{
	TouchpointView v;

	touchpoint_view(PG_GETARG_TOUCHPOINT_P(0), &v);
	if (v.action == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(v.action, v.action_len));
}

Datum
touchpoint_occurred_at(PG_FUNCTION_ARGS)
{
	TouchpointView v;

	touchpoint_view(PG_GETARG_TOUCHPOINT_P(0), &v);
	PG_RETURN_TIMESTAMPTZ(v.occurred_at);
}

/* ---- comparison, sorting and hashing ------------------------------------------------------ */

static int
compare_args(FunctionCallInfo fcinfo)
{
	struct varlena *a = PG_GETARG_TOUCHPOINT_P(0);
	struct varlena *b = PG_GETARG_TOUCHPOINT_P(1);
	TouchpointView va,
				vb;
	int			r;

	touchpoint_view(a, &va);
	touchpoint_view(b, &vb);
	r = touchpoint_view_cmp(&va, &vb);
	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return r;
}

Datum
touchpoint_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_args(fcinfo));
}

Datum
touchpoint_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) == 0);
}

Datum
touchpoint_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) != 0);
}

Datum
touchpoint_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) < 0);
}

Datum
touchpoint_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) <= 0);
}

Datum
touchpoint_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) > 0);
}

Datum
touchpoint_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_args(fcinfo) >= 0);
}

/* min(touchpoint) and max(touchpoint) step and combine with these, like text_smaller. */
Datum
touchpoint_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(compare_args(fcinfo) <= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

Datum
touchpoint_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(compare_args(fcinfo) >= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

static int
touchpoint_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	struct varlena *a = (struct varlena *) PG_DETOAST_DATUM_PACKED(x);
	struct varlena *b = (struct varlena *) PG_DETOAST_DATUM_PACKED(y);
	TouchpointView va,
				vb;
	int			r;

	touchpoint_view(a, &va);
	touchpoint_view(b, &vb);
	r = touchpoint_view_cmp(&va, &vb);
	if ((Pointer) a != DatumGetPointer(x))
		pfree(a);
	if ((Pointer) b != DatumGetPointer(y))
		pfree(b);
	return r;
}

Datum
touchpoint_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = touchpoint_fastcmp;
	PG_RETURN_VOID();
}

/* The stored bytes are canonical (equal values, equal bytes), so they are hashed directly. */
Datum
touchpoint_hash(PG_FUNCTION_ARGS)
{
	struct varlena *tp = PG_GETARG_TOUCHPOINT_P(0);
	Datum		h = hash_any((unsigned char *) VARDATA_ANY(tp), VARSIZE_ANY_EXHDR(tp));

	PG_FREE_IF_COPY(tp, 0);
	return h;
}

Datum
touchpoint_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *tp = PG_GETARG_TOUCHPOINT_P(0);
	Datum		h = hash_any_extended((unsigned char *) VARDATA_ANY(tp),
									  VARSIZE_ANY_EXHDR(tp), PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(tp, 0);
	return h;
}
