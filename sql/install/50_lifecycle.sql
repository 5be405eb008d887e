-------------------------------------------------------------------------------------------------
-- customer lifecycle: activity_set (one customer's active periods), activity_summary (counts per
-- period over many customers), retention / churn / lifecycle tables, churn_status.
-- One time-zone rule: without a time zone argument, activity_periods and churn_status count on
-- the calendar of the session TimeZone (as date_trunc and timestamptz + interval do;
-- activity_periods records the zone's name in the set), and an explicit time_zone fixes it.
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.activity_set;
-- STABLE: times without an offset in the text form are read in the session TimeZone
CREATE FUNCTION @extschema@.activity_set_in(cstring) RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_set_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_out(@extschema@.activity_set) RETURNS cstring
    AS 'MODULE_PATHNAME', 'activity_set_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_recv(internal) RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_set_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_send(@extschema@.activity_set) RETURNS bytea
    AS 'MODULE_PATHNAME', 'activity_set_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.activity_set (
    INPUT = @extschema@.activity_set_in, OUTPUT = @extschema@.activity_set_out,
    RECEIVE = @extschema@.activity_set_recv, SEND = @extschema@.activity_set_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.activity_set IS
    'one customer''s active periods (days, weeks or calendar months in a time zone) since a start';
CREATE FUNCTION @extschema@.activity_set_eq(@extschema@.activity_set, @extschema@.activity_set)
    RETURNS bool AS 'MODULE_PATHNAME', 'activity_set_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set, FUNCTION = @extschema@.activity_set_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.activity_set_cmp(@extschema@.activity_set, @extschema@.activity_set) RETURNS int4
    AS 'MODULE_PATHNAME', 'activity_set_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_lt(@extschema@.activity_set, @extschema@.activity_set) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_set_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_le(@extschema@.activity_set, @extschema@.activity_set) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_set_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_gt(@extschema@.activity_set, @extschema@.activity_set) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_set_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_ge(@extschema@.activity_set, @extschema@.activity_set) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_set_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_ne(@extschema@.activity_set, @extschema@.activity_set) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_set_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_hash(@extschema@.activity_set) RETURNS int4
    AS 'MODULE_PATHNAME', 'activity_set_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_hash_extended(@extschema@.activity_set, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'activity_set_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set, FUNCTION = @extschema@.activity_set_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set, FUNCTION = @extschema@.activity_set_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set, FUNCTION = @extschema@.activity_set_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set, FUNCTION = @extschema@.activity_set_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.activity_set, RIGHTARG = @extschema@.activity_set, FUNCTION = @extschema@.activity_set_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.activity_set_ops
    DEFAULT FOR TYPE @extschema@.activity_set USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.activity_set_cmp(@extschema@.activity_set, @extschema@.activity_set);
CREATE OPERATOR CLASS @extschema@.activity_set_hash_ops
    DEFAULT FOR TYPE @extschema@.activity_set USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.activity_set_hash(@extschema@.activity_set),
        FUNCTION 2 @extschema@.activity_set_hash_extended(@extschema@.activity_set, int8);

-- STABLE: time zone rules come from the server's time zone database
CREATE FUNCTION @extschema@.activity_periods_trans(@extschema@.activity_set, timestamptz,
        timestamptz, interval, timestamptz)
    RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_periods_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_periods_trans(@extschema@.activity_set, timestamptz,
        timestamptz, interval, timestamptz, text)
    RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_periods_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_set_combine(@extschema@.activity_set, @extschema@.activity_set)
    RETURNS @extschema@.activity_set
    AS 'MODULE_PATHNAME', 'activity_set_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.activity_periods(activity_at timestamptz, start timestamptz,
        period interval, as_of timestamptz) (
    SFUNC = @extschema@.activity_periods_trans,
    STYPE = @extschema@.activity_set,
    COMBINEFUNC = @extschema@.activity_set_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.activity_periods(activity_at timestamptz, start timestamptz,
        period interval, as_of timestamptz, time_zone text) (
    SFUNC = @extschema@.activity_periods_trans,
    STYPE = @extschema@.activity_set,
    COMBINEFUNC = @extschema@.activity_set_combine,
    PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.active_periods(activity @extschema@.activity_set) RETURNS int4[]
    AS 'MODULE_PATHNAME', 'activity_set_active_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.complete_periods(activity @extschema@.activity_set) RETURNS int4
    AS 'MODULE_PATHNAME', 'activity_set_complete_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lifecycle_states(activity @extschema@.activity_set,
        OUT period int4, OUT period_start timestamptz, OUT state text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_set_lifecycle_states' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 12;

CREATE TYPE @extschema@.activity_summary;
CREATE FUNCTION @extschema@.activity_summary_in(cstring) RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_out(@extschema@.activity_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'activity_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_recv(internal) RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_send(@extschema@.activity_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'activity_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.activity_summary (
    INPUT = @extschema@.activity_summary_in, OUTPUT = @extschema@.activity_summary_out,
    RECEIVE = @extschema@.activity_summary_recv, SEND = @extschema@.activity_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.activity_summary IS
    'per-period customer counts of many activity sets: retention, churn, lifecycle states';
CREATE FUNCTION @extschema@.activity_summary_eq(@extschema@.activity_summary, @extschema@.activity_summary)
    RETURNS bool AS 'MODULE_PATHNAME', 'activity_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary, FUNCTION = @extschema@.activity_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.activity_summary_cmp(@extschema@.activity_summary, @extschema@.activity_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'activity_summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_lt(@extschema@.activity_summary, @extschema@.activity_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_le(@extschema@.activity_summary, @extschema@.activity_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_gt(@extschema@.activity_summary, @extschema@.activity_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_ge(@extschema@.activity_summary, @extschema@.activity_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_ne(@extschema@.activity_summary, @extschema@.activity_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'activity_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_hash(@extschema@.activity_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'activity_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_hash_extended(@extschema@.activity_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'activity_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary, FUNCTION = @extschema@.activity_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary, FUNCTION = @extschema@.activity_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary, FUNCTION = @extschema@.activity_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary, FUNCTION = @extschema@.activity_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.activity_summary, RIGHTARG = @extschema@.activity_summary, FUNCTION = @extschema@.activity_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.activity_summary_ops
    DEFAULT FOR TYPE @extschema@.activity_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.activity_summary_cmp(@extschema@.activity_summary, @extschema@.activity_summary);
CREATE OPERATOR CLASS @extschema@.activity_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.activity_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.activity_summary_hash(@extschema@.activity_summary),
        FUNCTION 2 @extschema@.activity_summary_hash_extended(@extschema@.activity_summary, int8);
CREATE FUNCTION @extschema@.activity_summary_trans(@extschema@.activity_summary, @extschema@.activity_set)
    RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_summary_combine(@extschema@.activity_summary, @extschema@.activity_summary)
    RETURNS @extschema@.activity_summary
    AS 'MODULE_PATHNAME', 'activity_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.activity_summary(activity @extschema@.activity_set) (
    SFUNC = @extschema@.activity_summary_trans,
    STYPE = @extschema@.activity_summary,
    COMBINEFUNC = @extschema@.activity_summary_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.activity_summary) (
    SFUNC = @extschema@.activity_summary_combine,
    STYPE = @extschema@.activity_summary,
    COMBINEFUNC = @extschema@.activity_summary_combine,
    PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.customers(summary @extschema@.activity_summary) RETURNS int8
    AS 'MODULE_PATHNAME', 'activity_summary_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: period starts are computed with the server's time zone database
CREATE FUNCTION @extschema@.retention_table(summary @extschema@.activity_summary,
        OUT period int4, OUT period_start timestamptz, OUT customers int8, OUT retained int8,
        OUT rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_summary_retention' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;
CREATE FUNCTION @extschema@.churn_table(summary @extschema@.activity_summary,
        OUT period int4, OUT period_start timestamptz, OUT active_previous int8, OUT churned int8,
        OUT churn_rate float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_summary_churn' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;
CREATE FUNCTION @extschema@.lifecycle_table(summary @extschema@.activity_summary,
        OUT period int4, OUT period_start timestamptz, OUT new_customers int8,
        OUT returning_customers int8, OUT resurrecting_customers int8, OUT dormant_customers int8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'activity_summary_lifecycle' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 12;

-- STABLE: the intervals are added on the calendar of the session TimeZone
CREATE FUNCTION @extschema@.churn_status(last_activity timestamptz, as_of timestamptz,
        churned_after interval)
    RETURNS text AS 'MODULE_PATHNAME', 'churn_status' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_status(last_activity timestamptz, as_of timestamptz,
        churned_after interval, at_risk_after interval)
    RETURNS text AS 'MODULE_PATHNAME', 'churn_status' LANGUAGE C STABLE STRICT PARALLEL SAFE;
-- with an explicit time zone; not strict: a NULL at_risk_after means no at-risk tier, any other
-- NULL gives NULL
CREATE FUNCTION @extschema@.churn_status(last_activity timestamptz, as_of timestamptz,
        churned_after interval, at_risk_after interval, time_zone text)
    RETURNS text AS 'MODULE_PATHNAME', 'churn_status' LANGUAGE C STABLE PARALLEL SAFE;
