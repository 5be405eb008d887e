-- Open-ended answers: term_summary counts per class (NPS class, channel, month ...) the answers
-- and the lexemes of to_tsvector (optionally two-word phrases); distinctive_terms ranks a
-- class's terms against the other classes, term_table lists them all; nps_class labels scores.
CREATE TYPE @extschema@.term_summary;
CREATE FUNCTION @extschema@.term_summary_in(cstring) RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_out(@extschema@.term_summary) RETURNS cstring
    AS 'MODULE_PATHNAME', 'term_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_recv(internal) RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_send(@extschema@.term_summary) RETURNS bytea
    AS 'MODULE_PATHNAME', 'term_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.term_summary (
    INPUT = @extschema@.term_summary_in, OUTPUT = @extschema@.term_summary_out,
    RECEIVE = @extschema@.term_summary_recv, SEND = @extschema@.term_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended
);
COMMENT ON TYPE @extschema@.term_summary IS
    'per class, the answers and the occurrences of each term of open-ended feedback';
CREATE FUNCTION @extschema@.term_summary_eq(@extschema@.term_summary, @extschema@.term_summary)
    RETURNS bool AS 'MODULE_PATHNAME', 'term_summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.term_summary, RIGHTARG = @extschema@.term_summary, FUNCTION = @extschema@.term_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
-- sorting, grouping and joins: a btree order (arbitrary but the same on every platform) and a hash
CREATE FUNCTION @extschema@.term_summary_cmp(@extschema@.term_summary, @extschema@.term_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'term_summary_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_lt(@extschema@.term_summary, @extschema@.term_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'term_summary_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_le(@extschema@.term_summary, @extschema@.term_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'term_summary_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_gt(@extschema@.term_summary, @extschema@.term_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'term_summary_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_ge(@extschema@.term_summary, @extschema@.term_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'term_summary_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_ne(@extschema@.term_summary, @extschema@.term_summary) RETURNS bool
    AS 'MODULE_PATHNAME', 'term_summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_hash(@extschema@.term_summary) RETURNS int4
    AS 'MODULE_PATHNAME', 'term_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_hash_extended(@extschema@.term_summary, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'term_summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.term_summary, RIGHTARG = @extschema@.term_summary, FUNCTION = @extschema@.term_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.term_summary, RIGHTARG = @extschema@.term_summary, FUNCTION = @extschema@.term_summary_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.term_summary, RIGHTARG = @extschema@.term_summary, FUNCTION = @extschema@.term_summary_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.term_summary, RIGHTARG = @extschema@.term_summary, FUNCTION = @extschema@.term_summary_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.term_summary, RIGHTARG = @extschema@.term_summary, FUNCTION = @extschema@.term_summary_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS @extschema@.term_summary_ops
    DEFAULT FOR TYPE @extschema@.term_summary USING btree AS
        OPERATOR 1 @extschema@.< , OPERATOR 2 @extschema@.<= , OPERATOR 3 @extschema@.= , OPERATOR 4 @extschema@.>= , OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.term_summary_cmp(@extschema@.term_summary, @extschema@.term_summary);
CREATE OPERATOR CLASS @extschema@.term_summary_hash_ops
    DEFAULT FOR TYPE @extschema@.term_summary USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.term_summary_hash(@extschema@.term_summary),
        FUNCTION 2 @extschema@.term_summary_hash_extended(@extschema@.term_summary, int8);

-- the aggregate: the form without a configuration reads default_text_search_config (STABLE)
CREATE FUNCTION @extschema@.term_summary_trans(@extschema@.term_summary, text, text)
    RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_trans_default_config' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_trans(@extschema@.term_summary, text, text, regconfig)
    RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_trans(@extschema@.term_summary, text, text, regconfig, boolean)
    RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_combine(@extschema@.term_summary, @extschema@.term_summary)
    RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.term_summary_final(@extschema@.term_summary)
    RETURNS @extschema@.term_summary
    AS 'MODULE_PATHNAME', 'term_summary_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.term_summary(comment text, class text) (
    SFUNC = @extschema@.term_summary_trans, STYPE = @extschema@.term_summary,
    FINALFUNC = @extschema@.term_summary_final,
    COMBINEFUNC = @extschema@.term_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.term_summary(comment text, class text, config regconfig) (
    SFUNC = @extschema@.term_summary_trans, STYPE = @extschema@.term_summary,
    FINALFUNC = @extschema@.term_summary_final,
    COMBINEFUNC = @extschema@.term_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.term_summary(comment text, class text, config regconfig, phrases boolean) (
    SFUNC = @extschema@.term_summary_trans, STYPE = @extschema@.term_summary,
    FINALFUNC = @extschema@.term_summary_final,
    COMBINEFUNC = @extschema@.term_summary_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.rollup(@extschema@.term_summary) (
    SFUNC = @extschema@.term_summary_combine, STYPE = @extschema@.term_summary,
    FINALFUNC = @extschema@.term_summary_final,
    COMBINEFUNC = @extschema@.term_summary_combine, PARALLEL = SAFE
);

CREATE FUNCTION @extschema@.distinctive_terms(s @extschema@.term_summary, class text,
        top int4 DEFAULT 20, min_count int4 DEFAULT 5, prior float8 DEFAULT NULL)
    RETURNS TABLE (term text, count_in_class int8, count_elsewhere int8, share_in_class float8,
                   share_elsewhere float8, log_odds float8, z float8)
    AS 'MODULE_PATHNAME', 'distinctive_terms' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 20;
CREATE FUNCTION @extschema@.term_table(s @extschema@.term_summary)
    RETURNS TABLE (term text, class text, occurrences int8, comments int8)
    AS 'MODULE_PATHNAME', 'term_table' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_class(score float8) RETURNS text
    AS 'MODULE_PATHNAME', 'nps_class' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
