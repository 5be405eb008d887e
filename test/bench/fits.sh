#!/usr/bin/env bash
# test/bench/fits.sh: the BG/BB and MBG/NBD fits at scale, single worker, against the yardstick
# of 40 plain avg(frequency) passes over the same table (the fits must take at most that long).
#   - mbgnbd_fit over CUSTOMERS customer summaries: the CDNOW customers (test/data/cdnow)
#     repeated with each copy's T and recency stretched by a factor in [1, 1.1) (as
#     test/bench/value.sh does for bgnbd_fit): data the model fits, with as many distinct
#     patterns as customers;
#   - bgbb_fit over CUSTOMERS donors: the donations data of Fader, Hardie & Shang (2010)
#     (test/data/cdnow/donations.csv) repeated, one row per donor, in random order;
#   - bgbb_fit from the same donors aggregated to (frequency, recency, n, count) rows.
#
#   bash test/bench/fits.sh [CUSTOMERS]     (default 1000000)
#
# Hold the install lock while it runs (it uses the installed cxm):
#   flock /tmp/cxm-install.lock bash -c 'make -s install >/dev/null && bash test/bench/fits.sh'
# Timing: test/bench/lib.sql (server-side "Execution Time", median of 3 rounds after a warm-up,
# queries interleaved).
set -euo pipefail
CUSTOMERS=${1:-1000000}
[[ $CUSTOMERS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash test/bench/fits.sh [CUSTOMERS]" >&2; exit 2; }
export CUSTOMERS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
CREATE TABLE cdnow (id int, frequency float8, recency float8, t float8);
\copy cdnow FROM 'test/data/cdnow/cdnow_customers_summary.csv' (FORMAT csv, HEADER)
CREATE TABLE summaries AS
    SELECT frequency, recency * f AS recency, t * f AS t
    FROM cdnow, generate_series(1, (:customers + 2356) / 2357) k,
         LATERAL (SELECT 1 + (abs(hashint8(id * 100000 + k)) % 100000) / 1000000.0 AS f) s
    LIMIT :customers;
CREATE TABLE donations (frequency float8, recency float8, periods float8, weights int8);
\copy donations FROM 'test/data/cdnow/donations.csv' (FORMAT csv, HEADER)
CREATE TABLE donors AS
    SELECT frequency, recency, periods AS n_opportunities
    FROM donations, generate_series(1, weights * ((:customers + 11103) / 11104)) i
    ORDER BY hashint8(i * 31 + (frequency * 7 + recency)::int8) LIMIT :customers;
CREATE TABLE donor_counts AS
    SELECT frequency, recency, n_opportunities, count(*) AS donors FROM donors GROUP BY 1, 2, 3;
VACUUM ANALYZE summaries, donors, donor_counts;
\i test/bench/lib.sql
SHOW jit;
INSERT INTO bench_query VALUES
    (1, 'one avg(frequency) pass over the summaries', 'SELECT avg(frequency) FROM summaries'),
    (2, 'mbgnbd_fit over the summaries', 'SELECT mbgnbd_fit(frequency, recency, t) FROM summaries'),
    (3, 'bgnbd_fit over the summaries', 'SELECT bgnbd_fit(frequency, recency, t) FROM summaries'),
    (4, 'one avg(frequency) pass over the donors', 'SELECT avg(frequency) FROM donors'),
    (5, 'bgbb_fit over the donors', 'SELECT bgbb_fit(frequency, recency, n_opportunities) FROM donors'),
    (6, 'bgbb_fit over the donors, counted (22 rows)',
     'SELECT bgbb_fit(frequency, recency, n_opportunities, donors) FROM donor_counts');
SELECT bench_run('single', 3) \g /dev/null
\echo
SELECT current_setting('server_version') AS server, :customers AS customers;
SELECT round(r(m)::numeric, 4) AS r, round(alpha(m)::numeric, 4) AS alpha, round(a(m)::numeric, 4) AS a,
       round(b(m)::numeric, 4) AS b, converged(m), iterations(m), customers(m)
FROM (SELECT mbgnbd_fit(frequency, recency, t) AS m FROM summaries) s;
SELECT round(alpha(m)::numeric, 4) AS alpha, round(beta(m)::numeric, 4) AS beta, round(gamma(m)::numeric, 4) AS gamma,
       round(delta(m)::numeric, 4) AS delta, converged(m), iterations(m), customers(m)
FROM (SELECT bgbb_fit(frequency, recency, n_opportunities) AS m FROM donors) s;
\echo 'median Execution Time of 3 runs, ms (single worker)'
SELECT q.label AS query, round(m.ms::numeric, 1) AS ms
FROM bench_query q JOIN bench_median m USING (id) ORDER BY id;
SELECT label AS ratio, to_char(f.ms / (40 * a.ms), 'FM990.00') || 'x' AS value, '<= 1.00x' AS target,
       CASE WHEN f.ms <= 40 * a.ms THEN 'target met' ELSE 'target missed' END AS verdict
FROM (VALUES ('mbgnbd_fit / (40 x avg pass)', 2, 1), ('bgnbd_fit / (40 x avg pass), for comparison', 3, 1),
             ('bgbb_fit / (40 x avg pass)', 5, 4)) r(label, fit, base)
JOIN bench_median f ON f.id = r.fit JOIN bench_median a ON a.id = r.base
ORDER BY r.fit;
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB bash -c '
set -euo pipefail
echo "== benchmark: $CUSTOMERS customers; load average before: $(cut -d" " -f1-3 /proc/loadavg)"
psql -X -q -v ON_ERROR_STOP=1 -v customers="$CUSTOMERS" <<<"$BENCH_SQL" 2>&1
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
'
