/*
 * The end of the move of the feedback aggregates from `score anyelement` to one overload per
 * score type (20-feedback.sql): runs after the update script has created the new overloads.
 *
 * A user view over nps_agg(score) & co. of 0.1.0 refers to the anyelement aggregate, which must
 * go: dropping it would fail on the view (or, with CASCADE, drop the view). So each such view is
 * defined again from its own definition (pg_get_viewdef), which now resolves to the overload of
 * its score's type (a view over nps_agg(score) with an integer score to nps_agg(integer)); same
 * columns, owner, privileges and options (CREATE OR REPLACE VIEW keeps the first three; the
 * options are given again). An extension script may replace only the extension's own objects,
 * so the view is added to the extension for that statement and taken out again. Then the
 * anyelement aggregates are dropped. Anything else that
 * uses them (a materialized view, a rule, a SQL function body) still makes the update fail,
 * naming the object, as it did before: drop it, update, create it again.
 */
DO $$
DECLARE
  v record;
BEGIN
  FOR v IN
    SELECT DISTINCT c.oid::pg_catalog.regclass AS view, c.reloptions
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid
    JOIN pg_catalog.pg_class c ON c.oid = r.ev_class AND c.relkind = 'v'
    JOIN pg_catalog.pg_proc p ON d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = d.refobjid
    WHERE p.pronamespace = '@extschema@'::pg_catalog.regnamespace
      AND p.proname IN ('nps_agg', 'nps_summary', 'csat_agg', 'csat_summary', 'ces_agg', 'ces_summary')
      AND 'pg_catalog.anyelement'::pg_catalog.regtype = ANY (p.proargtypes)
  LOOP
    -- an extension script may replace only its own objects: the view is one for the moment
    EXECUTE pg_catalog.format('ALTER EXTENSION cxm ADD VIEW %s', v.view);
    EXECUTE pg_catalog.format('CREATE OR REPLACE VIEW %s%s AS %s', v.view,
      CASE WHEN v.reloptions IS NULL THEN ''
           ELSE ' WITH (' || pg_catalog.array_to_string(v.reloptions, ', ') || ')' END,
      pg_catalog.rtrim(pg_catalog.pg_get_viewdef(v.view), ';'));
    EXECUTE pg_catalog.format('ALTER EXTENSION cxm DROP VIEW %s', v.view);
  END LOOP;
END $$;

DROP AGGREGATE @extschema@.nps_agg(anyelement);
DROP AGGREGATE @extschema@.nps_agg(anyelement, float8);
DROP AGGREGATE @extschema@.nps_summary(anyelement);
DROP AGGREGATE @extschema@.nps_summary(anyelement, float8);
DROP AGGREGATE @extschema@.csat_agg(anyelement);
DROP AGGREGATE @extschema@.csat_agg(anyelement, int4);
DROP AGGREGATE @extschema@.csat_agg(anyelement, int4, float8);
DROP AGGREGATE @extschema@.csat_summary(anyelement);
DROP AGGREGATE @extschema@.csat_summary(anyelement, int4);
DROP AGGREGATE @extschema@.csat_summary(anyelement, int4, float8);
DROP AGGREGATE @extschema@.ces_agg(anyelement);
DROP AGGREGATE @extschema@.ces_agg(anyelement, int4);
DROP AGGREGATE @extschema@.ces_agg(anyelement, int4, float8);
DROP AGGREGATE @extschema@.ces_summary(anyelement);
DROP AGGREGATE @extschema@.ces_summary(anyelement, int4);
DROP AGGREGATE @extschema@.ces_summary(anyelement, int4, float8);
DROP FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, anyelement);
DROP FUNCTION @extschema@.nps_summary_trans(@extschema@.nps_summary, anyelement, float8);
DROP FUNCTION @extschema@.nps_summary_inv_trans(@extschema@.nps_summary, anyelement);
DROP FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement);
DROP FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement, int4);
DROP FUNCTION @extschema@.csat_summary_trans(@extschema@.csat_summary, anyelement, int4, float8);
DROP FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, anyelement);
DROP FUNCTION @extschema@.csat_summary_inv_trans(@extschema@.csat_summary, anyelement, int4);
DROP FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement);
DROP FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement, int4);
DROP FUNCTION @extschema@.ces_summary_trans(@extschema@.ces_summary, anyelement, int4, float8);
DROP FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, anyelement);
DROP FUNCTION @extschema@.ces_summary_inv_trans(@extschema@.ces_summary, anyelement, int4);

