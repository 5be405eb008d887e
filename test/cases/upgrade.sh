#!/usr/bin/env bash
# test/cases/upgrade.sh: the update path from the oldest release. Installs cxm 0.1.0, stores a
# value of every 0.1.0 type, runs ALTER EXTENSION cxm UPDATE, then requires (1) that the
# extension's objects are exactly those of a fresh install of the current version (compared by
# their catalog definitions) and (2) that every stored value reads back with the same text.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=cxm_upgrade_old
new=cxm_upgrade_new
work=$(mktemp -d)
cleanup() { dropdb --if-exists "$old"; dropdb --if-exists "$new"; rm -rf "$work"; }
trap cleanup EXIT
cleanup; work=$(mktemp -d)
createdb "$old"; createdb "$new"
export PGOPTIONS="${PGOPTIONS:-} -c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=1"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$@"; }

q "$old" -c "CREATE EXTENSION cxm VERSION '0.1.0'"
q "$new" -c "CREATE EXTENSION cxm"

# one value of every type 0.1.0 has; the check below fails if a type has none
q "$old" <<'SQL'
CREATE TABLE tp_rows AS
SELECT i, touchpoint((ARRAY['web','email','store','ads'])[1 + i % 4], 'a' || (i % 3),
                     timestamptz '2025-01-01' + i * interval '7 hours') AS tp
FROM generate_series(1, 400) i;
CREATE TABLE stored (type_name text PRIMARY KEY, value_text text);
CREATE TEMP TABLE v AS SELECT
  (SELECT tp FROM tp_rows WHERE i = 7) AS touchpoint,
  (SELECT journey_agg(tp) FROM tp_rows WHERE i <= 30) AS journey,
  (SELECT nps_summary(i % 11) FROM tp_rows) AS nps_summary,
  (SELECT csat_summary(1 + i % 5, 5, 0.5 + i % 3) FROM tp_rows) AS csat_summary,
  (SELECT ces_summary(1 + i % 7, 7) FROM tp_rows) AS ces_summary,
  (SELECT activity_periods(occurred_at(tp), '2025-01-01', '1 week', '2025-05-01') FROM tp_rows) AS activity_set,
  (SELECT activity_summary(a) FROM (SELECT activity_periods(occurred_at(tp), '2025-01-01', '1 week', '2025-05-01') a
                                    FROM tp_rows GROUP BY i % 13) s) AS activity_summary,
  (SELECT transition_counts(j) FROM (SELECT journey_agg(tp) j FROM tp_rows GROUP BY i % 9) s) AS transition_summary,
  (SELECT markov_attribution(j, k % 2 = 0) FROM (SELECT i % 9 k, journey_agg(tp) j FROM tp_rows GROUP BY 1) s) AS markov_model,
  (SELECT shapley_attribution(j, k % 2 = 0, k) FROM (SELECT i % 9 k, journey_agg(tp) j FROM tp_rows GROUP BY 1) s) AS shapley_model,
  '{"version": 1, "steps": ["web", "email"], "window_usecs": 86400000000, "mode": "default", "event_times": [0, 3600000000], "event_steps": [0, 1]}'::funnel_state AS funnel_state,
  (SELECT rfm_state(occurred_at(tp), i, '2025-03-01', '1 day', '1 week') FROM tp_rows) AS rfm_state,
  (SELECT rfm_summary(occurred_at(tp), i, '2025-03-01', '1 day', '1 week') FROM tp_rows) AS rfm,
  (SELECT rfm_patterns(i % 4, i % 4 * 2, 10) FROM tp_rows) AS rfm_patterns,
  (SELECT spend_patterns(1 + i % 4, 10 + i % 7) FROM tp_rows) AS spend_patterns,
  '{"version": 1, "r": 0.25, "alpha": 4, "a": 0.75, "b": 2.5}'::bgnbd_model AS bgnbd_model,
  '{"version": 1, "r": 0.5, "alpha": 10, "s": 0.5, "beta": 12}'::paretonbd_model AS paretonbd_model,
  '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}'::gammagamma_model AS gammagamma_model;
DO $$
DECLARE col record; n int;
BEGIN
  FOR col IN SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS typ
             FROM pg_attribute a WHERE a.attrelid = 'pg_temp.v'::regclass AND a.attnum > 0 LOOP
    EXECUTE format('CREATE TABLE %I (value %s)', 'stored_' || col.attname, col.typ);
    EXECUTE format('INSERT INTO %I SELECT %I FROM pg_temp.v', 'stored_' || col.attname, col.attname);
    EXECUTE format('INSERT INTO stored SELECT %L, value::text FROM %I', col.attname, 'stored_' || col.attname);
  END LOOP;
  SELECT count(*) INTO n FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cxm'
   WHERE d.deptype = 'e' AND t.typtype IN ('b', 'c') AND t.typname NOT IN (SELECT type_name FROM stored);
  IF n > 0 THEN RAISE EXCEPTION '% types of cxm 0.1.0 have no stored value in this test', n; END IF;
