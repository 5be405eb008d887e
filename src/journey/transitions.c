/*
 * transitions.c: the step-to-step transitions of journeys (Sankey edges): transitions(j) lists
 * one journey's edges; the aggregate transition_counts(j) counts edges over many journeys into
 * a transition_summary, which transition_table() turns into (from, to, count, share) rows.
 * Steps are labelled like paths (channel or channel/action) and consecutive equal labels
 * collapse; with markers, '@start' -> first step and last step -> '@end' are edges too ('@'
 * never occurs in a label, so markers cannot clash with a channel).
 */
#include "journey.h"

#include "common/int.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "json_reader.h"

/* the hint of every binary input error of this file */
#define TRANSITIONS_BINARY_HINT "The binary form is int8 version, int8 flags (bit 0 channel/action, bit 1 markers), int32 edges, then per edge int16 + bytes from, int16 + bytes to, int64 count, in increasing order."

#define SUMMARY_VERSION 1
#define FLAG_ACTION_LABELS 0x01
#define FLAG_MARKERS 0x02
#define START_MARKER "@start"
#define END_MARKER "@end"
#define MAX_LABEL (2 * CXM_LABEL_MAX_BYTES + 1)
#define MAX_EDGES 10000

/* ---- edges of one journey ----------------------------------------------------------------- */

typedef struct Edge
{
	const char *from;
	int			from_len;
	const char *to;
	int			to_len;
	int64		count;
} Edge;

/* The label strings of a journey's steps, repeats collapsed, with markers when asked. */
static int
journey_labels(const Journey *j, int flags, char ***labels, int **lens)
{
	int			n,
				i,
				count = 0;
	JourneyStep *steps = journey_steps(j, &n);

	*labels = cxm_alloc_array((int64) n + 2, sizeof(char *), "the step labels of a journey");
	*lens = cxm_alloc_array((int64) n + 2, sizeof(int), "the step labels of a journey");
	if ((flags & FLAG_MARKERS) && n > 0)
	{
		(*labels)[count] = START_MARKER;
		(*lens)[count++] = strlen(START_MARKER);
	}
	for (i = 0; i < n; i++)
	{
		bool		with_action = (flags & FLAG_ACTION_LABELS) && steps[i].action;
		int			len = steps[i].channel_len + (with_action ? 1 + steps[i].action_len : 0);
		char	   *label = palloc(len);

		CHECK_FOR_INTERRUPTS();
		memcpy(label, steps[i].channel, steps[i].channel_len);
		if (with_action)
		{
			label[steps[i].channel_len] = '/';
			memcpy(label + steps[i].channel_len + 1, steps[i].action, steps[i].action_len);
		}
		if (count > 0 && (*lens)[count - 1] == len && memcmp((*labels)[count - 1], label, len) == 0)
			continue;
		(*labels)[count] = label;
		(*lens)[count++] = len;
	}
	if ((flags & FLAG_MARKERS) && n > 0)
	{
		(*labels)[count] = END_MARKER;
		(*lens)[count++] = strlen(END_MARKER);
	}
	return count;
}

static int
compare_bytes(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	return r != 0 ? r : (alen > blen) - (alen < blen);
}

static int
edge_cmp(const void *x, const void *y)
{
	const Edge *a = x;
	const Edge *b = y;
	int			r = compare_bytes(a->from, a->from_len, b->from, b->from_len);

	return r != 0 ? r : compare_bytes(a->to, a->to_len, b->to, b->to_len);
}

/* A journey's edges, sorted, equal edges counted once with their multiplicity. */
static int
journey_edges(const Journey *j, int flags, Edge **edges)
{
	char	  **labels;
	int		   *lens;
	int			n = journey_labels(j, flags, &labels, &lens);
	int			i,
				m = 0;

	*edges = cxm_alloc_array(n, sizeof(Edge), "the transitions of a journey");
	for (i = 0; i + 1 < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		(*edges)[i].from = labels[i];
		(*edges)[i].from_len = lens[i];
		(*edges)[i].to = labels[i + 1];
		(*edges)[i].to_len = lens[i + 1];
		(*edges)[i].count = 1;
	}
	n = Max(n - 1, 0);
	cxm_qsort(*edges, n, sizeof(Edge), edge_cmp);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (m > 0 && edge_cmp(&(*edges)[m - 1], &(*edges)[i]) == 0)
			(*edges)[m - 1].count++;
		else
			(*edges)[m++] = (*edges)[i];
	}
	return m;
}

