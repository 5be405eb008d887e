/*
 * shapley.c: data-driven attribution by Shapley values over channel sets. The aggregate
 * shapley_attribution(j, converted [, value]) counts journeys, conversions and value per
 * distinct set of channels (a bitmask over a sorted channel dictionary) into a shapley_model.
 *
 * The game (Zhao et al., "Shapley Value Methods for Attribution Modeling in Online
 * Advertising", 2018, arXiv:1804.05327): the worth v(T) of a coalition T of channels is the
 * number (or value) of conversions of the journeys whose channel set is a subset of T. Writing
 * R(S) for the conversions of journeys whose channel set is exactly S, v(T) = sum over S within
 * T of R(S), a sum of unanimity games, so the classic Shapley value
 *   phi_c = sum over T not holding c of |T|! (n - |T| - 1)! / n! (v(T + c) - v(T))
 * equals the "simplified Shapley value" phi_c = sum over S holding c of R(S) / |S|: each
 * converted journey's credit is shared equally among its distinct channels. That is exact and
 * linear in the number of distinct sets, so the limit on channels is only the 63-bit mask.
 * Efficiency: the values add up to the conversions of journeys with at least one channel.
 */
#include "channel_dict.h"

#include <math.h>

#include "common/int.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"

#include "json_reader.h"
#include "type_compare.h"

/* the hint of every binary input error of this file */
#define SHAPLEY_BINARY_HINT "The binary form is the channels, int32 sets, then per set int64 mask, int64 journeys, int64 conversions, float8 value and residual, in increasing mask order."

#define MODEL_VERSION 1
/* a channel set is a bitmask that the text form writes as a non-negative int64 */
#define SHAPLEY_MAX_CHANNELS 63

typedef struct SetEntry
{
	uint64		mask;			/* bit i: channel i of the dictionary */
	int64		journeys;
	int64		conversions;
	double		value_hi;		/* value of the converted journeys, an ExactSum */
	double		value_lo;
} SetEntry;

/*
 * shapley_model: a 24-byte header, nsets entries sorted by mask, then the channel dictionary
 * (channel_dict.c). Stored models are canonical, so equal models have equal bytes.
 *
 * While the aggregate builds one (FLAG_BUILDING), entries are appended unsorted into room for
 * `capacity`, followed by an open-addressing index of 2 * capacity int32 slots (entry + 1, 0
 * when empty) that finds a set's entry in O(1); capacity doubles when full, so a new set costs
 * O(1) amortised. The final function, the combine function and every output function sort the
 * entries into the canonical form.
 */
#define FLAG_BUILDING 0x01
typedef struct ShapleyModel
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none yet */
	int16		reserved;
	int32		nchannels;
	int32		nsets;
	int32		pool_len;
	int32		capacity;		/* FLAG_BUILDING: entry slots; canonical: 0 */
	SetEntry	entries[FLEXIBLE_ARRAY_MEMBER];
} ShapleyModel;

#define MODEL_SLOTS(m) ((int32 *) &(m)->entries[(m)->capacity])
#define MODEL_DICT(m) ((m)->flags & FLAG_BUILDING \
					   ? (char *) (MODEL_SLOTS(m) + 2 * (m)->capacity) \
					   : (char *) &(m)->entries[(m)->nsets])

static Size
model_size(int nsets, Size dict_bytes)
{
	return offsetof(ShapleyModel, entries) + (Size) nsets * sizeof(SetEntry) + dict_bytes;
}

static Size
building_size(int capacity, Size dict_bytes)
{
	return offsetof(ShapleyModel, entries) + (Size) capacity * (sizeof(SetEntry) + 2 * sizeof(int32)) +
		dict_bytes;
}

