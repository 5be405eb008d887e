-------------------------------------------------------------------------------------------------
-- touchpoint: one customer interaction (channel, optional action, time): the type, its
-- comparison (btree and hash operator classes), constructors and accessors, min/max
-------------------------------------------------------------------------------------------------

CREATE TYPE @extschema@.touchpoint;

-- STABLE, like timestamptz_in: a literal without a UTC offset is read in the session TimeZone.
CREATE FUNCTION @extschema@.touchpoint_in(cstring) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_out(@extschema@.touchpoint) RETURNS cstring
    AS 'MODULE_PATHNAME', 'touchpoint_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STABLE, like textrecv/textsend: labels travel in the session's client_encoding.
CREATE FUNCTION @extschema@.touchpoint_recv(internal) RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_recv' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_send(@extschema@.touchpoint) RETURNS bytea
    AS 'MODULE_PATHNAME', 'touchpoint_send' LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.touchpoint (
    INPUT = @extschema@.touchpoint_in,
    OUTPUT = @extschema@.touchpoint_out,
    RECEIVE = @extschema@.touchpoint_recv,
    SEND = @extschema@.touchpoint_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,           -- fields are read with memcpy, no alignment needed
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.touchpoint IS
    'one customer interaction: channel, optional action, time; literal channel[/action]@time';

-- comparison: time, then channel, then action (absent first); labels compare byte-wise

CREATE FUNCTION @extschema@.touchpoint_cmp(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS int4 AS 'MODULE_PATHNAME', 'touchpoint_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_eq(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_ne(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_lt(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_le(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_gt(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_ge(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS bool AS 'MODULE_PATHNAME', 'touchpoint_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'touchpoint_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_hash(@extschema@.touchpoint) RETURNS int4
    AS 'MODULE_PATHNAME', 'touchpoint_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_hash_extended(@extschema@.touchpoint, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'touchpoint_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.touchpoint_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

CREATE OPERATOR CLASS @extschema@.touchpoint_ops
    DEFAULT FOR TYPE @extschema@.touchpoint USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.touchpoint_cmp(@extschema@.touchpoint, @extschema@.touchpoint),
        FUNCTION 2 @extschema@.touchpoint_sortsupport(internal),
        -- equal touchpoints are byte-identical, so btree deduplication is safe
        FUNCTION 4 pg_catalog.btequalimage(oid);

CREATE OPERATOR CLASS @extschema@.touchpoint_hash_ops
    DEFAULT FOR TYPE @extschema@.touchpoint USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.touchpoint_hash(@extschema@.touchpoint),
        FUNCTION 2 @extschema@.touchpoint_hash_extended(@extschema@.touchpoint, int8);

-- constructors and accessors
-- Not STRICT: a NULL action means "no action"; a NULL channel or time gives NULL.
CREATE FUNCTION @extschema@.touchpoint(channel text, action text, occurred_at timestamptz)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint(channel text, occurred_at timestamptz)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.channel(tp @extschema@.touchpoint) RETURNS text
    AS 'MODULE_PATHNAME', 'touchpoint_channel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.action(tp @extschema@.touchpoint) RETURNS text
    AS 'MODULE_PATHNAME', 'touchpoint_action' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.occurred_at(tp @extschema@.touchpoint) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'touchpoint_occurred_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- min/max: the earliest and latest touchpoint in the btree order (time, channel, action)
CREATE FUNCTION @extschema@.touchpoint_smaller(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.touchpoint_larger(@extschema@.touchpoint, @extschema@.touchpoint)
    RETURNS @extschema@.touchpoint
    AS 'MODULE_PATHNAME', 'touchpoint_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.min(@extschema@.touchpoint) (
    SFUNC = @extschema@.touchpoint_smaller,
    STYPE = @extschema@.touchpoint,
    COMBINEFUNC = @extschema@.touchpoint_smaller,
    SORTOP = OPERATOR(@extschema@.<),
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.max(@extschema@.touchpoint) (
    SFUNC = @extschema@.touchpoint_larger,
    STYPE = @extschema@.touchpoint,
    COMBINEFUNC = @extschema@.touchpoint_larger,
    SORTOP = OPERATOR(@extschema@.>),
    PARALLEL = SAFE
);