static int
flags_from_args(FunctionCallInfo fcinfo, int label_arg, int markers_arg)
{
	int			flags = 0;

	if (PG_NARGS() > label_arg && !PG_ARGISNULL(label_arg) &&
		journey_label_option(PG_GETARG_TEXT_PP(label_arg), "transition label") ==
		PATH_LABEL_CHANNEL_ACTION)
		flags |= FLAG_ACTION_LABELS;
	if (PG_NARGS() > markers_arg && !PG_ARGISNULL(markers_arg) && PG_GETARG_BOOL(markers_arg))
		flags |= FLAG_MARKERS;
	return flags;
}

/* The options of flags as text for messages: "label 'channel', markers false". */
static char *
options_text(int flags)
{
	return psprintf("label '%s', markers %s",
					(flags & FLAG_ACTION_LABELS) ? "channel/action" : "channel",
					(flags & FLAG_MARKERS) ? "true" : "false");
}

/* transitions(j, label, markers): one row per consecutive pair of (collapsed) steps */
PG_FUNCTION_INFO_V1(journey_transitions);
Datum
journey_transitions(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	int			flags;
	char	  **labels;
	int		   *lens;
	int			n,
				i;

	cxm_srf_begin(fcinfo, &srf);
	flags = flags_from_args(fcinfo, 1, 2);
	if (PG_ARGISNULL(0))
		return cxm_srf_end(&srf);
	n = journey_labels(journey_arg_stored(fcinfo, 0), flags, &labels, &lens);
	for (i = 0; i + 1 < n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		CHECK_FOR_INTERRUPTS();
		values[0] = PointerGetDatum(cstring_to_text_with_len(labels[i], lens[i]));
		values[1] = PointerGetDatum(cstring_to_text_with_len(labels[i + 1], lens[i + 1]));
		cxm_srf_row(&srf, values, nulls);
	}
	return cxm_srf_end(&srf);
}

/* ---- the summary -------------------------------------------------------------------------- */

/*
 * transition_summary: a 16-byte header, nedges fixed entries sorted by (from, to), then the
 * label bytes the entries point into (offsets from the start of the pool).
 */
typedef struct SummaryEntry
{
	int64		count;
	int32		from_offset;
	int32		to_offset;
	uint16		from_len;
	uint16		to_len;
	int32		reserved;
} SummaryEntry;

typedef struct TransitionSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* FLAG_ACTION_LABELS, FLAG_MARKERS */
	int16		reserved;
	int32		nedges;
	int32		pool_len;
	SummaryEntry entries[FLEXIBLE_ARRAY_MEMBER];
} TransitionSummary;

#define SUMMARY_POOL(s) ((char *) &(s)->entries[(s)->nedges])

static TransitionSummary *
summary_arg(FunctionCallInfo fcinfo, int argno)
{
	TransitionSummary *s = (TransitionSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (s->version != SUMMARY_VERSION || s->nedges < 0 || s->pool_len < 0 ||
		VARSIZE(s) != offsetof(TransitionSummary, entries) + (Size) s->nedges * sizeof(SummaryEntry) + s->pool_len)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("transition_summary value has an unsupported format (version %d)", s->version)));
	return s;
}

static void
summary_edges(const TransitionSummary *s, Edge *edges)
{
	const char *pool = SUMMARY_POOL(s);
	int			i;

	for (i = 0; i < s->nedges; i++)
	{
		CHECK_FOR_INTERRUPTS();
		edges[i].from = pool + s->entries[i].from_offset;
		edges[i].from_len = s->entries[i].from_len;
		edges[i].to = pool + s->entries[i].to_offset;
		edges[i].to_len = s->entries[i].to_len;
		edges[i].count = s->entries[i].count;
	}
}

/*
 * A summary of sorted, distinct edges (allocated in CurrentMemoryContext). More than
 * MAX_EDGES distinct edges is an error: no one reads a Sankey of them, and adding an edge costs
 * a rebuild of the summary, so the cap also bounds the work per row.
 */