static ShapleyModel *
model_arg(FunctionCallInfo fcinfo, int argno, ChannelLabel **dict)
{
	ShapleyModel *m = (ShapleyModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	*dict = NULL;
	if (VARSIZE(m) < offsetof(ShapleyModel, entries) || m->version != MODEL_VERSION ||
		m->nchannels < 0 || m->nchannels > SHAPLEY_MAX_CHANNELS || m->nsets < 0 ||
		m->pool_len < 0 || (Size) m->nsets > VARSIZE(m) / sizeof(SetEntry) ||
		(m->flags & ~FLAG_BUILDING) != 0 ||
		((m->flags & FLAG_BUILDING)
		 ? (m->capacity < m->nsets || (Size) m->capacity > VARSIZE(m) / sizeof(SetEntry) ||
			VARSIZE(m) != building_size(m->capacity, m->nchannels * sizeof(int32) + m->pool_len))
		 : (m->capacity != 0 ||
			VARSIZE(m) != model_size(m->nsets, m->nchannels * sizeof(int32) + m->pool_len))) ||
		!channel_dict_load(MODEL_DICT(m), m->nchannels, m->pool_len,
						   (*dict = palloc(Max(m->nchannels, 1) * sizeof(ChannelLabel)))))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("shapley_model value has an unsupported format (version %d)", m->version)));
	return m;
}

static void
check_channel_count(int n)
{
	(void) channel_count_ok(n, SHAPLEY_MAX_CHANNELS, "shapley_model", NULL);
}

static int
entry_cmp(const void *a, const void *b)
{
	uint64		x = ((const SetEntry *) a)->mask;
	uint64		y = ((const SetEntry *) b)->mask;

	return (x > y) - (x < y);
}

/* A model of the given sorted dictionary and entries sorted by mask, in CurrentMemoryContext. */
static ShapleyModel *
model_build(const ChannelLabel *dict, int n, const SetEntry *entries, int nsets)
{
	Size		dict_bytes = channel_dict_stored_size(dict, n);
	ShapleyModel *m;

	check_channel_count(n);
	m = palloc0(model_size(nsets, dict_bytes));
	SET_VARSIZE(m, model_size(nsets, dict_bytes));
	m->version = MODEL_VERSION;
	m->nchannels = n;
	m->nsets = nsets;
	m->pool_len = dict_bytes - n * sizeof(int32);
	if (nsets > 0)
		memcpy(m->entries, entries, nsets * sizeof(SetEntry));
	channel_dict_store(dict, n, MODEL_DICT(m));
	return m;
}

/* Rewrites the masks of entries from dictionary `from` to its superset `to`, then re-sorts. */
static void
remap_entries(SetEntry *entries, int nsets, const ChannelLabel *from, int nfrom,
			  const ChannelLabel *to, int nto)
{
	int		   *map = palloc(Max(nfrom, 1) * sizeof(int));
	int			i,
				c;

	if (nfrom == nto)
		return;
	for (c = 0; c < nfrom; c++)
		map[c] = channel_dict_find(to, nto, &from[c]);
	for (i = 0; i < nsets; i++)
	{
		uint64		mask = 0;

		CHECK_FOR_INTERRUPTS();
		for (c = 0; c < nfrom; c++)
			if (entries[i].mask & (UINT64CONST(1) << c))
				mask |= UINT64CONST(1) << map[c];
		entries[i].mask = mask;
	}
	cxm_qsort(entries, nsets, sizeof(SetEntry), entry_cmp);
}

static void
add_count(int64 *count, int64 add)
{
	cxm_add_count(count, add, "shapley_model count");
}

static void
entry_add(SetEntry *into, const SetEntry *add)
{
	add_count(&into->journeys, add->journeys);
	add_count(&into->conversions, add->conversions);
	attribution_add_value(&into->value_hi, &into->value_lo, add->value_hi, add->value_lo);
}

/* Merges sorted entry lists, adding entries of equal masks; returns the merged count. */
static int
merge_entries(const SetEntry *a, int na, const SetEntry *b, int nb, SetEntry *out)
{
	int			i = 0,
				k = 0,
				m = 0;

	while (i < na || k < nb)
	{
		CHECK_FOR_INTERRUPTS();
		if (k == nb || (i < na && a[i].mask < b[k].mask))
			out[m++] = a[i++];
		else if (i == na || b[k].mask < a[i].mask)
			out[m++] = b[k++];
		else
		{
			out[m] = a[i++];
			entry_add(&out[m++], &b[k++]);
		}
	}
	return m;
}

