/*
 * markov.c: data-driven attribution by a first-order Markov chain over channels (Anderl et al.,
 * "Mapping the customer journey", 2016). The aggregate markov_attribution(j, converted [,
 * value]) counts transitions between the states @start, the channels, @conversion and @null
 * (a journey that did not convert ends in @null) into a markov_model. From it the conversion
 * probability P (of being absorbed in @conversion, starting from @start) is solved exactly,
 * and so is P without channel c, where every transition into c goes to @null instead; the
 * removal effect of c is 1 - P(without c) / P, and conversions and value are shared among the
 * channels in proportion to their removal effects. The absorption probabilities solve
 * (I - Q) x = r over the transient states (Q: transient-to-transient probabilities, r: the
 * probabilities of moving to @conversion), by Gaussian elimination with partial pivoting.
 * Consecutive touches of one channel collapse into one state visit: a self-loop does not change
 * absorption probabilities.
 */
#include "channel_dict.h"

#include <math.h>

#include "common/int.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "json_reader.h"

/* the hint of every binary input error of this file */
#define MARKOV_BINARY_HINT "The binary form is the channels, int64 journeys, int64 conversions, float8 value and residual, int32 transitions, then int32 from, int32 to, int64 count each, in increasing order."

#define MODEL_VERSION 1
/* channels per model: the removal effects take one O(n^3) solve per channel */
#define MARKOV_MAX_CHANNELS 200

/* states: 0 @start, 1 @conversion, 2 @null, 3 + i channel i */
#define STATE_START 0
#define STATE_CONVERSION 1
#define STATE_NULL 2
#define FIRST_CHANNEL 3
static const char *const marker_names[FIRST_CHANNEL] = {"@start", "@conversion", "@null"};

/*
 * markov_model: a 48-byte header, the (n + 3) x (n + 3) transition counts (row: from, column:
 * to), then the channel dictionary (channel_dict.c). Always canonical: channels sorted, so equal
 * models have equal bytes.
 */
typedef struct MarkovModel
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none yet */
	int16		reserved;
	int32		nchannels;
	int32		pool_len;		/* label bytes of the dictionary */
	int64		journeys;
	int64		conversions;
	double		value_hi;		/* value of the converted journeys, an ExactSum */
	double		value_lo;
	int64		counts[FLEXIBLE_ARRAY_MEMBER];
} MarkovModel;

#define NSTATES(m) ((m)->nchannels + FIRST_CHANNEL)
#define MODEL_DICT(m) ((char *) &(m)->counts[NSTATES(m) * NSTATES(m)])
#define COUNT(m, from, to) ((m)->counts[(from) * NSTATES(m) + (to)])

static Size
model_size(int nchannels, Size dict_bytes)
{
	Size		states = nchannels + FIRST_CHANNEL;

	return offsetof(MarkovModel, counts) + states * states * sizeof(int64) + dict_bytes;
}

static MarkovModel *
model_arg(FunctionCallInfo fcinfo, int argno, ChannelLabel **dict)
{
	MarkovModel *m = (MarkovModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	*dict = NULL;
	if (VARSIZE(m) < offsetof(MarkovModel, counts) || m->version != MODEL_VERSION ||
		m->nchannels < 0 || m->nchannels > MARKOV_MAX_CHANNELS || m->pool_len < 0 ||
		VARSIZE(m) != model_size(m->nchannels, m->nchannels * sizeof(int32) + m->pool_len) ||
		!channel_dict_load(MODEL_DICT(m), m->nchannels, m->pool_len,
						   (*dict = palloc(Max(m->nchannels, 1) * sizeof(ChannelLabel)))))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("markov_model value has an unsupported format (version %d)", m->version)));
	return m;
}

static void
check_channel_count(int n)
{
	(void) channel_count_ok(n, MARKOV_MAX_CHANNELS, "markov_model", NULL);
}

/*
 * A model over dict (sorted) holding the counts of `from` (whose dictionary is from_dict, a
 * subset of dict) or zeros when from is NULL; allocated in CurrentMemoryContext.
 */
