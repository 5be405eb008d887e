#!/usr/bin/env bash
# test/cases/cancel_latency.sh: every operation over a long journey answers a cancel promptly.
# One journey of CXM_CANCEL_STEPS touchpoints (2,000,000 by default; cxm.max_journey_steps
# raised) is built once; then each operation on it runs under statement_timeout and must end
# with SQLSTATE 57014 less than a second after the timeout, beyond what a cancel costs without
# cxm (pg_sleep under the same timeout: psql start and connection, about 100 ms on an idle
# machine). On a loaded machine everything runs slower, PostgreSQL's own uninterruptible work
# too (reading the journey, receiving a COPY row), so the second is scaled by pg_sleep's latency
# over 100 ms; an operation over the bound is measured once more (a load spike), and fails when
# it is over again. Prints each measured latency (wall time minus the timeout, psql start
# included).
# The journey_agg and funnel_agg finals (sorting the steps) are reached by timeouts at fractions
# of the uninterrupted run: 50, 70 and 90% of it.
set -euo pipefail
db=cxm_cancel
steps=${CXM_CANCEL_STEPS:-2000000}
timeout_ms=200
bound_ms=1000
work=$(mktemp -d)
trap 'dropdb --if-exists "$db"; rm -rf "$work"' EXIT
dropdb --if-exists "$db"
createdb "$db"
export PGOPTIONS="${PGOPTIONS:-} -c cxm.max_journey_steps=10000000"

psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION cxm;
SET max_parallel_workers_per_gather = 0;
-- touchpoints in random time order, five channels, some with actions
CREATE TABLE tps AS
SELECT touchpoint((ARRAY['web','email','search','app','store'])[1 + i % 5],
                  CASE WHEN i % 3 = 0 THEN 'view' END,
                  timestamptz '2025-01-01 00:00:00+00' + ((i::int8 * 7919) % $steps) * interval '1 second') AS tp
FROM generate_series(1, $steps) AS i;
CREATE TABLE big AS SELECT journey_agg(tp) AS j FROM tps;
CREATE TABLE big_text AS SELECT j::text AS t FROM big;
SQL
psql -X -q -d "$db" -c "\\copy big TO '$work/big.bin' WITH (FORMAT binary)"
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c "CREATE TABLE big_copy (LIKE big)"

failures=0
reference_ms=0
# measure TIMEOUT_MS SQL: sets out (the error) and ms (wall time after the timeout)
measure() {
    local timeout=$1 sql=$2 start end
    start=$(date +%s%N)
    out=$(psql -X -q -d "$db" -v VERBOSITY=verbose -c "SET max_parallel_workers_per_gather = 0" \
               -c "SET statement_timeout = '${timeout}ms'" -c "$sql" 2>&1 >/dev/null || true)
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 - timeout ))
}
# run NAME TIMEOUT_MS SQL: the statement must fail with 57014 within the bound
run() {
    local name=$1 timeout=$2 sql=$3 out ms
    measure "$timeout" "$sql"
    if grep -q 57014 <<<"$out" && [ "$ms" -gt $((bound_ms + reference_ms)) ]; then
        measure "$timeout" "$sql"
    fi
    if [ -z "$out" ]; then
        # the statement ended before the timeout fired (an aggregate run close to its length)
        printf '%-36s finished before the timeout\n' "$name"
    elif ! grep -q 57014 <<<"$out"; then
        echo "FAIL $name: did not end by the timeout: ${out:-no error}"; failures=$((failures + 1))
    elif [ "$ms" -gt $((bound_ms + reference_ms)) ]; then
        echo "FAIL $name: answered the cancel after $ms ms"; failures=$((failures + 1))
    else
        printf '%-36s cancel after %5d ms\n' "$name" "$ms"
    fi
}
# elapsed_ms SQL: the uninterrupted run time
elapsed_ms() {
    local start end
    start=$(date +%s%N)
    psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c "SET max_parallel_workers_per_gather = 0" -c "$1" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

# for reference: what a cancel costs without cxm (psql start, connection, the cancel itself),
# and reading the stored journey, which PostgreSQL does before cxm runs (not interruptible)
samples=()
for i in 1 2 3; do measure $timeout_ms "SELECT pg_sleep(10)"; samples+=("$ms"); done
reference_ms=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n 2p)	# the median of three
bound_ms=$(( bound_ms * (reference_ms > 100 ? reference_ms : 100) / 100 ))
printf '%-36s cancel after %5d ms (bound: %d ms more)\n' "pg_sleep (no cxm)" "$reference_ms" "$bound_ms"
echo "reading the stored journey (journey_length): $(elapsed_ms "SELECT journey_length(j) FROM big") ms," \
     "its text: $(elapsed_ms "SELECT length(t) FROM big_text") ms"
run "text output" $timeout_ms "SELECT length(j::text) FROM big"
run "text input" $timeout_ms "SELECT journey_length(t::journey) FROM big_text"
run "binary output" $timeout_ms "SELECT length(journey_send(j)) FROM big"
run "binary input (COPY)" $timeout_ms "\\copy big_copy FROM '$work/big.bin' WITH (FORMAT binary)"
run "steps" $timeout_ms "SELECT count(*) FROM big, steps(j)"
run "sessions" $timeout_ms "SELECT count(*) FROM big, sessions(j, '1 second')"
run "transitions" $timeout_ms "SELECT count(*) FROM big, transitions(j, 'channel/action', true)"
run "transition_counts" $timeout_ms "SELECT transition_counts(j, 'channel/action', true) IS NULL FROM big"
run "attribute linear" $timeout_ms "SELECT count(*) FROM big, attribute(j, 'linear', 1, 'channel/action')"
run "attribute time_decay" $timeout_ms "SELECT count(*) FROM big, attribute(j, 'time_decay', 1, 'channel/action', half_life => '7 days')"
run "markov_attribution" $timeout_ms "SELECT markov_attribution(j, true) IS NULL FROM big"
run "shapley_attribution" $timeout_ms "SELECT shapley_attribution(j, true) IS NULL FROM big"
run "path" $timeout_ms "SELECT length(path(j, 'channel/action', true)) FROM big"
run "funnel_level" $timeout_ms "SELECT funnel_level(j, '{web,email,search,app}', '1 hour') FROM big"
run "funnel_times" $timeout_ms "SELECT funnel_times(j, '{web,email,search,app}', '1 hour') FROM big"
run "journey_matches" $timeout_ms "SELECT journey_match_count(j, 'web email+ (search | app)') FROM big"
run "journey = journey" $timeout_ms "SELECT j = j FROM big"
run "journey hash" $timeout_ms "SELECT count(DISTINCT j) FROM (SELECT j FROM big UNION ALL SELECT j FROM big) s"

for agg in "journey_length(journey_agg(tp))" "funnel_agg(tp, '{web,email,search,app}', '1 hour')" \
           "length(journey_path(tp))"; do
    sql="SELECT $agg FROM tps"
    total=$(elapsed_ms "$sql")
    for pct in 50 70 90; do
        run "${agg%%(*} at $pct% of ${total} ms" $((total * pct / 100)) "$sql"
    done
done

[ "$failures" -eq 0 ] || { echo "$failures operations answered a cancel late"; exit 1; }
echo "every operation on a $steps-step journey answered a cancel within $bound_ms ms of pg_sleep's"
