/*
 * spend_patterns.c: the spend_patterns type: the distinct (frequency, mean repeat spend) pairs
 * of a customer base's repeat customers with how many customers share each. It is what the
 * Gamma-Gamma spend model is fitted on (its likelihood depends on a customer only through the
 * pair), and it merges, so gammagamma_fit runs in parallel plans and over stored roll-ups.
 * Aggregate support, text and binary I/O.
 */
#include "cxm.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "json_reader.h"
#include "type_compare.h"
#include "spend_patterns.h"

/* Upper bound on distinct patterns (the text form's reader once took at most this many entries). */
#define SPEND_PATTERNS_MAX 1000000

PATTERN_TABLE_LAYOUT(SpendPatterns, SpendPattern, 2);

static const char *spend_values_problem(const double *values);

static const PatternKind spend_kind = {
	.type_name = "spend_patterns",
	.version = SPEND_PATTERNS_VERSION,
	.ndoubles = 2,
	.max_patterns = SPEND_PATTERNS_MAX,
	.limit_hint = "Round the mean spend (e.g. to cents) so that customers share patterns.",
	.order_problem = "patterns must be in strictly increasing order of (frequency, monetary)",
	.pattern_problem = spend_values_problem,
};

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

static const char *
spend_values_problem(const double *values)
{
	return spend_pattern_problem(values[0], values[1]);
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
	double		values[2];
	const char *problem;

	cxm_require_aggregate(fcinfo, "spend_patterns_trans", "spend_patterns(frequency, monetary)");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_GETARG_FLOAT8(1) == 0)
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	values[0] = PG_GETARG_FLOAT8(1);
	values[1] = PG_GETARG_FLOAT8(2);
	problem = spend_values_problem(values);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("spend summary (frequency %g, monetary %g) is not valid: %s",
						values[0], values[1], problem),
				 errhint("Pass rfm_summary()'s frequency and monetary: a whole number of repeat "
						 "purchases and their mean spend, which must be positive (leave out "
						 "customers whose mean spend is 0 or negative).")));

	/* no valid pattern has a -0, so these need no + 0.0 */
	PG_RETURN_POINTER(pattern_table_add(&spend_kind, (PatternTable *) s, values));
}

/* ---- reading ------------------------------------------------------------------------------ */

SpendPatterns *
spend_patterns_arg(FunctionCallInfo fcinfo, int argno)
{
	return (SpendPatterns *) pattern_table_arg(&spend_kind, fcinfo, argno);
}

int64
spend_patterns_customers(const SpendPatterns *s)
{
	return pattern_table_customers(&spend_kind, (const PatternTable *) s);
}

/*
 * rollup(), the aggregates' combine and final functions, =, <>, customers(), pattern_count()
 * and binary I/O.
 * SQL entry points: spend_patterns_combine, spend_patterns_final, spend_patterns_eq,
 * spend_patterns_ne, spend_patterns_customers_sql, spend_patterns_count_sql,
 * spend_patterns_send, spend_patterns_recv; and spend_patterns_compare_key (type_compare.h)
 */
PATTERN_TABLE_ENTRY_POINTS(spend_patterns, spend_kind)

/* ---- text I/O: {"version": 1, "frequency": [...], "monetary": [...], "customers": [...]} -- */

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
		CHECK_FOR_INTERRUPTS();
		if (i > 0)
			appendStringInfoString(&out, ", ");
		cxm_append_double(&out, s->patterns[i].frequency);
	}
	appendStringInfoString(&out, "], \"monetary\": [");
	for (i = 0; i < s->npatterns; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (i > 0)
			appendStringInfoString(&out, ", ");
		cxm_append_double(&out, s->patterns[i].monetary);
	}
	appendStringInfoString(&out, "], \"customers\": [");
	for (i = 0; i < s->npatterns; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s" INT64_FORMAT, i > 0 ? ", " : "", s->patterns[i].count);
	}
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
	s = (SpendPatterns *) pattern_table_new(&spend_kind, n);
	s->version = (uint8) version;
	s->npatterns = s->nsorted = n;
	for (i = 0; i < n; i++)
	{
		SpendPattern *p = &s->patterns[i];

		CHECK_FOR_INTERRUPTS();
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
		problem = (char *) pattern_table_problem(&spend_kind, (PatternTable *) s);
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
