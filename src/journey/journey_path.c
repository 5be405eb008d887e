/*
 * journey_path.c: a journey as a readable path, 'search > web > email > web': the aggregate
 * journey_path(tp [, label [, keep_repeats [, max_steps]]]) over touchpoints, its state type
 * journey_path_state (the steps so far and the options; text and binary I/O, combine, =), and
 * path(j, ...) over a stored journey. Steps are labelled by channel or by channel/action;
 * consecutive equal labels collapse unless repeats are kept; max_steps > 0 keeps the first N
 * labels, < 0 the last N.
 */
#include "journey.h"
#include "type_compare.h"

#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "utils/builtins.h"

#define PATH_STATE_BINARY_HINT "The binary form is int8 version 1, int8 path label, int8 keep-repeats, int32 path limit, int32 steps, then per step an int32 length and a binary touchpoint."
#define PATH_STATE_TEXT_HINT "Write journey_path states as {\"version\": 1, \"steps\": [\"web/view@2025-03-01 10:00:00+00\"], \"path_label\": \"channel\", \"path_keep_repeats\": 0, \"path_limit\": 0}."

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
	int		   *kept = n <= 64 ? kept_local :
		cxm_alloc_array(n, sizeof(int), "the steps of a journey path");
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
	{
		CHECK_FOR_INTERRUPTS();
		bytes += label_bytes(&steps[kept[i]], label) + (i > from ? strlen(PATH_SEPARATOR) : 0);
	}
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
		CHECK_FOR_INTERRUPTS();
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
	steps = journey_arg_steps(fcinfo, 0, &n);
	PG_RETURN_TEXT_P(render_path(steps, n, label, keep, limit));
}

static const char *
label_name(int label)
{
	return label == PATH_LABEL_CHANNEL ? "'channel'" : "'channel/action'";
}

/*
 * The journey_path_state argument argno, detoasted and checked as strictly as its input
 * functions check (a corrupt state must not make the builder read past its end).
 */
static JourneyPathState *
path_state_arg(FunctionCallInfo fcinfo, int argno)
{
	JourneyPathState *s = (JourneyPathState *) journey_builder_state(PG_GETARG_POINTER(argno));

	/* an aggregate's expanded state is read in place; anything else detoasted */
	if (s == (JourneyPathState *) PG_GETARG_POINTER(argno))
		s = (JourneyPathState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(s) < JOURNEY_PATH_STATE_HEADER_BYTES || s->version != JOURNEY_PATH_STATE_VERSION ||
		s->label > PATH_LABEL_CHANNEL_ACTION || s->keep_repeats > 1 ||
		s->limit == PG_INT32_MIN || s->nsteps < 0 || s->used < 0 ||
		JOURNEY_PATH_STATE_HEADER_BYTES + (Size) s->used > VARSIZE(s))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("journey_path_state value has an unsupported format (version %d)",
						s->version)));
	return s;
}

static JourneyStep *
path_state_steps(const JourneyPathState *s, int *n)
{
	return journey_records_steps(s->records, s->nsteps, (s->flags & JOURNEY_SORTED) != 0, n);
}

