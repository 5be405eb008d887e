/*
 * journey_compact.c: the compact form of a journey (journey format version 3): journey_agg's
 * working state, and the stored form of every journey that fits it.
 * A GROUP BY customer holds one state per customer at once, so a state's size is what the
 * aggregate costs: a step record of the record form (20 bytes for a ten-step journey of short
 * labels) made the state of a ten-step journey larger than the whole hash entry of count(*).
 *
 * The compact form is a journey varlena (the version byte where a journey has it) holding
 *   a 14-byte header: capacity (varlena length; a stored journey has none to spare), version 3,
 *   time unit (and flags: COMPACT_SHARED_LABELS, COMPACT_SORTED), number of distinct
 *   channels and of distinct actions, uint16 dictionary bytes, uint16 steps, uint16 step bytes;
 *   the dictionary: each distinct channel, then each distinct action, in order of first
 *   arrival, as a length byte and the label's bytes;
 *   the steps in arrival order (journey order when stored): a label byte (channel index << 4 | action index + 1, 0 for no
 *   action), then the time as a zigzag varint in the state's unit (1 s, 1 ms or 1 µs, the
 *   coarsest that divides every time): the first step's absolute, the others' the difference
 *   from the first step's.
 * In a plain hash aggregation the states share one dictionary instead (journey_dict.c): the
 * header's four bytes from the channel count hold its id, and a step is its time, then its
 * label's index in that dictionary, both varints.
 * Steps are appended in place; the state is rebuilt only when it grows (to a power of two, the
 * size PostgreSQL's allocator gives it anyway), when a time needs a finer unit, or, past 16
 * channels, 15 actions or COMPACT_MAX_BYTES, into the record form (version 2,
 * unsorted), which the builder of journey.c extends from then on. A ten-step journey of six
 * short channel names and three actions, times in whole seconds over 11 days, takes about 100
 * bytes with its own dictionary and 56 with the shared one (record form: 205).
 *
 * Stored, a journey takes this form when it fits (journey_compact_store): its own dictionary,
 * the steps in journey order (flag COMPACT_SORTED in the unit byte) and no spare capacity. A
 * ten-step journey of short labels takes about 95 bytes instead of version 2's 205, so a table
 * of journeys is about half the size, and a scan reads half the memory. Readers that work on
 * version-2 records get a copy from journey_arg; those that take the steps read them in place
 * (journey_compact_open and journey_compact_next in journey.h, journey_arg_steps).
 */
#include "journey.h"

#include "miscadmin.h"

typedef struct CompactJourney
{
	int32		vl_len_;		/* capacity */
	uint8		version;		/* JOURNEY_COMPACT_VERSION */
	uint8		unit;			/* index into compact_units, | COMPACT_SHARED_LABELS */
	uint8		nchannels;
	uint8		nactions;
	uint16		dict_bytes;
	uint16		nsteps;
	uint16		step_bytes;
	char		data[FLEXIBLE_ARRAY_MEMBER];	/* dictionary, then steps */
} CompactJourney;

#define COMPACT_HEADER_BYTES offsetof(CompactJourney, data)
/*
 * The labels are in the dictionary the aggregation's states share (journey_dict.c): the four
 * header bytes of the counts of channels and actions and the dictionary's size hold its id
 * instead (the state has no dictionary), and each step's time is followed by its label as a
 * varint index into that dictionary.
 */
#define COMPACT_SHARED_LABELS 0x80
/* a stored journey: its steps are in journey order (a working state's are in arrival order) */
#define COMPACT_SORTED 0x40
#define COMPACT_UNIT_MASK 0x3F
#define DICT_BYTES(s) (((s)->unit & COMPACT_SHARED_LABELS) ? 0 : (Size) (s)->dict_bytes)

StaticAssertDecl(offsetof(CompactJourney, nactions) == offsetof(CompactJourney, nchannels) + 1 &&
				 offsetof(CompactJourney, dict_bytes) == offsetof(CompactJourney, nchannels) + 2 &&
				 offsetof(CompactJourney, nsteps) == offsetof(CompactJourney, nchannels) + 4,
				 "a shared-labels state's dictionary id takes the four bytes from nchannels");
