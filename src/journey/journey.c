/*
 * journey.c: the journey type, a customer's touchpoints ordered by (time, channel, action):
 * the aggregate journey_agg (append in place, sort once at the end, merge partial journeys) and
 * its builder (shared with journey_path's state), text and binary I/O (with the readers of the
 * 0.1.0 forms), accessors, steps(), and sessions() splitting a journey at long gaps.
 */
#include "journey.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

/* the hint of every binary input error of this file */
#define JOURNEY_BINARY_HINT "The binary form is int8 version 2, int32 steps, then per step an int32 length and a binary touchpoint (version 1 has int8 path label, int8 keep-repeats and int32 path limit before the steps)."

/*
 * A new journey gets room for two or three steps (64 bytes), or up to 256 bytes (about ten
 * steps) when the planner expects that many touchpoints per group (journey_initial_bytes);
 * growth doubles. Most customers have few touchpoints, and a freed small buffer is reused by
 * the next new journey.
 */
#define JOURNEY_INITIAL_BYTES 64
#define JOURNEY_MAX_INITIAL_BYTES 256

/* ---- records ------------------------------------------------------------------------------ */

static inline Size
record_bytes(int channel_len, int action_len)
{
	return JOURNEY_RECORD_BYTES + channel_len + action_len;
}

static inline void
write_record(char *p, TimestampTz at, const char *channel, int channel_len,
			 const char *action, int action_len)
{
	memcpy(p, &at, sizeof(TimestampTz));
	p[8] = (char) channel_len;
	p[9] = action != NULL;
	p[10] = (char) (action ? action_len : 0);
	memcpy(p + JOURNEY_RECORD_BYTES, channel, channel_len);
	if (action)
		memcpy(p + JOURNEY_RECORD_BYTES + channel_len, action, action_len);
}

int
journey_step_cmp(const JourneyStep *a, const JourneyStep *b)
{
	/* JourneyStep and TouchpointView have the same fields in the same order */
	StaticAssertStmt(sizeof(JourneyStep) == sizeof(TouchpointView),
					 "JourneyStep must mirror TouchpointView");
	return touchpoint_view_cmp((const TouchpointView *) a, (const TouchpointView *) b);
}

static int
step_qsort_cmp(const void *a, const void *b)
{
	return journey_step_cmp((const JourneyStep *) a, (const JourneyStep *) b);
}

/* Sorts steps: insertion sort for the short journeys that are the rule, qsort beyond. */
static void
sort_steps(JourneyStep *steps, int n)
{
	int			i,
				k;

	if (n > 24)
	{
		cxm_qsort(steps, n, sizeof(JourneyStep), step_qsort_cmp);
		return;
	}
	for (i = 1; i < n; i++)
	{
		JourneyStep step = steps[i];

		/* times decide almost always; labels are compared only on equal times */
		for (k = i; k > 0 && (steps[k - 1].at > step.at ||
							  (steps[k - 1].at == step.at &&
							   journey_step_cmp(&steps[k - 1], &step) > 0)); k--)
			steps[k] = steps[k - 1];
		steps[k] = step;
	}
}

int
journey_sort_steps(JourneyStep *steps, int n)
{
	int			i;

	for (i = 1; i < n; i++)
	{
		if (journey_step_cmp(&steps[i - 1], &steps[i]) > 0)
		{
			sort_steps(steps, n);
			break;
		}
	}
	return n;
}

JourneyStep *
journey_records_steps(const char *records, int nsteps, bool sorted, int *n)
{
	/* a journey of up to 1 GB holds more than MaxAllocSize / sizeof(JourneyStep) steps */
	JourneyStep *steps = MemoryContextAllocHuge(CurrentMemoryContext,
												Max(nsteps, 1) * sizeof(JourneyStep));
	const char *p = records;
	int			i;

	for (i = 0; i < nsteps; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		p += journey_read_record(p, &steps[i]);
	}
	if (!sorted && nsteps > 1)
		sort_steps(steps, nsteps);
	*n = nsteps;
	return steps;
}

JourneyStep *
journey_steps(const Journey *j, int *n)
{
	if (j->version == JOURNEY_COMPACT_VERSION)
	{
		JourneyStep *steps = journey_compact_steps(j, n);

		if (!journey_compact_is_sorted(j))
			*n = journey_sort_steps(steps, *n);
		return steps;
	}
	return journey_records_steps(j->records, j->nsteps, (j->flags & JOURNEY_SORTED) != 0, n);
}

/*
 * The steps of journey argument argno in journey order (pointers into it), read in place from
 * either stored form: a compact journey is decoded without a version-2 copy.
 */
JourneyStep *
journey_arg_steps(FunctionCallInfo fcinfo, int argno, int *n)
{
	return journey_steps(journey_arg_stored(fcinfo, argno), n);
}

/* the number of steps of a journey from journey_arg or journey_arg_stored */
int
journey_count_steps(const Journey *j)
{
	return j->version == JOURNEY_COMPACT_VERSION ? journey_compact_nsteps(j) : j->nsteps;
}

/* The stored form of the n steps (in journey order): compact when they fit it, else version 2. */
Journey *
journey_store(const JourneyStep *steps, int n)
{
	Journey    *j = n > 0 && n <= JOURNEY_COMPACT_MAX_STEPS ? journey_compact_store(steps, n) : NULL;

	return j != NULL ? j : journey_from_steps(steps, n);
}

/*
 * The stored form of version-2 journey j: compact when its steps (in journey order) fit it,
 * else j itself.
 */