static uint32
mask_hash(uint64 mask)
{
	/* a 64-bit mix (splitmix64's finaliser): nearby masks land far apart */
	mask ^= mask >> 30;
	mask *= UINT64CONST(0xbf58476d1ce4e5b9);
	mask ^= mask >> 27;
	mask *= UINT64CONST(0x94d049bb133111eb);
	mask ^= mask >> 31;
	return (uint32) mask;
}

/* the index slot of mask in a building model: its entry's slot, or the empty slot to use */
static int32 *
building_slot(ShapleyModel *m, uint64 mask)
{
	int32	   *slots = MODEL_SLOTS(m);
	uint32		nslots = 2 * m->capacity;	/* a power of 2 */
	uint32		i = mask_hash(mask) & (nslots - 1);

	while (slots[i] != 0 && m->entries[slots[i] - 1].mask != mask)
		i = (i + 1) & (nslots - 1);
	return &slots[i];
}

/*
 * A building model over dict (a superset of the model's dictionary from_dict) with room for at
 * least `need` sets, holding the entries of `from` (either form; NULL for none), masks remapped.
 * Allocated in CurrentMemoryContext.
 */
static ShapleyModel *
building_model(const ChannelLabel *dict, int n, ShapleyModel *from, const ChannelLabel *from_dict,
			   int need)
{
	Size		dict_bytes = channel_dict_stored_size(dict, n);
	int			capacity = 16;
	int			i;
	ShapleyModel *m;

	check_channel_count(n);
	while (capacity < need)
	{
		if (capacity > MaxAllocHugeSize / (2 * (sizeof(SetEntry) + 2 * sizeof(int32))))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("shapley_model would hold more than %d distinct channel sets", capacity),
					 errhint("Group rare channels into one label before attributing.")));
		capacity *= 2;
	}
	m = palloc0(building_size(capacity, dict_bytes));
	SET_VARSIZE(m, building_size(capacity, dict_bytes));
	m->version = MODEL_VERSION;
	m->flags = FLAG_BUILDING;
	m->nchannels = n;
	m->capacity = capacity;
	m->pool_len = dict_bytes - n * sizeof(int32);
	channel_dict_store(dict, n, MODEL_DICT(m));
	if (from != NULL && from->nsets > 0)
	{
		m->nsets = from->nsets;
		memcpy(m->entries, from->entries, from->nsets * sizeof(SetEntry));
		if (n != from->nchannels)
			remap_entries(m->entries, m->nsets, from_dict, from->nchannels, dict, n);
		for (i = 0; i < m->nsets; i++)
		{
			CHECK_FOR_INTERRUPTS();
			*building_slot(m, m->entries[i].mask) = i + 1;
		}
	}
	return m;
}

/* m in canonical form: m itself when it is, else a sorted copy */
static ShapleyModel *
canonical_model(ShapleyModel *m, const ChannelLabel *dict)
{
	SetEntry   *entries;

	if (!(m->flags & FLAG_BUILDING))
		return m;
	entries = palloc(Max(m->nsets, 1) * sizeof(SetEntry));
	memcpy(entries, m->entries, m->nsets * sizeof(SetEntry));
	cxm_qsort(entries, m->nsets, sizeof(SetEntry), entry_cmp);
	return model_build(dict, m->nchannels, entries, m->nsets);
}

