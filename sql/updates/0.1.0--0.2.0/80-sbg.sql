-------------------------------------------------------------------------------------------------
-- Subscriptions, new in 0.2.0 (as in sql/install/65_sbg.sql): the shifted-beta-geometric (sBG)
-- retention model (Fader & Hardie 2007) with the discounted expected (residual) lifetimes DEL and DERL (Fader & Hardie 2010). sbg_data
-- counts customers per tenure, churned or still active (what the model is fitted on, merge with
-- rollup()); sbg_fit() fits an sbg_model from customers' (periods, churned), cohorts' survivor
-- counts, activity sets or an activity_summary.
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.sbg_data;
CREATE FUNCTION @extschema@.sbg_data_in(cstring) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_out(@extschema@.sbg_data) RETURNS cstring
    AS 'MODULE_PATHNAME', 'sbg_data_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_recv(internal) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_send(@extschema@.sbg_data) RETURNS bytea
    AS 'MODULE_PATHNAME', 'sbg_data_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.sbg_data (
    INPUT = @extschema@.sbg_data_in, OUTPUT = @extschema@.sbg_data_out,
    RECEIVE = @extschema@.sbg_data_recv, SEND = @extschema@.sbg_data_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.sbg_data IS 'customers per tenure (periods subscribed), churned or still active; fit the sBG model with sbg_fit(), merge with rollup()';