END $$;
SQL

# a user view over journey_path (whose state type changes in 0.2.0) and what it showed
q "$old" <<'SQL'
CREATE VIEW path_view AS
SELECT i % 7 AS k, journey_path(tp) AS p1, journey_path(tp, 'channel/action') AS p2,
       journey_path(tp, 'channel', true) AS p3, journey_path(tp, 'channel/action', true, -3) AS p4
FROM tp_rows GROUP BY 1;
CREATE TABLE path_before AS SELECT * FROM path_view;
SQL

# user views over the survey aggregates, which take `score anyelement` in 0.1.0 and have one
# overload per score type since (nps_agg(score) and csat_agg(score) keep a tally), a view over
# one of them, and what they showed
q "$old" <<'SQL'
CREATE TABLE survey_rows AS
SELECT i, i % 11 AS score, (i % 5 + 1)::numeric AS csat, i % 4 AS k FROM generate_series(1, 400) i;
CREATE VIEW survey_view WITH (security_barrier) AS
SELECT k, nps_agg(score) AS nps, nps_agg(score, 0.5 + k) AS weighted_nps, csat_agg(csat) AS csat,
       csat_agg(csat, 7) AS csat7, ces_agg(1 + score % 7, 7) AS ces, nps_summary(score::smallint) AS s,
       csat_summary(csat, 5, 2.0) AS ws
FROM survey_rows GROUP BY k;
CREATE VIEW survey_view_top AS SELECT k, nps FROM survey_view WHERE nps > -100;
GRANT SELECT ON survey_view TO PUBLIC;
CREATE TABLE survey_before AS SELECT * FROM survey_view;
SQL

q "$old" -c "ALTER EXTENSION cxm UPDATE"
[ "$(q "$old" -c "SELECT extversion FROM pg_extension WHERE extname = 'cxm'")" = \
  "$(q "$new" -c "SELECT extversion FROM pg_extension WHERE extname = 'cxm'")" ] \
  || { echo "FAIL: the update did not reach the current version"; exit 1; }

# every member object of the extension, described by its catalog definition
catalog_sql=$(cat <<'SQL'
WITH members AS (
  SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE e.extname = 'cxm' AND d.deptype = 'e' AND d.refclassid = 'pg_extension'::regclass)
SELECT pg_describe_object(m.classid, m.objid, 0) || ' :: ' || coalesce(
  CASE m.classid
    WHEN 'pg_proc'::regclass THEN (
      SELECT format('%s(%s) returns %s %s strict=%s volatility=%s parallel=%s cost=%s rows=%s src=%s names=%s defaults=%s',
                    p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),
                    p.prokind, p.proisstrict, p.provolatile, p.proparallel, p.procost, p.prorows, p.prosrc,
                    p.proargnames, pg_get_expr(p.proargdefaults, 0))
             || coalesce((SELECT format(' agg: %s %s %s %s %s %s %s %s %s %s %s %s %s %s', a.aggkind, a.aggtransfn, a.aggfinalfn,
                                        a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn,
                                        a.aggmfinalfn, a.aggfinalmodify, a.aggmfinalmodify, a.aggtranstype::regtype,
                                        a.aggmtranstype::regtype, a.agginitval)
                          FROM pg_aggregate a WHERE a.aggfnoid = p.oid), '')
      FROM pg_proc p WHERE p.oid = m.objid)
    WHEN 'pg_type'::regclass THEN (
      SELECT format('%s len=%s byval=%s type=%s cat=%s pref=%s in=%s out=%s recv=%s send=%s mod_in=%s mod_out=%s analyze=%s subscript=%s align=%s storage=%s elem=%s',
                    t.typname, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred, t.typinput, t.typoutput,
                    t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze, t.typsubscript, t.typalign, t.typstorage, t.typelem::regtype)
             || coalesce((SELECT ' attrs=' || string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                          FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0), '')
      FROM pg_type t WHERE t.oid = m.objid)
    WHEN 'pg_operator'::regclass THEN (
      SELECT format('%s kind=%s left=%s right=%s result=%s code=%s com=%s neg=%s rest=%s join=%s merge=%s hash=%s',
                    o.oprname, o.oprkind, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype, o.oprcode,
                    o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)
      FROM pg_operator o WHERE o.oid = m.objid)
    WHEN 'pg_opclass'::regclass THEN (
      SELECT format('%s default=%s type=%s family=%s', c.opcname, c.opcdefault, c.opcintype::regtype,
                    (SELECT f.opfname FROM pg_opfamily f WHERE f.oid = c.opcfamily))
      FROM pg_opclass c WHERE c.oid = m.objid)
    WHEN 'pg_opfamily'::regclass THEN (
      SELECT string_agg(x, '; ' ORDER BY x) FROM (
        SELECT format('op %s %s', ao.amopstrategy, ao.amopopr::regoperator) x FROM pg_amop ao WHERE ao.amopfamily = m.objid
        UNION ALL
        SELECT format('proc %s %s', ap.amprocnum, ap.amproc::regprocedure) FROM pg_amproc ap WHERE ap.amprocfamily = m.objid) s)
    WHEN 'pg_cast'::regclass THEN (
      SELECT format('%s -> %s via %s context=%s method=%s', c.castsource::regtype, c.casttarget::regtype,
                    c.castfunc::regprocedure, c.castcontext, c.castmethod)
      FROM pg_cast c WHERE c.oid = m.objid)
    ELSE 'other'
  END, '?') || coalesce(' comment=' || obj_description(m.objid, m.classid::regclass::name), '')