static MarkovModel *
model_build(const ChannelLabel *dict, int n, const MarkovModel *from, const ChannelLabel *from_dict)
{
	Size		dict_bytes = channel_dict_stored_size(dict, n);
	MarkovModel *m;

	check_channel_count(n);
	m = palloc0(model_size(n, dict_bytes));
	SET_VARSIZE(m, model_size(n, dict_bytes));
	m->version = MODEL_VERSION;
	m->nchannels = n;
	m->pool_len = dict_bytes - n * sizeof(int32);
	channel_dict_store(dict, n, MODEL_DICT(m));
	if (from != NULL)
	{
		int		   *map = palloc(NSTATES(from) * sizeof(int));
		int			i,
					k;

		m->journeys = from->journeys;
		m->conversions = from->conversions;
		m->value_hi = from->value_hi;
		m->value_lo = from->value_lo;
		for (i = 0; i < NSTATES(from); i++)
			map[i] = i < FIRST_CHANNEL ? i
				: FIRST_CHANNEL + channel_dict_find(dict, n, &from_dict[i - FIRST_CHANNEL]);
		for (i = 0; i < NSTATES(from); i++)
			for (k = 0; k < NSTATES(from); k++)
				COUNT(m, map[i], map[k]) = COUNT(from, i, k);
	}
	return m;
}

static void
add_count(int64 *count, int64 add)
{
	cxm_add_count(count, add, "markov_model count");
}

/* markov_attribution(j, converted [, value]) transition; rows with a NULL argument are skipped */
PG_FUNCTION_INFO_V1(markov_attribution_trans);
Datum
markov_attribution_trans(PG_FUNCTION_ARGS)
{
	MarkovModel *m = PG_ARGISNULL(0) ? NULL : (MarkovModel *) PG_GETARG_POINTER(0);
	bool		has_value = PG_NARGS() > 3;
	ChannelLabel *path,
			   *labels,
			   *dict = NULL;
	int			n,
				nlabels,
				i = 0,
				prev;
	bool		converted;
	double		value = 1;

	cxm_require_aggregate(fcinfo, "markov_attribution_trans", "markov_attribution(j, converted [, value])");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || (has_value && PG_ARGISNULL(3)))
	{
		if (m == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(m);
	}
	converted = PG_GETARG_BOOL(2);
	if (has_value)
		value = attribution_value_arg(fcinfo, 3);
	n = journey_channel_sequence(journey_arg_stored(fcinfo, 1), &path);
	labels = palloc(Max(n, 1) * sizeof(ChannelLabel));
	memcpy(labels, path, n * sizeof(ChannelLabel));
	nlabels = channel_labels_sort_unique(labels, n);

	if (m != NULL)
	{
		dict = palloc(Max(m->nchannels, 1) * sizeof(ChannelLabel));
		channel_dict_load(MODEL_DICT(m), m->nchannels, m->pool_len, dict);
		for (i = 0; i < nlabels; i++)
			if (channel_dict_find(dict, m->nchannels, &labels[i]) < 0)
				break;
	}
	if (m == NULL || i < nlabels)
	{
		/* new channels: a bigger model (the executor copies it into the aggregate context) */
		ChannelLabel *merged = palloc((nlabels + (m ? m->nchannels : 0) + 1) * sizeof(ChannelLabel));
		int			nmerged = channel_dict_union(dict, m ? m->nchannels : 0, labels, nlabels, merged);

		m = model_build(merged, nmerged, m, dict);
		dict = palloc(Max(m->nchannels, 1) * sizeof(ChannelLabel));
		channel_dict_load(MODEL_DICT(m), m->nchannels, m->pool_len, dict);
	}

	prev = STATE_START;
	for (i = 0; i < n; i++)
	{
		int			state = FIRST_CHANNEL + channel_dict_find(dict, m->nchannels, &path[i]);

		CHECK_FOR_INTERRUPTS();
		add_count(&COUNT(m, prev, state), 1);
		prev = state;
	}
	add_count(&COUNT(m, prev, converted ? STATE_CONVERSION : STATE_NULL), 1);
	add_count(&m->journeys, 1);
	if (converted)
	{
		ExactSum	sum = {m->value_hi, m->value_lo};

		add_count(&m->conversions, 1);
		cxm_exact_add(&sum, value);
		cxm_exact_check(&sum, "total conversion value");
		m->value_hi = sum.hi;
		m->value_lo = sum.lo;
	}
	PG_RETURN_POINTER(m);
}

