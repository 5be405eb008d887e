-------------------------------------------------------------------------------------------------
-- attribution: which channels of journeys get the credit of conversions
--   attribute(): rule-based credit of one journey's conversion
--   markov_model: Markov-chain removal effects over many journeys
--   shapley_model: Shapley values over the channel sets of many journeys
-------------------------------------------------------------------------------------------------

-- rule-based: not STRICT, NULL options mean their defaults; a NULL journey or value gives no rows
CREATE FUNCTION @extschema@.attribute(j @extschema@.journey, model text, value float8 DEFAULT 1,
        label text DEFAULT 'channel', lookback interval DEFAULT NULL, repeats text DEFAULT 'all',
        half_life interval DEFAULT NULL, weights float8[] DEFAULT NULL,
        converted_at timestamptz DEFAULT NULL, milestone text DEFAULT NULL)
    RETURNS TABLE (channel text, credit float8)
    AS 'MODULE_PATHNAME', 'journey_attribute' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 5;

-- Markov chain: first-order channel transition counts; removal effects
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
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.markov_model_cmp(@extschema@.markov_model, @extschema@.markov_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'markov_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_lt(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_le(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_gt(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_ge(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_ne(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_hash(@extschema@.markov_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'markov_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_hash_extended(@extschema@.markov_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'markov_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.markov_model_ops
    DEFAULT FOR TYPE @extschema@.markov_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.markov_model_cmp(@extschema@.markov_model, @extschema@.markov_model);
CREATE OPERATOR CLASS @extschema@.markov_model_hash_ops
    DEFAULT FOR TYPE @extschema@.markov_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.markov_model_hash(@extschema@.markov_model),
        FUNCTION 2 @extschema@.markov_model_hash_extended(@extschema@.markov_model, int8);
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

-- Shapley values: journeys, conversions and value per distinct channel set
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
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.shapley_model_cmp(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'shapley_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_lt(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_le(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_gt(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_ge(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_ne(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_hash(@extschema@.shapley_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'shapley_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_hash_extended(@extschema@.shapley_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'shapley_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.shapley_model_ops
    DEFAULT FOR TYPE @extschema@.shapley_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.shapley_model_cmp(@extschema@.shapley_model, @extschema@.shapley_model);
CREATE OPERATOR CLASS @extschema@.shapley_model_hash_ops
    DEFAULT FOR TYPE @extschema@.shapley_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.shapley_model_hash(@extschema@.shapley_model),
        FUNCTION 2 @extschema@.shapley_model_hash_extended(@extschema@.shapley_model, int8);
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