/* shapley_attribution(j, converted [, value]) transition; rows with a NULL argument are skipped */
PG_FUNCTION_INFO_V1(shapley_attribution_trans);
Datum
shapley_attribution_trans(PG_FUNCTION_ARGS)
{
	ShapleyModel *m = PG_ARGISNULL(0) ? NULL : (ShapleyModel *) PG_GETARG_POINTER(0);
	bool		has_value = PG_NARGS() > 3;
	ChannelLabel *labels,
			   *dict = NULL,
			   *merged;
	int			n,
				nmerged,
				i,
				nold;
	SetEntry	row;
	int32	   *slot;
	double		value = 1;

	cxm_require_aggregate(fcinfo, "shapley_attribution_trans", "shapley_attribution(j, converted [, value])");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || (has_value && PG_ARGISNULL(3)))
	{
		if (m == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(m);
	}
	memset(&row, 0, sizeof(row));
	row.journeys = 1;
	if (has_value)
		value = attribution_value_arg(fcinfo, 3);
	if (PG_GETARG_BOOL(2))
	{
		row.conversions = 1;
		row.value_hi = value;
	}
	n = journey_channel_sequence(journey_arg_stored(fcinfo, 1), &labels);
	n = channel_labels_sort_unique(labels, n);

	nold = m ? m->nchannels : 0;
	if (m != NULL)
	{
		dict = palloc(Max(nold, 1) * sizeof(ChannelLabel));
		channel_dict_load(MODEL_DICT(m), nold, m->pool_len, dict);
	}
	merged = palloc((nold + n + 1) * sizeof(ChannelLabel));
	nmerged = channel_dict_union(dict, nold, labels, n, merged);
	check_channel_count(nmerged);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		row.mask |= UINT64CONST(1) << channel_dict_find(merged, nmerged, &labels[i]);
	}

	/*
	 * New channels, the first row or a full model: a new building model (the executor copies
	 * it into the aggregate context); otherwise the state is updated in place.
	 */
	if (m == NULL || !(m->flags & FLAG_BUILDING) || nmerged != nold)
		m = building_model(merged, nmerged, m, dict, m ? m->nsets + 1 : 1);
	slot = building_slot(m, row.mask);
	if (*slot != 0)
	{
		entry_add(&m->entries[*slot - 1], &row);
		PG_RETURN_POINTER(m);
	}
	if (m->nsets == m->capacity)
	{
		dict = palloc(Max(m->nchannels, 1) * sizeof(ChannelLabel));
		channel_dict_load(MODEL_DICT(m), m->nchannels, m->pool_len, dict);
		m = building_model(dict, m->nchannels, m, dict, 2 * m->capacity);
		slot = building_slot(m, row.mask);
	}
	m->entries[m->nsets] = row;
	*slot = ++m->nsets;
	PG_RETURN_POINTER(m);
}

/* the final function: the canonical (sorted) model */
PG_FUNCTION_INFO_V1(shapley_model_final);
Datum
shapley_model_final(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	ShapleyModel *m = model_arg(fcinfo, 0, &dict);

	PG_RETURN_POINTER(canonical_model(m, dict));
}

/* Combine and rollup: the sum of two models. */
PG_FUNCTION_INFO_V1(shapley_model_combine);
Datum
shapley_model_combine(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict_a,
			   *dict_b,
			   *merged;
	ShapleyModel *a = model_arg(fcinfo, 0, &dict_a);
	ShapleyModel *b = model_arg(fcinfo, 1, &dict_b);
	int			nmerged,
				count;
	bool		a_was_building = (a->flags & FLAG_BUILDING) != 0;
	SetEntry   *ea = palloc((a->nsets + 1) * sizeof(SetEntry));
	SetEntry   *eb = palloc((b->nsets + 1) * sizeof(SetEntry));
	SetEntry   *out = palloc((a->nsets + b->nsets + 1) * sizeof(SetEntry));

	a = canonical_model(a, dict_a);
	b = canonical_model(b, dict_b);
	merged = palloc((a->nchannels + b->nchannels + 1) * sizeof(ChannelLabel));
	nmerged = channel_dict_union(dict_a, a->nchannels, dict_b, b->nchannels, merged);
	check_channel_count(nmerged);
	memcpy(ea, a->entries, a->nsets * sizeof(SetEntry));
	memcpy(eb, b->entries, b->nsets * sizeof(SetEntry));
	remap_entries(ea, a->nsets, dict_a, a->nchannels, merged, nmerged);
	remap_entries(eb, b->nsets, dict_b, b->nchannels, merged, nmerged);
	count = merge_entries(ea, a->nsets, eb, b->nsets, out);
	if (count == a->nsets && nmerged == a->nchannels && !a_was_building &&
		cxm_may_modify_arg0(fcinfo, a))
	{
		memcpy(a->entries, out, count * sizeof(SetEntry));
		PG_RETURN_POINTER(a);
	}
	PG_RETURN_POINTER(model_build(merged, nmerged, out, count));
}

/*
 * attribution_table(shapley_model): (channel, conversions, value), channels in sort order:
 * each set's conversions and value shared equally among its channels (the Shapley value of the
 * game in the opening comment).
 */
