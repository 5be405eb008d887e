-- journey: journey_agg, accessors, journey_path / path, sessions, funnels (windowFunnel
-- semantics, checked against a recursive-SQL oracle), step limit, parallel plans, round trips.
SET TimeZone = 'UTC';

CREATE TABLE touches (customer_id int, channel text, action text, at timestamptz);
INSERT INTO touches VALUES
  (1, 'web', 'view', '2025-01-01 10:05'), (1, 'search', 'click', '2025-01-01 10:00'),
  (1, 'web', 'view', '2025-01-01 10:06'), (1, 'email', 'open', '2025-01-02 09:00'),
  (1, 'web', 'purchase', '2025-01-02 09:10'),
  (2, 'social', NULL, '2025-01-03'), (2, 'web', 'view', '2025-01-05'),
  -- ties: same time, ordered by channel, then action (no action first)
  (3, 'web', 'view', '2025-02-01 12:00'), (3, 'email', NULL, '2025-02-01 12:00'),
  (3, 'web', NULL, '2025-02-01 12:00'), (3, NULL, 'x', '2025-02-01 13:00');
CREATE TABLE journeys AS
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM touches GROUP BY customer_id;

-- order is time, then channel, then action, whatever the input order
SELECT customer_id, j FROM journeys ORDER BY customer_id;
SELECT customer_id, journey_length(j), journey_duration(j), first_touch(j), last_touch(j)
FROM journeys ORDER BY customer_id;
SELECT customer_id, s FROM journeys, steps(j) s ORDER BY customer_id, s;
SELECT journey_agg(touchpoint(channel, action, at)) AS no_rows FROM touches WHERE false;
SELECT journey_agg(NULL::touchpoint) AS only_nulls;

-- paths: channels with repeats collapsed by default; channel/action labels; repeats kept;
-- the first or last N labels
SELECT customer_id,
       journey_path(touchpoint(channel, action, at)) AS path,
       journey_path(touchpoint(channel, action, at), 'channel/action') AS with_actions,
       journey_path(touchpoint(channel, action, at), 'channel', true) AS with_repeats,
       journey_path(touchpoint(channel, action, at), 'channel', false, 2) AS first_2,
       journey_path(touchpoint(channel, action, at), 'channel', false, -2) AS last_2
FROM touches GROUP BY customer_id ORDER BY customer_id;
SELECT customer_id, path(j), path(j, 'channel/action', true), path(j, 'channel', false, -1)
FROM journeys ORDER BY customer_id;

-- sessions: split where consecutive steps are more than the gap apart (default 30 minutes)
SELECT customer_id, path(s, 'channel', true), journey_length(s) FROM journeys, sessions(j) s
ORDER BY customer_id, first_touch(s);
SELECT path(s, 'channel', true) FROM sessions('{"version": 1, "steps": ["a@2025-01-01 10:00:00+00",
  "b@2025-01-01 10:30:00+00", "c@2025-01-01 11:00:00.000001+00"]}'::journey) s;
SELECT count(*) FROM sessions('{"version": 1, "steps": []}'::journey);

--------------------------------------------------------------------------------------------
-- funnels (ClickHouse windowFunnel semantics)
--------------------------------------------------------------------------------------------
SELECT customer_id,
       funnel_level(j, ARRAY['search', 'web/view', 'web/purchase'], '1 day') AS day,
       funnel_times(j, ARRAY['search', 'web/view', 'web/purchase'], '1 day') AS times,
       funnel_level(j, ARRAY['search', 'web/view', 'web/purchase'], '1 hour') AS hour
FROM journeys ORDER BY customer_id;
-- the window is inclusive: purchase exactly 23:10 after the search
SELECT funnel_level(j, ARRAY['search', 'web/view', 'web/purchase'], '23 hours 10 minutes') AS inclusive,
       funnel_level(j, ARRAY['search', 'web/view', 'web/purchase'], '23 hours 9 minutes 59 seconds') AS just_short
