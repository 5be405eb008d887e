-- journey_path_state: journey_path's aggregate state (the steps so far and the path options),
-- and the journey's stored formats: version 2 without the options, and the readers of what
-- cxm 0.1.0 wrote (text with options, binary version 1, the 20-byte on-disk header).

CREATE TABLE jps_touches (customer_id int, channel text, action text, at timestamptz);
INSERT INTO jps_touches VALUES
    (1, 'search', NULL, '2025-03-01 09:00+00'), (1, 'web', 'view', '2025-03-01 09:05+00'),
    (1, 'web', 'view', '2025-03-01 09:06+00'), (1, 'email', 'open', '2025-03-02 08:00+00'),
    (1, 'web', 'buy', '2025-03-02 08:10+00'),
    (2, 'web', 'view', '2025-03-05 12:00+00'), (2, 'app', NULL, '2025-03-05 11:00+00'),
    (3, 'email', NULL, '2025-03-07 10:00+00');

-- the state before the final function, as journey_path builds it
CREATE AGGREGATE cxm_test.path_states(touchpoint, text, boolean, int4) (
    SFUNC = journey_path_trans, STYPE = journey_path_state);
CREATE TABLE jps_states AS
SELECT customer_id, cxm_test.path_states(touchpoint(channel, action, at), 'channel/action', true, -3) AS s
FROM jps_touches GROUP BY customer_id;
SELECT customer_id, s FROM jps_states ORDER BY customer_id;
SELECT customer_id, journey_path_final(s),
       journey_path_final(s) = (SELECT journey_path(touchpoint(channel, action, at), 'channel/action', true, -3)
                                FROM jps_touches t WHERE t.customer_id = s.customer_id) AS same_as_journey_path
FROM jps_states s ORDER BY customer_id;

-- text and binary round trips; = does not depend on the order steps arrived in
SELECT customer_id, s::text::journey_path_state = s AS text_round_trip,
       (SELECT value FROM cxm_test.recv('journey_path_state', journey_path_state_send(s)))::journey_path_state = s
           AS binary_round_trip,
       encode(journey_path_state_send(s), 'hex') AS sent
FROM jps_states ORDER BY customer_id;
SELECT '{"version": 1, "steps": ["b@2025-01-02 00:00:00+00", "a@2025-01-01 00:00:00+00"]}'::journey_path_state AS defaults,
       '{"version": 1, "steps": ["b@2025-01-02 00:00:00+00", "a@2025-01-01 00:00:00+00"]}'::journey_path_state
     = '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"], "path_label": "channel", "path_keep_repeats": 0, "path_limit": 0}'
       AS same,
       '{"version": 1, "steps": [], "path_limit": 2}'::journey_path_state
     = '{"version": 1, "steps": []}' AS other_options_equal;

-- combine: the steps of both, the options of both (which must agree)
SELECT journey_path_final(journey_path_combine(a.s, b.s)) AS combined,
       journey_path_combine(a.s, b.s) = journey_path_combine(b.s, a.s) AS symmetric
FROM jps_states a, jps_states b WHERE a.customer_id = 1 AND b.customer_id = 2;
\x on
SELECT * FROM cxm_test.error_of($$SELECT journey_path_combine(
    '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00"], "path_label": "channel/action"}',
    '{"version": 1, "steps": ["b@2025-01-01 00:00:00+00"]}')$$);
SELECT * FROM cxm_test.error_of($$SELECT journey_path_combine(
    '{"version": 1, "steps": [], "path_keep_repeats": 1, "path_limit": 5}',
    '{"version": 1, "steps": [], "path_keep_repeats": 1, "path_limit": -5}')$$);
\x off

-- journey_path in a forced parallel plan (Partial Aggregate) equals the serial result
CREATE TABLE jps_big AS
SELECT i % 500 AS customer_id, (ARRAY['web', 'email', 'app', 'search'])[1 + (i * 7) % 4] AS channel,
       (ARRAY['view', NULL, 'click'])[1 + i % 3] AS action,
       timestamptz '2025-01-01 00:00:00+00' + ((i * 7919) % 5000) * interval '1 minute' AS at
FROM generate_series(1, 60000) i;
ANALYZE jps_big;
CREATE TABLE jps_serial AS
SELECT (SELECT journey_path(touchpoint(channel, action, at), 'channel/action', true, 40) FROM jps_big) AS all_path,
       (SELECT journey_path(touchpoint(channel, action, at), 'channel', false, -25) FROM jps_big) AS all_last,
       (SELECT journey_path(touchpoint(channel, action, at)) FROM jps_big WHERE customer_id = 7) AS one_path;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
ALTER TABLE jps_big SET (parallel_workers = 2);
SELECT * FROM cxm_test.explain($$SELECT journey_path(touchpoint(channel, action, at), 'channel/action', true, 40) FROM jps_big$$);
SELECT (SELECT journey_path(touchpoint(channel, action, at), 'channel/action', true, 40) FROM jps_big) = all_path AS same_path,
       (SELECT journey_path(touchpoint(channel, action, at), 'channel', false, -25) FROM jps_big) = all_last AS same_last,
       (SELECT journey_path(touchpoint(channel, action, at)) FROM jps_big WHERE customer_id = 7) = one_path AS same_one,
       all_last
