/*
 * tally.c: nps_tally and csat_tally, the states of nps_agg(score) and csat_agg(score [, scale]).
 * A tally is the few counts the metric needs packed into 8 bytes and passed by value, so that a
 * GROUP BY keeps each group's state inside the hash table's own entry instead of in a separately
 * allocated summary (a cache miss per row on many groups). Here: the packing, text and binary
 * I/O, comparison, the transition per score type, combine and the final functions. Counts stop
 * at what the packing holds: reaching that limit is an error (22003), never a wrap; the
 * summaries count to 2^63.
 */
#include "feedback.h"

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "json_reader.h"

/*
 * nps_tally: answers (bits 63..32, at most NPS_TALLY_MAX) and net = promoters - detractors
 * (bits 31..0, two's complement; |net| <= answers, so it always fits). The empty tally is 0.
 */
#define NPS_TALLY_MAX INT64CONST(2147483647)

/*
 * csat_tally: the scale N of the 1..N scale (bits 63..60, 0 while empty: the first answer sets
 * it), answers (bits 59..30, at most CSAT_TALLY_MAX) and satisfied answers, the top two points
 * (bits 29..0). The empty tally is 0.
 */
#define CSAT_TALLY_MAX INT64CONST(1073741823)
#define CSAT_COUNT_BITS 30

#define NPS_TALLY_HINT "Use nps(nps_summary(score)), which counts up to 9223372036854775807 answers."
#define CSAT_TALLY_HINT "Use csat(csat_summary(score, scale)), which counts up to 9223372036854775807 answers."

typedef struct NpsTally
{
	int64		answers;
	int64		net;
} NpsTally;

typedef struct CsatTally
{
	int			scale;			/* 0 when empty */
	int64		answers;
	int64		satisfied;
} CsatTally;

static inline NpsTally
nps_unpack(uint64 v)
{
	NpsTally	t = {(int64) (v >> 32), (int32) (uint32) v};

	return t;
}

static inline uint64
nps_pack(NpsTally t)
{
	return ((uint64) t.answers << 32) | (uint32) (int32) t.net;
}

static inline CsatTally
csat_unpack(uint64 v)
{
	CsatTally	t = {(int) (v >> 60), (int64) ((v >> CSAT_COUNT_BITS) & CSAT_TALLY_MAX),
	(int64) (v & CSAT_TALLY_MAX)};

	return t;
}

static inline uint64
csat_pack(CsatTally t)
{
	return ((uint64) t.scale << 60) | ((uint64) t.answers << CSAT_COUNT_BITS) | (uint64) t.satisfied;
}

static void
too_many_answers(const char *type_name, int64 answers, int64 limit, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s answer count " INT64_FORMAT " is out of range (the most a tally holds is "
					INT64_FORMAT ")", type_name, answers, limit),
			 errhint("%s", hint)));
}

/* NULL when t is a tally that aggregation can produce, otherwise what is wrong */
static const char *
nps_tally_problem(NpsTally t)
{
	if (t.answers < 0 || t.answers > NPS_TALLY_MAX)
		return psprintf("answers " INT64_FORMAT " is not between 0 and " INT64_FORMAT,
						t.answers, NPS_TALLY_MAX);
	if (t.net < -t.answers || t.net > t.answers)
		return psprintf("net " INT64_FORMAT " is not between -answers and answers (" INT64_FORMAT ")",
						t.net, t.answers);
	return NULL;
}

static const char *
csat_tally_problem(CsatTally t)
{
	if (t.answers < 0 || t.answers > CSAT_TALLY_MAX)
		return psprintf("answers " INT64_FORMAT " is not between 0 and " INT64_FORMAT,
						t.answers, CSAT_TALLY_MAX);
	if (t.satisfied < 0 || t.satisfied > t.answers)
		return psprintf("satisfied " INT64_FORMAT " is not between 0 and answers (" INT64_FORMAT ")",
						t.satisfied, t.answers);
	if (t.answers == 0 && t.scale != 0)
		return "an empty tally has no scale (the first answer sets it)";
	if (t.answers > 0 && (t.scale < feedback_csat.min_scale || t.scale > feedback_csat.max_scale))
		return t.scale == 0 ? "a tally with answers needs its \"scale\""
			: psprintf("scale %d is not supported (1..N with N from %d to %d)", t.scale,
					   feedback_csat.min_scale, feedback_csat.max_scale);
	return NULL;
}

