/*
 * pattern_table.c: the machinery shared by the pattern types (rfm_patterns, spend_patterns):
 * tables of patterns of a few doubles with customer counts, sorted, merged in batches inside
 * aggregates, combined, checked, compared, and their binary form.
 */
#include "cxm.h"

#include "common/int.h"
#include "libpq/pqformat.h"

#include "pattern_table.h"
#include "type_compare.h"

/* the hint of every binary input error, with the number of doubles in words */
#define BINARY_HINT "The binary form is int8 version, int8 flags (0), int32 count, then per pattern %s float8 and an int64, in increasing order."
static const char *const number_words[] = {"zero", "one", "two", "three", "four"};

PatternTable *
pattern_table_new(const PatternKind *kind, int capacity)
{
	PatternTable *s = palloc0(PATTERN_TABLE_BYTES(kind, capacity));

	SET_VARSIZE(s, PATTERN_TABLE_BYTES(kind, capacity));
	s->version = kind->version;
	return s;
}

static void
check_pattern_count(const PatternKind *kind, int64 n)
{
	if (n > kind->max_patterns)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s would hold " INT64_FORMAT " distinct patterns, more than the limit of %d",
						kind->type_name, n, kind->max_patterns),
				 errhint("%s", kind->limit_hint)));
}

static int
pattern_qsort_cmp(const void *a, const void *b, void *arg)
{
	return pattern_cmp((const double *) a, (const double *) b, *(const int *) arg);
}

/* Sorts the patterns appended after the sorted ones, in place. */
static void
sort_tail(const PatternKind *kind, PatternTable *s)
{
	int			ntail = s->npatterns - s->nsorted;

	if (ntail > 1)
		qsort_arg(PATTERN_AT(kind, s, s->nsorted), ntail, PATTERN_WIDTH(kind),
				  pattern_qsort_cmp, (void *) &kind->ndoubles);
}

/*
 * Merges the sorted patterns a[0..na) and b[0..nb) into out (room for na + nb, overlapping
 * neither), adding up the counts of equal patterns; returns how many patterns out holds.
 */
