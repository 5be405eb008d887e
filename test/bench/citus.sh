#!/usr/bin/env bash
# test/bench/citus.sh: funnel_agg and activity_periods with a time zone through Citus (32 shards
# on two workers of a throwaway cluster, grouped by region: partial aggregates on the workers
# combined on the coordinator) against the same query on a local copy of the table; max of
# touchpoints, which keeps no cache, is the baseline. Prints the
# median of 5 runs of each and the ratio. CUSTOMERS and EVENTS_PER_CUSTOMER set the data size.
set -euo pipefail
cd "$(dirname "$0")/../.."
customers=${CUSTOMERS:-20000}
per=${EVENTS_PER_CUSTOMER:-25}
. test/citus_cluster.sh

q coordinator <<SQL
SET citus.shard_count = 32;
CREATE TABLE l_touches AS
SELECT c::int8 AS customer_id, 'r' || (c % 4) AS region,
       (ARRAY['web', 'email', 'search', 'store', 'ads'])[1 + (c * 7 + i * 3) % 5] AS channel,
       (ARRAY['view', 'click', 'purchase'])[1 + (c + i) % 3] AS action,
       timestamptz '2025-01-01' + ((c * 37 + i * 11) % 4000) * interval '17 minutes' AS at
FROM generate_series(1, $customers) c, generate_series(1, $per) i;
CREATE TABLE d_touches (LIKE l_touches);
SELECT FROM create_distributed_table('d_touches', 'customer_id');
INSERT INTO d_touches SELECT * FROM l_touches;
VACUUM ANALYZE l_touches; VACUUM ANALYZE d_touches;
SQL
echo "data: $customers customers, $((customers * per)) touchpoints"

# median of 5 runs (after one warm-up) in milliseconds, from psql's \timing
median_ms() {
    local sql=$1
    { echo '\timing on'; for _ in 1 2 3 4 5 6; do echo "$sql"; done; } |
        q coordinator -o /dev/null 2>&1 | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | tail -n 5 | sort -g | sed -n 3p
}
for name in funnel_agg activity_periods_tz activity_periods max_touchpoint; do
    case $name in
    funnel_agg) call="funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/view', 'store'], '3 days')" ;;
    activity_periods_tz) call="activity_periods(at, '2025-01-01', '1 week', '2025-03-01', 'Europe/Paris')" ;;
    activity_periods) call="activity_periods(at, '2025-01-01', '1 week', '2025-03-01')" ;;
    max_touchpoint) call="max(touchpoint(channel, action, at))" ;;  # no cache: the baseline
    esac
    for grouping in region customer_id; do
        local_ms=$(median_ms "SELECT $grouping, $call FROM l_touches GROUP BY $grouping;")
        citus_ms=$(median_ms "SELECT $grouping, $call FROM d_touches GROUP BY $grouping;")
        echo "$name by $grouping: local $local_ms ms, Citus $citus_ms ms, ratio $(echo "scale=2; $citus_ms / $local_ms" | bc)"
    done
done
