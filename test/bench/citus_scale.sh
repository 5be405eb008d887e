#!/usr/bin/env bash
# test/bench/citus_scale.sh: cxm at scale on one node against a 2-worker Citus cluster, same data.
# Starts the throwaway cluster of test/citus_cluster.sh (coordinator + 2 workers on loopback, 32
# shards); the "local" side is plain tables on the coordinator (a single PostgreSQL node, parallel
# query at its defaults), the Citus side the same rows in tables distributed by customer_id.
#
#   SURVEY_ROWS=10000000 TOUCHPOINTS=3000000 RUNS=3 bash test/bench/citus_scale.sh
#
# Knobs (environment): SURVEY_ROWS (survey answers, default 10M, of SURVEY_ROWS/10 customers),
# TOUCHPOINTS (default 3M), CUSTOMERS (of the touchpoints, default TOUCHPOINTS/10; the orders for
# rfm_summary and bgnbd_fit are the CDNOW sample's repeated to as many customers), RUNS (timed
# rounds, default 3), ONLY (a regular expression: only the queries whose label matches).
# Keys are random (random(), seeded). Every node runs with shared_buffers 2GB and work_mem 256MB
# (the data and every hash table in memory). Run it with the cxm under test installed.
#
# Queries: nps_agg ungrouped and by month (a non-distribution column) beside count(score);
# per customer on the workers then rolled up: journey_path counted by path, funnel_agg counted by
# level, activity_periods -> activity_summary by region, beside count(*) per customer counted by
# count; grouped straight by region (partial aggregates through Citus's worker_partial_agg, which
# sets the transition function up again for every row): activity_periods with a time zone and
# funnel_agg beside max(touchpoint) (same wrapper, no cache) and count(*) (no wrapper); the BG/NBD
# fit in two steps: rfm_summary per customer into a table (distributed and co-located on Citus),
# then bgnbd_fit over it.
#
# Timing: psql's \timing in one session (wall time of each statement, planning and, on Citus,
# connections to the workers included), local and Citus runs of each query back to back, the
# queries interleaved in each round; one untimed round first, which checks that both sides
# give the same answer (md5 of the sorted text of the result rows); then the median of RUNS
# rounds and the ratio Citus/local. Then one more run of each Citus query with every node
# logging each statement's duration: the time from the query's start until the last shard query
# on the workers finished, and the coordinator's time after that (its combine and final step).
# Prints the JIT setting and the load (uptime) before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
SURVEY_ROWS=${SURVEY_ROWS:-10000000}
TOUCHPOINTS=${TOUCHPOINTS:-3000000}
CUSTOMERS=${CUSTOMERS:-$((TOUCHPOINTS / 10))}
RUNS=${RUNS:-3}
for v in SURVEY_ROWS TOUCHPOINTS CUSTOMERS RUNS; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "$v must be a positive integer" >&2; exit 2; }
done
SURVEY_CUSTOMERS=$(( SURVEY_ROWS / 10 > 0 ? SURVEY_ROWS / 10 : 1 ))
. test/citus_cluster.sh

# every table in memory on every node, every hash aggregation too (as a server for analytics is set)
for n in "${nodes[@]}"; do
    q "$n" -c "ALTER SYSTEM SET shared_buffers = '2GB'" -c "ALTER SYSTEM SET work_mem = '256MB'"
    as_owner "$bindir/pg_ctl" -D "$work/$n" -l "$work/$n.log" -w restart >/dev/null
done

echo "load before: $(uptime)"
echo "PostgreSQL $(q coordinator -c 'SHOW server_version'), Citus $(q coordinator -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'"), $(nproc) cores"
for n in "${nodes[@]}"; do
    echo "$n: jit $(q "$n" -c 'SHOW jit'), max_parallel_workers_per_gather $(q "$n" -c 'SHOW max_parallel_workers_per_gather'), shared_buffers $(q "$n" -c 'SHOW shared_buffers'), work_mem $(q "$n" -c 'SHOW work_mem')"
done

load_start=$SECONDS
q coordinator <<SQL
SET citus.shard_count = 32;
SELECT setseed(0.19);
CREATE TABLE l_answers AS
SELECT (1 + floor(random() * $SURVEY_CUSTOMERS))::int8 AS customer_id,
       (date '2025-01-01' + floor(random() * 12)::int * interval '1 month')::date AS month,
       floor(random() * 11)::int4 AS score