FROM members m
ORDER BY 1;
SQL
)
q "$old" -c "$catalog_sql" > "$work/updated.txt"
q "$new" -c "$catalog_sql" > "$work/fresh.txt"
if ! diff -u "$work/fresh.txt" "$work/updated.txt" > "$work/diff.txt"; then
    echo "FAIL: an updated install differs from a fresh one (- fresh, + updated):"
    head -60 "$work/diff.txt"
    exit 1
fi
echo "catalog: $(wc -l < "$work/fresh.txt") member objects identical after the update"

changed=$(q "$old" <<'SQL'
DO $$
DECLARE r record; now_text text; bad int := 0;
BEGIN
  FOR r IN SELECT * FROM stored ORDER BY type_name LOOP
    EXECUTE format('SELECT value::text FROM %I', 'stored_' || r.type_name) INTO now_text;
    IF now_text IS DISTINCT FROM r.value_text THEN
      RAISE WARNING 'stored % changed: % -> %', r.type_name, r.value_text, now_text;
      bad := bad + 1;
    END IF;
  END LOOP;
  IF bad > 0 THEN RAISE EXCEPTION '% stored values changed in the update', bad; END IF;
END $$;
SELECT count(*) FROM stored;
SQL
)
echo "stored values read back unchanged: $changed types"

# the view survived the update and shows the same paths (also in a parallel plan); the stored
# 0.1.0 journey equals the same touchpoints aggregated now
paths=$(q "$old" <<'SQL'
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) FILTER (WHERE v IS NOT DISTINCT FROM b) || ' of ' || count(*)
FROM (SELECT * FROM path_view) v FULL JOIN path_before b USING (k);
SELECT (SELECT value FROM stored_journey) = (SELECT journey_agg(tp) FROM tp_rows WHERE i <= 30);
SQL
)
[ "$paths" = "$(printf '7 of 7\nt')" ] || { echo "FAIL: journey_path view or stored journey after the update: $paths"; exit 1; }
echo "journey_path view after the update: same paths; stored journey equal to one built now"

# the survey views survived the update with their options, show the same rows, and now use the
# overloads of their score types (nps_agg(integer) keeps an nps_tally)
views=$(q "$old" <<'SQL'
SELECT count(*) FILTER (WHERE v IS NOT DISTINCT FROM b) || ' of ' || count(*)
FROM (SELECT * FROM survey_view) v FULL JOIN survey_before b USING (k);
SELECT (SELECT count(*) FROM survey_view_top) || ' ' || array_to_string(reloptions, ',') || ' '
       || has_table_privilege('public', 'survey_view', 'SELECT')
FROM pg_class WHERE oid = 'survey_view'::regclass;
SELECT string_agg(DISTINCT p.oid::regprocedure::text || ':' || a.aggtranstype::regtype, ' ' ORDER BY p.oid::regprocedure::text || ':' || a.aggtranstype::regtype)
FROM pg_depend d JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid
JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE r.ev_class = 'survey_view'::regclass;
SQL
)
expected_views="4 of 4
4 security_barrier=true true
ces_agg(integer,integer):ces_summary csat_agg(numeric):csat_tally csat_agg(numeric,integer):csat_tally csat_summary(numeric,integer,double precision):csat_summary nps_agg(integer):nps_tally nps_agg(integer,double precision):nps_summary nps_summary(smallint):nps_summary"
[ "$views" = "$expected_views" ] || { echo "FAIL: survey views after the update:"; echo "$views"; exit 1; }
echo "survey views after the update: same rows, same options, on the score-type overloads"
