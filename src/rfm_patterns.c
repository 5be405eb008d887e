/*
 * rfm_patterns.c: the rfm_patterns type: the distinct (frequency, recency, T) patterns of a
 * customer base with how many customers share each. It is what buy-till-you-die models are
 * fitted on (the likelihood depends on a customer only through the pattern), it stays small
 * (customers with the same history collapse), and it merges, so bgnbd_fit runs in parallel
 * plans and over stored roll-ups. Aggregate support, text and binary I/O.
 */
#include "cxm.h"

#include <math.h>

#include "common/int.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "rfm_patterns.h"

/* the hint of every binary input error of this file */
#define PATTERNS_BINARY_HINT "The binary form is int8 version, int8 flags (0), int32 count, then per pattern three float8 and an int64, in increasing order."

/* Upper bound on distinct patterns, so a value stays far below the 1 GB varlena limit. */
#define RFM_PATTERNS_MAX 10000000

#define PATTERNS_BYTES(n) (offsetof(RfmPatterns, patterns) + (Size) (n) * sizeof(RfmPattern))
#define PATTERNS_CAPACITY(s) \
	((int) ((VARSIZE(s) - offsetof(RfmPatterns, patterns)) / sizeof(RfmPattern)))

static int
pattern_cmp(const RfmPattern *p, double frequency, double recency, double t)
{
	if (p->frequency != frequency)
		return p->frequency < frequency ? -1 : 1;
	if (p->recency != recency)
		return p->recency < recency ? -1 : 1;
	if (p->t != t)
		return p->t < t ? -1 : 1;
	return 0;
}

