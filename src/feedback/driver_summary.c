/*
 * driver_summary.c: the driver_summary type behind key-driver analysis: the aggregate
 * driver_summary(outcome, drivers [, names]) and its transition (Welford's update: listwise
 * deletion of rows with a NULL), the merge of two summaries (Chan, Golub & LeVeque's pairwise
 * formula, for parallel plans, Citus and rollup), text I/O as a small JSON document, binary
 * I/O, validation, equality and its comparison key, driver_n.
 */
#include "driver_summary.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "access/tupmacs.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "json_reader.h"
#include "type_compare.h"

#define DRIVER_TEXT_HINT \
	"Write driver_summary values as {\"version\": 1, \"n\": answers, \"drivers\": [names], " \
	"\"means\": [outcome, drivers...], \"comoments\": [upper triangle, row by row]}."
#define DRIVER_BINARY_HINT \
	"The binary form is int8 version, int8 flags, int16 drivers p, int64 answers, float8 means " \
	"(p + 1), float8 co-moments ((p + 1)(p + 2) / 2), then p zero-terminated names."
#define DRIVER_NAME_HINT \
	"A driver name is 1 to 255 bytes without control characters, double quotes or backslashes, " \
	"and the names of one summary are distinct."

/* ---- names ------------------------------------------------------------------------------------ */

/* NULL when name is acceptable, otherwise what is wrong with it */
static const char *
name_problem(const char *name, int len)
{
	int			i;

	if (len == 0)
		return "it is empty";
	if (len > DRIVER_NAME_MAX_BYTES)
		return psprintf("it is %d bytes long", len);
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) name[i];

		if (c < 0x20 || c == 0x7f)
			return "it contains a control character";
		if (c == '"' || c == '\\')
			return psprintf("it contains the character %c", c);
	}
	return NULL;
}

/* The names area of p names (each ended by a zero byte), checked; sets *bytes. */
static char *
names_build(const char *const *names, const int *lens, int p, int32 *bytes, int sqlstate)
{
	StringInfoData buf;
	int			i,
				j;

	initStringInfo(&buf);
	for (i = 0; i < p; i++)
	{
		const char *problem = name_problem(names[i], lens[i]);

		if (problem != NULL)
			ereport(ERROR,
					(errcode(sqlstate),
					 errmsg("driver name \"%s\" is not allowed", cxm_quote_value(names[i], lens[i])),
					 errdetail("The name is invalid: %s.", problem),
					 errhint(DRIVER_NAME_HINT)));
		for (j = 0; j < i; j++)
			if (lens[j] == lens[i] && memcmp(names[j], names[i], lens[i]) == 0)
				ereport(ERROR,
						(errcode(sqlstate),
						 errmsg("driver name \"%s\" appears twice", cxm_quote_value(names[i], lens[i])),
						 errhint(DRIVER_NAME_HINT)));
		appendBinaryStringInfo(&buf, names[i], lens[i]);
		appendStringInfoChar(&buf, '\0');
	}
	*bytes = buf.len;
	return buf.data;
}

/* the default names x1, x2, ... */
static char *
default_names(int p, int32 *bytes)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < p; i++)
	{
		appendStringInfo(&buf, "x%d", i + 1);
		appendStringInfoChar(&buf, '\0');
	}
	*bytes = buf.len;
	return buf.data;
}

/* the name of driver i (0-based) */
static const char *
driver_name(DriverSummary *s, int i)
{
	const char *name = driver_names(s);

	while (i-- > 0)
		name += strlen(name) + 1;
	return name;
}

/* "a, b, c" */
static char *
names_list(DriverSummary *s)
{
	StringInfoData buf;
	const char *name = driver_names(s);
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < s->ndrivers; i++)
	{
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", name);
		name += strlen(name) + 1;
	}
	return buf.data;
}

/* ---- the summary ------------------------------------------------------------------------------ */

