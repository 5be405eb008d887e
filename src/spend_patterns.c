/*
 * spend_patterns.c: the spend_patterns type: the distinct (frequency, mean repeat spend) pairs
 * of a customer base's repeat customers with how many customers share each. It is what the
 * Gamma-Gamma spend model is fitted on (its likelihood depends on a customer only through the
 * pair), and it merges, so gammagamma_fit runs in parallel plans and over stored roll-ups.
 * Aggregate support, text and binary I/O.
 */
#include "cxm.h"

#include <math.h>

#include "common/int.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cxm_json.h"
#include "spend_patterns.h"

/* the hint of every binary input error of this file */
#define PATTERNS_BINARY_HINT "The binary form is int8 version, int8 flags (0), int32 count, then per pattern two float8 and an int64, in increasing order."

/* Upper bound on distinct patterns: the most entries the text form's reader takes. */
#define SPEND_PATTERNS_MAX CXM_JSON_MAX_ITEMS

#define PATTERNS_BYTES(n) (offsetof(SpendPatterns, patterns) + (Size) (n) * sizeof(SpendPattern))
#define PATTERNS_CAPACITY(s) \
	((int) ((VARSIZE(s) - offsetof(SpendPatterns, patterns)) / sizeof(SpendPattern)))

static int
pattern_cmp(const SpendPattern *a, const SpendPattern *b)
{
	if (a->frequency != b->frequency)
		return a->frequency < b->frequency ? -1 : 1;
	if (a->monetary != b->monetary)
		return a->monetary < b->monetary ? -1 : 1;
	return 0;
}

static int
pattern_qsort_cmp(const void *a, const void *b)
{
	return pattern_cmp((const SpendPattern *) a, (const SpendPattern *) b);
}

static SpendPatterns *
patterns_new(MemoryContext context, int capacity)
{
	SpendPatterns *s = MemoryContextAllocZero(context, PATTERNS_BYTES(capacity));

	SET_VARSIZE(s, PATTERNS_BYTES(capacity));
	s->version = SPEND_PATTERNS_VERSION;
	return s;
}

static void
add_counts(int64 *total, int64 more)
{
	cxm_add_count(total, more, "customer count");
}

static void
check_pattern_count(int64 n)
{
	if (n > SPEND_PATTERNS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("spend_patterns would hold " INT64_FORMAT " distinct patterns, more than the limit of %d",
						n, SPEND_PATTERNS_MAX),
				 errhint("Round the mean spend (e.g. to cents) so that customers share patterns.")));
}

/*
 * Sorts the patterns appended after the sorted ones and merges them in, adding up the counts
 * of equal patterns, in place.
 */
static void
patterns_merge_unsorted(SpendPatterns *s)
{
	SpendPattern *tail = s->patterns + s->nsorted;
	int			ntail = s->npatterns - s->nsorted;
	SpendPattern *merged;
	int			i = 0,
				j = 0,
				n = 0;

	if (ntail == 0)
		return;
	qsort(tail, ntail, sizeof(SpendPattern), pattern_qsort_cmp);
	merged = palloc(s->npatterns * sizeof(SpendPattern));
	while (i < s->nsorted || j < ntail)
	{
		const SpendPattern *next;

		if (j == ntail || (i < s->nsorted && pattern_cmp(&s->patterns[i], &tail[j]) <= 0))
			next = &s->patterns[i++];
		else
			next = &tail[j++];
		if (n > 0 && pattern_cmp(&merged[n - 1], next) == 0)
			add_counts(&merged[n - 1].count, next->count);
		else
			merged[n++] = *next;
	}
	memcpy(s->patterns, merged, n * sizeof(SpendPattern));
	pfree(merged);
	s->npatterns = s->nsorted = n;
}

const char *
spend_pattern_problem(double frequency, double monetary)
{
	if (!isfinite(frequency) || !isfinite(monetary))
		return "both must be finite numbers";
	if (frequency < 1 || frequency != floor(frequency) || frequency > 1e9)
		return "frequency must be a whole number from 1 to 1e9";
	if (!(monetary > 0))
		return "the mean spend must be positive";
	return NULL;
}

/*
 * spend_patterns(frequency, monetary): transition of the spend_patterns and gammagamma_fit
 * aggregates. Rows with a NULL, and customers without repeat purchases (frequency 0, whose
 * mean repeat spend is undefined), are skipped. Updates the state in place while it has room.
 */
