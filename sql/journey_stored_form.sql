-- journey_stored_form: a stored journey takes the compact form (a dictionary of its labels, then
-- a label byte and a varint time per step) when it fits, at most 16 channels, 15 actions and
-- 32 kB, and the record form otherwise. Every reader gives from both forms what the raw
-- touchpoints give: funnels in every mode (with ties), paths, lengths, sessions, transitions,
-- equality and hashing, merging; and a journey_agg state kept by an aggregate of one's own (the
-- compact form in arrival order) reads the same.
SET TimeZone = 'UTC';

CREATE TABLE sf_events AS
SELECT i % 300 AS cid,
       (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint4(i)) % 6] AS ch,
       (ARRAY['view', 'click', NULL])[1 + abs(hashint4(i + 7)) % 3] AS act,
       -- whole hours over three days: many steps share a time
       timestamptz '2025-01-01' + (abs(hashint4(i * 3)) % 72) * interval '1 hour' AS at
FROM generate_series(1, 6000) i;
-- customers 0 to 9 also reach 20 more channels (more than 16 in all): the record form
INSERT INTO sf_events
SELECT c, 'channel' || k, NULL, timestamptz '2025-01-02' + k * interval '1 minute'
FROM generate_series(0, 9) c, generate_series(1, 20) k;
-- customer 1000: 9,000 steps microseconds apart, more than 32 kB compact: the record form
INSERT INTO sf_events
SELECT 1000, (ARRAY['web', 'app'])[1 + i % 2], 'view',
       timestamptz '2025-01-01' + i * interval '1.000001 seconds'
FROM generate_series(1, 9000) i;
CREATE TABLE sf_journeys AS
SELECT cid, journey_agg(touchpoint(ch, act, at)) AS j FROM sf_events GROUP BY cid;

-- the bytes a step takes in each form
SELECT CASE WHEN cid < 10 THEN 'more than 16 channels' WHEN cid = 1000 THEN 'more than 32 kB'
            ELSE 'compact' END AS journeys,
       count(*), round(avg(pg_column_size(j)::numeric / journey_length(j)), 1) AS bytes_per_step
FROM sf_journeys GROUP BY 1 ORDER BY 1;

-- funnels, every mode, against funnel_agg over the touchpoints
SELECT m AS mode, count(*) FILTER (WHERE funnel_level(s.j, f.steps, f.w, m) = r.level) AS same,
       count(*) AS customers
FROM sf_journeys s
CROSS JOIN (VALUES (ARRAY['search', 'web/view', 'app/*', 'email'], interval '6 hours'),
                   (ARRAY['*/click', 'channel3', '*'], interval '2 days')) f(steps, w)
CROSS JOIN unnest(ARRAY['', 'strict_order', 'strict_deduplication', 'strict_increase']) m
JOIN LATERAL (SELECT funnel_agg(touchpoint(ch, act, at), f.steps, f.w, m) AS level
              FROM sf_events e WHERE e.cid = s.cid) r ON true
GROUP BY m ORDER BY m;

-- funnel_times: each level's offsets are those of a chain that reaches it
SELECT count(*) FILTER (WHERE cardinality(funnel_times(j, ARRAY['search', 'web/view', 'app/*'], '6 hours'))
                              = funnel_level(j, ARRAY['search', 'web/view', 'app/*'], '6 hours')) AS same,
       count(*) AS customers
FROM sf_journeys;

-- paths, lengths and transitions against the touchpoints
SELECT count(*) FILTER (WHERE path(s.j, 'channel/action', true) = r.path) AS same_path,
       count(*) FILTER (WHERE journey_length(s.j) = r.steps) AS same_length,
       count(*) AS customers
FROM sf_journeys s
JOIN (SELECT cid, journey_path(touchpoint(ch, act, at), 'channel/action', true) AS path,
             count(*) AS steps
      FROM sf_events GROUP BY cid) r USING (cid);
SELECT (SELECT transition_counts(j) FROM sf_journeys)
     = (SELECT transition_counts(j) FROM (SELECT journey_agg(touchpoint(ch, act, at) ORDER BY at DESC) AS j
                                          FROM sf_events GROUP BY cid) x) AS same_transitions;

-- sessions: the steps of a journey's sessions are its steps
SELECT count(*) FILTER (WHERE n = journey_length(j)) AS same_steps, count(*) AS customers
FROM sf_journeys,
     LATERAL (SELECT sum(journey_length(x))::int AS n FROM sessions(j, '3 hours') x) s;

-- equality and hashing do not depend on the form or the order the steps came in
CREATE TABLE sf_shuffled AS
SELECT cid, journey_agg(touchpoint(ch, act, at) ORDER BY hashint4(cid * 7 + extract(epoch FROM at)::int)) AS j
FROM sf_events GROUP BY cid;
SELECT count(*) FILTER (WHERE a.j = b.j) AS equal, count(*) FILTER (WHERE a.j::text::journey = b.j) AS equal_after_text,
       count(*) AS customers
FROM sf_journeys a JOIN sf_shuffled b USING (cid);
SET enable_hashagg = off;
SELECT count(*) AS sorted_groups FROM (SELECT j FROM sf_journeys UNION SELECT j FROM sf_shuffled) u;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS hashed_groups FROM (SELECT j FROM sf_journeys UNION SELECT j FROM sf_shuffled) u;
RESET enable_sort;

-- merging: halves merged with || and days merged with rollup give the whole journey, stored in
-- the same form (the same bytes once stored)
CREATE TABLE sf_merged AS
SELECT cid, a || b AS merged, r.j AS rolled_up
FROM (SELECT cid, journey_agg(touchpoint(ch, act, at)) FILTER (WHERE extract(hour FROM at) < 12) AS a,
             journey_agg(touchpoint(ch, act, at)) FILTER (WHERE extract(hour FROM at) >= 12) AS b
      FROM sf_events GROUP BY cid) h
