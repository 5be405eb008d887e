/*
 * pattern_table.h: a table of customer patterns, each a fixed number of doubles and a count of
 * the customers who share it, sorted, mergeable and with batched insertion (pattern_table.c).
 * It is the representation of rfm_patterns (3 doubles) and spend_patterns (2 doubles), whose
 * files hold what differs: the doubles' meaning and checks, the text form and the messages.
 */
#ifndef CXM_PATTERN_TABLE_H
#define CXM_PATTERN_TABLE_H

#include "cxm.h"

#include "lib/stringinfo.h"

/*
 * Patterns sorted by their doubles, each once. Inside an aggregate only the first nsorted
 * are; new patterns are appended after them and merged in batches (inserting each in order
 * would cost O(n) per customer), and there is spare room at the end (VARSIZE covers it, so it
 * survives the executor's copies). Values that leave an aggregate, and every value the
 * functions below return, are merged and trimmed: nsorted = npatterns.
 *
 * A pattern is ndoubles doubles then an int64 count, 8 bytes each: the layout of a struct of
 * that many double fields and an int64 (RfmPattern, SpendPattern), so the types' headers
 * declare the same table with typed patterns for the model fits to read (the header fields,
 * then patterns[]).
 */
#define PATTERN_TABLE_HEADER \
	int32		vl_len_; \
	uint8		version; \
	uint8		flags;			/* none defined yet; must be 0 */ \
	uint16		reserved; \
	int32		npatterns; \
	int32		nsorted

typedef struct PatternTable
{
	PATTERN_TABLE_HEADER;
	double		values[FLEXIBLE_ARRAY_MEMBER];	/* the patterns */
} PatternTable;

/*
 * Checks at compile time that table, declared as PATTERN_TABLE_HEADER then pattern
 * patterns[], is a PatternTable of ndoubles doubles.
 */