static DriverSummary *
summary_new(MemoryContext context, int p, const char *names, int32 names_bytes)
{
	Size		size = DRIVER_SUMMARY_BYTES(p, names_bytes);
	DriverSummary *s = MemoryContextAllocZero(context, size);

	SET_VARSIZE(s, size);
	s->version = DRIVER_SUMMARY_VERSION;
	s->ndrivers = p;
	s->names_bytes = names_bytes;
	memcpy(driver_names(s), names, names_bytes);
	return s;
}

DriverSummary *
driver_summary_arg(FunctionCallInfo fcinfo, int argno)
{
	DriverSummary *s = (DriverSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < offsetof(DriverSummary, values) || s->version != DRIVER_SUMMARY_VERSION ||
		s->ndrivers < 1 || s->ndrivers > DRIVER_MAX_DRIVERS || s->names_bytes < 0 ||
		VARSIZE(s) != DRIVER_SUMMARY_BYTES(s->ndrivers, s->names_bytes))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("driver_summary has an unsupported format (version %d)", s->version)));
	return s;
}

/* ---- the aggregate ---------------------------------------------------------------------------- */

/* Raises the error for a value that is NaN or infinite: the outcome (driver NULL) or a rating. */
static void
value_not_finite(double x, const char *driver)
{
	const char *value = isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity");

	ereport(ERROR,
			(errcode(isnan(x) ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 driver == NULL ? errmsg("outcome %s is not a finite number", value)
			 : errmsg("rating %s of driver \"%s\" is not a finite number", value, driver),
			 errhint("Outcomes and driver ratings are finite numbers; leave unknown ones NULL "
					 "(rows with a NULL are skipped).")));
}

/* The number of drivers of the drivers array, checked. */
static int
drivers_count(ArrayType *drivers)
{
	int			p;

	if (ARR_NDIM(drivers) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("drivers must be a one-dimensional array, not one of %d dimensions",
						ARR_NDIM(drivers)),
				 errhint("Pass one row's driver ratings as an array, e.g. ARRAY[delivery, price].")));
	p = ARR_NDIM(drivers) == 0 ? 0 : ARR_DIMS(drivers)[0];
	if (p == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("driver_summary needs at least one driver, the drivers array is empty"),
				 errhint("Pass one row's driver ratings as an array, e.g. ARRAY[delivery, price].")));
	if (p > DRIVER_MAX_DRIVERS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("driver_summary takes at most %d drivers, not %d", DRIVER_MAX_DRIVERS, p),
				 errhint("Analyse the drivers in groups of at most %d, or combine related ratings.",
						 DRIVER_MAX_DRIVERS)));
	return p;
}

/* The names argument of the first row: p valid, distinct names. */
static char *
names_from_array(ArrayType *names, int p, int32 *bytes)
{
	Datum	   *items;
	bool	   *nulls;
	int			count,
				i;
	const char **texts;
	int		   *lens;

	if (ARR_NDIM(names) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("driver names must be a one-dimensional array, not one of %d dimensions",
						ARR_NDIM(names)),
				 errhint("Pass one name per driver, in the drivers' order.")));
	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &count);
	if (count != p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d driver names were given for %d drivers", count, p),
				 errhint("Pass one name per driver, in the drivers' order.")));
	texts = palloc(p * sizeof(char *));
	lens = palloc(p * sizeof(int));
	for (i = 0; i < p; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("driver name %d is NULL", i + 1),
					 errhint("Pass one name per driver, in the drivers' order.")));
		texts[i] = VARDATA_ANY(DatumGetPointer(items[i]));
		lens[i] = VARSIZE_ANY_EXHDR(DatumGetPointer(items[i]));
	}
	return names_build(texts, lens, p, bytes, ERRCODE_INVALID_PARAMETER_VALUE);
}

/*
 * Whether the names argument holds the summary's names: walks the array's elements in place
 * (no copies), once per row.
 */
