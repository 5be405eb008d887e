-- Customer value: the BG/BB model of customers with discrete transaction opportunities (Fader,
-- Hardie & Shang 2010) and the modified BG/NBD (Batislam, Denizel & Filiztekin 2007), both
-- fitted over rfm_patterns like BG/NBD; their lifetime values through ltv_estimate.

-- BG/BB: the fitted model, its parameters, predictions
CREATE TYPE @extschema@.bgbb_model;
CREATE FUNCTION @extschema@.bgbb_model_in(cstring) RETURNS @extschema@.bgbb_model
    AS 'MODULE_PATHNAME', 'bgbb_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_out(@extschema@.bgbb_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'bgbb_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_recv(internal) RETURNS @extschema@.bgbb_model
    AS 'MODULE_PATHNAME', 'bgbb_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_send(@extschema@.bgbb_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'bgbb_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.bgbb_model (
    INPUT = @extschema@.bgbb_model_in, OUTPUT = @extschema@.bgbb_model_out,
    RECEIVE = @extschema@.bgbb_model_recv, SEND = @extschema@.bgbb_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.bgbb_model IS 'a BG/BB model: alpha, beta, gamma, delta (and the fit''s log-likelihood, iterations, customers)';
CREATE FUNCTION @extschema@.bgbb_model_eq(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'bgbb_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_ne(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'bgbb_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.bgbb_model, RIGHTARG = @extschema@.bgbb_model, FUNCTION = @extschema@.bgbb_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.bgbb_model, RIGHTARG = @extschema@.bgbb_model, FUNCTION = @extschema@.bgbb_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.bgbb_model_cmp(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_lt(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_le(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_gt(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_ge(@extschema@.bgbb_model, @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_hash(@extschema@.bgbb_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_model_hash_extended(@extschema@.bgbb_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'fitted_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.bgbb_model, RIGHTARG = @extschema@.bgbb_model, FUNCTION = @extschema@.bgbb_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.bgbb_model, RIGHTARG = @extschema@.bgbb_model, FUNCTION = @extschema@.bgbb_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.bgbb_model, RIGHTARG = @extschema@.bgbb_model, FUNCTION = @extschema@.bgbb_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.bgbb_model, RIGHTARG = @extschema@.bgbb_model, FUNCTION = @extschema@.bgbb_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.bgbb_model_ops
    DEFAULT FOR TYPE @extschema@.bgbb_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.bgbb_model_cmp(@extschema@.bgbb_model, @extschema@.bgbb_model);
CREATE OPERATOR CLASS @extschema@.bgbb_model_hash_ops
    DEFAULT FOR TYPE @extschema@.bgbb_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.bgbb_model_hash(@extschema@.bgbb_model),
        FUNCTION 2 @extschema@.bgbb_model_hash_extended(@extschema@.bgbb_model, int8);
-- the fit: from the patterns of (frequency, recency, n_opportunities), e.g. rfm_patterns();
-- the aggregates check that each is a BG/BB customer summary (whole numbers,
-- 0 <= frequency <= recency <= n_opportunities)
CREATE FUNCTION @extschema@.bgbb_fit(patterns @extschema@.rfm_patterns) RETURNS @extschema@.bgbb_model
    AS 'MODULE_PATHNAME', 'bgbb_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_fit_trans(@extschema@.rfm_patterns, float8, float8, float8)
    RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgbb_fit_trans(@extschema@.rfm_patterns, float8, float8, float8, int8)
    RETURNS @extschema@.rfm_patterns
    AS 'MODULE_PATHNAME', 'bgbb_fit_trans_count' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.bgbb_fit(frequency float8, recency float8, n_opportunities float8) (
    SFUNC = @extschema@.bgbb_fit_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.bgbb_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
-- aggregated data: each row stands for `customers` customers with the same summary
CREATE AGGREGATE @extschema@.bgbb_fit(frequency float8, recency float8, n_opportunities float8,
                                      customers int8) (
    SFUNC = @extschema@.bgbb_fit_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.bgbb_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.alpha(model @extschema@.bgbb_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_model_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.beta(model @extschema@.bgbb_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_model_beta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma(model @extschema@.bgbb_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_model_gamma' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.delta(model @extschema@.bgbb_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_model_delta' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.log_likelihood(model @extschema@.bgbb_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_model_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.iterations(model @extschema@.bgbb_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'bgbb_model_iterations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.converged(model @extschema@.bgbb_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'bgbb_model_converged' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(model @extschema@.bgbb_model) RETURNS int8
    AS 'MODULE_PATHNAME', 'bgbb_model_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- P(alive at opportunity n_opportunities + 1)
CREATE FUNCTION @extschema@.p_alive(model @extschema@.bgbb_model,
    frequency float8, recency float8, n_opportunities float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- expected transactions in the next `horizon` opportunities
CREATE FUNCTION @extschema@.expected_transactions(model @extschema@.bgbb_model, horizon float8,
    frequency float8, recency float8, n_opportunities float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_expected_transactions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- discounted expected residual transactions
CREATE FUNCTION @extschema@.dert(model @extschema@.bgbb_model, discount_rate_per_period float8,
    frequency float8, recency float8, n_opportunities float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgbb_dert' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- MBG/NBD: the fitted model, its parameters, predictions
CREATE TYPE @extschema@.mbgnbd_model;
CREATE FUNCTION @extschema@.mbgnbd_model_in(cstring) RETURNS @extschema@.mbgnbd_model
    AS 'MODULE_PATHNAME', 'mbgnbd_model_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_out(@extschema@.mbgnbd_model) RETURNS cstring
    AS 'MODULE_PATHNAME', 'mbgnbd_model_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_recv(internal) RETURNS @extschema@.mbgnbd_model
    AS 'MODULE_PATHNAME', 'mbgnbd_model_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_send(@extschema@.mbgnbd_model) RETURNS bytea
    AS 'MODULE_PATHNAME', 'mbgnbd_model_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.mbgnbd_model (
    INPUT = @extschema@.mbgnbd_model_in, OUTPUT = @extschema@.mbgnbd_model_out,
    RECEIVE = @extschema@.mbgnbd_model_recv, SEND = @extschema@.mbgnbd_model_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.mbgnbd_model IS 'a modified BG/NBD model: r, alpha, a, b (and the fit''s log-likelihood, iterations, customers)';
CREATE FUNCTION @extschema@.mbgnbd_model_eq(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'mbgnbd_model_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_ne(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'mbgnbd_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.mbgnbd_model, RIGHTARG = @extschema@.mbgnbd_model, FUNCTION = @extschema@.mbgnbd_model_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.mbgnbd_model, RIGHTARG = @extschema@.mbgnbd_model, FUNCTION = @extschema@.mbgnbd_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.mbgnbd_model_cmp(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_lt(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_le(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_gt(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_ge(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'fitted_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_hash(@extschema@.mbgnbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'fitted_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.mbgnbd_model_hash_extended(@extschema@.mbgnbd_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'fitted_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.mbgnbd_model, RIGHTARG = @extschema@.mbgnbd_model, FUNCTION = @extschema@.mbgnbd_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.mbgnbd_model, RIGHTARG = @extschema@.mbgnbd_model, FUNCTION = @extschema@.mbgnbd_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.mbgnbd_model, RIGHTARG = @extschema@.mbgnbd_model, FUNCTION = @extschema@.mbgnbd_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.mbgnbd_model, RIGHTARG = @extschema@.mbgnbd_model, FUNCTION = @extschema@.mbgnbd_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.mbgnbd_model_ops
    DEFAULT FOR TYPE @extschema@.mbgnbd_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.mbgnbd_model_cmp(@extschema@.mbgnbd_model, @extschema@.mbgnbd_model);
CREATE OPERATOR CLASS @extschema@.mbgnbd_model_hash_ops
    DEFAULT FOR TYPE @extschema@.mbgnbd_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.mbgnbd_model_hash(@extschema@.mbgnbd_model),
        FUNCTION 2 @extschema@.mbgnbd_model_hash_extended(@extschema@.mbgnbd_model, int8);
CREATE FUNCTION @extschema@.mbgnbd_fit(patterns @extschema@.rfm_patterns) RETURNS @extschema@.mbgnbd_model
    AS 'MODULE_PATHNAME', 'mbgnbd_fit_patterns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.mbgnbd_fit(frequency float8, recency float8, age float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.mbgnbd_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.r(model @extschema@.mbgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_model_r' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.alpha(model @extschema@.mbgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_model_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.a(model @extschema@.mbgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_model_a' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.b(model @extschema@.mbgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_model_b' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.log_likelihood(model @extschema@.mbgnbd_model) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_model_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.iterations(model @extschema@.mbgnbd_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'mbgnbd_model_iterations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.converged(model @extschema@.mbgnbd_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'mbgnbd_model_converged' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customers(model @extschema@.mbgnbd_model) RETURNS int8
    AS 'MODULE_PATHNAME', 'mbgnbd_model_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.mbgnbd_model, horizon float8,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.p_alive(model @extschema@.mbgnbd_model,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'mbgnbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- lifetime value with an MBG/NBD transaction model; not STRICT, as for BG/NBD
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.mbgnbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, age float8,
    monetary float8, horizon float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_mbgnbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;
-- lifetime value with a BG/BB transaction model: one time unit is one opportunity, the horizon
-- a whole number of future opportunities; not STRICT, as for BG/NBD
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.bgbb_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, n_opportunities float8,
    monetary float8, horizon float8, discount_rate_per_period float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_bgbb' LANGUAGE C IMMUTABLE PARALLEL SAFE;