FROM generate_series(1, $SURVEY_ROWS);
CREATE TABLE l_touches AS
SELECT c AS customer_id, 'r' || (c % 8) AS region, channel, action, at
FROM (SELECT (1 + floor(random() * $CUSTOMERS))::int8 AS c,
             (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + floor(random() * 6)::int] AS channel,
             (ARRAY['view', 'click', 'open', 'purchase'])[1 + floor(random() * 4)::int] AS action,
             timestamptz '2025-01-01' + random() * interval '90 days' AS at
      FROM generate_series(1, $TOUCHPOINTS)) s;
-- purchases the BG/NBD model fits: the CDNOW sample's (2,357 customers, 6,919 orders) repeated
-- to CUSTOMERS customers, each copy on its own random-looking key and shifted by 0 to 27 days
CREATE TEMP TABLE raw (line text);
\copy raw FROM 'test/data/cdnow/CDNOW_sample.txt'
CREATE TEMP TABLE cdnow AS
SELECT f[2]::int AS id, to_date(f[3], 'YYYYMMDD')::timestamptz AS ordered_at, f[5]::numeric AS amount
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), ' +') AS f FROM raw) r;
CREATE TABLE l_orders AS
SELECT (n * 2654435761) % 4294967311 AS customer_id, ordered_at - (n % 28) * interval '1 day' AS ordered_at, amount
FROM (SELECT (k - 1) * 2357 + id AS n, ordered_at, amount
      FROM cdnow, generate_series(1, ($CUSTOMERS + 2356) / 2357) k) s;
CREATE TABLE l_rfm (customer_id int8, frequency float8, recency float8, age float8, monetary numeric);

CREATE TABLE d_answers (LIKE l_answers);
CREATE TABLE d_touches (LIKE l_touches);
CREATE TABLE d_orders (LIKE l_orders);
CREATE TABLE d_rfm (LIKE l_rfm);
SELECT FROM create_distributed_table('d_answers', 'customer_id');
SELECT FROM create_distributed_table('d_touches', 'customer_id', colocate_with := 'd_answers');
SELECT FROM create_distributed_table('d_orders', 'customer_id', colocate_with := 'd_answers');
SELECT FROM create_distributed_table('d_rfm', 'customer_id', colocate_with := 'd_answers');
INSERT INTO d_answers SELECT * FROM l_answers;
INSERT INTO d_touches SELECT * FROM l_touches;
INSERT INTO d_orders SELECT * FROM l_orders;
VACUUM ANALYZE l_answers, l_touches, l_orders, d_answers, d_touches, d_orders;
SQL
echo "loaded in $((SECONDS - load_start)) s"
echo "data: $SURVEY_ROWS survey answers of $SURVEY_CUSTOMERS customers; $TOUCHPOINTS touchpoints of $CUSTOMERS customers; $(q coordinator -c 'SELECT count(*) FROM l_orders') orders of $(q coordinator -c 'SELECT count(DISTINCT customer_id) FROM l_orders') customers (CDNOW repeated)"

# The queries: label, then the SQL with %s where the table's prefix goes (l_ local, d_ Citus),
# then (optional) a statement to run untimed before each run of it.
labels=() sqls=() setups=()
add() { labels+=("$1"); sqls+=("$2"); setups+=("${3:-}"); }
add "count(score)" "SELECT count(score) FROM %sanswers"
add "nps_agg(score)" "SELECT nps_agg(score) FROM %sanswers"
add "count(score) by month" "SELECT month, count(score) FROM %sanswers GROUP BY month"
add "nps_agg(score) by month" "SELECT month, nps_agg(score) FROM %sanswers GROUP BY month"
add "per customer: count(*), counted by count" \
    "SELECT n, count(*) FROM (SELECT customer_id, count(*) AS n FROM %stouches GROUP BY customer_id) s GROUP BY n"
add "per customer: journey_path (4 steps), counted by path" \
    "SELECT path, count(*) FROM (SELECT customer_id, journey_path(touchpoint(channel, at), 'channel', false, 4) AS path FROM %stouches GROUP BY customer_id) s GROUP BY path"
