#!/usr/bin/env bash
# test/cases/srf_memory.sh: a set-returning function called once per row keeps nothing from one
# call to the next. Each of them runs over N and then 4N rows, called from a LATERAL join and
# from a select list, each run in a fresh backend; the backend's peak memory (VmHWM, read by the
# backend itself from /proc/self/status before and after the query) may not grow by more than
# CXM_SRF_BOUND_KB between the two runs. Keeping 0.5 KB per call, as the result descriptor built
# on every call did, grows it by 3N * 0.5 KB (30 MB for N = 20,000).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_srf_memory_test
n=${CXM_SRF_ROWS:-20000}
bound_kb=${CXM_SRF_BOUND_KB:-3072}
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION cxm'

# Each argument varies with the row (g), so that no cache can answer for the function, and is
# built from text in the row's own memory.
journey="format('{\"version\": 1, \"steps\": [\"a@2025-01-01 00:00:00+00\", \"b/x@2025-01-02 00:00:00+00\", \"c@2025-01-03 00:00:00+00\", \"a/y@2025-01-%s 00:00:00+00\"]}', 10 + g % 10)::journey"
summary="format('{\"version\": 1, \"label\": \"channel\", \"markers\": 0, \"from\": [\"a\", \"b\"], \"to\": [\"b\", \"c\"], \"counts\": [%s, 2]}', g)::transition_summary"
markov="format('{\"version\": 1, \"channels\": [\"a\", \"b\", \"c\"], \"journeys\": 2, \"conversions\": 1, \"value\": %s, \"from\": [\"@start\", \"@start\", \"a\", \"b\", \"c\", \"c\"], \"to\": [\"a\", \"b\", \"b\", \"c\", \"@conversion\", \"@null\"], \"counts\": [1, 1, 1, 2, 1, 1]}', g)::markov_model"
shapley="format('{\"version\": 1, \"channels\": [\"a\", \"b\", \"c\"], \"sets\": [6, 7], \"journeys\": [1, 1], \"conversions\": [0, 1], \"values\": [0, %s]}', g)::shapley_model"
set="format('{\"version\": 1, \"start\": \"2025-01-01 00:00:00+00\", \"period_days\": 7, \"time_zone\": \"Etc/UTC\", \"as_of\": \"2025-03-01 00:00:00+00\", \"periods\": 8, \"active\": [0, %s]}', 1 + g % 7)::activity_set"
asum="format('{\"version\": 1, \"period_days\": 7, \"time_zone\": \"Etc/UTC\", \"sets\": 2, \"start\": \"2025-01-%s 00:00:00+00\", \"customers\": [2, 2, 2, 2, 2, 2, 2, 2], \"active\": [1, 1, 1, 0, 0, 0, 0, 0], \"new\": [1, 1, 0, 0, 0, 0, 0, 0], \"returning\": [0, 0, 0, 0, 0, 0, 0, 0], \"resurrecting\": [0, 0, 1, 0, 0, 0, 0, 0], \"dormant\": [0, 1, 1, 1, 0, 0, 0, 0]}', 10 + g % 10)::activity_summary"
calls=(
    "steps($journey)"
    "sessions($journey, '1 day')"
    "transitions($journey)"
    "transitions($journey, 'channel/action', true)"
    "attribute($journey, 'linear')"
    "attribute($journey, 'time_decay', 100, 'channel/action', '30 days', 'first', '3 days')"
    "transition_table($summary)"
    "attribution_table($markov)"
    "attribution_table($shapley)"
    "lifecycle_states($set)"
    "retention_table($asum)"
    "churn_table($asum)"
    "lifecycle_table($asum)"
)

# peak_growth ROWS FORM CALL: VmHWM after the query minus VmHWM before it, in kB, and the time
peak_growth() {
    local rows=$1 form=$2 call=$3 query
    if [ "$form" = lateral ]; then
        query="SELECT count(*) FROM (SELECT generate_series(1, $rows) AS g) s, LATERAL $call AS f"
    else
        query="SELECT count(*) FROM (SELECT $call FROM (SELECT generate_series(1, $rows) AS g) s) f"
    fi
    psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<SQL
SET enable_memoize = off;
SET jit = off;  -- compiling the query would add tens of MB at the larger row count
CREATE FUNCTION pg_temp.peak_kb() RETURNS int8 LANGUAGE sql
    AS \$\$ SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s*(\d+)')::int8 \$\$;
${query/$rows/2} \\g /dev/null
SELECT pg_temp.peak_kb() AS before \\gset
SELECT clock_timestamp() AS started \\gset
$query \\g /dev/null
SELECT (pg_temp.peak_kb() - :before) || ' ' || round(extract(epoch FROM clock_timestamp() - :'started')::numeric, 2);
SQL
}

failed=0
for call in "${calls[@]}"; do
    name=${call%%(*}
    case $call in
        *"'channel/action'"*|*time_decay*) name="$name (options)";;
        *markov_model*) name="$name (markov)";;
        *shapley_model*) name="$name (shapley)";;
    esac
    for form in lateral select; do
        read -r small small_s < <(peak_growth "$n" "$form" "$call")
        read -r large large_s < <(peak_growth "$((4 * n))" "$form" "$call")
        verdict=ok
        if [ "$((large - small))" -gt "$bound_kb" ]; then verdict=FAILED; failed=1; fi
        printf '%-28s %-7s peak growth %6d kB over %d calls, %6d kB over %d (%ss, %ss): %s\n' \
            "$name" "$form" "$small" "$n" "$large" "$((4 * n))" "$small_s" "$large_s" "$verdict"
    done
done
[ "$failed" = 0 ] || { echo "set-returning functions' memory grows with the number of calls: FAILED"; exit 1; }
echo "set-returning functions' memory bounded per call: ok"
