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
# Targets: journey_path within 1.15x of count(*) GROUP BY customer and faster than
# string_agg(... ORDER BY); funnels within 1.15x; funnel_agg at most 0.7x the funnel written by
# hand with window functions (checked to give every customer the same level first).
# With CXM_BENCH_SERVER=1 it runs in the server PGHOST/PGPORT name (database cxm_bench_journey).
set -euo pipefail
ROWS=${1:-3000000}
CUSTOMERS=${2:-300000}
[[ $ROWS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: bash test/bench/journey.sh [ROWS [CUSTOMERS]]" >&2; exit 2; }
export ROWS CUSTOMERS
cd "$(dirname "$0")/../.."
[ -n "${CXM_BENCH_SERVER:-}" ] || . test/prepare.sh

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
     $q$SELECT customer_id, string_agg(channel, ' > ') FROM interactions GROUP BY customer_id$q$),
    -- the funnel an analyst writes without cxm: each step-2 event's latest step 1 (window
    -- functions over the customer's events by time), each step-3 event's latest chain start
    (9, 'hand-written funnel (window functions, same levels)', $q$SELECT * FROM funnel_by_hand$q$);
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
-- the same level for every customer, or no timing
SELECT count(*) AS customers, count(*) FILTER (WHERE h.level IS DISTINCT FROM f.level) = 0 AS same
FROM funnel_by_hand h
FULL JOIN (SELECT customer_id, funnel_agg(touchpoint(channel, action, occurred_at),
                                          ARRAY['search', 'web/view', 'app/click'], '1 day') AS level
           FROM interactions GROUP BY customer_id) f USING (customer_id) \gset
\if :same
\echo 'funnel_agg: the same level as the hand-written funnel for all' :customers 'customers'
\else
\echo 'funnel_agg DIFFERS from the hand-written funnel'
\quit
\endif
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
       current_setting('work_mem') AS work_mem, current_setting('jit') AS jit,
       current_setting('jit_above_cost') AS jit_above_cost;
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
             (3, 'funnel_agg / count(*) GROUP BY customer', 6, 1, 1.15),
             (4, 'funnel_agg / hand-written funnel', 6, 9, 0.7)) AS c(ord, label, num, den, target)
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

if [ -n "${CXM_BENCH_SERVER:-}" ]; then
    echo "== benchmark: $ROWS touchpoints, $CUSTOMERS customers; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    psql -X -q -c "DROP DATABASE IF EXISTS cxm_bench_journey" -c "CREATE DATABASE cxm_bench_journey"
    psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" -d cxm_bench_journey <<<"$BENCH_SQL" 2>&1
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    psql -X -q -c "DROP DATABASE cxm_bench_journey"
    exit
fi
exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB bash -c '
set -euo pipefail
echo "== benchmark: $ROWS touchpoints, $CUSTOMERS customers"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" <<<"$BENCH_SQL" 2>&1
'
