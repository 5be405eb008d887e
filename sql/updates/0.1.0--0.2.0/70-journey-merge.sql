/*
 * Merging journeys: journey || journey, journey || touchpoint, touchpoint || journey and
 * rollup(journey), new objects.
 */
CREATE FUNCTION @extschema@.journey_merge(a @extschema@.journey, b @extschema@.journey)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_merge' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_append(j @extschema@.journey, tp @extschema@.touchpoint)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_append' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_prepend(tp @extschema@.touchpoint, j @extschema@.journey)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_prepend' LANGUAGE C STABLE PARALLEL SAFE;
CREATE OPERATOR @extschema@.|| (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.journey,
    FUNCTION = @extschema@.journey_merge, COMMUTATOR = OPERATOR(@extschema@.||)
);
CREATE OPERATOR @extschema@.|| (
    LEFTARG = @extschema@.journey, RIGHTARG = @extschema@.touchpoint,
    FUNCTION = @extschema@.journey_append, COMMUTATOR = OPERATOR(@extschema@.||)
);
CREATE OPERATOR @extschema@.|| (
    LEFTARG = @extschema@.touchpoint, RIGHTARG = @extschema@.journey,
    FUNCTION = @extschema@.journey_prepend, COMMUTATOR = OPERATOR(@extschema@.||)
);

-- rollup(journey): the state is a journey being built (journey_agg's), appended to in place
CREATE FUNCTION @extschema@.journey_rollup_trans(@extschema@.journey, @extschema@.journey)
    RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_rollup_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.journey_rollup_final(@extschema@.journey) RETURNS @extschema@.journey
    AS 'MODULE_PATHNAME', 'journey_rollup_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.rollup(j @extschema@.journey) (
    SFUNC = @extschema@.journey_rollup_trans,
    STYPE = @extschema@.journey,
    FINALFUNC = @extschema@.journey_rollup_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.journey_rollup_trans,
    PARALLEL = SAFE
);