Journey *
journey_stored_form(Journey *j)
{
	JourneyStep *steps;
	Journey    *c;
	int			n;

	if (j->version != JOURNEY_VERSION || !(j->flags & JOURNEY_SORTED) || j->nsteps == 0 ||
		j->nsteps > JOURNEY_COMPACT_MAX_STEPS)
		return j;
	steps = journey_records_steps(j->records, j->nsteps, true, &n);
	c = journey_compact_store(steps, n);
	pfree(steps);
	return c != NULL ? c : j;
}

/* the builder's view of a journey or a journey_path_state: the same fields at the same places */
StaticAssertDecl(offsetof(Journey, records) == JOURNEY_HEADER_BYTES, "journey header size");
StaticAssertDecl(offsetof(JourneyPathState, records) == JOURNEY_PATH_STATE_HEADER_BYTES,
				 "journey_path_state header size");
StaticAssertDecl(offsetof(JourneyPathState, flags) == offsetof(Journey, flags) &&
				 offsetof(JourneyPathState, nsteps) == offsetof(Journey, nsteps) &&
				 offsetof(JourneyPathState, used) == offsetof(Journey, used),
				 "journey_path_state must share the journey builder's fields");

static inline char *
builder_records(Journey *j, Size header)
{
	return (char *) j + header;
}

/* 54000 when a journey of `used` record bytes would exceed the size limit of a value */
static void
check_journey_size(Size used)
{
	if (used > MaxAllocSize - JOURNEY_PATH_STATE_HEADER_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey of %zu bytes of steps is larger than the limit of %zu bytes",
						used, (Size) (MaxAllocSize - JOURNEY_PATH_STATE_HEADER_BYTES)),
				 errhint("Split the journey into shorter ones.")));
}

static Journey *
journey_alloc(MemoryContext context, Size bytes, uint8 version)
{
	Journey    *j = MemoryContextAllocZero(context, bytes);

	SET_VARSIZE(j, bytes);
	j->version = version;
	j->flags = JOURNEY_SORTED;
	return j;
}

Journey *
journey_from_steps(const JourneyStep *steps, int n)
{
	Size		used = 0;
	Journey    *j;
	char	   *p;
	int			i;

	for (i = 0; i < n; i++)
		used += record_bytes(steps[i].channel_len, steps[i].action ? steps[i].action_len : 0);
	check_journey_size(used);
	j = journey_alloc(CurrentMemoryContext, JOURNEY_HEADER_BYTES + used, JOURNEY_VERSION);
	p = j->records;
	for (i = 0; i < n; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		write_record(p, steps[i].at, steps[i].channel, steps[i].channel_len,
					 steps[i].action, steps[i].action_len);
		p += record_bytes(steps[i].channel_len, steps[i].action ? steps[i].action_len : 0);
	}
	j->nsteps = n;
	j->used = used;
	return j;
}

struct varlena *
journey_step_touchpoint(const JourneyStep *step)
{
	return touchpoint_build(step->at, step->channel, step->channel_len, step->action,
							step->action_len);
}

/*
 * j (detoasted, not compact) checked, in the record form's current version: a journey stored by
 * cxm 0.1.0 (version 1) is copied into version 2, its records unchanged and its path options
 * (which only journey_path's state used) left behind.
 */
static Journey *
journey_checked(Journey *j)
{
	Size		header = j->version == JOURNEY_V1 ? JOURNEY_V1_HEADER_BYTES : JOURNEY_HEADER_BYTES;
	Journey    *copy;

	if (VARSIZE(j) < JOURNEY_HEADER_BYTES ||
		(j->version != JOURNEY_VERSION && j->version != JOURNEY_V1) ||
		VARSIZE(j) < header || j->used < 0 || j->nsteps < 0 ||
		header + (Size) j->used > VARSIZE(j))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("journey value has an unsupported format (version %d)", j->version)));
	if (j->version == JOURNEY_VERSION)
		return j;
	copy = journey_alloc(CurrentMemoryContext, JOURNEY_HEADER_BYTES + j->used, JOURNEY_VERSION);
	copy->flags = j->flags & JOURNEY_SORTED;
	copy->nsteps = j->nsteps;
	copy->used = j->used;
	memcpy(copy->records, (char *) j + JOURNEY_V1_HEADER_BYTES, j->used);
	return copy;
}

/* the journey argument argno detoasted (an aggregate's expanded state read in place) */
static Journey *
journey_detoasted_arg(FunctionCallInfo fcinfo, int argno)
{
	Journey    *j = journey_builder_state(PG_GETARG_POINTER(argno));

	if (j == (Journey *) PG_GETARG_POINTER(argno))
		j = (Journey *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	return j;
}

static inline bool
is_compact(const Journey *j)
{
	return VARSIZE(j) > offsetof(Journey, version) && journey_is_compact(j);
}

/*
 * The journey argument argno, detoasted and checked, in the record form (version 2): a compact
 * journey (stored, or journey_agg's working state) as a version-2 copy, a 0.1.0 journey as
 * journey_checked gives it.
 */
Journey *
journey_arg(FunctionCallInfo fcinfo, int argno)
{
	return journey_record_form(journey_detoasted_arg(fcinfo, argno));
}

/*
 * The journey argument argno for readers that take a journey's steps only through
 * journey_steps or journey_count_steps, or that handle both forms: a compact journey as it is,
 * anything else as journey_arg gives it (detoasted once).
 */
Journey *
journey_arg_stored(FunctionCallInfo fcinfo, int argno)
{
	Journey    *j = journey_detoasted_arg(fcinfo, argno);

	return is_compact(j) ? j : journey_checked(j);
}

/* j (from journey_arg_stored, or detoasted) in the record form: a compact one as a copy */
Journey *
journey_record_form(Journey *j)
{
	return is_compact(j) ? journey_compact_expand(j) : journey_checked(j);
}

/* ---- the aggregate ------------------------------------------------------------------------ */

/*
 * cxm.max_journey_steps guards building journeys (journey_agg, journey_path); a stored journey
 * reads back from its text and binary forms whatever its length (the size limit of a value
 * bounds it).
 */
static void
check_step_limit(int64 nsteps)
{
	if (nsteps > cxm_max_journey_steps)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("journey has more than %d steps", cxm_max_journey_steps),
				 errhint("Raise the limit with SET cxm.max_journey_steps = ... (up to 10000000), "
						 "or aggregate a shorter period.")));
}