add "per customer: funnel_agg, counted by level" \
    "SELECT level, count(*) FROM (SELECT customer_id, funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/view', 'app/click'], '1 day') AS level FROM %stouches GROUP BY customer_id) s GROUP BY level"
add "per customer: activity_periods (Europe/Paris) -> activity_summary by region" \
    "SELECT region, activity_summary(a) FROM (SELECT customer_id, region, activity_periods(at, '2025-01-01', '1 week', '2025-04-01', 'Europe/Paris') AS a FROM %stouches GROUP BY customer_id, region) s GROUP BY region"
add "by region: count(*)" "SELECT region, count(*) FROM %stouches GROUP BY region"
add "by region: max(touchpoint(channel, action, at))" \
    "SELECT region, max(touchpoint(channel, action, at)) FROM %stouches GROUP BY region"
add "by region: activity_periods (Europe/Paris)" \
    "SELECT region, activity_periods(at, '2025-01-01', '1 week', '2025-04-01', 'Europe/Paris') FROM %stouches GROUP BY region"
add "by region: funnel_agg" \
    "SELECT region, funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/view', 'app/click'], '1 day') FROM %stouches GROUP BY region"
add "step 1: rfm_summary per customer into a table" \
    "INSERT INTO %srfm SELECT customer_id, (rfm_summary(ordered_at, amount, '1997-09-30', '1 day', '1 week')).* FROM %sorders GROUP BY customer_id" \
    "TRUNCATE %srfm"
