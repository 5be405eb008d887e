#!/usr/bin/env bash
# test/bench/journey.sh: benchmark of per-customer journeys against count(*) GROUP BY customer
# (the floor of any per-customer aggregate) and the string_agg(... ORDER BY) an analyst writes,
# on ROWS touchpoints of CUSTOMERS customers, single worker.
#
#   bash test/bench/journey.sh [ROWS [CUSTOMERS]]     (default 3000000 rows, 300000 customers)
#
# Timing: test/bench/lib.sql (server-side "Execution Time", median of 3 rounds after a warm-up),
# at work_mem 256MB (every hash table in memory) and again at PostgreSQL's default 4MB; then
# the same touchpoints spread over customers as real ones are (most with one or two: ids drawn
# at random from ROWS), at 256MB. Also prints the hash aggregation's memory per customer and
# per touchpoint, journey_path's against count(*)'s.
# Targets (issue): journey_path within 1.15x of count(*) GROUP BY customer and faster than
# string_agg(... ORDER BY); funnels within 1.15x.
set -euo pipefail
ROWS=${1:-3000000}
CUSTOMERS=${2:-300000}
[[ $ROWS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: bash test/bench/journey.sh [ROWS [CUSTOMERS]]" >&2; exit 2; }
export ROWS CUSTOMERS
cd "$(dirname "$0")/../.."
. test/prepare.sh

export BENCH_SQL=$(cat <<'SQL'
\pset footer off
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
-- the touchpoints, numbered; each data set assigns them to customers in its own way
CREATE VIEW touchpoint_source AS
    SELECT i,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i)) % 6] AS channel,
           (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 1000000007)) % 4] AS action,
           timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 1000000) * interval '1 second' AS occurred_at
    FROM generate_series(1::bigint, :rows) AS i;
CREATE TABLE interactions AS
    SELECT (i * 104729) % :customers AS customer_id, channel, action, occurred_at FROM touchpoint_source;