/* Index of the first of the sorted patterns >= (frequency, recency, t). */
static int
patterns_find(const RfmPatterns *s, double frequency, double recency, double t)
{
	int			lo = 0,
				hi = s->nsorted;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (pattern_cmp(&s->patterns[mid], frequency, recency, t) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static RfmPatterns *
patterns_new(MemoryContext context, int capacity)
{
	RfmPatterns *s = MemoryContextAllocZero(context, PATTERNS_BYTES(capacity));

	SET_VARSIZE(s, PATTERNS_BYTES(capacity));
	s->version = RFM_PATTERNS_VERSION;
	return s;
}

static int
pattern_qsort_cmp(const void *a, const void *b)
{
	const RfmPattern *q = (const RfmPattern *) b;

	return pattern_cmp((const RfmPattern *) a, q->frequency, q->recency, q->t);
}

/*
 * Sorts the patterns appended after the sorted ones and merges them in, adding up the counts
 * of equal patterns, in place.
 */
static void
patterns_merge_unsorted(RfmPatterns *s)
{
	RfmPattern *tail = s->patterns + s->nsorted;
	int			ntail = s->npatterns - s->nsorted;
	RfmPattern *merged;
	int			i = 0,
				j = 0,
				n = 0;

	if (ntail == 0)
		return;
	qsort(tail, ntail, sizeof(RfmPattern), pattern_qsort_cmp);
	merged = palloc(s->npatterns * sizeof(RfmPattern));
	while (i < s->nsorted || j < ntail)
	{
		const RfmPattern *next;

		if (j == ntail || (i < s->nsorted &&
						   pattern_qsort_cmp(&s->patterns[i], &tail[j]) <= 0))
			next = &s->patterns[i++];
		else
			next = &tail[j++];
		if (n > 0 && pattern_qsort_cmp(&merged[n - 1], next) == 0)
			cxm_add_count(&merged[n - 1].count, next->count, "customer count");
		else
			merged[n++] = *next;
	}
	memcpy(s->patterns, merged, n * sizeof(RfmPattern));
	pfree(merged);
	s->npatterns = s->nsorted = n;
}

static void
check_pattern_count(int64 n)
{
	if (n > RFM_PATTERNS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("rfm_patterns would hold " INT64_FORMAT " distinct patterns, more than the limit of %d",
						n, RFM_PATTERNS_MAX),
				 errhint("Round recency and T (e.g. to whole days) so that customers share patterns.")));
}

const char *
rfm_pattern_problem(double frequency, double recency, double t)
{
	if (!isfinite(frequency) || !isfinite(recency) || !isfinite(t))
		return "all three must be finite numbers";
	if (frequency < 0 || frequency != floor(frequency) || frequency > 1e9)
		return "frequency must be a whole number from 0 to 1e9";
	if (recency < 0)
		return "recency must not be negative";
	if (t < recency)
		return "T must not be less than recency";
	if (frequency == 0 && recency != 0)
		return "recency must be 0 when frequency is 0";
	return NULL;
}

/*
 * rfm_patterns(frequency, recency, t): transition of the rfm_patterns and bgnbd_fit
 * aggregates. Rows with a NULL are skipped. Updates the state in place while it has room.
 */
PG_FUNCTION_INFO_V1(rfm_patterns_trans);
Datum
rfm_patterns_trans(PG_FUNCTION_ARGS)
{
	RfmPatterns *s = PG_ARGISNULL(0) ? NULL : (RfmPatterns *) PG_GETARG_POINTER(0);
	double		frequency,
				recency,
				t;
	const char *problem;
	int			i;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "rfm_patterns_trans called in non-aggregate context");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	/* + 0.0 turns -0 into 0, so that equal patterns have equal bits */
	frequency = PG_GETARG_FLOAT8(1) + 0.0;
	recency = PG_GETARG_FLOAT8(2) + 0.0;
	t = PG_GETARG_FLOAT8(3) + 0.0;
	problem = rfm_pattern_problem(frequency, recency, t);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer summary (frequency %g, recency %g, T %g) is not valid: %s",
						frequency, recency, t, problem),
				 errhint("Pass rfm_summary()'s frequency, recency and t: a whole number of repeat "
						 "purchases >= 0, and 0 <= recency <= T (recency 0 without repeats).")));

	if (s == NULL)
		/* new and grown states are made in the per-call context: the executor copies a
		 * returned new state into the aggregate context and frees the old one */
		s = patterns_new(CurrentMemoryContext, 64);
	i = patterns_find(s, frequency, recency, t);
	if (i < s->nsorted && pattern_cmp(&s->patterns[i], frequency, recency, t) == 0)
	{
		s->patterns[i].count++;
		PG_RETURN_POINTER(s);
	}
	if (s->npatterns == PATTERNS_CAPACITY(s))
	{
		/* merge the new patterns in; grow when that frees less than half of the room */
		patterns_merge_unsorted(s);
		if (s->npatterns > PATTERNS_CAPACITY(s) / 2 && PATTERNS_CAPACITY(s) < RFM_PATTERNS_MAX)
		{
			RfmPatterns *grown;

			grown = patterns_new(CurrentMemoryContext, Min(2 * PATTERNS_CAPACITY(s), RFM_PATTERNS_MAX));
			grown->npatterns = grown->nsorted = s->npatterns;
			memcpy(grown->patterns, s->patterns, s->npatterns * sizeof(RfmPattern));
			s = grown;
		}
		if (s->npatterns == PATTERNS_CAPACITY(s))
			check_pattern_count((int64) s->npatterns + 1);
	}
	i = s->npatterns++;
	s->patterns[i].frequency = frequency;
	s->patterns[i].recency = recency;
	s->patterns[i].t = t;
	s->patterns[i].count = 1;
	PG_RETURN_POINTER(s);
}

/* ---- reading and checking ------------------------------------------------------------------- */

static const char *
patterns_problem(const RfmPatterns *s)
{
	int64		total = 0;
	int			i;

	if (s->version != RFM_PATTERNS_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						s->version, RFM_PATTERNS_VERSION);
	if (s->flags != 0)
		return psprintf("unknown flags 0x%02x", s->flags);
	if (s->npatterns < 0 || s->npatterns > RFM_PATTERNS_MAX)
		return psprintf("pattern count %d is out of range", s->npatterns);
	for (i = 0; i < s->npatterns; i++)
	{
		const RfmPattern *p = &s->patterns[i];
		const char *problem = rfm_pattern_problem(p->frequency, p->recency, p->t);

		if (problem != NULL)
			return psprintf("pattern %d: %s", i + 1, problem);
		if (p->count <= 0)
			return psprintf("pattern %d: the count must be positive", i + 1);
		if (pg_add_s64_overflow(total, p->count, &total))
			return "the total count is out of range";
		if (i > 0 && pattern_cmp(&s->patterns[i - 1], p->frequency, p->recency, p->t) >= 0)
			return "patterns must be in strictly increasing order";
	}
	return NULL;
}

