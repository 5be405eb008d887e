#!/usr/bin/env bash
# test/bench/drivers.sh: benchmark of key-driver analysis.
#
#   bash test/bench/drivers.sh [ROWS]        (default ROWS=10000000: ten million answers)
#
# 1. driver_summary(overall, ARRAY[r1, ..., r10]) over ROWS answers with ten ratings, against
#    the query an analyst would otherwise write for the same matrix: the 55 corr() pairs of the
#    11 columns and their 11 avg()s in one SELECT. Target: at most 0.5x its time. Both run
#    single-process (max_parallel_workers_per_gather = 0) and with 2 parallel workers, with JIT
#    off (JIT compiles the 66 aggregates of the hand-written query for a second or more; the
#    server default is printed), and count(*) and count(r10) are shown as the floor of reading
#    the rows.
# 2. driver_table on a stored summary of 15 drivers (Shapley shares over 2^15 subsets):
#    target under 10 ms. Timed as the median of 21 runs.
#
# Takes the install lock (/tmp/cxm-install.lock) for the whole run (set CXM_LOCK_HELD=1 when the
# caller holds it already), builds and installs cxm (test/prepare.sh), then works in a throwaway
# cluster (pg_virtualenv -t, shared_buffers=3GB, the table pre-warmed). Timing:
# test/bench/lib.sql (server-side "Execution Time" of EXPLAIN ANALYZE, medians of interleaved
# rounds after a warm-up round). Before timing, the correlations and means of the summary must
# equal corr() and avg() within 1e-9 (the script fails otherwise); targets are printed with
# met/missed but do not change the exit status.
set -euo pipefail
ROWS=${1:-10000000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash test/bench/drivers.sh [ROWS]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
if [ "${CXM_LOCK_HELD:-}" != 1 ]; then
    exec env CXM_LOCK_HELD=1 flock /tmp/cxm-install.lock bash "$0" "$ROWS"
fi
export ROWS
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
CREATE EXTENSION cxm;
-- ratings 1..10 with a common factor, from integer hashes (fast to generate, no random())
CREATE TABLE answers AS
SELECT round(0.4 * r1 + 0.3 * r2 + 0.1 * r3 + 0.05 * r4 + (h % 7) / 3.0)::float8 AS overall, *
FROM (SELECT h, 1 + (f + (h >> 1) % 5)::float8 AS r1, 1 + (f + (h >> 4) % 5)::float8 AS r2,
             1 + (f + (h >> 7) % 5)::float8 AS r3, 1 + (f + (h >> 10) % 5)::float8 AS r4,
             1 + (f + (h >> 13) % 5)::float8 AS r5, 1 + (f + (h >> 16) % 5)::float8 AS r6,
             1 + (f + (h >> 19) % 5)::float8 AS r7, 1 + (f + (h >> 22) % 5)::float8 AS r8,
             1 + (f + (h >> 25) % 5)::float8 AS r9, 1 + (f + (h >> 27) % 5)::float8 AS r10
      FROM (SELECT hashint8(i)::int8 & 2147483647 AS h, (hashint8(-i)::int8 & 2147483647) % 5 AS f
            FROM generate_series(1::bigint, :rows) i) s) s;
ALTER TABLE answers DROP COLUMN h;
VACUUM ANALYZE answers;
SELECT count(*) > 0 AS has_prewarm FROM pg_available_extensions WHERE name = 'pg_prewarm' \gset
\if :has_prewarm
CREATE EXTENSION pg_prewarm;
SELECT pg_prewarm('answers') \g /dev/null
\endif
SELECT count(*) FROM answers \g /dev/null
SELECT pg_size_pretty(pg_relation_size('answers')) AS table_size \gset

-- the hand-written query: 11 avg() and the 55 corr() pairs of (overall, r1..r10)
SELECT 'SELECT ' || string_agg(e, ', ') || ' FROM answers' AS hand_written
FROM (SELECT format('avg(%s)', c) AS e, 0 AS k, n FROM unnest(ARRAY['overall','r1','r2','r3','r4','r5','r6','r7','r8','r9','r10']) WITH ORDINALITY u(c, n)
      UNION ALL
      SELECT format('corr(%s, %s)', a.c, b.c), 1, a.n * 100 + b.n
      FROM unnest(ARRAY['overall','r1','r2','r3','r4','r5','r6','r7','r8','r9','r10']) WITH ORDINALITY a(c, n),
           unnest(ARRAY['overall','r1','r2','r3','r4','r5','r6','r7','r8','r9','r10']) WITH ORDINALITY b(c, n)
      WHERE a.n < b.n) t \gset

-- correctness first: the summary's means and correlations are avg() and corr()
CREATE TABLE check_summary AS SELECT driver_summary(overall, ARRAY[r1, r2, r3, r4, r5, r6, r7, r8, r9, r10]) AS s FROM answers;
CREATE TABLE check_hand AS SELECT avg(overall) AS m0, avg(r10) AS m10, corr(overall, r1) AS c01,
       corr(r3, r7) AS c37, corr(r9, r10) AS c910 FROM answers;
SELECT bool_and(ok) AS check_ok
FROM (SELECT abs(m[1] - h.m0) < 1e-9 AND abs(m[11] - h.m10) < 1e-9
             AND abs(c[2] / sqrt(c[1] * c[12]) - h.c01) < 1e-9
             AND abs(c[35] / sqrt(c[31] * c[57]) - h.c37) < 1e-9
             AND abs(c[65] / sqrt(c[64] * c[66]) - h.c910) < 1e-9 AS ok
      FROM check_hand h,
           (SELECT translate((s::text::jsonb -> 'means')::text, '[]', '{}')::float8[] AS m,
                   translate((s::text::jsonb -> 'comoments')::text, '[]', '{}')::float8[] AS c
            FROM check_summary) x) t \gset
\if :check_ok
\echo 'check: the summary equals avg() and corr() within 1e-9'
\else
\echo 'check FAILED: the summary differs from avg() and corr()'
SELECT 1 / 0;
\endif

-- 15 drivers for driver_table: a stored summary of 200,000 answers
CREATE TABLE summary15 AS
SELECT driver_summary(overall, ARRAY[r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r1 * r2, r3 * r4, r5 * r6, r7 * r8, r9 * r10]) AS s
FROM (SELECT * FROM answers LIMIT 200000) a;

\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'count(*)', 'SELECT count(*) FROM answers'),
    (2, 'count(r10)', 'SELECT count(r10) FROM answers'),
    (3, 'driver_summary(overall, ARRAY[r1..r10])', 'SELECT driver_summary(overall, ARRAY[r1, r2, r3, r4, r5, r6, r7, r8, r9, r10]) FROM answers'),
    (4, '11 avg() + 55 corr()', :'hand_written');
