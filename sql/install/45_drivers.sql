-------------------------------------------------------------------------------------------------
-- key-driver analysis: driver_summary(outcome, drivers [, names]) keeps the count, means and
-- co-moment matrix of an outcome and its driver ratings (mergeable: parallel plans, Citus,
-- rollup); driver_table reads betas, Johnson's relative weights and Shapley (LMG) shares
-- from it, driver_r2 and driver_n the fit and the answers
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.driver_summary;
CREATE FUNCTION @extschema@.driver_summary_in(cstring) RETURNS @extschema@.driver_summary
    AS 'MODULE_PATHNAME', 'driver_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_out(@extschema@.driver_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'driver_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: names travel in the client encoding
CREATE FUNCTION @extschema@.driver_summary_recv(internal) RETURNS @extschema@.driver_summary
    AS 'MODULE_PATHNAME', 'driver_summary_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_send(@extschema@.driver_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'driver_summary_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.driver_summary (
    INPUT = @extschema@.driver_summary_in, OUTPUT = @extschema@.driver_summary_out,
    RECEIVE = @extschema@.driver_summary_recv, SEND = @extschema@.driver_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.driver_summary IS
    'answers, means and co-moments of an outcome and its drivers, for key-driver analysis; merge with rollup(), read with driver_table()';
CREATE FUNCTION @extschema@.driver_summary_eq(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'driver_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.driver_summary, RIGHTARG = @extschema@.driver_summary, FUNCTION = @extschema@.driver_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.driver_summary_cmp(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'driver_summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_lt(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'driver_summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_le(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'driver_summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_gt(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'driver_summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_ge(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'driver_summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_ne(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'driver_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_hash(@extschema@.driver_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'driver_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_hash_extended(@extschema@.driver_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'driver_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.driver_summary, RIGHTARG = @extschema@.driver_summary, FUNCTION = @extschema@.driver_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.driver_summary, RIGHTARG = @extschema@.driver_summary, FUNCTION = @extschema@.driver_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.driver_summary, RIGHTARG = @extschema@.driver_summary, FUNCTION = @extschema@.driver_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.driver_summary, RIGHTARG = @extschema@.driver_summary, FUNCTION = @extschema@.driver_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.driver_summary, RIGHTARG = @extschema@.driver_summary, FUNCTION = @extschema@.driver_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.driver_summary_ops
    DEFAULT FOR TYPE @extschema@.driver_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.driver_summary_cmp(@extschema@.driver_summary, @extschema@.driver_summary);
CREATE OPERATOR CLASS @extschema@.driver_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.driver_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.driver_summary_hash(@extschema@.driver_summary),
        FUNCTION 2 @extschema@.driver_summary_hash_extended(@extschema@.driver_summary, int8);

-- the aggregate: rows with a NULL outcome or any NULL rating are skipped (listwise deletion)
CREATE FUNCTION @extschema@.driver_summary_trans(@extschema@.driver_summary, float8, float8[]) RETURNS @extschema@.driver_summary
    AS 'MODULE_PATHNAME', 'driver_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_trans(@extschema@.driver_summary, float8, float8[], text[]) RETURNS @extschema@.driver_summary
    AS 'MODULE_PATHNAME', 'driver_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_summary_combine(@extschema@.driver_summary, @extschema@.driver_summary) RETURNS @extschema@.driver_summary
    AS 'MODULE_PATHNAME', 'driver_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.driver_summary(outcome float8, drivers float8[]) (
    SFUNC = @extschema@.driver_summary_trans, STYPE = @extschema@.driver_summary,
    COMBINEFUNC = @extschema@.driver_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.driver_summary(outcome float8, drivers float8[], names text[]) (
    SFUNC = @extschema@.driver_summary_trans, STYPE = @extschema@.driver_summary,
    COMBINEFUNC = @extschema@.driver_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.driver_summary) (
    SFUNC = @extschema@.driver_summary_combine, STYPE = @extschema@.driver_summary,
    COMBINEFUNC = @extschema@.driver_summary_combine, PARALLEL = SAFE
);

-- the analysis
CREATE FUNCTION @extschema@.driver_table(summary @extschema@.driver_summary)
    RETURNS TABLE (driver text, mean float8, correlation float8, beta float8, std_error float8,
                   p_value float8, relative_weight float8, shapley_share float8, rank int4)
    AS 'MODULE_PATHNAME', 'driver_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.driver_r2(summary @extschema@.driver_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'driver_r2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.driver_n(summary @extschema@.driver_summary) RETURNS int8
    AS 'MODULE_PATHNAME', 'driver_summary_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