void
journey_check_step_limit(int64 nsteps)
{
	check_step_limit(nsteps);
}

/*
 * A builder state that grows past JOURNEY_EXPAND_BYTES (a long journey, most often the one group
 * of an aggregate over everything) moves into an expanded object: its own memory context under
 * the aggregate's, where the buffer grows by repalloc (large blocks are realloc'ed, often in
 * place), and whose read-write pointer the executor keeps without copying. A flat state that
 * grows is copied twice (the bigger buffer, then the executor's copy of it), which holds about
 * five times the journey's size at once; small states, the many groups of a GROUP BY, stay flat
 * (a memory context per group would cost more than the journeys).
 */
#define JOURNEY_EXPAND_BYTES (64 * 1024)

typedef struct ExpandedJourney
{
	ExpandedObjectHeader hdr;
	Journey    *flat;			/* the builder's buffer (VARSIZE: its capacity) */
	Size		header;			/* JOURNEY_HEADER_BYTES or JOURNEY_PATH_STATE_HEADER_BYTES */
} ExpandedJourney;

static Size
expanded_journey_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedJourney *e = (ExpandedJourney *) eohptr;

	return e->header + e->flat->used;
}

static void
expanded_journey_flatten(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedJourney *e = (ExpandedJourney *) eohptr;

	memcpy(result, e->flat, allocated_size);
	SET_VARSIZE(result, allocated_size);
}

static const ExpandedObjectMethods expanded_journey_methods = {
	expanded_journey_flat_size,
	expanded_journey_flatten
};

Journey *
journey_builder_state(Pointer p)
{
	if (p != NULL && VARATT_IS_EXTERNAL_EXPANDED(p))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(PointerGetDatum(p));

		if (eoh->eoh_methods == &expanded_journey_methods)
			return ((ExpandedJourney *) eoh)->flat;
	}
	return (Journey *) p;
}

/*
 * Makes room for `bytes` more record bytes in the state j (flat, or an expanded state's
 * read-write pointer). Growth doubles the buffer: an expanded state's in place; a flat state's
 * as a bigger copy in the per-call memory context, which the executor moves into the
 * aggregate's context (freeing the old state), or, past JOURNEY_EXPAND_BYTES in an aggregate,
 * as a new expanded state.
 */
static Journey *
journey_reserve(FunctionCallInfo fcinfo, Journey *j, Size header, Size bytes)
{
	Journey    *flat = journey_builder_state((Pointer) j);
	Size		need = header + (Size) flat->used + bytes;
	Size		size = VARSIZE(flat);
	MemoryContext aggcontext;
	Journey    *bigger;

	if (need <= size)
		return j;
	while (size < need)
		size *= 2;
	if (size > MaxAllocSize)
	{
		if (need > MaxAllocSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("journey is larger than %zu bytes", (Size) MaxAllocSize),
					 errhint("Aggregate fewer touchpoints per journey.")));
		size = MaxAllocSize;
	}
	if (flat != j)
	{
		ExpandedJourney *e = (ExpandedJourney *) DatumGetEOHP(PointerGetDatum(j));

		e->flat = repalloc(flat, size);
		SET_VARSIZE(e->flat, size);
		return j;
	}
	if (size >= JOURNEY_EXPAND_BYTES && AggCheckCallContext(fcinfo, &aggcontext))
	{
		MemoryContext context = AllocSetContextCreate(aggcontext, "cxm journey state",
													  ALLOCSET_DEFAULT_SIZES);
		ExpandedJourney *e = MemoryContextAlloc(context, sizeof(ExpandedJourney));

		EOH_init_header(&e->hdr, &expanded_journey_methods, context);
		e->header = header;
		e->flat = MemoryContextAlloc(context, size);
		memcpy(e->flat, j, header + j->used);
		SET_VARSIZE(e->flat, size);
		return (Journey *) DatumGetPointer(EOHPGetRWDatum(&e->hdr));
	}
	bigger = palloc(size);
	memcpy(bigger, j, header + j->used);
	SET_VARSIZE(bigger, size);
	return bigger;
}

/*
 * The touchpoints per group the planner expects for this aggregate call (its estimate of the
 * input rows over its estimate of the groups), or 0 when there is no estimate: a plain
 * aggregate, a window aggregate. journey_path reads it once per call site and keeps it in
 * fn_extra (journey_agg keeps it with its dictionary, journey_dict.c).
 */
double
journey_planned_steps(FunctionCallInfo fcinfo)
{
	if (fcinfo->context != NULL && IsA(fcinfo->context, AggState))
	{
		Agg		   *agg = (Agg *) ((AggState *) fcinfo->context)->ss.ps.plan;

		if (agg->aggstrategy != AGG_PLAIN && agg->numGroups > 0 && outerPlan(agg) != NULL)
			return outerPlan(agg)->plan_rows / (double) agg->numGroups;
	}
	return 0;
}