#define COMPACT_MAX_CHANNELS 16
#define COMPACT_MAX_ACTIONS 15
/* keeps every count and offset within uint16; a longer journey takes the record form */
#define COMPACT_MAX_BYTES 32768
#define COMPACT_MIN_BYTES 32
/* the largest size a new state starts at (growth doubles it) */
#define COMPACT_MAX_INITIAL_BYTES 256

StaticAssertDecl(COMPACT_MAX_BYTES / 2 == JOURNEY_COMPACT_MAX_STEPS,
				 "a compact step takes two bytes or more");
StaticAssertDecl(offsetof(CompactJourney, version) == offsetof(Journey, version),
				 "the compact form keeps the journey's version byte");

static const int64 compact_units[] = {1, 1000, 1000000};

#define COMPACT_COARSEST_UNIT (lengthof(compact_units) - 1)

/* ---- varints ------------------------------------------------------------------------------ */

static inline uint64
zigzag(int64 v)
{
	return ((uint64) v << 1) ^ (uint64) (v >> 63);
}

static inline int64
unzigzag(uint64 u)
{
	return (int64) (u >> 1) ^ -(int64) (u & 1);
}

static inline int
varint_size(uint64 v)
{
	int			n = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		n++;
	}
	return n;
}

static inline int
varint_put(char *p, uint64 v)
{
	int			n = 0;

	while (v >= 0x80)
	{
		p[n++] = (char) (v | 0x80);
		v >>= 7;
	}
	p[n++] = (char) v;
	return n;
}

/* reads a varint at *p (not past end), advancing *p; false when it is cut off or too long */
static inline bool
varint_get(const char **p, const char *end, uint64 *v)
{
	uint64		result = 0;
	int			shift;

	for (shift = 0; shift < 64 && *p < end; shift += 7)
	{
		uint8		byte = (uint8) *(*p)++;

		result |= (uint64) (byte & 0x7F) << shift;
		if ((byte & 0x80) == 0)
		{
			*v = result;
			return true;
		}
	}
	return false;
}

/*
 * The value stored for time `at` in unit `unit`: relative to the first step's time (first_units,
 * in the unit) for every step but the first. The difference wraps around in uint64, which the
 * reader undoes exactly, so no time is out of range.
 */
static inline uint64
time_code(TimestampTz at, int64 unit, bool first, int64 first_units)
{
	int64		units = at / unit;

	return zigzag(first ? units : (int64) ((uint64) units - (uint64) first_units));
}

/* ---- decoding ----------------------------------------------------------------------------- */

static void
compact_corrupted(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("journey value is corrupted: its %s is invalid", what)));
}

/* a compact state's dictionary: pointers into the state */
typedef struct CompactDict
{
	const char *channel[COMPACT_MAX_CHANNELS];
	uint8		channel_len[COMPACT_MAX_CHANNELS];
	const char *action[COMPACT_MAX_ACTIONS];
	uint8		action_len[COMPACT_MAX_ACTIONS];
} CompactDict;

static void
compact_check_header(const CompactJourney *s)
{
	if (VARSIZE(s) < COMPACT_HEADER_BYTES ||
		COMPACT_HEADER_BYTES + DICT_BYTES(s) + s->step_bytes > VARSIZE(s) ||
		(s->unit & COMPACT_UNIT_MASK) > COMPACT_COARSEST_UNIT ||
		(!(s->unit & COMPACT_SHARED_LABELS) &&
		 (s->nchannels > COMPACT_MAX_CHANNELS || s->nactions > COMPACT_MAX_ACTIONS)))
		compact_corrupted("header");
}

static void
compact_read_dict(const CompactJourney *s, CompactDict *dict)
{
	const char *p = s->data;
	const char *end = s->data + s->dict_bytes;
	int			i;

	for (i = 0; i < s->nchannels + s->nactions; i++)
	{
		uint8		len;

		if (p >= end || (len = (uint8) *p) > end - p - 1)
			compact_corrupted("dictionary");
		if (i < s->nchannels)
		{
			dict->channel[i] = p + 1;
			dict->channel_len[i] = len;
		}
		else
		{
			dict->action[i - s->nchannels] = p + 1;
			dict->action_len[i - s->nchannels] = len;
		}
		p += 1 + len;
	}
	if (p != end)
		compact_corrupted("dictionary");
}