FROM journeys WHERE customer_id = 1;
-- equal times: one touchpoint can serve consecutive steps it matches; modes
CREATE TABLE funnel_cases (name text, j journey);
INSERT INTO funnel_cases VALUES
  ('same time', '{"version": 1, "steps": ["a@2025-01-01 10:00:00+00", "b@2025-01-01 10:00:00+00"]}'),
  ('b before a', '{"version": 1, "steps": ["b@2025-01-01 09:00:00+00", "a@2025-01-01 10:00:00+00", "c@2025-01-01 10:01:00+00"]}'),
  ('repeat a', '{"version": 1, "steps": ["a@2025-01-01 10:00:00+00", "b@2025-01-01 10:01:00+00", "b@2025-01-01 10:02:00+00", "c@2025-01-01 10:03:00+00"]}'),
  ('noise', '{"version": 1, "steps": ["a@2025-01-01 10:00:00+00", "x@2025-01-01 10:01:00+00", "b@2025-01-01 10:02:00+00", "c@2025-01-01 10:03:00+00"]}'),
  ('restart', '{"version": 1, "steps": ["a@2025-01-01 10:00:00+00", "b@2025-01-01 12:00:00+00", "a@2025-01-01 12:30:00+00", "b@2025-01-01 12:40:00+00", "c@2025-01-01 13:00:00+00"]}');
SELECT name,
       funnel_level(j, ARRAY['a', 'b', 'c'], '1 hour') AS "default",
       funnel_level(j, ARRAY['a', 'b', 'c'], '1 hour', 'strict_order') AS strict_order,
       funnel_level(j, ARRAY['a', 'b', 'c'], '1 hour', 'strict_deduplication') AS strict_dedup,
       funnel_level(j, ARRAY['a', 'b', 'c'], '1 hour', 'strict_increase') AS strict_increase,
       funnel_times(j, ARRAY['a', 'b', 'c'], '1 hour') AS times
FROM funnel_cases ORDER BY name;
-- the *_seconds functions: funnel_times and journey_duration as float8 seconds, exactly
-- extract(epoch from ...)::float8 of the interval versions, NULL steps and NULL journeys alike
SELECT name, m.mode, funnel_times_seconds(j, ARRAY['a', 'b', 'c'], '1 hour', m.mode) AS seconds,
       funnel_times_seconds(j, ARRAY['a', 'b', 'c'], '1 hour', m.mode) IS NOT DISTINCT FROM
         ARRAY(SELECT extract(epoch FROM t)::float8
               FROM unnest(funnel_times(j, ARRAY['a', 'b', 'c'], '1 hour', m.mode)) WITH ORDINALITY u(t, i)
               ORDER BY i) AS same_as_epoch
FROM funnel_cases, (VALUES ('default'), ('strict_order'), ('strict_deduplication'), ('strict_increase')) m(mode)
ORDER BY name, m.mode;
SELECT customer_id, journey_duration_seconds(j),
       journey_duration_seconds(j) IS NOT DISTINCT FROM extract(epoch FROM journey_duration(j))::float8 AS same_as_epoch,
       funnel_times_seconds(j, ARRAY['search', 'web/view', 'web/purchase'], '1 day') AS funnel_seconds
FROM journeys ORDER BY customer_id;
-- microseconds, and spans beyond 2^53 microseconds (285 years), where a double cannot hold
-- every microsecond: still the double nearest to the exact number of seconds
SELECT j, journey_duration(j), journey_duration_seconds(j),
       journey_duration_seconds(j) = extract(epoch FROM journey_duration(j))::float8 AS same_as_epoch,
       funnel_times_seconds(j, ARRAY['a', 'b'], '106751991 days') AS funnel_seconds,
       funnel_times_seconds(j, ARRAY['a', 'b'], '106751991 days') =
         ARRAY(SELECT extract(epoch FROM t)::float8
               FROM unnest(funnel_times(j, ARRAY['a', 'b'], '106751991 days')) t) AS funnel_same
FROM (VALUES ('{"version": 1, "steps": ["a@2025-01-01 10:00:00+00", "b@2025-01-01 10:00:00.000001+00"]}'::journey),
             ('{"version": 1, "steps": ["a@1700-01-01 00:00:00+00", "b@2025-03-01 10:00:00.123457+00"]}'),
             ('{"version": 1, "steps": ["a@2025-01-01 10:00:00+00"]}')) v(j);