static double
journey_expected_steps(FunctionCallInfo fcinfo)
{
	double	   *cached = (double *) fcinfo->flinfo->fn_extra;

	if (cached == NULL)
	{
		cached = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(double));
		*cached = journey_planned_steps(fcinfo);
		fcinfo->flinfo->fn_extra = cached;
	}
	return *cached;
}

/*
 * The size of a new journey whose first record takes first_bytes: room for the steps the
 * planner expects (records the size of the first), as one of the sizes growth goes through
 * (64, 128, 256 bytes), so that most journeys never grow (each growth is a copy, and leaves the
 * journey away from its hash entry in memory). The estimate only chooses among those sizes, so
 * a wrong one costs at most 256 bytes per group; on skewed data (most customers with one or two
 * touchpoints) journeys start at 64.
 */
static Size
journey_initial_bytes(FunctionCallInfo fcinfo, Size header, Size first_bytes)
{
	double		need = header + journey_expected_steps(fcinfo) * (double) first_bytes;
	Size		size = JOURNEY_INITIAL_BYTES;

	while (size < JOURNEY_MAX_INITIAL_BYTES && size < need)
		size *= 2;
	return Max(size, header + first_bytes);
}

Journey *
journey_builder_append(FunctionCallInfo fcinfo, Journey *j, Size header, uint8 version,
					   struct varlena *tp)
{
	TouchpointView v;
	Size		bytes;
	Journey    *flat;

	touchpoint_view(tp, &v);
	bytes = record_bytes(v.channel_len, v.action ? v.action_len : 0);
	if (j == NULL)
		j = journey_alloc(CurrentMemoryContext, journey_initial_bytes(fcinfo, header, bytes),
						  version);
	else
	{
		check_step_limit((int64) journey_builder_state((Pointer) j)->nsteps + 1);
		j = journey_reserve(fcinfo, j, header, bytes);
	}
	flat = journey_builder_state((Pointer) j);
	write_record(builder_records(flat, header) + flat->used, v.occurred_at, v.channel,
				 v.channel_len, v.action, v.action_len);
	flat->used += bytes;
	flat->nsteps++;
	flat->flags &= ~JOURNEY_SORTED;
	return j;
}

Journey *
journey_builder_merge(FunctionCallInfo fcinfo, Journey *a, const Journey *b, Size header)
{
	Journey    *flat = journey_builder_state((Pointer) a);	/* a may be an expanded state */
	Journey    *state;

	check_step_limit((int64) flat->nsteps + b->nsteps);
	if (!cxm_may_modify_arg0(fcinfo, a))
	{
		Journey    *copy = palloc(header + flat->used);

		memcpy(copy, flat, header + flat->used);
		SET_VARSIZE(copy, header + flat->used);
		a = copy;
	}
	state = journey_reserve(fcinfo, a, header, b->used);
	a = journey_builder_state((Pointer) state);
	memcpy(builder_records(a, header) + a->used, (const char *) b + header, b->used);
	a->used += b->used;
	a->nsteps += b->nsteps;
	if (b->nsteps > 0)
		a->flags &= ~JOURNEY_SORTED;
	return state;
}

/* journey_agg(tp): appends one touchpoint. */
PG_FUNCTION_INFO_V1(journey_agg_trans);
Datum
journey_agg_trans(PG_FUNCTION_ARGS)
{
	Journey    *j = PG_ARGISNULL(0) ? NULL : (Journey *) PG_GETARG_POINTER(0);

	cxm_require_aggregate(fcinfo, "journey_agg_trans", "journey_agg(tp)");
	if (PG_ARGISNULL(1))
	{
		if (j == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(j);
	}
	/* compact until it outgrows that form; the record form after */
	if (j == NULL || journey_is_compact(journey_builder_state((Pointer) j)))
		PG_RETURN_POINTER(journey_compact_append(fcinfo, j, PG_GETARG_TOUCHPOINT_P(1)));
	PG_RETURN_POINTER(journey_builder_append(fcinfo, j, JOURNEY_HEADER_BYTES, JOURNEY_VERSION,
											 PG_GETARG_TOUCHPOINT_P(1)));
}

extern Datum journey_path_combine(PG_FUNCTION_ARGS);

/* Combine: appends b's steps to a (order is restored at the end). */
PG_FUNCTION_INFO_V1(journey_agg_combine);
Datum
journey_agg_combine(PG_FUNCTION_ARGS)
{
	Journey    *a,
			   *b;

	/*
	 * Until ALTER EXTENSION cxm UPDATE, 0.1.0's journey_path uses this combine function, on states
	 * that are journey_path_states (the 0.1.0 journey layout, version 1); they combine as such.
	 */
	if (((Journey *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0)))->version == JOURNEY_V1 &&
		((Journey *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1)))->version == JOURNEY_V1)
		return journey_path_combine(fcinfo);
	a = journey_arg(fcinfo, 0);
	b = journey_arg(fcinfo, 1);
	PG_RETURN_POINTER(journey_builder_merge(fcinfo, a, b, JOURNEY_HEADER_BYTES));
}

/*
 * journey_agg's final sort orders (time, record offset) keys, 16 bytes a step, rather than
 * decoded steps (32 bytes): labels are read only to break ties of time.
 */
typedef struct StepKey
{
	TimestampTz at;
	uint32		offset;			/* of the step's record, from the first record */
} StepKey;

