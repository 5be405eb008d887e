-- feedback metrics: one overload per score type instead of anyelement.
-- nps_agg, nps_summary, csat_agg, csat_summary, ces_agg and ces_summary took `score anyelement`:
-- an unknown literal (nps_agg('9'), nps_agg(NULL)) could not be resolved, and Citus cannot run
-- anyelement aggregates (its workers call the transition function without the call expression
-- that tells an anyelement function its argument type). Each now has one overload per score
-- type -- smallint, integer, bigint, numeric and double precision (real and other types cast
-- implicitly to one of them; an unknown literal resolves to double precision, as for avg) --
-- whose transition functions are separate C entry points that know their score type.

-- The anyelement aggregates and their transition functions stay until the new overloads exist:
-- user views over them are moved onto the new overloads first, then they are dropped (the
-- change file last/90-feedback-views.sql, after the overloads).

-- The new overloads (a transition and an inverse transition function per metric and score type,
-- and the aggregates over them) are the declarations of the install script: the Makefile writes
-- them from sql/install/feedback/score.sql.in at the end of the update script.

-- CES: compare(a, b), Welch's t test on the mean effort (NPS and CSAT have a z test)
CREATE FUNCTION @extschema@.compare(a @extschema@.ces_summary, b @extschema@.ces_summary,
    OUT difference float8, OUT std_error float8, OUT t float8, OUT df float8, OUT p_value float8) RETURNS record
    AS 'MODULE_PATHNAME', 'ces_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
