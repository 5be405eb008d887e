
-- NPS only: the three groups, a 'wald' or 'adjusted_wald' interval, compare(a, b) as a z test
CREATE FUNCTION @extschema@.promoters(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.passives(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.detractors(summary @extschema@.nps_summary) RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_lower(summary @extschema@.nps_summary, level float8 DEFAULT 0.95, method text DEFAULT 'wald') RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ci_upper(summary @extschema@.nps_summary, level float8 DEFAULT 0.95, method text DEFAULT 'wald') RETURNS float8
    AS 'MODULE_PATHNAME', 'nps_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.compare(a @extschema@.nps_summary, b @extschema@.nps_summary,
    OUT difference float8, OUT std_error float8, OUT z float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'nps_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
