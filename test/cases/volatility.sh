#!/usr/bin/env bash
# test/cases/volatility.sh: no IMMUTABLE cxm function reads a session setting.
# (1) Static: the C entry point of every IMMUTABLE C function, followed through the call graph of
#     the built objects (test/volatility/callgraph.py), reaches nothing that reads TimeZone,
#     DateStyle, IntervalStyle, extra_float_digits, lc_monetary, a GUC by name or cxm.*
#     (timestamptz_in, session_timezone, interval_out, GetConfigOption, cxm_max_journey_steps...),
#     except to word an error message.
# (2) Dynamic: every IMMUTABLE function is called with sample arguments under two sets of
#     session settings and must give the same result (compared in binary form, which no setting
#     changes) or the same SQLSTATE. An IMMUTABLE function without a sample call fails the test.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_volatility
# KEEP=1 keeps the database (schema vt: samples, calls, vt.run()) for a look afterwards
cleanup() { [ -n "${KEEP:-}" ] || dropdb --if-exists "$db"; }
trap cleanup EXIT
cleanup
createdb "$db"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
q -c "CREATE EXTENSION cxm"
status=0

# ---- (1) static ------------------------------------------------------------------------------
objects=$(ls src/*/*.o 2>/dev/null || true)
if [ -z "$objects" ]; then
    echo "FAILED: no object files under src/ (build first)"; status=1
else
    immutable_c=$(q -c "SELECT DISTINCT p.prosrc FROM pg_proc p
        JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
         AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxm')
        WHERE p.provolatile = 'i' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')")
    found=$(echo "$immutable_c" | python3 test/volatility/callgraph.py $objects)
    echo "static: $(echo "$immutable_c" | wc -l) IMMUTABLE C entry points checked"
    if [ -n "$found" ]; then
        echo "FAILED: IMMUTABLE functions that read a session setting (symbol, what, a path):"
        echo "$found"
        status=1
    fi
fi

# ---- (2) dynamic -----------------------------------------------------------------------------
# the samples and the calls, made once under fixed settings (schema vt)
q -o /dev/null <<'SQL'
SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';
SET extra_float_digits = 1;
CREATE SCHEMA vt;
-- a sample value of every argument type, stored in vt.sample_<type oid>
CREATE TABLE vt.sample_expr (type regtype PRIMARY KEY, expr text NOT NULL);
INSERT INTO vt.sample_expr VALUES
    ('boolean', 'true'), ('int2', '5::int2'), ('int4', '5'), ('int8', '5::int8'),
    ('numeric', '5.5'), ('float8', '0.3::float8'), ('float8[]', '''{0.5, 2, 3}''::float8[]'),
    ('text', '''channel'''), ('text[]', '''{web,email}''::text[]'),
    ('timestamptz', '''2024-01-05 10:00:00+00''::timestamptz'), ('interval', '''1 day''::interval'),
    ('touchpoint', $$touchpoint('web', 'view', '2024-01-01 00:00:00+00')$$),
    ('journey', $${"version": 1, "steps": ["web/view@2024-01-01 00:00:00+00", "email/buy@2024-01-02 00:00:00+00", "web/view@2024-01-03 00:00:00+00"]}$$),
    ('journey_path_state', $${"version": 1, "steps": ["web/view@2024-01-01 00:00:00+00", "email/buy@2024-01-02 00:00:00+00"], "path_label": "channel", "path_keep_repeats": 0, "path_limit": 0}$$),
    ('funnel_state', $${"version": 1, "steps": ["web", "email"], "window_usecs": 86400000000, "mode": "default", "event_times": [757382400000000, 757468800000000], "event_steps": [0, 1]}$$),
    ('transition_summary', $${"version": 1, "label": "channel", "markers": 0, "from": ["web"], "to": ["email"], "counts": [1]}$$),
    ('markov_model', $${"version": 1, "channels": ["email", "web"], "journeys": 1, "conversions": 1, "value": 1, "from": ["@start", "email", "web"], "to": ["web", "@conversion", "email"], "counts": [1, 1, 1]}$$),
    ('shapley_model', $${"version": 1, "channels": ["email", "web"], "sets": [3], "journeys": [1], "conversions": [1], "values": [1]}$$),
    ('nps_summary', $${"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 3]}$$),
    ('csat_summary', $${"version": 1, "scale": [1, 5], "counts": [0, 1, 0, 1, 2]}$$),
    ('ces_summary', $${"version": 1, "scale": [1, 7], "counts": [0, 0, 1, 0, 2, 0, 1]}$$),
    ('nps_tally', $${"answers": 7, "net": 2}$$),
    ('csat_tally', $${"scale": 5, "answers": 4, "satisfied": 3}$$),
    ('activity_set', $${"version": 1, "start": "2024-01-01 00:00:00+00", "period_days": 1, "time_zone": "UTC", "as_of": "2024-01-10 00:00:00+00", "periods": 9, "active": [0, 4]}$$),
    ('activity_summary', $$(SELECT activity_summary(s) FROM (SELECT activity_periods('2024-01-05', '2024-01-01', '1 day', '2024-01-10', 'UTC') AS s) x)$$),
    ('rfm_state', $${"version": 2, "calibration_end_us": 760060800000000, "period_us": 86400000000, "unit_us": 86400000000, "periods": [8768, 8770], "spend": 20, "first_period_spend": 10}$$),
    ('rfm_patterns', $${"version": 1, "patterns": [[0, 0, 20, 3], [1, 5, 20, 2], [2, 10, 20, 1]]}$$),
    ('spend_patterns', $${"version": 1, "frequency": [2, 3], "monetary": [10.5, 20], "customers": [1, 2]}$$),
    ('bgnbd_model', $${"version": 1, "r": 0.25, "alpha": 4, "a": 0.75, "b": 2.5}$$),
    ('paretonbd_model', $${"version": 1, "r": 0.5, "alpha": 10, "s": 0.6, "beta": 12}$$),
    ('gammagamma_model', $${"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}$$),
    ('bgbb_model', $${"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783}$$),
    ('mbgnbd_model', $${"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}$$),
    ('sbg_model', $${"version": 1, "alpha": 0.704, "beta": 1.182}$$),
    ('sbg_data', $${"version": 1, "churned": [369, 163, 86, 0], "active": [0, 0, 0, 382]}$$),
    ('bigint[]', '''{1000, 631, 468, 382}''::int8[]'), ('regconfig', '''simple''::regconfig'),
    ('term_summary', $${"version": 1, "config": "pg_catalog.simple", "phrases": false, "classes": [{"class": "a", "comments": 1}, {"class": "b", "comments": 1}], "terms": [["delivery", 1, 1, 0, 0], ["great", 0, 0, 1, 1], ["late", 1, 1, 0, 0]]}$$),
    ('driver_summary', $${"version": 1, "n": 5, "drivers": ["x1", "x2"], "means": [7, 6, 4.15], "comoments": [30, 29, 15.75, 30, 13.75, 22.7]}$$);
UPDATE vt.sample_expr SET expr = format('%L::%s', expr, type) WHERE expr LIKE '{%';
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM vt.sample_expr LOOP
        EXECUTE format('CREATE TABLE vt.%I AS SELECT %s AS v', 'sample_' || r.type::oid, r.expr);
    END LOOP;
END $$;
-- text arguments some functions need to do more than refuse: by function name and position
CREATE TABLE vt.text_arg (fn name, pos int, expr text, PRIMARY KEY (fn, pos));
INSERT INTO vt.text_arg VALUES
    ('attribute', 2, '''time_decay'''), ('attribute', 4, '''channel'''), ('attribute', 6, '''all'''),
    ('funnel_level', 4, '''strict_order'''), ('funnel_times', 4, '''strict_order'''),
    ('funnel_times_seconds', 4, '''strict_order'''), ('journey_path', 2, '''channel'''),
    ('transitions', 2, '''channel'''), ('journey_matches', 2, '''web -> email'''),
    ('journey_match_count', 2, '''web'''), ('nps_interval', 2, '''wald'''),
    ('csat_interval', 2, '''wald'''), ('ces_interval', 2, '''wald''');

CREATE TABLE vt.immutable_fn AS
SELECT p.oid, p.oid::regprocedure::text AS signature, p.proname, p.proargtypes::regtype[] AS args,
       p.prorettype
FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
    AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxm')
WHERE p.provolatile = 'i' AND p.prokind = 'f';
-- each call: a cstring argument is the text form of the type the function reads (its result
-- type), made here; internal arguments cannot be passed from SQL (NULL call)
CREATE TABLE vt.sample_call (oid oid PRIMARY KEY, signature text, call text);
DO $$
DECLARE f record; a record; parts text[]; arg text; missing bool;
BEGIN
    FOR f IN SELECT * FROM vt.immutable_fn LOOP
        parts := '{}'; missing := false;
        FOR a IN SELECT * FROM unnest(f.args) WITH ORDINALITY u(type, n) ORDER BY n LOOP
            arg := (SELECT expr FROM vt.text_arg WHERE fn = f.proname AND pos = a.n);
            IF arg IS NULL AND a.type = 'cstring'::regtype
               AND to_regclass('vt.sample_' || f.prorettype) IS NOT NULL THEN
                EXECUTE format('SELECT quote_literal(v::text) || ''::cstring'' FROM vt.%I',
                               'sample_' || f.prorettype) INTO arg;
            ELSIF arg IS NULL AND to_regclass('vt.sample_' || a.type::oid) IS NOT NULL THEN
                arg := format('(SELECT v FROM vt.%I)', 'sample_' || a.type::oid);
            END IF;
            IF arg IS NULL THEN missing := true; END IF;
            parts := parts || arg;
        END LOOP;
        INSERT INTO vt.sample_call VALUES (f.oid, f.signature,
            CASE WHEN NOT missing THEN format('SELECT array_agg(pg_catalog.record_send(row(r))) FROM %s(%s) r',
                                               f.oid::regproc, array_to_string(parts, ', ')) END);
    END LOOP;
END $$;
-- runs every call, giving its result in binary form (hex) or its SQLSTATE
CREATE FUNCTION vt.run() RETURNS TABLE (signature text, result text) LANGUAGE plpgsql AS $f$
DECLARE c record; res bytea[];
BEGIN
    FOR c IN SELECT * FROM vt.sample_call WHERE call IS NOT NULL ORDER BY 2 LOOP
        signature := c.signature;
        BEGIN
            EXECUTE c.call INTO res;
            result := coalesce(md5(res::text), 'null');
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS result = RETURNED_SQLSTATE;
            result := 'error ' || result;
        END;
        RETURN NEXT;
    END LOOP;
END $f$;
SQL

# IMMUTABLE functions without a sample call: only those taking internal may be left out
missing=$(q -c "SELECT c.signature FROM vt.sample_call c JOIN vt.immutable_fn f USING (oid)
                WHERE call IS NULL AND NOT 'internal'::regtype = ANY (f.args) ORDER BY 1")
if [ -n "$missing" ]; then
    echo "FAILED: IMMUTABLE functions without a sample call (add a sample of their argument types):"
    echo "$missing"; status=1
fi

settings_a="-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1 -c lc_monetary=C -c default_text_search_config=pg_catalog.simple -c cxm.max_journey_steps=100000"
settings_b="-c TimeZone=America/St_Johns -c DateStyle=SQL,DMY -c IntervalStyle=sql_standard -c extra_float_digits=-3 -c lc_monetary=C.UTF-8 -c default_text_search_config=pg_catalog.english -c cxm.max_journey_steps=1"
work=$(mktemp -d)
trap 'cleanup; rm -rf "$work"' EXIT
PGOPTIONS="${PGOPTIONS:-} $settings_a" q -F ' ' -c "SELECT * FROM vt.run()" > "$work/a.txt"
PGOPTIONS="${PGOPTIONS:-} $settings_b" q -F ' ' -c "SELECT * FROM vt.run()" > "$work/b.txt"
calls=$(wc -l < "$work/a.txt")
worked=$(grep -vc ' error ' "$work/a.txt" || true)
echo "dynamic: $calls IMMUTABLE functions called under two sets of settings ($worked returned a value, the others an error); $(q -c "SELECT count(*) FROM vt.sample_call WHERE call IS NULL") take internal"
if ! diff "$work/a.txt" "$work/b.txt" > "$work/diff.txt"; then
    echo "FAILED: IMMUTABLE functions whose result depends on the session settings (< settings A, > B):"
    cat "$work/diff.txt"; status=1
fi
exit $status