static bool
names_match(DriverSummary *s, ArrayType *names)
{
	const char *stored = driver_names(s);
	char	   *ptr;
	bits8	   *bitmap = ARR_NULLBITMAP(names);
	int			i;

	if (ARR_NDIM(names) != 1 || ARR_DIMS(names)[0] != s->ndrivers)
		return false;
	ptr = ARR_DATA_PTR(names);
	for (i = 0; i < s->ndrivers; i++)
	{
		int			len;

		if (bitmap != NULL && !(bitmap[i / 8] & (1 << (i % 8))))
			return false;
		len = VARSIZE_ANY_EXHDR(ptr);
		if (strlen(stored) != len || memcmp(stored, VARDATA_ANY(ptr), len) != 0)
			return false;
		stored += len + 1;
		ptr = att_addlength_pointer(ptr, -1, ptr);
		ptr = (char *) att_align_nominal(ptr, TYPALIGN_INT);
	}
	return true;
}

static void
names_changed(DriverSummary *s, ArrayType *names)
{
	int32		bytes;
	char	   *given = names_from_array(names, s->ndrivers, &bytes);
	const char *stored = driver_names(s);
	int			i;

	for (i = 0; i < s->ndrivers; i++)
	{
		if (strcmp(stored, given) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("driver names changed within one aggregate: driver %d was \"%s\", "
							"now \"%s\"", i + 1, stored, given),
					 errhint("Pass the same drivers, in the same order, on every row of a group.")));
		stored += strlen(stored) + 1;
		given += strlen(given) + 1;
	}
}

/*
 * Adds one answer (outcome y, drivers x) to s: Welford's update of means and co-moments,
 * C_ij += (n - 1) / n * d_i d_j with d the deviations from the old means.
 */
static void
summary_add(DriverSummary *s, double y, const double *x)
{
	int			p = s->ndrivers;
	int			k = DRIVER_VARIABLES(p);
	double	   *mean = driver_means(s);
	double	   *c = driver_comoments(s);
	double		d[DRIVER_MAX_DRIVERS + 1];
	double		inverse,
				factor;
	int			i,
				j,
				at = 0;

	s->n++;
	inverse = 1.0 / (double) s->n;
	factor = (double) (s->n - 1) * inverse;
	d[0] = y - mean[0];
	mean[0] += d[0] * inverse;
	for (i = 1; i < k; i++)
	{
		d[i] = x[i - 1] - mean[i];
		mean[i] += d[i] * inverse;
	}
	for (i = 0; i < k; i++)
	{
		double		di = d[i] * factor;

		for (j = i; j < k; j++)
			c[at + j - i] += di * d[j];
		/* a sum of squares bounds its row: when the diagonal is finite, so is the row */
		if (unlikely(!isfinite(c[at])))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("the sum of squares of %s is out of range",
							i == 0 ? "the outcome" : psprintf("driver \"%s\"", driver_name(s, i - 1))),
					 errhint("Rescale the values so that their squares, summed, stay below 1e308.")));
		at += k - i;
	}
}

/*
 * driver_summary(outcome, drivers [, names]): transition. Updates the state in place; a row
 * with a NULL outcome, a NULL drivers array or any NULL rating is skipped (listwise deletion).
 * The number of drivers and the names are fixed by the first row the summary is built from.
 */
