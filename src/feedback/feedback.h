/*
 * feedback.h: the survey-score summary shared by nps_summary, csat_summary and ces_summary
 * (feedback.c), and the per-metric description each of nps.c, csat.c and ces.c supplies.
 */
#ifndef CXM_FEEDBACK_H
#define CXM_FEEDBACK_H

#include "cxm.h"

#include "catalog/pg_type.h"
#include "nodes/nodes.h"

/* NPS answers run 0..10, the widest scale; CSAT and CES scales are 1..N with N <= 10. */
#define FEEDBACK_MAX_POINTS 11
#define FEEDBACK_VERSION 1
#define FEEDBACK_WEIGHTED 0x01

typedef enum FeedbackKind
{
	FEEDBACK_NPS = 1,
	FEEDBACK_CSAT = 2,
	FEEDBACK_CES = 3
} FeedbackKind;

/*
 * The summary: per scale point, the number of answers and (when weighted) the total weight and
 * total squared weight. An unweighted summary ends after the counts of its scale's points
 * (FEEDBACK_BYTES): 104 bytes for NPS, 56 for a 1-5 CSAT, rather than 456, which keeps one
 * summary per group of a large GROUP BY in cache. A summary's size never changes, so
 * aggregates update it in place. Stored with double alignment; version first so later releases
 * can read what this one wrote.
 */
typedef struct FeedbackSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		kind;			/* FeedbackKind */
	uint8		flags;			/* FEEDBACK_WEIGHTED */
	uint8		npoints;		/* scale points: scale_max - scale_min + 1 */
	int16		scale_min;
	int16		scale_max;
	int64		counts[FEEDBACK_MAX_POINTS];
	ExactSum	weights[FEEDBACK_MAX_POINTS];
	ExactSum	squared_weights[FEEDBACK_MAX_POINTS];
} FeedbackSummary;

/* the size of a summary: when unweighted, counts for its npoints only, and no weight arrays */
#define FEEDBACK_BYTES(flags, npoints) \
	(((flags) & FEEDBACK_WEIGHTED) ? sizeof(FeedbackSummary) \
	 : offsetof(FeedbackSummary, counts) + (Size) (npoints) * sizeof(int64))

/* What differs between NPS, CSAT and CES. */
typedef struct FeedbackMetric
{
	FeedbackKind kind;
	const char *name;			/* "NPS" */
	const char *type_name;		/* "nps_summary" */
	int			default_scale_min;
	int			default_scale_max;
	bool		takes_scale;	/* (score, scale [, weight]) rather than (score [, weight]) */
	int			min_scale;		/* allowed scale argument range (1..N) */
	int			max_scale;
} FeedbackMetric;

extern const FeedbackMetric feedback_nps;
extern const FeedbackMetric feedback_csat;
extern const FeedbackMetric feedback_ces;

#define PG_GETARG_FEEDBACK_P(n) ((FeedbackSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/*
 * Aggregate support, shared by the three metrics. score_type is the SQL type of the score
 * argument, fixed by the C entry point (one per type, so that nothing depends on the call
 * expression, which Citus's worker_partial_agg does not pass); InvalidOid only for the 0.1.0
 * entry points declared with anyelement, which read it from the call expression.
 */
extern Datum feedback_transition(FunctionCallInfo fcinfo, const FeedbackMetric *metric,
								 Oid score_type, bool inverse);
extern Datum feedback_combine(FunctionCallInfo fcinfo, const FeedbackMetric *metric);
extern Datum feedback_in(FunctionCallInfo fcinfo, const FeedbackMetric *metric);
extern Datum feedback_recv(FunctionCallInfo fcinfo, const FeedbackMetric *metric);

/*
 * A whole-number score (smallint, integer, bigint) read from its Datum without a function
 * call; false for the other score types (numeric, double precision), which take the general
 * path. Shared by the transitions' fast paths (feedback_count_fast here, the tallies in tally.c).
 */
static inline bool
feedback_whole_score(Datum value, Oid score_type, int64 *score)
{
	switch (score_type)
	{
		case INT2OID:
			*score = DatumGetInt16(value);
			return true;
		case INT4OID:
			*score = DatumGetInt32(value);
			return true;
		case INT8OID:
			*score = DatumGetInt64(value);
			return true;
		default:
			return false;
	}
}

/*
 * The per-row hot path of every forward transition with a whole-number score type, inlined
 * into the entry point so that a row costs one small function call: an unweighted score on the
 * default scale, added to a state the aggregate already owns. Reads only the arguments and the
 * call context (an aggregate or window aggregate owns its state, so it may be updated in
 * place), never fn_extra or fn_expr. Returns false when the general path must run (first row,
 * NULLs, weights, a scale argument, numeric and float scores, scores off the scale, a call
 * outside an aggregate).
 */
static inline bool
feedback_count_fast(FunctionCallInfo fcinfo, Oid score_type)
{
	FeedbackSummary *s;
	int64		score;
	uint64		point;

	if (fcinfo->nargs != 2 || fcinfo->args[0].isnull || fcinfo->args[1].isnull ||
		fcinfo->context == NULL ||
		!(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState)))
		return false;
	if (!feedback_whole_score(fcinfo->args[1].value, score_type, &score))
		return false;
	s = (FeedbackSummary *) DatumGetPointer(fcinfo->args[0].value);
	point = (uint64) score - (uint64) (int64) s->scale_min;
	if (point >= s->npoints)
		return false;
	s->counts[point]++;
	return true;
}