PG_FUNCTION_INFO_V1(shapley_model_table);
Datum
shapley_model_table(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	ChannelLabel *dict;
	ShapleyModel *m;
	ExactSum   *conversions;
	ExactSum   *value;
	int			i,
				c;

	cxm_srf_begin(fcinfo, &srf);
	m = model_arg(fcinfo, 0, &dict);
	conversions = palloc0(Max(m->nchannels, 1) * sizeof(ExactSum));
	value = palloc0(Max(m->nchannels, 1) * sizeof(ExactSum));
	for (i = 0; i < m->nsets; i++)
	{
		const SetEntry *e = &m->entries[i];
		int			size = pg_popcount64(e->mask);

		CHECK_FOR_INTERRUPTS();
		if (size == 0)
			continue;
		for (c = 0; c < m->nchannels; c++)
			if (e->mask & (UINT64CONST(1) << c))
			{
				cxm_exact_add(&conversions[c], (double) e->conversions / size);
				cxm_exact_add(&value[c], (e->value_hi + e->value_lo) / size);
				cxm_exact_check(&value[c], "attributed conversion value");
			}
	}
	for (c = 0; c < m->nchannels; c++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(dict[c].text, dict[c].len));
		values[1] = Float8GetDatum(conversions[c].hi + conversions[c].lo);
		values[2] = Float8GetDatum(value[c].hi + value[c].lo);
		cxm_srf_row(&srf, values, nulls);
	}
	return cxm_srf_end(&srf);
}

/* ---- validation, shared by text and binary input ------------------------------------------ */

static const char *
model_problem(const ShapleyModel *m, const ChannelLabel *dict)
{
	const char *problem = channel_dict_problem(dict, m->nchannels);
	uint64		all = 0;
	int			i;

	if (problem != NULL)
		return problem;
	for (i = 0; i < m->nsets; i++)
	{
		const SetEntry *e = &m->entries[i];

		CHECK_FOR_INTERRUPTS();
		if ((m->nchannels < 64 && (e->mask >> m->nchannels) != 0) ||
			(i > 0 && e->mask <= m->entries[i - 1].mask) ||
			e->journeys < 1 || e->conversions < 0 || e->conversions > e->journeys ||
			!isfinite(e->value_hi) || !isfinite(e->value_lo) || e->value_hi < 0 ||
			e->value_hi + e->value_lo != e->value_hi ||
			(e->conversions == 0 && e->value_hi != 0))
			return psprintf("set %d is invalid (sets are masks of listed channels, sorted and "
							"distinct; journeys at least 1, conversions at most journeys, values "
							"finite, non-negative and 0 without conversions)", i + 1);
		all |= e->mask;
	}
	if (m->nsets == 0 || all != (m->nchannels == 64 ? ~UINT64CONST(0) : (UINT64CONST(1) << m->nchannels) - 1))
		return "every channel must occur in a set, and there must be at least one set";
	return NULL;
}

/* ---- text I/O ----------------------------------------------------------------------------- */

/*
 * {"version": 1, "channels": [...], "sets": [masks], "journeys": [...], "conversions": [...],
 *  "values": [...] [, "values_low": [...]]}
 */
