#!/usr/bin/env bash
# test/bench/clickhouse_journeys.sh: cxm over stored journeys beside ClickHouse over the raw events
# (optional peer benchmark, not part of CI), and refreshing a stored journeys table beside
# rebuilding it. Needs Debian's clickhouse-server and clickhouse-client (installed here when
# missing); the server runs as user clickhouse in a temporary directory on its own ports and is
# stopped by its PID at the end.
#
#   ROWS=3000000 CUSTOMERS=300000 RUNS=3 bash test/bench/clickhouse_journeys.sh
#   (hold the install lock: flock /tmp/cxm-install.lock bash test/bench/clickhouse_journeys.sh)
#
# Data: ROWS touchpoints of CUSTOMERS customers (ids at random), whole-second times, in both
# engines; cxm builds the journeys table once (customer_id primary key), ClickHouse keeps the
# events (MergeTree ORDER BY customer_id). Then 1% new events (ROWS / 100, random customers,
# times overlapping the end of the old ones, so some arrive before a journey's last step).
# Queries, results checked equal between the engines:
#   funnel levels  funnel_level(j, 3 steps, 1 day)      windowFunnel(86400)(at, ...) GROUP BY customer
#   paths          path(j, 'channel', true)            arrayStringConcat(arraySort(groupArray((at, channel))))
#   transitions    transition_table(transition_counts(j))   consecutive distinct channels, pairs counted
# and the refresh (new events grouped with journey_agg, merged with INSERT ... ON CONFLICT DO
# UPDATE SET j = journeys.j || excluded.j; rolled back after each timing) against a rebuild from
# all events into an empty table with the same primary key (checked: refreshed = rebuilt). Both
# tables have the recipe's fillfactor 90; test/bench/journey_refresh.sh measures the refresh
# against CREATE TABLE AS plus the key, per fillfactor and way of merging.
# Timing: PostgreSQL's server-side "Execution Time" (EXPLAIN ANALYZE), ClickHouse's --time;
# RUNS rounds after a warm-up round, the engines and queries interleaved, medians. cxm runs with
# one worker (max_parallel_workers_per_gather = 0) and with two; ClickHouse with max_threads 2 and 1.
# Targets: funnels over stored journeys <= 0.5x ClickHouse windowFunnel (2 threads) on raw events;
# paths <= 0.5x ClickHouse groupArray + arraySort (2 threads); refresh after 1% new events <=
# 0.1x the rebuild. The JIT setting and whether plans were compiled, and the machine's load, are
# printed with the figures.
set -euo pipefail
ROWS=${ROWS:-3000000}
CUSTOMERS=${CUSTOMERS:-300000}
RUNS=${RUNS:-3}
CH_PORT=${CH_PORT:-19000}
[[ $ROWS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: ROWS=n CUSTOMERS=n RUNS=n bash test/bench/clickhouse_journeys.sh" >&2; exit 2; }
export ROWS CUSTOMERS RUNS CH_PORT
cd "$(dirname "$0")/../.."

if [ "${1:-}" != "--inside" ]; then
    . test/prepare.sh
    if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
        $SUDO apt-get update -qq
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
    fi
    work=$(mktemp -d /tmp/cxm-ch-bench.XXXXXX)
    chmod 755 "$work"
    mkdir -p "$work/ch/log" "$work/ch/data"
    cp /etc/clickhouse-server/users.xml "$work/ch/"
    sed -e "s#/var/log/clickhouse-server/#$work/ch/log/#g" -e "s#/var/lib/clickhouse/#$work/ch/data/#g" \
        -e "s#<http_port>8123<#<http_port>$((CH_PORT + 1))<#" -e "s#<tcp_port>9000<#<tcp_port>$CH_PORT<#" \
        -e "s#<interserver_http_port>9009<#<interserver_http_port>$((CH_PORT + 2))<#" -e "/<https_port>/d" \
        /etc/clickhouse-server/config.xml > "$work/ch/config.xml"
    $SUDO chown -R clickhouse: "$work/ch"
    # setpriv execs the server itself, so $! is the server's PID
    (cd "$work/ch" && exec $SUDO setpriv --reuid=clickhouse --regid=clickhouse --init-groups \
        clickhouse-server --config-file="$work/ch/config.xml" >"$work/ch/stdout" 2>&1) &
    ch_pid=$!
    trap '$SUDO kill "$ch_pid" 2>/dev/null; wait "$ch_pid" 2>/dev/null; $SUDO rm -rf "$work"' EXIT
    for _ in $(seq 60); do clickhouse-client --port "$CH_PORT" --query "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
    clickhouse-client --port "$CH_PORT" --query "SELECT 1" >/dev/null
    export WORK=$work
    pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB bash "$0" --inside
    exit
fi

# ---- inside the throwaway PostgreSQL cluster ---------------------------------------------------
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
ch() { clickhouse-client --port "$CH_PORT" "$@"; }
echo "== $ROWS touchpoints of $CUSTOMERS customers, 1% new events, $RUNS rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

psql_q -v rows="$ROWS" -v customers="$CUSTOMERS" <<'SQL'
SET TimeZone = 'UTC';
CREATE EXTENSION cxm;
-- the old events (loaded 2025-02-01) and 1% new ones (loaded 2025-02-02), times in whole
-- seconds; the new ones fall in the last 10% of the old times' span and the 5% after it
CREATE TABLE events AS
    SELECT abs(hashint8(i)) % :customers AS customer_id,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i + 1000000007)) % 6] AS channel,
           (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 2000000011)) % 4] AS action,
           timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 1000000) * interval '1 second' AS at,
           timestamptz '2025-02-01 00:00:00+00' AS loaded_at
    FROM generate_series(1::bigint, :rows) AS i;
