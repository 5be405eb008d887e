-- journeys: durations and funnel times in seconds (float8), for BI tools that chart plain
-- numbers; each mirrors its interval-returning namesake (same arguments, same NULLs) and equals
-- extract(epoch from ...) of it.
CREATE FUNCTION @extschema@.journey_duration_seconds(j @extschema@.journey) RETURNS float8
    AS 'MODULE_PATHNAME', 'journey_duration_seconds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_times_seconds(j @extschema@.journey, steps text[], within interval,
        mode text DEFAULT 'default')
    RETURNS float8[] AS 'MODULE_PATHNAME', 'funnel_times_seconds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