/* Combine and rollup: the sum of two models. */
PG_FUNCTION_INFO_V1(markov_model_combine);
Datum
markov_model_combine(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict_a,
			   *dict_b,
			   *merged;
	MarkovModel *a = model_arg(fcinfo, 0, &dict_a);
	MarkovModel *b = model_arg(fcinfo, 1, &dict_b);
	int			nmerged,
				i,
				k;
	int		   *map;

	merged = palloc((a->nchannels + b->nchannels + 1) * sizeof(ChannelLabel));
	nmerged = channel_dict_union(dict_a, a->nchannels, dict_b, b->nchannels, merged);
	if (nmerged != a->nchannels || !cxm_may_modify_arg0(fcinfo, a))
	{
		a = model_build(merged, nmerged, a, dict_a);
		channel_dict_load(MODEL_DICT(a), a->nchannels, a->pool_len, merged);
	}
	map = palloc(NSTATES(b) * sizeof(int));
	for (i = 0; i < NSTATES(b); i++)
		map[i] = i < FIRST_CHANNEL ? i
			: FIRST_CHANNEL + channel_dict_find(merged, nmerged, &dict_b[i - FIRST_CHANNEL]);
	for (i = 0; i < NSTATES(b); i++)
		for (k = 0; k < NSTATES(b); k++)
			add_count(&COUNT(a, map[i], map[k]), COUNT(b, i, k));
	add_count(&a->journeys, b->journeys);
	add_count(&a->conversions, b->conversions);
	attribution_add_value(&a->value_hi, &a->value_lo, b->value_hi, b->value_lo);
	PG_RETURN_POINTER(a);
}

/* ---- the absorbing chain ------------------------------------------------------------------ */

/*
 * The probability of reaching @conversion from @start when channel `removed` (a state, or -1)
 * sends everything to @null. States that cannot reach an absorbing state (only possible in a
 * hand-written model with a closed loop) never convert; `live` marks the others.
 */
static double
conversion_probability(const MarkovModel *m, const bool *live, int removed)
{
	int			S = NSTATES(m);
	int		   *row_of = palloc(S * sizeof(int));
	int		   *state_of = palloc(S * sizeof(int));
	int			rows = 0,
				r,
				c,
				k;
	double	   *a,
			   *b;

	for (k = 0; k < S; k++)
	{
		row_of[k] = -1;
		if ((k == STATE_START || k >= FIRST_CHANNEL) && live[k] && k != removed)
		{
			row_of[k] = rows;
			state_of[rows++] = k;
		}
	}
	if (row_of[STATE_START] < 0)
		return 0;
	a = palloc0((Size) rows * rows * sizeof(double));
	b = palloc0(rows * sizeof(double));
	for (r = 0; r < rows; r++)
	{
		int			s = state_of[r];
		double		out = 0;

		for (k = 0; k < S; k++)
			out += (double) COUNT(m, s, k);
		a[r * rows + r] = 1;
		if (out == 0)
			continue;
		for (k = 0; k < S; k++)
			if (row_of[k] >= 0 && COUNT(m, s, k) > 0)
				a[r * rows + row_of[k]] -= (double) COUNT(m, s, k) / out;
		b[r] = (double) COUNT(m, s, STATE_CONVERSION) / out;
	}
	/* Gaussian elimination with partial pivoting, then back substitution */
	for (c = 0; c < rows; c++)
	{
		int			pivot = c;

		CHECK_FOR_INTERRUPTS();
		CHECK_FOR_INTERRUPTS();	/* O(rows^3) per channel: large models take a while */

		for (r = c + 1; r < rows; r++)
			if (fabs(a[r * rows + c]) > fabs(a[pivot * rows + c]))
				pivot = r;
		if (a[pivot * rows + c] == 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("markov_model conversion probabilities cannot be computed: the chain is singular in double precision"),
					 errdetail("A state returns to itself or its loop with a probability that rounds to 1."),
					 errhint("Counts come from markov_attribution over journeys; a hand-written model "
							 "needs transition counts whose loops have exits of comparable size.")));
		if (pivot != c)
		{
			for (k = 0; k < rows; k++)
			{
				double		t = a[c * rows + k];

				a[c * rows + k] = a[pivot * rows + k];
				a[pivot * rows + k] = t;
			}
			{
				double		t = b[c];

				b[c] = b[pivot];
				b[pivot] = t;
			}
		}
		for (r = c + 1; r < rows; r++)
		{
			double		f = a[r * rows + c] / a[c * rows + c];

			if (f == 0)
				continue;
			for (k = c; k < rows; k++)
				a[r * rows + k] -= f * a[c * rows + k];
			b[r] -= f * b[c];
		}
	}
	for (r = rows - 1; r >= 0; r--)
	{
		double		x = b[r];

		CHECK_FOR_INTERRUPTS();
		for (k = r + 1; k < rows; k++)
			x -= a[r * rows + k] * b[k];
		b[r] = x / a[r * rows + r];
	}
	return b[row_of[STATE_START]];
}