PG_FUNCTION_INFO_V1(driver_summary_trans);
Datum
driver_summary_trans(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_ARGISNULL(0) ? NULL : (DriverSummary *) PG_GETARG_POINTER(0);
	bool		named = PG_NARGS() > 3;
	ArrayType  *drivers;
	ArrayType  *names = NULL;
	double		y;
	const double *x;
	int			p,
				i;

	cxm_require_aggregate(fcinfo, "driver_summary_trans", "driver_summary(outcome, drivers [, names])");
	if (named && PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("driver names must not be NULL"),
				 errhint("Pass one name per driver, or leave the names out for x1, x2, ...")));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	drivers = PG_GETARG_ARRAYTYPE_P(2);
	if (named)
		names = PG_GETARG_ARRAYTYPE_P(3);

	if (s != NULL && ARR_NDIM(drivers) == 1 && ARR_DIMS(drivers)[0] == s->ndrivers)
		p = s->ndrivers;
	else
	{
		p = drivers_count(drivers);
		if (s != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the number of drivers changed from %d to %d within one aggregate",
							s->ndrivers, p),
					 errhint("Pass the same drivers, in the same order, on every row of a group.")));
	}
	if (s != NULL && named && !names_match(s, names))
		names_changed(s, names);

	/* listwise deletion: an answer with any rating missing is left out */
	if (ARR_HASNULL(drivers))
	{
		bits8	   *bitmap = ARR_NULLBITMAP(drivers);

		for (i = 0; i < p; i++)
			if (!(bitmap[i / 8] & (1 << (i % 8))))
			{
				if (s == NULL)
					PG_RETURN_NULL();
				PG_RETURN_POINTER(s);
			}
	}

	if (s == NULL)
	{
		int32		bytes;
		char	   *area = named ? names_from_array(names, p, &bytes) : default_names(p, &bytes);

		/*
		 * in the per-row context: the executor copies a new state into the aggregate context
		 * itself, so allocating it there would leave a second copy behind
		 */
		s = summary_new(CurrentMemoryContext, p, area, bytes);
	}

	y = PG_GETARG_FLOAT8(1);
	x = (const double *) ARR_DATA_PTR(drivers);
	if (unlikely(!isfinite(y)))
		value_not_finite(y, NULL);
	for (i = 0; i < p; i++)
		if (unlikely(!isfinite(x[i])))
			value_not_finite(x[i], driver_name(s, i));
	summary_add(s, y, x);
	PG_RETURN_POINTER(s);
}

/* Adds b into a (Chan, Golub & LeVeque): C = Ca + Cb + delta delta' na nb / n. */
static void
summary_merge(DriverSummary *a, DriverSummary *b)
{
	int			k = DRIVER_VARIABLES(a->ndrivers);
	double	   *ma = driver_means(a),
			   *mb = driver_means(b),
			   *ca = driver_comoments(a),
			   *cb = driver_comoments(b);
	double		delta[DRIVER_MAX_DRIVERS + 1];
	int64		n = a->n;
	double		share,
				factor;
	int			i,
				j,
				at = 0;

	cxm_add_count(&n, b->n, "answer count");
	share = (double) b->n / (double) n;
	factor = (double) a->n * share;
	for (i = 0; i < k; i++)
	{
		delta[i] = mb[i] - ma[i];
		ma[i] += delta[i] * share;
	}
	for (i = 0; i < k; i++)
	{
		double		di = delta[i] * factor;

		for (j = i; j < k; j++, at++)
			ca[at] += cb[at] + di * delta[j];
	}
	a->n = n;
	for (i = 0, at = 0; i < k; at += k - i, i++)
		if (!isfinite(ca[at]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("the sum of squares of %s is out of range",
							i == 0 ? "the outcome" : psprintf("driver \"%s\"", driver_name(a, i - 1))),
					 errhint("Rescale the values so that their squares, summed, stay below 1e308.")));
}

/*
 * Combine function, and the transition of rollup(driver_summary): strict, so the executor
 * copies the first summary into the aggregate context; later ones are added into it in place.
 */
PG_FUNCTION_INFO_V1(driver_summary_combine);
Datum
driver_summary_combine(PG_FUNCTION_ARGS)
{
	DriverSummary *a = driver_summary_arg(fcinfo, 0);
	DriverSummary *b = driver_summary_arg(fcinfo, 1);

	if (a->ndrivers != b->ndrivers || a->names_bytes != b->names_bytes ||
		memcmp(driver_names(a), driver_names(b), a->names_bytes) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine driver_summary values of different drivers (%s and %s)",
						names_list(a), names_list(b)),
				 errhint("Combine only summaries of the same drivers, named alike and in the same order.")));
	if (!cxm_may_modify_arg0(fcinfo, a))
	{
		DriverSummary *copy = palloc(VARSIZE(a));

		memcpy(copy, a, VARSIZE(a));
		a = copy;
	}
	summary_merge(a, b);
	PG_RETURN_POINTER(a);
}

/* ---- validation (text and binary input) ------------------------------------------------------- */

