-- journey_wildcard: '*' for any channel or any action in funnel steps (funnel_level,
-- funnel_times, funnel_times_seconds, funnel_agg) beside the same in journey patterns:
-- hand-computed cases, the same funnels with every wildcard replaced by an explicit label that
-- the matching touchpoints carry, a recursive-SQL oracle, funnel_agg in serial and parallel
-- plans, funnel_state round trips (with a state as 0.1.0 wrote it), and the errors.
SET TimeZone = 'UTC';

CREATE TABLE wild_touches (customer_id int, channel text, action text, at timestamptz);
INSERT INTO wild_touches VALUES
  -- 1: search, a web view, a purchase in the app 30 minutes after the search
  (1, 'search', 'click', '2025-01-01 10:00'), (1, 'web', 'view', '2025-01-01 10:05'),
  (1, 'app', 'purchase', '2025-01-01 10:30'),
  -- 2: the purchase (in the store) comes before the search
  (2, 'store', 'purchase', '2025-01-01 09:00'), (2, 'search', 'click', '2025-01-01 10:00'),
  -- 3: a purchase in the store 25 hours after the search
  (3, 'search', 'click', '2025-01-01 10:00'), (3, 'store', 'purchase', '2025-01-02 11:00'),
  -- 4: web without an action, then a web view; no purchase
  (4, 'search', NULL, '2025-01-01 10:00'), (4, 'web', NULL, '2025-01-01 10:10'),
  (4, 'web', 'view', '2025-01-01 10:20'),
  -- 5: a purchase on a channel literally named *, which a wildcard matches as any other
  (5, 'search', 'click', '2025-01-01 10:00'), (5, '*', 'purchase', '2025-01-01 10:01');
CREATE TABLE wild_journeys AS
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM wild_touches GROUP BY customer_id;

-- hand-computed levels: (funnel, window, mode, customer, expected level)
CREATE TABLE wild_expected (funnel text[], win interval, mode text, customer_id int, expected int);
INSERT INTO wild_expected
SELECT ARRAY['search', '*/purchase'], interval '1 day', 'default', c, e
FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY[2, 1, 1, 1, 2]) u(c, e)
UNION ALL
SELECT ARRAY['search', '*/purchase'], interval '2 days', 'default', c, e
FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY[2, 1, 2, 1, 2]) u(c, e)
UNION ALL    -- web/* is web: a web step with or without an action
SELECT ARRAY['search', 'web/*', '*/purchase'], interval '1 day', 'default', c, e
FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY[3, 1, 1, 2, 1]) u(c, e)
UNION ALL    -- one touchpoint matches all three steps and serves them at one time
SELECT ARRAY['*', '*', '*'], interval '1 day', 'default', c, e
FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY[3, 3, 3, 3, 3]) u(c, e)
UNION ALL    -- strict_increase: every touchpoint also matches step 1 and restarts the chain at
             -- its own time (as in windowFunnel), so no later step is strictly later than step 1
SELECT ARRAY['*', '*/*', '*'], interval '1 day', 'strict_increase', c, e
FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY[1, 1, 1, 1, 1]) u(c, e)
UNION ALL    -- strict_order: the web view between search and purchase ends customer 1's search
SELECT ARRAY['search', '*/purchase'], interval '1 day', 'strict_order', c, e
FROM unnest(ARRAY[1, 2, 3, 4, 5], ARRAY[1, 1, 1, 1, 2]) u(c, e);
SELECT e.funnel, e.win, e.mode, e.customer_id, e.expected,
       funnel_level(j.j, e.funnel, e.win, e.mode) AS level,
       a.level AS agg_level,
       CASE WHEN funnel_level(j.j, e.funnel, e.win, e.mode) = e.expected AND a.level = e.expected
            THEN 'ok' ELSE 'WRONG' END AS check
FROM wild_expected e JOIN wild_journeys j USING (customer_id)
JOIN LATERAL (SELECT funnel_agg(touchpoint(channel, action, at), e.funnel, e.win, e.mode) AS level
              FROM wild_touches t WHERE t.customer_id = e.customer_id) a ON true
ORDER BY e.funnel::text, e.win, e.mode, e.customer_id;