static TransitionSummary *
summary_build(const Edge *edges, int n, int flags)
{
	Size		pool = 0;
	TransitionSummary *s;
	char	   *p;
	int			i;

	if (n > MAX_EDGES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("transition summary has more than %d distinct transitions", MAX_EDGES),
				 errhint("Count transitions between fewer distinct steps: label by 'channel' "
						 "rather than 'channel/action', or map rare channels to one label.")));

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pool += edges[i].from_len + edges[i].to_len;
	}
	s = palloc0(offsetof(TransitionSummary, entries) + n * sizeof(SummaryEntry) + pool);
	SET_VARSIZE(s, offsetof(TransitionSummary, entries) + n * sizeof(SummaryEntry) + pool);
	s->version = SUMMARY_VERSION;
	s->flags = flags;
	s->nedges = n;
	s->pool_len = pool;
	p = SUMMARY_POOL(s);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		s->entries[i].count = edges[i].count;
		s->entries[i].from_offset = p - SUMMARY_POOL(s);
		s->entries[i].from_len = edges[i].from_len;
		memcpy(p, edges[i].from, edges[i].from_len);
		p += edges[i].from_len;
		s->entries[i].to_offset = p - SUMMARY_POOL(s);
		s->entries[i].to_len = edges[i].to_len;
		memcpy(p, edges[i].to, edges[i].to_len);
		p += edges[i].to_len;
	}
	return s;
}

/* Merges two sorted edge lists, adding counts of equal edges; returns the merged count. */
static int
merge_edges(const Edge *a, int na, const Edge *b, int nb, Edge *out)
{
	int			i = 0,
				k = 0,
				m = 0;

	while (i < na || k < nb)
	{
		int			r = i == na ? 1 : (k == nb ? -1 : edge_cmp(&a[i], &b[k]));

		CHECK_FOR_INTERRUPTS();
		if (r < 0)
			out[m++] = a[i++];
		else if (r > 0)
			out[m++] = b[k++];
		else
		{
			out[m] = a[i++];
			cxm_add_count(&out[m].count, b[k++].count, "transition count");
			m++;
		}
	}
	return m;
}

/*
 * Adds edges to s: in place when s already has them all (the usual case once the common
 * edges are known), else a merged copy in the per-call context (the executor keeps that one).
 */
static TransitionSummary *
summary_add(TransitionSummary *s, const Edge *edges, int n, bool in_place)
{
	Edge	   *old;
	Edge	   *merged;
	int		   *found = palloc(Max(n, 1) * sizeof(int));
	int			i,
				missing = 0;

	old = palloc(Max(s->nedges, 1) * sizeof(Edge));
	summary_edges(s, old);
	for (i = 0; i < n; i++)
	{
		Edge	   *hit = bsearch(&edges[i], old, s->nedges, sizeof(Edge), edge_cmp);

		CHECK_FOR_INTERRUPTS();
		found[i] = hit ? hit - old : -1;
		missing += hit == NULL;
	}
	if (missing == 0 && in_place)
	{
		for (i = 0; i < n; i++)
		{
			CHECK_FOR_INTERRUPTS();
			cxm_add_count(&s->entries[found[i]].count, edges[i].count, "transition count");
		}
		return s;
	}
	merged = palloc((s->nedges + n) * sizeof(Edge));
	return summary_build(merged, merge_edges(old, s->nedges, edges, n, merged), s->flags);
}

/* transition_counts(j [, label [, markers]]) transition */
PG_FUNCTION_INFO_V1(transition_counts_trans);
Datum
transition_counts_trans(PG_FUNCTION_ARGS)
{
	TransitionSummary *s = PG_ARGISNULL(0) ? NULL : (TransitionSummary *) PG_GETARG_POINTER(0);
	int			flags = flags_from_args(fcinfo, 2, 3);
	Edge	   *edges;
	int			n;

	cxm_require_aggregate(fcinfo, "transition_counts_trans", "transition_counts(j [, label [, markers]])");
	if (s != NULL && s->flags != flags)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("transition_counts options changed within one group"),
				 errdetail("The group started with %s; this row has %s.", options_text(s->flags),
						   options_text(flags)),
				 errhint("Pass constant label and markers arguments.")));
	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	n = journey_edges(journey_arg_stored(fcinfo, 1), flags, &edges);
	if (s == NULL)
		PG_RETURN_POINTER(summary_build(edges, n, flags));
	PG_RETURN_POINTER(summary_add(s, edges, n, true));
}

