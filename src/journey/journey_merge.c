/*
 * journey_merge.c: merging journeys, so that stored journeys are kept current instead of built
 * again: the operators journey || journey, journey || touchpoint and touchpoint || journey, and
 * the aggregate rollup(journey). Each result is the journey journey_agg would build from all the
 * steps (duplicates kept, as journey_agg keeps them; a NULL side adds no steps, as journey_agg
 * skips NULL touchpoints).
 *
 * Both sides of || are sorted, so the result is a copy of the side that comes first followed
 * by the other when one side's steps all come after the other's (the usual refresh: new events
 * after the stored ones), and a linear merge of the two sorted runs otherwise; never a sort.
 * rollup appends each journey to its state as journey_agg's combine does and sorts at the end,
 * skipping the sort when the journeys came in time order. When a side is in the compact stored
 * form and the other's steps come after it (the usual refresh), the result is one copy of it
 * with the new steps' records appended; otherwise the two sides' steps are read in place,
 * merged the same way and written once in the compact form. Every result takes the stored form
 * that fits it (journey_store).
 */
#include "journey.h"

#include "miscadmin.h"

/*
 * a journey in the record form: version 2, sorted, no free space; the caller fills all `used`
 * bytes of records, so only the header is zeroed (a merge costs one copy of each side, not a
 * pass of zeroing besides)
 */
static Journey *
journey_new(int nsteps, Size used)
{
	Journey    *j = palloc(JOURNEY_HEADER_BYTES + used);

	memset(j, 0, JOURNEY_HEADER_BYTES);
	SET_VARSIZE(j, JOURNEY_HEADER_BYTES + used);
	j->version = JOURNEY_VERSION;
	j->flags = JOURNEY_SORTED;
	j->nsteps = nsteps;
	j->used = (int32) used;
	return j;
}

/* j sorted: itself when it is (stored journeys always are), else a sorted copy */
static Journey *
journey_sorted(Journey *j)
{
	int			n;
	JourneyStep *steps;

	if (j->flags & JOURNEY_SORTED)
		return j;
	steps = journey_steps(j, &n);
	return journey_from_steps(steps, n);
}

/* j without free space: itself when it has none, else a copy of its records */
static Journey *
journey_compact(Journey *j)
{
	Journey    *copy;

	if (VARSIZE(j) == JOURNEY_HEADER_BYTES + (Size) j->used)
		return j;
	copy = journey_new(j->nsteps, j->used);
	memcpy(copy->records, j->records, j->used);
	return copy;
}

/* the offset of the last record of a non-empty journey (a walk over the record lengths) */
static Size
last_record_offset(const Journey *j)
{
	Size		offset = 0;
	int			i;

	for (i = 0; i < j->nsteps - 1; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		offset += journey_record_size(j->records + offset);
	}
	return offset;
}

static int
record_cmp(const char *a, const char *b)
{
	JourneyStep sa,
				sb;
	TimestampTz ta,
				tb;

	/* the times decide almost always */
	memcpy(&ta, a, sizeof(TimestampTz));
	memcpy(&tb, b, sizeof(TimestampTz));
	if (ta != tb)
		return ta < tb ? -1 : 1;
	journey_read_record(a, &sa);
	journey_read_record(b, &sb);
	return journey_step_cmp(&sa, &sb);
}

/*
 * The merge of two sorted journeys. Equal steps are the same bytes (time, channel, action), so
 * which side an equal step is taken from does not show.
 */
