/*
 * json_reader.c: a small, strict reader for the flat JSON documents that are the text form of
 * cxm's summary types: one object whose values are numbers, strings, true or false, or arrays
 * of numbers or of strings.
 * Keys may come in any order (so a trip through jsonb reads back); unknown and repeated keys,
 * trailing text, NaN and Infinity are refused with a message saying where.
 * The cursor it walks the text with is shared with the readers of the fixed-shape text forms
 * (rfm_state, rfm_patterns), so that they step, fail and word their problems the same way.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/memutils.h"

#include "json_reader.h"

/* ---- the cursor (json_reader.h) ---------------------------------------------------------------- */

void
cxm_json_skip_space(CxmJsonCursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

/* Fails with "expected <what> at "<the rest>"" (or "at the end"). */
static bool
fail_at(CxmJsonCursor *c, const char *what)
{
	c->problem = *c->p
		? psprintf("expected %s at \"%s\"", what, cxm_quote_value(c->p, strlen(c->p)))
		: psprintf("expected %s at the end", what);
	return false;
}

bool
cxm_json_accept_char(CxmJsonCursor *c, char ch)
{
	cxm_json_skip_space(c);
	if (*c->p != ch)
		return false;
	c->p++;
	return true;
}

bool
cxm_json_expect_char(CxmJsonCursor *c, char ch)
{
	if (cxm_json_accept_char(c, ch))
		return true;
	return fail_at(c, psprintf("\"%c\"", ch));
}

bool
cxm_json_whole_number(CxmJsonCursor *c, int64 *value)
{
	char	   *end;

	cxm_json_skip_space(c);
	errno = 0;
	*value = strtoll(c->p, &end, 10);
	/* a JSON integer: no "+" (which strtoll takes), fraction or exponent */
	if (end == c->p || errno == ERANGE || *c->p == '+' || *end == '.' || *end == 'e' || *end == 'E')
	{
		c->problem = psprintf("expected a whole number at \"%s\"",
							  cxm_quote_value(c->p, strlen(c->p)));
		return false;
	}
	c->p = end;
	return true;
}

bool
cxm_json_expect_end(CxmJsonCursor *c)
{
	cxm_json_skip_space(c);
	if (*c->p == '\0')
		return true;
	c->problem = psprintf("unexpected text after the document: \"%s\"",
						  cxm_quote_value(c->p, strlen(c->p)));
	return false;
}

/* ---- the document reader ------------------------------------------------------------------ */

/* A JSON string without escapes (cxm never writes any); sets start and length. */
static bool
read_string(CxmJsonCursor *r, const char **start, int *len)
{
	if (!cxm_json_expect_char(r, '"'))
		return false;
	*start = r->p;
	while (*r->p && *r->p != '"' && *r->p != '\\')
		r->p++;
	if (*r->p != '"')
		return fail_at(r, "the end of the string");
	*len = r->p - *start;
	r->p++;
	return true;
}

/* A JSON number token (sign, digits, fraction, exponent); the text is kept, not converted. */
static bool
read_number(CxmJsonCursor *r, const char **start, int *len)
{
	const char *q;

	cxm_json_skip_space(r);
	q = r->p;
	if (*q == '-')
		q++;
	if (!(*q >= '0' && *q <= '9'))
		return fail_at(r, "a number");
	while ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
		   ((*q == '+' || *q == '-') && (q[-1] == 'e' || q[-1] == 'E')))
		q++;
	*start = r->p;
	*len = q - r->p;
	r->p = q;
	return true;
}

bool
cxm_json_number(CxmJsonCursor *c, double *value)
{
	const char *start;
	int			len;
	char	   *end;

	if (!read_number(c, &start, &len))
		return false;
	/* strtod must read the whole token, and nothing more (not its "nan", "inf" or hex) */
	errno = 0;
	*value = strtod(start, &end);
	if (end != start + len)
	{
		c->p = start;
		return fail_at(c, "a number");
	}
	if (errno == ERANGE && isinf(*value))
	{
		c->problem = psprintf("number \"%s\" is out of range", cxm_quote_value(start, len));
		return false;
	}
	*value += 0.0;				/* -0 reads as 0, as in binary input */
	return true;
}

/* true or false */
static bool
read_boolean(CxmJsonCursor *r, CxmJsonValue *v)
{
	v->kind = CXM_JSON_BOOLEAN;
	v->text = r->p;
	if (strncmp(r->p, "true", 4) == 0)
		v->len = 4;
	else if (strncmp(r->p, "false", 5) == 0)
		v->len = 5;
	else
		return fail_at(r, "true or false");
	r->p += v->len;
	return true;
}

