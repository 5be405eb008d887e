-------------------------------------------------------------------------------------------------
-- Customer value, 0.2.0: parameter names that read without quotes and mean one thing
-- everywhere (the customer's age `age`, in 0.1.0 "T" or t; the prediction horizon `horizon`,
-- in 0.1.0 t or horizon_units), float8 order amounts, bigint RFM scores, and rfm_score(), the
-- window function that scores a value by quintile over all customers.
-------------------------------------------------------------------------------------------------

-- the rfm summary's age column (0.1.0: t)
ALTER TYPE @extschema@.rfm RENAME ATTRIBUTE t TO age;
COMMENT ON TYPE @extschema@.rfm IS 'BTYD customer summary: repeat periods, recency and age (T) in units, mean repeat spend';
COMMENT ON TYPE @extschema@.rfm_patterns IS 'distinct (frequency, recency, age) customer summaries with counts; fit models with bgnbd_fit(), merge with rollup()';

-- the fits and their patterns: (frequency, recency, age)
DROP AGGREGATE @extschema@.rfm_patterns(float8, float8, float8);
CREATE AGGREGATE @extschema@.rfm_patterns(frequency float8, recency float8, age float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.rfm_patterns_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
DROP AGGREGATE @extschema@.bgnbd_fit(float8, float8, float8);
CREATE AGGREGATE @extschema@.bgnbd_fit(frequency float8, recency float8, age float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.bgnbd_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);
DROP AGGREGATE @extschema@.paretonbd_fit(float8, float8, float8);
CREATE AGGREGATE @extschema@.paretonbd_fit(frequency float8, recency float8, age float8) (
    SFUNC = @extschema@.rfm_patterns_trans,
    STYPE = @extschema@.rfm_patterns,
    FINALFUNC = @extschema@.paretonbd_fit, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.rfm_patterns_combine,
    PARALLEL = SAFE
);

-- predictions: (model, horizon, frequency, recency, age)
DROP FUNCTION @extschema@.expected_purchases(@extschema@.bgnbd_model, float8, float8, float8, float8);
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.bgnbd_model, horizon float8,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DROP FUNCTION @extschema@.p_alive(@extschema@.bgnbd_model, float8, float8, float8);
CREATE FUNCTION @extschema@.p_alive(model @extschema@.bgnbd_model,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'bgnbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DROP FUNCTION @extschema@.expected_purchases(@extschema@.paretonbd_model, float8, float8, float8, float8);
CREATE FUNCTION @extschema@.expected_purchases(model @extschema@.paretonbd_model, horizon float8,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DROP FUNCTION @extschema@.p_alive(@extschema@.paretonbd_model, float8, float8, float8);
CREATE FUNCTION @extschema@.p_alive(model @extschema@.paretonbd_model,
    frequency float8, recency float8, age float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'paretonbd_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- lifetime value: (..., age, monetary, horizon, discount_rate_per_unit); not STRICT: customers
-- without repeat purchases have no monetary (NULL); any other NULL gives NULL
DROP FUNCTION @extschema@.ltv_estimate(@extschema@.bgnbd_model, @extschema@.gammagamma_model,
    float8, float8, float8, float8, float8, float8);
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.bgnbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, age float8,
    monetary float8, horizon float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_bgnbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;
DROP FUNCTION @extschema@.ltv_estimate(@extschema@.paretonbd_model, @extschema@.gammagamma_model,
    float8, float8, float8, float8, float8, float8);
CREATE FUNCTION @extschema@.ltv_estimate(transactions @extschema@.paretonbd_model,
    spend @extschema@.gammagamma_model, frequency float8, recency float8, age float8,
    monetary float8, horizon float8, discount_rate_per_unit float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'ltv_estimate_paretonbd' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- float8 order amounts; real, integer and bigint columns resolve to these too (float8 is the
-- preferred numeric type), numeric columns and literals to the numeric ones of 0.1.0.
-- Not STRICT: rows with a NULL time or amount are skipped, NULL parameters are errors.
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, float8, timestamptz, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_trans(@extschema@.rfm_state, timestamptz, float8, timestamptz, interval, interval)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_state_trans_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
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

-- marketing RFM: a 1-5 score by quintile over the window's rows, equal values equal scores
CREATE FUNCTION @extschema@.rfm_score() RETURNS int4
    AS 'MODULE_PATHNAME', 'rfm_score' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

-- named segment of bigint scores (as count(*) and rank() give them)
CREATE FUNCTION @extschema@.rfm_segment(r int8, f int8, m int8) RETURNS text
    AS 'MODULE_PATHNAME', 'rfm_segment_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