static inline int
step_key_cmp(const StepKey *a, const StepKey *b, const char *records)
{
	JourneyStep sa,
				sb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	journey_read_record(records + a->offset, &sa);
	journey_read_record(records + b->offset, &sb);
	return journey_step_cmp(&sa, &sb);
}

#define ST_SORT sort_step_keys
#define ST_ELEMENT_TYPE StepKey
#define ST_COMPARE_ARG_TYPE const char
#define ST_COMPARE(a, b, arg) step_key_cmp(a, b, arg)
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * Final function of journey_agg: the steps sorted, without the builder's free space (steps that
 * arrived in order, as from a scan in time order, are not sorted).
 */
PG_FUNCTION_INFO_V1(journey_agg_final);
Datum
journey_agg_final(PG_FUNCTION_ARGS)
{
	Journey    *j = journey_builder_state(PG_GETARG_POINTER(0));
	Journey    *out;
	StepKey    *keys;
	bool		sorted;
	const char *p;
	char	   *w;
	JourneyStep step;
	int			i;

	/* a compact state: its steps decoded, sorted unless they came in order */
	if (j == (Journey *) PG_GETARG_POINTER(0) && VARATT_IS_4B_U(j) && journey_is_compact(j))
	{
		JourneyStep *steps = journey_compact_steps(j, &i);

		PG_RETURN_POINTER(journey_store(steps, journey_sort_steps(steps, i)));
	}
	j = journey_arg(fcinfo, 0);
	out = journey_alloc(CurrentMemoryContext, JOURNEY_HEADER_BYTES + j->used, JOURNEY_VERSION);
	sorted = (j->flags & JOURNEY_SORTED) != 0;
	p = j->records;
	w = out->records;
	keys = MemoryContextAllocHuge(CurrentMemoryContext, Max(j->nsteps, 1) * sizeof(StepKey));
	for (i = 0; i < j->nsteps; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		keys[i].offset = (uint32) (p - j->records);
		p += journey_read_record(p, &step);
		keys[i].at = step.at;
		if (sorted || i == 0)
			continue;
		if (keys[i - 1].at > step.at ||
			(keys[i - 1].at == step.at && step_key_cmp(&keys[i - 1], &keys[i], j->records) > 0))
			sorted = false;
	}
	if (!sorted)
		sort_step_keys(keys, j->nsteps, j->records);
	/* records written anew (as journey_from_steps writes them), not copied */
	for (i = 0; i < j->nsteps; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		journey_read_record(j->records + keys[i].offset, &step);
		write_record(w, step.at, step.channel, step.channel_len, step.action, step.action_len);
		w += record_bytes(step.channel_len, step.action ? step.action_len : 0);
	}
	out->nsteps = j->nsteps;
	out->used = w - out->records;
	SET_VARSIZE(out, JOURNEY_HEADER_BYTES + out->used);
	/* states combined in parallel plans come this way too: the stored form as from any plan */
	PG_RETURN_POINTER(journey_stored_form(out));
}

/* ---- text I/O: {"version": 1, "steps": ["email/open@...", ...]} ---------------------------- */

/*
 * Text and binary input read touchpoints one by one into a buffer of records: what each
 * touchpoint's input allocates is freed every READ_BATCH steps, so reading costs the records,
 * not a touchpoint allocation per step.
 */
#define READ_BATCH 1024

typedef struct StepReader
{
	StringInfoData records;
	MemoryContext step_context; /* what reading one touchpoint allocates */
	MemoryContext caller_context;
	int			nsteps;
} StepReader;

static void
step_reader_start(StepReader *r)
{
	initStringInfo(&r->records);
	r->caller_context = CurrentMemoryContext;
	r->step_context = AllocSetContextCreate(CurrentMemoryContext, "cxm journey input",
											ALLOCSET_SMALL_SIZES);
	r->nsteps = 0;
	MemoryContextSwitchTo(r->step_context);
}

/* Appends the touchpoint datum tp (allocated in the step context) as a record. */
static void
step_reader_add(StepReader *r, Datum tp)
{
	TouchpointView tv;
	Size		bytes;

	touchpoint_view((struct varlena *) DatumGetPointer(tp), &tv);
	bytes = record_bytes(tv.channel_len, tv.action ? tv.action_len : 0);
	check_journey_size(r->records.len + bytes);
	enlargeStringInfo(&r->records, (int) bytes);
	write_record(r->records.data + r->records.len, tv.occurred_at, tv.channel, tv.channel_len,
				 tv.action, tv.action_len);
	r->records.len += bytes;
	if (++r->nsteps % READ_BATCH == 0)
		MemoryContextReset(r->step_context);
}

/* The steps read, sorted (pointing into the records, in the caller's context). */
static JourneyStep *
step_reader_finish(StepReader *r)
{
	int			n;

	MemoryContextSwitchTo(r->caller_context);
	MemoryContextDelete(r->step_context);
	return journey_records_steps(r->records.data, r->nsteps, false, &n);
}

void
journey_append_steps_text(StringInfo out, const JourneyStep *steps, int n)
{
	int			i;

	appendStringInfoString(out, "\"steps\": [");
	for (i = 0; i < n; i++)
	{
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		appendStringInfoString(out, i > 0 ? ", \"" : "\"");
		touchpoint_append_text(out, (const TouchpointView *) &steps[i]);
		appendStringInfoChar(out, '"');
	}
	appendStringInfoChar(out, ']');
}

