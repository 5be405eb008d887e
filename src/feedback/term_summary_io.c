/*
 * term_summary_io.c: the text form (JSON) and binary form of term_summary, both validated,
 * and its = operator (the flat form is canonical, so equal summaries have equal bytes).
 *
 * Text form:
 *   {"version": 1, "config": "pg_catalog.english", "phrases": false,
 *    "classes": [{"class": "detractor", "comments": 3}, ...],
 *    "terms": [["deliveri", 2, 2, 0, 0], ...]}
 * where each term is followed, per class in the order of "classes", by its occurrences and the
 * number of answers that contain it.
 */
#include "term_summary.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "mb/pg_wchar.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif
#include "utils/builtins.h"
#include "utils/jsonb.h"

#define TERMS_TEXT_HINT "A term_summary is the text that term_summary() produced: {\"version\": 1, \"config\": ..., \"phrases\": false, \"classes\": [{\"class\": ..., \"comments\": n}, ...], \"terms\": [[term, occurrences, answers per class ...], ...]}."
#define TERMS_BINARY_HINT "The binary form is int8 version, int8 flags (bit 0 phrases), text config, int16 classes, per class text name and int64 answers, int32 terms, per term text and per class int64 occurrences and int64 answers."

/* ---- validation shared by both forms ---------------------------------------------------------- */

typedef struct TermsInput
{
	int			sqlstate;
	const char *input;			/* the text form, for the message (NULL for binary) */
} TermsInput;

static void
invalid(const TermsInput *in, const char *problem)
{
	if (in->input != NULL)
		ereport(ERROR,
				(errcode(in->sqlstate),
				 errmsg("invalid input syntax for type term_summary: \"%s\"",
						cxm_quote_value(in->input, strlen(in->input))),
				 errdetail("The summary is invalid: %s.", problem),
				 errhint(TERMS_TEXT_HINT)));
	ereport(ERROR,
			(errcode(in->sqlstate),
			 errmsg("invalid binary term_summary value: %s", problem),
			 errhint(TERMS_BINARY_HINT)));
}

static void
input_config(const TermsInput *in, TermState *s, const char *name, int len)
{
	if (len < 1 || len > NAMEDATALEN * 2 + 5)
		invalid(in, "the configuration name is empty or too long");
	terms_set_config(s, name, len);
}

static int
input_class(const TermsInput *in, TermState *s, const char *name, int len, int64 comments)
{
	int			before = s->nclasses;
	int			c;

	if (s->nclasses == TERMS_MAX_CLASSES)
		invalid(in, "it has more than 64 classes");
	c = terms_class(s, name, len);
	if (s->nclasses == before)
		invalid(in, psprintf("class \"%s\" occurs twice", cxm_quote_value(name, len)));
	if (comments < 0)
		invalid(in, "a class's number of answers is negative");
	s->comments[c] = comments;
	return c;
}

static int
input_term(const TermsInput *in, TermState *s, const char *term, int len)
{
	int			before = s->nterms;
	int			t;

	if (len < 1 || len > TERMS_MAX_TERM_BYTES)
		invalid(in, "a term is empty or longer than 4096 bytes");
	t = terms_term(s, term, len, hash_bytes((const unsigned char *) term, len));
	if (s->nterms == before)
		invalid(in, psprintf("term \"%s\" occurs twice", cxm_quote_value(term, len)));
	return t;
}

/* The counts of a term in class c: answers with it never exceed occurrences nor answers. */
static void
input_counts(const TermsInput *in, TermState *s, int t, int c, int64 occurrences, int64 answers)
{
	int64	   *cell = terms_cell(s, t, c);

	if (occurrences < 0 || answers < 0 || answers > occurrences || answers > s->comments[c] ||
		(occurrences > 0 && answers == 0))
		invalid(in, psprintf("the counts of term \"%s\" in class \"%s\" are inconsistent "
							 "(0 <= answers <= occurrences, answers <= the class's answers, "
							 "and a term that occurs is in some answer)",
							 cxm_quote_value(s->arena + s->term_off[t], s->term_len[t]),
							 cxm_quote_value(s->class_names[c], s->class_lens[c])));
	cell[0] = occurrences;
	cell[1] = answers;
}

static void
input_term_done(const TermsInput *in, TermState *s, int t)
{
	int			c;

	for (c = 0; c < s->nclasses; c++)
		if (terms_cell(s, t, c)[0] != 0)
			return;
	invalid(in, psprintf("term \"%s\" has no occurrences",
						 cxm_quote_value(s->arena + s->term_off[t], s->term_len[t])));
}

