#!/usr/bin/env bash
# test/bench/lifecycle.sh: benchmark of cohort retention with cxm against the floor of any
# per-customer aggregate (count(*) GROUP BY customer) and against the hand-written SQL analysts
# use today, on ROWS activity rows of CUSTOMERS customers, single worker.
#
#   bash test/bench/lifecycle.sh [ROWS [CUSTOMERS]]     (default 10000000 rows, 1000000 customers)
#
# The hand-written SQL (query 3) is the usual one: month offsets from age(), DISTINCT
# (customer, offset), cohort sizes from count(DISTINCT customer), joined. It is also less correct
# than cxm's (it counts the current, unfinished month as a period), which the comparison ignores.
# Timing: test/bench/lib.sql (server-side "Execution Time", median of 3 rounds after a warm-up).
# Targets (issue): cxm within 1.5x of count(*) GROUP BY customer, at most 0.3x the hand-written.
set -euo pipefail
ROWS=${1:-10000000}
CUSTOMERS=${2:-1000000}
[[ $ROWS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: bash test/bench/lifecycle.sh [ROWS [CUSTOMERS]]" >&2; exit 2; }
export ROWS CUSTOMERS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
CREATE TABLE activity AS
    SELECT c AS customer_id,
           timestamptz '2024-01-01 00:00:00+00' + (c % 365) * interval '1 day' AS signed_up_at,
           timestamptz '2024-01-01 00:00:00+00' + (c % 365) * interval '1 day'
             + ((i * 7919) % 540) * interval '1 day' + (i % 86400) * interval '1 second' AS active_at
    FROM generate_series(1::bigint, :rows) AS i, LATERAL (SELECT (i * 104729) % :customers AS c) k;
VACUUM ANALYZE activity;
SELECT count(*) FROM activity \g /dev/null
\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'count(*) GROUP BY customer',
     'SELECT customer_id, count(*) FROM activity GROUP BY customer_id'),
    (2, 'cxm cohort retention',
     $q$SELECT c.cohort, r.* FROM (
          SELECT date_trunc('month', signed_up_at) AS cohort, activity_summary(a) AS s
          FROM (SELECT customer_id, signed_up_at,
                       activity_periods(active_at, signed_up_at, '1 month', '2025-07-01') AS a
                FROM activity GROUP BY customer_id, signed_up_at) per_customer
          GROUP BY 1) c, retention_table(c.s) r$q$),
    (3, 'hand-written cohort retention',
     $q$WITH offsets AS (
          SELECT DISTINCT customer_id, date_trunc('month', signed_up_at) AS cohort,
                 (extract(year FROM age(active_at, signed_up_at)) * 12
                  + extract(month FROM age(active_at, signed_up_at)))::int AS period
          FROM activity WHERE active_at >= signed_up_at AND active_at < '2025-07-01'
        ), sizes AS (
          SELECT date_trunc('month', signed_up_at) AS cohort, count(DISTINCT customer_id) AS customers
          FROM activity GROUP BY 1
        )
        SELECT o.cohort, o.period, s.customers, count(*) AS retained, count(*)::float8 / s.customers AS rate
        FROM offsets o JOIN sizes s USING (cohort) GROUP BY o.cohort, o.period, s.customers$q$);
SELECT bench_run('single', 3) \g /dev/null

\echo
SELECT current_setting('server_version') AS server, :rows AS rows, :customers AS customers,
       current_setting('work_mem') AS work_mem;
\echo 'median Execution Time of 3 runs, ms (single worker)'
SELECT q.label AS query, round(m.ms::numeric, 1) AS ms FROM bench_query q JOIN bench_median m USING (id)
ORDER BY id;
SELECT c.label AS ratio, to_char(n.ms / d.ms, 'FM990.00') || 'x' AS value,
       '<= ' || to_char(c.target, 'FM0.00') || 'x' AS "target (issue)",
       CASE WHEN n.ms / d.ms <= c.target THEN 'target met' ELSE 'target missed' END AS verdict
FROM (VALUES (1, 'cxm / count(*) GROUP BY customer', 2, 1, 1.5),
             (2, 'cxm / hand-written', 2, 3, 0.3)) AS c(ord, label, num, den, target)
JOIN bench_median n ON n.id = c.num JOIN bench_median d ON d.id = c.den
ORDER BY c.ord;
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o work_mem=256MB bash -c '
set -euo pipefail
echo "== benchmark: $ROWS activity rows, $CUSTOMERS customers"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" <<<"$BENCH_SQL" 2>&1
'