#define PATTERN_TABLE_LAYOUT(table, pattern, ndoubles) \
	StaticAssertDecl(offsetof(table, patterns) == offsetof(PatternTable, values) && \
					 sizeof(pattern) == ((ndoubles) + 1) * sizeof(double) && \
					 offsetof(pattern, count) == (ndoubles) * sizeof(double), \
					 #table " is not laid out as a PatternTable")

/* What tells the tables of one type apart: its size of pattern, limits and messages. */
typedef struct PatternKind
{
	const char *type_name;		/* "rfm_patterns", in messages */
	uint8		version;		/* the version this cxm writes and reads */
	int			ndoubles;		/* the doubles of a pattern, before its count */
	int			max_patterns;	/* the most distinct patterns of a value */
	const char *limit_hint;		/* errhint when a value would hold more */
	const char *order_problem;	/* the problem of patterns out of order */
	/* NULL when a pattern's doubles are a valid pattern, else why not */
	const char *(*pattern_problem) (const double *values);
} PatternKind;

/* the 8-byte slots of one pattern (its doubles and its count), and its size */
#define PATTERN_SLOTS(kind) ((kind)->ndoubles + 1)
#define PATTERN_WIDTH(kind) (PATTERN_SLOTS(kind) * sizeof(double))
#define PATTERN_TABLE_BYTES(kind, n) \
	(offsetof(PatternTable, values) + (Size) (n) * PATTERN_WIDTH(kind))
#define PATTERN_TABLE_CAPACITY(kind, s) \
	((int) ((VARSIZE(s) - offsetof(PatternTable, values)) / PATTERN_WIDTH(kind)))
/* pattern i of s, as its doubles; the count follows them */
#define PATTERN_AT(kind, s, i) ((s)->values + (Size) (i) * PATTERN_SLOTS(kind))
#define PATTERN_COUNT(kind, p) (*(int64 *) ((p) + (kind)->ndoubles))

/* Orders patterns by their ndoubles doubles, the first first. */
static inline int
pattern_cmp(const double *a, const double *b, int ndoubles)
{
	int			k;

	for (k = 0; k < ndoubles; k++)
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	return 0;
}

/* An empty table of the given capacity, in CurrentMemoryContext. */
extern PatternTable *pattern_table_new(const PatternKind *kind, int capacity);

/*
 * The aggregate state s after the patterns appended to it are merged in, grown when that
 * freed less than half of its room; still full only at the kind's limit.
 */
extern PatternTable *pattern_table_make_room(const PatternKind *kind, PatternTable *s);

/* Raises 54000: s is full at the kind's limit and a new pattern would not fit. */
extern void pattern_table_full(const PatternKind *kind, const PatternTable *s)
			pg_attribute_noreturn();

static inline PatternTable *pattern_table_add_count(const PatternKind *kind, PatternTable *s,
													   const double *values, int64 count);

/*
 * Counts one customer with the pattern values (the kind's ndoubles doubles, -0 already made
 * 0) in the aggregate state s, NULL for an empty one; returns the state, a new one when it
 * grew. New and grown states are made in the per-call context: the executor copies a returned
 * new state into the aggregate context and frees the old one.
 */
static inline PatternTable *
pattern_table_add(const PatternKind *kind, PatternTable *s, const double *values)
{
	return pattern_table_add_count(kind, s, values, 1);
}

/*
 * The sorted part is searched only while it stays in the CPU caches: in a larger one every probe
 * of the binary search misses them, and on data whose patterns are mostly distinct it finds
 * nothing (it was a third of the time of collecting a million distinct patterns). Beyond it a
 * pattern is appended even when the sorted part has it; equal patterns are merged when the
 * table is full, before it grows (pattern_table_make_room), so that it still grows only with
 * the distinct patterns.
 */
#define PATTERN_TABLE_SEARCHED 16384

/* the index of values in the sorted part of s when it has them and at most most, else -1 */
static inline int
pattern_table_find(const PatternKind *kind, const PatternTable *s, const double *values,
				   int most)
{
	int			lo = 0,
				hi = s->nsorted;

	if (hi > most)
		return -1;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (pattern_cmp(PATTERN_AT(kind, s, mid), values, kind->ndoubles) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nsorted && pattern_cmp(PATTERN_AT(kind, s, lo), values, kind->ndoubles) == 0)
		return lo;
	return -1;
}

/* copies n doubles, with a constant size for the sizes patterns have, so that it is inlined */
static inline void
pattern_copy_doubles(double *dst, const double *src, int n)
{
	switch (n)
	{
		case 2:
			memcpy(dst, src, 2 * sizeof(double));
			break;
		case 3:
			memcpy(dst, src, 3 * sizeof(double));
			break;
		case 4:
			memcpy(dst, src, 4 * sizeof(double));
			break;
		default:
			memcpy(dst, src, n * sizeof(double));
	}
}

/*
 * As pattern_table_add, for count (> 0) customers with the pattern values at once: the
 * transition of aggregates over rows that each stand for several customers.
 */
static inline PatternTable *
pattern_table_add_count(const PatternKind *kind, PatternTable *s, const double *values,
						int64 count)
{
	int			found;
	double	   *p;

	Assert(count > 0);
	if (s == NULL)
		s = pattern_table_new(kind, 64);
	found = pattern_table_find(kind, s, values, PATTERN_TABLE_SEARCHED);
	if (found < 0 && s->npatterns == PATTERN_TABLE_CAPACITY(kind, s))
	{
		s = pattern_table_make_room(kind, s);
		/* still full: at the kind's limit, where only a pattern it has can be counted */
		if (s->npatterns == PATTERN_TABLE_CAPACITY(kind, s) &&
			(found = pattern_table_find(kind, s, values, s->nsorted)) < 0)
			pattern_table_full(kind, s);
	}
	if (found >= 0)
	{
		cxm_add_count(&PATTERN_COUNT(kind, PATTERN_AT(kind, s, found)), count, "customer count");
		return s;
	}
	p = PATTERN_AT(kind, s, s->npatterns++);
	pattern_copy_doubles(p, values, kind->ndoubles);
	PATTERN_COUNT(kind, p) = count;
	return s;
}

/*
 * Argument argno as a table of the kind, merged (a copy when it had unmerged patterns);
 * raises XX001 when its header is not one.
 */
extern PatternTable *pattern_table_arg(const PatternKind *kind, FunctionCallInfo fcinfo,
									   int argno);
/* the comparison key of argument argno (type_compare.h) */
extern void pattern_table_compare_key(const PatternKind *kind, FunctionCallInfo fcinfo,
									  int argno, struct StringInfoData *key);

/* NULL when s is a valid value of the kind (version, flags, patterns, counts, order), else why. */
extern const char *pattern_table_problem(const PatternKind *kind, const PatternTable *s);

/* A copy of s without spare room. */
extern PatternTable *pattern_table_trimmed(const PatternKind *kind, const PatternTable *s);

extern int64 pattern_table_customers(const PatternKind *kind, const PatternTable *s);

/*
 * What every pattern type's SQL functions do, behind its entry points (below): the combine
 * function (also rollup's transition), the final function, = and <> (equal false), customers(),
 * pattern_count(), and binary output and input. The binary form: int8 version, int8 flags,
 * int32 count, then per pattern its doubles as float8 and its count as int64, in increasing
 * order.
 */
extern Datum pattern_table_sql_combine(FunctionCallInfo fcinfo, const PatternKind *kind);
extern Datum pattern_table_sql_final(FunctionCallInfo fcinfo, const PatternKind *kind);
extern Datum pattern_table_sql_equal(FunctionCallInfo fcinfo, const PatternKind *kind,
									 bool equal);
extern Datum pattern_table_sql_customers(FunctionCallInfo fcinfo, const PatternKind *kind);
extern Datum pattern_table_sql_count(FunctionCallInfo fcinfo, const PatternKind *kind);
extern Datum pattern_table_sql_send(FunctionCallInfo fcinfo, const PatternKind *kind);
extern Datum pattern_table_sql_recv(FunctionCallInfo fcinfo, const PatternKind *kind);

/*
 * The SQL entry points every pattern type has, for the prefix "rfm_patterns" and the kind
 * rfm_kind: prefix_combine, _final, _eq, _ne, _customers_sql (customers()), _count_sql
 * (pattern_count()), _send and _recv; and prefix_compare_key, the comparison key
 * (type_compare.h). Text input and output, and the transition, are each type's own.
 */
#define PATTERN_TABLE_ENTRY_POINTS(prefix, kind) \
	PG_FUNCTION_INFO_V1(prefix##_combine); \
	Datum prefix##_combine(PG_FUNCTION_ARGS) { return pattern_table_sql_combine(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_final); \
	Datum prefix##_final(PG_FUNCTION_ARGS) { return pattern_table_sql_final(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_eq); \
	Datum prefix##_eq(PG_FUNCTION_ARGS) { return pattern_table_sql_equal(fcinfo, &(kind), true); } \
	PG_FUNCTION_INFO_V1(prefix##_ne); \
	Datum prefix##_ne(PG_FUNCTION_ARGS) { return pattern_table_sql_equal(fcinfo, &(kind), false); } \
	PG_FUNCTION_INFO_V1(prefix##_customers_sql); \
	Datum prefix##_customers_sql(PG_FUNCTION_ARGS) \
	{ \
		return pattern_table_sql_customers(fcinfo, &(kind)); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_count_sql); \
	Datum prefix##_count_sql(PG_FUNCTION_ARGS) { return pattern_table_sql_count(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_send); \
	Datum prefix##_send(PG_FUNCTION_ARGS) { return pattern_table_sql_send(fcinfo, &(kind)); } \
	PG_FUNCTION_INFO_V1(prefix##_recv); \
	Datum prefix##_recv(PG_FUNCTION_ARGS) { return pattern_table_sql_recv(fcinfo, &(kind)); } \
	void prefix##_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key) \
	{ \
		pattern_table_compare_key(&(kind), fcinfo, argno, key); \
	}

#endif							/* CXM_PATTERN_TABLE_H */
