#!/usr/bin/env bash
# test/bench/jit.sh: what PostgreSQL's JIT does for cxm's aggregates and for the hand-written
# SQL they replace: nps_agg and csat_agg against the FILTER counts (ROWS survey answers), and
# journey_path and funnel_agg against string_agg(... ORDER BY) and a funnel written with window
# functions (ROWS * 3 / 10 touchpoints of a tenth as many customers), each with JIT off, with
# PostgreSQL's default JIT settings, and with inlining and optimization forced
# (jit_above_cost = jit_inline_above_cost = jit_optimize_above_cost = 0).
#
#   ROWS=10000000 RUNS=5 bash test/bench/jit.sh
#
# Builds and installs cxm (test/prepare.sh) and works in a throwaway cluster (pg_virtualenv -t,
# shared_buffers=2GB, work_mem=512MB), or, with CXM_BENCH_SERVER=1, in the server that
# PGHOST/PGPORT name (database cxm_bench_jit, dropped at the start and the end).
# Timing: server-side "Execution Time" of EXPLAIN (ANALYZE, FORMAT JSON), which includes the
# JIT's own time; single process; RUNS rounds after a warm-up round, queries and JIT settings
# interleaved, medians. Printed per query and setting: the time, what the JIT did (functions
# compiled, inlining, optimization, and its milliseconds, from the untimed warm-up round run with
# node timing) and cxm's time over the hand-written SQL's.
# Then, when the server's data directory is readable here and llvm-dis is installed, whether
# cxm's transition function was inlined into the compiled code (jit_dump_bitcode: a call of
# cxm's function left in the optimized bitcode means it was not).
set -euo pipefail
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-5}
[[ $ROWS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: ROWS=n RUNS=n bash test/bench/jit.sh" >&2; exit 2; }
export ROWS RUNS
cd "$(dirname "$0")/../.."
if [ -z "${CXM_BENCH_SERVER:-}" ]; then
    . test/prepare.sh
    exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o work_mem=512MB env CXM_BENCH_SERVER=1 bash "$0"
fi
echo "== $ROWS survey answers, $((ROWS * 3 / 10)) touchpoints; $RUNS rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
psql -X -q -c "DROP DATABASE IF EXISTS cxm_bench_jit" -c "CREATE DATABASE cxm_bench_jit"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v runs="$RUNS" -d cxm_bench_jit <<'SQL'
\pset footer off
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
CREATE TABLE survey AS
    SELECT (i * 7919 % 11)::int AS score, (i % 5 + 1)::int AS csat FROM generate_series(1::bigint, :rows) AS i;
CREATE TABLE interactions AS
    SELECT (i * 104729) % (:rows / 100) AS customer_id,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i)) % 6] AS channel,
           (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 1000000007)) % 4] AS action,
           timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 1000000) * interval '1 second' AS occurred_at
    FROM generate_series(1::bigint, :rows * 3 / 10) AS i;
VACUUM ANALYZE survey, interactions;
SELECT count(*) FROM survey \g /dev/null
SELECT count(*) FROM interactions \g /dev/null
-- the funnel search -> web/view -> app/click within a day, written by hand (as in journey.sh)
CREATE VIEW funnel_by_hand AS
SELECT customer_id,
       coalesce(max(CASE WHEN step = 3 AND occurred_at <= start2 + interval '1 day' THEN 3
                         WHEN step = 2 AND occurred_at <= start1 + interval '1 day' THEN 2
                         WHEN step = 1 THEN 1 END), 0) AS level
FROM (SELECT customer_id, occurred_at, step, start1,
             max(CASE WHEN step = 2 AND occurred_at <= start1 + interval '1 day' THEN start1 END) OVER w AS start2
      FROM (SELECT customer_id, occurred_at, step,
                   max(occurred_at) FILTER (WHERE step = 1) OVER w AS start1
            FROM (SELECT customer_id, occurred_at,
                         CASE WHEN channel = 'search' THEN 1
                              WHEN channel = 'web' AND action = 'view' THEN 2
                              WHEN channel = 'app' AND action = 'click' THEN 3 END AS step
                  FROM interactions) e
            WINDOW w AS (PARTITION BY customer_id ORDER BY occurred_at, step ROWS UNBOUNDED PRECEDING)) s1
      WINDOW w AS (PARTITION BY customer_id ORDER BY occurred_at, step ROWS UNBOUNDED PRECEDING)) s2
GROUP BY customer_id;

-- pairs: cxm's query and the hand-written one it replaces
CREATE TABLE query (id int, pair text, cxm boolean, q text);
INSERT INTO query VALUES
(1, 'NPS', true, 'SELECT nps_agg(score) FROM survey'),
(2, 'NPS', false, 'SELECT 100.0*(count(*) FILTER (WHERE score>=9) - count(*) FILTER (WHERE score<=6))/count(*) FROM survey'),
(3, 'CSAT', true, 'SELECT csat_agg(csat) FROM survey'),
(4, 'CSAT', false, 'SELECT 100.0*count(*) FILTER (WHERE csat>=4)/count(*) FROM survey'),
(5, 'paths', true, 'SELECT customer_id, journey_path(touchpoint(channel, occurred_at)) FROM interactions GROUP BY customer_id'),
(6, 'paths', false, $q$SELECT customer_id, string_agg(channel, ' > ' ORDER BY occurred_at) FROM interactions GROUP BY customer_id$q$),
(7, 'funnel', true, $q$SELECT customer_id, funnel_agg(touchpoint(channel, action, occurred_at),
                        ARRAY['search', 'web/view', 'app/click'], '1 day') FROM interactions GROUP BY customer_id$q$),
