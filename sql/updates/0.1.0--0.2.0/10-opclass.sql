/*
 * Every cxm type can be grouped, sorted, deduplicated and joined: a default btree operator
 * class (<, <=, =, >=, > and a cmp function) and a default hash operator class for each type but
 * touchpoint, which had both (src/type_compare.c). The order is arbitrary but the same on every
 * platform; values equal by the type's = (whose function is unchanged) compare equal and hash
 * alike. The types that had no <> get one.
 *
 * = must be HASHES and MERGES for hash joins, hashed aggregation and merge joins. ALTER OPERATOR
 * cannot set these before PostgreSQL 16, and dropping = to create it again would fail on every
 * user view, rule or SQL function that uses it (or drop them, with CASCADE); so the flags are set
 * in pg_operator, as CREATE OPERATOR ... HASHES, MERGES would have set them. The script runs as
 * a superuser (the bootstrap superuser for a trusted install).
 */
-- journey
CREATE FUNCTION @extschema@.journey_cmp(@extschema@.journey, @extschema@.journey) RETURNS int4
    AS 'MODULE_PATHNAME', 'journey_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_lt(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_le(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_gt(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_ge(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_ne(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_hash(@extschema@.journey) RETURNS int4
    AS 'MODULE_PATHNAME', 'journey_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_hash_extended(@extschema@.journey, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'journey_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- NEGATOR also makes <> the negator of =
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey, FUNCTION = @extschema@.journey_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey, FUNCTION = @extschema@.journey_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey, FUNCTION = @extschema@.journey_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey, FUNCTION = @extschema@.journey_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey, FUNCTION = @extschema@.journey_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.journey_ops
    DEFAULT FOR TYPE @extschema@.journey USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.journey_cmp(@extschema@.journey, @extschema@.journey);
CREATE OPERATOR CLASS @extschema@.journey_hash_ops
    DEFAULT FOR TYPE @extschema@.journey USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.journey_hash(@extschema@.journey),
        FUNCTION 2 @extschema@.journey_hash_extended(@extschema@.journey, int8);