/* NULL when s can have been written by this version, otherwise what is wrong. */
static const char *
summary_problem(DriverSummary *s)
{
	int			k = DRIVER_VARIABLES(s->ndrivers);
	double	   *mean = driver_means(s);
	double	   *c = driver_comoments(s);
	int			i,
				j;

	if (s->n < 1)
		return psprintf("the answer count " INT64_FORMAT " is not positive", s->n);
	for (i = 0; i < k; i++)
		if (!isfinite(mean[i]))
			return "a mean is not a finite number";
	for (i = 0; i < DRIVER_COMOMENTS(s->ndrivers); i++)
		if (!isfinite(c[i]))
			return "a co-moment is not a finite number";
	for (i = 0; i < k; i++)
		if (c[driver_comoment_index(k, i, i)] < 0)
			return "a sum of squares (a diagonal co-moment) is negative";
	/* |C_ij| <= sqrt(C_ii C_jj), with room for rounding */
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
		{
			double		cii = c[driver_comoment_index(k, i, i)];
			double		cjj = c[driver_comoment_index(k, j, j)];

			if (fabs(c[driver_comoment_index(k, i, j)]) > sqrt(cii) * sqrt(cjj) * (1 + 1e-9))
				return psprintf("co-moment (%d, %d) is larger than its sums of squares allow", i, j);
		}
	if (s->n == 1)
		for (i = 0; i < k; i++)
			if (c[driver_comoment_index(k, i, i)] != 0)
				return "a summary of one answer has co-moments";
	return NULL;
}

/* ---- text I/O --------------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(driver_summary_out);
Datum
driver_summary_out(PG_FUNCTION_ARGS)
{
	DriverSummary *s = driver_summary_arg(fcinfo, 0);
	StringInfoData out;
	const char *name = driver_names(s);
	int			i;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"n\": " INT64_FORMAT ", \"drivers\": [",
					 s->version, s->n);
	for (i = 0; i < s->ndrivers; i++)
	{
		appendStringInfo(&out, "%s\"%s\"", i > 0 ? ", " : "", name);
		name += strlen(name) + 1;
	}
	appendStringInfoString(&out, "], \"means\": [");
	for (i = 0; i < DRIVER_VARIABLES(s->ndrivers); i++)
	{
		if (i > 0)
			appendStringInfoString(&out, ", ");
		cxm_append_double(&out, driver_means(s)[i]);
	}
	appendStringInfoString(&out, "], \"comoments\": [");
	for (i = 0; i < DRIVER_COMOMENTS(s->ndrivers); i++)
	{
		if (i > 0)
			appendStringInfoString(&out, ", ");
		cxm_append_double(&out, driver_comoments(s)[i]);
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

enum summary_key
{
	KEY_VERSION, KEY_N, KEY_DRIVERS, KEY_MEANS, KEY_COMOMENTS, NUM_KEYS
};
static const char *const summary_keys[NUM_KEYS] = {
	"version", "n", "drivers", "means", "comoments"
};

static bool
read_doubles(const CxmJsonValue *v, const char *key, int expected, double *out, char **problem)
{
	int			i;

	if (!cxm_json_expect(v, key, CXM_JSON_ARRAY, problem))
		return false;
	if (v->nitems != expected || (v->nitems > 0 && v->strings))
	{
		*problem = psprintf("\"%s\" has %d entries, %d numbers expected", key, v->nitems, expected);
		return false;
	}
	for (i = 0; i < expected; i++)
		if (!cxm_json_double(v->items[i], v->item_lens[i], &out[i], problem))
			return false;
	return true;
}

/* The summary the text describes, or NULL with *problem set. */
static DriverSummary *
parse_summary(const char *input, char **problem)
{
	CxmJsonValue v[NUM_KEYS];
	int64		version,
				n;
	int			p,
				i;
	const char **texts;
	int		   *lens;
	char	   *area;
	int32		bytes;
	DriverSummary *s;

	if (!cxm_json_read(input, summary_keys, NUM_KEYS, v, problem))
		return NULL;
	if (!cxm_json_expect(&v[KEY_VERSION], "version", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[KEY_VERSION].text, v[KEY_VERSION].len, &version, problem) ||
		!cxm_json_expect(&v[KEY_N], "n", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[KEY_N].text, v[KEY_N].len, &n, problem) ||
		!cxm_json_expect(&v[KEY_DRIVERS], "drivers", CXM_JSON_ARRAY, problem))
		return NULL;
	if (version != DRIVER_SUMMARY_VERSION)
	{
		*problem = psprintf("version " INT64_FORMAT " is not supported (this cxm reads version %d)",
							version, DRIVER_SUMMARY_VERSION);
		return NULL;
	}
	p = v[KEY_DRIVERS].nitems;
	if (p < 1 || p > DRIVER_MAX_DRIVERS || !v[KEY_DRIVERS].strings)
	{
		*problem = psprintf("\"drivers\" must hold 1 to %d names", DRIVER_MAX_DRIVERS);
		return NULL;
	}
	texts = v[KEY_DRIVERS].items;
	lens = v[KEY_DRIVERS].item_lens;
	for (i = 0; i < p; i++)
	{
		const char *name_issue = name_problem(texts[i], lens[i]);
		int			j;

		if (name_issue != NULL)
		{
			*problem = psprintf("driver name \"%s\" is not allowed: %s",
								cxm_quote_value(texts[i], lens[i]), name_issue);
			return NULL;
		}
		for (j = 0; j < i; j++)
			if (lens[j] == lens[i] && memcmp(texts[j], texts[i], lens[i]) == 0)
			{
				*problem = psprintf("driver name \"%s\" appears twice",
									cxm_quote_value(texts[i], lens[i]));
				return NULL;
			}
	}
	area = names_build(texts, lens, p, &bytes, ERRCODE_INVALID_TEXT_REPRESENTATION);
	s = summary_new(CurrentMemoryContext, p, area, bytes);
	s->n = n;
	if (!read_doubles(&v[KEY_MEANS], "means", DRIVER_VARIABLES(p), driver_means(s), problem) ||
		!read_doubles(&v[KEY_COMOMENTS], "comoments", DRIVER_COMOMENTS(p), driver_comoments(s),
					  problem))
		return NULL;
	return s;
}

