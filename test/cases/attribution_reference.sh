#!/usr/bin/env bash
# test/cases/attribution_reference.sh: markov_attribution and shapley_attribution on 1500
# random journeys over 6 channels against an independent calculation
# (test/reference/attribution_reference.py writes test/data/attribution_reference.csv): numpy's
# LAPACK solve of the absorbing chain built with repeated channels kept as self-loops, and the
# classic Shapley formula by brute force over all 64 coalitions. Also: a forced parallel plan
# and a roll-up of per-day partial models give the same models.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_attribution_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
SET TimeZone = 'UTC';
CREATE TABLE raw (id int, path text, converted bool, value float8);
\copy raw FROM 'test/data/attribution_journeys.csv' (FORMAT csv, HEADER)
CREATE TABLE reference (model text, channel text, removal_effect float8, conversions float8, value float8);
\copy reference FROM 'test/data/attribution_reference.csv' (FORMAT csv, HEADER)
-- one touch per hour in path order, every journey on its own day (id % 7: partial groups)
CREATE TABLE journeys AS
SELECT r.id, r.converted, r.value,
       journey_agg(touchpoint(p.channel, NULL, timestamptz '2025-01-01' + r.id * interval '1 day' + p.pos * interval '1 hour')) AS j
FROM raw r, unnest(string_to_array(r.path, '>')) WITH ORDINALITY p(channel, pos)
GROUP BY r.id, r.converted, r.value;
CREATE TABLE models AS
SELECT markov_attribution(j, converted, value) AS markov, shapley_attribution(j, converted, value) AS shapley
FROM journeys;
SELECT 'journeys ' || count(*) FROM journeys;
SELECT 'markov rows ' || count(*) || ', agree ' ||
       count(*) FILTER (WHERE abs(t.removal_effect - r.removal_effect) <= 1e-9 * r.removal_effect
                          AND abs(t.conversions - r.conversions) <= 1e-9 * r.conversions
                          AND abs(t.value - r.value) <= 1e-9 * r.value)
FROM models, attribution_table(markov) t JOIN reference r ON r.model = 'markov' AND r.channel = t.channel;
SELECT 'conversion probability agrees ' ||
       (abs(conversion_probability(markov) - r.removal_effect) <= 1e-12)
FROM models, reference r WHERE r.model = 'markov' AND r.channel = '@all';
SELECT 'shapley rows ' || count(*) || ', agree ' ||
       count(*) FILTER (WHERE abs(t.conversions - r.conversions) <= 1e-9 * r.conversions
                          AND abs(t.value - r.value) <= 1e-9 * r.value)
FROM models, attribution_table(shapley) t JOIN reference r ON r.model = 'shapley' AND r.channel = t.channel;
SELECT 'shapley efficiency ' || (abs(sum(t.conversions) - 420) < 1e-9)
FROM models, attribution_table(shapley) t;
-- partial models per group, rolled up, and a forced parallel plan: the same models
CREATE TABLE parts AS
SELECT id % 7 AS g, markov_attribution(j, converted, value) AS markov,
       shapley_attribution(j, converted, value) AS shapley
FROM journeys GROUP BY id % 7;
SELECT 'rollup equal ' || (r.markov = m.markov AND r.shapley = m.shapley)
FROM (SELECT rollup(markov) AS markov, rollup(shapley) AS shapley FROM parts) r, models m;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4; SET parallel_leader_participation = off;
ALTER TABLE journeys SET (parallel_workers = 4);
CREATE FUNCTION plan(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query; END $$;
SELECT 'parallel plan ' || (count(*) > 0)
FROM plan('SELECT markov_attribution(j, converted, value), shapley_attribution(j, converted, value) FROM journeys') line
WHERE line LIKE '%Partial Aggregate%';
SELECT 'parallel equal ' || (markov_attribution(j, converted, value) = (SELECT markov FROM models)
                             AND shapley_attribution(j, converted, value) = (SELECT shapley FROM models))
FROM journeys;
SQL
)
echo "$out"
ok=1
for line in 'journeys 1500' 'markov rows 6, agree 6' 'conversion probability agrees true' \
            'shapley rows 6, agree 6' 'shapley efficiency true' 'rollup equal true' \
            'parallel plan true' 'parallel equal true'; do
    grep -qx "$line" <<<"$out" || { echo "expected: $line"; ok=0; }
done
[ "$ok" = 1 ]