/* a compact, sorted state of the given steps and options */
static JourneyPathState *
path_state_from_steps(const JourneyStep *steps, int n, int label, int keep_repeats, int32 limit)
{
	Journey    *j = journey_from_steps(steps, n);
	Size		bytes = JOURNEY_PATH_STATE_HEADER_BYTES + j->used;
	JourneyPathState *s = palloc0(bytes);

	SET_VARSIZE(s, bytes);
	s->version = JOURNEY_PATH_STATE_VERSION;
	s->flags = JOURNEY_SORTED;
	s->label = label;
	s->keep_repeats = keep_repeats;
	s->limit = limit;
	s->nsteps = j->nsteps;
	s->used = j->used;
	memcpy(s->records, j->records, j->used);
	pfree(j);
	return s;
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
	JourneyPathState *s = PG_ARGISNULL(0) ? NULL : (JourneyPathState *) PG_GETARG_POINTER(0);
	JourneyPathState *options;

	cxm_require_aggregate(fcinfo, "journey_path_trans", "journey_path(tp [, label ...])");
	if (s != NULL && (options = (JourneyPathState *) journey_builder_state((Pointer) s)) != NULL &&
		(options->label != label || options->keep_repeats != keep || options->limit != limit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("journey_path options changed within one group"),
				 errdetail("The group started with label %s, keep_repeats %s, max_steps %d; this row "
						   "has %s, %s, %d.",
						   label_name(options->label), options->keep_repeats ? "true" : "false",
						   options->limit, label_name(label), keep ? "true" : "false", limit),
				 errhint("Pass constant label, keep_repeats and max_steps arguments.")));
	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	if (s == NULL)
	{
		s = (JourneyPathState *) journey_builder_append(fcinfo, NULL,
														JOURNEY_PATH_STATE_HEADER_BYTES,
														JOURNEY_PATH_STATE_VERSION,
														PG_GETARG_TOUCHPOINT_P(1));
		s->label = label;
		s->keep_repeats = keep;
		s->limit = limit;
	}
	else
		s = (JourneyPathState *) journey_builder_append(fcinfo, (Journey *) s,
														JOURNEY_PATH_STATE_HEADER_BYTES,
														JOURNEY_PATH_STATE_VERSION,
														PG_GETARG_TOUCHPOINT_P(1));
	PG_RETURN_POINTER(s);
}

/* Combine of journey_path: b's steps appended to a; both must have the same options. */
PG_FUNCTION_INFO_V1(journey_path_combine);
Datum
journey_path_combine(PG_FUNCTION_ARGS)
{
	JourneyPathState *a = path_state_arg(fcinfo, 0);
	JourneyPathState *b = path_state_arg(fcinfo, 1);

	if (a->label != b->label || a->keep_repeats != b->keep_repeats || a->limit != b->limit)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine journey_path states built with different options"),
				 errdetail("One has label %s, keep_repeats %s, max_steps %d; the other %s, %s, %d.",
						   label_name(a->label), a->keep_repeats ? "true" : "false", a->limit,
						   label_name(b->label), b->keep_repeats ? "true" : "false", b->limit),
				 errhint("Use the same journey_path arguments in every partial aggregate.")));
	PG_RETURN_POINTER(journey_builder_merge(fcinfo, (Journey *) a, (const Journey *) b,
											JOURNEY_PATH_STATE_HEADER_BYTES));
}

/* Final function of journey_path: the path of the sorted steps, with the state's options. */
PG_FUNCTION_INFO_V1(journey_path_final);
Datum
journey_path_final(PG_FUNCTION_ARGS)
{
	JourneyPathState *s;
	int			n;
	JourneyStep *steps;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = path_state_arg(fcinfo, 0);
	steps = path_state_steps(s, &n);
	PG_RETURN_TEXT_P(render_path(steps, n, s->label, s->keep_repeats, s->limit));
}

/* ---- journey_path_state I/O: a journey's forms with the options ---------------------------- */

PG_FUNCTION_INFO_V1(journey_path_state_out);
Datum
journey_path_state_out(PG_FUNCTION_ARGS)
{
	JourneyPathState *s = path_state_arg(fcinfo, 0);
	int			n;
	JourneyStep *steps = path_state_steps(s, &n);
	StringInfoData out;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, ", JOURNEY_PATH_STATE_VERSION);
	journey_append_steps_text(&out, steps, n);
	appendStringInfo(&out, ", \"path_label\": \"%s\", \"path_keep_repeats\": %d, \"path_limit\": %d}",
					 s->label == PATH_LABEL_CHANNEL ? "channel" : "channel/action",
					 s->keep_repeats, s->limit);
	PG_RETURN_CSTRING(out.data);
}

