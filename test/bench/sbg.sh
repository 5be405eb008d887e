#!/usr/bin/env bash
# test/bench/sbg.sh: the sBG fit at scale, single worker: sbg_fit(periods, churned) over
# CUSTOMERS subscribers against one plain avg(periods) pass over the same table (the yardstick:
# a fit within the time of 40 such passes). Each subscriber's monthly churn probability is
# theta = u^2 for a u uniform on (0, 1) drawn from a hash of their id (a heterogeneous
# population), their tenure geometric in theta and observed for at most 36 months.
#
#   bash test/bench/sbg.sh [CUSTOMERS]     (default 1000000)
#
# Timing: test/bench/lib.sql (server-side "Execution Time", median of 5 rounds after a warm-up,
# the queries interleaved). Hold the install lock while it runs.
set -euo pipefail
CUSTOMERS=${1:-1000000}
[[ $CUSTOMERS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash test/bench/sbg.sh [CUSTOMERS]" >&2; exit 2; }
export CUSTOMERS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE EXTENSION cxm;
CREATE TABLE subscribers AS
    SELECT i AS id, least(lifetime, 36)::int4 AS periods, lifetime <= 36 AS churned
    FROM generate_series(1::bigint, :customers) AS i,
         LATERAL (SELECT power((abs(hashint8(i)) % 1000000 + 0.5) / 1000000.0, 2) AS theta,
                         (abs(hashint8(-i)) % 1000000 + 0.5) / 1000000.0 AS u) d,
         LATERAL (SELECT CASE WHEN theta >= 1 THEN 1
                              ELSE least(ceil(ln(1 - u) / ln(1 - theta)), 37) END AS lifetime) t;
VACUUM ANALYZE subscribers;
\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'one avg(periods) pass', 'SELECT avg(periods) FROM subscribers'),
    (2, 'sbg_data(periods, churned)', 'SELECT sbg_data(periods, churned) FROM subscribers'),
    (3, 'sbg_fit(periods, churned)', 'SELECT sbg_fit(periods, churned) FROM subscribers');
SELECT bench_run('single', 5) \g /dev/null
\echo
SELECT current_setting('server_version') AS server, :customers AS customers;
SELECT alpha(m), beta(m), converged(m), iterations(m), customers(m)
FROM (SELECT sbg_fit(periods, churned) AS m FROM subscribers) s;
\echo 'median Execution Time of 5 runs, ms (single worker, JIT off)'
SELECT q.label AS query, round(m.ms::numeric, 1) AS ms
FROM bench_query q JOIN bench_median m USING (id) ORDER BY id;
SELECT 'sbg_fit / (40 x avg pass)' AS ratio, to_char(f.ms / (40 * a.ms), 'FM990.00') || 'x' AS value,
       '<= 1.00x' AS target, CASE WHEN f.ms <= 40 * a.ms THEN 'target met' ELSE 'target missed' END AS verdict,
       to_char(f.ms / a.ms, 'FM990.0') AS avg_passes
FROM bench_median f, bench_median a WHERE f.id = 3 AND a.id = 1;
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB bash -c '
set -euo pipefail
echo "== benchmark: $CUSTOMERS subscribers"
psql -X -q -v ON_ERROR_STOP=1 -v customers="$CUSTOMERS" <<<"$BENCH_SQL" 2>&1
'