PG_FUNCTION_INFO_V1(spend_patterns_trans);
Datum
spend_patterns_trans(PG_FUNCTION_ARGS)
{
	SpendPatterns *s = PG_ARGISNULL(0) ? NULL : (SpendPatterns *) PG_GETARG_POINTER(0);
	SpendPattern p;
	const char *problem;
	int			lo,
				hi;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "spend_patterns_trans called in non-aggregate context");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_GETARG_FLOAT8(1) == 0)
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	p.frequency = PG_GETARG_FLOAT8(1);
	p.monetary = PG_GETARG_FLOAT8(2);
	p.count = 1;
	problem = spend_pattern_problem(p.frequency, p.monetary);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("spend summary (frequency %g, monetary %g) is not valid: %s",
						p.frequency, p.monetary, problem),
				 errhint("Pass rfm_summary()'s frequency and monetary: a whole number of repeat "
						 "purchases and their mean spend, which must be positive (leave out "
						 "customers whose mean spend is 0 or negative).")));

	if (s == NULL)
		/* new and grown states are made in the per-call context: the executor copies a
		 * returned new state into the aggregate context and frees the old one */
		s = patterns_new(CurrentMemoryContext, 64);
	/* binary search of the sorted part */
	lo = 0;
	hi = s->nsorted;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (pattern_cmp(&s->patterns[mid], &p) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nsorted && pattern_cmp(&s->patterns[lo], &p) == 0)
	{
		add_counts(&s->patterns[lo].count, 1);
		PG_RETURN_POINTER(s);
	}
	if (s->npatterns == PATTERNS_CAPACITY(s))
	{
		/* merge the new patterns in; grow when that frees less than half of the room */
		patterns_merge_unsorted(s);
		if (s->npatterns > PATTERNS_CAPACITY(s) / 2 && PATTERNS_CAPACITY(s) < SPEND_PATTERNS_MAX)
		{
			SpendPatterns *grown;

			grown = patterns_new(CurrentMemoryContext, Min(2 * PATTERNS_CAPACITY(s), SPEND_PATTERNS_MAX));
			grown->npatterns = grown->nsorted = s->npatterns;
			memcpy(grown->patterns, s->patterns, s->npatterns * sizeof(SpendPattern));
			s = grown;
		}
		if (s->npatterns == PATTERNS_CAPACITY(s))
			check_pattern_count((int64) s->npatterns + 1);
	}
	s->patterns[s->npatterns++] = p;
	PG_RETURN_POINTER(s);
}

/* ---- reading and checking ------------------------------------------------------------------- */

static const char *
patterns_problem(const SpendPatterns *s)
{
	int64		total = 0;
	int			i;

	if (s->version != SPEND_PATTERNS_VERSION)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						s->version, SPEND_PATTERNS_VERSION);
	if (s->flags != 0)
		return psprintf("unknown flags 0x%02x", s->flags);
	if (s->npatterns < 0 || s->npatterns > SPEND_PATTERNS_MAX)
		return psprintf("pattern count %d is out of range", s->npatterns);
	for (i = 0; i < s->npatterns; i++)
	{
		const SpendPattern *p = &s->patterns[i];
		const char *problem = spend_pattern_problem(p->frequency, p->monetary);

		if (problem != NULL)
			return psprintf("pattern %d: %s", i + 1, problem);
		if (p->count <= 0)
			return psprintf("pattern %d: the count must be positive", i + 1);
		if (pg_add_s64_overflow(total, p->count, &total))
			return "the total count is out of range";
		if (i > 0 && pattern_cmp(&s->patterns[i - 1], p) >= 0)
			return "patterns must be in strictly increasing order of (frequency, monetary)";
	}
	return NULL;
}

SpendPatterns *
spend_patterns_arg(FunctionCallInfo fcinfo, int argno)
{
	SpendPatterns *s = (SpendPatterns *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < offsetof(SpendPatterns, patterns) || s->version != SPEND_PATTERNS_VERSION ||
		s->npatterns < 0 || s->npatterns > PATTERNS_CAPACITY(s) ||
		s->nsorted < 0 || s->nsorted > s->npatterns)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("spend_patterns has an unsupported format (version %d)", s->version)));
	if (s->nsorted < s->npatterns)
	{
		/* an aggregate's state: merge a copy, the state itself is not ours to change */
		SpendPatterns *copy = palloc(PATTERNS_BYTES(s->npatterns));

		memcpy(copy, s, PATTERNS_BYTES(s->npatterns));
		SET_VARSIZE(copy, PATTERNS_BYTES(s->npatterns));
		patterns_merge_unsorted(copy);
		s = copy;
	}
	return s;
}

