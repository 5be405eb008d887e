/* cxm 0.1.0 install script. Objects refer to each other through @extschema@ so that the script
   does not depend on search_path (it runs as superuser even when cxm is installed as trusted). */

\echo Use "CREATE EXTENSION cxm" to load this file. \quit

-------------------------------------------------------------------------------------------------
-- touchpoint: one customer interaction (channel, optional action, time)
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.touchpoint;

-- STABLE, like timestamptz_in: a literal without a UTC offset is read in the session TimeZone.
CREATE FUNCTION @extschema@.touchpoint_in(cstring) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_out(@extschema@.touchpoint) RETURNS cstring
    AS 'MODULE_PATHNAME', 'touchpoint_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE, like textrecv/textsend: labels travel in the session's client_encoding.
CREATE FUNCTION @extschema@.touchpoint_recv(internal) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_send(@extschema@.touchpoint) RETURNS bytea
    AS 'MODULE_PATHNAME', 'touchpoint_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.touchpoint (
    INPUT = @extschema@.touchpoint_in,
    OUTPUT = @extschema@.touchpoint_out,
    RECEIVE = @extschema@.touchpoint_recv,
    SEND = @extschema@.touchpoint_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,           -- fields are read with memcpy, no alignment needed
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.touchpoint IS
    'one customer interaction: channel, optional action, time; literal channel[/action]@time';

-- Not STRICT: a NULL action means "no action"; a NULL channel or time gives NULL.
CREATE FUNCTION @extschema@.touchpoint(channel text, action text, occurred_at timestamptz)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint(channel text, occurred_at timestamptz)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.channel(tp @extschema@.touchpoint) RETURNS text
    AS 'MODULE_PATHNAME', 'touchpoint_channel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.action(tp @extschema@.touchpoint) RETURNS text
    AS 'MODULE_PATHNAME', 'touchpoint_action' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.occurred_at(tp @extschema@.touchpoint) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'touchpoint_occurred_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- comparison: time, then channel, then action (absent first); labels compare byte-wise

