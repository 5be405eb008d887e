/*
 * type_compare.c: the btree and hash operator classes of every cxm type but touchpoint (which
 * orders by time in touchpoint.c), so that values can be grouped, sorted, deduplicated and
 * joined. Each type's comparison key (type_compare.h) is equal for exactly the values its =
 * operator finds equal; the order is the keys' byte order, arbitrary but the same on every
 * platform, and hashes are of the keys. Here are the keys of the types whose layout is in a
 * header, and the SQL entry points of all: prefix_cmp, _lt, _le, _gt, _ge, _ne, _hash and
 * _hash_extended.
 */
#include "type_compare.h"

#include "common/hashfn.h"
#include "utils/memutils.h"

#include "activity.h"
#include "fitted_model.h"
#include "feedback.h"
#include "journey.h"

/* ---- keys ------------------------------------------------------------------------------------ */

/* the binary output functions of the types whose = compares stored bytes */
extern Datum activity_set_send(PG_FUNCTION_ARGS);
extern Datum transition_summary_send(PG_FUNCTION_ARGS);
extern Datum markov_model_send(PG_FUNCTION_ARGS);
extern Datum term_summary_send(PG_FUNCTION_ARGS);

/* nps_summary, csat_summary, ces_summary: what feedback_eq compares (weights when weighted) */
static void
feedback_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	FeedbackSummary *s = feedback_arg(fcinfo, argno, NULL);
	int			i;

	cxm_key_uint(key, s->kind, 1);
	cxm_key_uint(key, s->flags, 1);
	cxm_key_int(key, s->scale_min, 2);
	cxm_key_int(key, s->scale_max, 2);
	for (i = 0; i < s->npoints; i++)
		cxm_key_int(key, s->counts[i], 8);
	if (s->flags & FEEDBACK_WEIGHTED)
		for (i = 0; i < s->npoints; i++)
		{
			cxm_key_double(key, s->weights[i].hi);
			cxm_key_double(key, s->weights[i].lo);
			cxm_key_double(key, s->squared_weights[i].hi);
			cxm_key_double(key, s->squared_weights[i].lo);
		}
}

/* activity_set: activity_set_eq compares the stored bytes */
static void
activity_set_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	cxm_key_sent_then_stored(key, activity_set_send, activity_set_arg(fcinfo, argno));
}

/* the steps of a journey (or a journey_path_state) in journey order, with their count and size */
void
journey_steps_compare_key(StringInfo key, const JourneyStep *steps, int n, int32 used)
{
	int			i;

	cxm_key_int(key, n, 4);
	cxm_key_int(key, used, 4);
	/* a step's key is about as long as its stored record: the key is the journey's size */
	enlargeStringInfo(key, used + n);
	for (i = 0; i < n; i++)
	{
		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		cxm_key_int(key, steps[i].at, 8);
		cxm_key_uint(key, steps[i].channel_len, 1);
		appendBinaryStringInfo(key, steps[i].channel, steps[i].channel_len);
		if (steps[i].action == NULL)
			cxm_key_uint(key, 0, 1);
		else
		{
			cxm_key_uint(key, 1, 1);
			cxm_key_uint(key, steps[i].action_len, 1);
			appendBinaryStringInfo(key, steps[i].action, steps[i].action_len);
		}
	}
}

/*
 * journey: the steps in journey order, as journey_eq compares them (a journey stored by 0.1.0
 * has the key of the same steps built now)
 */
static void
journey_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	Journey    *j = journey_arg(fcinfo, argno);
	JourneyStep *steps;
	int			n;

	steps = journey_steps(j, &n);
	journey_steps_compare_key(key, steps, n, j->used);
	pfree(steps);
}

/*
 * transition_summary and markov_model: their = compares the stored bytes, which are canonical;
 * their send functions check the format.
 */
static void
transition_summary_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	cxm_key_sent_then_stored(key, transition_summary_send,
							 PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));
}

/* term_summary: = compares the canonical stored bytes too */
static void
term_summary_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	cxm_key_sent_then_stored(key, term_summary_send, PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));
}

static void
markov_model_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	cxm_key_sent_then_stored(key, markov_model_send, PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));
}

/*
 * bgnbd_model, paretonbd_model, gammagamma_model: what cxm_model_equal compares (flags,
 * iterations, parameters, log-likelihood, customers); the parameters are as many as the size
 * says, and every model of one type has the same.
 */
static void
model_compare_key(FunctionCallInfo fcinfo, int argno, StringInfo key)
{
	CxmModel   *m = (CxmModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	int64		customers;
	int			ndoubles,
				k;

	if (VARSIZE(m) < offsetof(CxmModel, values) + 3 * sizeof(double) ||
		(VARSIZE(m) - offsetof(CxmModel, values)) % sizeof(double) != 0 ||
		m->version != CXM_MODEL_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("model value has an unsupported format (version %d)", m->version)));
	ndoubles = (VARSIZE(m) - offsetof(CxmModel, values)) / sizeof(double) - 1;
	cxm_key_uint(key, m->flags, 1);
	cxm_key_int(key, m->iterations, 4);
	for (k = 0; k < ndoubles; k++)
		cxm_key_double(key, m->values[k]);
	memcpy(&customers, &m->values[ndoubles], sizeof(int64));
	cxm_key_int(key, customers, 8);
}