RfmPatterns *
rfm_patterns_arg(FunctionCallInfo fcinfo, int argno)
{
	RfmPatterns *s = (RfmPatterns *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < offsetof(RfmPatterns, patterns) || s->version != RFM_PATTERNS_VERSION ||
		s->npatterns < 0 || s->npatterns > PATTERNS_CAPACITY(s) ||
		s->nsorted < 0 || s->nsorted > s->npatterns)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("rfm_patterns has an unsupported format (version %d)", s->version)));
	if (s->nsorted < s->npatterns)
	{
		/* an aggregate's state: merge a copy, the state itself is not ours to change */
		RfmPatterns *copy = palloc(PATTERNS_BYTES(s->npatterns));

		memcpy(copy, s, PATTERNS_BYTES(s->npatterns));
		SET_VARSIZE(copy, PATTERNS_BYTES(s->npatterns));
		patterns_merge_unsorted(copy);
		s = copy;
	}
	return s;
}

static RfmPatterns *
patterns_trimmed(const RfmPatterns *s)
{
	RfmPatterns *copy = palloc(PATTERNS_BYTES(s->npatterns));

	memcpy(copy, s, PATTERNS_BYTES(s->npatterns));
	SET_VARSIZE(copy, PATTERNS_BYTES(s->npatterns));
	return copy;
}

int64
rfm_patterns_customers(const RfmPatterns *s)
{
	int64		n = 0;
	int			i;

	for (i = 0; i < s->npatterns; i++)
		n += s->patterns[i].count;
	return n;
}

/* Combine function and transition of rollup(rfm_patterns): a merge of two sorted lists. */
PG_FUNCTION_INFO_V1(rfm_patterns_combine);
Datum
rfm_patterns_combine(PG_FUNCTION_ARGS)
{
	RfmPatterns *a = rfm_patterns_arg(fcinfo, 0);
	RfmPatterns *b = rfm_patterns_arg(fcinfo, 1);
	RfmPatterns *merged;
	int			i = 0,
				j = 0,
				n = 0;

	check_pattern_count((int64) a->npatterns + b->npatterns);
	merged = patterns_new(CurrentMemoryContext, a->npatterns + b->npatterns);
	while (i < a->npatterns || j < b->npatterns)
	{
		int			c;

		if (i == a->npatterns)
			c = 1;
		else if (j == b->npatterns)
			c = -1;
		else
			c = pattern_cmp(&a->patterns[i], b->patterns[j].frequency, b->patterns[j].recency,
							b->patterns[j].t);
		if (c < 0)
			merged->patterns[n] = a->patterns[i++];
		else if (c > 0)
			merged->patterns[n] = b->patterns[j++];
		else
		{
			merged->patterns[n] = a->patterns[i++];
			cxm_add_count(&merged->patterns[n].count, b->patterns[j++].count, "customer count");
		}
		n++;
	}
	merged->npatterns = merged->nsorted = n;
	PG_RETURN_POINTER(merged);
}