CREATE FUNCTION @extschema@.touchpoint_cmp(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS int4 AS 'MODULE_PATHNAME', 'touchpoint_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_eq(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_ne(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_lt(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_le(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_gt(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_ge(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'touchpoint_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_hash(@extschema@.touchpoint) RETURNS int4
    AS 'MODULE_PATHNAME', 'touchpoint_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_hash_extended(@extschema@.touchpoint, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'touchpoint_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.touchpoint_ops
    DEFAULT FOR TYPE @extschema@.touchpoint USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.touchpoint_cmp(@extschema@.touchpoint, @extschema@.touchpoint),
        FUNCTION 2 @extschema@.touchpoint_sortsupport(internal),
        -- equal touchpoints are byte-identical, so btree deduplication is safe
        FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS @extschema@.touchpoint_hash_ops
    DEFAULT FOR TYPE @extschema@.touchpoint USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.touchpoint_hash(@extschema@.touchpoint),
        FUNCTION 2 @extschema@.touchpoint_hash_extended(@extschema@.touchpoint, int8);

-- min/max: the earliest and latest touchpoint in the btree order (time, channel, action)
CREATE FUNCTION @extschema@.touchpoint_smaller(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_larger(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.min(@extschema@.touchpoint) (
    SFUNC = @extschema@.touchpoint_smaller,
    STYPE = @extschema@.touchpoint,
    COMBINEFUNC = @extschema@.touchpoint_smaller,
    SORTOP = OPERATOR(@extschema@.<),
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.touchpoint) (
    SFUNC = @extschema@.touchpoint_larger,
    STYPE = @extschema@.touchpoint,
    COMBINEFUNC = @extschema@.touchpoint_larger,
    SORTOP = OPERATOR(@extschema@.>),
    PARALLEL = SAFE
);

-------------------------------------------------------------------------------------------------
-- feedback metrics: nps_summary, csat_summary, ces_summary and their aggregates
-- Scores are anyelement so that smallint, integer, bigint and numeric work without casts; the
-- transition function checks the type once per query. NULL scores and weights are skipped.
-------------------------------------------------------------------------------------------------

-- NPS: Net Promoter Score: % promoters (9-10) minus % detractors (0-6), -100..100

CREATE TYPE @extschema@.nps_summary;
CREATE FUNCTION @extschema@.nps_summary_in(cstring) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'feedback_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_recv(internal) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'feedback_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.nps_summary (
    INPUT = @extschema@.nps_summary_in, OUTPUT = @extschema@.nps_summary_out,
    RECEIVE = @extschema@.nps_summary_recv, SEND = @extschema@.nps_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE @extschema@.nps_summary IS 'NPS survey summary: answers per scale point (and weights); merge with rollup()';
CREATE FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary, FUNCTION = @extschema@.nps_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary, FUNCTION = @extschema@.nps_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, anyelement) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, anyelement) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_inv_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, anyelement, float8) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_combine(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.responses(summary @extschema@.nps_summary) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_responses_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.effective_n(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'feedback_effective_n_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.score_counts(summary @extschema@.nps_summary) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'feedback_score_counts_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.std_error(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_std_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.promoters(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.passives(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.detractors(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_lower(summary @extschema@.nps_summary, level float8 DEFAULT 0.95, method text DEFAULT 'wald') RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_upper(summary @extschema@.nps_summary, level float8 DEFAULT 0.95, method text DEFAULT 'wald') RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.compare(a @extschema@.nps_summary, b @extschema@.nps_summary,
    OUT difference float8, OUT std_error float8, OUT z float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'nps_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.nps_agg(score anyelement) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    MFINALFUNC = @extschema@.nps, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score anyelement, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score anyelement) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    MSFUNC = @extschema@.nps_summary_trans, MINVFUNC = @extschema@.nps_summary_inv_trans,
    MSTYPE = @extschema@.nps_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary(score anyelement, weight float8) (
    SFUNC = @extschema@.nps_summary_trans,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.nps_summary) (
    SFUNC = @extschema@.nps_summary_combine,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_summary_combine,
    PARALLEL = SAFE
);

-- CSAT: Customer Satisfaction: % of answers in the top two points of a 1..N scale

CREATE TYPE @extschema@.csat_summary;
CREATE FUNCTION @extschema@.csat_summary_in(cstring) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_out(@extschema@.csat_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'feedback_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_recv(internal) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_send(@extschema@.csat_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'feedback_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.csat_summary (
    INPUT = @extschema@.csat_summary_in, OUTPUT = @extschema@.csat_summary_out,
    RECEIVE = @extschema@.csat_summary_recv, SEND = @extschema@.csat_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE @extschema@.csat_summary IS 'CSAT survey summary: answers per scale point (and weights); merge with rollup()';
CREATE FUNCTION @extschema@.csat_summary_eq(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_ne(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.csat_summary, RIGHTARG = @extschema@.csat_summary, FUNCTION = @extschema@.csat_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.csat_summary, RIGHTARG = @extschema@.csat_summary, FUNCTION = @extschema@.csat_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, anyelement) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, anyelement, int4) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_inv_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement, int4, float8) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_combine(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS @extschema@.csat_summary
    AS 'MODULE_PATHNAME', 'csat_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat(summary @extschema@.csat_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.responses(summary @extschema@.csat_summary) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_responses_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.effective_n(summary @extschema@.csat_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'feedback_effective_n_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.score_counts(summary @extschema@.csat_summary) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'feedback_score_counts_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.std_error(summary @extschema@.csat_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_std_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.satisfied(summary @extschema@.csat_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_satisfied' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_lower(summary @extschema@.csat_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_upper(summary @extschema@.csat_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.compare(a @extschema@.csat_summary, b @extschema@.csat_summary,
    OUT difference float8, OUT std_error float8, OUT z float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'csat_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.csat_agg(score anyelement) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score anyelement, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    MFINALFUNC = @extschema@.csat, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_agg(score anyelement, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    FINALFUNC = @extschema@.csat, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score anyelement) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score anyelement, scale int4) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    MSFUNC = @extschema@.csat_summary_trans, MINVFUNC = @extschema@.csat_summary_inv_trans,
    MSTYPE = @extschema@.csat_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.csat_summary(score anyelement, scale int4, weight float8) (
    SFUNC = @extschema@.csat_summary_trans,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.csat_summary) (
    SFUNC = @extschema@.csat_summary_combine,
    STYPE = @extschema@.csat_summary,
    COMBINEFUNC = @extschema@.csat_summary_combine,
    PARALLEL = SAFE
);

-- CES: Customer Effort Score: mean answer on a 1..N scale (1..7 by default)

CREATE TYPE @extschema@.ces_summary;
CREATE FUNCTION @extschema@.ces_summary_in(cstring) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_out(@extschema@.ces_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'feedback_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_recv(internal) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_send(@extschema@.ces_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'feedback_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.ces_summary (
    INPUT = @extschema@.ces_summary_in, OUTPUT = @extschema@.ces_summary_out,
    RECEIVE = @extschema@.ces_summary_recv, SEND = @extschema@.ces_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE @extschema@.ces_summary IS 'CES survey summary: answers per scale point (and weights); merge with rollup()';
CREATE FUNCTION @extschema@.ces_summary_eq(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_ne(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.ces_summary, RIGHTARG = @extschema@.ces_summary, FUNCTION = @extschema@.ces_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.ces_summary, RIGHTARG = @extschema@.ces_summary, FUNCTION = @extschema@.ces_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, anyelement) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, anyelement, int4) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_inv_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement, int4, float8) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_combine(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS @extschema@.ces_summary
    AS 'MODULE_PATHNAME', 'ces_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces(summary @extschema@.ces_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'ces_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.responses(summary @extschema@.ces_summary) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_responses_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.effective_n(summary @extschema@.ces_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'feedback_effective_n_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.score_counts(summary @extschema@.ces_summary) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'feedback_score_counts_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.std_error(summary @extschema@.ces_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'ces_std_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_lower(summary @extschema@.ces_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'ces_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_upper(summary @extschema@.ces_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'ces_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.ces_agg(score anyelement) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score anyelement, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    MFINALFUNC = @extschema@.ces, MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_agg(score anyelement, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    FINALFUNC = @extschema@.ces, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score anyelement) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score anyelement, scale int4) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    MSFUNC = @extschema@.ces_summary_trans, MINVFUNC = @extschema@.ces_summary_inv_trans,
    MSTYPE = @extschema@.ces_summary,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.ces_summary(score anyelement, scale int4, weight float8) (
    SFUNC = @extschema@.ces_summary_trans,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.ces_summary) (
    SFUNC = @extschema@.ces_summary_combine,
    STYPE = @extschema@.ces_summary,
    COMBINEFUNC = @extschema@.ces_summary_combine,
    PARALLEL = SAFE
);

-------------------------------------------------------------------------------------------------
-- customer lifecycle: activity_set (one customer's active periods), activity_summary (counts per
-- period over many customers), retention / churn / lifecycle tables, churn_status
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.activity_set;
CREATE FUNCTION @extschema@.activity_set_in(cstring) RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_set_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_out(@extschema@.activity_set) RETURNS cstring
    AS 'MODULE_PATHNAME', 'activity_set_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_recv(internal) RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_set_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_send(@extschema@.activity_set) RETURNS bytea
    AS 'MODULE_PATHNAME', 'activity_set_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.activity_set (
    INPUT = @extschema@.activity_set_in, OUTPUT = @extschema@.activity_set_out,
    RECEIVE = @extschema@.activity_set_recv, SEND = @extschema@.activity_set_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.activity_set IS
    'one customer''s active periods (days, weeks or calendar months in a time zone) since a start';
CREATE FUNCTION @extschema@.activity_set_eq(@extschema@.activity_set, @extschema@.activity_set)
    RETURNS bool AS 'MODULE_PATHNAME', 'activity_set_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set,
    FUNCTION = @extschema@.activity_set_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);

-- STABLE: time zone rules come from the server's time zone database
CREATE FUNCTION @extschema@.activity_periods_trans(@extschema@.activity_set, timestamptz,
        timestamptz, interval, timestamptz)
    RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_periods_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_periods_trans(@extschema@.activity_set, timestamptz,
        timestamptz, interval, timestamptz, text)
    RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_periods_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_combine(@extschema@.activity_set, @extschema@.activity_set)
    RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_set_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.activity_periods(activity_at timestamptz, start timestamptz,
        period interval, as_of timestamptz) (
    SFUNC = @extschema@.activity_periods_trans,
    STYPE = @extschema@.activity_set,
    COMBINEFUNC = @extschema@.activity_set_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.activity_periods(activity_at timestamptz, start timestamptz,
        period interval, as_of timestamptz, time_zone text) (
    SFUNC = @extschema@.activity_periods_trans,
    STYPE = @extschema@.activity_set,
    COMBINEFUNC = @extschema@.activity_set_combine,
    PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.active_periods(activity @extschema@.activity_set) RETURNS int4[]
    AS 'MODULE_PATHNAME', 'activity_set_active_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.complete_periods(activity @extschema@.activity_set) RETURNS int4
    AS 'MODULE_PATHNAME', 'activity_set_complete_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lifecycle_states(activity @extschema@.activity_set,
        OUT period int4, OUT period_start timestamptz, OUT state text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_set_lifecycle_states' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 12;

CREATE TYPE @extschema@.activity_summary;
CREATE FUNCTION @extschema@.activity_summary_in(cstring) RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_out(@extschema@.activity_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'activity_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_recv(internal) RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_send(@extschema@.activity_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'activity_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.activity_summary (
    INPUT = @extschema@.activity_summary_in, OUTPUT = @extschema@.activity_summary_out,
    RECEIVE = @extschema@.activity_summary_recv, SEND = @extschema@.activity_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.activity_summary IS
    'per-period customer counts of many activity sets: retention, churn, lifecycle states';
CREATE FUNCTION @extschema@.activity_summary_eq(@extschema@.activity_summary, @extschema@.activity_summary)
    RETURNS bool AS 'MODULE_PATHNAME', 'activity_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary,
    FUNCTION = @extschema@.activity_summary_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE FUNCTION @extschema@.activity_summary_trans(@extschema@.activity_summary, @extschema@.activity_set)
    RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_combine(@extschema@.activity_summary, @extschema@.activity_summary)
    RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.activity_summary(activity @extschema@.activity_set) (
    SFUNC = @extschema@.activity_summary_trans,
    STYPE = @extschema@.activity_summary,
    COMBINEFUNC = @extschema@.activity_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.activity_summary) (
    SFUNC = @extschema@.activity_summary_combine,
    STYPE = @extschema@.activity_summary,
    COMBINEFUNC = @extschema@.activity_summary_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.customers(summary @extschema@.activity_summary) RETURNS int8
    AS 'MODULE_PATHNAME', 'activity_summary_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: period starts are computed with the server's time zone database
CREATE FUNCTION @extschema@.retention_table(summary @extschema@.activity_summary,
        OUT period int4, OUT period_start timestamptz, OUT customers int8, OUT retained int8,
        OUT rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_summary_retention' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;
CREATE FUNCTION @extschema@.churn_table(summary @extschema@.activity_summary,
        OUT period int4, OUT period_start timestamptz, OUT active_previous int8, OUT churned int8,
        OUT churn_rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_summary_churn' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;
CREATE FUNCTION @extschema@.lifecycle_table(summary @extschema@.activity_summary,
        OUT period int4, OUT period_start timestamptz, OUT new_customers int8,
        OUT returning_customers int8, OUT resurrecting_customers int8, OUT dormant_customers int8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_summary_lifecycle' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;

-- STABLE: the intervals are added on the calendar of the session TimeZone
CREATE FUNCTION @extschema@.churn_status(last_activity timestamptz, as_of timestamptz,
        churned_after interval)
    RETURNS text AS 'MODULE_PATHNAME', 'churn_status' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_status(last_activity timestamptz, as_of timestamptz,
        churned_after interval, at_risk_after interval)
    RETURNS text AS 'MODULE_PATHNAME', 'churn_status' LANGUAGE C STABLE STRICT PARALLEL SAFE;

-------------------------------------------------------------------------------------------------
-- journeys: the journey type, journey_agg, accessors, journey_path, sessions, funnels
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.journey;
-- STABLE: steps are touchpoint literals, whose times without offset use the session TimeZone
CREATE FUNCTION @extschema@.journey_in(cstring) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_out(@extschema@.journey) RETURNS cstring
    AS 'MODULE_PATHNAME', 'journey_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: labels travel in the client encoding, as in touchpoint_recv/send
CREATE FUNCTION @extschema@.journey_recv(internal) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_send(@extschema@.journey) RETURNS bytea
    AS 'MODULE_PATHNAME', 'journey_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.journey (
    INPUT = @extschema@.journey_in, OUTPUT = @extschema@.journey_out,
    RECEIVE = @extschema@.journey_recv, SEND = @extschema@.journey_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended
);
COMMENT ON TYPE @extschema@.journey IS
    'a customer''s touchpoints ordered by time, then channel, then action';
CREATE FUNCTION @extschema@.journey_eq(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
    FUNCTION = @extschema@.journey_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);

CREATE FUNCTION @extschema@.journey_agg_trans(@extschema@.journey, @extschema@.touchpoint)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_combine(@extschema@.journey, @extschema@.journey)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_agg_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_final(@extschema@.journey) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.journey_agg(tp @extschema@.touchpoint) (
    SFUNC = @extschema@.journey_agg_trans,
    STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_agg_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_agg_combine,
    PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.steps(j @extschema@.journey) RETURNS SETOF @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'journey_steps_srf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
CREATE FUNCTION @extschema@.journey_length(j @extschema@.journey) RETURNS int4
    AS 'MODULE_PATHNAME', 'journey_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_duration(j @extschema@.journey) RETURNS interval
    AS 'MODULE_PATHNAME', 'journey_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_touch(j @extschema@.journey) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'journey_first_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.last_touch(j @extschema@.journey) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'journey_last_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sessions(j @extschema@.journey, gap interval DEFAULT '30 minutes')
    RETURNS SETOF @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_sessions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

-- journey_path: not strict, so that NULL options mean the defaults
CREATE FUNCTION @extschema@.path(j @extschema@.journey, label text DEFAULT 'channel',
        keep_repeats boolean DEFAULT false, max_steps int4 DEFAULT 0)
    RETURNS text AS 'MODULE_PATHNAME', 'journey_path_of' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint, text)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint, text, boolean)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint, text, boolean, int4)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_final(@extschema@.journey) RETURNS text
    AS 'MODULE_PATHNAME', 'journey_path_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_agg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint, label text) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_agg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint, label text, keep_repeats boolean) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_agg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint, label text, keep_repeats boolean,
        max_steps int4) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_agg_combine, PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.funnel_level(j @extschema@.journey, steps text[], within interval,
        mode text DEFAULT 'default')
    RETURNS int4 AS 'MODULE_PATHNAME', 'funnel_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_times(j @extschema@.journey, steps text[], within interval,
        mode text DEFAULT 'default')
    RETURNS interval[] AS 'MODULE_PATHNAME', 'funnel_times' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- transitions (Sankey edges) of journeys
CREATE FUNCTION @extschema@.transitions(j @extschema@.journey, label text DEFAULT 'channel',
        markers boolean DEFAULT false, OUT from_step text, OUT to_step text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'journey_transitions' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
CREATE TYPE @extschema@.transition_summary;
CREATE FUNCTION @extschema@.transition_summary_in(cstring) RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_out(@extschema@.transition_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'transition_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_recv(internal) RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_send(@extschema@.transition_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'transition_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.transition_summary (
    INPUT = @extschema@.transition_summary_in, OUTPUT = @extschema@.transition_summary_out,
    RECEIVE = @extschema@.transition_summary_recv, SEND = @extschema@.transition_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.transition_summary IS
    'counts of step-to-step transitions over many journeys (Sankey edges)';
CREATE FUNCTION @extschema@.transition_summary_eq(@extschema@.transition_summary,
        @extschema@.transition_summary)
    RETURNS bool AS 'MODULE_PATHNAME', 'transition_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary,
    FUNCTION = @extschema@.transition_summary_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE FUNCTION @extschema@.transition_counts_trans(@extschema@.transition_summary, @extschema@.journey)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_counts_trans(@extschema@.transition_summary, @extschema@.journey, text)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_counts_trans(@extschema@.transition_summary, @extschema@.journey, text, boolean)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_combine(@extschema@.transition_summary,
        @extschema@.transition_summary)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.transition_counts(j @extschema@.journey) (
    SFUNC = @extschema@.transition_counts_trans, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.transition_counts(j @extschema@.journey, label text) (
    SFUNC = @extschema@.transition_counts_trans, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.transition_counts(j @extschema@.journey, label text, markers boolean) (
    SFUNC = @extschema@.transition_counts_trans, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.transition_summary) (
    SFUNC = @extschema@.transition_summary_combine, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.transition_table(summary @extschema@.transition_summary,
        OUT from_step text, OUT to_step text, OUT transitions int8, OUT share float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'transition_summary_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;

-- funnel_agg: the funnel level straight from touchpoints, keeping only the funnel's events
CREATE TYPE @extschema@.funnel_state;
CREATE FUNCTION @extschema@.funnel_state_in(cstring) RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_out(@extschema@.funnel_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'funnel_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: the binary form is text in the client encoding
CREATE FUNCTION @extschema@.funnel_state_recv(internal) RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_state_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_send(@extschema@.funnel_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'funnel_state_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.funnel_state (
    INPUT = @extschema@.funnel_state_in, OUTPUT = @extschema@.funnel_state_out,
    RECEIVE = @extschema@.funnel_state_recv, SEND = @extschema@.funnel_state_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.funnel_state IS 'partial state of funnel_agg: the funnel and its events';
CREATE FUNCTION @extschema@.funnel_state_eq(@extschema@.funnel_state, @extschema@.funnel_state)
    RETURNS bool AS 'MODULE_PATHNAME', 'funnel_state_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state,
    FUNCTION = @extschema@.funnel_state_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE FUNCTION @extschema@.funnel_agg_trans(@extschema@.funnel_state, @extschema@.touchpoint,
        text[], interval)
    RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_agg_trans(@extschema@.funnel_state, @extschema@.touchpoint,
        text[], interval, text)
    RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_agg_combine(@extschema@.funnel_state, @extschema@.funnel_state)
    RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_agg_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_agg_final(@extschema@.funnel_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'funnel_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.funnel_agg(tp @extschema@.touchpoint, steps text[], within interval) (
    SFUNC = @extschema@.funnel_agg_trans, STYPE = @extschema@.funnel_state,
    FINALFUNC = @extschema@.funnel_agg_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.funnel_agg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.funnel_agg(tp @extschema@.touchpoint, steps text[], within interval,
        mode text) (
    SFUNC = @extschema@.funnel_agg_trans, STYPE = @extschema@.funnel_state,
    FINALFUNC = @extschema@.funnel_agg_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.funnel_agg_combine, PARALLEL = SAFE
);
-- Customer value: RFM summaries in buy-till-you-die form (frequency, recency, T, monetary)
-------------------------------------------------------------------------------------------------

-- a customer's spend per period with its calibration end, period and unit; merge with rollup()
CREATE TYPE @extschema@.rfm_state;
CREATE FUNCTION @extschema@.rfm_state_in(cstring) RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_out(@extschema@.rfm_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rfm_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_recv(internal) RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_send(@extschema@.rfm_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'rfm_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.rfm_state (
    INPUT = @extschema@.rfm_state_in, OUTPUT = @extschema@.rfm_state_out,
    RECEIVE = @extschema@.rfm_state_recv, SEND = @extschema@.rfm_state_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.rfm_state IS 'a customer''s spend per period up to a calibration end; merge with rollup(), read with rfm_summary()';
CREATE FUNCTION @extschema@.rfm_state_eq(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_state_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_ne(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_state_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);

-- the headline result: plain float8 columns
CREATE TYPE @extschema@.rfm AS (frequency float8, recency float8, t float8, monetary float8);
COMMENT ON TYPE @extschema@.rfm IS 'BTYD customer summary: repeat periods, recency and age (T) in units, mean repeat spend';

-- not STRICT: rows with a NULL time or amount are skipped, NULL parameters are errors
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, numeric, timestamptz, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, numeric, timestamptz, interval, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_combine(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_final(@extschema@.rfm_state) RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_summary(state @extschema@.rfm_state) RETURNS @extschema@.rfm
    AS 'MODULE_PATHNAME', 'rfm_state_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.rfm_summary(ordered_at timestamptz, amount numeric,
                                         calibration_end timestamptz, period interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_summary, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rfm_summary(ordered_at timestamptz, amount numeric,
                                         calibration_end timestamptz, period interval, unit interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_summary, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rfm_state(ordered_at timestamptz, amount numeric,
                                       calibration_end timestamptz, period interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rfm_state(ordered_at timestamptz, amount numeric,
                                       calibration_end timestamptz, period interval, unit interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(state @extschema@.rfm_state) (
    SFUNC = @extschema@.rfm_state_combine,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);

-- named segment of 1..5 recency, frequency and monetary scores
CREATE FUNCTION @extschema@.rfm_segment(r int4, f int4, m int4) RETURNS text
    AS 'MODULE_PATHNAME', 'rfm_segment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- rfm_patterns: distinct (frequency, recency, T) customer summaries with counts, what
-- buy-till-you-die models are fitted on; merge with rollup()
CREATE TYPE @extschema@.rfm_patterns;
CREATE FUNCTION @extschema@.rfm_patterns_in(cstring) RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'rfm_patterns_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_out(@extschema@.rfm_patterns) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rfm_patterns_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_recv(internal) RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'rfm_patterns_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_send(@extschema@.rfm_patterns) RETURNS bytea
    AS 'MODULE_PATHNAME', 'rfm_patterns_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.rfm_patterns (
    INPUT = @extschema@.rfm_patterns_in, OUTPUT = @extschema@.rfm_patterns_out,
    RECEIVE = @extschema@.rfm_patterns_recv, SEND = @extschema@.rfm_patterns_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.rfm_patterns IS 'distinct (frequency, recency, T) customer summaries with counts; fit models with bgnbd_fit(), merge with rollup()';
CREATE FUNCTION @extschema@.rfm_patterns_eq(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_ne(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.rfm_patterns_trans(@extschema@.rfm_patterns, float8, float8, float8)
    RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'rfm_patterns_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_combine(@extschema@.rfm_patterns, @extschema@.rfm_patterns)
    RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'rfm_patterns_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_final(@extschema@.rfm_patterns) RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'rfm_patterns_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(patterns @extschema@.rfm_patterns) RETURNS int8
    AS 'MODULE_PATHNAME', 'rfm_patterns_customers_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pattern_count(patterns @extschema@.rfm_patterns) RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_patterns_count_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.rfm_patterns(frequency float8, recency float8, t float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.rfm_patterns_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(patterns @extschema@.rfm_patterns) (
    SFUNC = @extschema@.rfm_patterns_combine,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.rfm_patterns_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);

-- BG/NBD (Fader, Hardie & Lee 2005): the fitted model, its parameters, predictions
CREATE TYPE @extschema@.bgnbd_model;
CREATE FUNCTION @extschema@.bgnbd_model_in(cstring) RETURNS @extschema@.bgnbd_model
    AS 'MODULE_PATHNAME', 'bgnbd_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_out(@extschema@.bgnbd_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'bgnbd_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_recv(internal) RETURNS @extschema@.bgnbd_model
    AS 'MODULE_PATHNAME', 'bgnbd_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_send(@extschema@.bgnbd_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'bgnbd_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.bgnbd_model (
    INPUT = @extschema@.bgnbd_model_in, OUTPUT = @extschema@.bgnbd_model_out,
    RECEIVE = @extschema@.bgnbd_model_recv, SEND = @extschema@.bgnbd_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.bgnbd_model IS 'a BG/NBD model: r, alpha, a, b (and the fit''s log-likelihood, iterations, customers)';
CREATE FUNCTION @extschema@.bgnbd_model_eq(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'bgnbd_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_ne(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'bgnbd_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.bgnbd_fit(patterns @extschema@.rfm_patterns) RETURNS @extschema@.bgnbd_model
    AS 'MODULE_PATHNAME', 'bgnbd_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.bgnbd_fit(frequency float8, recency float8, t float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.bgnbd_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.r(model @extschema@.bgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_model_r' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.alpha(model @extschema@.bgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_model_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.a(model @extschema@.bgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_model_a' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.b(model @extschema@.bgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_model_b' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.log_likelihood(model @extschema@.bgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_model_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.iterations(model @extschema@.bgnbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'bgnbd_model_iterations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.converged(model @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'bgnbd_model_converged' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(model @extschema@.bgnbd_model) RETURNS int8
    AS 'MODULE_PATHNAME', 'bgnbd_model_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.bgnbd_model, t float8,
    frequency float8, recency float8, "T" float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.p_alive(model @extschema@.bgnbd_model,
    frequency float8, recency float8, "T" float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- journey patterns (src/pattern.c): a small regular language over steps, run as an NFA
CREATE FUNCTION @extschema@.journey_matches(j @extschema@.journey, pattern text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'journey_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_match_count(j @extschema@.journey, pattern text) RETURNS int8
    AS 'MODULE_PATHNAME', 'journey_match_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
--------------------------------------------------------------------------------------------
-- attribution: rule-based credit of one journey's conversion (attribution.c)
--------------------------------------------------------------------------------------------
-- Not STRICT: NULL options mean their defaults; a NULL journey or value gives no rows.
CREATE FUNCTION @extschema@.attribute(j @extschema@.journey, model text, value float8 DEFAULT 1,
        label text DEFAULT 'channel', lookback interval DEFAULT NULL, repeats text DEFAULT 'all',
        half_life interval DEFAULT NULL, weights float8[] DEFAULT NULL,
        converted_at timestamptz DEFAULT NULL, milestone text DEFAULT NULL)
    RETURNS TABLE (channel text, credit float8)
    AS 'MODULE_PATHNAME', 'journey_attribute' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5;

--------------------------------------------------------------------------------------------
-- attribution: Markov-chain removal effects over many journeys (markov.c, channel_dict.c)
--------------------------------------------------------------------------------------------
CREATE TYPE @extschema@.markov_model;
CREATE FUNCTION @extschema@.markov_model_in(cstring) RETURNS @extschema@.markov_model
    AS 'MODULE_PATHNAME', 'markov_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_out(@extschema@.markov_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'markov_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_recv(internal) RETURNS @extschema@.markov_model
    AS 'MODULE_PATHNAME', 'markov_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_send(@extschema@.markov_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'markov_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.markov_model (
    INPUT = @extschema@.markov_model_in, OUTPUT = @extschema@.markov_model_out,
    RECEIVE = @extschema@.markov_model_recv, SEND = @extschema@.markov_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.markov_model IS
    'first-order channel transition counts of many journeys, for Markov-chain attribution; merge with rollup()';
CREATE FUNCTION @extschema@.markov_model_eq(@extschema@.markov_model, @extschema@.markov_model)
    RETURNS bool AS 'MODULE_PATHNAME', 'markov_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model,
    FUNCTION = @extschema@.markov_model_eq, COMMUTATOR = OPERATOR(@extschema@.=)
);
-- not STRICT: the first row builds the state; rows with a NULL argument are skipped
CREATE FUNCTION @extschema@.markov_attribution_trans(@extschema@.markov_model, @extschema@.journey, boolean)
    RETURNS @extschema@.markov_model
    AS 'MODULE_PATHNAME', 'markov_attribution_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_attribution_trans(@extschema@.markov_model, @extschema@.journey, boolean, float8)
    RETURNS @extschema@.markov_model
    AS 'MODULE_PATHNAME', 'markov_attribution_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_combine(@extschema@.markov_model, @extschema@.markov_model)
    RETURNS @extschema@.markov_model
    AS 'MODULE_PATHNAME', 'markov_model_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.markov_attribution(j @extschema@.journey, converted boolean) (
    SFUNC = @extschema@.markov_attribution_trans, STYPE = @extschema@.markov_model,
    COMBINEFUNC = @extschema@.markov_model_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.markov_attribution(j @extschema@.journey, converted boolean, value float8) (
    SFUNC = @extschema@.markov_attribution_trans, STYPE = @extschema@.markov_model,
    COMBINEFUNC = @extschema@.markov_model_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(model @extschema@.markov_model) (
    SFUNC = @extschema@.markov_model_combine, STYPE = @extschema@.markov_model,
    COMBINEFUNC = @extschema@.markov_model_combine, PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.conversion_probability(model @extschema@.markov_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'markov_model_conversion_probability' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.attribution_table(model @extschema@.markov_model)
    RETURNS TABLE (channel text, removal_effect float8, conversions float8, value float8)
    AS 'MODULE_PATHNAME', 'markov_model_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

--------------------------------------------------------------------------------------------
-- attribution: Shapley values over channel sets (shapley.c, channel_dict.c)
--------------------------------------------------------------------------------------------
CREATE TYPE @extschema@.shapley_model;
CREATE FUNCTION @extschema@.shapley_model_in(cstring) RETURNS @extschema@.shapley_model
    AS 'MODULE_PATHNAME', 'shapley_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_out(@extschema@.shapley_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'shapley_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_recv(internal) RETURNS @extschema@.shapley_model
    AS 'MODULE_PATHNAME', 'shapley_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_send(@extschema@.shapley_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'shapley_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.shapley_model (
    INPUT = @extschema@.shapley_model_in, OUTPUT = @extschema@.shapley_model_out,
    RECEIVE = @extschema@.shapley_model_recv, SEND = @extschema@.shapley_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.shapley_model IS
    'journeys, conversions and value per distinct channel set, for Shapley attribution; merge with rollup()';
CREATE FUNCTION @extschema@.shapley_model_eq(@extschema@.shapley_model, @extschema@.shapley_model)
    RETURNS bool AS 'MODULE_PATHNAME', 'shapley_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model,
    FUNCTION = @extschema@.shapley_model_eq, COMMUTATOR = OPERATOR(@extschema@.=)
);
-- not STRICT: the first row builds the state; rows with a NULL argument are skipped
CREATE FUNCTION @extschema@.shapley_attribution_trans(@extschema@.shapley_model, @extschema@.journey, boolean)
    RETURNS @extschema@.shapley_model
    AS 'MODULE_PATHNAME', 'shapley_attribution_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_attribution_trans(@extschema@.shapley_model, @extschema@.journey, boolean, float8)
    RETURNS @extschema@.shapley_model
    AS 'MODULE_PATHNAME', 'shapley_attribution_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_combine(@extschema@.shapley_model, @extschema@.shapley_model)
    RETURNS @extschema@.shapley_model
    AS 'MODULE_PATHNAME', 'shapley_model_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- the state grows in place (unsorted, with a hash index); the final function sorts it
CREATE FUNCTION @extschema@.shapley_model_final(@extschema@.shapley_model)
    RETURNS @extschema@.shapley_model
    AS 'MODULE_PATHNAME', 'shapley_model_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.shapley_attribution(j @extschema@.journey, converted boolean) (
    SFUNC = @extschema@.shapley_attribution_trans, STYPE = @extschema@.shapley_model,
    FINALFUNC = @extschema@.shapley_model_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.shapley_model_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.shapley_attribution(j @extschema@.journey, converted boolean, value float8) (
    SFUNC = @extschema@.shapley_attribution_trans, STYPE = @extschema@.shapley_model,
    FINALFUNC = @extschema@.shapley_model_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.shapley_model_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(model @extschema@.shapley_model) (
    SFUNC = @extschema@.shapley_model_combine, STYPE = @extschema@.shapley_model,
    COMBINEFUNC = @extschema@.shapley_model_combine, PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.attribution_table(model @extschema@.shapley_model)
    RETURNS TABLE (channel text, conversions float8, value float8)
    AS 'MODULE_PATHNAME', 'shapley_model_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
-------------------------------------------------------------------------------------------------
-- Customer value: the Gamma-Gamma spend model (Fader & Hardie 2013) and what it is fitted on
-------------------------------------------------------------------------------------------------

-- spend_patterns: distinct (frequency, mean repeat spend) of repeat customers with counts, what
-- gammagamma_fit is fitted on; merge with rollup()
CREATE TYPE @extschema@.spend_patterns;
CREATE FUNCTION @extschema@.spend_patterns_in(cstring) RETURNS @extschema@.spend_patterns
    AS 'MODULE_PATHNAME', 'spend_patterns_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_out(@extschema@.spend_patterns) RETURNS cstring
    AS 'MODULE_PATHNAME', 'spend_patterns_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_recv(internal) RETURNS @extschema@.spend_patterns
    AS 'MODULE_PATHNAME', 'spend_patterns_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_send(@extschema@.spend_patterns) RETURNS bytea
    AS 'MODULE_PATHNAME', 'spend_patterns_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.spend_patterns (
    INPUT = @extschema@.spend_patterns_in, OUTPUT = @extschema@.spend_patterns_out,
    RECEIVE = @extschema@.spend_patterns_recv, SEND = @extschema@.spend_patterns_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.spend_patterns IS 'distinct (frequency, mean repeat spend) of repeat customers with counts; fit with gammagamma_fit(), merge with rollup()';
CREATE FUNCTION @extschema@.spend_patterns_eq(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'spend_patterns_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_ne(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'spend_patterns_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- not STRICT: rows with a NULL and customers without repeat purchases are skipped
CREATE FUNCTION @extschema@.spend_patterns_trans(@extschema@.spend_patterns, float8, float8)
    RETURNS @extschema@.spend_patterns
    AS 'MODULE_PATHNAME', 'spend_patterns_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_combine(@extschema@.spend_patterns, @extschema@.spend_patterns)
    RETURNS @extschema@.spend_patterns
    AS 'MODULE_PATHNAME', 'spend_patterns_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_final(@extschema@.spend_patterns) RETURNS @extschema@.spend_patterns
    AS 'MODULE_PATHNAME', 'spend_patterns_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(patterns @extschema@.spend_patterns) RETURNS int8
    AS 'MODULE_PATHNAME', 'spend_patterns_customers_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pattern_count(patterns @extschema@.spend_patterns) RETURNS int4
    AS 'MODULE_PATHNAME', 'spend_patterns_count_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.spend_patterns(frequency float8, monetary float8) (
    SFUNC = @extschema@.spend_patterns_trans,
    STYPE = @extschema@.spend_patterns,
    FINALFUNC = @extschema@.spend_patterns_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.spend_patterns_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(patterns @extschema@.spend_patterns) (
    SFUNC = @extschema@.spend_patterns_combine,
    STYPE = @extschema@.spend_patterns,
    FINALFUNC = @extschema@.spend_patterns_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.spend_patterns_combine,
    PARALLEL = SAFE
);

-- gammagamma_model: the fitted model, its parameters, expected_spend
CREATE TYPE @extschema@.gammagamma_model;
CREATE FUNCTION @extschema@.gammagamma_model_in(cstring) RETURNS @extschema@.gammagamma_model
    AS 'MODULE_PATHNAME', 'gammagamma_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_out(@extschema@.gammagamma_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'gammagamma_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_recv(internal) RETURNS @extschema@.gammagamma_model
    AS 'MODULE_PATHNAME', 'gammagamma_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_send(@extschema@.gammagamma_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'gammagamma_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.gammagamma_model (
    INPUT = @extschema@.gammagamma_model_in, OUTPUT = @extschema@.gammagamma_model_out,
    RECEIVE = @extschema@.gammagamma_model_recv, SEND = @extschema@.gammagamma_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.gammagamma_model IS 'a Gamma-Gamma spend model: p, q, gamma (and the fit''s log-likelihood, iterations, customers)';
CREATE FUNCTION @extschema@.gammagamma_model_eq(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'gammagamma_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_ne(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'gammagamma_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.gammagamma_fit(patterns @extschema@.spend_patterns) RETURNS @extschema@.gammagamma_model
    AS 'MODULE_PATHNAME', 'gammagamma_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.gammagamma_fit(frequency float8, monetary float8) (
    SFUNC = @extschema@.spend_patterns_trans,
    STYPE = @extschema@.spend_patterns,
    FINALFUNC = @extschema@.gammagamma_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.spend_patterns_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.p(model @extschema@.gammagamma_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'gammagamma_model_p' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.q(model @extschema@.gammagamma_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'gammagamma_model_q' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma(model @extschema@.gammagamma_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'gammagamma_model_gamma' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.log_likelihood(model @extschema@.gammagamma_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'gammagamma_model_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.iterations(model @extschema@.gammagamma_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'gammagamma_model_iterations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.converged(model @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'gammagamma_model_converged' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(model @extschema@.gammagamma_model) RETURNS int8
    AS 'MODULE_PATHNAME', 'gammagamma_model_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- not STRICT: customers without repeat purchases have no monetary (NULL) and get the
-- population mean; any other NULL gives NULL
CREATE FUNCTION @extschema@.expected_spend(model @extschema@.gammagamma_model, frequency float8,
    monetary float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'gammagamma_expected_spend' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-------------------------------------------------------------------------------------------------
-- Customer value: lifetime value from a transaction model and a spend model
-------------------------------------------------------------------------------------------------

-- not STRICT: customers without repeat purchases have no monetary (NULL); any other NULL
-- gives NULL
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.bgnbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, "T" float8,
    monetary float8, horizon_units float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_bgnbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-------------------------------------------------------------------------------------------------
-- Customer value: the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), fitted on
-- rfm_patterns like BG/NBD
-------------------------------------------------------------------------------------------------
CREATE TYPE @extschema@.paretonbd_model;
CREATE FUNCTION @extschema@.paretonbd_model_in(cstring) RETURNS @extschema@.paretonbd_model
    AS 'MODULE_PATHNAME', 'paretonbd_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_out(@extschema@.paretonbd_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'paretonbd_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_recv(internal) RETURNS @extschema@.paretonbd_model
    AS 'MODULE_PATHNAME', 'paretonbd_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_send(@extschema@.paretonbd_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'paretonbd_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.paretonbd_model (
    INPUT = @extschema@.paretonbd_model_in, OUTPUT = @extschema@.paretonbd_model_out,
    RECEIVE = @extschema@.paretonbd_model_recv, SEND = @extschema@.paretonbd_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.paretonbd_model IS 'a Pareto/NBD model: r, alpha, s, beta (and the fit''s log-likelihood, iterations, customers)';
CREATE FUNCTION @extschema@.paretonbd_model_eq(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'paretonbd_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_ne(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'paretonbd_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE FUNCTION @extschema@.paretonbd_fit(patterns @extschema@.rfm_patterns) RETURNS @extschema@.paretonbd_model
    AS 'MODULE_PATHNAME', 'paretonbd_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.paretonbd_fit(frequency float8, recency float8, t float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.paretonbd_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.r(model @extschema@.paretonbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_model_r' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.alpha(model @extschema@.paretonbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_model_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.s(model @extschema@.paretonbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_model_s' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.beta(model @extschema@.paretonbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_model_beta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.log_likelihood(model @extschema@.paretonbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_model_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.iterations(model @extschema@.paretonbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'paretonbd_model_iterations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.converged(model @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'paretonbd_model_converged' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(model @extschema@.paretonbd_model) RETURNS int8
    AS 'MODULE_PATHNAME', 'paretonbd_model_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.paretonbd_model, t float8,
    frequency float8, recency float8, "T" float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.p_alive(model @extschema@.paretonbd_model,
    frequency float8, recency float8, "T" float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- lifetime value with a Pareto/NBD transaction model; not STRICT, as for BG/NBD
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.paretonbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, "T" float8,
    monetary float8, horizon_units float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_paretonbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;