/* ---- comparison and hashing by keys ---------------------------------------------------------- */

/*
 * Keys, and what reading a value allocates (detoasted copies, decoded steps), go into a context
 * that is reset after each call: sorts call the comparison in a long-lived context, once per
 * pair, and must not accumulate memory. The context lives as long as the call site (fn_extra);
 * a call without one (DirectFunctionCall) gets its own for the call.
 */
static MemoryContext
key_context_begin(FunctionCallInfo fcinfo)
{
	MemoryContext context;

	if (fcinfo->flinfo == NULL)
		context = AllocSetContextCreate(CurrentMemoryContext, "cxm comparison keys",
										ALLOCSET_SMALL_SIZES);
	else
	{
		if (fcinfo->flinfo->fn_extra == NULL)
			fcinfo->flinfo->fn_extra =
				AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "cxm comparison keys",
									  ALLOCSET_DEFAULT_SIZES);
		context = (MemoryContext) fcinfo->flinfo->fn_extra;
	}
	return MemoryContextSwitchTo(context);
}

static void
key_context_end(FunctionCallInfo fcinfo, MemoryContext caller)
{
	MemoryContext context = MemoryContextSwitchTo(caller);

	if (fcinfo->flinfo == NULL)
		MemoryContextDelete(context);
	else
		MemoryContextReset(context);
}

static int
compare_by_key(FunctionCallInfo fcinfo, CxmCompareKey build_key)
{
	MemoryContext caller = key_context_begin(fcinfo);
	StringInfoData a,
				b;
	int			result;

	initStringInfo(&a);
	initStringInfo(&b);
	build_key(fcinfo, 0, &a);
	build_key(fcinfo, 1, &b);
	result = memcmp(a.data, b.data, Min(a.len, b.len));
	if (result == 0)
		result = (a.len > b.len) - (a.len < b.len);
	key_context_end(fcinfo, caller);
	return result < 0 ? -1 : (result > 0 ? 1 : 0);
}

/* the 64-bit hash; its low 32 bits with seed 0 are the 32-bit hash, as hash indexes require */
static uint64
hash_by_key(FunctionCallInfo fcinfo, CxmCompareKey build_key, uint64 seed)
{
	MemoryContext caller = key_context_begin(fcinfo);
	StringInfoData key;
	uint64		hash;

	initStringInfo(&key);
	build_key(fcinfo, 0, &key);
	hash = DatumGetUInt64(hash_any_extended((unsigned char *) key.data, key.len, seed));
	key_context_end(fcinfo, caller);
	return hash;
}

/*
 * The SQL entry points of one type. Its = operator keeps its own function, whose result the
 * key reproduces; prefix_ne is the negator for the types that had no <> before.
 */
