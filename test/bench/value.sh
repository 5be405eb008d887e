#!/usr/bin/env bash
# test/bench/value.sh: customer value at scale, single worker: rfm_summary per customer against
# count(*) GROUP BY customer on ORDERS orders of CUSTOMERS customers; bgnbd_fit over CUSTOMERS
# customer summaries against 40 plain avg(frequency) passes over the same summary table (the
# issue's yardstick); and the fit on the CDNOW sample. The summaries for the fit are the CDNOW
# customers (test/data/cdnow) repeated with each copy's T and recency stretched by a factor in
# [1, 1.1): data the BG/NBD model fits (uniform synthetic orders have no dropout to estimate),
# with as many distinct patterns as customers.
#
#   bash test/bench/value.sh [ORDERS [CUSTOMERS]]     (default 10000000 orders, 1000000 customers)
#
# Timing: test/bench/lib.sql (server-side "Execution Time", median of 3 rounds after a warm-up).
# Targets (issue): rfm_summary within 1.5x of count(*) GROUP BY customer; bgnbd_fit within the
# time of 40 avg(frequency) passes.
set -euo pipefail
ORDERS=${1:-10000000}
CUSTOMERS=${2:-1000000}
[[ $ORDERS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: bash test/bench/value.sh [ORDERS [CUSTOMERS]]" >&2; exit 2; }
export ORDERS CUSTOMERS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
-- purchases: each customer buys at a rate of their own until a dropout time of their own
CREATE TABLE orders AS
    SELECT (i * 104729) % :customers AS customer_id,
           timestamptz '2024-01-01 00:00:00+00'
             + (abs(hashint8(i)) % (30 + abs(hashint8((i * 104729) % :customers)) % 500)) * interval '1 day'
             + (abs(hashint8(-i)) % 86400) * interval '1 second' AS ordered_at,
           round((5 + abs(hashint8(i * 3)) % 20000 / 100.0)::numeric, 2) AS amount
    FROM generate_series(1::bigint, :orders) AS i;
VACUUM ANALYZE orders;
CREATE TABLE cdnow (id int, frequency float8, recency float8, t float8, monetary float8);
\copy cdnow FROM 'test/data/cdnow/cdnow_customers_summary_with_transactions.csv' (FORMAT csv, HEADER)
CREATE TABLE summaries AS
    SELECT frequency, recency * f AS recency, t * f AS t, monetary * f AS monetary
    FROM cdnow, generate_series(1, (:customers + 2356) / 2357) k,
         LATERAL (SELECT 1 + (abs(hashint8(id * 100000 + k)) % 100000) / 1000000.0 AS f) s
    LIMIT :customers;
VACUUM ANALYZE summaries, cdnow;
\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'count(*) GROUP BY customer', 'SELECT customer_id, count(*) FROM orders GROUP BY customer_id'),
    (2, 'rfm_summary GROUP BY customer',
     $q$SELECT customer_id, rfm_summary(ordered_at, amount, '2025-06-30', '1 day', '1 week') FROM orders GROUP BY customer_id$q$),
    (3, 'one avg(frequency) pass over the summaries', 'SELECT avg(frequency) FROM summaries'),
    (4, 'bgnbd_fit over the summaries', 'SELECT bgnbd_fit(frequency, recency, t) FROM summaries'),
    (5, 'bgnbd_fit on CDNOW (2,357 customers)', 'SELECT bgnbd_fit(frequency, recency, t) FROM cdnow'),
    (6, 'gammagamma_fit over the summaries', 'SELECT gammagamma_fit(frequency, monetary) FROM summaries'),
    (7, 'gammagamma_fit on CDNOW (946 repeat customers)', 'SELECT gammagamma_fit(frequency, monetary) FROM cdnow');
SELECT bench_run('single', 3) \g /dev/null
-- rfm_summary's state is a few hundred bytes per customer, count(*)'s eight: how the hash
-- aggregation holds 1M of them depends on work_mem (the main run's 512MB holds count(*)'s
-- table but only part of rfm_summary's, which then spills the rest). Both again at
-- PostgreSQL's default 4MB (every hash table spills into small partitions) and at 2GB (neither
-- spills).
SET work_mem = '4MB';
SELECT bench_run('work_mem 4MB', 3, ARRAY[1, 2]) \g /dev/null
SET work_mem = '2GB';
SELECT bench_run('work_mem 2GB', 3, ARRAY[1, 2]) \g /dev/null
RESET work_mem;
\echo
SELECT current_setting('server_version') AS server, :orders AS orders, :customers AS customers;
SELECT r(m), alpha(m), a(m), b(m), converged(m), iterations(m), customers(m)
FROM (SELECT bgnbd_fit(frequency, recency, t) AS m FROM summaries) s;
SELECT p(m), q(m), gamma(m), converged(m), iterations(m), customers(m)
FROM (SELECT gammagamma_fit(frequency, monetary) AS m FROM summaries) s;
\echo 'median Execution Time of 3 runs, ms (single worker)'
SELECT q.label AS query, m.mode || CASE WHEN m.mode = 'single' THEN ' (work_mem 512MB)' ELSE '' END AS run,
       round(m.ms::numeric, 1) AS ms
FROM bench_query q JOIN bench_median m USING (id)
ORDER BY m.mode <> 'single', m.mode DESC, id;
SELECT 'rfm_summary / count(*) GROUP BY customer, ' ||
       CASE r.mode WHEN 'single' THEN 'work_mem 512MB' ELSE r.mode END AS ratio,
       to_char(r.ms / c.ms, 'FM990.00') || 'x' AS value, '<= 1.50x' AS target,
       CASE WHEN r.ms / c.ms <= 1.5 THEN 'target met' ELSE 'target missed' END AS verdict
FROM bench_median r JOIN bench_median c USING (mode) WHERE r.id = 2 AND c.id = 1
UNION ALL
SELECT 'bgnbd_fit / (40 x avg pass)', to_char(f.ms / (40 * a.ms), 'FM990.00') || 'x', '<= 1.00x',
       CASE WHEN f.ms <= 40 * a.ms THEN 'target met' ELSE 'target missed' END
FROM bench_median f, bench_median a WHERE f.id = 4 AND a.id = 3 AND f.mode = 'single' AND a.mode = 'single'
UNION ALL
SELECT 'gammagamma_fit / (40 x avg pass)', to_char(f.ms / (40 * a.ms), 'FM990.00') || 'x', '<= 1.00x',
       CASE WHEN f.ms <= 40 * a.ms THEN 'target met' ELSE 'target missed' END
FROM bench_median f, bench_median a WHERE f.id = 6 AND a.id = 3 AND f.mode = 'single' AND a.mode = 'single';
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o work_mem=512MB bash -c '
set -euo pipefail
echo "== benchmark: $ORDERS orders, $CUSTOMERS customers"
psql -X -q -v ON_ERROR_STOP=1 -v orders="$ORDERS" -v customers="$CUSTOMERS" <<<"$BENCH_SQL" 2>&1
'
