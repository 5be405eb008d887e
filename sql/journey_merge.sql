-- journey_merge: journey || journey, journey || touchpoint, touchpoint || journey and
-- rollup(journey) give the journey journey_agg builds from all the steps (checked on random
-- splits with ties and duplicates), the step limit, parallel plans, and the refresh recipe of
-- docs/journeys.md (refreshed table = rebuilt table, late events included).
SET TimeZone = 'UTC';

--------------------------------------------------------------------------------------------
-- the operators
--------------------------------------------------------------------------------------------
CREATE TABLE merge_a_b (a journey, b journey);
INSERT INTO merge_a_b VALUES
    -- b after a (append), a after b (prepend), interleaved, equal times, duplicates
    ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "email/open@2025-03-02 09:00:00+00"]}',
     '{"version": 1, "steps": ["app@2025-03-03 08:00:00+00"]}'),
    ('{"version": 1, "steps": ["app@2025-03-03 08:00:00+00"]}',
     '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "email/open@2025-03-02 09:00:00+00"]}'),
    ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "app@2025-03-03 08:00:00+00"]}',
     '{"version": 1, "steps": ["email/open@2025-03-02 09:00:00+00", "store@2025-03-04 00:00:00+00"]}'),
    ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "web/view@2025-03-01 10:00:00+00"]}',
     '{"version": 1, "steps": ["app@2025-03-01 10:00:00+00", "web@2025-03-01 10:00:00+00"]}'),
    ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}',
     '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}'),
    ('{"version": 1, "steps": []}', '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}'),
    ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}', '{"version": 1, "steps": []}'),
    ('{"version": 1, "steps": []}', '{"version": 1, "steps": []}'),
    (NULL, '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}'),
    ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}', NULL),
    (NULL, NULL);
SELECT a || b AS merged, journey_length(a || b) AS steps, (a || b) = (b || a) AS commutes
FROM merge_a_b;
SELECT j || tp AS appended, tp || j AS prepended
FROM (VALUES ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "email/open@2025-03-02 09:00:00+00"]}'::journey,
              'app/click@2025-03-03 08:00:00+00'::touchpoint),
             ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "email/open@2025-03-02 09:00:00+00"]}',
              'app/click@2025-03-01 12:00:00+00'),
             ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}', 'web@2025-03-01 10:00:00+00'),
             ('{"version": 1, "steps": []}', 'web@2025-03-01 10:00:00+00'),
             (NULL, 'web@2025-03-01 10:00:00+00'),
             ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}', NULL),
             (NULL, NULL)) AS t(j, tp);
-- the functions behind the operators
SELECT journey_merge('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}', '{"version": 1, "steps": ["app@2025-03-01 09:00:00+00"]}'),
       journey_append('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}', 'app@2025-03-01 09:00:00+00'),
       journey_prepend('app@2025-03-01 09:00:00+00', '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}');
--------------------------------------------------------------------------------------------
-- journey_agg(all steps) = journey_agg(A) || journey_agg(B) on random splits
--------------------------------------------------------------------------------------------
-- 200 customers, times on a coarse grid (many equal times), some rows twice (duplicates)
CREATE TABLE merge_touches AS
SELECT (abs(hashint8(i)) % 200)::int AS customer_id,
       (ARRAY['web', 'email', 'app', 'search'])[1 + abs(hashint8(i + 7)) % 4] AS channel,
       (ARRAY['view', 'click', NULL])[1 + abs(hashint8(i + 11)) % 3] AS action,
       timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 40) * interval '1 hour' AS at,
       i
FROM generate_series(1, 3000) i, generate_series(1, 1 + (i % 5 = 0)::int) twice;
CREATE TABLE merge_whole AS
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM merge_touches GROUP BY customer_id;
-- splits: random rows, early/late by time (append and prepend), all on one side (empty other side)
CREATE TABLE merge_splits AS
SELECT s.split, t.customer_id,
       journey_agg(touchpoint(t.channel, t.action, t.at)) FILTER (WHERE s.side_a) AS a,
       journey_agg(touchpoint(t.channel, t.action, t.at)) FILTER (WHERE NOT s.side_a) AS b
FROM merge_touches t,
     LATERAL (VALUES ('random', abs(hashint8(t.i * 31)) % 2 = 0),
                     ('random 1 in 10', abs(hashint8(t.i * 37)) % 10 <> 0),
                     ('by time', t.at < timestamptz '2025-01-02 08:00:00+00'),
                     ('by time, reversed', t.at >= timestamptz '2025-01-02 08:00:00+00'),
                     ('all in a', true),
                     ('all in b', false)) AS s(split, side_a)
GROUP BY s.split, t.customer_id;
-- (same bytes: the same steps and the same size, both in memory: a stored value of less than
-- 127 bytes has a 1-byte header)
SELECT s.split, count(*) AS customers,
       count(*) FILTER (WHERE s.a || s.b = w.j) AS same_steps,
       count(*) FILTER (WHERE journey_send(s.a || s.b) = journey_send(w.j)
                          AND pg_column_size(s.a || s.b) = w.size) AS same_bytes,
       count(*) FILTER (WHERE s.b || s.a = w.j) AS reversed_same,
       count(*) FILTER (WHERE s.a IS NULL OR s.b IS NULL) AS one_side_empty
