
-- CES only: the interval of the mean effort, compare(a, b) as Welch's t test
CREATE FUNCTION @extschema@.ci_lower(summary @extschema@.ces_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'ces_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_upper(summary @extschema@.ces_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'ces_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.compare(a @extschema@.ces_summary, b @extschema@.ces_summary,
    OUT difference float8, OUT std_error float8, OUT t float8, OUT df float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'ces_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
