#!/usr/bin/env bash
# test/cases/funnel_size.sh: funnel_level and funnel_times walk a journey's steps in time order
# and keep only the funnel's state, so a 2.1M-step journey with a 32-step funnel is answered
# (it used to ask for steps x 33 x 16 bytes up front: "invalid memory alloc request size
# 1108800000"). The walk must agree with funnel_agg, which sorts the events of the same
# touchpoints, on random journeys with many ties in time, in every mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_funnel_size_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
SELECT setseed(0.2);
-- 300 customers, 1-40 touchpoints each on 6 channels, times on a 10-minute grid (ties)
CREATE TABLE tp AS
SELECT c, touchpoint(chr(97 + (random() * 5)::int), CASE WHEN random() < 0.3 THEN 'x' END,
                     '2025-01-01'::timestamptz + ((random() * 40)::int * interval '10 minutes')) AS t
FROM generate_series(1, 300) c, generate_series(1, 1 + (random() * 39)::int) i;
CREATE TABLE j AS SELECT c, journey_agg(t) AS j FROM tp GROUP BY c;
SELECT 'walk and sort disagree: ' || count(*) FILTER (WHERE walk IS DISTINCT FROM sorted)
       || ' of ' || count(*)
FROM (SELECT m, f,
             (SELECT funnel_level(j.j, f, '2 hours', m) FROM j WHERE j.c = g.c) AS walk,
             funnel_agg(t, f, '2 hours', m) AS sorted
      FROM tp g,
           (VALUES ('default'), ('strict_order'), ('strict_deduplication'), ('strict_increase'),
                   ('strict_order,strict_deduplication,strict_increase')) mode(m),
           (VALUES (ARRAY['a', 'b', 'c']), (ARRAY['a', 'a/x', 'b', 'a']), (ARRAY['b/x', 'c', 'd', 'e', 'a'])) fs(f)
      GROUP BY g.c, m, f) r;

SET cxm.max_journey_steps = 3000000;
CREATE TABLE big AS
SELECT journey_agg(touchpoint(CASE WHEN i % 1000 = 0 THEN 'c' || (i / 1000) % 32 ELSE 'web' END,
                              '2025-01-01'::timestamptz + i * interval '1 second')) AS j
FROM generate_series(1, 2100000) i;
SELECT 'steps ' || journey_length(j) FROM big;
SELECT 'level ' || funnel_level(j, ARRAY(SELECT 'c' || k FROM generate_series(0, 31) k), '10 days') FROM big;
SELECT 'times ' || array_length(funnel_times(j, ARRAY(SELECT 'c' || k FROM generate_series(0, 31) k), '10 days'), 1) FROM big;
SQL
)
echo "$out"
ok=1
grep -qx 'walk and sort disagree: 0 of 4500' <<<"$out" || ok=0
grep -qx 'steps 2100000' <<<"$out" || ok=0
grep -qx 'level 32' <<<"$out" || ok=0
grep -qx 'times 32' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "funnel over a 2.1M-step journey: FAILED"; exit 1; }
echo "funnel over a 2.1M-step journey: ok"