/* The forward and inverse transition entry points of one score type. */
#define FEEDBACK_TRANSITION_ENTRY_POINTS(prefix, metric, suffix, score_type) \
	PG_FUNCTION_INFO_V1(prefix##_trans_##suffix); \
	Datum prefix##_trans_##suffix(PG_FUNCTION_ARGS) \
	{ \
		if (feedback_count_fast(fcinfo, score_type)) \
			return fcinfo->args[0].value; \
		return feedback_transition(fcinfo, &(metric), score_type, false); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_inv_trans_##suffix); \
	Datum prefix##_inv_trans_##suffix(PG_FUNCTION_ARGS) \
	{ \
		return feedback_transition(fcinfo, &(metric), score_type, true); \
	}

/*
 * The SQL entry points that need to know the metric: input, binary input, transition and
 * inverse transition per score type (smallint, integer, bigint, numeric, double precision;
 * prefix_trans and prefix_inv_trans are the anyelement ones of 0.1.0), combine. (Output, send
 * and the common accessors read the metric from the value and are shared: feedback_out,
 * feedback_send, feedback_*_sql.)
 */
#define FEEDBACK_ENTRY_POINTS(prefix, metric) \
	PG_FUNCTION_INFO_V1(prefix##_in); \
	Datum prefix##_in(PG_FUNCTION_ARGS) { return feedback_in(fcinfo, &(metric)); } \
	PG_FUNCTION_INFO_V1(prefix##_recv); \
	Datum prefix##_recv(PG_FUNCTION_ARGS) { return feedback_recv(fcinfo, &(metric)); } \
	PG_FUNCTION_INFO_V1(prefix##_trans); \
	Datum prefix##_trans(PG_FUNCTION_ARGS) { return feedback_transition(fcinfo, &(metric), InvalidOid, false); } \
	PG_FUNCTION_INFO_V1(prefix##_inv_trans); \
	Datum prefix##_inv_trans(PG_FUNCTION_ARGS) { return feedback_transition(fcinfo, &(metric), InvalidOid, true); } \
	FEEDBACK_TRANSITION_ENTRY_POINTS(prefix, metric, int2, INT2OID) \
	FEEDBACK_TRANSITION_ENTRY_POINTS(prefix, metric, int4, INT4OID) \
	FEEDBACK_TRANSITION_ENTRY_POINTS(prefix, metric, int8, INT8OID) \
	FEEDBACK_TRANSITION_ENTRY_POINTS(prefix, metric, numeric, NUMERICOID) \
	FEEDBACK_TRANSITION_ENTRY_POINTS(prefix, metric, float8, FLOAT8OID) \
	PG_FUNCTION_INFO_V1(prefix##_combine); \
	Datum prefix##_combine(PG_FUNCTION_ARGS) { return feedback_combine(fcinfo, &(metric)); }

/*
 * Arguments of the transition functions, with the errors of every feedback aggregate: the score
 * (argument 1, of the type the entry point was declared for) as a whole number from the
 * metric's lowest point to scale_max; the scale argument N of csat and ces (1..N).
 */
extern int	feedback_score(FunctionCallInfo fcinfo, Oid score_type, const FeedbackMetric *metric,
						   int scale_max);
extern int	feedback_scale_arg(FunctionCallInfo fcinfo, int argno, const FeedbackMetric *metric);

/* reading a summary (metric NULL: any kind) */
extern FeedbackSummary *feedback_arg(FunctionCallInfo fcinfo, int argno,
									 const FeedbackMetric *metric);
extern int64 feedback_responses(const FeedbackSummary *s);
extern double feedback_exact_value(const ExactSum *sum);
/* total weight of the answers at scale points [from, to] (answer counts when unweighted) */
extern double feedback_total(const FeedbackSummary *s, int from, int to);
extern double feedback_effective_n(const FeedbackSummary *s);
extern Datum feedback_score_counts(const FeedbackSummary *s);

/* the (difference, std_error, z, p_value) row of compare(a, b) */
extern Datum feedback_comparison_row(FunctionCallInfo fcinfo, double difference, double se);

/* checking accessor parameters */
extern double feedback_level_arg(FunctionCallInfo fcinfo, int argno);

#endif							/* CXM_FEEDBACK_H */