-- 2000 spans of 285 to 340 years with microseconds: every one is the double nearest to the
-- exact seconds (as extract's numeric gives), where dividing the microseconds rounded to a
-- double by 10^6 would round twice and miss some
SELECT count(*) AS spans,
       count(*) FILTER (WHERE journey_duration_seconds(j) = extract(epoch FROM journey_duration(j))::float8) AS same_as_epoch,
       count(*) FILTER (WHERE (extract(epoch FROM journey_duration(j)) * 1000000)::int8::float8 / 1000000
                              <> extract(epoch FROM journey_duration(j))::float8) > 0 AS naive_division_differs
FROM (SELECT g, journey_agg(touchpoint('a', t)) AS j
      FROM generate_series(1, 2000) g,
           LATERAL (VALUES (timestamptz '1700-01-01 00:00:00+00'),
                           (timestamptz '1700-01-01 00:00:00+00' +
                            make_interval(days => 104250 + g * 7919 % 20000,
                                          secs => g * 104729 % 86400 + (g * 7907 % 1000000) / 1e6))) v(t)
      GROUP BY g) s;
-- a span from 4713 BC to 294276 AD is more microseconds than int64 holds: both duration
-- functions raise 22008 (PostgreSQL 15's timestamp_mi would wrap it); a funnel or a session
-- takes it as longer than any window or gap; windows beyond int64 are refused, not wrapped
SELECT * FROM cxm_test.error_of($$SELECT journey_duration('{"version": 1, "steps": ["a@4713-01-01 00:00:00+00 BC", "b@294276-12-31 23:59:59+00"]}'::journey)$$);
SELECT * FROM cxm_test.error_of($$SELECT journey_duration_seconds('{"version": 1, "steps": ["a@4713-01-01 00:00:00+00 BC", "b@294276-12-31 23:59:59+00"]}'::journey)$$);
SELECT funnel_level(j, ARRAY['a', 'b'], '106751991 days') AS level, funnel_times_seconds(j, ARRAY['a', 'b'], '106751991 days') AS seconds,
       (SELECT count(*) FROM sessions(j, '106751991 days')) AS sessions
FROM (VALUES ('{"version": 1, "steps": ["a@4713-01-01 00:00:00+00 BC", "b@294276-12-31 23:59:59+00"]}'::journey)) v(j);
SELECT funnel_level('{"version": 1, "steps": ["a@2025-01-01 10:00:00+00", "b@2025-01-02 10:00:00+00"]}'::journey, ARRAY['a', 'b'], '106751991 days') AS largest_window;
SELECT * FROM cxm_test.error_of($$SELECT funnel_level('{"version": 1, "steps": ["a@2025-01-01 10:00:00+00"]}'::journey, ARRAY['a'], '1000000000 days')$$);
SELECT * FROM cxm_test.error_of($$SELECT count(*) FROM sessions('{"version": 1, "steps": ["a@2025-01-01 10:00:00+00"]}'::journey, '106751992 days')$$);
SELECT journey_duration_seconds('{"version": 1, "steps": []}'::journey) AS empty_journey,
       journey_duration_seconds(NULL) AS null_journey,
       funnel_times_seconds(NULL, ARRAY['a'], '1 day') AS null_funnel,
       funnel_times_seconds('{"version": 1, "steps": []}'::journey, ARRAY['a'], '1 day') AS no_steps,
       pg_typeof(funnel_times_seconds(NULL, ARRAY['a'], '1 day')) AS type;
-- the same label twice: one event matches both steps (as in windowFunnel)
SELECT funnel_level('{"version": 1, "steps": ["web@2025-01-01 10:00:00+00"]}'::journey, ARRAY['web', 'web'], '1 hour');

-- oracle: the longest chain of funnel steps (events ordered by time, then step), each step
-- after the previous one and within the window of the first, by recursive SQL, on random
-- journeys with many ties
SELECT setseed(0.5);
CREATE TABLE random_touches AS
SELECT c AS customer_id, (ARRAY['a', 'b', 'c', 'd', 'x'])[1 + floor(random() * 5)::int] AS channel,
       (ARRAY[NULL, 'v', 'w'])[1 + floor(random() * 3)::int] AS action,
       timestamptz '2025-01-01 00:00:00+00' + floor(random() * 40) * interval '15 minutes' AS at
FROM generate_series(1, 300) c, generate_series(1, 1 + c % 12) i;
CREATE TABLE random_journeys AS
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM random_touches GROUP BY customer_id;
CREATE FUNCTION pg_temp.oracle_level(funnel text[], win interval) RETURNS TABLE (customer_id int, level int)
LANGUAGE sql AS $$
  WITH RECURSIVE events AS (
    SELECT customer_id, at, k - 1 AS step,
           row_number() OVER (PARTITION BY customer_id ORDER BY at, k) AS pos
    FROM random_touches t, generate_subscripts(funnel, 1) k
    WHERE funnel[k] = t.channel OR funnel[k] = t.channel || '/' || t.action
  ), chain AS (
    SELECT customer_id, at AS start_at, pos, 1 AS level FROM events WHERE step = 0
    UNION
    SELECT c.customer_id, c.start_at, e.pos, c.level + 1
    FROM chain c JOIN events e ON e.customer_id = c.customer_id AND e.step = c.level
      AND e.pos > c.pos AND e.at <= c.start_at + win
  )
  SELECT j.customer_id, coalesce(max(c.level), 0)
  FROM random_journeys j LEFT JOIN chain c USING (customer_id) GROUP BY j.customer_id $$;
SELECT f.funnel, f.win, count(*) AS journeys,
       count(*) FILTER (WHERE o.level = funnel_level(r.j, f.funnel, f.win)) AS agree
FROM (VALUES (ARRAY['a', 'b', 'c'], interval '1 hour'), (ARRAY['a', 'b/v', 'a'], interval '2 hours'),
             (ARRAY['b', 'b', 'c/w', 'd'], interval '5 hours'), (ARRAY['d'], interval '1 minute'),
             (ARRAY['a/v', 'c', 'a/w'], interval '15 minutes')) f(funnel, win),
     random_journeys r JOIN pg_temp.oracle_level(f.funnel, f.win) o USING (customer_id)
GROUP BY f.funnel, f.win ORDER BY f.funnel::text;
-- the *_seconds functions on the random journeys
SELECT count(*) AS journeys,
       count(*) FILTER (WHERE journey_duration_seconds(j) = extract(epoch FROM journey_duration(j))::float8) AS same_duration,
       count(*) FILTER (WHERE funnel_times_seconds(j, ARRAY['a', 'b/v', 'c'], '2 hours') =
                        ARRAY(SELECT extract(epoch FROM t)::float8
                              FROM unnest(funnel_times(j, ARRAY['a', 'b/v', 'c'], '2 hours')) WITH ORDINALITY u(t, i)
                              ORDER BY i)) AS same_funnel_times
FROM random_journeys;
-- funnel_agg straight from touchpoints equals funnel_level of the journey, in every mode
SELECT f.funnel, m.mode, count(*) AS customers,
       count(*) FILTER (WHERE a.level = funnel_level(r.j, f.funnel, f.win, m.mode)) AS agree
FROM (VALUES (ARRAY['a', 'b', 'c'], interval '1 hour'), (ARRAY['b', 'b', 'c/w', 'd'], interval '5 hours')) f(funnel, win),
     (VALUES ('default'), ('strict_order'), ('strict_deduplication'), ('strict_increase')) m(mode),
     random_journeys r
     JOIN LATERAL (SELECT funnel_agg(touchpoint(channel, action, at), f.funnel, f.win, m.mode) AS level
                   FROM random_touches t WHERE t.customer_id = r.customer_id) a ON true
GROUP BY f.funnel, m.mode ORDER BY f.funnel::text, m.mode;
SELECT funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/view'], '1 day')
FROM touches WHERE customer_id = 1;
-- constant steps, window and mode are read once per call site: the same levels as
-- funnel_level of the journey when the aggregate is grouped, rescanned per customer (LATERAL)
-- or run as a window function
SELECT count(*) AS customers,
       count(*) FILTER (WHERE g.level = funnel_level(r.j, ARRAY['a', 'b/v', 'c'], '1 hour', 'strict_order')
                          AND l.level = g.level AND w.level = g.level) AS agree,
       count(*) FILTER (WHERE g.level > 0) > 100 AS many_reach_a_step
FROM (SELECT customer_id, funnel_agg(touchpoint(channel, action, at), ARRAY['a', 'b/v', 'c'], '1 hour', 'strict_order') AS level
      FROM random_touches GROUP BY customer_id) g
JOIN random_journeys r USING (customer_id)
JOIN LATERAL (SELECT funnel_agg(touchpoint(channel, action, at), ARRAY['a', 'b/v', 'c'], '1 hour', 'strict_order') AS level
              FROM random_touches t WHERE t.customer_id = r.customer_id) l ON true
JOIN (SELECT DISTINCT customer_id,
             funnel_agg(touchpoint(channel, action, at), ARRAY['a', 'b/v', 'c'], '1 hour', 'strict_order')
               OVER (PARTITION BY customer_id) AS level
      FROM random_touches) w USING (customer_id);
-- partial states (what workers and Citus ship) round-trip; funnel_agg_final reads them
SELECT s, s::text::funnel_state = s AS text_round_trip,
       (SELECT value FROM cxm_test.recv('funnel_state', funnel_state_send(s)))::funnel_state = s
         AS binary_round_trip,
       funnel_agg_final(s) AS level
FROM (SELECT '{"version": 1, "steps": ["a", "b/v"], "window_usecs": 3600000000, "mode": "strict_order",
              "event_times": [120000000, 0, 60000000], "event_steps": [1, 0, -1]}'::funnel_state AS s) t;

-- paths against string_agg over the same order
SELECT count(*) AS journeys, count(*) FILTER (WHERE p.path = o.path) AS agree
FROM (SELECT customer_id, journey_path(touchpoint(channel, action, at), 'channel/action', true) AS path
      FROM random_touches GROUP BY customer_id) p
JOIN (SELECT customer_id, string_agg(channel || coalesce('/' || action, ''), ' > '
                                     ORDER BY at, channel COLLATE "C", action COLLATE "C" NULLS FIRST) AS path
      FROM random_touches GROUP BY customer_id) o USING (customer_id);

--------------------------------------------------------------------------------------------
-- transitions (Sankey edges)
--------------------------------------------------------------------------------------------
SELECT customer_id, t.* FROM journeys, transitions(j) t ORDER BY customer_id;
SELECT customer_id, t.* FROM journeys, transitions(j, 'channel/action', true) t
WHERE customer_id = 1;
SELECT transition_counts(j) FROM journeys;
SELECT t.* FROM (SELECT transition_counts(j, 'channel', true) AS s FROM journeys) x, transition_table(s) t;
SELECT transition_counts(j) IS NULL AS no_rows FROM journeys WHERE false;
-- oracle: consecutive distinct labels with lag(), counted by SQL
SELECT count(*) AS edges, count(*) FILTER (WHERE o.n = c.transitions) AS agree
FROM (SELECT from_step, to_step, count(*) AS n FROM (
        SELECT label AS to_step, lag(label) OVER w AS from_step
        FROM (SELECT customer_id, at, ord, label, lag(label) OVER (PARTITION BY customer_id ORDER BY at, ord) AS prev
              FROM (SELECT customer_id, at, channel || coalesce('/' || action, '') AS label,
                           row_number() OVER (PARTITION BY customer_id ORDER BY at, channel COLLATE "C",
                                              action COLLATE "C" NULLS FIRST) AS ord
                    FROM random_touches) r) d
        WHERE prev IS DISTINCT FROM label
        WINDOW w AS (PARTITION BY customer_id ORDER BY at, ord)) e
      WHERE from_step IS NOT NULL GROUP BY 1, 2) o
FULL JOIN (SELECT t.* FROM (SELECT transition_counts(j, 'channel/action') AS s FROM random_journeys) x,
           transition_table(s) t) c USING (from_step, to_step);
CREATE TABLE serial_transitions AS SELECT transition_counts(j, 'channel/action', true) AS s FROM random_journeys;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
ALTER TABLE random_journeys SET (parallel_workers = 2);
EXPLAIN (COSTS OFF) SELECT transition_counts(j, 'channel/action', true) FROM random_journeys;
SELECT (SELECT transition_counts(j, 'channel/action', true) FROM random_journeys) = s AS parallel_same,
       (SELECT rollup(x) FROM (SELECT transition_counts(j, 'channel/action', true) AS x
                               FROM random_journeys GROUP BY customer_id % 5) p) = s AS rollup_same,
       s::text::transition_summary = s AS text_round_trip,
       (SELECT value FROM cxm_test.recv('transition_summary', transition_summary_send(s)))::transition_summary = s
         AS binary_round_trip
FROM serial_transitions;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

--------------------------------------------------------------------------------------------
-- parallel plans and round trips
--------------------------------------------------------------------------------------------
CREATE TABLE big_touches AS
SELECT i % 3000 AS customer_id, (ARRAY['web', 'email', 'app', 'search'])[1 + (i * 7) % 4] AS channel,
       timestamptz '2025-01-01 00:00:00+00' + ((i * 7919) % 5000) * interval '1 minute' AS at
FROM generate_series(1, 150000) i;
ANALYZE big_touches;
CREATE TABLE serial_journeys AS
SELECT customer_id, journey_agg(touchpoint(channel, at)) AS j, journey_path(touchpoint(channel, at)) AS p
FROM big_touches GROUP BY customer_id;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT customer_id, journey_agg(touchpoint(channel, at)) FROM big_touches GROUP BY customer_id;
SELECT count(*) AS customers, count(*) FILTER (WHERE s.j = p.j) AS same_journeys,
       count(*) FILTER (WHERE s.p = p.p) AS same_paths
FROM serial_journeys s JOIN (
    SELECT customer_id, journey_agg(touchpoint(channel, at)) AS j, journey_path(touchpoint(channel, at)) AS p
    FROM big_touches GROUP BY customer_id) p USING (customer_id);
SELECT count(*) AS customers, count(*) FILTER (WHERE s.level = p.level) AS same_funnel_levels
FROM (SELECT customer_id, funnel_level(j, ARRAY['web', 'app', 'search'], '1 day') AS level FROM serial_journeys) s
JOIN (SELECT customer_id, funnel_agg(touchpoint(channel, at), ARRAY['web', 'app', 'search'], '1 day') AS level
      FROM big_touches GROUP BY customer_id) p USING (customer_id);
RESET enable_hashagg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
-- a journey starts at a size chosen from the planner's estimate of steps per group (64 to 256
-- bytes); a first step bigger than that (labels of 121-122 and 200 bytes, or 250 and 250) fits
SELECT customer_id,
       journey_length(journey_agg(touchpoint(repeat('c', 120) || g, repeat('a', 200), t))) AS steps,
       length(journey_path(touchpoint(repeat('c', 120) || g, repeat('a', 200), t), 'channel/action')) AS path_chars
FROM (SELECT g % 2 AS customer_id, g, timestamptz '2025-01-01 00:00:00+00' + g * interval '1 hour' AS t
      FROM generate_series(1, 40) g) s
GROUP BY customer_id ORDER BY customer_id;
SELECT g, journey_length(journey_agg(touchpoint(repeat('c', 250), repeat('a', 250), timestamptz '2025-01-01 00:00:00+00')))
FROM generate_series(1, 3) g GROUP BY g ORDER BY g;
SELECT count(*) FILTER (WHERE j::text::journey = j) AS text_round_trips,
       count(*) FILTER (WHERE j::text::jsonb::text::journey = j) AS via_jsonb
FROM serial_journeys;
SELECT count(*) FILTER (WHERE (SELECT value FROM cxm_test.recv('journey', journey_send(j)))::journey = j)
       AS binary_round_trips
FROM serial_journeys WHERE customer_id < 30;

-- the step limit guards building journeys, not reading stored ones: a journey longer than the
-- session's limit reads back from its text and binary forms (a restore by another session)
SET cxm.max_journey_steps = 3;
\x on
SELECT * FROM cxm_test.error_of($$SELECT journey_agg(touchpoint(channel, at)) FROM big_touches WHERE customer_id = 1$$);
\x off
SELECT journey_length('{"version": 1, "steps": ["a@2025-01-01", "b@2025-01-02", "c@2025-01-03", "d@2025-01-04"]}'::journey) AS text_input,
       (SELECT journey_length(value::journey) FROM cxm_test.recv('journey',
          journey_send('{"version": 1, "steps": ["a@2025-01-01", "b@2025-01-02", "c@2025-01-03", "d@2025-01-04"]}'))) AS binary_input,
       (SELECT count(*) FROM cxm_test.recv('journey_path_state',
          journey_path_state_send('{"version": 1, "steps": ["a@2025-01-01", "b@2025-01-02", "c@2025-01-03", "d@2025-01-04"]}'))
        WHERE state = 'no error') AS path_state_binary_input;
-- on PostgreSQL 16+, pg_input_is_valid says false (and raises nothing) for a journey with a bad
-- step, whose error comes from touchpoint input
SELECT cxm_test.soft_invalid('{"version": 1, "steps": ["web"]}', 'journey') AS bad_step,
       cxm_test.soft_invalid('{"version": 1, "steps": ["web@never"]}', 'journey') AS bad_step_time;
\x on
RESET cxm.max_journey_steps;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
SELECT * FROM cxm_test.error_of($$SELECT journey_path(touchpoint('web', now()), 'action')$$);
SELECT * FROM cxm_test.error_of($$SELECT journey_path(touchpoint(channel, at), CASE WHEN customer_id % 2 = 0 THEN 'channel' ELSE 'channel/action' END) FROM big_touches WHERE customer_id < 3 GROUP BY customer_id % 1$$);
SELECT * FROM cxm_test.error_of($$SELECT path(j, 'channel', false, -2147483648) FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT sessions(j, '1 month') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT sessions(j, '0 minutes') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY[]::text[], '1 day') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['web', NULL], '1 day') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['web>app'], '1 day') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['web'], '1 day', 'strict') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['web'], '-1 day') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["web"]}'::journey$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "steps": []}'::journey$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": [1, 2]}'::journey$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": [], "path_label": "x"}'::journey$$);
SELECT * FROM cxm_test.error_of($$SELECT transitions(j, 'action') FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT transition_counts(j, CASE WHEN customer_id = 1 THEN 'channel' ELSE 'channel/action' END) FROM journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (SELECT transition_counts(j) AS s FROM journeys UNION ALL SELECT transition_counts(j, 'channel', true) FROM journeys) t$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "label": "channel", "markers": 0, "from": ["b", "a"], "to": ["c", "c"], "counts": [1, 1]}'::transition_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "label": "channel", "markers": 0, "from": ["@start"], "to": ["c"], "counts": [1]}'::transition_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "label": "channel", "markers": 0, "from": ["a"], "to": ["c"], "counts": [0]}'::transition_summary$$);
SELECT state, message FROM cxm_test.recv('transition_summary', '\x010000000001');
-- adversarial: 20,000 distinct channels in one journey
SELECT * FROM cxm_test.error_of($$SELECT transition_counts(j) FROM (SELECT journey_agg(touchpoint('c' || i, timestamptz '2025-01-01' + i * interval '1 s')) AS j FROM generate_series(1, 20000) i) t$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_agg(touchpoint(channel, at), ARRAY['web'], CASE WHEN customer_id = 1 THEN interval '1 day' ELSE interval '2 days' END) FROM big_touches WHERE customer_id < 3$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_agg(touchpoint(channel, at), NULL, '1 day') FROM big_touches$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["a"], "window_usecs": 0, "mode": "default", "event_times": [], "event_steps": []}'::funnel_state$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["a"], "window_usecs": 10, "mode": "default", "event_times": [0], "event_steps": [3]}'::funnel_state$$);
SELECT state, message FROM cxm_test.recv('journey', '\x01');
SELECT state, message FROM cxm_test.recv('journey', '\x0100000000000000000001');
SELECT state, message FROM cxm_test.recv('journey', '\x0100000000000000000001000000020100');
\x off
-- a funnel state that grows well past its first allocation, and a long path rendered in one
-- pass, agree with the journey-based functions (touchpoints arrive newest first)
SELECT funnel_agg(touchpoint(ch, act, at), ARRAY['search', 'web/view', 'app/click'], '1 day') AS agg_level,
       funnel_level(journey_agg(touchpoint(ch, act, at)), ARRAY['search', 'web/view', 'app/click'], '1 day') AS level,
       journey_path(touchpoint(ch, act, at), 'channel/action', true, -4) AS last_four,
       length(journey_path(touchpoint(ch, act, at), 'channel/action', true)) = length(path(journey_agg(touchpoint(ch, act, at)), 'channel/action', true)) AS same_length
FROM (SELECT (ARRAY['search', 'web', 'app'])[1 + i % 3] AS ch, (ARRAY['view', 'view', 'click'])[1 + i % 3] AS act,
             timestamptz '2025-03-01 00:00:00+00' - i * interval '1 minute' AS at
      FROM generate_series(1, 70) AS i ORDER BY i) t;