static int
merge_sorted(const PatternKind *kind, double *out, const double *a, int na, const double *b,
			 int nb)
{
	const int	slots = PATTERN_SLOTS(kind);
	int			i = 0,
				j = 0,
				n = 0;
	double	   *last = NULL;

	while (i < na || j < nb)
	{
		const double *next;

		if ((n & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (j == nb || (i < na && pattern_cmp(a + (Size) i * slots, b + (Size) j * slots,
											  kind->ndoubles) <= 0))
			next = a + (Size) i++ * slots;
		else
			next = b + (Size) j++ * slots;
		if (last != NULL && pattern_cmp(last, next, kind->ndoubles) == 0)
			cxm_add_count(&PATTERN_COUNT(kind, last), PATTERN_COUNT(kind, next),
						  "customer count");
		else
		{
			last = out + (Size) n++ * slots;
			pattern_copy_doubles(last, next, slots);
		}
	}
	return n;
}

/* How many patterns merge_sorted makes of s's sorted part and its sorted tail. */
static int
merged_count(const PatternKind *kind, const PatternTable *s)
{
	int			i = 0,
				j = s->nsorted,
				n = 0;
	const double *last = NULL;

	while (i < s->nsorted || j < s->npatterns)
	{
		const double *next;

		if ((n & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (j == s->npatterns || (i < s->nsorted &&
								  pattern_cmp(PATTERN_AT(kind, s, i), PATTERN_AT(kind, s, j),
											  kind->ndoubles) <= 0))
			next = PATTERN_AT(kind, s, i++);
		else
			next = PATTERN_AT(kind, s, j++);
		if (last == NULL || pattern_cmp(last, next, kind->ndoubles) != 0)
			n++;
		last = next;
	}
	return n;
}

/*
 * Sorts the patterns appended after the sorted ones and merges them in, adding up the counts
 * of equal patterns, in place.
 */
static void
merge_unsorted(const PatternKind *kind, PatternTable *s)
{
	PatternTable *merged;
	int			n;

	if (s->npatterns == s->nsorted)
		return;
	sort_tail(kind, s);
	merged = palloc(PATTERN_TABLE_BYTES(kind, s->npatterns));
	n = merge_sorted(kind, merged->values, s->values, s->nsorted,
					 PATTERN_AT(kind, s, s->nsorted), s->npatterns - s->nsorted);
	memcpy(s->values, merged->values, n * PATTERN_WIDTH(kind));
	pfree(merged);
	s->npatterns = s->nsorted = n;
}

PatternTable *
pattern_table_make_room(const PatternKind *kind, PatternTable *s)
{
	int			capacity = PATTERN_TABLE_CAPACITY(kind, s);

	sort_tail(kind, s);
	if (capacity < kind->max_patterns && merged_count(kind, s) > capacity / 2)
	{
		/*
		 * It grows: merge straight into the larger table (merging in place and then copying
		 * cost two more passes over the patterns). Its spare room is zeroed, as
		 * pattern_table_new's is.
		 */
		int			grown_capacity = Min(2 * capacity, kind->max_patterns);
		PatternTable *grown = palloc(PATTERN_TABLE_BYTES(kind, grown_capacity));
		int			n;

		memcpy(grown, s, offsetof(PatternTable, values));
		SET_VARSIZE(grown, PATTERN_TABLE_BYTES(kind, grown_capacity));
		n = merge_sorted(kind, grown->values, s->values, s->nsorted,
						 PATTERN_AT(kind, s, s->nsorted), s->npatterns - s->nsorted);
		memset(PATTERN_AT(kind, grown, n), 0,
			   (Size) (grown_capacity - n) * PATTERN_WIDTH(kind));
		grown->npatterns = grown->nsorted = n;
		s = grown;
	}
	else
		merge_unsorted(kind, s);
	return s;
}

void
pattern_table_full(const PatternKind *kind, const PatternTable *s)
{
	check_pattern_count(kind, (int64) s->npatterns + 1);
	elog(ERROR, "%s is full below its limit", kind->type_name);
}

PatternTable *
pattern_table_arg(const PatternKind *kind, FunctionCallInfo fcinfo, int argno)
{
	PatternTable *s = (PatternTable *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < offsetof(PatternTable, values) || s->version != kind->version ||
		s->npatterns < 0 || s->npatterns > PATTERN_TABLE_CAPACITY(kind, s) ||
		s->nsorted < 0 || s->nsorted > s->npatterns)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("%s has an unsupported format (version %d)", kind->type_name, s->version)));
	if (s->nsorted < s->npatterns)
	{
		/*
		 * An aggregate's state, not ours to change: its sorted part and a sorted copy of its
		 * tail are merged into a new table (one pass, where copying the state and merging the
		 * copy in place took three).
		 */
		int			ntail = s->npatterns - s->nsorted;
		double	   *tail = palloc((Size) ntail * PATTERN_WIDTH(kind));
		PatternTable *merged = palloc(PATTERN_TABLE_BYTES(kind, s->npatterns));
		int			n;

		memcpy(tail, PATTERN_AT(kind, s, s->nsorted), (Size) ntail * PATTERN_WIDTH(kind));
		qsort_arg(tail, ntail, PATTERN_WIDTH(kind), pattern_qsort_cmp,
				  (void *) &kind->ndoubles);
		memcpy(merged, s, offsetof(PatternTable, values));
		n = merge_sorted(kind, merged->values, s->values, s->nsorted, tail, ntail);
		pfree(tail);
		merged->npatterns = merged->nsorted = n;
		SET_VARSIZE(merged, PATTERN_TABLE_BYTES(kind, n));
		s = merged;
	}
	return s;
}

const char *
pattern_table_problem(const PatternKind *kind, const PatternTable *s)
{
	int64		total = 0;
	int			i;

	if (s->version != kind->version)
		return psprintf("version %d is not supported (this cxm reads version %d)",
						s->version, kind->version);
	if (s->flags != 0)
		return psprintf("unknown flags 0x%02x", s->flags);
	if (s->npatterns < 0 || s->npatterns > kind->max_patterns)
		return psprintf("pattern count %d is out of range", s->npatterns);
	for (i = 0; i < s->npatterns; i++)
	{
		const double *p = PATTERN_AT(kind, s, i);
		const char *problem = kind->pattern_problem(p);

		CHECK_FOR_INTERRUPTS();
		if (problem != NULL)
			return psprintf("pattern %d: %s", i + 1, problem);
		if (PATTERN_COUNT(kind, p) <= 0)
			return psprintf("pattern %d: the count must be positive", i + 1);
		if (pg_add_s64_overflow(total, PATTERN_COUNT(kind, p), &total))
			return "the total count is out of range";
		if (i > 0 && pattern_cmp(PATTERN_AT(kind, s, i - 1), p, kind->ndoubles) >= 0)
			return kind->order_problem;
	}
	return NULL;
}

PatternTable *
pattern_table_trimmed(const PatternKind *kind, const PatternTable *s)
{
	PatternTable *copy = palloc(PATTERN_TABLE_BYTES(kind, s->npatterns));

	memcpy(copy, s, PATTERN_TABLE_BYTES(kind, s->npatterns));
	SET_VARSIZE(copy, PATTERN_TABLE_BYTES(kind, s->npatterns));
	return copy;
}

/* The union of two merged tables, with the counts of patterns in both added up. */
static PatternTable *
pattern_table_combine(const PatternKind *kind, const PatternTable *a, const PatternTable *b)
{
	PatternTable *merged;
	int			i = 0,
				j = 0,
				n = 0;

	check_pattern_count(kind, (int64) a->npatterns + b->npatterns);
	merged = pattern_table_new(kind, a->npatterns + b->npatterns);
	while (i < a->npatterns || j < b->npatterns)
	{
		double	   *out = PATTERN_AT(kind, merged, n++);
		int			c;

		CHECK_FOR_INTERRUPTS();
		if (i == a->npatterns)
			c = 1;
		else if (j == b->npatterns)
			c = -1;
		else
			c = pattern_cmp(PATTERN_AT(kind, a, i), PATTERN_AT(kind, b, j), kind->ndoubles);
		if (c > 0)
			memcpy(out, PATTERN_AT(kind, b, j++), PATTERN_WIDTH(kind));
		else
		{
			memcpy(out, PATTERN_AT(kind, a, i++), PATTERN_WIDTH(kind));
			if (c == 0)
				cxm_add_count(&PATTERN_COUNT(kind, out),
							  PATTERN_COUNT(kind, PATTERN_AT(kind, b, j++)), "customer count");
		}
	}
	merged->npatterns = merged->nsorted = n;
	SET_VARSIZE(merged, PATTERN_TABLE_BYTES(kind, n));
	return merged;
}

/* Whether two merged tables hold the same patterns with the same counts. */
static bool
pattern_table_equal(const PatternKind *kind, const PatternTable *a, const PatternTable *b)
{
	/* the doubles are never -0 or NaN, so equal patterns have equal bytes */
	return a->npatterns == b->npatterns &&
		memcmp(a->values, b->values, a->npatterns * PATTERN_WIDTH(kind)) == 0;
}

/*
 * The comparison key of a table (type_compare.h): its patterns, which pattern_table_equal
 * compares (their doubles are never -0 or NaN, so equal numbers are equal bytes).
 */
void
pattern_table_compare_key(const PatternKind *kind, FunctionCallInfo fcinfo, int argno,
						  StringInfo key)
{
	PatternTable *s = pattern_table_arg(kind, fcinfo, argno);
	int			i,
				k;

	cxm_key_int(key, s->npatterns, 4);
	for (i = 0; i < s->npatterns; i++)
	{
		const double *p = PATTERN_AT(kind, s, i);

		CHECK_FOR_INTERRUPTS();
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		for (k = 0; k < kind->ndoubles; k++)
			cxm_key_double(key, p[k]);
		cxm_key_int(key, PATTERN_COUNT(kind, p), 8);
	}
}

int64
pattern_table_customers(const PatternKind *kind, const PatternTable *s)
{
	int64		n = 0;
	int			i;

	for (i = 0; i < s->npatterns; i++)
	{
		CHECK_FOR_INTERRUPTS();
		n += PATTERN_COUNT(kind, PATTERN_AT(kind, s, i));
	}
	return n;
}

/* ---- binary I/O (the form is in pattern_table.h) ------------------------------------------ */

static bytea *
pattern_table_send(const PatternKind *kind, const PatternTable *s)
{
	StringInfoData buf;
	int			i,
				k;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->npatterns);
	for (i = 0; i < s->npatterns; i++)
	{
		const double *p = PATTERN_AT(kind, s, i);

		CHECK_FOR_INTERRUPTS();
		for (k = 0; k < kind->ndoubles; k++)
			pq_sendfloat8(&buf, p[k]);
		pq_sendint64(&buf, PATTERN_COUNT(kind, p));
	}
	return pq_endtypsend(&buf);
}

static void
recv_check(const PatternKind *kind, StringInfo buf, int64 needed)
{
	if (buf->len - buf->cursor < needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary %s is truncated: " INT64_FORMAT " more bytes needed, %d remain",
						kind->type_name, needed, buf->len - buf->cursor),
				 errhint(BINARY_HINT, number_words[kind->ndoubles])));
}