INSERT INTO events
    SELECT abs(hashint8(i * 7919)) % :customers,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i + 1000000007)) % 6],
           (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 2000000011)) % 4],
           timestamptz '2025-01-01 00:00:00+00' + (900000 + abs(hashint8(-i)) % 150000) * interval '1 second',
           timestamptz '2025-02-02 00:00:00+00'
    FROM generate_series(:rows + 1::bigint, :rows + :rows / 100) AS i;
CREATE INDEX ON events (loaded_at);
VACUUM ANALYZE events;
-- fillfactor 90 as in the refresh recipe of docs/journeys.md (LIKE does not copy it)
CREATE TABLE journeys (customer_id int8 PRIMARY KEY, j journey NOT NULL) WITH (fillfactor = 90);
CREATE TABLE journeys_rebuilt (LIKE journeys INCLUDING ALL) WITH (fillfactor = 90);
CREATE TABLE build (ms float8);
DO $$
DECLARE plan jsonb;
BEGIN
    EXECUTE $q$EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)
        INSERT INTO journeys SELECT customer_id, journey_agg(touchpoint(channel, action, at))
        FROM events WHERE loaded_at <= '2025-02-01' GROUP BY customer_id$q$ INTO plan;
    INSERT INTO build VALUES ((plan->0->>'Execution Time')::float8);
END $$;
VACUUM ANALYZE journeys;

-- exec_ms(q [, undo]): the server-side execution time of q in ms and the functions JIT compiled
-- (0: not compiled); with undo, q's changes are rolled back (a subtransaction)
CREATE FUNCTION exec_ms(q text, undo boolean DEFAULT false) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    plan jsonb;
    result text;
BEGIN
    BEGIN
        EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
        result := (plan->0->>'Execution Time') || ' ' || coalesce(plan->0->'JIT'->>'Functions', '0');
        IF undo THEN
            RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'undo';
        END IF;
    EXCEPTION WHEN raise_exception THEN
        NULL;
    END;
    RETURN result;
END $$;
CREATE TABLE timing (query text, engine text, run int, ms float8, jit_functions int);
SQL
psql_q -c "\\copy (SELECT customer_id, channel, coalesce(action, ''), extract(epoch FROM at)::bigint FROM events WHERE loaded_at <= '2025-02-01') TO '$WORK/events.csv' (FORMAT csv)"

ch --query "CREATE TABLE cxm_events (customer_id UInt64, channel String, action String, at DateTime) ENGINE = MergeTree ORDER BY customer_id"
ch --query "INSERT INTO cxm_events FORMAT CSV" < "$WORK/events.csv"