PG_FUNCTION_INFO_V1(driver_summary_in);
Datum
driver_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	char	   *problem = NULL;
	DriverSummary *s = parse_summary(input, &problem);

	if (s != NULL)
		problem = (char *) summary_problem(s);
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type driver_summary: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The summary is invalid: %s.", problem),
				 errhint(DRIVER_TEXT_HINT)));
	PG_RETURN_POINTER(s);
}

/* ---- binary I/O ------------------------------------------------------------------------------- */

/* Binary form: see DRIVER_BINARY_HINT; names in the client encoding. */
PG_FUNCTION_INFO_V1(driver_summary_send);
Datum
driver_summary_send(PG_FUNCTION_ARGS)
{
	DriverSummary *s = driver_summary_arg(fcinfo, 0);
	StringInfoData buf;
	const char *name = driver_names(s);
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint16(&buf, s->ndrivers);
	pq_sendint64(&buf, s->n);
	for (i = 0; i < DRIVER_DOUBLES(s->ndrivers); i++)
		pq_sendfloat8(&buf, s->values[i]);
	for (i = 0; i < s->ndrivers; i++)
	{
		pq_sendstring(&buf, name);
		name += strlen(name) + 1;
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_fail(const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary driver_summary: %s", problem),
			 errhint(DRIVER_BINARY_HINT)));
}

