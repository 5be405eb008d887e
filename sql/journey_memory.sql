-- journey aggregates over long groups: a state that grows past 64 kB becomes an expanded object
-- (grown in place, not copied); results must equal what the flat states give, in plain, window,
-- and parallel (combined) aggregation, and in text and binary round trips of the states.
SET cxm.max_journey_steps = 200000;
CREATE TABLE long_touches AS
SELECT i, (i % 3) AS grp,
       touchpoint((ARRAY['web', 'email', 'search', 'app'])[1 + (i * 7) % 4],
                  CASE WHEN i % 5 = 0 THEN 'view' END,
                  timestamptz '2025-01-01 00:00:00+00' + ((i * 7919) % 30011) * interval '1 minute') AS tp
FROM generate_series(1, 30000) AS i;
ANALYZE long_touches;

-- the oracle: the touchpoints in touchpoint order (time, channel, action), as text
CREATE TEMP VIEW oracle AS
SELECT grp, '{"version": 1, "steps": [' || string_agg('"' || tp::text || '"', ', ' ORDER BY tp) || ']}' AS text,
       count(*) AS n
FROM long_touches GROUP BY grp;

SELECT o.grp, o.n, journey_length(a.j) AS length, a.j::text = o.text AS same_as_oracle,
       pg_column_size(a.j) > 65536 AS long_state,
       path(a.j, 'channel/action', true) = a.p AS path_same,
       funnel_level(a.j, '{web,email,search}', '1 hour') = a.f AS funnel_same
FROM oracle o JOIN (SELECT grp, journey_agg(tp) AS j, journey_path(tp, 'channel/action', true) AS p,
                           funnel_agg(tp, '{web,email,search}', '1 hour') AS f
                    FROM long_touches GROUP BY grp) a USING (grp)
ORDER BY grp;

-- one group of all 30,000 (plain aggregate), and the state types' text and binary forms
SELECT journey_agg(tp)::text = (SELECT '{"version": 1, "steps": [' || string_agg('"' || tp::text || '"', ', ' ORDER BY tp) || ']}'
                                FROM long_touches) AS all_same
FROM long_touches;

-- window aggregate (a final per row: 6,000 rows, the state expanded after about 4,000): the
-- running journey at the last row is the whole journey
SELECT journey_length(j) AS length, j = (SELECT journey_agg(tp) FROM long_touches WHERE i <= 6000) AS same
FROM (SELECT i, journey_agg(tp) OVER (ORDER BY i) AS j FROM long_touches WHERE i <= 6000) w
WHERE i = 6000;
SELECT lvl AS funnel_level,
       lvl = (SELECT funnel_level(journey_agg(tp), '{web,email,search}', '10 minutes') FROM long_touches WHERE i <= 6000) AS same
FROM (SELECT i, funnel_agg(tp, '{web,email,search}', '10 minutes') OVER (ORDER BY i) AS lvl
      FROM long_touches WHERE i <= 6000) w
WHERE i = 6000;

-- parallel: partial states (expanded in the workers) are combined by the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT journey_agg(tp) FROM long_touches;
SELECT journey_agg(tp)::text = (SELECT '{"version": 1, "steps": [' || string_agg('"' || tp::text || '"', ', ' ORDER BY tp) || ']}'
                                FROM long_touches) AS parallel_same,
       journey_path(tp, 'channel/action', true) = (SELECT path(journey_agg(tp), 'channel/action', true) FROM long_touches) AS path_same,
       funnel_agg(tp, '{web,email,search}', '1 hour') = (SELECT funnel_level(journey_agg(tp), '{web,email,search}', '1 hour') FROM long_touches) AS funnel_same
FROM long_touches;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- a long journey through its text and binary forms
SELECT journey_length(journey_agg(tp)::text::journey) AS text_length,
       (SELECT journey_length(value::journey) FROM cxm_test.recv('journey', journey_send(journey_agg(tp)))) AS binary_length
FROM long_touches;
DROP TABLE long_touches CASCADE;
RESET cxm.max_journey_steps;