/* live[s]: state s can reach @conversion or @null */
static bool *
live_states(const MarkovModel *m)
{
	int			S = NSTATES(m);
	bool	   *live = palloc0(S * sizeof(bool));
	bool		changed = true;
	int			s,
				k;

	live[STATE_CONVERSION] = live[STATE_NULL] = true;
	while (changed)
	{
		changed = false;
		for (s = 0; s < S; s++)
		{
			CHECK_FOR_INTERRUPTS();
			for (k = 0; k < S && !live[s]; k++)
				if (live[k] && COUNT(m, s, k) > 0)
					live[s] = changed = true;
		}
	}
	return live;
}

PG_FUNCTION_INFO_V1(markov_model_conversion_probability);
Datum
markov_model_conversion_probability(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	MarkovModel *m = model_arg(fcinfo, 0, &dict);

	PG_RETURN_FLOAT8(conversion_probability(m, live_states(m), -1));
}

/*
 * attribution_table(markov_model): (channel, removal_effect, conversions, value), channels in
 * sort order. With no conversions every removal effect is 0 and nothing is attributed.
 */
PG_FUNCTION_INFO_V1(markov_model_table);
Datum
markov_model_table(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	ChannelLabel *dict;
	MarkovModel *m;
	bool	   *live;
	double		p;
	double	   *effect;
	double		total_effect = 0;
	int			i;

	cxm_srf_begin(fcinfo, &srf);
	m = model_arg(fcinfo, 0, &dict);
	live = live_states(m);
	p = conversion_probability(m, live, -1);
	effect = palloc(Max(m->nchannels, 1) * sizeof(double));
	for (i = 0; i < m->nchannels; i++)
	{
		/* removing a channel cannot raise P; clamp rounding noise at 0 */
		effect[i] = p > 0 ? Max(0.0, 1 - conversion_probability(m, live, FIRST_CHANNEL + i) / p) : 0;
		total_effect += effect[i];
	}
	for (i = 0; i < m->nchannels; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		double		share = total_effect > 0 ? effect[i] / total_effect : 0;

		values[0] = PointerGetDatum(cstring_to_text_with_len(dict[i].text, dict[i].len));
		values[1] = Float8GetDatum(effect[i]);
		values[2] = Float8GetDatum(share * (double) m->conversions);
		values[3] = Float8GetDatum(share * (m->value_hi + m->value_lo));
		cxm_srf_row(&srf, values, nulls);
	}
	return cxm_srf_end(&srf);
}

/* ---- validation, shared by text and binary input ------------------------------------------ */