PG_FUNCTION_INFO_V1(driver_summary_recv);
Datum
driver_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				flags,
				p,
				i;
	int64		n;
	double	   *numbers;
	const char **texts;
	int		   *lens;
	char	   *area;
	int32		bytes;
	DriverSummary *s;
	const char *problem;

	if (buf->len - buf->cursor < 12)
		recv_fail(psprintf("%d bytes is too short for the header (12 bytes)", buf->len - buf->cursor));
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	p = (int16) pq_getmsgint(buf, 2);
	n = pq_getmsgint64(buf);
	if (version != DRIVER_SUMMARY_VERSION)
		recv_fail(psprintf("version %d is not supported (this cxm reads version %d)",
						   version, DRIVER_SUMMARY_VERSION));
	if (flags != 0)
		recv_fail(psprintf("flags 0x%02x are not supported", flags));
	if (p < 1 || p > DRIVER_MAX_DRIVERS)
		recv_fail(psprintf("%d drivers (1 to %d are allowed)", p, DRIVER_MAX_DRIVERS));
	if (buf->len - buf->cursor < DRIVER_DOUBLES(p) * 8)
		recv_fail(psprintf("truncated: %d more bytes needed, %d remain", DRIVER_DOUBLES(p) * 8,
						   buf->len - buf->cursor));
	numbers = palloc(DRIVER_DOUBLES(p) * sizeof(double));
	for (i = 0; i < DRIVER_DOUBLES(p); i++)
		numbers[i] = cxm_getmsgfloat8(buf);
	texts = palloc(p * sizeof(char *));
	lens = palloc(p * sizeof(int));
	for (i = 0; i < p; i++)
	{
		const char *problem_name;

		if (memchr(buf->data + buf->cursor, '\0', buf->len - buf->cursor) == NULL)
			recv_fail(psprintf("driver name %d is missing or not zero-terminated", i + 1));
		texts[i] = pq_getmsgstring(buf);
		lens[i] = strlen(texts[i]);
		problem_name = name_problem(texts[i], lens[i]);
		if (problem_name != NULL)
			recv_fail(psprintf("driver name \"%s\" is not allowed: %s",
							   cxm_quote_value(texts[i], lens[i]), problem_name));
	}
	if (buf->cursor != buf->len)
		recv_fail(psprintf("%d bytes after the last name", buf->len - buf->cursor));
	area = names_build(texts, lens, p, &bytes, ERRCODE_INVALID_BINARY_REPRESENTATION);
	s = summary_new(CurrentMemoryContext, p, area, bytes);
	s->n = n;
	memcpy(s->values, numbers, DRIVER_DOUBLES(p) * sizeof(double));
	problem = summary_problem(s);
	if (problem != NULL)
		recv_fail(problem);
	PG_RETURN_POINTER(s);
}

/* ---- equality, comparison key, accessors ------------------------------------------------------ */

/* summary = summary: the same drivers, answers, means and co-moments (-0 equal to 0) */
PG_FUNCTION_INFO_V1(driver_summary_eq);
Datum
driver_summary_eq(PG_FUNCTION_ARGS)
{
	DriverSummary *a = driver_summary_arg(fcinfo, 0);
	DriverSummary *b = driver_summary_arg(fcinfo, 1);
	int			i;

	if (a->ndrivers != b->ndrivers || a->n != b->n || a->names_bytes != b->names_bytes ||
		memcmp(driver_names(a), driver_names(b), a->names_bytes) != 0)
		PG_RETURN_BOOL(false);
	for (i = 0; i < DRIVER_DOUBLES(a->ndrivers); i++)
		if (a->values[i] != b->values[i])
			PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(true);
}

/* what driver_summary_eq compares, for the btree and hash operator classes (type_compare.c) */
void
driver_summary_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	DriverSummary *s = driver_summary_arg(fcinfo, argno);
	int			i;

	cxm_key_int(key, s->ndrivers, 2);
	cxm_key_bytes(key, driver_names(s), s->names_bytes);
	cxm_key_int(key, s->n, 8);
	for (i = 0; i < DRIVER_DOUBLES(s->ndrivers); i++)
		cxm_key_double(key, s->values[i]);
}

/* driver_n(summary): the answers the summary was built from (rows without NULLs) */
PG_FUNCTION_INFO_V1(driver_summary_n);
Datum
driver_summary_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(driver_summary_arg(fcinfo, 0)->n);
}
