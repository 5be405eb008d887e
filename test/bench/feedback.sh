#!/usr/bin/env bash
# test/bench/feedback.sh: benchmark of the survey aggregates nps_agg(score) and csat_agg(score)
# against a plain count(*) over the same rows and against the hand-written SQL they replace,
# each run single-process (max_parallel_workers_per_gather = 0) and with 2 parallel workers
# (plus the participating leader), with JIT on (the server default) and off.
#
#   bash test/bench/feedback.sh [ROWS]        (default ROWS=10000000, about 350 MB of table)
#
# Builds and installs cxm (test/prepare.sh, which also installs what a fresh Debian lacks),
# then works in a throwaway cluster (pg_virtualenv -t) with shared_buffers=2GB: a table
# survey(score 0..10, csat 1..5) of ROWS rows, VACUUM ANALYZE, pre-warmed (pg_prewarm when
# contrib has it, then two full scans).
#
# Two clusters: first with huge_pages=off (PostgreSQL's behaviour on a machine that reserves
# none, e.g. a fresh Debian), then with huge_pages=on. Parallel workers are new processes: with
# 4 kB pages each one page-faults its way through the shared buffers it reads, which takes a
# good part of the parallel speed-up (and so does each worker's own JIT compilation). For the
# second cluster the script reserves the huge pages itself when it may (root, and
# /proc/sys/vm/nr_hugepages writable) and puts the old reservation back when it exits; when it
# cannot, it says so and skips that cluster.
#
# Timing: test/bench/lib.sql (server-side "Execution Time" of EXPLAIN ANALYZE, median of 5
# interleaved rounds after a warm-up round).
#
# The grouped queries group the rows by store_day, drawn at random (a hash of the row number
# with a fixed seed, so every run has the same keys) from ROWS/20 values: 500,000 groups of
# about 20 answers at the default size, visited in random order, as real keys are (rows in key
# order would keep the hash table's hot part in cache). Besides time they report the hash
# table's memory (EXPLAIN ANALYZE's "Peak Memory Usage" of the HashAggregate) and its batches
# (1: it stayed in memory; work_mem is 512MB).
#
# Before timing, each mode checks that nps_agg and csat_agg equal the hand-written results
# within 1e-9, also per store-day; a mismatch exits non-zero. Targets are printed with "met"/
# "missed" but do not change the exit status: nps_agg/csat_agg within 1.25x of count(*), at
# most 0.8x the time of the hand-written SQL, and close to 2x faster with 2 workers than single
# (taken as a speed-up >= 1.8x); grouped by store_day, at most 1.0x the hand-written SQL's time
# and 1.2x its hash memory.
#
# With CXM_BENCH_SERVER=1 it runs once in the server that PGHOST/PGPORT name (a new database;
# cxm installed there already) instead of the two throwaway clusters, with that server's
# shared_buffers, huge_pages and JIT setting. RUNS=N takes the median of N rounds (default 5);
# GROUPED=1 times only the grouped queries, single process, JIT on and off (more rounds in the
# same time, for a machine too busy for the full run to settle).
set -euo pipefail
ROWS=${1:-10000000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash test/bench/feedback.sh [ROWS]" >&2; exit 2; }
RUNS=${RUNS:-5}
GROUPED=${GROUPED:-0}
[[ $RUNS =~ ^[1-9][0-9]*$ && $GROUPED =~ ^[01]$ ]] || { echo "RUNS must be a count, GROUPED 0 or 1" >&2; exit 2; }
export ROWS RUNS GROUPED
cd "$(dirname "$0")/../.."
[ -n "${CXM_BENCH_SERVER:-}" ] || . test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
CREATE EXTENSION cxm;
CREATE TABLE survey AS
    SELECT (i * 7919 % 11)::int AS score, (i % 5 + 1)::int AS csat,
           ((hashint8extended(i, 42) & 9223372036854775807) % greatest(:rows / 20, 1))::int AS store_day
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
    (7, 'count(csat)', 'SELECT count(csat) FROM survey'),
    -- per group over many groups (ROWS/20 random store-days of about 20 answers)
    (8, 'count(*) GROUP BY store_day', 'SELECT store_day, count(*) FROM survey GROUP BY store_day'),
    (9, 'nps_agg(score) GROUP BY store_day', 'SELECT store_day, nps_agg(score) FROM survey GROUP BY store_day'),
    (10, 'hand-written NPS GROUP BY store_day', 'SELECT store_day, 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) FROM survey GROUP BY store_day'),
    (11, 'csat_agg(csat) GROUP BY store_day', 'SELECT store_day, csat_agg(csat) FROM survey GROUP BY store_day'),
    (12, 'hand-written CSAT GROUP BY store_day', 'SELECT store_day, 100.0*count(*) FILTER (WHERE csat>=4)/count(*) FROM survey GROUP BY store_day');

-- the aggregates must equal the hand-written SQL (run with the plan the timings use)
CREATE FUNCTION bench(mode text, runs int, only_ids int[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    nps float8; nps_sql numeric; csat float8; csat_sql numeric; bad_groups bigint;
BEGIN
    EXECUTE 'SELECT nps_agg(score), 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER '
         || '(WHERE score<=6))/count(*), csat_agg(csat), 100.0*count(*) FILTER (WHERE csat>=4)/count(*) '
         || 'FROM survey' INTO nps, nps_sql, csat, csat_sql;
    IF nps IS NULL OR csat IS NULL OR abs(nps - nps_sql) > 1e-9 OR abs(csat - csat_sql) > 1e-9 THEN
        RAISE EXCEPTION 'correctness check failed (%): nps_agg % vs hand-written %, csat_agg % vs hand-written %',
            mode, nps, nps_sql, csat, csat_sql;
    END IF;
    EXECUTE 'SELECT count(*) FROM (SELECT store_day, nps_agg(score) AS nps, 100.0*(count(*) FILTER '
         || '(WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) AS nps_sql FROM survey '
         || 'GROUP BY store_day) g WHERE nps IS NULL OR abs(nps - nps_sql) > 1e-9' INTO bad_groups;
    EXECUTE 'SELECT $1 + count(*) FROM (SELECT store_day, csat_agg(csat) AS csat, 100.0*count(*) FILTER '
         || '(WHERE csat>=4)/count(*) AS csat_sql FROM survey GROUP BY store_day) g '
         || 'WHERE csat IS NULL OR abs(csat - csat_sql) > 1e-9' INTO bad_groups USING bad_groups;
    IF bad_groups > 0 THEN
        RAISE EXCEPTION 'correctness check failed (%): % store-days where nps_agg or csat_agg differs from hand-written',
            mode, bad_groups;
    END IF;
    RAISE NOTICE 'check (%): nps_agg % = %, csat_agg % = %, every store-day equal (both): ok',
        mode, nps, nps_sql, csat, csat_sql;
    PERFORM bench_run(mode, runs, only_ids);
END $$;

\if :grouped
SET max_parallel_workers_per_gather = 0;
SELECT bench('single', :runs, '{8,9,10,11,12}') \g /dev/null
SET jit = off;
SELECT bench('single, jit off', :runs, '{8,9,10,11,12}') \g /dev/null
RESET jit;
CREATE VIEW med AS SELECT * FROM bench_median;
\echo
SELECT current_setting('server_version') AS server, :rows AS rows, current_setting('jit') AS "jit (default)",
       current_setting('huge_pages') AS huge_pages, current_setting('shared_buffers') AS shared_buffers,
       (SELECT count(DISTINCT store_day) FROM survey) AS store_days;
\echo 'grouped queries only (GROUPED=1), single process: median Execution Time of' :runs 'runs, ms'
SELECT q.label AS query, round(s.ms::numeric, 1) AS "jit on", round(sj.ms::numeric, 1) AS "jit off"
FROM bench_query q JOIN med s ON s.id = q.id AND s.mode = 'single'
     JOIN med sj ON sj.id = q.id AND sj.mode = 'single, jit off' ORDER BY q.id;
WITH c(ord, label, num, den) AS (VALUES
    (1, 'nps_agg / hand-written NPS GROUP BY store_day, single', 9, 10),
    (2, 'csat_agg / hand-written CSAT GROUP BY store_day, single', 11, 12),
    (3, 'nps_agg / count(*) GROUP BY store_day, single (no target)', 9, 8)),
r AS (
    SELECT c.*, jit, n.ms / d.ms AS ratio
    FROM c CROSS JOIN (VALUES ('on', ''), ('off', ', jit off')) AS j(jit, suffix)
    JOIN med n ON n.id = c.num AND n.mode = 'single' || j.suffix
    JOIN med d ON d.id = c.den AND d.mode = 'single' || j.suffix)
SELECT label AS ratio, to_char(max(ratio) FILTER (WHERE jit = 'on'), 'FM990.00') || 'x' AS "jit on",
       to_char(max(ratio) FILTER (WHERE jit = 'off'), 'FM990.00') || 'x' AS "jit off",
       CASE WHEN ord < 3 THEN '<= 1.00x' END AS target,
       CASE WHEN ord < 3 THEN string_agg(CASE WHEN ratio <= 1.0 THEN 'met' ELSE 'missed' END, ' / ' ORDER BY jit DESC) END
           AS "verdict (on / off)"
FROM r GROUP BY ord, label ORDER BY ord;
\else
SET max_parallel_workers_per_gather = 0;
SELECT bench('single', :runs) \g /dev/null
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT bench('parallel', :runs) \g /dev/null
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SELECT bench('single, jit off', :runs) \g /dev/null
SET max_parallel_workers_per_gather = 2;
SELECT bench('parallel, jit off', :runs) \g /dev/null
RESET jit;

CREATE VIEW med AS SELECT * FROM bench_median;
\echo
SELECT current_setting('server_version') AS server, :rows AS rows, current_setting('jit') AS "jit (default)",
       current_setting('huge_pages') AS huge_pages, current_setting('shared_buffers') AS shared_buffers,
       (SELECT count(DISTINCT store_day) FROM survey) AS store_days;
\echo 'median Execution Time of' :runs 'runs, ms'
SELECT q.label AS query, round(s.ms::numeric, 1) AS single, round(p.ms::numeric, 1) AS parallel,
       p.workers AS "workers launched", to_char(s.ms / p.ms, 'FM990.00') || 'x' AS "speed-up",
       round(sj.ms::numeric, 1) AS "single, jit off", round(pj.ms::numeric, 1) AS "parallel, jit off",
       to_char(sj.ms / pj.ms, 'FM990.00') || 'x' AS "speed-up, jit off"
FROM bench_query q JOIN med s ON s.id = q.id AND s.mode = 'single'
     JOIN med p ON p.id = q.id AND p.mode = 'parallel'
     JOIN med sj ON sj.id = q.id AND sj.mode = 'single, jit off'
     JOIN med pj ON pj.id = q.id AND pj.mode = 'parallel, jit off' ORDER BY q.id;
WITH c(ord, label, num, num_mode, den, den_mode, op, target) AS (VALUES
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
    (12, 'csat_agg / count(csat), single (no target)', 4, 'single', 7, 'single', '<=', 1.25),
    (13, 'count(score) / count(*), single (no target)', 6, 'single', 1, 'single', '<=', 1.25),
    (14, 'count(*) speed-up, single / parallel (no target)', 1, 'single', 1, 'parallel', '>=', 1.80),
    (15, 'nps_agg / count(*) GROUP BY store_day, single (no target)', 9, 'single', 8, 'single', '<=', 1.25),
    (16, 'nps_agg / hand-written NPS GROUP BY store_day, single', 9, 'single', 10, 'single', '<=', 1.00),
    (17, 'nps_agg / hand-written NPS GROUP BY store_day, parallel', 9, 'parallel', 10, 'parallel', '<=', 1.00),
    (18, 'csat_agg / hand-written CSAT GROUP BY store_day, single', 11, 'single', 12, 'single', '<=', 1.00),
    (19, 'csat_agg / hand-written CSAT GROUP BY store_day, parallel', 11, 'parallel', 12, 'parallel', '<=', 1.00)),
r AS (
    SELECT c.*, jit, n.ms / d.ms AS ratio
    FROM c CROSS JOIN (VALUES ('on', ''), ('off', ', jit off')) AS j(jit, suffix)
    JOIN med n ON n.id = c.num AND n.mode = c.num_mode || j.suffix
    JOIN med d ON d.id = c.den AND d.mode = c.den_mode || j.suffix)
SELECT label AS ratio, to_char(max(ratio) FILTER (WHERE jit = 'on'), 'FM990.00') || 'x' AS "jit on",
       to_char(max(ratio) FILTER (WHERE jit = 'off'), 'FM990.00') || 'x' AS "jit off",
       op || ' ' || to_char(target, 'FM0.00') || 'x' AS "target (issue)",
       string_agg(CASE WHEN (op = '<=' AND ratio <= target) OR (op = '>=' AND ratio >= target)
                       THEN 'met' ELSE 'missed' END, ' / ' ORDER BY jit DESC) AS "verdict (on / off)"
FROM r GROUP BY ord, label, op, target ORDER BY ord;
\endif
\echo 'grouped by store_day, single: hash table memory (Peak Memory Usage of the HashAggregate) and batches'
SELECT q.label AS query, s.peak_kb AS "memory, kB", s.batches, sj.peak_kb AS "memory, kB, jit off",
       round(s.ms::numeric, 1) AS ms
FROM bench_query q JOIN med s ON s.id = q.id AND s.mode = 'single'
     JOIN med sj ON sj.id = q.id AND sj.mode = 'single, jit off' WHERE q.id >= 8 ORDER BY q.id;
WITH c(ord, label, num, den) AS (VALUES
    (1, 'nps_agg / hand-written NPS GROUP BY store_day, hash memory, single', 9, 10),
    (2, 'csat_agg / hand-written CSAT GROUP BY store_day, hash memory, single', 11, 12))
SELECT c.label AS ratio, to_char(n.peak_kb::numeric / d.peak_kb, 'FM990.00') || 'x' AS "memory ratio",
       '<= 1.20x' AS target,
       CASE WHEN n.peak_kb <= 1.2 * d.peak_kb AND n.batches = 1 AND d.batches = 1 THEN 'met' ELSE 'missed' END AS verdict
FROM c JOIN med n ON n.id = c.num AND n.mode = 'single' JOIN med d ON d.id = c.den AND d.mode = 'single'
ORDER BY c.ord;
SQL
)

if [ -n "${CXM_BENCH_SERVER:-}" ]; then
    echo "== benchmark: $ROWS rows, $(nproc) CPUs, the server at ${PGHOST:-}:${PGPORT:-5432}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS cxm_bench_feedback" -c "CREATE DATABASE cxm_bench_feedback"
    psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v runs="$RUNS" -v grouped="$GROUPED" -d cxm_bench_feedback \
        -c "SET work_mem = '512MB'" -f - <<<"$BENCH_SQL" 2>&1
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    psql -X -q -c "DROP DATABASE cxm_bench_feedback"
    exit 0
fi

run_cluster() {   # $1: huge_pages setting of the throwaway cluster
    HUGE_PAGES=$1 pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o work_mem=512MB -o huge_pages="$1" \
        -o max_parallel_workers_per_gather=2 -o max_worker_processes=8 -o max_parallel_workers=8 bash -c '
set -euo pipefail
echo "== benchmark: $ROWS rows, $(nproc) CPUs, huge_pages=$HUGE_PAGES"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v runs="$RUNS" -v grouped="$GROUPED" <<<"$BENCH_SQL" 2>&1
'
}

run_cluster off

# huge pages for shared_buffers (2 GB) and the rest of the shared memory: reserve them if we may
page_kb=$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo 2>/dev/null || true)
if [ -n "$page_kb" ] && [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/nr_hugepages ]; then
    need=$(( (2048 + 400) * 1024 / page_kb ))
    old=$(cat /proc/sys/vm/nr_hugepages)
    trap 'echo "$old" > /proc/sys/vm/nr_hugepages' EXIT
    echo $(( old + need )) > /proc/sys/vm/nr_hugepages || true
    free=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
    if [ "$free" -ge "$need" ]; then
        echo "== reserved $need huge pages of $page_kb kB (nr_hugepages back to $old at exit)"
        run_cluster on
    else
        echo "== skipping the huge_pages=on cluster: only $free huge pages free of the $need it needs"
    fi
else
    echo "== skipping the huge_pages=on cluster: reserving huge pages needs root and a writable /proc/sys/vm/nr_hugepages"
fi
