-------------------------------------------------------------------------------------------------
-- journeys: the journey type (a customer's touchpoints in time order), journey_agg and the
-- accessors, sessions, paths, funnels (funnel_level/funnel_times of a journey, funnel_agg
-- straight from touchpoints), patterns, and transitions (Sankey edges) with transition_summary
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.journey;
-- STABLE: steps are touchpoint literals, whose times without offset use the session TimeZone
CREATE FUNCTION @extschema@.journey_in(cstring) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_out(@extschema@.journey) RETURNS cstring
    AS 'MODULE_PATHNAME', 'journey_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: labels travel in the client encoding, as in touchpoint_recv/send
CREATE FUNCTION @extschema@.journey_recv(internal) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_send(@extschema@.journey) RETURNS bytea
    AS 'MODULE_PATHNAME', 'journey_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.journey (
    INPUT = @extschema@.journey_in, OUTPUT = @extschema@.journey_out,
    RECEIVE = @extschema@.journey_recv, SEND = @extschema@.journey_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended
);
COMMENT ON TYPE @extschema@.journey IS
    'a customer''s touchpoints ordered by time, then channel, then action';
CREATE FUNCTION @extschema@.journey_eq(@extschema@.journey, @extschema@.journey) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey, FUNCTION = @extschema@.journey_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
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

CREATE FUNCTION @extschema@.journey_agg_trans(@extschema@.journey, @extschema@.touchpoint)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_agg_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_combine(@extschema@.journey, @extschema@.journey)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_agg_combine' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_agg_final(@extschema@.journey) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.journey_agg(tp @extschema@.touchpoint) (
    SFUNC = @extschema@.journey_agg_trans,
    STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_agg_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_agg_combine,
    PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.steps(j @extschema@.journey) RETURNS SETOF @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'journey_steps_srf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
CREATE FUNCTION @extschema@.journey_length(j @extschema@.journey) RETURNS int4
    AS 'MODULE_PATHNAME', 'journey_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_duration(j @extschema@.journey) RETURNS interval
    AS 'MODULE_PATHNAME', 'journey_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- durations and funnel times also in seconds (float8), for BI tools that chart plain numbers;
-- each mirrors its interval-returning namesake (same arguments, same NULLs) and equals
-- extract(epoch from ...) of it
CREATE FUNCTION @extschema@.journey_duration_seconds(j @extschema@.journey) RETURNS float8
    AS 'MODULE_PATHNAME', 'journey_duration_seconds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_touch(j @extschema@.journey) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'journey_first_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.last_touch(j @extschema@.journey) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'journey_last_touch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sessions(j @extschema@.journey, gap interval DEFAULT '30 minutes')
    RETURNS SETOF @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_sessions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

-- journey_path: not strict, so that NULL options mean the defaults
CREATE FUNCTION @extschema@.path(j @extschema@.journey, label text DEFAULT 'channel',
        keep_repeats boolean DEFAULT false, max_steps int4 DEFAULT 0)
    RETURNS text AS 'MODULE_PATHNAME', 'journey_path_of' LANGUAGE C IMMUTABLE PARALLEL SAFE;
