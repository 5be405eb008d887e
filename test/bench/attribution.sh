#!/usr/bin/env bash
# test/bench/attribution.sh: data-driven attribution over many journeys against building those
# journeys: journey_agg over ROWS touchpoints of JOURNEYS customers (the baseline), then the same
# journeys fed to markov_attribution and to shapley_attribution, single worker.
#
#   bash test/bench/attribution.sh [ROWS [JOURNEYS]]    (default 5000000 rows, 1000000 journeys)
#
# Timing: test/bench/lib.sql (server-side "Execution Time", median of 3 rounds after a warm-up).
# Target (issue): Markov and Shapley attribution within 2x the time of journey_agg building the
# journeys from touchpoints.
set -euo pipefail
ROWS=${1:-5000000}
JOURNEYS=${2:-1000000}
[[ $ROWS =~ ^[1-9][0-9]*$ && $JOURNEYS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: bash test/bench/attribution.sh [ROWS [JOURNEYS]]" >&2; exit 2; }
export ROWS JOURNEYS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
CREATE TABLE touches AS
    SELECT (i * 104729) % :journeys AS customer_id,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store', 'display', 'call_center'])[1 + abs(hashint8(i)) % 8] AS channel,
           timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 1000000) * interval '1 second' AS at
    FROM generate_series(1::bigint, :rows) AS i;
CREATE TABLE conversions AS
    SELECT c AS customer_id, abs(hashint8(c * 7)) % 5 = 0 AS converted, (abs(hashint8(c * 11)) % 20000) / 100.0 AS value
    FROM generate_series(0, :journeys - 1) c;
VACUUM ANALYZE touches, conversions;
-- one table of journeys, so the models' time is measured on journeys already built as well
CREATE TABLE journeys AS
    SELECT t.customer_id, journey_agg(touchpoint(channel, at)) AS j FROM touches t GROUP BY t.customer_id;
CREATE TABLE outcomes AS
    SELECT j, converted, value::float8 AS value FROM journeys JOIN conversions USING (customer_id);
VACUUM ANALYZE journeys, outcomes;
\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'journey_agg: build the journeys',
     'SELECT customer_id, journey_agg(touchpoint(channel, at)) FROM touches GROUP BY customer_id'),
    (2, 'markov_attribution over the built journeys',
     'SELECT markov_attribution(j, converted, value) FROM outcomes'),
    (3, 'shapley_attribution over the built journeys',
     'SELECT shapley_attribution(j, converted, value) FROM outcomes');
SELECT bench_run('single', 3) \g /dev/null

\echo
SELECT current_setting('server_version') AS server, :rows AS touchpoints, :journeys AS journeys;
\echo 'median Execution Time of 3 runs, ms (single worker)'
SELECT q.label AS query, round(m.ms::numeric, 1) AS ms FROM bench_query q JOIN bench_median m USING (id)
ORDER BY id;
SELECT c.label AS ratio, to_char(n.ms / d.ms, 'FM990.00') || 'x' AS value, '<= 2.00x' AS "target (issue)",
       CASE WHEN n.ms / d.ms <= 2 THEN 'target met' ELSE 'target missed' END AS verdict
FROM (VALUES (1, 'markov_attribution / journey_agg', 2, 1), (2, 'shapley_attribution / journey_agg', 3, 1))
     AS c(ord, label, num, den)
JOIN bench_median n ON n.id = c.num JOIN bench_median d ON d.id = c.den
ORDER BY c.ord;
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=2GB -o work_mem=512MB bash -c '
set -euo pipefail
echo "== benchmark: $ROWS touchpoints, $JOURNEYS journeys"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v journeys="$JOURNEYS" <<<"$BENCH_SQL" 2>&1
'