CREATE FUNCTION @extschema@.sbg_data_eq(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_data_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_ne(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_data_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.sbg_data, RIGHTARG = @extschema@.sbg_data, FUNCTION = @extschema@.sbg_data_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.sbg_data, RIGHTARG = @extschema@.sbg_data, FUNCTION = @extschema@.sbg_data_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.sbg_data_cmp(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS int4
    AS 'MODULE_PATHNAME', 'sbg_data_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_lt(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_data_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_le(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_data_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_gt(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_data_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_ge(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_data_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_hash(@extschema@.sbg_data) RETURNS int4
    AS 'MODULE_PATHNAME', 'sbg_data_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_hash_extended(@extschema@.sbg_data, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'sbg_data_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.sbg_data, RIGHTARG = @extschema@.sbg_data, FUNCTION = @extschema@.sbg_data_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.sbg_data, RIGHTARG = @extschema@.sbg_data, FUNCTION = @extschema@.sbg_data_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.sbg_data, RIGHTARG = @extschema@.sbg_data, FUNCTION = @extschema@.sbg_data_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.sbg_data, RIGHTARG = @extschema@.sbg_data, FUNCTION = @extschema@.sbg_data_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.sbg_data_ops
    DEFAULT FOR TYPE @extschema@.sbg_data USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.sbg_data_cmp(@extschema@.sbg_data, @extschema@.sbg_data);
CREATE OPERATOR CLASS @extschema@.sbg_data_hash_ops
    DEFAULT FOR TYPE @extschema@.sbg_data USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.sbg_data_hash(@extschema@.sbg_data),
        FUNCTION 2 @extschema@.sbg_data_hash_extended(@extschema@.sbg_data, int8);
-- not STRICT: rows with a NULL are skipped
CREATE FUNCTION @extschema@.sbg_data_trans(@extschema@.sbg_data, int4, bool) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_trans(@extschema@.sbg_data, int8, bool) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_trans_int8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_trans(@extschema@.sbg_data, int8[]) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_trans_survivors' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_trans(@extschema@.sbg_data, @extschema@.activity_set) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_trans_activity' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_combine(@extschema@.sbg_data, @extschema@.sbg_data) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_data_final(@extschema@.sbg_data) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(data @extschema@.sbg_data) RETURNS int8
    AS 'MODULE_PATHNAME', 'sbg_data_customers_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- an activity_summary's customers as subscribers (every customer active from period 0, none back
-- after a lapse)
CREATE FUNCTION @extschema@.sbg_data(summary @extschema@.activity_summary) RETURNS @extschema@.sbg_data
    AS 'MODULE_PATHNAME', 'sbg_data_from_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.sbg_data(periods int4, churned bool) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_data_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sbg_data(periods int8, churned bool) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_data_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sbg_data(survivors int8[]) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_data_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sbg_data(activity @extschema@.activity_set) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_data_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(data @extschema@.sbg_data) (
    SFUNC = @extschema@.sbg_data_combine,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_data_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);

-- the sBG model: alpha, beta (and the fit's log-likelihood, iterations, customers)
CREATE TYPE @extschema@.sbg_model;
CREATE FUNCTION @extschema@.sbg_model_in(cstring) RETURNS @extschema@.sbg_model
    AS 'MODULE_PATHNAME', 'sbg_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_out(@extschema@.sbg_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'sbg_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_recv(internal) RETURNS @extschema@.sbg_model
    AS 'MODULE_PATHNAME', 'sbg_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_send(@extschema@.sbg_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'sbg_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.sbg_model (
    INPUT = @extschema@.sbg_model_in, OUTPUT = @extschema@.sbg_model_out,
    RECEIVE = @extschema@.sbg_model_recv, SEND = @extschema@.sbg_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.sbg_model IS 'an sBG subscription retention model: alpha, beta (and the fit''s log-likelihood, iterations, customers)';
CREATE FUNCTION @extschema@.sbg_model_eq(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_ne(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.sbg_model, RIGHTARG = @extschema@.sbg_model, FUNCTION = @extschema@.sbg_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.sbg_model, RIGHTARG = @extschema@.sbg_model, FUNCTION = @extschema@.sbg_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.sbg_model_cmp(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_lt(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_le(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_gt(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_ge(@extschema@.sbg_model, @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_hash(@extschema@.sbg_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_model_hash_extended(@extschema@.sbg_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'fitted_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.sbg_model, RIGHTARG = @extschema@.sbg_model, FUNCTION = @extschema@.sbg_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.sbg_model, RIGHTARG = @extschema@.sbg_model, FUNCTION = @extschema@.sbg_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.sbg_model, RIGHTARG = @extschema@.sbg_model, FUNCTION = @extschema@.sbg_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.sbg_model, RIGHTARG = @extschema@.sbg_model, FUNCTION = @extschema@.sbg_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.sbg_model_ops
    DEFAULT FOR TYPE @extschema@.sbg_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.sbg_model_cmp(@extschema@.sbg_model, @extschema@.sbg_model);
CREATE OPERATOR CLASS @extschema@.sbg_model_hash_ops
    DEFAULT FOR TYPE @extschema@.sbg_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.sbg_model_hash(@extschema@.sbg_model),
        FUNCTION 2 @extschema@.sbg_model_hash_extended(@extschema@.sbg_model, int8);
CREATE FUNCTION @extschema@.sbg_fit(data @extschema@.sbg_data) RETURNS @extschema@.sbg_model
    AS 'MODULE_PATHNAME', 'sbg_fit_data' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_fit(summary @extschema@.activity_summary) RETURNS @extschema@.sbg_model
    AS 'MODULE_PATHNAME', 'sbg_fit_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.sbg_fit(periods int4, churned bool) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sbg_fit(periods int8, churned bool) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sbg_fit(survivors int8[]) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.sbg_fit(activity @extschema@.activity_set) (
    SFUNC = @extschema@.sbg_data_trans,
    STYPE = @extschema@.sbg_data,
    FINALFUNC = @extschema@.sbg_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.sbg_data_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.alpha(model @extschema@.sbg_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_model_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.beta(model @extschema@.sbg_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_model_beta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.log_likelihood(model @extschema@.sbg_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_model_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.iterations(model @extschema@.sbg_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'sbg_model_iterations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.converged(model @extschema@.sbg_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'sbg_model_converged' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(model @extschema@.sbg_model) RETURNS int8
    AS 'MODULE_PATHNAME', 'sbg_model_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- predictions; periods count from 0 (the first period) as in retention_table
CREATE FUNCTION @extschema@.survival(model @extschema@.sbg_model, period int4) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_survival' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.retention_rate(model @extschema@.sbg_model, period int4) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_retention_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.expected_lifetime(model @extschema@.sbg_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_expected_lifetime' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.del(model @extschema@.sbg_model, discount_rate_per_period float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_del' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.derl(model @extschema@.sbg_model, periods_renewed int4,
    discount_rate_per_period float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'sbg_derl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.forecast_table(model @extschema@.sbg_model, cohort_size float8, periods int4,
        OUT period int4, OUT survivors float8, OUT retention_rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'sbg_forecast_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 13;