static bool
read_array(CxmJsonCursor *r, CxmJsonValue *v)
{
	int			capacity = 16;

	v->kind = CXM_JSON_ARRAY;
	v->nitems = 0;
	v->strings = false;
	v->items = palloc(capacity * sizeof(char *));
	v->item_lens = palloc(capacity * sizeof(int));
	if (!cxm_json_expect_char(r, '['))
		return false;
	if (cxm_json_accept_char(r, ']'))
		return true;
	for (;;)
	{
		if ((v->nitems & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (v->nitems == CXM_JSON_MAX_ITEMS)
		{
			r->problem = psprintf("an array has more than %d entries", CXM_JSON_MAX_ITEMS);
			return false;
		}
		if (v->nitems == capacity)
		{
			capacity = (int) Min((int64) capacity * 2, (int64) CXM_JSON_MAX_ITEMS);
			v->items = repalloc(v->items, capacity * sizeof(char *));
			v->item_lens = repalloc(v->item_lens, capacity * sizeof(int));
		}
		cxm_json_skip_space(r);
		if (v->nitems == 0)
			v->strings = (*r->p == '"');
		if (v->strings ? !read_string(r, &v->items[v->nitems], &v->item_lens[v->nitems])
			: !read_number(r, &v->items[v->nitems], &v->item_lens[v->nitems]))
			return false;
		v->nitems++;
		if (cxm_json_accept_char(r, ']'))
			return true;
		if (!cxm_json_expect_char(r, ','))
			return false;
	}
}

bool
cxm_json_read(const char *input, const char *const *keys, int nkeys, CxmJsonValue *values,
			  char **problem)
{
	CxmJsonCursor r = {input, NULL};
	int			k;

	for (k = 0; k < nkeys; k++)
		values[k].kind = CXM_JSON_MISSING;
	if (!cxm_json_expect_char(&r, '{'))
		goto failed;
	cxm_json_skip_space(&r);
	if (*r.p != '}')
		for (;;)
		{
			const char *key;
			int			key_len;
			CxmJsonValue *v;

			if (!read_string(&r, &key, &key_len) || !cxm_json_expect_char(&r, ':'))
				goto failed;
			for (k = 0; k < nkeys; k++)
				if (strlen(keys[k]) == key_len && strncmp(keys[k], key, key_len) == 0)
					break;
			if (k == nkeys)
			{
				r.problem = psprintf("unknown key \"%s\"", cxm_quote_value(key, key_len));
				goto failed;
			}
			v = &values[k];
			if (v->kind != CXM_JSON_MISSING)
			{
				r.problem = psprintf("key \"%s\" appears twice", keys[k]);
				goto failed;
			}
			cxm_json_skip_space(&r);
			if (*r.p == '[')
			{
				if (!read_array(&r, v))
					goto failed;
			}
			else if (*r.p == '"')
			{
				v->kind = CXM_JSON_STRING;
				if (!read_string(&r, &v->text, &v->len))
					goto failed;
			}
			else if (*r.p == 't' || *r.p == 'f')
			{
				if (!read_boolean(&r, v))
					goto failed;
			}
			else if (!(*r.p == '-' || (*r.p >= '0' && *r.p <= '9')))
			{
				fail_at(&r, "a number, a string, true, false or an array");
				goto failed;
			}
			else
			{
				v->kind = CXM_JSON_NUMBER;
				if (!read_number(&r, &v->text, &v->len))
					goto failed;
			}
			cxm_json_skip_space(&r);
			if (*r.p == '}')
				break;
			if (!cxm_json_expect_char(&r, ','))
				goto failed;
		}
	r.p++;
	if (!cxm_json_expect_end(&r))
		goto failed;
	return true;

failed:
	*problem = r.problem;
	return false;
}

bool
cxm_json_int64(const char *text, int len, int64 *result, char **problem)
{
	char	   *copy = pnstrdup(text, len);
	char	   *end;

	errno = 0;
	*result = strtoll(copy, &end, 10);
	if (end == copy || *end != '\0' || errno == ERANGE)
	{
		*problem = psprintf("\"%s\" is not a whole number", cxm_quote_value(text, len));
		return false;
	}
	return true;
}

bool
cxm_json_double(const char *text, int len, double *result, char **problem)
{
	char	   *copy = pnstrdup(text, len);
	char	   *end;

	errno = 0;
	*result = strtod(copy, &end);
	if (end == copy || *end != '\0' || (errno == ERANGE && isinf(*result)))
	{
		*problem = psprintf("\"%s\" is not a number in range", cxm_quote_value(text, len));
		return false;
	}
	*result += 0.0;				/* -0 reads as 0: equal values are equal bytes */
	return true;
}

bool
cxm_json_expect(const CxmJsonValue *v, const char *key, CxmJsonKind kind, char **problem)
{
	static const char *const kind_names[] = {"missing", "a number", "a string", "an array",
	"true or false"};

	if (v->kind == kind)
		return true;
	*problem = v->kind == CXM_JSON_MISSING
		? psprintf("key \"%s\" is missing", key)
		: psprintf("\"%s\" must be %s", key, kind_names[kind]);
	return false;
}
