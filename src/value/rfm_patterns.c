/*
 * rfm_patterns.c: the rfm_patterns type: the distinct (frequency, recency, T) patterns of a
 * customer base with how many customers share each. It is what buy-till-you-die models are
 * fitted on (the likelihood depends on a customer only through the pattern), it stays small
 * (customers with the same history collapse), and it merges, so bgnbd_fit runs in parallel
 * plans and over stored roll-ups. Aggregate support, text and binary I/O.
 */
#include "cxm.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "json_reader.h"
#include "type_compare.h"
#include "rfm_patterns.h"

/* Upper bound on distinct patterns, so a value stays far below the 1 GB varlena limit. */
#define RFM_PATTERNS_MAX 10000000

PATTERN_TABLE_LAYOUT(RfmPatterns, RfmPattern, 3);

static const char *rfm_values_problem(const double *values);

static const PatternKind rfm_kind = {
	.type_name = "rfm_patterns",
	.version = RFM_PATTERNS_VERSION,
	.ndoubles = 3,
	.max_patterns = RFM_PATTERNS_MAX,
	.limit_hint = "Round recency and age (e.g. to whole days) so that customers share patterns.",
	.order_problem = "patterns must be in strictly increasing order",
	.pattern_problem = rfm_values_problem,
};

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
		return "age must not be less than recency";
	if (frequency == 0 && recency != 0)
		return "recency must be 0 when frequency is 0";
	return NULL;
}

static const char *
rfm_values_problem(const double *values)
{
	return rfm_pattern_problem(values[0], values[1], values[2]);
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
	double		values[3];
	const char *problem;

	cxm_require_aggregate(fcinfo, "rfm_patterns_trans", "rfm_patterns(frequency, recency, age)");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	/* + 0.0 turns -0 into 0, so that equal patterns have equal bits */
	values[0] = PG_GETARG_FLOAT8(1) + 0.0;
	values[1] = PG_GETARG_FLOAT8(2) + 0.0;
	values[2] = PG_GETARG_FLOAT8(3) + 0.0;
	problem = rfm_values_problem(values);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer summary (frequency %g, recency %g, age %g) is not valid: %s",
						values[0], values[1], values[2], problem),
				 errhint("Pass rfm_summary()'s frequency, recency and age: a whole number of repeat "
						 "purchases >= 0, and 0 <= recency <= age (recency 0 without repeats).")));

	PG_RETURN_POINTER(pattern_table_add(&rfm_kind, (PatternTable *) s, values));
}

RfmPatterns *
rfm_patterns_add(RfmPatterns *s, const double *values, int64 count)
{
	return (RfmPatterns *) pattern_table_add_count(&rfm_kind, (PatternTable *) s, values, count);
}

/* ---- reading ------------------------------------------------------------------------------ */

RfmPatterns *
rfm_patterns_arg(FunctionCallInfo fcinfo, int argno)
{
	return (RfmPatterns *) pattern_table_arg(&rfm_kind, fcinfo, argno);
}

int64
rfm_patterns_customers(const RfmPatterns *s)
{
	return pattern_table_customers(&rfm_kind, (const PatternTable *) s);
}

/*
 * rollup(), the aggregates' combine and final functions, =, <>, customers(), pattern_count()
 * and binary I/O.
 * SQL entry points: rfm_patterns_combine, rfm_patterns_final, rfm_patterns_eq, rfm_patterns_ne,
 * rfm_patterns_customers_sql, rfm_patterns_count_sql, rfm_patterns_send, rfm_patterns_recv; and
 * rfm_patterns_compare_key (type_compare.h)
 */
PATTERN_TABLE_ENTRY_POINTS(rfm_patterns, rfm_kind)

/* ---- text I/O: {"version": 1, "patterns": [[frequency, recency, T, count], ...]} ---------- */

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

		CHECK_FOR_INTERRUPTS();
		appendStringInfoString(&out, i > 0 ? ", [" : "[");
		cxm_append_double(&out, p->frequency);
		appendStringInfoString(&out, ", ");
		cxm_append_double(&out, p->recency);
		appendStringInfoString(&out, ", ");
		cxm_append_double(&out, p->t);
		appendStringInfo(&out, ", " INT64_FORMAT "]", p->count);
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