/* the shared dictionary of a state whose labels are in one */
static JourneyDict *
compact_shared_dict(const CompactJourney *s)
{
	uint32		id;

	memcpy(&id, &s->nchannels, sizeof(id));
	return journey_dict_find(id);
}

/*
 * The steps of compact journey s as held (pointers into s): arrival order in a working state,
 * journey order in a stored journey (COMPACT_SORTED). Checked: every label index
 * in the dictionary, every time within the steps' bytes, as many steps as the header says.
 */
static JourneyStep *
compact_steps(const CompactJourney *s, int *n)
{
	CompactDict dict;
	JourneyDict *shared = NULL;
	JourneyStep *steps;
	const char *p,
			   *end;
	int64		unit,
				first_units = 0;
	int			i;

	compact_check_header(s);
	if (s->unit & COMPACT_SHARED_LABELS)
		shared = compact_shared_dict(s);
	else
		compact_read_dict(s, &dict);
	unit = compact_units[s->unit & COMPACT_UNIT_MASK];
	steps = palloc(Max(s->nsteps, 1) * sizeof(JourneyStep));
	p = s->data + DICT_BYTES(s);
	end = p + s->step_bytes;
	for (i = 0; i < s->nsteps; i++)
	{
		uint8		label;
		int			channel,
					action;
		uint64		code,
					label_index;
		int64		units;

		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		if (shared != NULL)
		{
			const JourneyStep *l;

			if (!varint_get(&p, end, &code) || !varint_get(&p, end, &label_index))
				compact_corrupted("steps");
			l = journey_dict_label(shared, label_index);
			steps[i] = *l;
			units = unzigzag(code);
			if (i == 0)
				first_units = units;
			else
				units = (int64) ((uint64) first_units + (uint64) units);
			steps[i].at = units * unit;
			continue;
		}
		if (p >= end)
			compact_corrupted("steps");
		label = (uint8) *p++;
		channel = label >> 4;
		action = label & 0x0F;
		if (channel >= s->nchannels || action > s->nactions || !varint_get(&p, end, &code))
			compact_corrupted("steps");
		units = unzigzag(code);
		if (i == 0)
			first_units = units;
		else
			units = (int64) ((uint64) first_units + (uint64) units);
		steps[i].at = units * unit;
		steps[i].channel = dict.channel[channel];
		steps[i].channel_len = dict.channel_len[channel];
		steps[i].action = action > 0 ? dict.action[action - 1] : NULL;
		steps[i].action_len = action > 0 ? dict.action_len[action - 1] : 0;
	}
	if (p != end)
		compact_corrupted("steps");
	*n = s->nsteps;
	return steps;
}

bool
journey_is_compact(const Journey *j)
{
	return j->version == JOURNEY_COMPACT_VERSION;
}

JourneyStep *
journey_compact_steps(const Journey *j, int *n)
{

	return compact_steps((const CompactJourney *) j, n);
}

Journey *
journey_compact_expand(const Journey *j)
{
	int			n;
	JourneyStep *steps = compact_steps((const CompactJourney *) j, &n);
	Journey    *flat = journey_from_steps(steps, n);

	if (n > 1 && !journey_compact_is_sorted(j))
		flat->flags &= ~JOURNEY_SORTED;	/* the records are in arrival order */
	pfree(steps);
	return flat;
}

/* ---- building ----------------------------------------------------------------------------- */

static int
dict_find(const char *const *labels, const uint8 *lens, int n, const char *label, int len)
{
	int			i;

	for (i = 0; i < n; i++)
		if (lens[i] == len && memcmp(labels[i], label, len) == 0)
			return i;
	return -1;
}

static Size
power_of_two_at_least(Size bytes)
{
	Size		size = COMPACT_MIN_BYTES;

	while (size < bytes)
		size *= 2;
	return size;
}

/*
 * A compact state of the n steps (arrival order) with room for at least min_capacity bytes,
 * its labels in shared (when not NULL) or in its own dictionary; NULL when they need more than
 * 16 channels, 15 actions or COMPACT_MAX_BYTES.
 */