# the queries: cxm over the stored journeys, ClickHouse over the raw events
declare -A PG CH
PG[funnel]="SELECT customer_id, funnel_level(j, ARRAY['search', 'web/view', 'app/click'], '1 day') FROM journeys"
CH[funnel]="SELECT customer_id, windowFunnel(86400)(at, channel = 'search', channel = 'web' AND action = 'view', channel = 'app' AND action = 'click') FROM cxm_events GROUP BY customer_id"
PG[path]="SELECT customer_id, path(j, 'channel', true) FROM journeys"
CH[path]="SELECT customer_id, arrayStringConcat(arrayMap(x -> x.2, arraySort(groupArray((at, channel)))), ' > ') FROM cxm_events GROUP BY customer_id"
PG[transitions]="SELECT t.from_step, t.to_step, t.transitions FROM (SELECT transition_counts(j) AS s FROM journeys) x, transition_table(s) t"
CH[transitions]="SELECT b[i] AS from_step, b[i + 1] AS to_step, count() AS transitions FROM (SELECT arrayFilter((x, k) -> k = 1 OR x != a[k - 1], a, arrayEnumerate(a)) AS b FROM (SELECT arrayMap(x -> x.2, arraySort(groupArray((at, channel)))) AS a FROM cxm_events GROUP BY customer_id)) ARRAY JOIN arrayEnumerate(b) AS i WHERE i < length(b) GROUP BY from_step, to_step"
# floor: reading every stored journey (its length), the least any function over them costs
PG[scan]="SELECT customer_id, journey_length(j) FROM journeys"
REFRESH="INSERT INTO journeys AS js (customer_id, j) SELECT customer_id, journey_agg(touchpoint(channel, action, at)) FROM events WHERE loaded_at > '2025-02-01' GROUP BY customer_id ON CONFLICT (customer_id) DO UPDATE SET j = js.j || excluded.j"
REBUILD="INSERT INTO journeys_rebuilt SELECT customer_id, journey_agg(touchpoint(channel, action, at)) FROM events GROUP BY customer_id"

# ---- the same answers ---------------------------------------------------------------------------
check() {  # name, ORDER BY of the cxm query, ORDER BY of the ClickHouse query
    psql -X -q -At -F $'\t' -c "SET TimeZone = 'UTC'" -c "${PG[$1]} ORDER BY $2" > "$WORK/pg_$1.tsv"
    ch --format TSV --query "${CH[$1]} ORDER BY $3" > "$WORK/ch_$1.tsv"
    if cmp -s "$WORK/pg_$1.tsv" "$WORK/ch_$1.tsv"; then
        echo "$1: $(wc -l < "$WORK/pg_$1.tsv") rows, the same in both engines"
    else
        echo "$1: the engines DIFFER ($(diff "$WORK/pg_$1.tsv" "$WORK/ch_$1.tsv" | grep -c '^<' || true) cxm rows not in ClickHouse's answer)"
        diff "$WORK/pg_$1.tsv" "$WORK/ch_$1.tsv" | head -6
        exit 1
    fi
}
check funnel customer_id customer_id
check path customer_id customer_id
check transitions 'from_step COLLATE "C", to_step COLLATE "C"' 'from_step, to_step'
psql_q -At <<SQL
$REFRESH;
$REBUILD;
SELECT 'refresh: ' || count(*) || ' customers, ' ||
       count(*) FILTER (WHERE journey_send(r.j) IS DISTINCT FROM journey_send(b.j)) || ' differ from the rebuild'
FROM journeys r FULL JOIN journeys_rebuilt b USING (customer_id);
SQL
psql_q -At -c "SELECT count(*) FROM journeys r JOIN journeys_rebuilt b USING (customer_id) WHERE journey_send(r.j) IS DISTINCT FROM journey_send(b.j)" \
    | grep -qx 0 || { echo "refresh differs from the rebuild"; exit 1; }
# back to the old journeys for the timings
psql_q -c "TRUNCATE journeys" \
       -c "INSERT INTO journeys SELECT customer_id, journey_agg(touchpoint(channel, action, at)) FROM events WHERE loaded_at <= '2025-02-01' GROUP BY customer_id" \
       -c "TRUNCATE journeys_rebuilt" -c "VACUUM ANALYZE journeys"

# ---- timings, interleaved -----------------------------------------------------------------------
pg_time() {  # query name, engine label, run, workers, sql [, undo]
    local r
    r=$(psql -X -q -At -v ON_ERROR_STOP=1 -c "SET max_parallel_workers_per_gather = $4" \
        -c "SELECT exec_ms(\$bench\$$5\$bench\$, ${6:-false})")
    psql_q -c "INSERT INTO timing VALUES ('$1', '$2', $3, ${r% *}, ${r#* })"
}
ch_time() {  # query name, threads, run
    local s
    s=$( { ch --max_threads "$2" --time --format Null --query "${CH[$1]}" >/dev/null; } 2>&1 )
    psql_q -c "INSERT INTO timing VALUES ('$1', 'ClickHouse, $2 thread$([ "$2" -gt 1 ] && echo s)', $3, $s * 1000, NULL)"
}
for run in $(seq 0 "$RUNS"); do
    for q in funnel path transitions; do
        pg_time "$q" "cxm, 1 worker" "$run" 0 "${PG[$q]}"
        ch_time "$q" 2 "$run"
        pg_time "$q" "cxm, 2 workers" "$run" 2 "${PG[$q]}"
        ch_time "$q" 1 "$run"
    done
    pg_time scan "cxm, 1 worker" "$run" 0 "${PG[scan]}"
    pg_time refresh "cxm" "$run" 0 "$REFRESH" true
    psql_q -c "VACUUM journeys"
    pg_time rebuild "cxm" "$run" 0 "$REBUILD"
    psql_q -c "TRUNCATE journeys_rebuilt"
