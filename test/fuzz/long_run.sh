#!/usr/bin/env bash
# test/fuzz/long_run.sh: the long in-database fuzz run (separate command, not part of the test
# command). It builds the test-only module test/fuzz/inputfuzz.c (PGXS, in FUZZ_BUILD, default
# /tmp/cxm-inputfuzz; never installed: the functions load it by absolute path, so the server
# must run on this machine and read that directory) and, in a scratch database, feeds
# FUZZ_INPUTS (default 1,000,000) inputs to each of:
#   - the text input function of every cxm base type (mutated seeds and random strings valid
#     in the database encoding), every accepted value checked for an exact text round trip and
#     a send/receive round trip;
#   - the binary receive function of every cxm base type (mutated send() bytes of the seeds and
#     random bytes, read the way COPY BINARY does), every accepted value checked to print, read
#     back from its text to the same text, and send/receive again;
#   - the journey pattern language through journey_matches (and journey_match_count, which
#     must agree) on fixed journeys, seeded with the valid patterns of sql/pattern.sql and the
#     libFuzzer corpus test/fuzz/seeds.
# The types come from the catalog (every base type that belongs to the extension, via
# pg_depend), so a new type without a seed fails the run; the seeds are the ones of
# test/cases/fuzz_inputs.sh, read from that file. Composite types (rfm) are left out: their
# text and binary input are PostgreSQL's record_in/record_recv.
#
# Every input runs twice, with different bytes after its end in memory, and the two outcomes
# must agree (a function reading past the end of its input would see the difference).
#
# It starts no server: it runs against the one in PGHOST/PGPORT (like test/cases/*.sh), with one
# backend. It prints a table per type and kind with the count per SQLSTATE and the totals, and
# exits non-zero if any outcome is unclean (anything but ok, class 22, 42804 or 54000; for the
# round-trip checks anything but ok) or the backend dies. The first inputs of every unclean outcome are
# shown in hex for reproducing. Each function gets its own generator seed derived from
# FUZZ_SEED (default 1), so a run is reproducible.
#
#   FUZZ_INPUTS=1000000 bash test/fuzz/long_run.sh
#
# Time: with the default 1,000,000 inputs per function, about 3 minutes (35,000,000 inputs, each
# run twice, in 161 to 186 s on one core of a 2-core machine; README.md, Reliability, has the
# figures).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
inputs=${FUZZ_INPUTS:-1000000}
rng=${FUZZ_SEED:-1}
build=${FUZZ_BUILD:-/tmp/cxm-inputfuzz}
db=cxm_longfuzz

mkdir -p "$build"
cp test/fuzz/inputfuzz.c test/fuzz/Makefile "$build/"
make -s -C "$build" PG_CONFIG="$PG_CONFIG" >/dev/null
chmod -R a+rX "$build"