(8, 'funnel', false, 'SELECT * FROM funnel_by_hand');
CREATE TABLE setting (id int, name text, commands text);
INSERT INTO setting VALUES
(1, 'JIT off', 'SET jit = off'),
(2, 'JIT default', 'RESET jit; RESET jit_above_cost; RESET jit_inline_above_cost; RESET jit_optimize_above_cost'),
(3, 'JIT, inlining forced', 'SET jit = on; SET jit_above_cost = 0; SET jit_inline_above_cost = 0; SET jit_optimize_above_cost = 0');
CREATE TABLE timing (query int, setting int, run int, ms float8, functions int, inlining boolean,
                     optimization boolean, jit_ms float8);
SET bench.runs = :runs;
DO $$
DECLARE
    plan jsonb;
    s record;
    q record;
BEGIN
    FOR run IN 0..current_setting('bench.runs')::int LOOP
        FOR q IN SELECT * FROM query ORDER BY id LOOP
            FOR s IN SELECT * FROM setting ORDER BY id LOOP
                EXECUTE s.commands;
                -- the warm-up round, untimed, has the JIT's own milliseconds (node timing on)
                EXECUTE format('EXPLAIN (ANALYZE, TIMING %s, FORMAT JSON) ', CASE WHEN run = 0 THEN 'ON' ELSE 'OFF' END)
                    || q.q INTO plan;
                INSERT INTO timing VALUES (q.id, s.id, run, (plan->0->>'Execution Time')::float8,
                    coalesce((plan->0->'JIT'->>'Functions')::int, 0),
                    (plan->0->'JIT'->'Options'->>'Inlining')::boolean,
                    (plan->0->'JIT'->'Options'->>'Optimization')::boolean,
                    (plan->0->'JIT'->'Timing'->>'Total')::float8);
            END LOOP;
        END LOOP;
    END LOOP;
    RESET jit; RESET jit_above_cost; RESET jit_inline_above_cost; RESET jit_optimize_above_cost;
END $$;
SQL
psql -X -q -v ON_ERROR_STOP=1 -d cxm_bench_jit <<'SQL'
\pset footer off
CREATE VIEW median AS
SELECT query, setting, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE run > 0) AS ms,
       max(functions) AS functions, bool_or(inlining) AS inlining, bool_or(optimization) AS optimization,
       max(jit_ms) FILTER (WHERE run = 0) AS jit_ms
FROM timing GROUP BY query, setting;
SELECT current_setting('server_version') AS postgresql, current_setting('jit_provider') AS jit_provider,
       current_setting('jit_above_cost') AS jit_above_cost, current_setting('jit_inline_above_cost') AS jit_inline_above_cost,
       current_setting('jit_optimize_above_cost') AS jit_optimize_above_cost, current_setting('work_mem') AS work_mem;
\echo 'median Execution Time (ms, single process, JIT time included)'
SELECT q.pair, CASE WHEN q.cxm THEN 'cxm' ELSE 'hand-written' END AS "query", s.name AS setting,
       round(m.ms::numeric, 1) AS ms, m.functions AS "JIT functions",
       CASE WHEN m.functions > 0 THEN m.inlining::text || '/' || m.optimization::text END AS "inlining/optimization",
       round(m.jit_ms::numeric, 1) AS "JIT ms (warm-up)",
       to_char(m.ms / o.ms, 'FM990.00') || 'x' AS "vs JIT off"
FROM query q JOIN median m ON m.query = q.id JOIN setting s ON s.id = m.setting
JOIN median o ON o.query = q.id AND o.setting = 1
ORDER BY q.id, s.id;
\echo 'cxm over the hand-written SQL, per JIT setting'
SELECT c.pair, s.name AS setting, to_char(mc.ms / mh.ms, 'FM990.00') || 'x' AS "cxm / hand-written"
FROM query c JOIN query h ON h.pair = c.pair AND c.cxm AND NOT h.cxm
CROSS JOIN setting s
JOIN median mc ON mc.query = c.id AND mc.setting = s.id JOIN median mh ON mh.query = h.id AND mh.setting = s.id
ORDER BY c.id, s.id;
SQL

# inlining: the optimized bitcode of a forced-JIT nps_agg and csat_agg, looked at for a call of cxm's functions
datadir=$(psql -X -At -c "SHOW data_directory" 2>/dev/null || true)
llvm_dis=$(ls /usr/lib/llvm-*/bin/llvm-dis 2>/dev/null | tail -1 || true)
if [ -n "$datadir" ] && [ -r "$datadir" ] && [ -n "$llvm_dis" ]; then
    for call in "nps_agg(score)" "csat_agg(csat)"; do
        psql -X -q -d cxm_bench_jit -c "SET jit = on" -c "SET jit_above_cost = 0" -c "SET jit_inline_above_cost = 0" \
            -c "SET jit_optimize_above_cost = 0" -c "SET jit_dump_bitcode = on" \
            -c "SELECT $call FROM (SELECT * FROM survey LIMIT 1000) s" > /dev/null
        file=$(ls -t "$datadir"/*.optimized.bc | head -1)
        calls=$("$llvm_dis" "$file" -o - | grep -o 'call i64 @"pgextern\.[^"]*"' | sort -u | sed 's/.*cxm\.//; s/"$//' | tr '\n' ' ')
        echo "$call, inlining forced: cxm functions still called from the compiled code: ${calls:-none (inlined)}"
        rm -f "$datadir"/*.bc
    done
else
    echo "inlining check skipped: needs the server's data directory readable here and llvm-dis"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -X -q -c "DROP DATABASE cxm_bench_jit"