/* Combine and rollup: the sum of two summaries built with the same options. */
PG_FUNCTION_INFO_V1(transition_summary_combine);
Datum
transition_summary_combine(PG_FUNCTION_ARGS)
{
	TransitionSummary *a = summary_arg(fcinfo, 0);
	TransitionSummary *b = summary_arg(fcinfo, 1);
	Edge	   *edges = palloc(Max(b->nedges, 1) * sizeof(Edge));

	if (a->flags != b->flags)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine transition summaries built with different labels or markers"),
				 errdetail("One has %s; the other %s.", options_text(a->flags), options_text(b->flags)),
				 errhint("Build every summary with the same label and markers arguments.")));
	summary_edges(b, edges);
	PG_RETURN_POINTER(summary_add(a, edges, b->nedges,
								  cxm_may_modify_arg0(fcinfo, a)));
}

/* transition_table(s): (from_step, to_step, transitions, share of from_step's transitions) */
PG_FUNCTION_INFO_V1(transition_summary_table);
Datum
transition_summary_table(PG_FUNCTION_ARGS)
{
	CxmSrf		srf;
	TransitionSummary *s;
	Edge	   *edges;
	int			i,
				group = 0;

	cxm_srf_begin(fcinfo, &srf);
	s = summary_arg(fcinfo, 0);
	edges = palloc(Max(s->nedges, 1) * sizeof(Edge));
	summary_edges(s, edges);
	while (group < s->nedges)
	{
		int			end = group;
		int64		total = 0;

		/* edges are sorted by from_step: one group per origin */
		while (end < s->nedges && edges[end].from_len == edges[group].from_len &&
			   memcmp(edges[end].from, edges[group].from, edges[group].from_len) == 0)
			total += edges[end++].count;
		for (i = group; i < end; i++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};

			CHECK_FOR_INTERRUPTS();
			values[0] = PointerGetDatum(cstring_to_text_with_len(edges[i].from, edges[i].from_len));
			values[1] = PointerGetDatum(cstring_to_text_with_len(edges[i].to, edges[i].to_len));
			values[2] = Int64GetDatum(edges[i].count);
			values[3] = Float8GetDatum((double) edges[i].count / total);
			cxm_srf_row(&srf, values, nulls);
		}
		group = end;
	}
	return cxm_srf_end(&srf);
}

/* ---- I/O: {"version": 1, "label": "channel", "markers": 0, "from": [...], "to": [...],
 *           "counts": [...]} ---------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(transition_summary_out);
Datum
transition_summary_out(PG_FUNCTION_ARGS)
{
	TransitionSummary *s = summary_arg(fcinfo, 0);
	Edge	   *edges = palloc(Max(s->nedges, 1) * sizeof(Edge));
	StringInfoData out;
	int			i;

	summary_edges(s, edges);
	initStringInfo(&out);
	appendStringInfo(&out, "{\"version\": %d, \"label\": \"%s\", \"markers\": %d, \"from\": [",
					 s->version, (s->flags & FLAG_ACTION_LABELS) ? "channel/action" : "channel",
					 (s->flags & FLAG_MARKERS) ? 1 : 0);
	for (i = 0; i < s->nedges; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s\"%.*s\"", i ? ", " : "", edges[i].from_len, edges[i].from);
	}
	appendStringInfoString(&out, "], \"to\": [");
	for (i = 0; i < s->nedges; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s\"%.*s\"", i ? ", " : "", edges[i].to_len, edges[i].to);
	}
	appendStringInfoString(&out, "], \"counts\": [");
	for (i = 0; i < s->nedges; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfo(&out, "%s" INT64_FORMAT, i ? ", " : "", edges[i].count);
	}
	appendStringInfoString(&out, "]}");
	PG_RETURN_CSTRING(out.data);
}

/* NULL when label is a valid step label (channel or channel/action) or a marker. */
static const char *
step_label_problem(const char *label, int len, bool markers)
{
	const char *slash = memchr(label, '/', len);
	const char *problem;

	if (markers && ((len == strlen(START_MARKER) && memcmp(label, START_MARKER, len) == 0) ||
					(len == strlen(END_MARKER) && memcmp(label, END_MARKER, len) == 0)))
		return NULL;
	problem = cxm_label_problem(label, slash ? slash - label : len);
	if (problem == NULL && slash)
		problem = cxm_label_problem(slash + 1, len - (slash + 1 - label));
	return problem;
}

