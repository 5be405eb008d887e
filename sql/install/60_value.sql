-------------------------------------------------------------------------------------------------
-- customer value: RFM summaries in buy-till-you-die form (frequency, recency, age, monetary) and
-- marketing RFM scores; the pattern tables the models are fitted on (rfm_patterns,
-- spend_patterns); the transaction models BG/NBD and Pareto/NBD; the Gamma-Gamma spend model;
-- lifetime value from a transaction model and a spend model.
-- Parameter names mean one thing everywhere: `age` is the customer's age (T in the papers),
-- `horizon` the prediction horizon, both in the summary's units.
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
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.rfm_state_cmp(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_state_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_lt(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_state_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_le(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_state_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_gt(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_state_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_ge(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_state_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_hash(@extschema@.rfm_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_state_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_hash_extended(@extschema@.rfm_state, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'rfm_state_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state, FUNCTION = @extschema@.rfm_state_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.rfm_state_ops
    DEFAULT FOR TYPE @extschema@.rfm_state USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.rfm_state_cmp(@extschema@.rfm_state, @extschema@.rfm_state);
CREATE OPERATOR CLASS @extschema@.rfm_state_hash_ops
    DEFAULT FOR TYPE @extschema@.rfm_state USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.rfm_state_hash(@extschema@.rfm_state),
        FUNCTION 2 @extschema@.rfm_state_hash_extended(@extschema@.rfm_state, int8);

-- the headline result: plain float8 columns
CREATE TYPE @extschema@.rfm AS (frequency float8, recency float8, age float8, monetary float8);
COMMENT ON TYPE @extschema@.rfm IS 'BTYD customer summary: repeat periods, recency and age (T) in units, mean repeat spend';

-- order amounts are numeric or float8 (real, integer and bigint columns resolve to float8, the
-- preferred numeric type; numeric columns and literals to numeric).
-- Not STRICT: rows with a NULL time or amount are skipped, NULL parameters are errors
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, numeric, timestamptz, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, numeric, timestamptz, interval, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, float8, timestamptz, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, float8, timestamptz, interval, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
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
CREATE AGGREGATE @extschema@.rfm_summary(ordered_at timestamptz, amount float8,
                                         calibration_end timestamptz, period interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_summary, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rfm_summary(ordered_at timestamptz, amount float8,
                                         calibration_end timestamptz, period interval, unit interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_summary, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rfm_state(ordered_at timestamptz, amount float8,
                                       calibration_end timestamptz, period interval) (
    SFUNC = @extschema@.rfm_state_trans,
    STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rfm_state(ordered_at timestamptz, amount float8,
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
-- the same of bigint scores (as count(*) and rank() give them)
CREATE FUNCTION @extschema@.rfm_segment(r int8, f int8, m int8) RETURNS text
    AS 'MODULE_PATHNAME', 'rfm_segment_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- marketing RFM: a 1-5 score by quintile over the window's rows, equal values equal scores
CREATE FUNCTION @extschema@.rfm_score() RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_score' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

-- rfm_patterns: distinct (frequency, recency, age) customer summaries with counts, what
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
COMMENT ON TYPE @extschema@.rfm_patterns IS 'distinct (frequency, recency, age) customer summaries with counts; fit models with bgnbd_fit(), merge with rollup()';
CREATE FUNCTION @extschema@.rfm_patterns_eq(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_ne(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.rfm_patterns_cmp(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_patterns_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_lt(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_le(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_gt(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_ge(@extschema@.rfm_patterns, @extschema@.rfm_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'rfm_patterns_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_hash(@extschema@.rfm_patterns) RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_patterns_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_patterns_hash_extended(@extschema@.rfm_patterns, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'rfm_patterns_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.rfm_patterns, RIGHTARG = @extschema@.rfm_patterns, FUNCTION = @extschema@.rfm_patterns_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.rfm_patterns_ops
    DEFAULT FOR TYPE @extschema@.rfm_patterns USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.rfm_patterns_cmp(@extschema@.rfm_patterns, @extschema@.rfm_patterns);
CREATE OPERATOR CLASS @extschema@.rfm_patterns_hash_ops
    DEFAULT FOR TYPE @extschema@.rfm_patterns USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.rfm_patterns_hash(@extschema@.rfm_patterns),
        FUNCTION 2 @extschema@.rfm_patterns_hash_extended(@extschema@.rfm_patterns, int8);
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
CREATE AGGREGATE @extschema@.rfm_patterns(frequency float8, recency float8, age float8) (
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
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.spend_patterns_cmp(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS int4
    AS 'MODULE_PATHNAME', 'spend_patterns_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_lt(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'spend_patterns_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_le(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'spend_patterns_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_gt(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'spend_patterns_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_ge(@extschema@.spend_patterns, @extschema@.spend_patterns) RETURNS bool
    AS 'MODULE_PATHNAME', 'spend_patterns_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_hash(@extschema@.spend_patterns) RETURNS int4
    AS 'MODULE_PATHNAME', 'spend_patterns_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spend_patterns_hash_extended(@extschema@.spend_patterns, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'spend_patterns_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.spend_patterns, RIGHTARG = @extschema@.spend_patterns, FUNCTION = @extschema@.spend_patterns_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.spend_patterns_ops
    DEFAULT FOR TYPE @extschema@.spend_patterns USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.spend_patterns_cmp(@extschema@.spend_patterns, @extschema@.spend_patterns);
CREATE OPERATOR CLASS @extschema@.spend_patterns_hash_ops
    DEFAULT FOR TYPE @extschema@.spend_patterns USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.spend_patterns_hash(@extschema@.spend_patterns),
        FUNCTION 2 @extschema@.spend_patterns_hash_extended(@extschema@.spend_patterns, int8);
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
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.bgnbd_model_cmp(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_lt(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_le(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_gt(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_ge(@extschema@.bgnbd_model, @extschema@.bgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_hash(@extschema@.bgnbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_model_hash_extended(@extschema@.bgnbd_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'fitted_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.bgnbd_model, RIGHTARG = @extschema@.bgnbd_model, FUNCTION = @extschema@.bgnbd_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.bgnbd_model_ops
    DEFAULT FOR TYPE @extschema@.bgnbd_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.bgnbd_model_cmp(@extschema@.bgnbd_model, @extschema@.bgnbd_model);
CREATE OPERATOR CLASS @extschema@.bgnbd_model_hash_ops
    DEFAULT FOR TYPE @extschema@.bgnbd_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.bgnbd_model_hash(@extschema@.bgnbd_model),
        FUNCTION 2 @extschema@.bgnbd_model_hash_extended(@extschema@.bgnbd_model, int8);
CREATE FUNCTION @extschema@.bgnbd_fit(patterns @extschema@.rfm_patterns) RETURNS @extschema@.bgnbd_model
    AS 'MODULE_PATHNAME', 'bgnbd_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.bgnbd_fit(frequency float8, recency float8, age float8) (
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
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.bgnbd_model, horizon float8,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.p_alive(model @extschema@.bgnbd_model,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Pareto/NBD (Schmittlein, Morrison & Colombo 1987), fitted on rfm_patterns like BG/NBD
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
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.paretonbd_model_cmp(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_lt(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_le(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_gt(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_ge(@extschema@.paretonbd_model, @extschema@.paretonbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_hash(@extschema@.paretonbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.paretonbd_model_hash_extended(@extschema@.paretonbd_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'fitted_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.paretonbd_model, RIGHTARG = @extschema@.paretonbd_model, FUNCTION = @extschema@.paretonbd_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.paretonbd_model_ops
    DEFAULT FOR TYPE @extschema@.paretonbd_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.paretonbd_model_cmp(@extschema@.paretonbd_model, @extschema@.paretonbd_model);
CREATE OPERATOR CLASS @extschema@.paretonbd_model_hash_ops
    DEFAULT FOR TYPE @extschema@.paretonbd_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.paretonbd_model_hash(@extschema@.paretonbd_model),
        FUNCTION 2 @extschema@.paretonbd_model_hash_extended(@extschema@.paretonbd_model, int8);
CREATE FUNCTION @extschema@.paretonbd_fit(patterns @extschema@.rfm_patterns) RETURNS @extschema@.paretonbd_model
    AS 'MODULE_PATHNAME', 'paretonbd_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.paretonbd_fit(frequency float8, recency float8, age float8) (
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
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.paretonbd_model, horizon float8,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.p_alive(model @extschema@.paretonbd_model,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Gamma-Gamma spend model (Fader & Hardie 2013), fitted on spend_patterns: the fitted model,
-- its parameters, expected_spend
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
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.gammagamma_model_cmp(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_lt(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_le(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_gt(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_ge(@extschema@.gammagamma_model, @extschema@.gammagamma_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_hash(@extschema@.gammagamma_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gammagamma_model_hash_extended(@extschema@.gammagamma_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'fitted_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.gammagamma_model, RIGHTARG = @extschema@.gammagamma_model, FUNCTION = @extschema@.gammagamma_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.gammagamma_model_ops
    DEFAULT FOR TYPE @extschema@.gammagamma_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.gammagamma_model_cmp(@extschema@.gammagamma_model, @extschema@.gammagamma_model);
CREATE OPERATOR CLASS @extschema@.gammagamma_model_hash_ops
    DEFAULT FOR TYPE @extschema@.gammagamma_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.gammagamma_model_hash(@extschema@.gammagamma_model),
        FUNCTION 2 @extschema@.gammagamma_model_hash_extended(@extschema@.gammagamma_model, int8);
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

-- lifetime value from a transaction model and a spend model, over a horizon discounted per unit
-- with a BG/NBD transaction model; not STRICT: customers without repeat purchases have no
-- monetary (NULL); any other NULL gives NULL
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.bgnbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, age float8,
    monetary float8, horizon float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_bgnbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- lifetime value with a Pareto/NBD transaction model; not STRICT, as for BG/NBD
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.paretonbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, age float8,
    monetary float8, horizon float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_paretonbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;