JOIN (SELECT cid, rollup(j) AS j
      FROM (SELECT cid, date_trunc('day', at) AS d, journey_agg(touchpoint(ch, act, at)) AS j
            FROM sf_events GROUP BY cid, d) x
      GROUP BY cid) r USING (cid);
SELECT count(*) FILTER (WHERE m.merged = s.j) AS merged_equal,
       count(*) FILTER (WHERE pg_column_size(m.merged) = pg_column_size(s.j)) AS merged_same_size,
       count(*) FILTER (WHERE m.rolled_up = s.j) AS rollup_equal,
       count(*) FILTER (WHERE pg_column_size(m.rolled_up) = pg_column_size(s.j)) AS rollup_same_size,
       count(*) AS customers
FROM sf_journeys s JOIN sf_merged m USING (cid);

-- new steps after a stored journey: appended to one copy of it when its dictionary has their
-- labels and its time unit holds their times, merged otherwise; the same journey either way
CREATE TABLE sf_append (name text, old_steps text, new_steps text);
INSERT INTO sf_append VALUES
    ('known labels, later', '"web@2025-03-01 10:00:00+00", "email/open@2025-03-01 11:00:00+00"',
     '"web@2025-03-01 12:00:00+00", "web/open@2025-03-02 00:00:00+00"'),
    ('a new channel', '"web@2025-03-01 10:00:00+00", "email/open@2025-03-01 11:00:00+00"',
     '"app@2025-03-01 12:00:00+00"'),
    ('a new action', '"web@2025-03-01 10:00:00+00", "email/open@2025-03-01 11:00:00+00"',
     '"web/buy@2025-03-01 12:00:00+00"'),
    ('a finer time', '"web@2025-03-01 10:00:00+00", "email/open@2025-03-01 11:00:00+00"',
     '"web@2025-03-01 12:00:00.5+00"'),
    ('the same time, sorting first', '"web@2025-03-01 10:00:00+00", "web/open@2025-03-01 11:00:00+00"',
     '"web@2025-03-01 11:00:00+00"'),
    ('the same step again', '"web@2025-03-01 10:00:00+00", "email/open@2025-03-01 11:00:00+00"',
     '"email/open@2025-03-01 11:00:00+00"'),
    ('earlier', '"web@2025-03-01 10:00:00+00", "email/open@2025-03-01 11:00:00+00"',
     '"web@2025-03-01 09:00:00+00"');
SELECT name, merged::text AS merged, merged = whole AS same, pg_column_size(merged) = pg_column_size(whole) AS same_bytes
FROM (SELECT name,
             ('{"version": 1, "steps": [' || old_steps || ']}')::journey
             || ('{"version": 1, "steps": [' || new_steps || ']}')::journey AS merged,
             ('{"version": 1, "steps": [' || old_steps || ', ' || new_steps || ']}')::journey AS whole
      FROM sf_append) x;
DROP TABLE sf_append;

-- a journey_agg state kept by an aggregate of one's own: the compact form in arrival order
CREATE AGGREGATE sf_state(touchpoint) (SFUNC = journey_agg_trans, STYPE = journey);
SELECT count(*) FILTER (WHERE funnel_level(st.j, ARRAY['search', 'web/view', 'app/*'], '6 hours')
                              = funnel_level(s.j, ARRAY['search', 'web/view', 'app/*'], '6 hours')
                        AND path(st.j) = path(s.j) AND st.j = s.j) AS same,
       count(*) AS customers
FROM sf_journeys s
JOIN (SELECT cid, sf_state(touchpoint(ch, act, at) ORDER BY at DESC) AS j
      FROM sf_events WHERE cid BETWEEN 10 AND 299 GROUP BY cid) st USING (cid);
DROP AGGREGATE sf_state(touchpoint);
-- starting from an empty journey (INITCOND) builds the same journeys
CREATE AGGREGATE sf_from_empty(touchpoint) (SFUNC = journey_agg_trans, STYPE = journey,
                                            INITCOND = '{"version": 1, "steps": []}');
SELECT count(*) FILTER (WHERE e.j = s.j) AS same, count(*) AS customers
FROM sf_journeys s
JOIN (SELECT cid, sf_from_empty(touchpoint(ch, act, at)) AS j FROM sf_events GROUP BY cid) e USING (cid);
DROP AGGREGATE sf_from_empty(touchpoint);

-- a parallel plan (states combined) stores the same bytes as a serial one
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) CREATE TABLE sf_parallel AS
SELECT cid, journey_agg(touchpoint(ch, act, at)) AS j FROM sf_events GROUP BY cid;
CREATE TABLE sf_parallel AS
SELECT cid, journey_agg(touchpoint(ch, act, at)) AS j FROM sf_events GROUP BY cid;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT count(*) FILTER (WHERE p.j = s.j AND pg_column_size(p.j) = pg_column_size(s.j)) AS same,
       count(*) AS customers
FROM sf_journeys s JOIN sf_parallel p USING (cid);

-- merging with an empty side or NULL gives the journey back, whatever the step limit
SET cxm.max_journey_steps = 5;
SELECT count(*) FILTER (WHERE (j || '{"version": 1, "steps": []}'::journey) = j
                          AND ('{"version": 1, "steps": []}'::journey || j) = j
                          AND (j || NULL::journey) = j AND (j || NULL::touchpoint) = j) AS same,
       count(*) AS customers
FROM sf_journeys;
RESET cxm.max_journey_steps;
DROP TABLE sf_events, sf_journeys, sf_shuffled, sf_merged, sf_parallel;