/* ---- text I/O: {"answers": 100, "net": 30} and {"scale": 5, "answers": 100, "satisfied": 80} --- */

/* Reads the whole-number keys of a tally's text form (a missing one reads as missing[k]). */
static bool
tally_parse(const char *input, const char *const *keys, int nkeys, int64 *values,
			bool *present, char **problem)
{
	CxmJsonValue v[3];
	int			k;

	if (!cxm_json_read(input, keys, nkeys, v, problem))
		return false;
	for (k = 0; k < nkeys; k++)
	{
		present[k] = v[k].kind != CXM_JSON_MISSING;
		values[k] = 0;
		if (present[k] &&
			(!cxm_json_expect(&v[k], keys[k], CXM_JSON_NUMBER, problem) ||
			 !cxm_json_int64(v[k].text, v[k].len, &values[k], problem)))
			return false;
	}
	return true;
}

PG_FUNCTION_INFO_V1(nps_tally_in);
Datum
nps_tally_in(PG_FUNCTION_ARGS)
{
	static const char *const keys[] = {"answers", "net"};
	char	   *input = PG_GETARG_CSTRING(0);
	int64		values[2];
	bool		present[2];
	char	   *problem = NULL;
	NpsTally	t = {0, 0};

	if (tally_parse(input, keys, 2, values, present, &problem))
	{
		t.answers = values[0];
		t.net = values[1];
		if (!present[0] || !present[1])
			problem = psprintf("\"%s\" is missing", present[0] ? "net" : "answers");
		else
			problem = (char *) nps_tally_problem(t);
	}
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type nps_tally: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The tally is invalid: %s.", problem),
				 errhint("Write nps_tally values as {\"answers\": N, \"net\": promoters - detractors} "
						 "with N from 0 to " INT64_FORMAT " and net from -N to N.", NPS_TALLY_MAX)));
	PG_RETURN_INT64((int64) nps_pack(t));
}

PG_FUNCTION_INFO_V1(nps_tally_out);
Datum
nps_tally_out(PG_FUNCTION_ARGS)
{
	NpsTally	t = nps_unpack((uint64) PG_GETARG_INT64(0));

	PG_RETURN_CSTRING(psprintf("{\"answers\": " INT64_FORMAT ", \"net\": " INT64_FORMAT "}",
							   t.answers, t.net));
}

PG_FUNCTION_INFO_V1(csat_tally_in);
Datum
csat_tally_in(PG_FUNCTION_ARGS)
{
	static const char *const keys[] = {"scale", "answers", "satisfied"};
	char	   *input = PG_GETARG_CSTRING(0);
	int64		values[3];
	bool		present[3];
	char	   *problem = NULL;
	CsatTally	t = {0, 0, 0};

	if (tally_parse(input, keys, 3, values, present, &problem))
	{
		t.answers = values[1];
		t.satisfied = values[2];
		if (!present[1] || !present[2])
			problem = psprintf("\"%s\" is missing", present[1] ? "satisfied" : "answers");
		else if (present[0] && (values[0] < 1 || values[0] > 15))
			problem = psprintf("scale " INT64_FORMAT " is not supported (1..N with N from %d to %d)",
							   values[0], feedback_csat.min_scale, feedback_csat.max_scale);
		else
		{
			t.scale = (int) values[0];
			problem = (char *) csat_tally_problem(t);
		}
	}
	if (problem != NULL)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type csat_tally: \"%s\"",
						cxm_quote_value(input, strlen(input))),
				 errdetail("The tally is invalid: %s.", problem),
				 errhint("Write csat_tally values as {\"scale\": N, \"answers\": n, \"satisfied\": s} "
						 "with N from %d to %d, n from 1 to " INT64_FORMAT " and s from 0 to n; the "
						 "empty tally is {\"answers\": 0, \"satisfied\": 0}.",
						 feedback_csat.min_scale, feedback_csat.max_scale, CSAT_TALLY_MAX)));
	PG_RETURN_INT64((int64) csat_pack(t));
}

