/*
 * pattern_test.c: TEMPORARY test-only SQL entry points for the pattern language, until the
 * journey type calls it: cxm_pattern_test(pattern, steps) and cxm_pattern_test_matches(pattern,
 * steps), where steps is an array of touchpoint literals in time order.
 */
#include "cxm.h"
#include "pattern.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(cxm_pattern_test);
PG_FUNCTION_INFO_V1(cxm_pattern_test_matches);

/* The steps of a text[] of touchpoint literals; they must be in time order, without NULLs. */
static PatternStep *
pattern_test_steps(ArrayType *arr, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	int			i;
	PatternStep *steps;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &count);
	steps = palloc(Max(count, 1) * sizeof(PatternStep));
	for (i = 0; i < count; i++)
	{
		struct varlena *tp;
		TouchpointView view;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("step %d is NULL", i + 1)));
		tp = (struct varlena *) DatumGetPointer(
			DirectFunctionCall1(touchpoint_in, CStringGetDatum(TextDatumGetCString(elems[i]))));
		touchpoint_view(tp, &view);
		steps[i].channel = view.channel;
		steps[i].channel_len = view.channel_len;
		steps[i].action = view.action;
		steps[i].action_len = view.action_len;
		steps[i].at = view.occurred_at;
		if (i > 0 && steps[i].at < steps[i - 1].at)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("step %d is earlier than step %d", i + 1, i),
					 errhint("Give the steps in time order.")));
	}
	*n = count;
	return steps;
}

Datum
cxm_pattern_test(PG_FUNCTION_ARGS)
{
	text	   *pattern = PG_GETARG_TEXT_PP(0);
	Pattern    *p = pattern_compile_cached(fcinfo->flinfo, VARDATA_ANY(pattern),
										   VARSIZE_ANY_EXHDR(pattern));
	int			n;
	PatternStep *steps = pattern_test_steps(PG_GETARG_ARRAYTYPE_P(1), &n);

	PG_RETURN_INT64(pattern_match_count(p, steps, n));
}

Datum
cxm_pattern_test_matches(PG_FUNCTION_ARGS)
{
	text	   *pattern = PG_GETARG_TEXT_PP(0);
	Pattern    *p = pattern_compile_cached(fcinfo->flinfo, VARDATA_ANY(pattern),
										   VARSIZE_ANY_EXHDR(pattern));
	int			n;
	PatternStep *steps = pattern_test_steps(PG_GETARG_ARRAYTYPE_P(1), &n);

	PG_RETURN_BOOL(pattern_matches(p, steps, n));
}
