/*
 * journey_pattern.c: journey_matches(j, pattern) and journey_match_count(j, pattern), the pattern
 * language of pattern.c run over a journey's steps (compiled once per call site).
 */
#include "journey.h"

#include "pattern.h"

/* JourneyStep and PatternStep have the same fields in the same order: steps pass as they are. */
StaticAssertDecl(sizeof(JourneyStep) == sizeof(PatternStep) &&
				 offsetof(JourneyStep, action_len) == offsetof(PatternStep, action_len),
				 "JourneyStep must mirror PatternStep");

static const PatternStep *
pattern_steps(FunctionCallInfo fcinfo, Pattern **pattern, int *n)
{
	Journey    *j = journey_arg_stored(fcinfo, 0);
	text	   *source = PG_GETARG_TEXT_PP(1);

	*pattern = pattern_compile_cached(fcinfo->flinfo, VARDATA_ANY(source),
									  VARSIZE_ANY_EXHDR(source));
	return (const PatternStep *) journey_steps(j, n);
}

PG_FUNCTION_INFO_V1(journey_matches);
Datum
journey_matches(PG_FUNCTION_ARGS)
{
	Pattern    *pattern;
	int			n;
	const PatternStep *steps = pattern_steps(fcinfo, &pattern, &n);

	PG_RETURN_BOOL(pattern_matches(pattern, steps, n));
}

PG_FUNCTION_INFO_V1(journey_match_count);
Datum
journey_match_count(PG_FUNCTION_ARGS)
{
	Pattern    *pattern;
	int			n;
	const PatternStep *steps = pattern_steps(fcinfo, &pattern, &n);

	PG_RETURN_INT64(pattern_match_count(pattern, steps, n));
}