PG_FUNCTION_INFO_V1(csat_tally_out);
Datum
csat_tally_out(PG_FUNCTION_ARGS)
{
	CsatTally	t = csat_unpack((uint64) PG_GETARG_INT64(0));

	if (t.scale == 0)
		PG_RETURN_CSTRING(psprintf("{\"answers\": " INT64_FORMAT ", \"satisfied\": " INT64_FORMAT "}",
								   t.answers, t.satisfied));
	PG_RETURN_CSTRING(psprintf("{\"scale\": %d, \"answers\": " INT64_FORMAT ", \"satisfied\": "
							   INT64_FORMAT "}", t.scale, t.answers, t.satisfied));
}

/* ---- binary I/O: nps_tally int64 answers, int64 net; csat_tally int16 scale (0 when empty),
 * int64 answers, int64 satisfied ------------------------------------------------------------- */

#define NPS_TALLY_BINARY_HINT "The binary form of nps_tally is int64 answers (0 to 2147483647), then int64 net (-answers to answers)."
#define CSAT_TALLY_BINARY_HINT "The binary form of csat_tally is int16 scale (3 to 10; 0 when empty), int64 answers (0 to 1073741823), then int64 satisfied (0 to answers)."

static void
tally_recv_check(StringInfo buf, int needed, const char *type_name, const char *hint)
{
	if (buf->len - buf->cursor != needed)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("binary %s has %d bytes, %d expected", type_name,
						buf->len - buf->cursor, needed),
				 errhint("%s", hint)));
}

PG_FUNCTION_INFO_V1(nps_tally_recv);
Datum
nps_tally_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	NpsTally	t;
	const char *problem;

	tally_recv_check(buf, 16, "nps_tally", NPS_TALLY_BINARY_HINT);
	t.answers = pq_getmsgint64(buf);
	t.net = pq_getmsgint64(buf);
	problem = nps_tally_problem(t);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary nps_tally: %s", problem),
				 errhint(NPS_TALLY_BINARY_HINT)));
	PG_RETURN_INT64((int64) nps_pack(t));
}

PG_FUNCTION_INFO_V1(nps_tally_send);
Datum
nps_tally_send(PG_FUNCTION_ARGS)
{
	NpsTally	t = nps_unpack((uint64) PG_GETARG_INT64(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, t.answers);
	pq_sendint64(&buf, t.net);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(csat_tally_recv);
Datum
csat_tally_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CsatTally	t;
	const char *problem;

	tally_recv_check(buf, 18, "csat_tally", CSAT_TALLY_BINARY_HINT);
	t.scale = (int16) pq_getmsgint(buf, 2);
	t.answers = pq_getmsgint64(buf);
	t.satisfied = pq_getmsgint64(buf);
	if (t.scale < 0 || t.scale > 15)
		problem = psprintf("scale %d is not supported (1..N with N from %d to %d)", t.scale,
						   feedback_csat.min_scale, feedback_csat.max_scale);
	else
		problem = csat_tally_problem(t);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary csat_tally: %s", problem),
				 errhint(CSAT_TALLY_BINARY_HINT)));
	PG_RETURN_INT64((int64) csat_pack(t));
}