-- nps_summary
CREATE FUNCTION @extschema@.nps_summary_cmp(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_lt(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_le(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_gt(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_ge(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_hash_extended(@extschema@.nps_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary, FUNCTION = @extschema@.nps_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary, FUNCTION = @extschema@.nps_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary, FUNCTION = @extschema@.nps_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary, FUNCTION = @extschema@.nps_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.nps_summary_ops
    DEFAULT FOR TYPE @extschema@.nps_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.nps_summary_cmp(@extschema@.nps_summary, @extschema@.nps_summary);
CREATE OPERATOR CLASS @extschema@.nps_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.nps_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.nps_summary_hash(@extschema@.nps_summary),
        FUNCTION 2 @extschema@.nps_summary_hash_extended(@extschema@.nps_summary, int8);

-- csat_summary
CREATE FUNCTION @extschema@.csat_summary_cmp(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_lt(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_le(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_gt(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_ge(@extschema@.csat_summary, @extschema@.csat_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_hash(@extschema@.csat_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.csat_summary_hash_extended(@extschema@.csat_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.csat_summary, RIGHTARG = @extschema@.csat_summary, FUNCTION = @extschema@.csat_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.csat_summary, RIGHTARG = @extschema@.csat_summary, FUNCTION = @extschema@.csat_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.csat_summary, RIGHTARG = @extschema@.csat_summary, FUNCTION = @extschema@.csat_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.csat_summary, RIGHTARG = @extschema@.csat_summary, FUNCTION = @extschema@.csat_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.csat_summary_ops
    DEFAULT FOR TYPE @extschema@.csat_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.csat_summary_cmp(@extschema@.csat_summary, @extschema@.csat_summary);
CREATE OPERATOR CLASS @extschema@.csat_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.csat_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.csat_summary_hash(@extschema@.csat_summary),
        FUNCTION 2 @extschema@.csat_summary_hash_extended(@extschema@.csat_summary, int8);

-- ces_summary
CREATE FUNCTION @extschema@.ces_summary_cmp(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_lt(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_le(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_gt(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_ge(@extschema@.ces_summary, @extschema@.ces_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'feedback_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_hash(@extschema@.ces_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'feedback_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ces_summary_hash_extended(@extschema@.ces_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'feedback_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.ces_summary, RIGHTARG = @extschema@.ces_summary, FUNCTION = @extschema@.ces_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.ces_summary, RIGHTARG = @extschema@.ces_summary, FUNCTION = @extschema@.ces_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.ces_summary, RIGHTARG = @extschema@.ces_summary, FUNCTION = @extschema@.ces_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.ces_summary, RIGHTARG = @extschema@.ces_summary, FUNCTION = @extschema@.ces_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.ces_summary_ops
    DEFAULT FOR TYPE @extschema@.ces_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.ces_summary_cmp(@extschema@.ces_summary, @extschema@.ces_summary);
CREATE OPERATOR CLASS @extschema@.ces_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.ces_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.ces_summary_hash(@extschema@.ces_summary),
        FUNCTION 2 @extschema@.ces_summary_hash_extended(@extschema@.ces_summary, int8);

-- activity_set
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
-- NEGATOR also makes <> the negator of =
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

-- activity_summary
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
-- NEGATOR also makes <> the negator of =
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

-- transition_summary
CREATE FUNCTION @extschema@.transition_summary_cmp(@extschema@.transition_summary, @extschema@.transition_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'transition_summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_lt(@extschema@.transition_summary, @extschema@.transition_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'transition_summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_le(@extschema@.transition_summary, @extschema@.transition_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'transition_summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_gt(@extschema@.transition_summary, @extschema@.transition_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'transition_summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_ge(@extschema@.transition_summary, @extschema@.transition_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'transition_summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_ne(@extschema@.transition_summary, @extschema@.transition_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'transition_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_hash(@extschema@.transition_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'transition_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_hash_extended(@extschema@.transition_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'transition_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- NEGATOR also makes <> the negator of =
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary, FUNCTION = @extschema@.transition_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary, FUNCTION = @extschema@.transition_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary, FUNCTION = @extschema@.transition_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary, FUNCTION = @extschema@.transition_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary, FUNCTION = @extschema@.transition_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.transition_summary_ops
    DEFAULT FOR TYPE @extschema@.transition_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.transition_summary_cmp(@extschema@.transition_summary, @extschema@.transition_summary);
CREATE OPERATOR CLASS @extschema@.transition_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.transition_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.transition_summary_hash(@extschema@.transition_summary),
        FUNCTION 2 @extschema@.transition_summary_hash_extended(@extschema@.transition_summary, int8);

-- funnel_state
CREATE FUNCTION @extschema@.funnel_state_cmp(@extschema@.funnel_state, @extschema@.funnel_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'funnel_state_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_lt(@extschema@.funnel_state, @extschema@.funnel_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'funnel_state_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_le(@extschema@.funnel_state, @extschema@.funnel_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'funnel_state_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_gt(@extschema@.funnel_state, @extschema@.funnel_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'funnel_state_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_ge(@extschema@.funnel_state, @extschema@.funnel_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'funnel_state_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_ne(@extschema@.funnel_state, @extschema@.funnel_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'funnel_state_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_hash(@extschema@.funnel_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'funnel_state_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_hash_extended(@extschema@.funnel_state, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'funnel_state_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- NEGATOR also makes <> the negator of =
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state, FUNCTION = @extschema@.funnel_state_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state, FUNCTION = @extschema@.funnel_state_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state, FUNCTION = @extschema@.funnel_state_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state, FUNCTION = @extschema@.funnel_state_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state, FUNCTION = @extschema@.funnel_state_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.funnel_state_ops
    DEFAULT FOR TYPE @extschema@.funnel_state USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.funnel_state_cmp(@extschema@.funnel_state, @extschema@.funnel_state);
CREATE OPERATOR CLASS @extschema@.funnel_state_hash_ops
    DEFAULT FOR TYPE @extschema@.funnel_state USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.funnel_state_hash(@extschema@.funnel_state),
        FUNCTION 2 @extschema@.funnel_state_hash_extended(@extschema@.funnel_state, int8);

-- markov_model
CREATE FUNCTION @extschema@.markov_model_cmp(@extschema@.markov_model, @extschema@.markov_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'markov_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_lt(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_le(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_gt(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_ge(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_ne(@extschema@.markov_model, @extschema@.markov_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'markov_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_hash(@extschema@.markov_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'markov_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.markov_model_hash_extended(@extschema@.markov_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'markov_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- NEGATOR also makes <> the negator of =
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
ALTER OPERATOR @extschema@.= (@extschema@.markov_model, @extschema@.markov_model)
    SET (RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.markov_model, RIGHTARG = @extschema@.markov_model, FUNCTION = @extschema@.markov_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.markov_model_ops
    DEFAULT FOR TYPE @extschema@.markov_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.markov_model_cmp(@extschema@.markov_model, @extschema@.markov_model);
CREATE OPERATOR CLASS @extschema@.markov_model_hash_ops
    DEFAULT FOR TYPE @extschema@.markov_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.markov_model_hash(@extschema@.markov_model),
        FUNCTION 2 @extschema@.markov_model_hash_extended(@extschema@.markov_model, int8);

-- shapley_model
CREATE FUNCTION @extschema@.shapley_model_cmp(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'shapley_model_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_lt(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_le(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_gt(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_ge(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_ne(@extschema@.shapley_model, @extschema@.shapley_model) RETURNS bool
    AS 'MODULE_PATHNAME', 'shapley_model_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_hash(@extschema@.shapley_model) RETURNS int4
    AS 'MODULE_PATHNAME', 'shapley_model_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.shapley_model_hash_extended(@extschema@.shapley_model, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'shapley_model_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- NEGATOR also makes <> the negator of =
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
ALTER OPERATOR @extschema@.= (@extschema@.shapley_model, @extschema@.shapley_model)
    SET (RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.shapley_model, RIGHTARG = @extschema@.shapley_model, FUNCTION = @extschema@.shapley_model_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.shapley_model_ops
    DEFAULT FOR TYPE @extschema@.shapley_model USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.shapley_model_cmp(@extschema@.shapley_model, @extschema@.shapley_model);
CREATE OPERATOR CLASS @extschema@.shapley_model_hash_ops
    DEFAULT FOR TYPE @extschema@.shapley_model USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.shapley_model_hash(@extschema@.shapley_model),
        FUNCTION 2 @extschema@.shapley_model_hash_extended(@extschema@.shapley_model, int8);

-- rfm_state
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

-- rfm_patterns
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

-- spend_patterns
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

-- bgnbd_model
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

-- paretonbd_model
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

-- gammagamma_model
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

-- = hashes and merges (see the top of this file)
UPDATE pg_catalog.pg_operator SET oprcanhash = true, oprcanmerge = true
WHERE oprname = '=' AND oprnamespace = '@extschema@'::pg_catalog.regnamespace
  AND oprleft = oprright
  AND oprleft IN ('@extschema@.journey'::pg_catalog.regtype,
                  '@extschema@.nps_summary'::pg_catalog.regtype,
                  '@extschema@.csat_summary'::pg_catalog.regtype,
                  '@extschema@.ces_summary'::pg_catalog.regtype,
                  '@extschema@.activity_set'::pg_catalog.regtype,
                  '@extschema@.activity_summary'::pg_catalog.regtype,
                  '@extschema@.transition_summary'::pg_catalog.regtype,
                  '@extschema@.funnel_state'::pg_catalog.regtype,
                  '@extschema@.markov_model'::pg_catalog.regtype,
                  '@extschema@.shapley_model'::pg_catalog.regtype,
                  '@extschema@.rfm_state'::pg_catalog.regtype,
                  '@extschema@.rfm_patterns'::pg_catalog.regtype,
                  '@extschema@.spend_patterns'::pg_catalog.regtype,
                  '@extschema@.bgnbd_model'::pg_catalog.regtype,
                  '@extschema@.paretonbd_model'::pg_catalog.regtype,
                  '@extschema@.gammagamma_model'::pg_catalog.regtype);