/* ---- text form -------------------------------------------------------------------------------- */

static void
append_json_string(StringInfo out, const char *s, int len)
{
	int			i;

	appendStringInfoChar(out, '"');
	for (i = 0; i < len; i++)
	{
		unsigned char ch = s[i];

		if (ch == '"' || ch == '\\')
		{
			appendStringInfoChar(out, '\\');
			appendStringInfoChar(out, ch);
		}
		else if (ch < 0x20)
			appendStringInfo(out, "\\u%04x", ch);
		else
			appendStringInfoChar(out, ch);
	}
	appendStringInfoChar(out, '"');
}

PG_FUNCTION_INFO_V1(term_summary_out);
Datum
term_summary_out(PG_FUNCTION_ARGS)
{
	const TermSummaryFlat *f = terms_arg(fcinfo, 0);
	TermsView	v;
	StringInfoData out;
	const char *p;
	int			c,
				t;

	terms_view(f, &v);
	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"config\": ", TERMS_VERSION);
	append_json_string(&out, v.config, v.config_len);
	appendStringInfo(&out, ", \"phrases\": %s, \"classes\": [",
					 (f->flags & TERMS_PHRASES) ? "true" : "false");
	for (c = 0; c < f->nclasses; c++)
	{
		appendStringInfoString(&out, c > 0 ? ", {\"class\": " : "{\"class\": ");
		append_json_string(&out, v.class_names[c], v.class_lens[c]);
		appendStringInfo(&out, ", \"comments\": " INT64_FORMAT "}", v.comments[c]);
	}
	appendStringInfoString(&out, "], \"terms\": [");
	p = v.names_of_terms;
	for (t = 0; t < f->nterms; t++)
	{
		uint16		len;
		const int64 *counts = &v.counts[(Size) t * f->nclasses * 2];

		memcpy(&len, p, 2);
		appendStringInfoString(&out, t > 0 ? ", [" : "[");
		append_json_string(&out, p + 2, len);
		p += 2 + len;
		for (c = 0; c < 2 * f->nclasses; c++)
			appendStringInfo(&out, ", " INT64_FORMAT, counts[c]);
		appendStringInfoChar(&out, ']');
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

static int64
json_count(const TermsInput *in, const JsonbValue *v, const char *what)
{
	char	   *digits;
	char	   *end;
	int64		n;

	if (v == NULL || v->type != jbvNumeric)
		invalid(in, psprintf("%s must be a number", what));
	digits = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	errno = 0;
	n = strtoi64(digits, &end, 10);
	if (*digits == '\0' || *end != '\0' || errno != 0 || n < 0 || strspn(digits, "0123456789") != strlen(digits))
		invalid(in, psprintf("%s must be a whole number from 0 to 2^63 - 1, not %s", what, digits));
	return n;
}

static const JsonbValue *
json_key(const TermsInput *in, JsonbContainer *c, const char *key, enum jbvType type)
{
	JsonbValue *v = getKeyJsonValueFromContainer(c, key, strlen(key), NULL);

	if (v == NULL || v->type != type)
		invalid(in, psprintf("\"%s\" is missing or of the wrong kind", key));
	return v;
}

static JsonbContainer *
json_array(const TermsInput *in, const JsonbValue *v, const char *what)
{
	if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
		JsonContainerIsScalar(v->val.binary.data))
		invalid(in, psprintf("%s must be an array", what));
	return v->val.binary.data;
}

