/*
 * journey_path's state gets its own type, journey_path_state: the journey built so far plus the
 * path options (label, keep_repeats, max_steps), which travel with partial states and must
 * agree when they combine. The stored journey type no longer carries the options (its stored
 * format is version 2; version 1, written by 0.1.0, is still read).
 *
 * The four journey_path aggregates keep their identity: dropping them to create them again
 * would fail on every user view, rule or SQL function that uses them (or drop those, with
 * CASCADE). Their transition, combine and final functions and their state type are changed in
 * pg_aggregate instead, with the dependencies that aggregate creation records (on the functions) moved
 * along, and the old support functions are dropped. The script runs as a superuser (the
 * bootstrap superuser for a trusted install).
 */
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
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text, boolean)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text, boolean, int4)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_combine(@extschema@.journey_path_state, @extschema@.journey_path_state)
    RETURNS @extschema@.journey_path_state
    AS 'MODULE_PATHNAME', 'journey_path_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_path_final(@extschema@.journey_path_state) RETURNS text
    AS 'MODULE_PATHNAME', 'journey_path_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- the four journey_path aggregates, moved onto them (see the top of this file)
CREATE TEMP TABLE cxm_journey_path_move ON COMMIT DROP AS
SELECT a.aggfnoid, old_trans.oid AS old_trans, new_trans.oid AS new_trans,
       old_final.oid AS old_final, new_final.oid AS new_final,
       old_combine.oid AS old_combine, new_combine.oid AS new_combine
FROM pg_catalog.pg_aggregate a
JOIN pg_catalog.pg_proc agg ON agg.oid = a.aggfnoid
JOIN pg_catalog.pg_proc old_trans ON old_trans.oid = a.aggtransfn
JOIN pg_catalog.pg_proc new_trans
  ON new_trans.proname = 'journey_path_trans' AND new_trans.pronamespace = agg.pronamespace
 AND new_trans.proargtypes[0] = '@extschema@.journey_path_state'::pg_catalog.regtype
 AND new_trans.pronargs = old_trans.pronargs
JOIN pg_catalog.pg_proc old_final ON old_final.oid = a.aggfinalfn
JOIN pg_catalog.pg_proc old_combine ON old_combine.oid = a.aggcombinefn
CROSS JOIN (SELECT '@extschema@.journey_path_final(@extschema@.journey_path_state)'::pg_catalog.regprocedure::pg_catalog.oid AS oid) new_final
CROSS JOIN (SELECT '@extschema@.journey_path_combine(@extschema@.journey_path_state, @extschema@.journey_path_state)'::pg_catalog.regprocedure::pg_catalog.oid AS oid) new_combine
WHERE agg.proname = 'journey_path' AND agg.pronamespace = '@extschema@'::pg_catalog.regnamespace
  AND a.aggtranstype = '@extschema@.journey'::pg_catalog.regtype;
DO $$
BEGIN
  IF (SELECT pg_catalog.count(*) FROM cxm_journey_path_move) <> 4 THEN
    RAISE EXCEPTION 'cxm update: expected the four journey_path aggregates of cxm 0.1.0';
  END IF;
END $$;
UPDATE pg_catalog.pg_aggregate a
SET aggtransfn = m.new_trans::pg_catalog.regproc, aggfinalfn = m.new_final::pg_catalog.regproc,
    aggcombinefn = m.new_combine::pg_catalog.regproc,
    aggtranstype = '@extschema@.journey_path_state'::pg_catalog.regtype
FROM cxm_journey_path_move m WHERE a.aggfnoid = m.aggfnoid;
UPDATE pg_catalog.pg_depend d
SET refobjid = CASE d.refobjid WHEN m.old_trans THEN m.new_trans
                               WHEN m.old_final THEN m.new_final
                               ELSE m.new_combine END
FROM cxm_journey_path_move m
WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = m.aggfnoid
  AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
  AND d.refobjid IN (m.old_trans, m.old_final, m.old_combine);
DROP TABLE cxm_journey_path_move;

DROP FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint);
DROP FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint, text);
DROP FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint, text, boolean);
DROP FUNCTION @extschema@.journey_path_trans(@extschema@.journey, @extschema@.touchpoint, text, boolean, int4);
DROP FUNCTION @extschema@.journey_path_final(@extschema@.journey);