# the seed values: the INSERT INTO seeds statement of test/cases/fuzz_inputs.sh
seeds_sql=$(sed -n '/^INSERT INTO seeds$/,/;$/p' test/cases/fuzz_inputs.sh)
[ -n "$seeds_sql" ] || { echo "no seeds found in test/cases/fuzz_inputs.sh" >&2; exit 1; }
# the pattern seeds: the plain literals that open the regression cases of sql/pattern.sql, and
# the libFuzzer corpus
patterns_sql=$( { grep -oP "^\s*\(\K'(?:[^']|'')*'(?=,)" sql/pattern.sql
                  for f in test/fuzz/seeds/*; do
                      printf "'%s'\n" "$(sed "s/'/''/g" "$f")"
                  done; } | paste -sd, -)

PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$db"
createdb -E UTF8 -T template0 "$db"
trap 'dropdb --if-exists "$db"' EXIT

start=$(date +%s)
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v inputs="$inputs" -v rng="$rng" -v so="$build/inputfuzz" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION cxm;
CREATE FUNCTION cxm_fuzz_inputs(type regtype, kind text, seeds text[], n int8, rng_seed int8)
    RETURNS TABLE (kind text, sqlstate text, inputs int8, clean bool, message text, samples text)
    AS :'so', 'cxm_fuzz_inputs' LANGUAGE C STRICT;
CREATE FUNCTION cxm_fuzz_pattern(matches regprocedure, count regprocedure, journeys text[],
                                 seeds text[], n int8, rng_seed int8)
    RETURNS TABLE (kind text, sqlstate text, inputs int8, clean bool, message text, samples text)
    AS :'so', 'cxm_fuzz_pattern' LANGUAGE C STRICT;

CREATE TABLE seeds (type text, value text);
$seeds_sql

-- every base type of the extension, from the catalog
CREATE TABLE types AS
SELECT t.oid::regtype AS type, t.typname::text AS name
FROM pg_depend d JOIN pg_type t ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxm')
  AND d.deptype = 'e' AND t.typtype = 'b' AND t.typcategory <> 'A';
SELECT coalesce(string_agg(name, ', ' ORDER BY name), '') AS unseeded
FROM types WHERE name NOT IN (SELECT type FROM seeds) \gset
SELECT :'unseeded' <> '' AS missing \gset
\if :missing
\echo 'FAILED: types without a seed:' :'unseeded'
SELECT 1 / 0;
\endif

CREATE TABLE results (type text, kind text, sqlstate text, inputs int8, clean bool,
                      message text, samples text, seconds float8);
CREATE FUNCTION pg_temp.run(p_type text, p_kind text, p_seeds text[], p_n int8, p_rng int8)
RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    INSERT INTO results
    SELECT p_type, f.kind, f.sqlstate, f.inputs, f.clean, f.message, f.samples, NULL
    FROM cxm_fuzz_inputs(p_type::regtype, p_kind, p_seeds, p_n, p_rng) f;
    -- the seconds of the whole call, on every row it returned
    UPDATE results r SET seconds = extract(epoch FROM clock_timestamp() - t0)
    WHERE r.type = p_type AND r.seconds IS NULL;
    RETURN format('%s %s input (generator seed %s): %s inputs in %s s', p_type, p_kind, p_rng,
                  p_n, round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1));
END \$\$;

-- one function at a time, one line each when done (after a crash, the next one was running:
-- the same FUZZ_SEED and FUZZ_INPUTS replay it exactly)
\pset tuples_only on
\pset format unaligned
SELECT format('SELECT pg_temp.run(%L, %L, %L, %s, %s)', t.name, k.kind,
              (SELECT array_agg(value) FROM seeds s WHERE s.type = t.name), :inputs,
              :rng * 1000 + row_number() OVER (ORDER BY t.name, k.kind))
FROM types t, (VALUES ('text'), ('binary')) k(kind) ORDER BY t.name, k.kind \gexec
\pset tuples_only off
\pset format aligned

SELECT clock_timestamp() AS t0 \gset
INSERT INTO results
SELECT 'journey', f.kind, f.sqlstate, f.inputs, f.clean, f.message, f.samples, NULL
FROM cxm_fuzz_pattern('journey_matches(journey, text)', 'journey_match_count(journey, text)',
    ARRAY['{"version": 1, "steps": []}',
          '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-01 00:10:00+00", "c@2025-01-01 02:00:00+00", "a@2025-01-03 00:00:00+00", "d@2025-01-03 00:00:00+00", "e@2025-02-01 00:00:00+00"]}',
          '{"version": 1, "steps": ["search@2025-01-01 00:00:00+00", "web/view@2025-01-01 00:05:00+00", "web@2025-01-01 00:09:00+00", "email/open@2025-01-02 00:00:00+00", "app@2025-01-02 00:00:01+00", "web/purchase@2025-01-05 00:00:00+00", "web/buy@2025-01-05 00:01:00+00"]}',
          '{"version": 1, "steps": ["Paid Search/add to cart@2025-01-01 00:00:00+00", "e-mail@2025-01-01 00:00:00+00", "don''t@2025-01-01 01:00:00+00", "café@2025-01-01 01:30:00+00", "x@2025-01-02 00:00:00+00", "b@2025-01-02 00:00:00+00"]}',
          '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "a@2025-01-01 00:01:00+00", "a@2025-01-01 00:02:00+00", "a@2025-01-01 00:03:00+00", "b@2025-01-01 00:04:00+00", "a@2025-01-01 00:05:00+00", "a@2025-01-01 00:06:00+00", "b@2025-01-01 00:07:00+00", "a@2025-01-01 00:08:00+00", "a@2025-01-01 00:09:00+00", "a@2025-01-01 00:10:00+00", "a@2025-01-01 00:11:00+00", "b@2025-01-01 00:12:00+00"]}'],
    ARRAY[$patterns_sql], :inputs, :rng * 1000) f;
UPDATE results SET seconds = extract(epoch FROM clock_timestamp() - :'t0') WHERE seconds IS NULL;

\pset footer off
\echo 'outcomes per type and kind (inputs per SQLSTATE):'
SELECT type, kind, sum(inputs) AS inputs,
       string_agg(sqlstate || ' ' || inputs, ', ' ORDER BY inputs DESC) AS "by SQLSTATE",
       round(max(seconds)::numeric, 1) AS seconds
FROM results GROUP BY 1, 2 ORDER BY 1, 2;
\echo 'totals by kind:'
SELECT kind, count(DISTINCT type) AS functions, sum(inputs) AS inputs FROM results
GROUP BY 1 ORDER BY 1;
SELECT sum(inputs) AS "fuzzed inputs in all" FROM results WHERE kind IN ('text', 'binary', 'pattern');
-- the backend's peak memory (Linux): fuzzing must not grow it (every input's memory is freed)
CREATE FUNCTION pg_temp.peak_rss() RETURNS text LANGUAGE plpgsql AS \$\$
BEGIN
    RETURN substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\\s*(\\d+ kB)');
EXCEPTION WHEN OTHERS THEN
    RETURN 'unknown';
END \$\$;
SELECT pg_temp.peak_rss() AS "backend peak RSS";
\echo 'unclean outcomes (must be none):'
\x on
SELECT type, kind, sqlstate, inputs, message, samples AS "first inputs (hex)"
FROM results WHERE NOT clean;
\x off
SELECT count(*) > 0 AS unclean FROM results WHERE NOT clean \gset
\if :unclean
\echo 'FAILED: unclean outcomes'
SELECT 1 / 0;
\endif
SQL
echo "long fuzz run: $inputs inputs per function and kind, all clean, $(( $(date +%s) - start )) s"