PG_FUNCTION_INFO_V1(csat_tally_send);
Datum
csat_tally_send(PG_FUNCTION_ARGS)
{
	CsatTally	t = csat_unpack((uint64) PG_GETARG_INT64(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, t.scale);
	pq_sendint64(&buf, t.answers);
	pq_sendint64(&buf, t.satisfied);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * ---- comparison, shared by both tallies: = is equality of the counts (and scale); the btree
 * order is that of the packed value as an unsigned number, arbitrary but the same everywhere
 */

static inline int
tally_cmp_args(FunctionCallInfo fcinfo)
{
	uint64		a = (uint64) PG_GETARG_INT64(0);
	uint64		b = (uint64) PG_GETARG_INT64(1);

	return a < b ? -1 : (a > b ? 1 : 0);
}

PG_FUNCTION_INFO_V1(feedback_tally_cmp);
Datum
feedback_tally_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(tally_cmp_args(fcinfo));
}

PG_FUNCTION_INFO_V1(feedback_tally_eq);
Datum
feedback_tally_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(feedback_tally_ne);
Datum
feedback_tally_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(feedback_tally_lt);
Datum
feedback_tally_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(feedback_tally_le);
Datum
feedback_tally_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(feedback_tally_gt);
Datum
feedback_tally_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(feedback_tally_ge);
Datum
feedback_tally_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tally_cmp_args(fcinfo) >= 0);
}

/* hashed as bigint hashes (the same on every platform) */
PG_FUNCTION_INFO_V1(feedback_tally_hash);
Datum
feedback_tally_hash(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(hashint8, PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(feedback_tally_hash_extended);
Datum
feedback_tally_hash_extended(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(hashint8extended, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1));
}

/* ---- the aggregates ------------------------------------------------------------------------ */

/*
 * A whole-number score in range read without a function call, or -1 for the general path
 * (feedback_score), which raises the errors.
 */
static inline int
tally_int_score(FunctionCallInfo fcinfo, Oid score_type, int lowest, int highest)
{
	int64		score;

	if (!feedback_whole_score(fcinfo->args[1].value, score_type, &score))
		return -1;
	return score >= lowest && score <= highest ? (int) score : -1;
}

/*
 * nps_agg's transition: (tally, score), strict, so NULL scores never arrive. Pure (the tally is
 * a value), so it may run outside an aggregate too.
 */
static inline Datum
nps_tally_trans(FunctionCallInfo fcinfo, Oid score_type)
{
	NpsTally	t = nps_unpack((uint64) PG_GETARG_INT64(0));
	int			score = tally_int_score(fcinfo, score_type, 0, 10);

	if (score < 0)
		score = feedback_score(fcinfo, score_type, &feedback_nps, 10);
	if (unlikely(t.answers >= NPS_TALLY_MAX))
		too_many_answers("nps_tally", t.answers + 1, NPS_TALLY_MAX, NPS_TALLY_HINT);
	t.answers++;
	t.net += (score >= 9) - (score <= 6);
	PG_RETURN_INT64((int64) nps_pack(t));
}

/*
 * csat_agg's transition: (tally, score [, scale]). With the scale argument it is not strict, so
 * that a NULL or unsupported scale is an error even beside a NULL score, as it is for
 * csat_summary; a NULL score is skipped. The first answer sets the tally's scale; another
 * scale later in the same aggregate is an error.
 */
static inline Datum
csat_tally_trans(FunctionCallInfo fcinfo, Oid score_type)
{
	CsatTally	t = csat_unpack(PG_ARGISNULL(0) ? 0 : (uint64) PG_GETARG_INT64(0));
	int			scale = PG_NARGS() >= 3 ? feedback_scale_arg(fcinfo, 2, &feedback_csat)
		: feedback_csat.default_scale_max;
	int			score;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		return PG_GETARG_DATUM(0);
	}
	score = tally_int_score(fcinfo, score_type, 1, scale);
	if (score < 0)
		score = feedback_score(fcinfo, score_type, &feedback_csat, scale);
	if (t.answers > 0 && t.scale != scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("CSAT scale changed from %d to %d within one aggregate", t.scale, scale),
				 errhint("Aggregate each scale separately, e.g. GROUP BY the scale.")));
	if (unlikely(t.answers >= CSAT_TALLY_MAX))
		too_many_answers("csat_tally", t.answers + 1, CSAT_TALLY_MAX, CSAT_TALLY_HINT);
	t.scale = scale;
	t.answers++;
	t.satisfied += score >= scale - 1;
	PG_RETURN_INT64((int64) csat_pack(t));
}