static PatternTable *
pattern_table_recv(const PatternKind *kind, StringInfo buf)
{
	PatternTable *s;
	uint8		version,
				flags;
	int32		n;
	const char *problem;
	int			i,
				k;

	Assert(kind->ndoubles > 0 && kind->ndoubles < lengthof(number_words));
	recv_check(kind, buf, 6);
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > kind->max_patterns)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: pattern count %d is out of range", kind->type_name, n),
				 errhint(BINARY_HINT, number_words[kind->ndoubles])));
	recv_check(kind, buf, (int64) n * PATTERN_WIDTH(kind));
	s = pattern_table_new(kind, n);
	s->version = version;
	s->flags = flags;
	s->npatterns = s->nsorted = n;
	for (i = 0; i < n; i++)
	{
		double	   *p = PATTERN_AT(kind, s, i);

		CHECK_FOR_INTERRUPTS();
		for (k = 0; k < kind->ndoubles; k++)
			p[k] = cxm_getmsgfloat8(buf);
		PATTERN_COUNT(kind, p) = pq_getmsgint64(buf);
	}
	problem = pattern_table_problem(kind, s);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %s", kind->type_name, problem),
				 errhint(BINARY_HINT, number_words[kind->ndoubles])));
	return s;
}

/* ---- the SQL functions behind every pattern type's entry points (pattern_table.h) ----------- */