-- journey_agg's compact working state (a label dictionary, a label byte and a varint time per
-- step, in the coarsest time unit of the group's times): every journey the same as the oracle's,
-- whatever the order of arrival, with ties, duplicates, NULL touchpoints and actions, times in
-- whole seconds, milliseconds and microseconds in one group (the unit gets finer as they
-- arrive), more channels or actions than the compact form holds, and the extreme times
SELECT setseed(0.75);
CREATE TABLE mixed AS
SELECT g, i,
       CASE WHEN random() < 0.03 THEN NULL
            ELSE touchpoint(CASE WHEN g % 5 = 0 THEN 'ch' || (random() * 40)::int
                                 ELSE (ARRAY['web', 'email', 'app'])[1 + (random() * 2)::int] END,
                            CASE WHEN g % 7 = 0 THEN 'act' || (random() * 30)::int
                                 WHEN random() < 0.3 THEN NULL
                                 ELSE (ARRAY['view', 'open'])[1 + (random() * 1)::int] END,
                            timestamptz '2025-01-01 00:00:00+00'
                            + (random() * 20)::int * interval '1 hour'
                            + CASE WHEN g % 3 = 1 AND random() < 0.2 THEN (random() * 999)::int * interval '1 millisecond'
                                   WHEN g % 3 = 2 AND random() < 0.2 THEN (random() * 999)::int * interval '1 microsecond'
                                   ELSE interval '0' END) END AS tp
FROM generate_series(1, 400) AS g, generate_series(1, 1 + (g * 37) % 60) AS i;
INSERT INTO mixed SELECT 401, i, tp
FROM (VALUES (1, touchpoint('web', 'view', '4713-01-01 00:00:00+00 BC')),
             (2, touchpoint('web', '294276-12-31 23:59:59.999999+00')),
             (3, touchpoint('web', 'view', '2025-01-01 00:00:00+00')),
             (4, touchpoint('web', 'view', '4713-01-01 00:00:00+00 BC')),
             (5, NULL)) AS t (i, tp);
INSERT INTO mixed SELECT 402, i, touchpoint(repeat('c', 255), repeat('a', 255), '2025-01-01 00:00:00+00'::timestamptz + i * interval '1 day')
FROM generate_series(1, 200) AS i;
CREATE TEMP VIEW mixed_oracle AS
SELECT g, CASE WHEN count(tp) > 0
               THEN '{"version": 1, "steps": [' || string_agg('"' || tp::text || '"', ', ' ORDER BY tp) || ']}' END AS text
FROM mixed GROUP BY g;
-- arrival in random order, in reverse, and in journey order; hash and sorted grouping
SET enable_sort = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.j::text IS NOT DISTINCT FROM o.text) AS same
FROM (SELECT g, journey_agg(tp) AS j FROM (SELECT * FROM mixed ORDER BY random()) m GROUP BY g) a
JOIN mixed_oracle o USING (g);
RESET enable_sort;
SET enable_hashagg = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.j::text IS NOT DISTINCT FROM o.text) AS same
FROM (SELECT g, journey_agg(tp ORDER BY i DESC) AS j FROM mixed GROUP BY g) a JOIN mixed_oracle o USING (g);
SELECT count(*) AS groups, count(*) FILTER (WHERE a.j::text IS NOT DISTINCT FROM o.text) AS same
FROM (SELECT g, journey_agg(tp ORDER BY tp) AS j FROM mixed GROUP BY g) a JOIN mixed_oracle o USING (g);
RESET enable_hashagg;
-- the same journeys through equality, text and binary forms, and the steps
SELECT count(*) FILTER (WHERE a.j = o.text::journey) AS equal,
       count(*) FILTER (WHERE a.j::text::journey = a.j) AS text_round_trip,
       count(*) FILTER (WHERE (SELECT value::journey FROM cxm_test.recv('journey', journey_send(a.j))) = a.j) AS binary_round_trip,
       sum(journey_length(a.j)) = (SELECT count(tp) FROM mixed) AS all_steps