/* NULL when m (built by an input function) is a model markov_attribution could have made */
static const char *
model_problem(const MarkovModel *m, const ChannelLabel *dict)
{
	int			S = NSTATES(m);
	const char *problem = channel_dict_problem(dict, m->nchannels);
	int			s,
				k;

	if (problem != NULL)
		return problem;
	if (m->journeys < 1 || m->conversions < 0 || m->conversions > m->journeys)
		return "journeys must be at least 1 and conversions between 0 and journeys";
	if (!isfinite(m->value_hi) || !isfinite(m->value_lo) || m->value_hi < 0 ||
		m->value_hi + m->value_lo != m->value_hi)
		return "value must be finite and non-negative (value_low a residual smaller than its last digit)";
	for (s = 0; s < S; s++)
	{
		int64		in = 0,
					out = 0;

		CHECK_FOR_INTERRUPTS();
		for (k = 0; k < S; k++)
		{
			if (COUNT(m, s, k) < 0 || (COUNT(m, s, k) > 0 &&
									   (s == k || s == STATE_CONVERSION || s == STATE_NULL ||
										k == STATE_START)))
				return psprintf("transition %s -> %s is not allowed",
								s < FIRST_CHANNEL ? marker_names[s] : "a channel",
								k < FIRST_CHANNEL ? marker_names[k] : "a channel");
			if (pg_add_s64_overflow(out, COUNT(m, s, k), &out) ||
				pg_add_s64_overflow(in, COUNT(m, k, s), &in))
				return "counts are out of range";
		}
		if ((s == STATE_START && out != m->journeys) ||
			(s == STATE_CONVERSION && in != m->conversions) ||
			(s == STATE_NULL && in != m->journeys - m->conversions) ||
			(s >= FIRST_CHANNEL && (in != out || in == 0)))
			return psprintf("transitions do not add up at state %s (every journey goes from @start "
							"through channels to @conversion or @null; every channel is visited)",
							s < FIRST_CHANNEL ? marker_names[s]
							: cxm_quote_value(dict[s - FIRST_CHANNEL].text, dict[s - FIRST_CHANNEL].len));
	}
	return NULL;
}

/* ---- text I/O ----------------------------------------------------------------------------- */

static void
append_state(StringInfo out, int state, const ChannelLabel *dict)
{
	if (state < FIRST_CHANNEL)
		appendStringInfo(out, "\"%s\"", marker_names[state]);
	else
		appendStringInfo(out, "\"%.*s\"", dict[state - FIRST_CHANNEL].len, dict[state - FIRST_CHANNEL].text);
}

/*
 * {"version": 1, "channels": [...], "journeys": n, "conversions": n, "value": x
 *  [, "value_low": y], "from": [...], "to": [...], "counts": [...]}: the non-zero transitions in
 * state order (@start, @conversion, @null, then the channels).
 */