Datum
pattern_table_sql_combine(FunctionCallInfo fcinfo, const PatternKind *kind)
{
	PG_RETURN_POINTER(pattern_table_combine(kind, pattern_table_arg(kind, fcinfo, 0),
											pattern_table_arg(kind, fcinfo, 1)));
}

Datum
pattern_table_sql_final(FunctionCallInfo fcinfo, const PatternKind *kind)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(pattern_table_trimmed(kind, pattern_table_arg(kind, fcinfo, 0)));
}

Datum
pattern_table_sql_equal(FunctionCallInfo fcinfo, const PatternKind *kind, bool equal)
{
	bool		same = pattern_table_equal(kind, pattern_table_arg(kind, fcinfo, 0),
										   pattern_table_arg(kind, fcinfo, 1));

	PG_RETURN_BOOL(same == equal);
}

Datum
pattern_table_sql_customers(FunctionCallInfo fcinfo, const PatternKind *kind)
{
	PG_RETURN_INT64(pattern_table_customers(kind, pattern_table_arg(kind, fcinfo, 0)));
}

Datum
pattern_table_sql_count(FunctionCallInfo fcinfo, const PatternKind *kind)
{
	PG_RETURN_INT32(pattern_table_arg(kind, fcinfo, 0)->npatterns);
}

Datum
pattern_table_sql_send(FunctionCallInfo fcinfo, const PatternKind *kind)
{
	PG_RETURN_BYTEA_P(pattern_table_send(kind, pattern_table_arg(kind, fcinfo, 0)));
}

Datum
pattern_table_sql_recv(FunctionCallInfo fcinfo, const PatternKind *kind)
{
	PG_RETURN_POINTER(pattern_table_recv(kind, (StringInfo) PG_GETARG_POINTER(0)));
}