enum summary_key
{
	SK_VERSION, SK_LABEL, SK_MARKERS, SK_FROM, SK_TO, SK_COUNTS, SK_COUNT
};
static const char *const summary_keys[SK_COUNT] = {
	"version", "label", "markers", "from", "to", "counts"
};

PG_FUNCTION_INFO_V1(transition_summary_in);
Datum
transition_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	CxmJsonValue v[SK_COUNT];
	char	   *problem = NULL;
	int64		version,
				markers;
	int			flags = 0,
				n,
				i;
	Edge	   *edges;

	if (!cxm_json_read(input, summary_keys, SK_COUNT, v, &problem) ||
		!cxm_json_expect(&v[SK_VERSION], "version", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[SK_VERSION].text, v[SK_VERSION].len, &version, &problem) ||
		!cxm_json_expect(&v[SK_LABEL], "label", CXM_JSON_STRING, &problem) ||
		!cxm_json_expect(&v[SK_MARKERS], "markers", CXM_JSON_NUMBER, &problem) ||
		!cxm_json_int64(v[SK_MARKERS].text, v[SK_MARKERS].len, &markers, &problem) ||
		!cxm_json_expect(&v[SK_FROM], "from", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[SK_TO], "to", CXM_JSON_ARRAY, &problem) ||
		!cxm_json_expect(&v[SK_COUNTS], "counts", CXM_JSON_ARRAY, &problem))
		goto invalid;
	if (version != SUMMARY_VERSION || (markers != 0 && markers != 1))
	{
		problem = "version must be 1 and markers 0 or 1";
		goto invalid;
	}
	if (v[SK_LABEL].len == 14 && strncmp(v[SK_LABEL].text, "channel/action", 14) == 0)
		flags |= FLAG_ACTION_LABELS;
	else if (!(v[SK_LABEL].len == 7 && strncmp(v[SK_LABEL].text, "channel", 7) == 0))
	{
		problem = "\"label\" must be \"channel\" or \"channel/action\"";
		goto invalid;
	}
	if (markers)
		flags |= FLAG_MARKERS;
	n = v[SK_FROM].nitems;
	if (v[SK_TO].nitems != n || v[SK_COUNTS].nitems != n ||
		(n > 0 && (!v[SK_FROM].strings || !v[SK_TO].strings || v[SK_COUNTS].strings)))
	{
		problem = "\"from\" and \"to\" must be arrays of labels and \"counts\" of numbers, all of one length";
		goto invalid;
	}
	edges = palloc(Max(n, 1) * sizeof(Edge));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		edges[i].from = v[SK_FROM].items[i];
		edges[i].from_len = v[SK_FROM].item_lens[i];
		edges[i].to = v[SK_TO].items[i];
		edges[i].to_len = v[SK_TO].item_lens[i];
		if (!cxm_json_int64(v[SK_COUNTS].items[i], v[SK_COUNTS].item_lens[i], &edges[i].count, &problem))
			goto invalid;
		if (edges[i].count <= 0 || edges[i].from_len > MAX_LABEL || edges[i].to_len > MAX_LABEL ||
			(problem = (char *) step_label_problem(edges[i].from, edges[i].from_len, markers)) != NULL ||
			(problem = (char *) step_label_problem(edges[i].to, edges[i].to_len, markers)) != NULL ||
			(i > 0 && edge_cmp(&edges[i - 1], &edges[i]) >= 0))
		{
			problem = psprintf("edge %d is invalid (counts are positive, labels valid, edges sorted "
							   "and distinct)%s%s", i + 1, problem ? ": a label " : "",
							   problem ? problem : "");
			goto invalid;
		}
	}
	PG_RETURN_POINTER(summary_build(edges, n, flags));