-- journey_path's state: the touchpoints so far and the path options, which must agree when
-- partial states combine
CREATE TYPE @extschema@.journey_path_state;
-- STABLE: steps are touchpoint literals, whose times without offset use the session TimeZone
CREATE FUNCTION @extschema@.journey_path_state_in(cstring) RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_state_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_out(@extschema@.journey_path_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'journey_path_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: labels travel in the client encoding, as in touchpoint_recv/send
CREATE FUNCTION @extschema@.journey_path_state_recv(internal) RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_state_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_send(@extschema@.journey_path_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'journey_path_state_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.journey_path_state (
    INPUT = @extschema@.journey_path_state_in, OUTPUT = @extschema@.journey_path_state_out,
    RECEIVE = @extschema@.journey_path_state_recv, SEND = @extschema@.journey_path_state_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended
);
COMMENT ON TYPE @extschema@.journey_path_state IS
    'the state of journey_path: the touchpoints so far and the path options';

-- comparison: =, <>, btree and hash operator classes, as every cxm type has (10-opclass.sql)
CREATE FUNCTION @extschema@.journey_path_state_eq(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_path_state_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_cmp(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'journey_path_state_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_lt(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_path_state_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_le(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_path_state_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_gt(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_path_state_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_ge(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_path_state_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_ne(@extschema@.journey_path_state, @extschema@.journey_path_state) RETURNS bool
    AS 'MODULE_PATHNAME', 'journey_path_state_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_hash(@extschema@.journey_path_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'journey_path_state_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_state_hash_extended(@extschema@.journey_path_state, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'journey_path_state_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.journey_path_state, RIGHTARG = @extschema@.journey_path_state,
    FUNCTION = @extschema@.journey_path_state_eq, COMMUTATOR = OPERATOR(@extschema@.=),
    NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.journey_path_state, RIGHTARG = @extschema@.journey_path_state,
    FUNCTION = @extschema@.journey_path_state_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.journey_path_state, RIGHTARG = @extschema@.journey_path_state, FUNCTION = @extschema@.journey_path_state_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.journey_path_state, RIGHTARG = @extschema@.journey_path_state, FUNCTION = @extschema@.journey_path_state_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.journey_path_state, RIGHTARG = @extschema@.journey_path_state, FUNCTION = @extschema@.journey_path_state_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.journey_path_state, RIGHTARG = @extschema@.journey_path_state, FUNCTION = @extschema@.journey_path_state_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.journey_path_state_ops
    DEFAULT FOR TYPE @extschema@.journey_path_state USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.journey_path_state_cmp(@extschema@.journey_path_state, @extschema@.journey_path_state);
CREATE OPERATOR CLASS @extschema@.journey_path_state_hash_ops
    DEFAULT FOR TYPE @extschema@.journey_path_state USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.journey_path_state_hash(@extschema@.journey_path_state),
        FUNCTION 2 @extschema@.journey_path_state_hash_extended(@extschema@.journey_path_state, int8);

-- the aggregate's support functions over the new state (not strict: NULL options mean the defaults)
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text, boolean)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text, boolean, int4)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_combine(@extschema@.journey_path_state, @extschema@.journey_path_state)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_combine' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_final(@extschema@.journey_path_state) RETURNS text
    AS 'MODULE_PATHNAME', 'journey_path_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey_path_state,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_path_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint, label text) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey_path_state,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_path_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint, label text, keep_repeats boolean) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey_path_state,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_path_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.journey_path(tp @extschema@.touchpoint, label text, keep_repeats boolean,
        max_steps int4) (
    SFUNC = @extschema@.journey_path_trans, STYPE = @extschema@.journey_path_state,
    FINALFUNC = @extschema@.journey_path_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_path_combine, PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.funnel_level(j @extschema@.journey, steps text[], within interval,
        mode text DEFAULT 'default')
    RETURNS int4 AS 'MODULE_PATHNAME', 'funnel_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_times(j @extschema@.journey, steps text[], within interval,
        mode text DEFAULT 'default')
    RETURNS interval[] AS 'MODULE_PATHNAME', 'funnel_times' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_times_seconds(j @extschema@.journey, steps text[], within interval,
        mode text DEFAULT 'default')
    RETURNS float8[] AS 'MODULE_PATHNAME', 'funnel_times_seconds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- funnel_agg: the funnel level straight from touchpoints, keeping only the funnel's events
CREATE TYPE @extschema@.funnel_state;
CREATE FUNCTION @extschema@.funnel_state_in(cstring) RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_out(@extschema@.funnel_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'funnel_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE: the binary form is text in the client encoding
CREATE FUNCTION @extschema@.funnel_state_recv(internal) RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_state_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_state_send(@extschema@.funnel_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'funnel_state_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.funnel_state (
    INPUT = @extschema@.funnel_state_in, OUTPUT = @extschema@.funnel_state_out,
    RECEIVE = @extschema@.funnel_state_recv, SEND = @extschema@.funnel_state_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.funnel_state IS 'partial state of funnel_agg: the funnel and its events';
CREATE FUNCTION @extschema@.funnel_state_eq(@extschema@.funnel_state, @extschema@.funnel_state)
    RETURNS bool AS 'MODULE_PATHNAME', 'funnel_state_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.funnel_state, RIGHTARG = @extschema@.funnel_state, FUNCTION = @extschema@.funnel_state_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
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
CREATE FUNCTION @extschema@.funnel_agg_trans(@extschema@.funnel_state, @extschema@.touchpoint,
        text[], interval)
    RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_agg_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_agg_trans(@extschema@.funnel_state, @extschema@.touchpoint,
        text[], interval, text)
    RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_agg_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_agg_combine(@extschema@.funnel_state, @extschema@.funnel_state)
    RETURNS @extschema@.funnel_state
    AS 'MODULE_PATHNAME', 'funnel_agg_combine' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.funnel_agg_final(@extschema@.funnel_state) RETURNS int4
    AS 'MODULE_PATHNAME', 'funnel_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.funnel_agg(tp @extschema@.touchpoint, steps text[], within interval) (
    SFUNC = @extschema@.funnel_agg_trans, STYPE = @extschema@.funnel_state,
    FINALFUNC = @extschema@.funnel_agg_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.funnel_agg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.funnel_agg(tp @extschema@.touchpoint, steps text[], within interval,
        mode text) (
    SFUNC = @extschema@.funnel_agg_trans, STYPE = @extschema@.funnel_state,
    FINALFUNC = @extschema@.funnel_agg_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.funnel_agg_combine, PARALLEL = SAFE
);

-- journey patterns: a small regular language over steps, run as an NFA
CREATE FUNCTION @extschema@.journey_matches(j @extschema@.journey, pattern text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'journey_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_match_count(j @extschema@.journey, pattern text) RETURNS int8
    AS 'MODULE_PATHNAME', 'journey_match_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- transitions (Sankey edges) of journeys
CREATE FUNCTION @extschema@.transitions(j @extschema@.journey, label text DEFAULT 'channel',
        markers boolean DEFAULT false, OUT from_step text, OUT to_step text)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'journey_transitions' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10;
CREATE TYPE @extschema@.transition_summary;
CREATE FUNCTION @extschema@.transition_summary_in(cstring) RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_out(@extschema@.transition_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'transition_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_recv(internal) RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_send(@extschema@.transition_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'transition_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.transition_summary (
    INPUT = @extschema@.transition_summary_in, OUTPUT = @extschema@.transition_summary_out,
    RECEIVE = @extschema@.transition_summary_recv, SEND = @extschema@.transition_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.transition_summary IS
    'counts of step-to-step transitions over many journeys (Sankey edges)';
CREATE FUNCTION @extschema@.transition_summary_eq(@extschema@.transition_summary,
        @extschema@.transition_summary)
    RETURNS bool AS 'MODULE_PATHNAME', 'transition_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.transition_summary, RIGHTARG = @extschema@.transition_summary, FUNCTION = @extschema@.transition_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
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
CREATE FUNCTION @extschema@.transition_counts_trans(@extschema@.transition_summary, @extschema@.journey)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_counts_trans(@extschema@.transition_summary, @extschema@.journey, text)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_counts_trans(@extschema@.transition_summary, @extschema@.journey, text, boolean)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.transition_summary_combine(@extschema@.transition_summary,
        @extschema@.transition_summary)
    RETURNS @extschema@.transition_summary
    AS 'MODULE_PATHNAME', 'transition_summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.transition_counts(j @extschema@.journey) (
    SFUNC = @extschema@.transition_counts_trans, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.transition_counts(j @extschema@.journey, label text) (
    SFUNC = @extschema@.transition_counts_trans, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.transition_counts(j @extschema@.journey, label text, markers boolean) (
    SFUNC = @extschema@.transition_counts_trans, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(summary @extschema@.transition_summary) (
    SFUNC = @extschema@.transition_summary_combine, STYPE = @extschema@.transition_summary,
    COMBINEFUNC = @extschema@.transition_summary_combine, PARALLEL = SAFE
);
CREATE FUNCTION @extschema@.transition_table(summary @extschema@.transition_summary,
        OUT from_step text, OUT to_step text, OUT transitions int8, OUT share float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'transition_summary_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;