PG_FUNCTION_INFO_V1(journey_out);
Datum
journey_out(PG_FUNCTION_ARGS)
{
	Journey    *j = journey_arg_stored(fcinfo, 0);
	int			n;
	JourneyStep *steps = journey_steps(j, &n);
	StringInfoData out;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, ", JOURNEY_TEXT_VERSION);
	journey_append_steps_text(&out, steps, n);
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

bool
journey_read_steps(const CxmJsonValue *v, Node *escontext, JourneyStep **steps_out, int *n,
				   char **problem)
{
	StepReader	reader;
	int			i;

	*problem = NULL;
	if (v->nitems > 0 && !v->strings)
	{
		*problem = "\"steps\" must be an array of touchpoint literals";
		return false;
	}
	step_reader_start(&reader);
	for (i = 0; i < v->nitems; i++)
	{
		/* each step is a touchpoint literal, checked by touchpoint input (its errors name it) */
		char	   *literal = pnstrdup(v->items[i], v->item_lens[i]);
		Datum		tp;

		CHECK_FOR_INTERRUPTS();
#if PG_VERSION_NUM >= 160000
		/* its errors stay soft when ours are (pg_input_is_valid) */
		if (!DirectInputFunctionCallSafe(touchpoint_in, literal, InvalidOid, -1,
										 escontext, &tp))
		{
			/* the saved error lives in the step context, a child of the caller's */
			MemoryContextSwitchTo(reader.caller_context);
			return false;
		}
#else
		tp = DirectFunctionCall1(touchpoint_in, CStringGetDatum(literal));
#endif
		step_reader_add(&reader, tp);
	}
	*steps_out = step_reader_finish(&reader);
	*n = v->nitems;
	return true;
}

bool
journey_read_path_options(const CxmJsonValue *label_v, const CxmJsonValue *repeats_v,
						  const CxmJsonValue *limit_v, int *label, int *repeats, int32 *limit,
						  char **problem)
{
	int64		number;

	*label = PATH_LABEL_CHANNEL;
	*repeats = 0;
	*limit = 0;
	if (label_v->kind != CXM_JSON_MISSING)
	{
		if (!cxm_json_expect(label_v, "path_label", CXM_JSON_STRING, problem))
			return false;
		if (label_v->len == 7 && strncmp(label_v->text, "channel", 7) == 0)
			*label = PATH_LABEL_CHANNEL;
		else if (label_v->len == 14 && strncmp(label_v->text, "channel/action", 14) == 0)
			*label = PATH_LABEL_CHANNEL_ACTION;
		else
		{
			*problem = "\"path_label\" must be \"channel\" or \"channel/action\"";
			return false;
		}
	}
	if (repeats_v->kind != CXM_JSON_MISSING)
	{
		if (!cxm_json_expect(repeats_v, "path_keep_repeats", CXM_JSON_NUMBER, problem) ||
			!cxm_json_int64(repeats_v->text, repeats_v->len, &number, problem))
			return false;
		if (number != 0 && number != 1)
		{
			*problem = "\"path_keep_repeats\" must be 0 or 1";
			return false;
		}
		*repeats = (int) number;
	}
	if (limit_v->kind != CXM_JSON_MISSING)
	{
		if (!cxm_json_expect(limit_v, "path_limit", CXM_JSON_NUMBER, problem) ||
			!cxm_json_int64(limit_v->text, limit_v->len, &number, problem))
			return false;
		if (number < -PG_INT32_MAX || number > PG_INT32_MAX)
		{
			*problem = "\"path_limit\" is out of range";
			return false;
		}
		*limit = (int32) number;
	}
	return true;
}

enum journey_key
{
	JK_VERSION, JK_STEPS, JK_LABEL, JK_REPEATS, JK_LIMIT, JK_COUNT
};
static const char *const journey_keys[JK_COUNT] = {
	"version", "steps", "path_label", "path_keep_repeats", "path_limit"
};

bool
journey_read_text(const char *input, Node *escontext, int version_expected,
				  JourneyStep **steps, int *n, int *label, int *repeats, int32 *limit,
				  char **problem)
{
	CxmJsonValue v[JK_COUNT];
	int64		version;

	*problem = NULL;
	if (!cxm_json_read(input, journey_keys, JK_COUNT, v, problem) ||
		!cxm_json_expect(&v[JK_VERSION], "version", CXM_JSON_NUMBER, problem) ||
		!cxm_json_int64(v[JK_VERSION].text, v[JK_VERSION].len, &version, problem) ||
		!cxm_json_expect(&v[JK_STEPS], "steps", CXM_JSON_ARRAY, problem))
		return false;
	if (version != version_expected)
	{
		*problem = psprintf("version " INT64_FORMAT " is not supported (this cxm reads version %d)",
							version, version_expected);
		return false;
	}
	if (!journey_read_steps(&v[JK_STEPS], escontext, steps, n, problem))
		return false;
	return journey_read_path_options(&v[JK_LABEL], &v[JK_REPEATS], &v[JK_LIMIT], label, repeats,
									 limit, problem);
}

/*
 * The text form of 0.1.0 could carry journey_path's options (path_label, path_keep_repeats,
 * path_limit); they are still accepted, checked as then, and left out of the journey.
 */
PG_FUNCTION_INFO_V1(journey_in);
Datum
journey_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	char	   *problem;
	JourneyStep *steps;
	int			n,
				label,
				repeats;
	int32		limit;

	if (journey_read_text(input, fcinfo->context, JOURNEY_TEXT_VERSION, &steps, &n, &label,
						  &repeats, &limit, &problem))
		PG_RETURN_POINTER(journey_store(steps, n));
	if (problem == NULL)
		return (Datum) 0;		/* a soft error was saved (PG 16+) */
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type journey: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The journey is invalid: %s.", problem),
			 errhint("Write journeys as {\"version\": 1, \"steps\": [\"web/view@2025-03-01 10:00:00+00\", "
					 "\"email@2025-03-02 09:00:00+00\"]}.")));
}