INSERT INTO bench_query VALUES
    (5, 'driver_table, 15 drivers', 'SELECT * FROM summary15, driver_table(s)');

SET max_parallel_workers_per_gather = 0;
SET jit = off;
SELECT bench_run('single, jit off', 3, ARRAY[1, 2, 3, 4]);
SET max_parallel_workers_per_gather = 2;
SELECT bench_run('parallel, jit off', 3, ARRAY[1, 2, 3, 4]);
SET max_parallel_workers_per_gather = 0;
SELECT bench_run('driver_table', 21, ARRAY[5]);
RESET jit;
RESET max_parallel_workers_per_gather;

SELECT current_setting('server_version') AS server, :rows AS rows, :'table_size' AS table_size,
       current_setting('jit') AS "jit (default)", (SELECT count(*) FROM bench_timing) AS timings;
SELECT q.id, q.label, m.mode, round(m.ms::numeric, 1) AS median_ms, m.workers
FROM bench_query q JOIN bench_median m USING (id) ORDER BY m.mode, q.id;
SELECT m.mode, to_char(s.ms / h.ms, 'FM0.000') || 'x' AS "driver_summary / hand-written",
       CASE WHEN s.ms / h.ms <= 0.5 THEN 'met' ELSE 'missed' END AS "target <= 0.5x"
FROM bench_median m JOIN bench_median s ON s.mode = m.mode AND s.id = 3
JOIN bench_median h ON h.mode = m.mode AND h.id = 4 WHERE m.id = 3 ORDER BY m.mode;
SELECT round(ms::numeric, 2) AS "driver_table, 15 drivers: median ms",
       CASE WHEN ms < 10 THEN 'met' ELSE 'missed' END AS "target < 10 ms"
FROM bench_median WHERE id = 5;
SQL
)

echo "== benchmark: $ROWS answers with 10 ratings, $(nproc) CPUs"
exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=3GB -o work_mem=256MB bash -c '
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" <<<"$BENCH_SQL" 2>&1
'