invalid:
	ereturn(fcinfo->context, (Datum) 0,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type transition_summary: \"%s\"",
					cxm_quote_value(input, strlen(input))),
			 errdetail("The summary is invalid: %s.", problem),
			 errhint("A transition_summary is the text that transition_counts() produced.")));
}

/*
 * Binary form: int8 version, int8 flags (bit 0 channel/action labels, bit 1 markers), int32
 * number of edges, then per edge (sorted) int16 + bytes from label, int16 + bytes to label,
 * int64 count. Labels travel in the client encoding, like text's binary form.
 */
PG_FUNCTION_INFO_V1(transition_summary_send);
Datum
transition_summary_send(PG_FUNCTION_ARGS)
{
	TransitionSummary *s = summary_arg(fcinfo, 0);
	Edge	   *edges = palloc(Max(s->nedges, 1) * sizeof(Edge));
	StringInfoData buf;
	int			i;

	summary_edges(s, edges);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->nedges);
	for (i = 0; i < s->nedges; i++)
	{
		CHECK_FOR_INTERRUPTS();
		cxm_send_label(&buf, edges[i].from, edges[i].from_len);
		cxm_send_label(&buf, edges[i].to, edges[i].to_len);
		pq_sendint64(&buf, edges[i].count);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static const char *
recv_label(StringInfo buf, int *len)
{
	const char *label;

	if (buf->len - buf->cursor < 2 || (*len = pq_getmsgint(buf, 2)) > MAX_LABEL ||
		buf->len - buf->cursor < *len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary transition_summary is truncated or has a label that is too long"),
				 errhint(TRANSITIONS_BINARY_HINT)));
	/* converted from the client encoding and verified (22021 for invalid bytes) */
	label = cxm_recv_label(buf, *len, len);
	if (*len > MAX_LABEL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary transition_summary has a label of %d bytes in the server encoding, more than %d",
						*len, MAX_LABEL),
				 errhint(TRANSITIONS_BINARY_HINT)));
	return label;
}

PG_FUNCTION_INFO_V1(transition_summary_recv);
Datum
transition_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				flags,
				n,
				i;
	Edge	   *edges;

	if (buf->len - buf->cursor < 6)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary transition_summary is truncated"),
				 errhint(TRANSITIONS_BINARY_HINT)));
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	n = (int) pq_getmsgint(buf, 4);
	if (version != SUMMARY_VERSION || (flags & ~(FLAG_ACTION_LABELS | FLAG_MARKERS)) != 0 ||
		n < 0 || n > (buf->len - buf->cursor) / 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary transition_summary: version %d, flags 0x%02x, %d edges",
						version, flags, n),
				 errhint(TRANSITIONS_BINARY_HINT)));
	edges = palloc(Max(n, 1) * sizeof(Edge));
	for (i = 0; i < n; i++)
	{
		const char *problem;

		CHECK_FOR_INTERRUPTS();
		edges[i].from = recv_label(buf, &edges[i].from_len);
		edges[i].to = recv_label(buf, &edges[i].to_len);
		if (buf->len - buf->cursor < 8)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("binary transition_summary is truncated"),
					 errhint(TRANSITIONS_BINARY_HINT)));
		edges[i].count = pq_getmsgint64(buf);
		problem = step_label_problem(edges[i].from, edges[i].from_len, flags & FLAG_MARKERS);
		if (problem == NULL)
			problem = step_label_problem(edges[i].to, edges[i].to_len, flags & FLAG_MARKERS);
		if (problem != NULL || edges[i].count <= 0 ||
			(i > 0 && edge_cmp(&edges[i - 1], &edges[i]) >= 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary transition_summary: edge %d is invalid", i + 1),
					 errhint(TRANSITIONS_BINARY_HINT)));
	}
	PG_RETURN_POINTER(summary_build(edges, n, flags));
}

PG_FUNCTION_INFO_V1(transition_summary_eq);
Datum
transition_summary_eq(PG_FUNCTION_ARGS)
{
	TransitionSummary *a = summary_arg(fcinfo, 0);
	TransitionSummary *b = summary_arg(fcinfo, 1);

	/* built canonically (sorted, pool in entry order), so equal summaries are equal bytes */
	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0);
}