FROM (SELECT g, journey_agg(tp) AS j FROM mixed GROUP BY g) a JOIN mixed_oracle o USING (g)
WHERE o.text IS NOT NULL;
-- a window aggregate: the running journey at every row
SELECT count(*) AS rows, count(*) FILTER (WHERE w.j::text IS NOT DISTINCT FROM
           (SELECT '{"version": 1, "steps": [' || string_agg('"' || m2.tp::text || '"', ', ' ORDER BY m2.tp) || ']}'
            FROM mixed m2 WHERE m2.g = w.g AND m2.i <= w.i AND m2.tp IS NOT NULL)) AS same
FROM (SELECT g, i, journey_agg(tp) OVER (PARTITION BY g ORDER BY i) AS j FROM mixed WHERE g % 10 IN (0, 1, 2)) w;
-- forced parallel: the workers' compact states are combined by the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT g, journey_agg(tp) FROM mixed GROUP BY g;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.j::text IS NOT DISTINCT FROM o.text) AS same
FROM (SELECT g, journey_agg(tp) AS j FROM mixed GROUP BY g) a JOIN mixed_oracle o USING (g);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
-- a hash aggregation's states share one label dictionary: the same journeys when the hash table
-- spills to disk in batches (each batch its own dictionary), beside a second journey_agg, in
-- grouping sets hashed and sorted, and when another aggregate shares journey_agg's transition
-- state (its states then carry their own labels, as its result is the state itself)
SET work_mem = '64kB';
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT g, journey_agg(tp) FROM mixed GROUP BY g;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.j::text IS NOT DISTINCT FROM o.text) AS same,
       count(*) FILTER (WHERE a.j2 = a.j) AS second_same
FROM (SELECT g, journey_agg(tp) AS j, journey_agg(tp ORDER BY i) AS j2 FROM mixed GROUP BY g) a
JOIN mixed_oracle o USING (g);
RESET enable_sort;
RESET work_mem;
EXPLAIN (COSTS OFF) SELECT g, i % 2, journey_agg(tp) FROM mixed GROUP BY GROUPING SETS ((g), (i % 2), ());
SELECT count(*) AS groups, count(*) FILTER (WHERE a.j::text IS NOT DISTINCT FROM o.text) AS same
FROM (SELECT g, journey_agg(tp) AS j FROM mixed GROUP BY GROUPING SETS ((g), (i % 2), ())) a
JOIN mixed_oracle o USING (g);
SELECT a.parity, a.j::text = (SELECT '{"version": 1, "steps": [' || string_agg('"' || tp::text || '"', ', ' ORDER BY tp) || ']}'
                              FROM mixed m WHERE m.i % 2 = a.parity OR a.parity IS NULL) AS same
FROM (SELECT i % 2 AS parity, journey_agg(tp) AS j FROM mixed GROUP BY GROUPING SETS ((g), (i % 2), ())
      HAVING GROUPING(g) = 1) a ORDER BY a.parity;
CREATE AGGREGATE journey_unfinished(touchpoint) (SFUNC = journey_agg_trans, STYPE = journey);
CREATE TABLE unfinished AS
SELECT g, journey_agg(tp) AS j, journey_unfinished(tp) AS u FROM mixed GROUP BY g;
SELECT count(*) AS groups, count(*) FILTER (WHERE j = u) AS same, count(*) FILTER (WHERE u::text = j::text) AS same_text
FROM unfinished WHERE j IS NOT NULL;
DROP TABLE unfinished;
DROP AGGREGATE journey_unfinished(touchpoint);

-- cxm.max_journey_steps: the limit is checked on every added step, in either form
SET cxm.max_journey_steps = 59;
SELECT max(journey_length(j)) AS longest FROM (SELECT g, journey_agg(tp) AS j FROM mixed WHERE g <= 400 GROUP BY g) a;
SET cxm.max_journey_steps = 58;
SELECT count(j) FROM (SELECT g, journey_agg(tp) AS j FROM mixed WHERE g <= 400 GROUP BY g) a;
SELECT journey_length(journey_agg(tp)) FROM mixed WHERE g = 402;
RESET cxm.max_journey_steps;
DROP TABLE mixed CASCADE;
