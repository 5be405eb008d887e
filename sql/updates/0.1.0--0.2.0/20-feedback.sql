-- feedback metrics: one overload per score type instead of anyelement.
-- nps_agg, nps_summary, csat_agg, csat_summary, ces_agg and ces_summary took `score anyelement`:
-- an unknown literal (nps_agg('9'), nps_agg(NULL)) could not be resolved, and Citus cannot run
-- anyelement aggregates (its workers call the transition function without the call expression
-- that tells an anyelement function its argument type). Each now has one overload per score
-- type -- smallint, integer, bigint, numeric and double precision (real and other types cast
-- implicitly to one of them; an unknown literal resolves to double precision, as for avg) --
-- whose transition functions are separate C entry points that know their score type.

-- the anyelement aggregates and their transition functions
DROP AGGREGATE @extschema@.nps_agg(anyelement);
DROP AGGREGATE @extschema@.nps_agg(anyelement, float8);
DROP AGGREGATE @extschema@.nps_summary(anyelement);
DROP AGGREGATE @extschema@.nps_summary(anyelement, float8);
DROP AGGREGATE @extschema@.csat_agg(anyelement);
DROP AGGREGATE @extschema@.csat_agg(anyelement, int4);
DROP AGGREGATE @extschema@.csat_agg(anyelement, int4, float8);
DROP AGGREGATE @extschema@.csat_summary(anyelement);
DROP AGGREGATE @extschema@.csat_summary(anyelement, int4);
DROP AGGREGATE @extschema@.csat_summary(anyelement, int4, float8);
DROP AGGREGATE @extschema@.ces_agg(anyelement);
DROP AGGREGATE @extschema@.ces_agg(anyelement, int4);
DROP AGGREGATE @extschema@.ces_agg(anyelement, int4, float8);
DROP AGGREGATE @extschema@.ces_summary(anyelement);
DROP AGGREGATE @extschema@.ces_summary(anyelement, int4);
DROP AGGREGATE @extschema@.ces_summary(anyelement, int4, float8);
DROP FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, anyelement);
DROP FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, anyelement, float8);
DROP FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, anyelement);
DROP FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement);
DROP FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement, int4);
DROP FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement, int4, float8);
DROP FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, anyelement);
DROP FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, anyelement, int4);
DROP FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement);
DROP FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement, int4);
DROP FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement, int4, float8);
DROP FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, anyelement);
DROP FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, anyelement, int4);

-- NPS: transition functions per score type (inverse ones for the unweighted moving aggregates)
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, int2) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, int2, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, int2) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_inv_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, int4) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, int4, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, int4) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_inv_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, int8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, int8, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, int8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_inv_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, numeric) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, numeric, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, numeric) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_inv_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, float8, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_inv_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- NPS: aggregates per score type
CREATE AGGREGATE @extschema@.nps_agg(score int2) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    MFINALFUNC = @extschema@.nps, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score int2, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score int2) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score int2, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score int4) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    MFINALFUNC = @extschema@.nps, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score int4, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score int4) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score int4, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score int8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    MFINALFUNC = @extschema@.nps, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score int8, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score int8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score int8, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score numeric) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    MFINALFUNC = @extschema@.nps, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score numeric, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score numeric) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score numeric, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    MFINALFUNC = @extschema@.nps, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score float8, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score float8, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);

-- CSAT: transition functions per score type (inverse ones for the unweighted moving aggregates)
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int2) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int2, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int2, int4, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, int2) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, int2, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int4, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int4, int4, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, int4, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int8, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, int8, int4, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, int8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, int8, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, numeric) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, numeric, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, numeric, int4, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, numeric) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, numeric, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, float8, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, float8, int4, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, float8, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- CSAT: aggregates per score type
CREATE AGGREGATE @extschema@.csat_agg(score int2) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int2, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int2, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int2) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int2, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int2, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int4, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int4, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int4, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int4, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int8, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score int8, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int8, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score int8, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score numeric) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score numeric, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score numeric, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score numeric) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score numeric, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score numeric, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score float8, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score float8, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score float8, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score float8, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);

-- CES: transition functions per score type (inverse ones for the unweighted moving aggregates)
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int2) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int2, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int2, int4, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, int2) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, int2, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_int2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int4, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int4, int4, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, int4, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int8, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, int8, int4, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, int8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, int8, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, numeric) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, numeric, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, numeric, int4, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, numeric) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, numeric, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_numeric' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, float8, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, float8, int4, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, float8, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- CES: aggregates per score type
CREATE AGGREGATE @extschema@.ces_agg(score int2) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int2, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int2, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int2) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int2, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int2, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int4, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int4, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int4, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int4, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int8, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score int8, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int8, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score int8, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score numeric) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score numeric, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score numeric, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score numeric) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score numeric, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score numeric, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score float8, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score float8, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score float8, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score float8, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);

-- CES: compare(a, b), Welch's t test on the mean effort (NPS and CSAT have a z test)
CREATE FUNCTION @extschema@.compare(a @extschema@.ces_summary, b @extschema@.ces_summary,
    OUT difference float8, OUT std_error float8, OUT t float8, OUT df float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'ces_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