PG_FUNCTION_INFO_V1(markov_model_out);
Datum
markov_model_out(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	MarkovModel *m = model_arg(fcinfo, 0, &dict);
	int			S = NSTATES(m);
	StringInfoData out;
	int			s,
				k,
				pass;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"channels\": ", m->version);
	channel_dict_append_json(&out, dict, m->nchannels);
	appendStringInfo(&out, ", \"journeys\": " INT64_FORMAT ", \"conversions\": " INT64_FORMAT
					 ", \"value\": ", m->journeys, m->conversions);
	cxm_append_double(&out, m->value_hi);
	if (m->value_lo != 0)
	{
		appendStringInfoString(&out, ", \"value_low\": ");
		cxm_append_double(&out, m->value_lo);
	}
	for (pass = 0; pass < 3; pass++)
	{
		bool		first = true;

		appendStringInfoString(&out, pass == 0 ? ", \"from\": [" : pass == 1 ? "], \"to\": [" : "], \"counts\": [");
		for (s = 0; s < S; s++)
			for (k = 0; k < S; k++)
			{
				if (COUNT(m, s, k) == 0)
					continue;
				if (!first)
					appendStringInfoString(&out, ", ");
				first = false;
				if (pass == 0)
					append_state(&out, s, dict);
				else if (pass == 1)
					append_state(&out, k, dict);
				else
					appendStringInfo(&out, INT64_FORMAT, COUNT(m, s, k));
			}
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

enum model_key
{
	MK_VERSION, MK_CHANNELS, MK_JOURNEYS, MK_CONVERSIONS, MK_VALUE, MK_VALUE_LOW, MK_FROM, MK_TO,
	MK_COUNTS, MK_COUNT
};
static const char *const model_keys[MK_COUNT] = {
	"version", "channels", "journeys", "conversions", "value", "value_low", "from", "to", "counts"
};

/* the state a label names: a marker, or a channel of the dictionary; -1 when neither */
static int
state_of_label(const char *text, int len, const ChannelLabel *dict, int n)
{
	ChannelLabel label = {text, len};
	int			i;

	for (i = 0; i < FIRST_CHANNEL; i++)
		if (len == strlen(marker_names[i]) && memcmp(text, marker_names[i], len) == 0)
			return i;
	i = channel_dict_find(dict, n, &label);
	return i < 0 ? -1 : FIRST_CHANNEL + i;
}

PG_FUNCTION_INFO_V1(markov_model_in);
Datum
markov_model_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	CxmJsonValue v[MK_COUNT];
	char	   *problem = NULL;
	int64		version;
	int			n,
				nedges,
				i,
				prev = -1;
	ChannelLabel *dict;
	MarkovModel *m;
	int64		journeys,
				conversions;
	double		value,
				value_low = 0;

	if (!cxm_json_read(input, model_keys, MK_COUNT, v, &problem) ||
		!cxm_json_expect(&v[MK_VERSION], "version", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[MK_VERSION].text, v[MK_VERSION].len, &version, &problem) ||
		!cxm_json_expect(&v[MK_CHANNELS], "channels", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[MK_JOURNEYS], "journeys", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[MK_JOURNEYS].text, v[MK_JOURNEYS].len, &journeys, &problem) ||
		!cxm_json_expect(&v[MK_CONVERSIONS], "conversions", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[MK_CONVERSIONS].text, v[MK_CONVERSIONS].len, &conversions, &problem) ||
		!cxm_json_expect(&v[MK_VALUE], "value", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_double(v[MK_VALUE].text, v[MK_VALUE].len, &value, &problem) ||
		(v[MK_VALUE_LOW].kind != CXM_JSON_MISSING &&
		 (!cxm_json_expect(&v[MK_VALUE_LOW], "value_low", CXM_JSON_NUMBER, &problem) ||
		  !cxm_json_double(v[MK_VALUE_LOW].text, v[MK_VALUE_LOW].len, &value_low, &problem))) ||
		!cxm_json_expect(&v[MK_FROM], "from", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[MK_TO], "to", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[MK_COUNTS], "counts", CXM_JSON_ARRAY, &problem))
		goto invalid;
	if (version != MODEL_VERSION)
	{
		problem = "version must be 1";
		goto invalid;
	}
	n = v[MK_CHANNELS].nitems;
	nedges = v[MK_FROM].nitems;
	if ((n > 0 && !v[MK_CHANNELS].strings) || v[MK_TO].nitems != nedges ||
		v[MK_COUNTS].nitems != nedges ||
		(nedges > 0 && (!v[MK_FROM].strings || !v[MK_TO].strings || v[MK_COUNTS].strings)))
	{
		problem = "\"channels\", \"from\" and \"to\" must be arrays of labels and \"counts\" of "
			"numbers, \"from\", \"to\" and \"counts\" of one length";
		goto invalid;
	}
	if (!channel_count_ok(n, MARKOV_MAX_CHANNELS, "markov_model", fcinfo->context))
		return (Datum) 0;		/* soft on PG 16+, as the other input errors */
	dict = channel_dict_of_json(&v[MK_CHANNELS]);
	if ((problem = (char *) channel_dict_problem(dict, n)) != NULL)
		goto invalid;
	m = model_build(dict, n, NULL, NULL);
	m->journeys = journeys;
	m->conversions = conversions;
	m->value_hi = value;
	m->value_lo = value_low;
	for (i = 0; i < nedges; i++)
	{
		int			from = state_of_label(v[MK_FROM].items[i], v[MK_FROM].item_lens[i], dict, n);
		int			to = state_of_label(v[MK_TO].items[i], v[MK_TO].item_lens[i], dict, n);
		int64		count;

		CHECK_FOR_INTERRUPTS();
		if (!cxm_json_int64(v[MK_COUNTS].items[i], v[MK_COUNTS].item_lens[i], &count, &problem))
			goto invalid;
		if (from < 0 || to < 0 || count <= 0 || from * NSTATES(m) + to <= prev)
		{
			problem = psprintf("transition %d is invalid (states are markers or listed channels, "
							   "counts positive, transitions in state order and distinct)", i + 1);
			goto invalid;
		}
		prev = from * NSTATES(m) + to;
		COUNT(m, from, to) = count;
	}
	channel_dict_load(MODEL_DICT(m), n, m->pool_len, dict);
	if ((problem = (char *) model_problem(m, dict)) != NULL)
		goto invalid;
	PG_RETURN_POINTER(m);
invalid:
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type markov_model: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The model is invalid: %s.", problem),
			 errhint("A markov_model is the text that markov_attribution() produced.")));
}