-- the chain's times, as intervals and as seconds
SELECT customer_id,
       funnel_times(j, ARRAY['search', 'web/*', '*/purchase'], '2 days') AS times,
       funnel_times_seconds(j, ARRAY['search', 'web/*', '*/purchase'], '2 days') AS seconds,
       funnel_times(j, ARRAY['search', '*/purchase'], '2 days') AS purchase_times,
       funnel_times_seconds(j, ARRAY['search', '*/purchase'], '2 days') AS purchase_seconds
FROM wild_journeys ORDER BY customer_id;

-- funnel steps and patterns spell the wildcards alike: a search later followed by a purchase on
-- any channel (no ties in this data, so journey order and funnel order agree)
SELECT customer_id,
       funnel_level(j, ARRAY['search', '*/purchase'], '106751991 days') = 2 AS funnel,
       journey_matches(j, 'search .* */purchase') AS pattern,
       funnel_level(j, ARRAY['search', 'web/*'], '106751991 days') = 2 AS funnel_web,
       journey_matches(j, 'search .* web/*') AS pattern_web
FROM wild_journeys ORDER BY customer_id;

-- a * that is not the whole part is a literal label: a channel named "web*" is matched by
-- 'web*' and not by 'web'; '**' is a literal channel too
SELECT funnel_level(j, ARRAY['web*'], '1 day') AS "web*", funnel_level(j, ARRAY['web'], '1 day') AS web,
       funnel_level(j, ARRAY['**'], '1 day') AS "**", funnel_level(j, ARRAY['*'], '1 day') AS "*"
FROM (VALUES ('{"version": 1, "steps": ["web*@2025-01-01 10:00:00+00"]}'::journey)) v(j);

--------------------------------------------------------------------------------------------
-- random journeys: each wildcard funnel against the same funnel with every wildcard step k
-- replaced by the label 'wk', carried by a copy of each touchpoint that step k matches (in
-- the modes where a copy changes nothing else), and against a recursive-SQL oracle
--------------------------------------------------------------------------------------------
SELECT cxm_test.setseed(0.25);
CREATE TABLE wild_random AS
SELECT c AS customer_id, (ARRAY['a', 'b', 'c', 'd', 'x'])[1 + floor(cxm_test.random() * 5)::int] AS channel,
       (ARRAY[NULL, 'v', 'w'])[1 + floor(cxm_test.random() * 3)::int] AS action,
       timestamptz '2025-01-01 00:00:00+00' + floor(cxm_test.random() * 40) * interval '15 minutes' AS at
FROM generate_series(1, 300) c, generate_series(1, 1 + c % 12) i;
CREATE TABLE wild_random_journeys AS
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM wild_random GROUP BY customer_id;
CREATE TABLE wild_funnels (funnel text[], win interval);
INSERT INTO wild_funnels VALUES
  (ARRAY['a', '*/v', 'c'], '1 hour'), (ARRAY['*/w', 'b/*', '*'], '2 hours'),
  (ARRAY['*', '*/v'], '30 minutes'), (ARRAY['b/*', 'b', '*/*', '*/w'], '5 hours'),
  (ARRAY['*/v', '*/v', '*/v'], '3 hours');