/* The summary that input describes; 22P02 when it describes none. */
static TermSummaryFlat *
parse_text(char *input)
{
	TermsInput	in = {ERRCODE_INVALID_TEXT_REPRESENTATION, input};
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *jb = NULL;
	JsonbContainer *root;
	JsonbContainer *classes;
	JsonbContainer *terms;
	const JsonbValue *v;
	TermState  *s;
	int			nclasses,
				nterms,
				c,
				t;

	PG_TRY();
	{
		jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(input)));
	}
	PG_CATCH();
	{
		ErrorData  *e;

		MemoryContextSwitchTo(cxt);
		e = CopyErrorData();
		if (e->sqlerrcode != ERRCODE_INVALID_TEXT_REPRESENTATION &&
			e->sqlerrcode != ERRCODE_UNTRANSLATABLE_CHARACTER)
			PG_RE_THROW();
		FlushErrorState();
		invalid(&in, psprintf("it is not JSON (%s%s%s)", e->message, e->detail ? ": " : "",
							  e->detail ? e->detail : ""));
	}
	PG_END_TRY();

	if (!JB_ROOT_IS_OBJECT(jb))
		invalid(&in, "it is not a JSON object");
	root = &jb->root;
	if (JsonContainerSize(root) != 5)
		invalid(&in, "it must have exactly the keys version, config, phrases, classes and terms");
	if (json_count(&in, json_key(&in, root, "version", jbvNumeric), "version") != TERMS_VERSION)
		invalid(&in, "version must be 1");
	s = terms_new(CurrentMemoryContext);
	v = json_key(&in, root, "config", jbvString);
	input_config(&in, s, v->val.string.val, v->val.string.len);
	v = json_key(&in, root, "phrases", jbvBool);
	terms_set_flags(s, v->val.boolean ? TERMS_PHRASES : 0);

	classes = json_array(&in, json_key(&in, root, "classes", jbvBinary), "\"classes\"");
	nclasses = JsonContainerSize(classes);
	if (nclasses > TERMS_MAX_CLASSES)
		invalid(&in, "it has more than 64 classes");
	for (c = 0; c < nclasses; c++)
	{
		JsonbValue *item = getIthJsonbValueFromContainer(classes, c);
		JsonbContainer *obj;
		const JsonbValue *name;

		if (item->type != jbvBinary || !JsonContainerIsObject(item->val.binary.data) ||
			JsonContainerSize(item->val.binary.data) != 2)
			invalid(&in, "each class must be {\"class\": name, \"comments\": answers}");
		obj = item->val.binary.data;
		name = json_key(&in, obj, "class", jbvString);
		input_class(&in, s, name->val.string.val, name->val.string.len,
					json_count(&in, json_key(&in, obj, "comments", jbvNumeric), "comments"));
	}

	terms = json_array(&in, json_key(&in, root, "terms", jbvBinary), "\"terms\"");
	nterms = JsonContainerSize(terms);
	for (t = 0; t < nterms; t++)
	{
		JsonbValue *item = getIthJsonbValueFromContainer(terms, t);
		JsonbContainer *arr = json_array(&in, item, "each term");
		JsonbValue *name;
		int			k;

		if (JsonContainerSize(arr) != 1 + 2 * nclasses)
			invalid(&in, psprintf("term %d must have its text and two counts per class", t + 1));
		name = getIthJsonbValueFromContainer(arr, 0);
		if (name->type != jbvString)
			invalid(&in, psprintf("term %d must start with its text", t + 1));
		k = input_term(&in, s, name->val.string.val, name->val.string.len);
		for (c = 0; c < nclasses; c++)
			input_counts(&in, s, k, c,
						 json_count(&in, getIthJsonbValueFromContainer(arr, 1 + 2 * c), "a count"),
						 json_count(&in, getIthJsonbValueFromContainer(arr, 2 + 2 * c), "a count"));
		input_term_done(&in, s, k);
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return terms_flatten(s);
}

PG_FUNCTION_INFO_V1(term_summary_in);
Datum
term_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);

#if PG_VERSION_NUM >= 160000
	/* pg_input_is_valid and friends: invalid text is a soft error */
	if (fcinfo->context != NULL && IsA(fcinfo->context, ErrorSaveContext))
	{
		MemoryContext cxt = CurrentMemoryContext;
		TermSummaryFlat *result = NULL;

		PG_TRY();
		{
			result = parse_text(input);
		}
		PG_CATCH();
		{
			ErrorData  *e;

			MemoryContextSwitchTo(cxt);
			e = CopyErrorData();
			if (e->sqlerrcode != ERRCODE_INVALID_TEXT_REPRESENTATION)
				PG_RE_THROW();
			FlushErrorState();
			errsave(fcinfo->context,
					(errcode(e->sqlerrcode), errmsg_internal("%s", e->message),
					 e->detail ? errdetail_internal("%s", e->detail) : 0,
					 e->hint ? errhint("%s", e->hint) : 0));
			PG_RETURN_NULL();
		}
		PG_END_TRY();
		PG_RETURN_POINTER(result);
	}
#endif
	PG_RETURN_POINTER(parse_text(input));
}

/* ---- binary form ------------------------------------------------------------------------------ */

/* int32 length and bytes, converted to the client encoding as touchpoint's labels are */
static void
send_name(StringInfo buf, const char *name, int len)
{
	char	   *converted = pg_server_to_client(name, len);
	int			converted_len = converted == name ? len : strlen(converted);

	pq_sendint32(buf, converted_len);
	pq_sendbytes(buf, converted, converted_len);
}

