
-- CSAT only: the satisfied share, its interval, compare(a, b) as a z test
CREATE FUNCTION @extschema@.satisfied(summary @extschema@.csat_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_satisfied' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_lower(summary @extschema@.csat_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_upper(summary @extschema@.csat_summary, level float8 DEFAULT 0.95) RETURNS float8
    AS 'MODULE_PATHNAME', 'csat_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.compare(a @extschema@.csat_summary, b @extschema@.csat_summary,
    OUT difference float8, OUT std_error float8, OUT z float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'csat_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