static CompactJourney *
compact_from_steps(const JourneyStep *steps, int n, Size min_capacity, JourneyDict *shared)
{
	CompactDict dict;
	uint32	   *labels = palloc(Max(n, 1) * sizeof(uint32));
	int			nchannels = 0,
				nactions = 0,
				unit = COMPACT_COARSEST_UNIT,
				i;
	Size		dict_bytes = 0,
				step_bytes = 0,
				capacity;
	int64		first_units;
	CompactJourney *s;
	char	   *p;

	for (i = 0; i < n; i++)
	{
		int			channel,
					action = 0;

		if ((i & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
		while (steps[i].at % compact_units[unit] != 0)
			unit--;
		if (shared != NULL)
		{
			labels[i] = (uint32) journey_dict_index(shared, steps[i].channel, steps[i].channel_len,
													steps[i].action, steps[i].action_len);
			continue;
		}
		channel = dict_find(dict.channel, dict.channel_len, nchannels, steps[i].channel,
							steps[i].channel_len);
		if (channel < 0)
		{
			if (nchannels == COMPACT_MAX_CHANNELS)
			{
				pfree(labels);
				return NULL;
			}
			channel = nchannels++;
			dict.channel[channel] = steps[i].channel;
			dict.channel_len[channel] = (uint8) steps[i].channel_len;
			dict_bytes += 1 + steps[i].channel_len;
		}
		if (steps[i].action != NULL)
		{
			action = dict_find(dict.action, dict.action_len, nactions, steps[i].action,
							   steps[i].action_len);
			if (action < 0)
			{
				if (nactions == COMPACT_MAX_ACTIONS)
				{
					pfree(labels);
					return NULL;
				}
				action = nactions++;
				dict.action[action] = steps[i].action;
				dict.action_len[action] = (uint8) steps[i].action_len;
				dict_bytes += 1 + steps[i].action_len;
			}
			action++;
		}
		labels[i] = (uint32) (channel << 4 | action);
	}
	first_units = n > 0 ? steps[0].at / compact_units[unit] : 0;
	for (i = 0; i < n; i++)
	{
		step_bytes += (shared != NULL ? varint_size(labels[i]) : 1) +
			varint_size(time_code(steps[i].at, compact_units[unit], i == 0, first_units));
		if (COMPACT_HEADER_BYTES + dict_bytes + step_bytes > COMPACT_MAX_BYTES)
		{
			pfree(labels);
			return NULL;
		}
	}

	capacity = power_of_two_at_least(Max(min_capacity,
										 COMPACT_HEADER_BYTES + dict_bytes + step_bytes));
	s = palloc(capacity);
	SET_VARSIZE(s, capacity);
	s->version = JOURNEY_COMPACT_VERSION;
	s->unit = (uint8) (unit | (shared != NULL ? COMPACT_SHARED_LABELS : 0));
	s->nchannels = (uint8) nchannels;
	s->nactions = (uint8) nactions;
	s->nsteps = (uint16) n;
	s->dict_bytes = (uint16) dict_bytes;
	s->step_bytes = (uint16) step_bytes;
	if (shared != NULL)
	{
		uint32		id = journey_dict_id(shared);

		memcpy(&s->nchannels, &id, sizeof(id));
	}
	p = s->data;
	for (i = 0; i < nchannels + nactions; i++)
	{
		const char *label = i < nchannels ? dict.channel[i] : dict.action[i - nchannels];
		uint8		len = i < nchannels ? dict.channel_len[i] : dict.action_len[i - nchannels];

		*p++ = (char) len;
		memcpy(p, label, len);
		p += len;
	}
	for (i = 0; i < n; i++)
	{
		if (shared != NULL)
		{
			p += varint_put(p, time_code(steps[i].at, compact_units[unit], i == 0, first_units));
			p += varint_put(p, labels[i]);
			continue;
		}
		*p++ = (char) labels[i];
		p += varint_put(p, time_code(steps[i].at, compact_units[unit], i == 0, first_units));
	}
	Assert(p == s->data + dict_bytes + step_bytes);
	pfree(labels);
	return s;
}

/*
 * The size a new state starts at: room for the steps the planner expects per group, each
 * guessed from the first (its label byte and time, two bytes shorter as a difference, and a
 * quarter of its dictionary entries, since later steps mostly repeat labels), as a power of two
 * up to COMPACT_MAX_INITIAL_BYTES. A guess too small costs a rebuild; one too large, memory.
 */
static Size
compact_initial_bytes(double expected, const CompactJourney *s)
{
	double		later = Max((double) s->step_bytes - 2, 2) +
		((s->unit & COMPACT_SHARED_LABELS) ? 0 : s->dict_bytes / 4.0);
	double		need = COMPACT_HEADER_BYTES + DICT_BYTES(s) + s->step_bytes +
		(expected - 1) * later;

	if (expected <= 1)
		return COMPACT_MIN_BYTES;
	return power_of_two_at_least((Size) Min(need, COMPACT_MAX_INITIAL_BYTES));
}

/*
 * Adds touchpoint v to s by rebuilding it (a new state, larger, or in a finer time unit), or
 * into the record form when the compact form cannot hold it.
 */
static Journey *
compact_rebuild_append(FunctionCallInfo fcinfo, CompactJourney *s, struct varlena *tp,
					   const TouchpointView *v)
{
	int			n;
	JourneyStep *steps = compact_steps(s, &n);
	CompactJourney *bigger;

	steps = repalloc(steps, (n + 1) * sizeof(JourneyStep));
	steps[n].at = v->occurred_at;
	steps[n].channel = v->channel;
	steps[n].channel_len = v->channel_len;
	steps[n].action = v->action;
	steps[n].action_len = v->action ? v->action_len : 0;
	/* capacities are powers of two: growing doubles, a finer unit alone keeps the size */
	bigger = compact_from_steps(steps, n + 1, VARSIZE(s),
								(s->unit & COMPACT_SHARED_LABELS) ? compact_shared_dict(s) : NULL);
	if (bigger == NULL)
	{
		/* the record form from here on */
		Journey    *flat = journey_from_steps(steps, n);

		flat->flags &= ~JOURNEY_SORTED;
		pfree(steps);
		return journey_builder_append(fcinfo, flat, JOURNEY_HEADER_BYTES, JOURNEY_VERSION, tp);
	}
	pfree(steps);
	return (Journey *) bigger;
}

/* journey_compact_append for a state whose labels are in the shared dictionary */
static Journey *
shared_append(FunctionCallInfo fcinfo, CompactJourney *s, struct varlena *tp,
			  const TouchpointView *v)
{
	JourneyDict *dict = compact_shared_dict(s);
	int64		unit = compact_units[s->unit & COMPACT_UNIT_MASK];
	const char *p = s->data + DICT_BYTES(s);
	uint64		code,
				label;
	char	   *w;

	if (!varint_get(&p, p + s->step_bytes, &code))
		compact_corrupted("steps");
	if (v->occurred_at % unit != 0)
		return compact_rebuild_append(fcinfo, s, tp, v);
	label = (uint64) journey_dict_index(dict, v->channel, v->channel_len, v->action,
										v->action_len);
	code = time_code(v->occurred_at, unit, false, unzigzag(code));
	if (COMPACT_HEADER_BYTES + DICT_BYTES(s) + s->step_bytes + varint_size(code) +
		varint_size(label) > VARSIZE(s))
		return compact_rebuild_append(fcinfo, s, tp, v);
	w = s->data + DICT_BYTES(s) + s->step_bytes;
	w += varint_put(w, code);
	w += varint_put(w, label);
	s->step_bytes = (uint16) (w - (s->data + DICT_BYTES(s)));
	s->nsteps++;
	return (Journey *) s;
}

Journey *
journey_compact_append(FunctionCallInfo fcinfo, Journey *state, struct varlena *tp)
{
	CompactJourney *s = (CompactJourney *) state;
	TouchpointView v;
	char	   *data;
	const char *p;
	const char *channel_end;
	int			channel = -1,
				action = 0,
				i;
	int64		unit,
				first_units;
	uint64		code;
	Size		add;

	touchpoint_view(tp, &v);
	if (s == NULL)
	{
		JourneyStep step;
		CompactJourney *one;
		Size		size;
		double		expected;
		JourneyDict *dict = journey_dict_for_call(fcinfo, &expected);

		step.at = v.occurred_at;
		step.channel = v.channel;
		step.channel_len = v.channel_len;
		step.action = v.action;
		step.action_len = v.action ? v.action_len : 0;

		one = compact_from_steps(&step, 1, COMPACT_MIN_BYTES, dict);
		size = compact_initial_bytes(expected, one);
		if (size > VARSIZE(one))
		{
			CompactJourney *room = palloc(size);

			memcpy(room, one, COMPACT_HEADER_BYTES + DICT_BYTES(one) + one->step_bytes);
			SET_VARSIZE(room, size);
			pfree(one);
			one = room;
		}
		return (Journey *) one;
	}

	journey_check_step_limit((int64) s->nsteps + 1);
	compact_check_header(s);
	data = s->data;
	if (s->unit & COMPACT_SHARED_LABELS)
		return shared_append(fcinfo, s, tp, &v);

	/* the labels' dictionary indexes; the end of the channels' entries */
	p = data;
	for (i = 0; i < s->nchannels; i++)
	{
		uint8		len = (uint8) *p;

		if (channel < 0 && len == v.channel_len && memcmp(p + 1, v.channel, len) == 0)
			channel = i;
		p += 1 + len;
	}
	channel_end = p;
	if (v.action != NULL)
	{
		for (i = 0; i < s->nactions; i++)
		{
			uint8		len = (uint8) *p;

			if (len == v.action_len && memcmp(p + 1, v.action, len) == 0)
			{
				action = i + 1;
				break;
			}
			p += 1 + len;
		}
	}

	/* the time, relative to the first step's (read from the first step) */
	unit = compact_units[s->unit & COMPACT_UNIT_MASK];
	p = data + s->dict_bytes + 1;
	if (s->nsteps == 0 || !varint_get(&p, data + s->dict_bytes + s->step_bytes, &code))
		compact_corrupted("steps");
	first_units = unzigzag(code);

	add = 1 + (channel < 0 ? 1 + v.channel_len : 0) +
		(v.action != NULL && action == 0 ? 1 + v.action_len : 0);
	if (v.occurred_at % unit != 0 ||
		(channel < 0 && s->nchannels == COMPACT_MAX_CHANNELS) ||
		(v.action != NULL && action == 0 && s->nactions == COMPACT_MAX_ACTIONS))
		return compact_rebuild_append(fcinfo, s, tp, &v);
	code = time_code(v.occurred_at, unit, false, first_units);
	add += varint_size(code);
	if (COMPACT_HEADER_BYTES + (Size) s->dict_bytes + s->step_bytes + add > VARSIZE(s))
		return compact_rebuild_append(fcinfo, s, tp, &v);

	/* in place: new dictionary entries (moving what follows them), then the step */
	if (channel < 0)
	{
		Size		offset = channel_end - data;
		Size		entry = 1 + v.channel_len;

		memmove(data + offset + entry, data + offset, s->dict_bytes - offset + s->step_bytes);
		data[offset] = (char) v.channel_len;
		memcpy(data + offset + 1, v.channel, v.channel_len);
		s->dict_bytes += entry;
		channel = s->nchannels++;
	}
	if (v.action != NULL && action == 0)
	{
		Size		entry = 1 + v.action_len;

		memmove(data + s->dict_bytes + entry, data + s->dict_bytes, s->step_bytes);
		data[s->dict_bytes] = (char) v.action_len;
		memcpy(data + s->dict_bytes + 1, v.action, v.action_len);
		s->dict_bytes += entry;
		action = ++s->nactions;
	}
	data += s->dict_bytes + s->step_bytes;
	*data = (char) (channel << 4 | action);
	s->step_bytes += 1 + varint_put(data + 1, code);
	s->nsteps++;
	return (Journey *) s;
}

/* ---- the stored form ---------------------------------------------------------------------- */

Journey *
journey_compact_store(const JourneyStep *steps, int n)
{
	CompactJourney *s = compact_from_steps(steps, n, 0, NULL);

	if (s == NULL)
		return NULL;
	s->unit |= COMPACT_SORTED;
	SET_VARSIZE(s, COMPACT_HEADER_BYTES + s->dict_bytes + s->step_bytes);
	return (Journey *) s;
}

bool
journey_compact_is_sorted(const Journey *j)
{
	return (((const CompactJourney *) j)->unit & COMPACT_SORTED) != 0;
}

int
journey_compact_nsteps(const Journey *j)
{
	compact_check_header((const CompactJourney *) j);
	return ((const CompactJourney *) j)->nsteps;
}

void
journey_compact_cut_off(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("journey value is corrupted: its steps are invalid")));
}

