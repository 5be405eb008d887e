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