FROM merge_splits s
JOIN (SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j,
             pg_column_size(journey_agg(touchpoint(channel, action, at))) AS size
      FROM merge_touches GROUP BY customer_id) w USING (customer_id)
GROUP BY s.split ORDER BY s.split;
-- one touchpoint at a time, in random order, gives the same journey
CREATE FUNCTION pg_temp.one_by_one(c int) RETURNS journey LANGUAGE plpgsql AS $$
DECLARE
    j journey;
    r record;
BEGIN
    FOR r IN SELECT touchpoint(channel, action, at) AS tp, i FROM merge_touches WHERE customer_id = c
             ORDER BY hashint8(i * 13) LOOP
        j := CASE WHEN r.i % 2 = 0 THEN j || r.tp ELSE r.tp || j END;
    END LOOP;
    RETURN j;
END $$;
SELECT count(*) AS customers, count(*) FILTER (WHERE pg_temp.one_by_one(customer_id) = j) AS same
FROM merge_whole WHERE customer_id < 50;

--------------------------------------------------------------------------------------------
-- rollup(journey)
--------------------------------------------------------------------------------------------
-- daily journeys rolled up (in time order and in random order) = journeys of all the days
CREATE TABLE merge_daily AS
SELECT customer_id, date_trunc('day', at) AS day, journey_agg(touchpoint(channel, action, at)) AS j
FROM merge_touches GROUP BY customer_id, date_trunc('day', at);
SELECT count(*) AS customers, count(*) FILTER (WHERE r.j = w.j) AS same_steps,
       count(*) FILTER (WHERE journey_send(r.j) = journey_send(w.j)
                          AND r.size = w.size) AS same_bytes
FROM (SELECT customer_id, rollup(j) AS j, pg_column_size(rollup(j)) AS size
      FROM (SELECT * FROM merge_daily ORDER BY day) d GROUP BY customer_id) r
JOIN (SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j,
             pg_column_size(journey_agg(touchpoint(channel, action, at))) AS size
      FROM merge_touches GROUP BY customer_id) w USING (customer_id);
SELECT count(*) AS customers, count(*) FILTER (WHERE r.j = w.j) AS same_steps
FROM (SELECT customer_id, rollup(j) AS j FROM (SELECT * FROM merge_daily ORDER BY day DESC) d GROUP BY customer_id) r
JOIN merge_whole w USING (customer_id);
-- NULLs are skipped; no rows, or only NULLs, give NULL
SELECT rollup(j) FROM (VALUES (NULL::journey), ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00"]}'),
                              (NULL), ('{"version": 1, "steps": ["app@2025-03-01 09:00:00+00"]}')) t(j);
SELECT rollup(j) IS NULL AS no_rows FROM merge_daily WHERE false;
SELECT rollup(NULL::journey) IS NULL AS only_nulls;
SELECT rollup(j) FROM (VALUES ('{"version": 1, "steps": []}'::journey)) t(j);
-- the transition function runs only in an aggregate
SELECT * FROM cxm_test.error_of($$SELECT journey_rollup_trans('{"version": 1, "steps": []}', '{"version": 1, "steps": []}')$$);
-- a parallel plan (partial states combined) gives the same journeys
ALTER TABLE merge_daily SET (parallel_workers = 2);
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT customer_id, rollup(j) FROM merge_daily GROUP BY customer_id;
SELECT count(*) AS customers, count(*) FILTER (WHERE r.j = w.j) AS same_steps,
       count(*) FILTER (WHERE journey_send(r.j) = journey_send(w.j)) AS same_binary
FROM (SELECT customer_id, rollup(j) AS j FROM merge_daily GROUP BY customer_id) r JOIN merge_whole w USING (customer_id);
EXPLAIN (COSTS OFF) SELECT rollup(j) FROM merge_daily;
SELECT journey_length(rollup(j)) = (SELECT count(*) FROM merge_touches) AS all_steps,
       journey_send(rollup(j)) = (SELECT journey_send(journey_agg(touchpoint(channel, action, at))) FROM merge_touches) AS same_binary
FROM merge_daily;
RESET enable_hashagg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

--------------------------------------------------------------------------------------------
-- the step limit (cxm.max_journey_steps) holds for merged journeys as for journey_agg
--------------------------------------------------------------------------------------------
SET cxm.max_journey_steps = 3;
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "app@2025-03-02 10:00:00+00"]}'::journey
    || '{"version": 1, "steps": ["web@2025-03-03 10:00:00+00", "app@2025-03-04 10:00:00+00"]}'::journey$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "app@2025-03-02 10:00:00+00", "x@2025-03-02 11:00:00+00"]}'::journey
    || 'web@2025-03-03 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(j) FROM (VALUES ('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "app@2025-03-02 10:00:00+00"]}'::journey),
    ('{"version": 1, "steps": ["web@2025-03-03 10:00:00+00", "app@2025-03-04 10:00:00+00"]}')) t(j)$$);
