/*
 * journey_path.c: a journey as a readable path, 'search > web > email > web': the aggregate
 * journey_path(tp [, label [, keep_repeats [, max_steps]]]) over touchpoints and path(j, ...)
 * over a stored journey. Steps are labelled by channel or by channel/action; consecutive equal
 * labels collapse unless repeats are kept; max_steps > 0 keeps the first N labels, < 0 the last N.
 */
#include "journey.h"

#include "utils/memutils.h"
#include "utils/builtins.h"

#define PATH_SEPARATOR " > "

static inline int
label_bytes(const JourneyStep *step, int label)
{
	return step->channel_len +
		(label == PATH_LABEL_CHANNEL_ACTION && step->action ? 1 + step->action_len : 0);
}

static inline char *
write_label(char *p, const JourneyStep *step, int label)
{
	memcpy(p, step->channel, step->channel_len);
	p += step->channel_len;
	if (label == PATH_LABEL_CHANNEL_ACTION && step->action)
	{
		*p++ = '/';
		memcpy(p, step->action, step->action_len);
		p += step->action_len;
	}
	return p;
}

static bool
same_label(const JourneyStep *a, const JourneyStep *b, int label)
{
	if (a->channel_len != b->channel_len || memcmp(a->channel, b->channel, a->channel_len) != 0)
		return false;
	if (label == PATH_LABEL_CHANNEL)
		return true;
	if ((a->action == NULL) != (b->action == NULL))
		return false;
	return a->action == NULL ||
		(a->action_len == b->action_len && memcmp(a->action, b->action, a->action_len) == 0);
}

/* Renders sorted steps as a path, written straight into a text of the exact size. */
static text *
render_path(const JourneyStep *steps, int n, int label, bool keep_repeats, int32 limit)
{
	int			kept_local[64];
	int		   *kept = n <= 64 ? kept_local : palloc(n * sizeof(int));
	int			nkept = 0,
				from = 0,
				to,
				i;
	Size		bytes = 0;
	text	   *result;
	char	   *p;

	for (i = 0; i < n; i++)
		if (keep_repeats || nkept == 0 || !same_label(&steps[kept[nkept - 1]], &steps[i], label))
			kept[nkept++] = i;
	to = nkept;
	if (limit > 0 && limit < nkept)
		to = limit;
	else if (limit < 0 && -(int64) limit < nkept)
		from = nkept + limit;
	for (i = from; i < to; i++)
		bytes += label_bytes(&steps[kept[i]], label) + (i > from ? strlen(PATH_SEPARATOR) : 0);
	if (bytes > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey path is longer than %zu bytes", (Size) (MaxAllocSize - VARHDRSZ)),
				 errhint("Limit the path with max_steps.")));
	result = (text *) palloc(VARHDRSZ + bytes);
	SET_VARSIZE(result, VARHDRSZ + bytes);
	p = VARDATA(result);
	for (i = from; i < to; i++)
	{
		if (i > from)
		{
			memcpy(p, PATH_SEPARATOR, strlen(PATH_SEPARATOR));
			p += strlen(PATH_SEPARATOR);
		}
		p = write_label(p, &steps[kept[i]], label);
	}
	Assert(p == VARDATA(result) + bytes);
	return result;
}

static int
label_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return PATH_LABEL_CHANNEL;
	return journey_label_option(PG_GETARG_TEXT_PP(argno), "path label");
}

static int32
limit_arg(FunctionCallInfo fcinfo, int argno)
{
	int32		limit = PG_ARGISNULL(argno) ? 0 : PG_GETARG_INT32(argno);

	if (limit == PG_INT32_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("max_steps %d is out of range", limit),
				 errhint("Pass N > 0 for the first N steps, -N for the last N, 0 for all.")));
	return limit;
}

/* path(j, label, keep_repeats, max_steps) over a stored journey */
PG_FUNCTION_INFO_V1(journey_path_of);
Datum
journey_path_of(PG_FUNCTION_ARGS)
{
	int			n;
	JourneyStep *steps;
	int			label = label_arg(fcinfo, 1);
	bool		keep = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	int32		limit = limit_arg(fcinfo, 3);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	steps = journey_steps(journey_arg(fcinfo, 0), &n);
	PG_RETURN_TEXT_P(render_path(steps, n, label, keep, limit));
}

/*
 * Transition of journey_path: appends the touchpoint as journey_agg does and records the
 * options (constant arguments) in the state, so partial states carry them to the final step.
 */
PG_FUNCTION_INFO_V1(journey_path_trans);
Datum
journey_path_trans(PG_FUNCTION_ARGS)
{
	int			label = PG_NARGS() > 2 ? label_arg(fcinfo, 2) : PATH_LABEL_CHANNEL;
	bool		keep = PG_NARGS() > 3 && !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);
	int32		limit = PG_NARGS() > 4 ? limit_arg(fcinfo, 4) : 0;
	bool		was_null = PG_ARGISNULL(0);
	Datum		result;
	Journey    *j;
	LOCAL_FCINFO(inner, 2);

	/* the append itself is journey_agg's, called with the same aggregate context */
	InitFunctionCallInfoData(*inner, fcinfo->flinfo, 2, fcinfo->fncollation, fcinfo->context, NULL);
	inner->args[0] = fcinfo->args[0];
	inner->args[1] = fcinfo->args[1];
	result = journey_agg_trans(inner);
	if (inner->isnull)
		PG_RETURN_NULL();
	j = (Journey *) DatumGetPointer(result);
	if (was_null)
	{
		j->path_label = label;
		j->path_keep_repeats = keep;
		j->path_limit = limit;
	}
	else if (j->path_label != label || j->path_keep_repeats != keep || j->path_limit != limit)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("journey_path options changed within one group"),
				 errdetail("The group started with label %s, keep_repeats %s, max_steps %d; this row "
						   "has %s, %s, %d.",
						   j->path_label == PATH_LABEL_CHANNEL ? "'channel'" : "'channel/action'",
						   j->path_keep_repeats ? "true" : "false", j->path_limit,
						   label == PATH_LABEL_CHANNEL ? "'channel'" : "'channel/action'",
						   keep ? "true" : "false", limit),
				 errhint("Pass constant label, keep_repeats and max_steps arguments.")));
	PG_RETURN_POINTER(j);
}

/* Final function of journey_path: the path of the sorted steps, with the state's options. */
PG_FUNCTION_INFO_V1(journey_path_final);
Datum
journey_path_final(PG_FUNCTION_ARGS)
{
	Journey    *j;
	int			n;
	JourneyStep *steps;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	j = journey_arg(fcinfo, 0);
	steps = journey_steps(j, &n);
	PG_RETURN_TEXT_P(render_path(steps, n, j->path_label, j->path_keep_repeats, j->path_limit));
}