#define TALLY_TRANSITION_ENTRY_POINT(metric, suffix, score_type) \
	PG_FUNCTION_INFO_V1(metric##_tally_trans_##suffix); \
	Datum metric##_tally_trans_##suffix(PG_FUNCTION_ARGS) \
	{ \
		return metric##_tally_trans(fcinfo, score_type); \
	}

/*
 * SQL entry points: nps_tally_trans_int2, nps_tally_trans_int4, nps_tally_trans_int8,
 * nps_tally_trans_numeric, nps_tally_trans_float8, csat_tally_trans_int2,
 * csat_tally_trans_int4, csat_tally_trans_int8, csat_tally_trans_numeric,
 * csat_tally_trans_float8
 */
TALLY_TRANSITION_ENTRY_POINT(nps, int2, INT2OID)
TALLY_TRANSITION_ENTRY_POINT(nps, int4, INT4OID)
TALLY_TRANSITION_ENTRY_POINT(nps, int8, INT8OID)
TALLY_TRANSITION_ENTRY_POINT(nps, numeric, NUMERICOID)
TALLY_TRANSITION_ENTRY_POINT(nps, float8, FLOAT8OID)
TALLY_TRANSITION_ENTRY_POINT(csat, int2, INT2OID)
TALLY_TRANSITION_ENTRY_POINT(csat, int4, INT4OID)
TALLY_TRANSITION_ENTRY_POINT(csat, int8, INT8OID)
TALLY_TRANSITION_ENTRY_POINT(csat, numeric, NUMERICOID)
TALLY_TRANSITION_ENTRY_POINT(csat, float8, FLOAT8OID)

/* combine functions: the sum, refused past the limit */
PG_FUNCTION_INFO_V1(nps_tally_combine);
Datum
nps_tally_combine(PG_FUNCTION_ARGS)
{
	NpsTally	a = nps_unpack((uint64) PG_GETARG_INT64(0));
	NpsTally	b = nps_unpack((uint64) PG_GETARG_INT64(1));

	if (a.answers + b.answers > NPS_TALLY_MAX)
		too_many_answers("nps_tally", a.answers + b.answers, NPS_TALLY_MAX, NPS_TALLY_HINT);
	a.answers += b.answers;
	a.net += b.net;
	PG_RETURN_INT64((int64) nps_pack(a));
}

PG_FUNCTION_INFO_V1(csat_tally_combine);
Datum
csat_tally_combine(PG_FUNCTION_ARGS)
{
	CsatTally	a = csat_unpack((uint64) PG_GETARG_INT64(0));
	CsatTally	b = csat_unpack((uint64) PG_GETARG_INT64(1));

	if (a.answers > 0 && b.answers > 0 && a.scale != b.scale)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine csat_tally values on different scales (1 to %d and 1 to %d)",
						a.scale, b.scale),
				 errhint("Combine only tallies of the same scale.")));
	if (a.answers + b.answers > CSAT_TALLY_MAX)
		too_many_answers("csat_tally", a.answers + b.answers, CSAT_TALLY_MAX, CSAT_TALLY_HINT);
	if (a.answers == 0)
		a.scale = b.scale;
	a.answers += b.answers;
	a.satisfied += b.satisfied;
	PG_RETURN_INT64((int64) csat_pack(a));
}

/*
 * Final functions: the metric, NULL without answers. The same arithmetic as nps(summary) and
 * csat(summary) on the same counts (exact as doubles), so the results are identical.
 */
PG_FUNCTION_INFO_V1(nps_tally_final);
Datum
nps_tally_final(PG_FUNCTION_ARGS)
{
	NpsTally	t = nps_unpack((uint64) PG_GETARG_INT64(0));

	if (t.answers == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) t.net / (double) t.answers);
}

PG_FUNCTION_INFO_V1(csat_tally_final);
Datum
csat_tally_final(PG_FUNCTION_ARGS)
{
	CsatTally	t = csat_unpack((uint64) PG_GETARG_INT64(0));

	if (t.answers == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) t.satisfied / (double) t.answers);
}