bool
journey_compact_open(const Journey *j, CompactReader *r)
{
	const CompactJourney *s = (const CompactJourney *) j;
	CompactDict dict;
	int			i;

	compact_check_header(s);
	if ((s->unit & COMPACT_SHARED_LABELS) || !(s->unit & COMPACT_SORTED))
		return false;
	compact_read_dict(s, &dict);
	r->nchannels = s->nchannels;
	r->nactions = s->nactions;
	for (i = 0; i < s->nchannels; i++)
	{
		r->channel[i] = dict.channel[i];
		r->channel_len[i] = dict.channel_len[i];
	}
	for (i = 0; i < s->nactions; i++)
	{
		r->action[i] = dict.action[i];
		r->action_len[i] = dict.action_len[i];
	}
	r->unit = compact_units[s->unit & COMPACT_UNIT_MASK];
	r->first_units = 0;
	r->p = s->data + s->dict_bytes;
	r->end = r->p + s->step_bytes;
	r->i = 0;
	r->n = s->nsteps;
	return true;
}

/*
 * Stored compact journey a with the n steps (in journey order) appended, when they all come at
 * or after a's last step: a copy of a's bytes followed by the new steps' records, so appending
 * costs the new steps and one copy, whatever a's length. NULL when the append cannot be done
 * that way: a step before a's last, a label a's dictionary lacks, a time finer than a's unit,
 * or a result beyond the compact form's size.
 */