/*
 * Binary form: int8 version, int8 flags, int32 number of channels, each int16 length + bytes
 * (client encoding, sorted), int64 journeys, int64 conversions, float8 value, float8 value
 * residual, int32 number of non-zero transitions, each int32 from state, int32 to state, int64
 * count (states as in the text form: 0 @start, 1 @conversion, 2 @null, 3 + i channel i).
 */
PG_FUNCTION_INFO_V1(markov_model_send);
Datum
markov_model_send(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	MarkovModel *m = model_arg(fcinfo, 0, &dict);
	int			S = NSTATES(m);
	StringInfoData buf;
	int			i,
				s,
				k,
				nedges = 0;

	pq_begintypsend(&buf);
	channel_dict_send(&buf, m->version, m->flags, dict, m->nchannels);
	pq_sendint64(&buf, m->journeys);
	pq_sendint64(&buf, m->conversions);
	pq_sendfloat8(&buf, m->value_hi);
	pq_sendfloat8(&buf, m->value_lo);
	for (i = 0; i < S * S; i++)
		nedges += m->counts[i] != 0;
	pq_sendint32(&buf, nedges);
	for (s = 0; s < S; s++)
		for (k = 0; k < S; k++)
			if (COUNT(m, s, k) != 0)
			{
				pq_sendint32(&buf, s);
				pq_sendint32(&buf, k);
				pq_sendint64(&buf, COUNT(m, s, k));
			}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(markov_model_recv);
Datum
markov_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			n,
				nedges,
				i,
				prev = -1;
	ChannelLabel *dict;
	MarkovModel *m;
	const char *problem;

	dict = channel_dict_recv(buf, MODEL_VERSION, "markov_model", check_channel_count, &n);
	m = model_build(dict, n, NULL, NULL);
	if (buf->len - buf->cursor < 36)
		attribution_recv_truncated("markov_model", MARKOV_BINARY_HINT);
	m->journeys = pq_getmsgint64(buf);
	m->conversions = pq_getmsgint64(buf);
	m->value_hi = cxm_getmsgfloat8(buf);
	m->value_lo = cxm_getmsgfloat8(buf);
	nedges = (int) pq_getmsgint(buf, 4);
	if (nedges < 0 || nedges > (buf->len - buf->cursor) / 16)
		attribution_recv_truncated("markov_model", MARKOV_BINARY_HINT);
	for (i = 0; i < nedges; i++)
	{
		int			from = (int) pq_getmsgint(buf, 4);
		int			to = (int) pq_getmsgint(buf, 4);
		int64		count = pq_getmsgint64(buf);

		CHECK_FOR_INTERRUPTS();
		if (from < 0 || to < 0 || from >= NSTATES(m) || to >= NSTATES(m) || count <= 0 ||
			from * NSTATES(m) + to <= prev)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary markov_model: transition %d is invalid", i + 1),
					 errhint(MARKOV_BINARY_HINT)));
		prev = from * NSTATES(m) + to;
		COUNT(m, from, to) = count;
	}
	channel_dict_load(MODEL_DICT(m), n, m->pool_len, dict);
	if ((problem = model_problem(m, dict)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary markov_model: %s", problem),
				 errhint(MARKOV_BINARY_HINT)));
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(markov_model_eq);
Datum
markov_model_eq(PG_FUNCTION_ARGS)
{
	ChannelLabel *dict;
	MarkovModel *a = model_arg(fcinfo, 0, &dict);
	MarkovModel *b = model_arg(fcinfo, 1, &dict);

	/* canonical (sorted channels, fixed layout), so equal models are equal bytes */
	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0);
}