/* ---- binary I/O --------------------------------------------------------------------------- */

/*
 * Writes the steps straight into buf, enlarged once to the size they take when no label needs
 * converting to the client encoding (a conversion that changes lengths grows it as it goes).
 */
void
journey_send_steps(StringInfo buf, const JourneyStep *steps, int n)
{
	Size		size = 4;
	int			i;

	for (i = 0; i < n; i++)
		size += 4 + 2 + 8 + 2 + steps[i].channel_len + (steps[i].action ? 2 + steps[i].action_len : 0);
	if (size > MaxAllocSize - (Size) buf->len - 1)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("binary form of a journey of %d steps would take %zu bytes, more than the limit of %zu",
						n, size, (Size) MaxAllocSize - 1),
				 errhint("Split the journey into shorter ones (sessions(j, gap)) to send it in binary.")));
	enlargeStringInfo(buf, (int) size);
	pq_sendint32(buf, n);
	for (i = 0; i < n; i++)
	{
		int			length_at = buf->len;
		uint32		length;

		CHECK_FOR_INTERRUPTS();
		pq_sendint32(buf, 0);	/* the length, written once known */
		touchpoint_append_binary(buf, (const TouchpointView *) &steps[i]);
		length = pg_hton32((uint32) (buf->len - length_at - 4));
		memcpy(buf->data + length_at, &length, 4);
	}
}

/*
 * Binary form, version 2: int8 version, int32 number of steps, then per step (in journey order)
 * int32 length and the touchpoint's binary form. Version 1 (cxm 0.1.0) also had int8 path
 * label, int8 keep repeats and int32 path limit after the version; it is still read (the
 * options checked and left out), and it is journey_path_state's binary form.
 */
PG_FUNCTION_INFO_V1(journey_send);
Datum
journey_send(PG_FUNCTION_ARGS)
{
	Journey    *j = journey_arg_stored(fcinfo, 0);
	int			n;
	JourneyStep *steps = journey_steps(j, &n);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, JOURNEY_VERSION);
	journey_send_steps(&buf, steps, n);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

JourneyStep *
journey_recv_steps(StringInfo buf, int n, const char *type_name, const char *hint)
{
	StepReader	reader;
	int			i;

	step_reader_start(&reader);
	for (i = 0; i < n; i++)
	{
		StringInfoData one;
		int			len;
		Datum		tp;

		CHECK_FOR_INTERRUPTS();
		if (buf->len - buf->cursor < 4 ||
			(len = (int) pq_getmsgint(buf, 4)) < 0 || buf->len - buf->cursor < len)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("binary %s is truncated at step %d", type_name, i + 1),
					 errhint("%s", hint)));
		one.data = (char *) pq_getmsgbytes(buf, len);
		one.len = len;
		one.maxlen = len;
		one.cursor = 0;
		tp = DirectFunctionCall1(touchpoint_recv, PointerGetDatum(&one));
		if (one.cursor != one.len)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("binary %s step %d has %d extra bytes", type_name, i + 1,
							one.len - one.cursor),
					 errhint("%s", hint)));
		step_reader_add(&reader, tp);
	}
	return step_reader_finish(&reader);
}

PG_FUNCTION_INFO_V1(journey_recv);
Datum
journey_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				label = 0,
				repeats = 0,
				n;
	int32		limit = 0;

	if (buf->len - buf->cursor < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary journey is truncated"),
				 errhint(JOURNEY_BINARY_HINT)));
	version = pq_getmsgbyte(buf);
	if (buf->len - buf->cursor < (version == JOURNEY_V1 ? 10 : 4))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary journey is truncated"),
				 errhint(JOURNEY_BINARY_HINT)));
	if (version == JOURNEY_V1)
	{
		label = pq_getmsgbyte(buf);
		repeats = pq_getmsgbyte(buf);
		limit = (int32) pq_getmsgint(buf, 4);
	}
	n = (int) pq_getmsgint(buf, 4);
	if ((version != JOURNEY_VERSION && version != JOURNEY_V1) ||
		label > PATH_LABEL_CHANNEL_ACTION || repeats > 1 || n < 0 || limit == PG_INT32_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary journey: version %d, path label %d, repeats %d, %d steps",
						version, label, repeats, n),
				 errhint(JOURNEY_BINARY_HINT)));
	PG_RETURN_POINTER(journey_store(journey_recv_steps(buf, n, "journey", JOURNEY_BINARY_HINT),
									n));
}

int
journey_label_option(text *label, const char *what)
{
	const char *p = VARDATA_ANY(label);
	int			len = VARSIZE_ANY_EXHDR(label);

	if (len == 7 && memcmp(p, "channel", 7) == 0)
		return PATH_LABEL_CHANNEL;
	if (len == 14 && memcmp(p, "channel/action", 14) == 0)
		return PATH_LABEL_CHANNEL_ACTION;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s \"%s\" is not supported", what, cxm_quote_value(p, len)),
			 errhint("Label steps by 'channel' or by 'channel/action'.")));
	return 0;					/* not reached */
}

/* ---- accessors ---------------------------------------------------------------------------- */