static Journey *
journey_merge_sorted(Journey *a, Journey *b)
{
	Journey    *r;
	const char *pa,
			   *pb,
			   *end_a,
			   *end_b;
	char	   *out;
	int			i = 0;

	if (b->nsteps == 0)
		return journey_compact(a);
	if (a->nsteps == 0)
		return journey_compact(b);
	journey_check_step_limit((int64) a->nsteps + b->nsteps);
	r = journey_new(a->nsteps + b->nsteps, (Size) a->used + b->used);

	/* b after a: append */
	if (record_cmp(a->records + last_record_offset(a), b->records) <= 0)
	{
		memcpy(r->records, a->records, a->used);
		memcpy(r->records + a->used, b->records, b->used);
		return r;
	}
	/* a after b: prepend */
	if (record_cmp(b->records + last_record_offset(b), a->records) <= 0)
	{
		memcpy(r->records, b->records, b->used);
		memcpy(r->records + b->used, a->records, a->used);
		return r;
	}
	/* interleaved: merge the two runs */
	pa = a->records;
	pb = b->records;
	end_a = pa + a->used;
	end_b = pb + b->used;
	out = r->records;
	while (pa < end_a && pb < end_b)
	{
		const char **from = record_cmp(pa, pb) <= 0 ? &pa : &pb;
		Size		size = journey_record_size(*from);

		if ((++i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		memcpy(out, *from, size);
		out += size;
		*from += size;
	}
	memcpy(out, pa, end_a - pa);
	out += end_a - pa;
	memcpy(out, pb, end_b - pb);
	return r;
}

/*
 * The merge of two journeys of which one at least is compact, in the form journey_store gives: their steps
 * (in journey order, read in place) appended when one side comes after the other, else merged.
 */
static Journey *
journey_merge_steps(const Journey *a, const Journey *b)
{
	int			na,
				nb,
				i = 0,
				j = 0,
				k = 0;
	JourneyStep *sa,
			   *sb = journey_steps(b, &nb);
	JourneyStep *out;

	/* the usual refresh: new steps after a stored compact journey's, appended to one copy */
	if (nb > 0 && journey_is_compact(a) && journey_compact_is_sorted(a))
	{
		Journey    *r = journey_compact_append_sorted(a, sb, nb);

		if (r != NULL)
		{
			journey_check_step_limit((int64) journey_compact_nsteps(a) + nb);
			return r;
		}
	}
	sa = journey_steps(a, &na);
	if (nb == 0)
		return journey_store(sa, na);
	if (na == 0)
		return journey_store(sb, nb);
	journey_check_step_limit((int64) na + nb);
	out = palloc(((Size) na + nb) * sizeof(JourneyStep));
	if (journey_step_cmp(&sa[na - 1], &sb[0]) <= 0)
	{
		memcpy(out, sa, na * sizeof(JourneyStep));
		memcpy(out + na, sb, nb * sizeof(JourneyStep));
		return journey_store(out, na + nb);
	}
	if (journey_step_cmp(&sb[nb - 1], &sa[0]) <= 0)
	{
		memcpy(out, sb, nb * sizeof(JourneyStep));
		memcpy(out + nb, sa, na * sizeof(JourneyStep));
		return journey_store(out, na + nb);
	}
	while (i < na && j < nb)
	{
		if ((++k & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		out[k - 1] = journey_step_cmp(&sa[i], &sb[j]) <= 0 ? sa[i++] : sb[j++];
	}
	while (i < na)
		out[k++] = sa[i++];
	while (j < nb)
		out[k++] = sb[j++];
	return journey_store(out, na + nb);
}

/* journey || journey: the steps of both, in journey order (NULL adds no steps) */
PG_FUNCTION_INFO_V1(journey_merge);
Datum
journey_merge(PG_FUNCTION_ARGS)
{
	Journey    *a,
			   *b;

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
	{
		Journey    *j = journey_arg_stored(fcinfo, PG_ARGISNULL(0) ? 1 : 0);

		/* a stored compact journey is already in its stored form */
		if (journey_is_compact(j) && journey_compact_is_sorted(j))
			PG_RETURN_POINTER(j);
		PG_RETURN_POINTER(journey_stored_form(journey_compact(journey_sorted(journey_record_form(j)))));
	}
	a = journey_arg_stored(fcinfo, 0);
	b = journey_arg_stored(fcinfo, 1);
	if (journey_is_compact(a) || journey_is_compact(b))
		PG_RETURN_POINTER(journey_merge_steps(a, b));
	PG_RETURN_POINTER(journey_stored_form(journey_merge_sorted(journey_sorted(a), journey_sorted(b))));
}

/* the journey of one touchpoint */
static Journey *
touchpoint_journey(struct varlena *tp)
{
	TouchpointView v;
	JourneyStep step;

	touchpoint_view(tp, &v);
	step.at = v.occurred_at;
	step.channel = v.channel;
	step.channel_len = v.channel_len;
	step.action = v.action;
	step.action_len = v.action_len;
	return journey_from_steps(&step, 1);
}

/*
 * journey || touchpoint and touchpoint || journey: the journey with the touchpoint added (a NULL
 * touchpoint adds nothing; a NULL journey has no steps)
 */
static Datum
journey_add_touchpoint(FunctionCallInfo fcinfo, int journey_argno, int touchpoint_argno)
{
	Journey    *j;

	if (PG_ARGISNULL(journey_argno))
	{
		if (PG_ARGISNULL(touchpoint_argno))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(journey_stored_form(touchpoint_journey(PG_GETARG_TOUCHPOINT_P(touchpoint_argno))));
	}
	j = journey_arg_stored(fcinfo, journey_argno);
	if (PG_ARGISNULL(touchpoint_argno))
	{
		/* a stored compact journey is already in its stored form */
		if (journey_is_compact(j) && journey_compact_is_sorted(j))
			PG_RETURN_POINTER(j);
		PG_RETURN_POINTER(journey_stored_form(journey_compact(journey_sorted(journey_record_form(j)))));
	}
	if (journey_is_compact(j))
		PG_RETURN_POINTER(journey_merge_steps(j, touchpoint_journey(PG_GETARG_TOUCHPOINT_P(touchpoint_argno))));
	PG_RETURN_POINTER(journey_stored_form(journey_merge_sorted(journey_sorted(j),
															   touchpoint_journey(PG_GETARG_TOUCHPOINT_P(touchpoint_argno)))));
}

PG_FUNCTION_INFO_V1(journey_append);
Datum
journey_append(PG_FUNCTION_ARGS)
{
	return journey_add_touchpoint(fcinfo, 0, 1);
}

PG_FUNCTION_INFO_V1(journey_prepend);
Datum
journey_prepend(PG_FUNCTION_ARGS)
{
	return journey_add_touchpoint(fcinfo, 1, 0);
}

/*
 * rollup(journey)'s transition and combine function: appends the journey (or partial state)
 * to the state, in place in the aggregate, as journey_agg's combine does; NULL is skipped.
 */
PG_FUNCTION_INFO_V1(journey_rollup_trans);
Datum
journey_rollup_trans(PG_FUNCTION_ARGS)
{
	cxm_require_aggregate(fcinfo, "journey_rollup_trans", "rollup(j) (or merge two journeys with j1 || j2)");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(journey_arg(fcinfo, 1));	/* the executor copies it into the state */
	PG_RETURN_POINTER(journey_builder_merge(fcinfo, journey_arg(fcinfo, 0),
											journey_arg(fcinfo, 1), JOURNEY_HEADER_BYTES));
}

static int
step_qsort_cmp(const void *a, const void *b)
{
	return journey_step_cmp((const JourneyStep *) a, (const JourneyStep *) b);
}

/*
 * rollup(journey)'s final function: the state in journey order, sorted only when the journeys
 * did not come in time order (journeys of consecutive periods, say, need no sort).
 */
PG_FUNCTION_INFO_V1(journey_rollup_final);
Datum
journey_rollup_final(PG_FUNCTION_ARGS)
{
	Journey    *j = journey_arg(fcinfo, 0);
	JourneyStep *steps;
	int			n,
				i;
	Journey    *r;

	if (j->flags & JOURNEY_SORTED)
	{
		r = journey_new(j->nsteps, j->used);
		memcpy(r->records, j->records, j->used);
		PG_RETURN_POINTER(journey_stored_form(r));
	}
	steps = journey_records_steps(j->records, j->nsteps, true, &n);
	for (i = 1; i < n; i++)
	{
		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (journey_step_cmp(&steps[i - 1], &steps[i]) > 0)
		{
			qsort(steps, n, sizeof(JourneyStep), step_qsort_cmp);
			break;
		}
	}
	PG_RETURN_POINTER(journey_store(steps, n));
}