#define CXM_COMPARISON_ENTRY_POINTS(prefix, build_key) \
	PG_FUNCTION_INFO_V1(prefix##_cmp); \
	Datum prefix##_cmp(PG_FUNCTION_ARGS) { PG_RETURN_INT32(compare_by_key(fcinfo, build_key)); } \
	PG_FUNCTION_INFO_V1(prefix##_lt); \
	Datum prefix##_lt(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(compare_by_key(fcinfo, build_key) < 0); } \
	PG_FUNCTION_INFO_V1(prefix##_le); \
	Datum prefix##_le(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(compare_by_key(fcinfo, build_key) <= 0); } \
	PG_FUNCTION_INFO_V1(prefix##_gt); \
	Datum prefix##_gt(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(compare_by_key(fcinfo, build_key) > 0); } \
	PG_FUNCTION_INFO_V1(prefix##_ge); \
	Datum prefix##_ge(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(compare_by_key(fcinfo, build_key) >= 0); } \
	PG_FUNCTION_INFO_V1(prefix##_hash); \
	Datum prefix##_hash(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_INT32((int32) (uint32) hash_by_key(fcinfo, build_key, 0)); \
	} \
	PG_FUNCTION_INFO_V1(prefix##_hash_extended); \
	Datum prefix##_hash_extended(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_INT64((int64) hash_by_key(fcinfo, build_key, (uint64) PG_GETARG_INT64(1))); \
	}

#define CXM_NE_ENTRY_POINT(prefix, build_key) \
	PG_FUNCTION_INFO_V1(prefix##_ne); \
	Datum prefix##_ne(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(compare_by_key(fcinfo, build_key) != 0); }

/* the three survey summaries share one layout (and feedback_eq) */
/*
 * SQL entry points: feedback_cmp, feedback_lt, feedback_le, feedback_gt, feedback_ge,
 * feedback_hash, feedback_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(feedback, feedback_compare_key)
/*
 * SQL entry points: activity_set_cmp, activity_set_lt, activity_set_le, activity_set_gt,
 * activity_set_ge, activity_set_hash, activity_set_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(activity_set, activity_set_compare_key)
/* SQL entry points: activity_set_ne */
CXM_NE_ENTRY_POINT(activity_set, activity_set_compare_key)
/*
 * SQL entry points: activity_summary_cmp, activity_summary_lt, activity_summary_le,
 * activity_summary_gt, activity_summary_ge, activity_summary_hash, activity_summary_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(activity_summary, activity_summary_compare_key)
/* SQL entry points: activity_summary_ne */
CXM_NE_ENTRY_POINT(activity_summary, activity_summary_compare_key)
/*
 * SQL entry points: journey_cmp, journey_lt, journey_le, journey_gt, journey_ge, journey_hash,
 * journey_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(journey, journey_compare_key)
/* SQL entry points: journey_ne */
CXM_NE_ENTRY_POINT(journey, journey_compare_key)
/*
 * SQL entry points: journey_path_state_cmp, journey_path_state_lt, journey_path_state_le,
 * journey_path_state_gt, journey_path_state_ge, journey_path_state_hash,
 * journey_path_state_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(journey_path_state, journey_path_state_compare_key)
/* SQL entry points: journey_path_state_ne */
CXM_NE_ENTRY_POINT(journey_path_state, journey_path_state_compare_key)
/*
 * SQL entry points: transition_summary_cmp, transition_summary_lt, transition_summary_le,
 * transition_summary_gt, transition_summary_ge, transition_summary_hash,
 * transition_summary_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(transition_summary, transition_summary_compare_key)
/* SQL entry points: transition_summary_ne */
CXM_NE_ENTRY_POINT(transition_summary, transition_summary_compare_key)
/*
 * SQL entry points: term_summary_cmp, term_summary_lt, term_summary_le, term_summary_gt,
 * term_summary_ge, term_summary_hash, term_summary_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(term_summary, term_summary_compare_key)
/* SQL entry points: term_summary_ne */
CXM_NE_ENTRY_POINT(term_summary, term_summary_compare_key)
/*
 * SQL entry points: funnel_state_cmp, funnel_state_lt, funnel_state_le, funnel_state_gt,
 * funnel_state_ge, funnel_state_hash, funnel_state_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(funnel_state, funnel_state_compare_key)
/* SQL entry points: funnel_state_ne */
CXM_NE_ENTRY_POINT(funnel_state, funnel_state_compare_key)
/*
 * SQL entry points: markov_model_cmp, markov_model_lt, markov_model_le, markov_model_gt,
 * markov_model_ge, markov_model_hash, markov_model_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(markov_model, markov_model_compare_key)
/* SQL entry points: markov_model_ne */
CXM_NE_ENTRY_POINT(markov_model, markov_model_compare_key)
/*
 * SQL entry points: shapley_model_cmp, shapley_model_lt, shapley_model_le, shapley_model_gt,
 * shapley_model_ge, shapley_model_hash, shapley_model_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(shapley_model, shapley_model_compare_key)
/* SQL entry points: shapley_model_ne */
CXM_NE_ENTRY_POINT(shapley_model, shapley_model_compare_key)
/*
 * SQL entry points: rfm_state_cmp, rfm_state_lt, rfm_state_le, rfm_state_gt, rfm_state_ge,
 * rfm_state_hash, rfm_state_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(rfm_state, rfm_state_compare_key)
/*
 * SQL entry points: sbg_data_cmp, sbg_data_lt, sbg_data_le, sbg_data_gt, sbg_data_ge,
 * sbg_data_hash, sbg_data_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(sbg_data, sbg_data_compare_key)
/* SQL entry points: sbg_data_ne */
CXM_NE_ENTRY_POINT(sbg_data, sbg_data_compare_key)
/*
 * SQL entry points: rfm_patterns_cmp, rfm_patterns_lt, rfm_patterns_le, rfm_patterns_gt,
 * rfm_patterns_ge, rfm_patterns_hash, rfm_patterns_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(rfm_patterns, rfm_patterns_compare_key)
/*
 * SQL entry points: spend_patterns_cmp, spend_patterns_lt, spend_patterns_le, spend_patterns_gt,
 * spend_patterns_ge, spend_patterns_hash, spend_patterns_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(spend_patterns, spend_patterns_compare_key)
/* the three models share one layout */
/*
 * SQL entry points: fitted_model_cmp, fitted_model_lt, fitted_model_le, fitted_model_gt,
 * fitted_model_ge, fitted_model_hash, fitted_model_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(fitted_model, model_compare_key)
/*
 * SQL entry points: driver_summary_cmp, driver_summary_lt, driver_summary_le,
 * driver_summary_gt, driver_summary_ge, driver_summary_hash, driver_summary_hash_extended
 */
CXM_COMPARISON_ENTRY_POINTS(driver_summary, driver_summary_compare_key)
/* SQL entry points: driver_summary_ne */
CXM_NE_ENTRY_POINT(driver_summary, driver_summary_compare_key)