PG_FUNCTION_INFO_V1(rfm_patterns_final);
Datum
rfm_patterns_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(patterns_trimmed(rfm_patterns_arg(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(rfm_patterns_eq);
Datum
rfm_patterns_eq(PG_FUNCTION_ARGS)
{
	RfmPatterns *a = rfm_patterns_arg(fcinfo, 0);
	RfmPatterns *b = rfm_patterns_arg(fcinfo, 1);

	PG_RETURN_BOOL(a->npatterns == b->npatterns &&
				   memcmp(a->patterns, b->patterns, a->npatterns * sizeof(RfmPattern)) == 0);
}

PG_FUNCTION_INFO_V1(rfm_patterns_ne);
Datum
rfm_patterns_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(rfm_patterns_eq(fcinfo)));
}

/* customers(patterns), patterns(patterns) */
PG_FUNCTION_INFO_V1(rfm_patterns_customers_sql);
Datum
rfm_patterns_customers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(rfm_patterns_customers(rfm_patterns_arg(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(rfm_patterns_count_sql);
Datum
rfm_patterns_count_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(rfm_patterns_arg(fcinfo, 0)->npatterns);
}

/* ---- text I/O: {"version": 1, "patterns": [[frequency, recency, T, count], ...]} ---------- */

static void
append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

PG_FUNCTION_INFO_V1(rfm_patterns_out);
Datum
rfm_patterns_out(PG_FUNCTION_ARGS)
{
	RfmPatterns *s = rfm_patterns_arg(fcinfo, 0);
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"patterns\": [", s->version);
	for (i = 0; i < s->npatterns; i++)
	{
		const RfmPattern *p = &s->patterns[i];

		appendStringInfoString(&out, i > 0 ? ", [" : "[");
		append_double(&out, p->frequency);
		appendStringInfoString(&out, ", ");
		append_double(&out, p->recency);
		appendStringInfoString(&out, ", ");
		append_double(&out, p->t);
		appendStringInfo(&out, ", " INT64_FORMAT "]", p->count);
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

typedef struct PatternParser
{
	const char *p;
	char	   *problem;
} PatternParser;

static void
skip_space(PatternParser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static bool
accept_char(PatternParser *ps, char c)
{
	skip_space(ps);
	if (*ps->p != c)
		return false;
	ps->p++;
	return true;
}

static bool
expect_char(PatternParser *ps, char c)
{
	if (accept_char(ps, c))
		return true;
	ps->problem = *ps->p
		? psprintf("expected \"%c\" at \"%s\"", c, cxm_quote_value(ps->p, strlen(ps->p)))
		: psprintf("expected \"%c\" at the end", c);
	return false;
}

static bool
expect_key(PatternParser *ps, const char *key)
{
	int			len = strlen(key);

	if (!expect_char(ps, '"'))
		return false;
	if (strncmp(ps->p, key, len) != 0 || ps->p[len] != '"')
	{
		ps->problem = psprintf("expected the key \"%s\" at \"%s\"", key,
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	ps->p += len + 1;
	return expect_char(ps, ':');
}

static bool
parse_double(PatternParser *ps, double *value)
{
	const char *q;
	char	   *end;

	skip_space(ps);
	q = ps->p + (*ps->p == '-');
	if (!(*q >= '0' && *q <= '9'))
	{
		ps->problem = psprintf("expected a number at \"%s\"", cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	errno = 0;
	*value = strtod(ps->p, &end);
	if (errno == ERANGE && isinf(*value))
	{
		ps->problem = psprintf("number \"%s\" is out of range", cxm_quote_value(ps->p, end - ps->p));
		return false;
	}
	*value += 0.0;
	ps->p = end;
	return true;
}

static bool
parse_integer(PatternParser *ps, int64 *value)
{
	char	   *end;

	skip_space(ps);
	errno = 0;
	*value = strtoll(ps->p, &end, 10);
	if (end == ps->p || errno == ERANGE || *end == '.' || *end == 'e' || *end == 'E')
	{
		ps->problem = psprintf("expected a whole number at \"%s\"",
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	ps->p = end;
	return true;
}

/* The document has one fixed shape; keys in this order. */
static bool
parse_patterns(PatternParser *ps, RfmPatterns **s)
{
	int64		version;

	if (!expect_char(ps, '{') || !expect_key(ps, "version") || !parse_integer(ps, &version))
		return false;
	if (version < 0 || version > 255)
	{
		ps->problem = psprintf("version " INT64_FORMAT " is not supported", version);
		return false;
	}
	(*s)->version = (uint8) version;
	if (!expect_char(ps, ',') || !expect_key(ps, "patterns") || !expect_char(ps, '['))
		return false;
	if (!accept_char(ps, ']'))
	{
		do
		{
			RfmPattern *p;

			if ((*s)->npatterns == RFM_PATTERNS_MAX)
			{
				ps->problem = psprintf("more than %d patterns", RFM_PATTERNS_MAX);
				return false;
			}
			if ((*s)->npatterns == PATTERNS_CAPACITY(*s))
			{
				int			capacity = Min(2 * (*s)->npatterns, RFM_PATTERNS_MAX);

				*s = repalloc(*s, PATTERNS_BYTES(capacity));
				SET_VARSIZE(*s, PATTERNS_BYTES(capacity));
			}
			p = &(*s)->patterns[(*s)->npatterns++];
			if (!expect_char(ps, '[') || !parse_double(ps, &p->frequency) ||
				!expect_char(ps, ',') || !parse_double(ps, &p->recency) ||
				!expect_char(ps, ',') || !parse_double(ps, &p->t) ||
				!expect_char(ps, ',') || !parse_integer(ps, &p->count) ||
				!expect_char(ps, ']'))
				return false;
		} while (accept_char(ps, ','));
		if (!expect_char(ps, ']'))
			return false;
	}
	if (!expect_char(ps, '}'))
		return false;
	skip_space(ps);
	if (*ps->p != '\0')
	{
		ps->problem = psprintf("unexpected text after the document: \"%s\"",
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	return true;
}

PG_FUNCTION_INFO_V1(rfm_patterns_in);
Datum
rfm_patterns_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RfmPatterns *s = palloc0(PATTERNS_BYTES(16));
	PatternParser ps = {input, NULL};
	const char *problem;

	SET_VARSIZE(s, PATTERNS_BYTES(16));
	if (!parse_patterns(&ps, &s))
		problem = ps.problem;
	else
	{
		s->nsorted = s->npatterns;
		problem = patterns_problem(s);
	}
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rfm_patterns: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The value is invalid: %s.", problem),
				 errhint("Write rfm_patterns values as {\"version\": 1, \"patterns\": "
						 "[[frequency, recency, T, customers], ...]} in increasing order of "
						 "(frequency, recency, T).")));
	PG_RETURN_POINTER(patterns_trimmed(s));
}

/* ---- binary I/O: int8 version, int8 flags, int32 count, per pattern 3 float8 and an int64 - */

PG_FUNCTION_INFO_V1(rfm_patterns_send);
Datum
rfm_patterns_send(PG_FUNCTION_ARGS)
{
	RfmPatterns *s = rfm_patterns_arg(fcinfo, 0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->npatterns);
	for (i = 0; i < s->npatterns; i++)
	{
		pq_sendfloat8(&buf, s->patterns[i].frequency);
		pq_sendfloat8(&buf, s->patterns[i].recency);
		pq_sendfloat8(&buf, s->patterns[i].t);
		pq_sendint64(&buf, s->patterns[i].count);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_check(StringInfo buf, int64 needed)
{
	if (buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary rfm_patterns is truncated: " INT64_FORMAT " more bytes needed, %d remain",
						needed, buf->len - buf->cursor),
				 errhint(PATTERNS_BINARY_HINT)));
}

PG_FUNCTION_INFO_V1(rfm_patterns_recv);
Datum
rfm_patterns_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RfmPatterns *s;
	uint8		version,
				flags;
	int32		n;
	const char *problem;
	int			i;

	recv_check(buf, 6);
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > RFM_PATTERNS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rfm_patterns: pattern count %d is out of range", n),
				 errhint(PATTERNS_BINARY_HINT)));
	recv_check(buf, (int64) n * 32);
	s = patterns_new(CurrentMemoryContext, n);
	s->version = version;
	s->flags = flags;
	s->npatterns = s->nsorted = n;
	for (i = 0; i < n; i++)
	{
		s->patterns[i].frequency = cxm_getmsgfloat8(buf);
		s->patterns[i].recency = cxm_getmsgfloat8(buf);
		s->patterns[i].t = cxm_getmsgfloat8(buf);
		s->patterns[i].count = pq_getmsgint64(buf);
	}
	problem = patterns_problem(s);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rfm_patterns: %s", problem),
				 errhint(PATTERNS_BINARY_HINT)));
	PG_RETURN_POINTER(s);
}
