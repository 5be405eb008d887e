#!/usr/bin/env bash
# test/bench/journey_memory.sh: working memory of the journey aggregates against count(*) and
# against the stored size of the steps, single worker.
#
#   bash test/bench/journey_memory.sh [ROWS [CUSTOMERS [ONE_GROUP]]]
#       (default 3000000 touchpoints, 300000 customers, one group of 3000000 touchpoints)
#
# 1. GROUP BY customer: the hash aggregation's "Peak Memory Usage" (work_mem 2GB, so nothing
#    spills) of count(*), journey_agg, journey_path and funnel_agg, customers at random; each as a
#    ratio to count(*)'s and as bytes per customer over count(*)'s, beside the stored journeys'
#    bytes per customer; then journey_agg's ratio against the target (at most 2x count(*)'s).
# 2. One group of ONE_GROUP touchpoints (cxm.max_journey_steps raised): the backend's peak
#    resident memory (VmHWM) above a fresh connection's, per touchpoint, for count(*) and each
#    aggregate, beside the stored (uncompressed) journey's bytes per step.
# Journeys are stored uncompressed (STORAGE external) so that their size is their steps'.
set -euo pipefail
ROWS=${1:-3000000}
CUSTOMERS=${2:-300000}
ONE_GROUP=${3:-3000000}
[[ $ROWS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ && $ONE_GROUP =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: bash test/bench/journey_memory.sh [ROWS [CUSTOMERS [ONE_GROUP]]]" >&2; exit 2; }
export ROWS CUSTOMERS ONE_GROUP
cd "$(dirname "$0")/../.."
if [ -z "${CXM_BENCH_IN_CLUSTER:-}" ]; then
    . test/prepare.sh
    CXM_BENCH_IN_CLUSTER=1 exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=2GB \
        bash "$0" "$ROWS" "$CUSTOMERS" "$ONE_GROUP"
fi

# inside the throwaway cluster
export PGOPTIONS="-c max_parallel_workers_per_gather=0 -c cxm.max_journey_steps=10000000 -c jit=off -c work_mem=2GB"
echo "== journey memory: $ROWS touchpoints of $CUSTOMERS customers; one group of $ONE_GROUP"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" -v one="$ONE_GROUP" <<'SQL'
CREATE EXTENSION cxm;
-- the touchpoints of test/bench/journey.sh: six channels, three actions or none, random times
CREATE FUNCTION touchpoints(n bigint) RETURNS TABLE (i bigint, tp touchpoint) LANGUAGE sql AS $$
    SELECT i, touchpoint((ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i)) % 6],
                         (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 1000000007)) % 4],
                         timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 1000000) * interval '1 second')
    FROM generate_series(1::bigint, n) AS i $$;
-- random customer keys: journeys of about ROWS / CUSTOMERS steps, some shorter, some longer
CREATE TABLE interactions AS SELECT abs(hashint8(i + 2000000011)) % :customers AS customer_id, tp FROM touchpoints(:rows);
CREATE TABLE one_group AS SELECT tp FROM touchpoints(:one);
VACUUM ANALYZE interactions, one_group;

CREATE FUNCTION hash_memory_kb(agg text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE plan jsonb;
BEGIN
    EXECUTE format('EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT customer_id, %s FROM interactions GROUP BY customer_id', agg)
        INTO plan;
    RETURN jsonb_path_query_first(plan, '$.**."Peak Memory Usage"')::bigint;
END $f$;
CREATE TABLE grouped (ord int, aggregate text, kb bigint);
INSERT INTO grouped VALUES
    (1, 'count(*)', hash_memory_kb('count(*)')),
    (2, 'journey_agg(tp)', hash_memory_kb('journey_agg(tp)')),
    (3, 'journey_path(tp)', hash_memory_kb('journey_path(tp)')),
    (4, 'funnel_agg(tp, 3 steps)', hash_memory_kb($q$funnel_agg(tp, ARRAY['search', 'web/view', 'app/click'], '1 day')$q$)),
    (5, 'funnel_agg(tp, 3 wildcard steps)', hash_memory_kb($q$funnel_agg(tp, ARRAY['*', '*/view', '*'], '1 day')$q$));
-- journeys stored uncompressed: their size is what their steps take
CREATE TABLE stored (customer_id bigint, j journey);
ALTER TABLE stored ALTER j SET STORAGE external;
INSERT INTO stored SELECT customer_id, journey_agg(tp) FROM interactions GROUP BY customer_id;

\echo
\echo GROUP BY customer: hash aggregation peak memory (work_mem 2GB)
SELECT g.aggregate, g.kb AS "peak kB",
       to_char(g.kb::numeric / c.kb, 'FM990.00') || 'x' AS "vs count(*)",
       round((g.kb - c.kb) * 1024.0 / (SELECT count(*) FROM stored)) AS "bytes per customer over count(*)",
       (SELECT round(avg(pg_column_size(j))) FROM stored) AS "stored journey bytes per customer"
FROM grouped g CROSS JOIN (SELECT kb FROM grouped WHERE ord = 1) c ORDER BY g.ord;
SELECT 'journey_agg / count(*) memory' AS ratio,
       to_char((SELECT kb FROM grouped WHERE ord = 2)::numeric / (SELECT kb FROM grouped WHERE ord = 1), 'FM990.00') || 'x' AS value,
       '<= 2.00x' AS target,
       CASE WHEN (SELECT kb FROM grouped WHERE ord = 2) <= 2 * (SELECT kb FROM grouped WHERE ord = 1)
            THEN 'met' ELSE 'missed' END AS verdict;
CREATE TABLE one_stored (j journey);
ALTER TABLE one_stored ALTER j SET STORAGE external;
INSERT INTO one_stored SELECT journey_agg(tp) FROM one_group;
SQL

# peak resident memory (kB) of a fresh backend that ran one statement
hwm_kb() {
    psql -X -q -At -v ON_ERROR_STOP=1 -c "$1" \
         -c "SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s+(\d+)')" | tail -1
}
idle=$(hwm_kb "SELECT 1")
stored=$(psql -X -q -At -c "SELECT round(pg_column_size(j)::numeric / $ONE_GROUP, 1) FROM one_stored")
echo
echo "one group of $ONE_GROUP touchpoints: backend peak memory above an idle backend's ($idle kB);"
echo "the stored journey takes $stored bytes per step (uncompressed)"
printf "%-40s %10s %18s\n" aggregate "peak kB" "bytes per touchpoint"
for agg in "count(*)" "journey_agg(tp)" "journey_path(tp)" \
           "funnel_agg(tp, ARRAY['search', 'web/view', 'app/click'], '1 day')" \
           "funnel_agg(tp, ARRAY['*', '*/view', '*'], '1 day')"; do
    kb=$(hwm_kb "SELECT $agg IS NULL FROM one_group")
    printf "%-40s %10d %18s\n" "${agg:0:40}" $((kb - idle)) "$(awk -v k=$((kb - idle)) -v n="$ONE_GROUP" 'BEGIN { printf "%.1f", k * 1024 / n }')"
done