VACUUM ANALYZE interactions;
SELECT count(*) FROM interactions \g /dev/null
\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'count(*) GROUP BY customer',
     'SELECT customer_id, count(*) FROM interactions GROUP BY customer_id'),
    (2, 'journey_path(touchpoint(channel, occurred_at))',
     'SELECT customer_id, journey_path(touchpoint(channel, occurred_at)) FROM interactions GROUP BY customer_id'),
    (3, 'string_agg(channel, '' > '' ORDER BY occurred_at)',
     $q$SELECT customer_id, string_agg(channel, ' > ' ORDER BY occurred_at) FROM interactions GROUP BY customer_id$q$),
    (4, 'journey_path(touchpoint(channel, action, occurred_at))',
     'SELECT customer_id, journey_path(touchpoint(channel, action, occurred_at)) FROM interactions GROUP BY customer_id'),
    (5, 'funnel_level(journey_agg(...), 3 steps, 1 day)',
     $q$SELECT customer_id, funnel_level(journey_agg(touchpoint(channel, action, occurred_at)),
            ARRAY['search', 'web/view', 'app/click'], '1 day') FROM interactions GROUP BY customer_id$q$),
    (6, 'funnel_agg(touchpoint(...), 3 steps, 1 day)',
     $q$SELECT customer_id, funnel_agg(touchpoint(channel, action, occurred_at),
            ARRAY['search', 'web/view', 'app/click'], '1 day') FROM interactions GROUP BY customer_id$q$),
    -- floors, no target: building the touchpoints alone, and the cheapest aggregate that keeps
    -- a by-reference value per customer (string_agg without ORDER BY, unordered, PostgreSQL's own)
    (7, 'count(touchpoint(channel, occurred_at)) (floor: constructor)',
     'SELECT customer_id, count(touchpoint(channel, occurred_at)) FROM interactions GROUP BY customer_id'),
    (8, 'string_agg(channel, '' > '') unordered (floor: by-ref state)',
     $q$SELECT customer_id, string_agg(channel, ' > ') FROM interactions GROUP BY customer_id$q$);
SELECT bench_run('single', 3) \g /dev/null
-- the same at PostgreSQL's default work_mem (4MB), where every hash aggregation spills into
-- partitions (the main run's 256MB holds every table in memory)
SET work_mem = '4MB';
SELECT bench_run('work_mem 4MB', 3, ARRAY[1, 2, 3, 6, 7]) \g /dev/null
RESET work_mem;

-- memory of the hash aggregation (journey states, against count(*)'s bare groups)
CREATE FUNCTION hash_memory_kb(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE plan jsonb;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
    RETURN jsonb_path_query_first(plan, '$.**."Peak Memory Usage"')::bigint;
END $$;
CREATE TABLE bench_memory (data text, customers bigint, rows bigint, count_kb bigint, journey_kb bigint);
INSERT INTO bench_memory SELECT 'uniform', (SELECT count(DISTINCT customer_id) FROM interactions), :rows,
    hash_memory_kb((SELECT q FROM bench_query WHERE id = 1)), hash_memory_kb((SELECT q FROM bench_query WHERE id = 2));

-- skewed data, as customers usually are: the same touchpoints, but customer ids drawn at
-- random from ROWS ids (about 63% of ROWS customers, most with one or two touchpoints)
ALTER TABLE interactions RENAME TO interactions_uniform;
CREATE TABLE interactions AS
    SELECT abs(hashint8(i * 7)) % :rows AS customer_id, channel, action, occurred_at FROM touchpoint_source;
VACUUM ANALYZE interactions;
SELECT count(*) FROM interactions \g /dev/null
SELECT bench_run('skewed', 3, ARRAY[1, 2, 3, 6, 7]) \g /dev/null
INSERT INTO bench_memory SELECT 'skewed', (SELECT count(DISTINCT customer_id) FROM interactions), :rows,
    hash_memory_kb((SELECT q FROM bench_query WHERE id = 1)), hash_memory_kb((SELECT q FROM bench_query WHERE id = 2));

\echo
SELECT current_setting('server_version') AS server, :rows AS rows, :customers AS customers,
       current_setting('work_mem') AS work_mem;
\echo 'median Execution Time of 3 runs, ms (single worker)'
SELECT q.label AS query, m.mode || CASE WHEN m.mode <> 'work_mem 4MB' THEN ' (work_mem 256MB)' ELSE '' END AS run,
       round(m.ms::numeric, 1) AS ms,
       to_char(m.ms / (SELECT ms FROM bench_median c WHERE c.id = 1 AND c.mode = m.mode), 'FM990.00') || 'x' AS "vs count(*)"
FROM bench_query q JOIN bench_median m USING (id)
ORDER BY array_position(ARRAY['single', 'work_mem 4MB', 'skewed'], m.mode), id;
SELECT c.label || CASE WHEN m.mode = 'single' THEN ', work_mem 256MB' ELSE ', ' || m.mode END AS ratio,
       to_char(n.ms / d.ms, 'FM990.00') || 'x' AS value,
       '<= ' || to_char(c.target, 'FM0.00') || 'x' AS "target (issue)",
       CASE WHEN n.ms / d.ms <= c.target THEN 'target met' ELSE 'target missed' END AS verdict
FROM (VALUES (1, 'journey_path / count(*) GROUP BY customer', 2, 1, 1.15),
             (2, 'journey_path / string_agg ORDER BY', 2, 3, 1.0),
             (3, 'funnel_agg / count(*) GROUP BY customer', 6, 1, 1.15)) AS c(ord, label, num, den, target)
CROSS JOIN (VALUES (1, 'single'), (2, 'work_mem 4MB'), (3, 'skewed')) AS m(ord, mode)
JOIN bench_median n ON n.id = c.num AND n.mode = m.mode JOIN bench_median d ON d.id = c.den AND d.mode = m.mode
ORDER BY m.ord, c.ord;
\echo 'hash aggregation memory (work_mem 256MB): journey_path against count(*) GROUP BY customer'
SELECT data, customers, rows AS touchpoints, round(rows::numeric / customers, 2) AS "touchpoints per customer",
       count_kb AS "count(*) kB", journey_kb AS "journey_path kB",
       round((journey_kb - count_kb) * 1024.0 / customers) AS "journey bytes per customer",
       round((journey_kb - count_kb) * 1024.0 / rows, 1) AS "journey bytes per touchpoint"
FROM bench_memory ORDER BY data DESC;
SQL
)

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB bash -c '
set -euo pipefail
echo "== benchmark: $ROWS touchpoints, $CUSTOMERS customers"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" <<<"$BENCH_SQL" 2>&1
'
