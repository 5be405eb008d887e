#!/usr/bin/env bash
# test/bench/clickhouse_funnel.sh: cxm's funnel_agg beside ClickHouse's windowFunnel on the same
# events (optional peer benchmark, not part of CI). Needs Debian's clickhouse-server and
# clickhouse-client packages (installed here when missing) and runs the server as its own user.
#
#   bash test/bench/clickhouse_funnel.sh [ROWS [CUSTOMERS]]   (default 3000000 rows, 300000 customers)
#
# Both engines get the same events (whole seconds), the funnel search -> web/view -> app/click
# within one day, default mode; the script checks that every customer's level agrees and prints
# the best-of-3 wall times (client-measured, including result transfer) and their ratio.
set -euo pipefail
ROWS=${1:-3000000}
CUSTOMERS=${2:-300000}
export ROWS CUSTOMERS
cd "$(dirname "$0")/../.."
. test/prepare.sh
if ! command -v clickhouse-client >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
fi
if ! clickhouse-client --query "SELECT 1" >/dev/null 2>&1; then
    $SUDO su -s /bin/bash clickhouse -c \
        "clickhouse-server --config-file=/etc/clickhouse-server/config.xml >/tmp/cxm-clickhouse.log 2>&1 &"
    for _ in $(seq 30); do clickhouse-client --query "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
fi
work=$(mktemp -d)
chmod 755 "$work"
export WORK=$work

exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB bash -c '
set -euo pipefail
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" <<SQL
SET TimeZone = '"'"'UTC'"'"';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
CREATE TABLE events AS
    SELECT (i * 104729) % :customers AS customer_id,
           (ARRAY['"'"'web'"'"', '"'"'email'"'"', '"'"'app'"'"', '"'"'search'"'"', '"'"'social'"'"', '"'"'store'"'"'])[1 + abs(hashint8(i)) % 6] AS channel,
           (ARRAY['"'"'view'"'"', '"'"'click'"'"', '"'"'open'"'"', NULL])[1 + abs(hashint8(i + 1000000007)) % 4] AS action,
           timestamptz '"'"'2025-01-01 00:00:00+00'"'"' + (abs(hashint8(-i)) % 1000000) * interval '"'"'1 second'"'"' AS at
    FROM generate_series(1::bigint, :rows) AS i;
VACUUM ANALYZE events;
\copy (SELECT customer_id, channel, coalesce(action, '"'"''"'"'), extract(epoch FROM at)::bigint FROM events) TO '"'"'$WORK/events.csv'"'"' (FORMAT csv)
SQL
clickhouse-client --query "DROP TABLE IF EXISTS cxm_events"
clickhouse-client --query "CREATE TABLE cxm_events (customer_id UInt32, channel String, action String, at DateTime) ENGINE = MergeTree ORDER BY customer_id"
clickhouse-client --query "INSERT INTO cxm_events FORMAT CSV" < "$WORK/events.csv"
ch_query="SELECT customer_id, windowFunnel(86400)(at, channel = '"'"'search'"'"', channel = '"'"'web'"'"' AND action = '"'"'view'"'"', channel = '"'"'app'"'"' AND action = '"'"'click'"'"') AS level FROM cxm_events GROUP BY customer_id ORDER BY customer_id"
pg_query="SELECT customer_id, funnel_agg(touchpoint(channel, action, at), ARRAY['"'"'search'"'"', '"'"'web/view'"'"', '"'"'app/click'"'"'], '"'"'1 day'"'"') AS level FROM events GROUP BY customer_id ORDER BY customer_id"
best() {  # best of 3 wall-clock seconds of a command
    local b=999999 t s e
    for _ in 1 2 3; do
        s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc); b=$(echo "if ($t < $b) $t else $b" | bc)
    done
    echo "$b"
}
clickhouse-client --query "$ch_query" --format TSV > "$WORK/ch.tsv"
psql -X -q -At -F $'"'"'\t'"'"' -c "$pg_query" > "$WORK/pg.tsv"
# ClickHouse leaves out customers with no matching event only if they have no rows at all; both list every customer
differ=$(diff "$WORK/ch.tsv" "$WORK/pg.tsv" | grep -c "^<" || true)
ch=$(best clickhouse-client --query "$ch_query" --format Null)
pg=$(best psql -X -q -o /dev/null -c "SET max_parallel_workers_per_gather = 0" -c "$pg_query")
echo "customers: $(wc -l < "$WORK/pg.tsv"), levels that differ: $differ"
echo "level distribution (cxm):"; cut -f2 "$WORK/pg.tsv" | sort | uniq -c
printf "ClickHouse %s windowFunnel: %.3f s   cxm funnel_agg (1 worker): %.3f s   cxm / ClickHouse: %.2fx\n" \
    "$(clickhouse-client --query "SELECT version()")" "$ch" "$pg" "$(echo "$pg / $ch" | bc -l)"
clickhouse-client --query "DROP TABLE cxm_events"
[ "$differ" -eq 0 ]
'