PG_FUNCTION_INFO_V1(term_summary_send);
Datum
term_summary_send(PG_FUNCTION_ARGS)
{
	const TermSummaryFlat *f = terms_arg(fcinfo, 0);
	TermsView	v;
	StringInfoData buf;
	const char *p;
	int			c,
				t;

	terms_view(f, &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, f->version);
	pq_sendbyte(&buf, f->flags);
	send_name(&buf, v.config, v.config_len);
	pq_sendint16(&buf, f->nclasses);
	for (c = 0; c < f->nclasses; c++)
	{
		send_name(&buf, v.class_names[c], v.class_lens[c]);
		pq_sendint64(&buf, v.comments[c]);
	}
	pq_sendint32(&buf, f->nterms);
	p = v.names_of_terms;
	for (t = 0; t < f->nterms; t++)
	{
		uint16		len;
		const int64 *counts = &v.counts[(Size) t * f->nclasses * 2];

		memcpy(&len, p, 2);
		send_name(&buf, p + 2, len);
		p += 2 + len;
		for (c = 0; c < 2 * f->nclasses; c++)
			pq_sendint64(&buf, counts[c]);
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* A counted text of at most max bytes (after conversion to the server encoding). */
static char *
recv_name(const TermsInput *in, StringInfo buf, int max, int *len)
{
	int			n;
	const char *raw;
	char	   *name;

	if (buf->len - buf->cursor < 4 || (n = pq_getmsgint(buf, 4)) < 0 || n > buf->len - buf->cursor)
		invalid(in, "it is truncated");
	raw = pq_getmsgbytes(buf, n);
	name = pg_client_to_server(raw, n);
	*len = name == raw ? n : strlen(name);
	if (memchr(name, '\0', *len) != NULL)
		invalid(in, "a name contains a zero byte");
	if (*len > max)
		invalid(in, psprintf("a name is longer than %d bytes", max));
	return name;
}

static int64
recv_count(const TermsInput *in, StringInfo buf)
{
	if (buf->len - buf->cursor < 8)
		invalid(in, "it is truncated");
	return pq_getmsgint64(buf);
}

PG_FUNCTION_INFO_V1(term_summary_recv);
Datum
term_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TermsInput	in = {ERRCODE_INVALID_BINARY_REPRESENTATION, NULL};
	TermState  *s = terms_new(CurrentMemoryContext);
	int			version,
				flags,
				nclasses,
				nterms,
				len,
				c,
				t;
	char	   *name;

	if (buf->len - buf->cursor < 2)
		invalid(&in, "it is truncated");
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	if (version != TERMS_VERSION || (flags & ~TERMS_PHRASES) != 0)
		invalid(&in, psprintf("version %d with flags %d is not supported", version, flags));
	name = recv_name(&in, buf, NAMEDATALEN * 2 + 5, &len);
	input_config(&in, s, name, len);
	terms_set_flags(s, flags);
	if (buf->len - buf->cursor < 2)
		invalid(&in, "it is truncated");
	nclasses = (int16) pq_getmsgint(buf, 2);
	if (nclasses < 0 || nclasses > TERMS_MAX_CLASSES)
		invalid(&in, psprintf("it has %d classes (at most 64)", nclasses));
	for (c = 0; c < nclasses; c++)
	{
		name = recv_name(&in, buf, 1024, &len);
		input_class(&in, s, name, len, recv_count(&in, buf));
	}
	if (buf->len - buf->cursor < 4)
		invalid(&in, "it is truncated");
	nterms = pq_getmsgint(buf, 4);
	if (nterms < 0 || nterms > TERMS_MAX_TERMS)
		invalid(&in, psprintf("it has %d terms (at most %d)", nterms, TERMS_MAX_TERMS));
	for (t = 0; t < nterms; t++)
	{
		int			k;

		name = recv_name(&in, buf, TERMS_MAX_TERM_BYTES, &len);
		k = input_term(&in, s, name, len);
		for (c = 0; c < nclasses; c++)
		{
			int64		occurrences = recv_count(&in, buf);

			input_counts(&in, s, k, c, occurrences, recv_count(&in, buf));
		}
		input_term_done(&in, s, k);
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	if (buf->cursor != buf->len)
		invalid(&in, "it has bytes after its last term");
	PG_RETURN_POINTER(terms_flatten(s));
}

/* = : the canonical flat forms are equal */
PG_FUNCTION_INFO_V1(term_summary_eq);
Datum
term_summary_eq(PG_FUNCTION_ARGS)
{
	const TermSummaryFlat *a = terms_arg(fcinfo, 0);
	const TermSummaryFlat *b = terms_arg(fcinfo, 1);

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0);
}