int64
spend_patterns_customers(const SpendPatterns *s)
{
	int64		n = 0;
	int			i;

	for (i = 0; i < s->npatterns; i++)
		n += s->patterns[i].count;
	return n;
}

/* Combine function and transition of rollup(spend_patterns): a merge of two sorted lists. */
PG_FUNCTION_INFO_V1(spend_patterns_combine);
Datum
spend_patterns_combine(PG_FUNCTION_ARGS)
{
	SpendPatterns *a = spend_patterns_arg(fcinfo, 0);
	SpendPatterns *b = spend_patterns_arg(fcinfo, 1);
	SpendPatterns *merged;
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
			c = pattern_cmp(&a->patterns[i], &b->patterns[j]);
		if (c < 0)
			merged->patterns[n] = a->patterns[i++];
		else if (c > 0)
			merged->patterns[n] = b->patterns[j++];
		else
		{
			merged->patterns[n] = a->patterns[i++];
			add_counts(&merged->patterns[n].count, b->patterns[j++].count);
		}
		n++;
	}
	merged->npatterns = merged->nsorted = n;
	SET_VARSIZE(merged, PATTERNS_BYTES(n));
	PG_RETURN_POINTER(merged);
}

PG_FUNCTION_INFO_V1(spend_patterns_final);
Datum
spend_patterns_final(PG_FUNCTION_ARGS)
{
	SpendPatterns *s;
	SpendPatterns *copy;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = spend_patterns_arg(fcinfo, 0);
	copy = palloc(PATTERNS_BYTES(s->npatterns));
	memcpy(copy, s, PATTERNS_BYTES(s->npatterns));
	SET_VARSIZE(copy, PATTERNS_BYTES(s->npatterns));
	PG_RETURN_POINTER(copy);
}

PG_FUNCTION_INFO_V1(spend_patterns_eq);
Datum
spend_patterns_eq(PG_FUNCTION_ARGS)
{
	SpendPatterns *a = spend_patterns_arg(fcinfo, 0);
	SpendPatterns *b = spend_patterns_arg(fcinfo, 1);
	int			i;

	if (a->npatterns != b->npatterns)
		PG_RETURN_BOOL(false);
	for (i = 0; i < a->npatterns; i++)
		if (pattern_cmp(&a->patterns[i], &b->patterns[i]) != 0 ||
			a->patterns[i].count != b->patterns[i].count)
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(spend_patterns_ne);
Datum
spend_patterns_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!DatumGetBool(spend_patterns_eq(fcinfo)));
}