Journey *
journey_compact_append_sorted(const Journey *a, const JourneyStep *steps, int n)
{
	const CompactJourney *s = (const CompactJourney *) a;
	CompactReader r;
	CompactJourney *out;
	uint8		label = 0;
	uint8	   *labels;
	TimestampTz at = 0;
	JourneyStep last;
	int64		unit;
	Size		bytes = 0,
				old_bytes;
	char	   *p;
	int			i;

	if (!journey_compact_open(a, &r) || n <= 0 || r.n == 0 ||
		(int64) r.n + n > JOURNEY_COMPACT_MAX_STEPS)
		return NULL;
	/* a's last step: a walk over the varints, no decoding into an array */
	for (i = 0; journey_compact_next(&r, &label, &at); i++)
		if ((i & 0x0FFF) == 0)
			CHECK_FOR_INTERRUPTS();
	last.at = at;
	last.channel = r.channel[label >> 4];
	last.channel_len = r.channel_len[label >> 4];
	last.action = (label & 0x0F) ? r.action[(label & 0x0F) - 1] : NULL;
	last.action_len = (label & 0x0F) ? r.action_len[(label & 0x0F) - 1] : 0;
	if (journey_step_cmp(&last, &steps[0]) > 0)
		return NULL;
	unit = r.unit;
	labels = palloc(n);
	for (i = 0; i < n; i++)
	{
		int			channel,
					action = 0;

		if ((i & 0x0FFF) == 0)
			CHECK_FOR_INTERRUPTS();
		channel = dict_find(r.channel, r.channel_len, r.nchannels, steps[i].channel,
							steps[i].channel_len);
		if (steps[i].action != NULL)
		{
			action = dict_find(r.action, r.action_len, r.nactions, steps[i].action,
							   steps[i].action_len);
			action = action < 0 ? -1 : action + 1;
		}
		if (channel < 0 || action < 0 || steps[i].at % unit != 0)
		{
			pfree(labels);
			return NULL;
		}
		labels[i] = (uint8) (channel << 4 | action);
		bytes += 1 + varint_size(time_code(steps[i].at, unit, false, r.first_units));
	}
	old_bytes = COMPACT_HEADER_BYTES + s->dict_bytes + s->step_bytes;
	if (old_bytes + bytes > COMPACT_MAX_BYTES)
	{
		pfree(labels);
		return NULL;
	}
	out = palloc(old_bytes + bytes);
	memcpy(out, s, old_bytes);
	SET_VARSIZE(out, old_bytes + bytes);
	p = (char *) out + old_bytes;
	for (i = 0; i < n; i++)
	{
		*p++ = (char) labels[i];
		p += varint_put(p, time_code(steps[i].at, unit, false, r.first_units));
	}
	out->nsteps = (uint16) (s->nsteps + n);
	out->step_bytes = (uint16) (s->step_bytes + bytes);
	pfree(labels);
	return (Journey *) out;
}