done

psql_q <<'SQL'
\pset footer off
DELETE FROM timing WHERE run = 0;  -- the warm-up round
CREATE VIEW median AS
SELECT query, engine, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms, max(jit_functions) AS jit
FROM timing GROUP BY query, engine;
\echo
SELECT current_setting('server_version') AS postgresql, current_setting('jit') AS jit,
       current_setting('jit_above_cost') AS jit_above_cost, current_setting('work_mem') AS work_mem;
\echo 'median time of the rounds, ms (cxm: over the stored journeys; ClickHouse: over the raw events)'
SELECT query, engine, round(ms::numeric, 1) AS ms, jit AS "JIT functions",
       to_char(ms / (SELECT ms FROM median c WHERE c.query = m.query AND c.engine = 'ClickHouse, 2 threads'), 'FM990.00') || 'x' AS "vs ClickHouse 2 threads"
FROM median m
ORDER BY array_position(ARRAY['funnel', 'path', 'transitions', 'scan', 'refresh', 'rebuild'], query), engine;
\echo 'targets'
WITH r AS (
    SELECT 'funnel_level over stored journeys / windowFunnel (2 threads)' AS ratio, 0.5 AS target,
           (SELECT ms FROM median WHERE query = 'funnel' AND engine = 'cxm, 1 worker') AS num,
           (SELECT ms FROM median WHERE query = 'funnel' AND engine = 'ClickHouse, 2 threads') AS den, 1 AS ord
    UNION ALL
    SELECT 'path over stored journeys / groupArray + arraySort (2 threads)', 0.5,
           (SELECT ms FROM median WHERE query = 'path' AND engine = 'cxm, 1 worker'),
           (SELECT ms FROM median WHERE query = 'path' AND engine = 'ClickHouse, 2 threads'), 2
    UNION ALL
    SELECT 'refresh after 1% new events / rebuild', 0.1,
           (SELECT ms FROM median WHERE query = 'refresh'), (SELECT ms FROM median WHERE query = 'rebuild'), 3)
SELECT ratio, to_char(num / den, 'FM990.000') || 'x' AS value, '<= ' || target || 'x' AS target,
       CASE WHEN num / den <= target THEN 'met'
            ELSE 'missed: ' || round(num::numeric, 1) || ' ms against ' || round((target * den)::numeric, 1)
                 || ' ms allowed; ' ||
                 CASE WHEN ord < 3 THEN 'reading the stored journeys alone (scan) takes '
                          || round((SELECT ms FROM median WHERE query = 'scan')::numeric, 1) || ' ms'
                      ELSE 'the new events reach ' || (SELECT count(DISTINCT customer_id) FROM events WHERE loaded_at > '2025-02-01')
                          || ' of ' || (SELECT count(*) FROM journeys) || ' journeys, each an index lookup, a merge and a new row version'
                          || ' (test/bench/journey_refresh.sh times PostgreSQL''s upsert of those rows alone)' END
            END AS verdict
FROM r ORDER BY ord;
\echo 'storage'
SELECT count(*) AS journeys, sum(journey_length(j)) AS steps,
       round(avg(pg_column_size(j)), 1) AS "bytes per journey",
       round(sum(pg_column_size(j))::numeric / sum(journey_length(j)), 2) AS "bytes per step (values)",
       pg_size_pretty(pg_relation_size('journeys')) AS "table",
       pg_size_pretty(pg_indexes_size('journeys')) AS "primary key",
       round(pg_total_relation_size('journeys')::numeric / sum(journey_length(j)), 2) AS "bytes per step (table + key)",
       round((SELECT ms FROM build)::numeric, 1) AS "build ms"
FROM journeys;
SQL
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
ch --query "DROP TABLE cxm_events"
