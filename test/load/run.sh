#!/usr/bin/env bash
# test/load/run.sh: load test (not part of the test command). Builds and installs cxm, loads the
# sample shop into a throwaway cluster, then runs pgbench with a script mixing cxm's headline
# queries (touchpoints, journeys, funnels, paths, NPS/CSAT/CES, retention, inserts of new
# touchpoints) from CLIENTS clients for SECONDS seconds, and fails unless every transaction
# succeeded.
#
#   CLIENTS=8 SECONDS_=60 CUSTOMERS=20000 bash test/load/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/prepare.sh
export CLIENTS=${CLIENTS:-8} DURATION=${SECONDS_:-60} CUSTOMERS=${CUSTOMERS:-20000}
exec pg_virtualenv -t -v "$PG_MAJOR" -o max_connections=50 bash -c '
set -euo pipefail
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION cxm"
psql -X -q -v ON_ERROR_STOP=1 -v customers="$CUSTOMERS" -f demo/sample_data.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE new_touches (customer_id int, tp touchpoint)"
script=$(mktemp)
cat > "$script" <<SQL
\set c random(1, $CUSTOMERS)
SELECT journey_path(touchpoint(channel, action, occurred_at)) FROM interactions WHERE customer_id = :c;
SELECT funnel_level(journey_agg(touchpoint(channel, action, occurred_at)), ARRAY['"'"'search'"'"', '"'"'web/product_view'"'"', '"'"'web/purchase'"'"'], '"'"'7 days'"'"') FROM interactions WHERE customer_id BETWEEN :c AND :c + 50 GROUP BY customer_id;
SELECT nps_agg(nps_score), csat_agg(csat_score), ces_agg(ces_score) FROM survey_responses WHERE customer_id BETWEEN :c AND :c + 500;
SELECT ci_lower(s), ci_upper(s) FROM (SELECT nps_summary(nps_score) AS s FROM survey_responses WHERE channel = '"'"'web'"'"') t;
SELECT count(*) FROM (SELECT r.* FROM (SELECT activity_summary(a) AS s FROM (SELECT customer_id, activity_periods(occurred_at, '"'"'2024-01-01'"'"', '"'"'1 month'"'"', '"'"'2025-07-01'"'"') AS a FROM interactions WHERE customer_id BETWEEN :c AND :c + 200 GROUP BY customer_id) p) x, retention_table(x.s) r) t;
SELECT journey_matches(journey_agg(touchpoint(channel, action, occurred_at)), '"'"'search web+ (email | app) web/purchase'"'"') FROM interactions WHERE customer_id = :c;
INSERT INTO new_touches VALUES (:c, touchpoint('"'"'web'"'"', '"'"'view'"'"', now()));
SQL
log=$(mktemp)
pgbench -n -f "$script" -c "$CLIENTS" -j 2 -T "$DURATION" 2>&1 | tee "$log"
grep -q "number of failed transactions: 0" "$log" || ! grep -q "number of failed transactions" "$log"
errors=$(grep -ci "error" "$log" || true)
echo "clients: $CLIENTS, seconds: $DURATION, errors in the pgbench output: $errors"
[ "$errors" -eq 0 ]
'