static bool
expect_key(CxmJsonCursor *ps, const char *key)
{
	int			len = strlen(key);

	if (!cxm_json_expect_char(ps, '"'))
		return false;
	if (strncmp(ps->p, key, len) != 0 || ps->p[len] != '"')
	{
		ps->problem = psprintf("expected the key \"%s\" at \"%s\"", key,
							   cxm_quote_value(ps->p, strlen(ps->p)));
		return false;
	}
	ps->p += len + 1;
	return cxm_json_expect_char(ps, ':');
}

/* The document has one fixed shape; keys in this order. */
static bool
parse_patterns(CxmJsonCursor *ps, RfmPatterns **s)
{
	int64		version;

	if (!cxm_json_expect_char(ps, '{') || !expect_key(ps, "version") ||
		!cxm_json_whole_number(ps, &version))
		return false;
	if (version < 0 || version > 255)
	{
		ps->problem = psprintf("version " INT64_FORMAT " is not supported", version);
		return false;
	}
	(*s)->version = (uint8) version;
	if (!cxm_json_expect_char(ps, ',') || !expect_key(ps, "patterns") ||
		!cxm_json_expect_char(ps, '['))
		return false;
	if (!cxm_json_accept_char(ps, ']'))
	{
		do
		{
			RfmPattern *p;

			if ((*s)->npatterns == RFM_PATTERNS_MAX)
			{
				ps->problem = psprintf("more than %d patterns", RFM_PATTERNS_MAX);
				return false;
			}
			if ((*s)->npatterns == PATTERN_TABLE_CAPACITY(&rfm_kind, *s))
			{
				int			capacity = Min(2 * (*s)->npatterns, RFM_PATTERNS_MAX);

				*s = repalloc(*s, PATTERN_TABLE_BYTES(&rfm_kind, capacity));
				SET_VARSIZE(*s, PATTERN_TABLE_BYTES(&rfm_kind, capacity));
			}
			p = &(*s)->patterns[(*s)->npatterns++];
			if (!cxm_json_expect_char(ps, '[') || !cxm_json_number(ps, &p->frequency) ||
				!cxm_json_expect_char(ps, ',') || !cxm_json_number(ps, &p->recency) ||
				!cxm_json_expect_char(ps, ',') || !cxm_json_number(ps, &p->t) ||
				!cxm_json_expect_char(ps, ',') || !cxm_json_whole_number(ps, &p->count) ||
				!cxm_json_expect_char(ps, ']'))
				return false;
		} while (cxm_json_accept_char(ps, ','));
		if (!cxm_json_expect_char(ps, ']'))
			return false;
	}
	return cxm_json_expect_char(ps, '}') && cxm_json_expect_end(ps);
}

PG_FUNCTION_INFO_V1(rfm_patterns_in);
Datum
rfm_patterns_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RfmPatterns *s = (RfmPatterns *) pattern_table_new(&rfm_kind, 16);
	CxmJsonCursor ps = {input, NULL};
	const char *problem;

	if (!parse_patterns(&ps, &s))
		problem = ps.problem;
	else
	{
		s->nsorted = s->npatterns;
		problem = pattern_table_problem(&rfm_kind, (PatternTable *) s);
	}
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rfm_patterns: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The value is invalid: %s.", problem),
				 errhint("Write rfm_patterns values as {\"version\": 1, \"patterns\": "
						 "[[frequency, recency, age, customers], ...]} in increasing order of "
						 "(frequency, recency, age).")));
	PG_RETURN_POINTER(pattern_table_trimmed(&rfm_kind, (PatternTable *) s));
}

void
rfm_patterns_check_fit(const RfmPatterns *s, const char *model_name)
{
	int64		customers = rfm_patterns_customers(s);
	int			i;

	if (s->npatterns == 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s fit needs customers who differ: all " INT64_FORMAT " customers have "
						"frequency %g, recency %g and age %g", model_name, customers,
						s->patterns[0].frequency, s->patterns[0].recency, s->patterns[0].t),
				 errhint("The model's four parameters describe how customers vary; fit on a "
						 "population with different purchase histories.")));
	for (i = 0; i < s->npatterns; i++)
	{
		if (s->patterns[i].frequency > 0)
			return;
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s fit needs repeat purchases: none of the " INT64_FORMAT " customers made one",
					model_name, customers),
			 errhint("Without repeat purchases the purchase rate is not determined; fit on a "
					 "population that includes repeat buyers (frequency counts purchases after "
					 "the first).")));
}