PG_FUNCTION_INFO_V1(spend_patterns_customers_sql);
Datum
spend_patterns_customers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(spend_patterns_customers(spend_patterns_arg(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(spend_patterns_count_sql);
Datum
spend_patterns_count_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(spend_patterns_arg(fcinfo, 0)->npatterns);
}

/* ---- text I/O: {"version": 1, "frequency": [...], "monetary": [...], "customers": [...]} -- */

static void
append_double(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

PG_FUNCTION_INFO_V1(spend_patterns_out);
Datum
spend_patterns_out(PG_FUNCTION_ARGS)
{
	SpendPatterns *s = spend_patterns_arg(fcinfo, 0);
	StringInfoData out;
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"frequency\": [", s->version);
	for (i = 0; i < s->npatterns; i++)
	{
		if (i > 0)
			appendStringInfoString(&out, ", ");
		append_double(&out, s->patterns[i].frequency);
	}
	appendStringInfoString(&out, "], \"monetary\": [");
	for (i = 0; i < s->npatterns; i++)
	{
		if (i > 0)
			appendStringInfoString(&out, ", ");
		append_double(&out, s->patterns[i].monetary);
	}
	appendStringInfoString(&out, "], \"customers\": [");
	for (i = 0; i < s->npatterns; i++)
		appendStringInfo(&out, "%s" INT64_FORMAT, i > 0 ? ", " : "", s->patterns[i].count);
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

enum
{
	KEY_VERSION, KEY_FREQUENCY, KEY_MONETARY, KEY_CUSTOMERS, NUM_KEYS
};
static const char *const spend_keys[NUM_KEYS] = {"version", "frequency", "monetary", "customers"};

static bool
parse_patterns(const char *input, SpendPatterns **result, char **problem)
{
	CxmJsonValue v[NUM_KEYS];
	SpendPatterns *s;
	int64		version;
	int			n,
				i,
				k;

	if (!cxm_json_read(input, spend_keys, NUM_KEYS, v, problem))
		return false;
	if (!cxm_json_expect(&v[KEY_VERSION], "version", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[KEY_VERSION].text, v[KEY_VERSION].len, &version, problem))
		return false;
	if (version < 0 || version > 255)
	{
		*problem = psprintf("version " INT64_FORMAT " is not supported", version);
		return false;
	}
	for (k = KEY_FREQUENCY; k < NUM_KEYS; k++)
		if (!cxm_json_expect(&v[k], spend_keys[k], CXM_JSON_ARRAY, problem))
			return false;
	n = v[KEY_FREQUENCY].nitems;
	if (v[KEY_MONETARY].nitems != n || v[KEY_CUSTOMERS].nitems != n)
	{
		*problem = "\"frequency\", \"monetary\" and \"customers\" must have the same number of entries";
		return false;
	}
	s = patterns_new(CurrentMemoryContext, n);
	s->version = (uint8) version;
	s->npatterns = s->nsorted = n;
	for (i = 0; i < n; i++)
	{
		SpendPattern *p = &s->patterns[i];

		if (!cxm_json_double(v[KEY_FREQUENCY].items[i], v[KEY_FREQUENCY].item_lens[i], &p->frequency, problem) ||
			!cxm_json_double(v[KEY_MONETARY].items[i], v[KEY_MONETARY].item_lens[i], &p->monetary, problem) ||
			!cxm_json_int64(v[KEY_CUSTOMERS].items[i], v[KEY_CUSTOMERS].item_lens[i], &p->count, problem))
			return false;
		p->frequency += 0.0;
		p->monetary += 0.0;
	}
	*result = s;
	return true;
}

PG_FUNCTION_INFO_V1(spend_patterns_in);
Datum
spend_patterns_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	SpendPatterns *s = NULL;
	char	   *problem = NULL;

	if (parse_patterns(input, &s, &problem))
		problem = (char *) patterns_problem(s);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type spend_patterns: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The value is invalid: %s.", problem),
				 errhint("Write spend_patterns values as {\"version\": 1, \"frequency\": [...], "
						 "\"monetary\": [...], \"customers\": [...]}: one entry per pattern, in "
						 "increasing order of (frequency, monetary), frequency >= 1, monetary > 0.")));
	PG_RETURN_POINTER(s);
}

/* ---- binary I/O: int8 version, int8 flags, int32 count, per pattern 2 float8 and an int64 - */

PG_FUNCTION_INFO_V1(spend_patterns_send);
Datum
spend_patterns_send(PG_FUNCTION_ARGS)
{
	SpendPatterns *s = spend_patterns_arg(fcinfo, 0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->npatterns);
	for (i = 0; i < s->npatterns; i++)
	{
		pq_sendfloat8(&buf, s->patterns[i].frequency);
		pq_sendfloat8(&buf, s->patterns[i].monetary);
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
				 errmsg("binary spend_patterns is truncated: " INT64_FORMAT " more bytes needed, %d remain",
						needed, buf->len - buf->cursor),
				 errhint(PATTERNS_BINARY_HINT)));
}

PG_FUNCTION_INFO_V1(spend_patterns_recv);
Datum
spend_patterns_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SpendPatterns *s;
	uint8		version,
				flags;
	int32		n;
	const char *problem;
	int			i;

	recv_check(buf, 6);
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > SPEND_PATTERNS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary spend_patterns: pattern count %d is out of range", n),
				 errhint(PATTERNS_BINARY_HINT)));
	recv_check(buf, (int64) n * 24);
	s = patterns_new(CurrentMemoryContext, n);
	s->version = version;
	s->flags = flags;
	s->npatterns = s->nsorted = n;
	for (i = 0; i < n; i++)
	{
		s->patterns[i].frequency = cxm_getmsgfloat8(buf);
		s->patterns[i].monetary = cxm_getmsgfloat8(buf);
		s->patterns[i].count = pq_getmsgint64(buf);
	}
	problem = patterns_problem(s);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary spend_patterns: %s", problem),
				 errhint(PATTERNS_BINARY_HINT)));
	PG_RETURN_POINTER(s);
}
