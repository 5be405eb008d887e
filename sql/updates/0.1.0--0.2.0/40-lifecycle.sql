-- customer lifecycle, 0.1.0 -> 0.2.0: one time-zone rule. Without a time zone argument,
-- activity_periods and churn_status count on the calendar of the session TimeZone (as date_trunc
-- and timestamptz + interval do; activity_periods records the zone's name in the set), and an
-- explicit time_zone fixes it. The transition functions and churn_status were STABLE already.

-- STABLE: times without an offset in the text form are read in the session TimeZone
ALTER FUNCTION @extschema@.activity_set_in(cstring) STABLE;

-- churn_status with an explicit time zone; not strict: a NULL at_risk_after means no at-risk
-- tier, any other NULL gives NULL
CREATE FUNCTION @extschema@.churn_status(last_activity timestamptz, as_of timestamptz,
        churned_after interval, at_risk_after interval, time_zone text)
    RETURNS text AS 'MODULE_PATHNAME', 'churn_status' LANGUAGE C STABLE PARALLEL SAFE;