FROM jps_serial;
-- and grouped (Partial GroupAggregate), against path() of the serial journeys
SET enable_hashagg = off;
SELECT * FROM cxm_test.explain($$SELECT customer_id, journey_path(touchpoint(channel, action, at), 'channel/action', false, -3) FROM jps_big GROUP BY customer_id$$);
SELECT count(*) AS customers, count(*) FILTER (WHERE p.p = path(s.j, 'channel/action', false, -3)) AS same_paths
FROM (SELECT customer_id, journey_path(touchpoint(channel, action, at), 'channel/action', false, -3) AS p
      FROM jps_big GROUP BY customer_id) p
JOIN (SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM jps_big GROUP BY customer_id) s
  USING (customer_id);
RESET enable_hashagg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

-- the journey no longer carries path options: journey_agg's value and its text are the steps
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j
FROM jps_touches GROUP BY customer_id ORDER BY customer_id;
SELECT encode(journey_send(journey_agg(touchpoint(channel, action, at))), 'hex') AS sent_version_2
FROM jps_touches WHERE customer_id = 3;

-- journeys written by cxm 0.1.0 -------------------------------------------------------------
-- text with the path options: accepted (checked as then), the options left out
SELECT '{"version": 1, "steps": ["b@2025-01-02 00:00:00+00", "a/x@2025-01-01 00:00:00+00"], "path_label": "channel/action", "path_keep_repeats": 1, "path_limit": -2}'::journey AS with_options,
       '{"version": 1, "steps": ["b@2025-01-02 00:00:00+00", "a/x@2025-01-01 00:00:00+00"], "path_label": "channel/action", "path_keep_repeats": 1, "path_limit": -2}'::journey
     = '{"version": 1, "steps": ["a/x@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}'::journey AS equal_without;
-- binary version 1 (int8 version, int8 label, int8 keep-repeats, int32 limit, int32 steps, steps)
-- reads back as the same steps; the options are checked and left out
SELECT state, value,
       value::journey = (SELECT journey_agg(touchpoint(channel, action, at)) FROM jps_touches WHERE customer_id = 2)
           AS equal_to_built_now
FROM cxm_test.recv('journey', '\x0101010000000200000002'
    || (SELECT string_agg(int4send(length(touchpoint_send(tp))) || touchpoint_send(tp), ''::bytea ORDER BY tp)
        FROM (SELECT touchpoint(channel, action, at) AS tp FROM jps_touches WHERE customer_id = 2) t));
SELECT state, message FROM cxm_test.recv('journey', '\x0102000000000000000000');  -- bad label
SELECT state, message FROM cxm_test.recv('journey', '\x0100008000000000000000');  -- limit INT32_MIN
SELECT state, message FROM cxm_test.recv('journey', '\x0200000000');              -- version 2, no steps
SELECT state, message FROM cxm_test.recv('journey', '\x02000000');                -- version 2, truncated
SELECT state, message FROM cxm_test.recv('journey', '\x0300000000');              -- version 3
-- stored (on disk) with the 20-byte header of version 1: a journey_path_state has that layout,
-- so its bytes, relabelled as a journey, are a journey as 0.1.0 stored it (options included)
CREATE CAST (journey_path_state AS journey) WITHOUT FUNCTION;
CREATE TABLE jps_v1 AS SELECT customer_id, s::journey AS j FROM jps_states;
SELECT v1.customer_id, v1.j, v1.j = now.j AS equal, journey_hash(v1.j) = journey_hash(now.j) AS same_hash,
       journey_cmp(v1.j, now.j) AS cmp, journey_length(v1.j), path(v1.j, 'channel/action'),
       v1.j::text::journey = now.j AS text_round_trip,
       (SELECT value FROM cxm_test.recv('journey', journey_send(v1.j)))::journey = now.j AS binary_round_trip
FROM jps_v1 v1
JOIN (SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM jps_touches GROUP BY customer_id) now
  USING (customer_id)
ORDER BY customer_id;
SELECT count(*) AS groups FROM (SELECT j FROM jps_v1 UNION SELECT journey_agg(touchpoint(channel, action, at))
                                FROM jps_touches GROUP BY customer_id) u;
SELECT journey_agg_final(journey_agg_combine(a.j, b.j)) AS combined_old_and_new
FROM jps_v1 a, (SELECT journey_agg(touchpoint(channel, action, at)) AS j FROM jps_touches WHERE customer_id = 3) b
WHERE a.customer_id = 2;
DROP CAST (journey_path_state AS journey);

-- errors
\x on
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "steps": []}'::journey_path_state$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": [], "path_label": "action"}'::journey_path_state$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": [], "path_keep_repeats": 2}'::journey_path_state$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": [], "path_limit": -2147483648}'::journey_path_state$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["web"]}'::journey_path_state$$);
SELECT state, message FROM cxm_test.recv('journey_path_state', '\x01');
SELECT state, message FROM cxm_test.recv('journey_path_state', '\x0200000000000000000000');
SELECT state, message FROM cxm_test.recv('journey_path_state', '\x0100020000000000000000');
SELECT state, message FROM cxm_test.recv('journey_path_state', '\x0100000000000000000001');
SELECT * FROM cxm_test.error_of($$SELECT journey_path_trans(NULL::journey_path_state, touchpoint('web', now()))$$);
\x off
SELECT cxm_test.soft_invalid('{"version": 1, "steps": ["web"]}', 'journey_path_state') AS bad_step,
       cxm_test.soft_invalid('{"version": 1, "steps": [], "path_label": "x"}', 'journey_path_state') AS bad_label;