PG_FUNCTION_INFO_V1(shapley_model_out);
Datum
shapley_model_out(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	ShapleyModel *m = model_arg(fcinfo, 0, &dict);
	StringInfoData out;
	bool		any_low = false;
	int			i;

	m = canonical_model(m, dict);

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"channels\": ", m->version);
	channel_dict_append_json(&out, dict, m->nchannels);
	appendStringInfoString(&out, ", \"sets\": [");
	for (i = 0; i < m->nsets; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s" UINT64_FORMAT, i ? ", " : "", m->entries[i].mask);
	}
	appendStringInfoString(&out, "], \"journeys\": [");
	for (i = 0; i < m->nsets; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s" INT64_FORMAT, i ? ", " : "", m->entries[i].journeys);
	}
	appendStringInfoString(&out, "], \"conversions\": [");
	for (i = 0; i < m->nsets; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s" INT64_FORMAT, i ? ", " : "", m->entries[i].conversions);
	}
	appendStringInfoString(&out, "], \"values\": [");
	for (i = 0; i < m->nsets; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfoString(&out, i ? ", " : "");
		cxm_append_double(&out, m->entries[i].value_hi);
		any_low |= m->entries[i].value_lo != 0;
	}
	if (any_low)
	{
		appendStringInfoString(&out, "], \"values_low\": [");
		for (i = 0; i < m->nsets; i++)
		{
			CHECK_FOR_INTERRUPTS();
			appendStringInfoString(&out, i ? ", " : "");
			cxm_append_double(&out, m->entries[i].value_lo);
		}
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

enum model_key
{
	SK_VERSION, SK_CHANNELS, SK_SETS, SK_JOURNEYS, SK_CONVERSIONS, SK_VALUES, SK_VALUES_LOW, SK_COUNT
};
static const char *const model_keys[SK_COUNT] = {
	"version", "channels", "sets", "journeys", "conversions", "values", "values_low"
};

PG_FUNCTION_INFO_V1(shapley_model_in);
Datum
shapley_model_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	CxmJsonValue v[SK_COUNT];
	char	   *problem = NULL;
	int64		version;
	int			n,
				nsets,
				i;
	ChannelLabel *dict;
	SetEntry   *entries;
	ShapleyModel *m;
	bool		has_low;

	if (!cxm_json_read(input, model_keys, SK_COUNT, v, &problem) ||
		!cxm_json_expect(&v[SK_VERSION], "version", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[SK_VERSION].text, v[SK_VERSION].len, &version, &problem) ||
		!cxm_json_expect(&v[SK_CHANNELS], "channels", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[SK_SETS], "sets", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[SK_JOURNEYS], "journeys", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[SK_CONVERSIONS], "conversions", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[SK_VALUES], "values", CXM_JSON_ARRAY, &problem) ||
		(v[SK_VALUES_LOW].kind != CXM_JSON_MISSING &&
		 !cxm_json_expect(&v[SK_VALUES_LOW], "values_low", CXM_JSON_ARRAY, &problem)))
		goto invalid;
	if (version != MODEL_VERSION)
	{
		problem = "version must be 1";
		goto invalid;
	}
	n = v[SK_CHANNELS].nitems;
	nsets = v[SK_SETS].nitems;
	has_low = v[SK_VALUES_LOW].kind != CXM_JSON_MISSING;
	if ((n > 0 && !v[SK_CHANNELS].strings) ||
		v[SK_JOURNEYS].nitems != nsets || v[SK_CONVERSIONS].nitems != nsets ||
		v[SK_VALUES].nitems != nsets || (has_low && v[SK_VALUES_LOW].nitems != nsets) ||
		(nsets > 0 && (v[SK_SETS].strings || v[SK_JOURNEYS].strings ||
					   v[SK_CONVERSIONS].strings || v[SK_VALUES].strings ||
					   (has_low && v[SK_VALUES_LOW].strings))))
	{
		problem = "\"channels\" must be an array of labels and \"sets\", \"journeys\", "
			"\"conversions\", \"values\" (and \"values_low\") arrays of numbers of one length";
		goto invalid;
	}
	if (!channel_count_ok(n, SHAPLEY_MAX_CHANNELS, "shapley_model", fcinfo->context))
		return (Datum) 0;		/* soft on PG 16+, as the other input errors */
	dict = channel_dict_of_json(&v[SK_CHANNELS]);
	if ((problem = (char *) channel_dict_problem(dict, n)) != NULL)
		goto invalid;
	entries = palloc0(Max(nsets, 1) * sizeof(SetEntry));
	for (i = 0; i < nsets; i++)
	{
		int64		mask;

		CHECK_FOR_INTERRUPTS();
		if (!cxm_json_int64(v[SK_SETS].items[i], v[SK_SETS].item_lens[i], &mask, &problem) ||
			!cxm_json_int64(v[SK_JOURNEYS].items[i], v[SK_JOURNEYS].item_lens[i], &entries[i].journeys, &problem) ||
			!cxm_json_int64(v[SK_CONVERSIONS].items[i], v[SK_CONVERSIONS].item_lens[i], &entries[i].conversions, &problem) ||
			!cxm_json_double(v[SK_VALUES].items[i], v[SK_VALUES].item_lens[i], &entries[i].value_hi, &problem) ||
			(has_low && !cxm_json_double(v[SK_VALUES_LOW].items[i], v[SK_VALUES_LOW].item_lens[i],
										 &entries[i].value_lo, &problem)))
			goto invalid;
		if (mask < 0)
		{
			problem = psprintf("set %d is negative", i + 1);
			goto invalid;
		}
		entries[i].mask = (uint64) mask;
	}
	m = model_build(dict, n, entries, nsets);
	channel_dict_load(MODEL_DICT(m), n, m->pool_len, dict);
	if ((problem = (char *) model_problem(m, dict)) != NULL)
		goto invalid;
	PG_RETURN_POINTER(m);
invalid:
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type shapley_model: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The model is invalid: %s.", problem),
			 errhint("A shapley_model is the text that shapley_attribution() produced.")));
}

