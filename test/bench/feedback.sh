#!/usr/bin/env bash
# test/bench/feedback.sh: benchmark of the survey aggregates nps_agg(score) and csat_agg(score)
# against a plain count(*) over the same rows and against the hand-written SQL they replace,
# each run single-process (max_parallel_workers_per_gather = 0) and with 2 parallel workers
# (plus the participating leader).
#
#   bash test/bench/feedback.sh [ROWS]        (default ROWS=10000000, about 350 MB of table)
#
# Builds and installs cxm (test/prepare.sh, which also installs what a fresh Debian lacks),
# then works in a throwaway cluster (pg_virtualenv -t) with shared_buffers=2GB: a table
# survey(score 0..10, csat 1..5) of ROWS rows, VACUUM ANALYZE, pre-warmed (pg_prewarm when
# contrib has it, then two full scans). JIT is left at the server default (printed).
#
# Timing: test/bench/lib.sql (server-side "Execution Time" of EXPLAIN ANALYZE, median of 5
# interleaved rounds after a warm-up round).
#
# Before timing, each mode checks that nps_agg and csat_agg equal the hand-written results
# within 1e-9; a mismatch exits non-zero. Targets (from the issue) are printed with "target
# met"/"target missed" but do not change the exit status: nps_agg/csat_agg within 1.25x of
# count(*), at most 0.8x the time of the hand-written SQL, and close to 2x faster with 2
# workers than single (taken as a speed-up >= 1.8x).
set -euo pipefail
ROWS=${1:-10000000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash test/bench/feedback.sh [ROWS]" >&2; exit 2; }
export ROWS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
CREATE EXTENSION cxm;
CREATE TABLE survey AS
    SELECT (i * 7919 % 11)::int AS score, (i % 5 + 1)::int AS csat
    FROM generate_series(1::bigint, :rows) AS i;
VACUUM ANALYZE survey;
SELECT count(*) > 0 AS has_prewarm FROM pg_available_extensions WHERE name = 'pg_prewarm' \gset
\if :has_prewarm
CREATE EXTENSION pg_prewarm;
SELECT pg_prewarm('survey') \g /dev/null
\endif
SELECT count(*) FROM survey \g /dev/null
SELECT count(*) FROM survey \g /dev/null

\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'count(*)', 'SELECT count(*) FROM survey'),
    (2, 'nps_agg(score)', 'SELECT nps_agg(score) FROM survey'),
    (3, 'hand-written NPS', 'SELECT 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) FROM survey'),
    (4, 'csat_agg(csat)', 'SELECT csat_agg(csat) FROM survey'),
    (5, 'hand-written CSAT', 'SELECT 100.0*count(*) FILTER (WHERE csat>=4)/count(*) FROM survey'),
    -- the floor of any aggregate that reads the column (count(*) reads none)
    (6, 'count(score)', 'SELECT count(score) FROM survey'),
    (7, 'count(csat)', 'SELECT count(csat) FROM survey');

-- the aggregates must equal the hand-written SQL (run with the plan the timings use)
CREATE FUNCTION bench(mode text, runs int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    nps float8; nps_sql numeric; csat float8; csat_sql numeric;
BEGIN
    EXECUTE 'SELECT nps_agg(score), 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER '
         || '(WHERE score<=6))/count(*), csat_agg(csat), 100.0*count(*) FILTER (WHERE csat>=4)/count(*) '
         || 'FROM survey' INTO nps, nps_sql, csat, csat_sql;
    IF nps IS NULL OR csat IS NULL OR abs(nps - nps_sql) > 1e-9 OR abs(csat - csat_sql) > 1e-9 THEN
        RAISE EXCEPTION 'correctness check failed (%): nps_agg % vs hand-written %, csat_agg % vs hand-written %',
            mode, nps, nps_sql, csat, csat_sql;
    END IF;
    RAISE NOTICE 'check (%): nps_agg % = %, csat_agg % = %: ok', mode, nps, nps_sql, csat, csat_sql;
    PERFORM bench_run(mode, runs);
END $$;

SET max_parallel_workers_per_gather = 0;
SELECT bench('single', 5) \g /dev/null
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT bench('parallel', 5) \g /dev/null

CREATE VIEW med AS SELECT * FROM bench_median;
\echo
SELECT current_setting('server_version') AS server, :rows AS rows, current_setting('jit') AS jit;
\echo 'median Execution Time of 5 runs, ms'
SELECT q.label AS query, round(s.ms::numeric, 1) AS single, round(p.ms::numeric, 1) AS parallel,
       p.workers AS "workers launched", to_char(s.ms / p.ms, 'FM990.00') || 'x' AS "speed-up"
FROM bench_query q JOIN med s ON s.id = q.id AND s.mode = 'single'
     JOIN med p ON p.id = q.id AND p.mode = 'parallel' ORDER BY q.id;
SELECT c.label AS ratio, to_char(n.ms / d.ms, 'FM990.00') || 'x' AS value,
       c.op || ' ' || to_char(c.target, 'FM0.00') || 'x' AS "target (issue)",
       CASE WHEN (c.op = '<=' AND n.ms / d.ms <= c.target) OR (c.op = '>=' AND n.ms / d.ms >= c.target)
            THEN 'target met' ELSE 'target missed' END AS verdict
FROM (VALUES
    (1, 'nps_agg / count(*), single', 2, 'single', 1, 'single', '<=', 1.25),
    (2, 'nps_agg / count(*), parallel', 2, 'parallel', 1, 'parallel', '<=', 1.25),
    (3, 'nps_agg / hand-written NPS, single', 2, 'single', 3, 'single', '<=', 0.80),
    (4, 'nps_agg / hand-written NPS, parallel', 2, 'parallel', 3, 'parallel', '<=', 0.80),
    (5, 'nps_agg speed-up, single / parallel', 2, 'single', 2, 'parallel', '>=', 1.80),
    (6, 'csat_agg / count(*), single', 4, 'single', 1, 'single', '<=', 1.25),
    (7, 'csat_agg / count(*), parallel', 4, 'parallel', 1, 'parallel', '<=', 1.25),
    (8, 'csat_agg / hand-written CSAT, single', 4, 'single', 5, 'single', '<=', 0.80),
    (9, 'csat_agg / hand-written CSAT, parallel', 4, 'parallel', 5, 'parallel', '<=', 0.80),
    (10, 'csat_agg speed-up, single / parallel', 4, 'single', 4, 'parallel', '>=', 1.80),
    (11, 'nps_agg / count(score), single (no target)', 2, 'single', 6, 'single', '<=', 1.25),
    (12, 'csat_agg / count(csat), single (no target)', 4, 'single', 7, 'single', '<=', 1.25)
    ) AS c(ord, label, num, num_mode, den, den_mode, op, target)
JOIN med n ON n.id = c.num AND n.mode = c.num_mode JOIN med d ON d.id = c.den AND d.mode = c.den_mode
ORDER BY c.ord;
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o max_parallel_workers_per_gather=2 \
    -o max_worker_processes=8 -o max_parallel_workers=8 bash -c '
set -euo pipefail
echo "== benchmark: $ROWS rows, $(nproc) CPUs"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" <<<"$BENCH_SQL" 2>&1
'