/* the options are optional (the defaults: 'channel', 0, 0), as in a 0.1.0 journey literal */
PG_FUNCTION_INFO_V1(journey_path_state_in);
Datum
journey_path_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	char	   *problem;
	JourneyStep *steps;
	int			n,
				label,
				repeats;
	int32		limit;

	if (journey_read_text(input, fcinfo->context, JOURNEY_PATH_STATE_VERSION, &steps, &n, &label,
						  &repeats, &limit, &problem))
		PG_RETURN_POINTER(path_state_from_steps(steps, n, label, repeats, limit));
	if (problem == NULL)
		return (Datum) 0;		/* a soft error was saved (PG 16+) */
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type journey_path_state: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The journey_path state is invalid: %s.", problem),
			 errhint(PATH_STATE_TEXT_HINT)));
}

/* Binary form: the binary form of a 0.1.0 journey (version 1 with the options). */
PG_FUNCTION_INFO_V1(journey_path_state_send);
Datum
journey_path_state_send(PG_FUNCTION_ARGS)
{
	JourneyPathState *s = path_state_arg(fcinfo, 0);
	int			n;
	JourneyStep *steps = path_state_steps(s, &n);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->label);
	pq_sendbyte(&buf, s->keep_repeats);
	pq_sendint32(&buf, s->limit);
	journey_send_steps(&buf, steps, n);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(journey_path_state_recv);
Datum
journey_path_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				label,
				repeats,
				n;
	int32		limit;

	if (buf->len - buf->cursor < 11)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary journey_path_state is truncated"),
				 errhint(PATH_STATE_BINARY_HINT)));
	version = pq_getmsgbyte(buf);
	label = pq_getmsgbyte(buf);
	repeats = pq_getmsgbyte(buf);
	limit = (int32) pq_getmsgint(buf, 4);
	n = (int) pq_getmsgint(buf, 4);
	if (version != JOURNEY_PATH_STATE_VERSION || label > PATH_LABEL_CHANNEL_ACTION ||
		repeats > 1 || n < 0 || limit == PG_INT32_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary journey_path_state: version %d, path label %d, repeats %d, "
						"path limit %d, %d steps", version, label, repeats, limit, n),
				 errhint(PATH_STATE_BINARY_HINT)));
	PG_RETURN_POINTER(path_state_from_steps(journey_recv_steps(buf, n, "journey_path_state",
															   PATH_STATE_BINARY_HINT),
											n, label, repeats, limit));
}

/* journey_path_state = journey_path_state: the same options and the same steps */
PG_FUNCTION_INFO_V1(journey_path_state_eq);
Datum
journey_path_state_eq(PG_FUNCTION_ARGS)
{
	JourneyPathState *a = path_state_arg(fcinfo, 0);
	JourneyPathState *b = path_state_arg(fcinfo, 1);
	int			na,
				nb,
				i;
	JourneyStep *sa,
			   *sb;

	if (a->label != b->label || a->keep_repeats != b->keep_repeats || a->limit != b->limit ||
		a->nsteps != b->nsteps || a->used != b->used)
		PG_RETURN_BOOL(false);
	sa = path_state_steps(a, &na);
	sb = path_state_steps(b, &nb);
	for (i = 0; i < na; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (journey_step_cmp(&sa[i], &sb[i]) != 0)
			PG_RETURN_BOOL(false);
	}
	PG_RETURN_BOOL(true);
}

/* the comparison key (type_compare.h): the options, then the steps as a journey's key has them */
void
journey_path_state_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	JourneyPathState *s = path_state_arg(fcinfo, argno);
	int			n;
	JourneyStep *steps = path_state_steps(s, &n);

	cxm_key_uint(key, s->label, 1);
	cxm_key_uint(key, s->keep_repeats, 1);
	cxm_key_int(key, s->limit, 4);
	journey_steps_compare_key(key, steps, n, s->used);
	pfree(steps);
}