-- whether funnel step f matches a touchpoint
CREATE FUNCTION pg_temp.step_matches(f text, channel text, action text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT split_part(f, '/', 1) IN ('*', channel)
         AND (position('/' IN f) = 0 OR split_part(f, '/', 2) IN ('*', action)) $$;
CREATE FUNCTION pg_temp.is_wildcard(f text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT split_part(f, '/', 1) = '*' OR (position('/' IN f) > 0 AND split_part(f, '/', 2) = '*') $$;
-- the funnel with explicit labels, over the touchpoints and their labelled copies
CREATE FUNCTION pg_temp.explicit_level(funnel text[], win interval, mode text)
RETURNS TABLE (customer_id int, level int) LANGUAGE sql AS $$
  SELECT customer_id,
         funnel_agg(touchpoint(channel, action, at),
                    ARRAY(SELECT CASE WHEN pg_temp.is_wildcard(f) THEN 'w' || k ELSE f END
                          FROM unnest(funnel) WITH ORDINALITY u(f, k) ORDER BY k), win, mode)
  FROM (SELECT customer_id, channel, action, at FROM wild_random
        UNION ALL
        SELECT t.customer_id, 'w' || k, t.action, t.at
        FROM wild_random t, unnest(funnel) WITH ORDINALITY u(f, k)
        WHERE pg_temp.is_wildcard(f) AND pg_temp.step_matches(f, t.channel, t.action)) x
  GROUP BY customer_id $$;
CREATE FUNCTION pg_temp.oracle_level(funnel text[], win interval) RETURNS TABLE (customer_id int, level int)
LANGUAGE sql AS $$
  WITH RECURSIVE events AS (
    SELECT customer_id, at, k - 1 AS step,
           row_number() OVER (PARTITION BY customer_id ORDER BY at, k) AS pos
    FROM wild_random t, generate_subscripts(funnel, 1) k
    WHERE pg_temp.step_matches(funnel[k], t.channel, t.action)
  ), chain AS (
    SELECT customer_id, at AS start_at, pos, 1 AS level FROM events WHERE step = 0
    UNION
    SELECT c.customer_id, c.start_at, e.pos, c.level + 1
    FROM chain c JOIN events e ON e.customer_id = c.customer_id AND e.step = c.level
      AND e.pos > c.pos AND e.at <= c.start_at + win
  )
  SELECT j.customer_id, coalesce(max(c.level), 0)
  FROM wild_random_journeys j LEFT JOIN chain c USING (customer_id) GROUP BY j.customer_id $$;
SELECT f.funnel, m.mode, count(*) AS customers,
       count(*) FILTER (WHERE e.level = funnel_level(r.j, f.funnel, f.win, m.mode)) AS agree_explicit,
       count(*) FILTER (WHERE a.level = funnel_level(r.j, f.funnel, f.win, m.mode)) AS agree_agg,
       count(*) FILTER (WHERE funnel_level(r.j, f.funnel, f.win, m.mode) >= 2) AS reach_step_2
FROM wild_funnels f,
     (VALUES ('default'), ('strict_deduplication'), ('strict_increase')) m(mode),
     LATERAL pg_temp.explicit_level(f.funnel, f.win, m.mode) e
     JOIN wild_random_journeys r USING (customer_id)
     JOIN LATERAL (SELECT funnel_agg(touchpoint(channel, action, at), f.funnel, f.win, m.mode) AS level
                   FROM wild_random t WHERE t.customer_id = r.customer_id) a ON true
GROUP BY f.funnel, m.mode ORDER BY f.funnel::text, m.mode;
SELECT f.funnel, count(*) AS customers,
       count(*) FILTER (WHERE o.level = funnel_level(r.j, f.funnel, f.win)) AS agree_oracle,
       count(*) FILTER (WHERE a.level = funnel_level(r.j, f.funnel, f.win, 'strict_order')) AS strict_order_agg_agrees
FROM wild_funnels f, pg_temp.oracle_level(f.funnel, f.win) o
     JOIN wild_random_journeys r USING (customer_id)
     JOIN LATERAL (SELECT funnel_agg(touchpoint(channel, action, at), f.funnel, f.win, 'strict_order') AS level
                   FROM wild_random t WHERE t.customer_id = r.customer_id) a ON true
GROUP BY f.funnel ORDER BY f.funnel::text;
-- patterns: each wildcard term against the alternatives it stands for, over channels a b c d x
-- and actions v w
SELECT p.wild, p.explicit, count(*) AS journeys,
       count(*) FILTER (WHERE journey_match_count(j, p.wild) = journey_match_count(j, p.explicit)) AS agree,
       sum(journey_match_count(j, p.wild)) AS matches
FROM wild_random_journeys,
     (VALUES ('*/v', '(a/v | b/v | c/v | d/v | x/v)'),
             ('a */v+ c', 'a (a/v | b/v | c/v | d/v | x/v)+ c'),
             ('b/* */w', 'b (a/w | b/w | c/w | d/w | x/w)'),
             ('*/* ->[< 1 hour] */v', '. ->[< 1 hour] (a/v | b/v | c/v | d/v | x/v)')) p(wild, explicit)
GROUP BY p.wild, p.explicit ORDER BY p.wild;

--------------------------------------------------------------------------------------------
-- funnel_agg with wildcard steps in a forced parallel plan: the same levels as funnel_level of
-- serially built journeys and as the explicit-label funnel
--------------------------------------------------------------------------------------------
CREATE TABLE wild_big AS
SELECT i % 3000 AS customer_id, (ARRAY['web', 'email', 'app', 'search'])[1 + (i * 7919) % 10007 % 4] AS channel,
       (ARRAY['view', 'purchase', NULL])[1 + (i * 7853) % 10009 % 3] AS action,
       timestamptz '2025-01-01 00:00:00+00' + ((i * 7919) % 5000) * interval '1 minute' AS at
FROM generate_series(1, 60000) i;
ANALYZE wild_big;
CREATE TABLE wild_big_serial AS
SELECT customer_id, funnel_level(journey_agg(touchpoint(channel, action, at)), ARRAY['search', 'web/*', '*/purchase'], '1 day') AS level,
       funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/*', '*/purchase'], '1 day') AS agg_level
FROM wild_big GROUP BY customer_id;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT customer_id, funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/*', '*/purchase'], '1 day')
FROM wild_big GROUP BY customer_id;
SELECT count(*) AS customers, count(*) FILTER (WHERE s.level = p.level AND s.agg_level = p.level) AS same_levels,
       count(*) FILTER (WHERE p.level = 3) AS reach_step_3
FROM wild_big_serial s JOIN (
    SELECT customer_id, funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web/*', '*/purchase'], '1 day') AS level
    FROM wild_big GROUP BY customer_id) p USING (customer_id);
RESET enable_hashagg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT count(*) AS customers, count(*) FILTER (WHERE s.level = x.level) AS same_as_explicit
FROM wild_big_serial s JOIN (
    SELECT customer_id, funnel_agg(touchpoint(channel, action, at), ARRAY['search', 'web', 'w3/purchase'], '1 day') AS level
    FROM (SELECT customer_id, channel, action, at FROM wild_big
          UNION ALL
          SELECT customer_id, 'w3', action, at FROM wild_big WHERE action = 'purchase') t
    GROUP BY customer_id) x USING (customer_id);

--------------------------------------------------------------------------------------------
-- funnel_state: wildcard steps round-trip in text and binary; a state as 0.1.0 wrote it
-- reads back the same
--------------------------------------------------------------------------------------------
SELECT s, s::text::funnel_state = s AS text_round_trip,
       (SELECT value FROM cxm_test.recv('funnel_state', funnel_state_send(s)))::funnel_state = s
         AS binary_round_trip,
       funnel_agg_final(s) AS level
FROM (SELECT '{"version": 1, "steps": ["search", "*/purchase", "web/*", "*"], "window_usecs": 86400000000, "mode": "default",
              "event_times": [0, 60000000, 120000000, 120000000], "event_steps": [0, 1, 2, 3]}'::funnel_state AS s) t;
SELECT s::text = '{"version": 1, "steps": ["web", "email"], "window_usecs": 86400000000, "mode": "default", "event_times": [0, 3600000000], "event_steps": [0, 1]}' AS same_text,
       funnel_agg_final(s) AS level
FROM (SELECT '{"version": 1, "steps": ["web", "email"], "window_usecs": 86400000000, "mode": "default", "event_times": [0, 3600000000], "event_steps": [0, 1]}'::funnel_state AS s) t;
-- states of '*/purchase' and of 'web/purchase' are different funnels
SELECT * FROM cxm_test.error_of($$SELECT funnel_agg_combine(
  '{"version": 1, "steps": ["*/purchase"], "window_usecs": 10, "mode": "default", "event_times": [], "event_steps": []}'::funnel_state,
  '{"version": 1, "steps": ["web/purchase"], "window_usecs": 10, "mode": "default", "event_times": [], "event_steps": []}'::funnel_state)$$);

--------------------------------------------------------------------------------------------
-- errors: a quoted "*" (funnel steps have no quoting; patterns do), empty parts
--------------------------------------------------------------------------------------------
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['search', '"*"/purchase'], '1 day') FROM wild_journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_times_seconds(j, ARRAY['web/"*"'], '1 day') FROM wild_journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_agg(touchpoint(channel, action, at), ARRAY['"*"'], '1 day') FROM wild_touches$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['*/'], '1 day') FROM wild_journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['/*'], '1 day') FROM wild_journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT funnel_level(j, ARRAY['*/*/*'], '1 day') FROM wild_journeys$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["*/"], "window_usecs": 10, "mode": "default", "event_times": [], "event_steps": []}'::funnel_state$$);