-- up to the limit is fine
SELECT journey_length('{"version": 1, "steps": ["web@2025-03-01 10:00:00+00", "app@2025-03-02 10:00:00+00"]}'::journey
    || 'web@2025-03-03 10:00:00+00'::touchpoint) AS steps;
RESET cxm.max_journey_steps;

--------------------------------------------------------------------------------------------
-- round trips of merged journeys
--------------------------------------------------------------------------------------------
SELECT count(*) AS journeys,
       count(*) FILTER (WHERE (a || b)::text::journey = a || b) AS text_same,
       count(*) FILTER (WHERE (SELECT value FROM cxm_test.recv('journey', journey_send(a || b)))::journey = a || b) AS binary_same
FROM merge_splits WHERE split = 'random' AND customer_id < 20;

--------------------------------------------------------------------------------------------
-- the refresh recipe: new events since a watermark merged into a journeys table equal the
-- journeys rebuilt from all events, late events (before a journey's last step) included
--------------------------------------------------------------------------------------------
CREATE TABLE merge_events (customer_id int, channel text, action text, occurred_at timestamptz,
                     loaded_at timestamptz);
-- three loads; each load's events mostly follow the earlier ones, some arrive late
INSERT INTO merge_events
SELECT customer_id, channel, action, at + (load - 1) * interval '1 day'
           - CASE WHEN abs(hashint8(i * 3)) % 5 = 0 THEN interval '2 days' ELSE interval '0' END,
       timestamptz '2025-02-01 00:00:00+00' + load * interval '1 day'
FROM merge_touches, generate_series(1, 3) load
WHERE abs(hashint8(i * load)) % 3 = 0;
CREATE TABLE merge_journeys (customer_id int PRIMARY KEY, j journey NOT NULL) WITH (fillfactor = 90);
CREATE TABLE merge_refresh_watermark (loaded_until timestamptz NOT NULL);
INSERT INTO merge_refresh_watermark VALUES ('-infinity');
CREATE PROCEDURE pg_temp.refresh(up_to timestamptz) LANGUAGE sql AS $$
    INSERT INTO merge_journeys AS js (customer_id, j)
    SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at))
    FROM merge_events
    WHERE loaded_at > (SELECT loaded_until FROM merge_refresh_watermark) AND loaded_at <= up_to
    GROUP BY customer_id
    ON CONFLICT (customer_id) DO UPDATE SET j = js.j || excluded.j;
    UPDATE merge_refresh_watermark SET loaded_until = up_to;
$$;
CALL pg_temp.refresh('2025-02-02 00:00:00+00');
CALL pg_temp.refresh('2025-02-03 00:00:00+00');
CALL pg_temp.refresh('2025-02-04 00:00:00+00');
CALL pg_temp.refresh('2025-02-04 00:00:00+00');	-- nothing new: nothing changes
SELECT (SELECT count(*) FROM merge_journeys) AS customers,
       (SELECT count(*) FROM merge_events e JOIN LATERAL (SELECT max(occurred_at) AS last FROM merge_events p
            WHERE p.customer_id = e.customer_id AND p.loaded_at < e.loaded_at) p ON true
        WHERE e.occurred_at < p.last) AS late_events,
       (SELECT count(*) FROM merge_journeys r FULL JOIN (
            SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
            FROM merge_events GROUP BY customer_id) b USING (customer_id)
        WHERE journey_send(r.j) IS DISTINCT FROM journey_send(b.j)) AS differ_from_rebuild;
-- the same refresh with MERGE (PostgreSQL 15 and later; older servers copy the table so that
-- the output is the same)
CREATE TABLE merge_journeys_merged (customer_id int PRIMARY KEY, j journey NOT NULL) WITH (fillfactor = 90);
DO $$
BEGIN
    IF current_setting('server_version_num')::int < 150000 THEN
        INSERT INTO merge_journeys_merged SELECT * FROM merge_journeys;
        RETURN;
    END IF;
    FOR load IN 1..3 LOOP
        EXECUTE format($q$
            MERGE INTO merge_journeys_merged js
            USING (SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
                   FROM merge_events WHERE loaded_at = %L GROUP BY customer_id) n
            ON js.customer_id = n.customer_id
            WHEN MATCHED THEN UPDATE SET j = js.j || n.j
            WHEN NOT MATCHED THEN INSERT VALUES (n.customer_id, n.j)$q$,
            timestamptz '2025-02-01 00:00:00+00' + load * interval '1 day');
    END LOOP;
END $$;
SELECT count(*) AS customers, count(*) FILTER (WHERE journey_send(m.j) IS DISTINCT FROM journey_send(r.j)) AS differ_from_upsert
FROM merge_journeys_merged m FULL JOIN merge_journeys r USING (customer_id);