/*
 * Binary form: int8 version, int8 flags, int32 number of channels, each int16 length + bytes
 * (client encoding, sorted), int32 number of sets, each int64 mask, int64 journeys, int64
 * conversions, float8 value, float8 value residual.
 */
PG_FUNCTION_INFO_V1(shapley_model_send);
Datum
shapley_model_send(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	ShapleyModel *m = model_arg(fcinfo, 0, &dict);
	StringInfoData buf;
	int			i;

	m = canonical_model(m, dict);

	pq_begintypsend(&buf);
	channel_dict_send(&buf, m->version, m->flags, dict, m->nchannels);
	pq_sendint32(&buf, m->nsets);
	for (i = 0; i < m->nsets; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendint64(&buf, (int64) m->entries[i].mask);
		pq_sendint64(&buf, m->entries[i].journeys);
		pq_sendint64(&buf, m->entries[i].conversions);
		pq_sendfloat8(&buf, m->entries[i].value_hi);
		pq_sendfloat8(&buf, m->entries[i].value_lo);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(shapley_model_recv);
Datum
shapley_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			n,
				nsets,
				i;
	ChannelLabel *dict;
	SetEntry   *entries;
	ShapleyModel *m;
	const char *problem;

	dict = channel_dict_recv(buf, MODEL_VERSION, "shapley_model", check_channel_count, &n);
	if (buf->len - buf->cursor < 4)
		attribution_recv_truncated("shapley_model", SHAPLEY_BINARY_HINT);
	nsets = (int) pq_getmsgint(buf, 4);
	if (nsets < 0 || nsets > (buf->len - buf->cursor) / 40)
		attribution_recv_truncated("shapley_model", SHAPLEY_BINARY_HINT);
	entries = palloc0(Max(nsets, 1) * sizeof(SetEntry));
	for (i = 0; i < nsets; i++)
	{
		CHECK_FOR_INTERRUPTS();
		entries[i].mask = (uint64) pq_getmsgint64(buf);
		entries[i].journeys = pq_getmsgint64(buf);
		entries[i].conversions = pq_getmsgint64(buf);
		entries[i].value_hi = cxm_getmsgfloat8(buf);
		entries[i].value_lo = cxm_getmsgfloat8(buf);
	}
	m = model_build(dict, n, entries, nsets);
	channel_dict_load(MODEL_DICT(m), n, m->pool_len, dict);
	if ((problem = model_problem(m, dict)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary shapley_model: %s", problem),
				 errhint(SHAPLEY_BINARY_HINT)));
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(shapley_model_eq);
Datum
shapley_model_eq(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict_a,
			   *dict_b;
	ShapleyModel *a = model_arg(fcinfo, 0, &dict_a);
	ShapleyModel *b = model_arg(fcinfo, 1, &dict_b);

	a = canonical_model(a, dict_a);
	b = canonical_model(b, dict_b);

	/* canonical (sorted channels and sets), so equal models are equal bytes */
	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0);
}

/*
 * The comparison key of a shapley_model (type_compare.h): its binary form, then its canonical
 * bytes, which shapley_model_eq compares.
 */
void
shapley_model_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	ChannelLabel *dict;
	ShapleyModel *m = model_arg(fcinfo, argno, &dict);

	cxm_key_sent_then_stored(key, shapley_model_send, canonical_model(m, dict));
}
