-------------------------------------------------------------------------------------------------
-- nps_tally and csat_tally: the states of nps_agg(score) and csat_agg(score [, scale]), the
-- few counts the metric needs in 8 bytes passed by value, so that a GROUP BY keeps them inside
-- its hash table (a summary is a separate allocation per group). NPS: answers and promoters -
-- detractors, up to 2,147,483,647 answers; CSAT: the scale, answers and satisfied answers, up to
-- 1,073,741,823 answers (more is an error; the summaries count to 2^63). The aggregates over
-- them are declared with the other score-type overloads (feedback/score.sql.in).
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.nps_tally;
CREATE FUNCTION @extschema@.nps_tally_in(cstring) RETURNS @extschema@.nps_tally
    AS 'MODULE_PATHNAME', 'nps_tally_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_out(@extschema@.nps_tally) RETURNS cstring
    AS 'MODULE_PATHNAME', 'nps_tally_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_recv(internal) RETURNS @extschema@.nps_tally
    AS 'MODULE_PATHNAME', 'nps_tally_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_send(@extschema@.nps_tally) RETURNS bytea
    AS 'MODULE_PATHNAME', 'nps_tally_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.nps_tally (
    INPUT = @extschema@.nps_tally_in, OUTPUT = @extschema@.nps_tally_out,
    RECEIVE = @extschema@.nps_tally_recv, SEND = @extschema@.nps_tally_send,
    -- stored like int8: 8 bytes passed by value where Datums are 64 bits (every 64-bit build),
    -- by reference on 32-bit builds of PostgreSQL 13-17 (the C reads and returns it as an int64)
    LIKE = pg_catalog.int8
);
COMMENT ON TYPE @extschema@.nps_tally IS 'NPS tally: the answers and net promoters (promoters - detractors) of nps_agg (8 bytes, by value)';

-- comparison: = is equality of the counts; the btree order is arbitrary but the same everywhere
CREATE FUNCTION @extschema@.nps_tally_eq(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_ne(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_cmp(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_tally_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_lt(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_le(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_gt(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_ge(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_hash(@extschema@.nps_tally) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_tally_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_hash_extended(@extschema@.nps_tally, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_tally_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.nps_tally, RIGHTARG = @extschema@.nps_tally, FUNCTION = @extschema@.nps_tally_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.nps_tally, RIGHTARG = @extschema@.nps_tally, FUNCTION = @extschema@.nps_tally_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.nps_tally, RIGHTARG = @extschema@.nps_tally, FUNCTION = @extschema@.nps_tally_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.nps_tally, RIGHTARG = @extschema@.nps_tally, FUNCTION = @extschema@.nps_tally_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.nps_tally, RIGHTARG = @extschema@.nps_tally, FUNCTION = @extschema@.nps_tally_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.nps_tally, RIGHTARG = @extschema@.nps_tally, FUNCTION = @extschema@.nps_tally_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.nps_tally_ops
    DEFAULT FOR TYPE @extschema@.nps_tally USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.nps_tally_cmp(@extschema@.nps_tally, @extschema@.nps_tally);
CREATE OPERATOR CLASS @extschema@.nps_tally_hash_ops
    DEFAULT FOR TYPE @extschema@.nps_tally USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.nps_tally_hash(@extschema@.nps_tally),
        FUNCTION 2 @extschema@.nps_tally_hash_extended(@extschema@.nps_tally, int8);

-- the steps of nps_agg over the tally (its transitions, one per score type, are in
-- feedback/score.sql.in): combine (refused past the limit) and the metric, NULL without answers
CREATE FUNCTION @extschema@.nps_tally_combine(@extschema@.nps_tally, @extschema@.nps_tally) RETURNS @extschema@.nps_tally
    AS 'MODULE_PATHNAME', 'nps_tally_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_tally_final(@extschema@.nps_tally) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_tally_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.csat_tally;
CREATE FUNCTION @extschema@.csat_tally_in(cstring) RETURNS @extschema@.csat_tally
    AS 'MODULE_PATHNAME', 'csat_tally_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_out(@extschema@.csat_tally) RETURNS cstring
    AS 'MODULE_PATHNAME', 'csat_tally_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_recv(internal) RETURNS @extschema@.csat_tally
    AS 'MODULE_PATHNAME', 'csat_tally_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_send(@extschema@.csat_tally) RETURNS bytea
    AS 'MODULE_PATHNAME', 'csat_tally_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.csat_tally (
    INPUT = @extschema@.csat_tally_in, OUTPUT = @extschema@.csat_tally_out,
    RECEIVE = @extschema@.csat_tally_recv, SEND = @extschema@.csat_tally_send,
    -- stored like int8: 8 bytes passed by value where Datums are 64 bits (every 64-bit build),
    -- by reference on 32-bit builds of PostgreSQL 13-17 (the C reads and returns it as an int64)
    LIKE = pg_catalog.int8
);
COMMENT ON TYPE @extschema@.csat_tally IS 'CSAT tally: the scale, answers and satisfied answers of csat_agg (8 bytes, by value)';

-- comparison: = is equality of the counts; the btree order is arbitrary but the same everywhere
CREATE FUNCTION @extschema@.csat_tally_eq(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_ne(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_cmp(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_tally_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_lt(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_le(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_gt(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_ge(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_tally_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_hash(@extschema@.csat_tally) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_tally_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_hash_extended(@extschema@.csat_tally, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_tally_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.csat_tally, RIGHTARG = @extschema@.csat_tally, FUNCTION = @extschema@.csat_tally_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.csat_tally, RIGHTARG = @extschema@.csat_tally, FUNCTION = @extschema@.csat_tally_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.csat_tally, RIGHTARG = @extschema@.csat_tally, FUNCTION = @extschema@.csat_tally_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.csat_tally, RIGHTARG = @extschema@.csat_tally, FUNCTION = @extschema@.csat_tally_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.csat_tally, RIGHTARG = @extschema@.csat_tally, FUNCTION = @extschema@.csat_tally_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.csat_tally, RIGHTARG = @extschema@.csat_tally, FUNCTION = @extschema@.csat_tally_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.csat_tally_ops
    DEFAULT FOR TYPE @extschema@.csat_tally USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.csat_tally_cmp(@extschema@.csat_tally, @extschema@.csat_tally);
CREATE OPERATOR CLASS @extschema@.csat_tally_hash_ops
    DEFAULT FOR TYPE @extschema@.csat_tally USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.csat_tally_hash(@extschema@.csat_tally),
        FUNCTION 2 @extschema@.csat_tally_hash_extended(@extschema@.csat_tally, int8);

-- the steps of csat_agg over the tally (its transitions, one per score type, are in
-- feedback/score.sql.in): combine (refused past the limit) and the metric, NULL without answers
CREATE FUNCTION @extschema@.csat_tally_combine(@extschema@.csat_tally, @extschema@.csat_tally) RETURNS @extschema@.csat_tally
    AS 'MODULE_PATHNAME', 'csat_tally_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_tally_final(@extschema@.csat_tally) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_tally_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