add "step 2: bgnbd_fit over the table" "SELECT bgnbd_fit(frequency, recency, age) FROM %srfm"
# ONLY (an extended regular expression) keeps the queries whose label matches it
if [ -n "${ONLY:-}" ]; then
    kl=() ks=() ku=()
    for ((i = 0; i < ${#labels[@]}; i++)); do
        if [[ ${labels[i]} =~ $ONLY ]]; then kl+=("${labels[i]}"); ks+=("${sqls[i]}"); ku+=("${setups[i]}"); fi
    done
    labels=("${kl[@]}") sqls=("${ks[@]}") setups=("${ku[@]}")
fi
nq=${#labels[@]}

sql_of() { local s=${2//%s/$1}; echo "$s"; }   # sql_of PREFIX TEMPLATE

# one session: markers, then the statement; \timing prints "Time: x ms" after each statement
script=$(mktemp)
{
    echo '\timing on'
    echo '\o /dev/null'
    echo "SET TimeZone = 'UTC';"
    for ((run = 0; run <= RUNS; run++)); do
        for ((i = 0; i < nq; i++)); do
            for side in l d; do
                if [ -n "${setups[i]}" ]; then echo "$(sql_of ${side}_ "${setups[i]}");"; fi
                if [ $run -eq 0 ]; then
                    # the untimed round: the answer's checksum (the table written, for step 1)
                    if [[ ${sqls[i]} == INSERT* ]]; then
                        echo "$(sql_of ${side}_ "${sqls[i]}");"
                        check="SELECT * FROM ${side}_rfm"
                    else
                        check=$(sql_of ${side}_ "${sqls[i]}")
                    fi
                    echo "\\echo CHECK $i $side"
                    echo '\o'
                    echo "SELECT md5(string_agg(x::text, E'\\n' ORDER BY x::text)) FROM ($check) x;"
                    echo '\o /dev/null'
                else
                    echo "\\echo TIME $run $i $side"
                    echo "$(sql_of ${side}_ "${sqls[i]}");"
                fi
            done
        done
    done
} >"$script"
bench_start=$SECONDS
if ! out=$(q coordinator -f "$script" 2>&1); then
    echo "$out" | grep -v '^Time:' | tail -5; echo "FAILED: a query failed"; exit 1
fi
rm -f "$script"
echo "timed runs in $((SECONDS - bench_start)) s"

# CHECK i side / md5 / Time, and TIME run i side / Time: into "i side value" lines
parsed=$(echo "$out" | awk '
    /^CHECK / { mode = "check"; key = $2 " " $3; next }
    /^TIME /  { mode = "time"; key = $3 " " $4; next }
    /^Time: / { if (mode == "time" && key != "") { print "T " key " " $2; key = "" } next }
    /^[0-9a-f]+$/ && length($1) == 32 { if (mode == "check" && key != "") { print "C " key " " $1; key = "" } next }
    { print "OTHER " $0 }')
if echo "$parsed" | grep -q '^OTHER'; then
    echo "$parsed" | grep '^OTHER' | head -20
    echo "FAILED: unexpected output"; exit 1
fi
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
failed=0
printf '\n%-78s %11s %11s %7s\n' "query (median of $RUNS runs)" "local ms" "Citus ms" "ratio"
for ((i = 0; i < nq; i++)); do
    cl=$(echo "$parsed" | awk -v i=$i '$1 == "C" && $2 == i && $3 == "l" { print $4 }')
    cd_=$(echo "$parsed" | awk -v i=$i '$1 == "C" && $2 == i && $3 == "d" { print $4 }')
    lm=$(echo "$parsed" | awk -v i=$i '$1 == "T" && $2 == i && $3 == "l" { print $4 }' | median)
    dm=$(echo "$parsed" | awk -v i=$i '$1 == "T" && $2 == i && $3 == "d" { print $4 }' | median)
    same="same result"
    if [ -z "$cl" ] || [ "$cl" != "$cd_" ]; then same="DIFFERENT RESULTS ($cl / $cd_)"; failed=1; fi
    printf '%-78s %11.1f %11.1f %7.2f  %s\n' "${labels[i]}" "$lm" "$dm" "$(echo "$dm / $lm" | bc -l)" "$same"
done

# Where the time goes on Citus, one run of each query with every statement's duration logged
# on every node (EXPLAIN ANALYZE cannot show it: Citus fails to explain a worker_partial_agg
# query, whose partial result is a cstring): from the coordinator's start to the end of the last
# shard query on the workers (planning, connections, the shard queries running in parallel),
# then the coordinator alone to the end (receiving the last rows, combine and final functions);
# and the longest single shard query.
for n in "${nodes[@]}"; do
    q "$n" -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET log_line_prefix = '%n [%p] '" \
        -c "SELECT pg_reload_conf()" >/dev/null
done
sleep 1
# new_durations NODE OFFSET [TEXT]: "end_epoch_seconds duration_ms" of each statement logged
# since byte OFFSET (whose first line holds TEXT)
new_durations() {
    tail -c +"$(($2 + 1))" "$work/$1.log" | grep -F -- " duration: " | grep -F -- "${3:-}" | awk '{
        for (f = 1; f < NF; f++) if ($f == "duration:") { print $1, $(f + 1); break } }'
}
printf '\n%-78s %9s %13s %13s %13s\n' "Citus query (one run, statements logged)" "total ms" "shards done" "coord after" "longest shard"
for ((i = 0; i < nq; i++)); do
    if [ -n "${setups[i]}" ]; then q coordinator -c "$(sql_of d_ "${setups[i]}")" >/dev/null; fi
    sql=$(sql_of d_ "${sqls[i]}")
    declare -A off
    for n in "${nodes[@]}"; do off[$n]=$(stat -c %s "$work/$n.log"); done
    q coordinator -c "SET TimeZone = 'UTC'" -c "$sql" >/dev/null
    coord=$(new_durations coordinator "${off[coordinator]}" "statement: ${sql:0:60}" | tail -n 1)
    [ -n "$coord" ] || { echo "${labels[i]}: the coordinator logged no duration"; continue; }
    # the shard queries: what the workers ran while the query ran
    { new_durations worker1 "${off[worker1]}"; new_durations worker2 "${off[worker2]}"; } |
        awk -v label="${labels[i]}" -v coord="$coord" 'BEGIN { split(coord, c, " "); end_c = c[1]; dur = c[2]; start_c = end_c - dur / 1000 }
            $1 >= start_c - 0.002 && $1 <= end_c + 0.002 { if ($1 > last) last = $1; if ($2 > longest) longest = $2 }
            END { printf "%-78s %9.1f %13.1f %13.1f %13.1f\n", label, dur, (last - start_c) * 1000, (end_c - last) * 1000, longest }'
done
echo
echo "load after: $(uptime)"
[ $failed -eq 0 ] || { echo "FAILED: results differ"; exit 1; }