/* journey = journey: the same steps */
PG_FUNCTION_INFO_V1(journey_eq);
Datum
journey_eq(PG_FUNCTION_ARGS)
{
	Journey    *a = journey_arg(fcinfo, 0);
	Journey    *b = journey_arg(fcinfo, 1);
	int			na,
				nb,
				i;
	JourneyStep *sa,
			   *sb;

	if (a->nsteps != b->nsteps || a->used != b->used)
		PG_RETURN_BOOL(false);
	sa = journey_steps(a, &na);
	sb = journey_steps(b, &nb);
	for (i = 0; i < na; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (journey_step_cmp(&sa[i], &sb[i]) != 0)
			PG_RETURN_BOOL(false);
	}
	PG_RETURN_BOOL(true);
}

PG_FUNCTION_INFO_V1(journey_length);
Datum
journey_length(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(journey_count_steps(journey_arg_stored(fcinfo, 0)));
}

/*
 * Sets *first and *last to the journey's first and last times and returns the microseconds
 * between them, or returns false for an empty journey. A span beyond int64 (4713 BC to
 * 294276 AD) is an error, as later PostgreSQL's timestamp_mi raises (15's wraps around).
 */
static bool
journey_span(FunctionCallInfo fcinfo, TimestampTz *first, TimestampTz *last, int64 *usecs)
{
	int			n;
	JourneyStep *steps = journey_arg_steps(fcinfo, 0, &n);

	if (n == 0)
		return false;
	*first = steps[0].at;
	*last = steps[n - 1].at;
	if (pg_sub_s64_overflow(*last, *first, usecs))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("interval out of range")));
	return true;
}

PG_FUNCTION_INFO_V1(journey_duration);
Datum
journey_duration(PG_FUNCTION_ARGS)
{
	TimestampTz first,
				last;
	int64		usecs;

	if (!journey_span(fcinfo, &first, &last, &usecs))
		PG_RETURN_NULL();
	return DirectFunctionCall2(timestamp_mi, TimestampTzGetDatum(last), TimestampTzGetDatum(first));
}

/* journey_duration(j) in seconds, as float8: the same NULL and the same errors */
PG_FUNCTION_INFO_V1(journey_duration_seconds);
Datum
journey_duration_seconds(PG_FUNCTION_ARGS)
{
	TimestampTz first,
				last;
	int64		usecs;

	if (!journey_span(fcinfo, &first, &last, &usecs))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(journey_usecs_seconds(usecs));
}

double
journey_usecs_seconds(int64 usecs)
{
	char		digits[32];

	/*
	 * Up to 2^53 the integer is an exact double and one IEEE division rounds correctly; beyond,
	 * (double) usecs would round first, so strtod reads the exact decimal instead.
	 */
	if (usecs >= -(INT64CONST(1) << 53) && usecs <= (INT64CONST(1) << 53))
		return (double) usecs / 1000000.0;
	snprintf(digits, sizeof(digits), INT64_FORMAT "e-6", usecs);
	return strtod(digits, NULL);
}

static Datum
end_touch(FunctionCallInfo fcinfo, bool last)
{
	int			n;
	JourneyStep *steps = journey_arg_steps(fcinfo, 0, &n);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(journey_step_touchpoint(&steps[last ? n - 1 : 0]));
}

PG_FUNCTION_INFO_V1(journey_first_touch);
Datum
journey_first_touch(PG_FUNCTION_ARGS)
{
	return end_touch(fcinfo, false);
}

PG_FUNCTION_INFO_V1(journey_last_touch);
Datum
journey_last_touch(PG_FUNCTION_ARGS)
{
	return end_touch(fcinfo, true);
}

/* steps(j): the touchpoints in journey order */
PG_FUNCTION_INFO_V1(journey_steps_srf);
Datum
journey_steps_srf(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	int			n,
				i;
	JourneyStep *steps;

	cxm_srf_begin(fcinfo, &srf);
	steps = journey_arg_steps(fcinfo, 0, &n);
	for (i = 0; i < n; i++)
	{
		Datum		value = PointerGetDatum(journey_step_touchpoint(&steps[i]));
		bool		isnull = false;

		CHECK_FOR_INTERRUPTS();
		cxm_srf_row(&srf, &value, &isnull);
		pfree(DatumGetPointer(value));
	}
	return cxm_srf_end(&srf);
}

/* sessions(j, gap): the journey split wherever consecutive steps are more than gap apart */
PG_FUNCTION_INFO_V1(journey_sessions);
Datum
journey_sessions(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	int64		gap;
	int			n,
				i,
				start = 0;
	JourneyStep *steps;

	cxm_srf_begin(fcinfo, &srf);
	gap = cxm_interval_usecs(PG_GETARG_INTERVAL_P(1), "session gap");
	steps = journey_arg_steps(fcinfo, 0, &n);
	for (i = 1; i <= n; i++)
	{
		int64		step_gap;

		CHECK_FOR_INTERRUPTS();
		/* a gap beyond int64 (4713 BC to 294276 AD) is more than any gap argument */
		if (i < n && !pg_sub_s64_overflow(steps[i].at, steps[i - 1].at, &step_gap) &&
			step_gap <= gap)
			continue;
		if (i > start)
		{
			Datum		value = PointerGetDatum(journey_store(steps + start, i - start));
			bool		isnull = false;

			/* a session can be as long as the journey: free each once stored */
			cxm_srf_row(&srf, &value, &isnull);
			pfree(DatumGetPointer(value));
		}
		start = i;
	}
	return cxm_srf_end(&srf);
}
