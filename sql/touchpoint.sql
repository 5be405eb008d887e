-- touchpoint: literals, constructors, accessors, round trips, ordering, indexes, joins, errors.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';

--------------------------------------------------------------------------------------------
-- literals: output is canonical UTC ISO 8601 with an explicit offset
--------------------------------------------------------------------------------------------
SELECT 'email/open@2025-03-01 10:00:00+00'::touchpoint AS with_action,
       'web@2025-03-01 10:00:00+00'::touchpoint AS without_action;
-- white space around the parts is ignored; offsets and zone names are converted to UTC
SELECT '  web / view @ 2025-03-01 10:00:00+02  '::touchpoint AS offset_2,
       'store@2025-07-01 09:30 America/New_York'::touchpoint AS zone_name,
       'app/push@2025-03-01T10:00:00.123456Z'::touchpoint AS iso_t_micro,
       'app@epoch'::touchpoint AS epoch;
-- microseconds are kept; trailing zeros are not printed
SELECT 'a@2025-01-01 00:00:00.000001+00'::touchpoint, 'a@2025-01-01 00:00:00.5+00'::touchpoint;
-- the full timestamptz range, BC dates included
SELECT 'a@4714-11-24 00:00:00+00 BC'::touchpoint AS earliest,
       'a@0044-03-15 12:00:00+00 BC'::touchpoint AS bc,
       'a@294276-12-31 23:59:59.999999+00'::touchpoint AS latest;
-- labels: case-sensitive, inner spaces, punctuation and non-ASCII characters are kept
SELECT 'Paid Search (Brand)/click-through@2025-03-01 10:00:00+00'::touchpoint,
       'e-mail_2.0/öffnen@2025-03-01 10:00:00+00'::touchpoint,
       'WEB@2025-03-01 10:00:00+00'::touchpoint = 'web@2025-03-01 10:00:00+00'::touchpoint AS case_equal;
-- a label of exactly 255 bytes is accepted
SELECT length(channel((repeat('x', 255) || '@2025-01-01 00:00:00+00')::touchpoint));
-- a literal without an offset is read in the session TimeZone, like timestamptz
SET TimeZone = 'Asia/Kolkata';
SELECT 'web@2025-03-01 10:00:00'::touchpoint;
SET TimeZone = 'UTC';

--------------------------------------------------------------------------------------------
-- constructors and accessors
--------------------------------------------------------------------------------------------
SELECT touchpoint('email', 'open', '2025-03-01 10:00:00+00') AS three_args,
       touchpoint('email', '2025-03-01 10:00:00+00') AS two_args,
       touchpoint('email', NULL, '2025-03-01 10:00:00+00') AS null_action;
SELECT channel(tp), action(tp), occurred_at(tp)
FROM (VALUES ('email/open@2025-03-01 10:00:00.25+00'::touchpoint),
             ('web@2025-03-01 10:00:00+00')) AS v(tp);
-- a constructed and a parsed touchpoint are the same value
SELECT touchpoint('email', 'open', '2025-03-01 10:00:00+00')
       = 'email/open@2025-03-01 10:00:00+00'::touchpoint AS same;
-- NULL channel or time gives NULL; a NULL action means "no action"
SELECT touchpoint(NULL, 'open', now()) IS NULL AS null_channel,
       touchpoint('web', 'open', NULL) IS NULL AS null_time,
       touchpoint(NULL, now()) IS NULL AS null_channel_2,
       touchpoint('web', NULL::timestamptz) IS NULL AS null_time_2,
       action(touchpoint('web', NULL, now())) IS NULL AS no_action;
SELECT channel(NULL::touchpoint), action(NULL::touchpoint), occurred_at(NULL::touchpoint);
-- from the rows of an ordinary table
CREATE TABLE interactions_t (customer_id int, channel text, action text, occurred_at timestamptz);
INSERT INTO interactions_t VALUES
  (1, 'web', 'view', '2025-03-01 10:00:00+00'),
  (1, 'email', NULL, '2025-03-01 09:00:00+00'),
  (2, 'store', 'purchase', '2025-03-02 12:00:00+00'),
  (2, NULL, 'view', '2025-03-02 11:00:00+00');
SELECT customer_id, touchpoint(channel, action, occurred_at)
FROM interactions_t ORDER BY customer_id, 2;

--------------------------------------------------------------------------------------------
-- text round trip, independent of DateStyle and TimeZone
--------------------------------------------------------------------------------------------
CREATE TABLE tp_values (id serial, tp touchpoint);
INSERT INTO tp_values (tp) VALUES
  ('email/open@2025-03-01 10:00:00+00'), ('web@2025-03-01 10:00:00.123456+00'),
  ('a@4714-11-24 00:00:00+00 BC'), ('a@294276-12-31 23:59:59.999999+00'),
  ('a@0001-01-01 00:00:00+00'), ('a@0001-12-31 23:59:59.999999+00 BC'),
  ('Paid Search (Brand)/click@1999-12-31 23:59:59+00'), ('x/ü@2000-01-01 00:00:00+00'),
  ('store@2024-02-29 23:59:59.999999+00'), ('app@1970-01-01 00:00:00+00');
CREATE TABLE tp_text AS SELECT id, tp::text AS t FROM tp_values;
CREATE FUNCTION pg_temp.round_trip_failures() RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM tp_values v JOIN tp_text x USING (id)
  WHERE v.tp::text::touchpoint <> v.tp OR v.tp::text <> x.t OR x.t::touchpoint <> v.tp $$;
SET DateStyle = 'SQL, DMY';       SET TimeZone = 'America/Los_Angeles';
SELECT current_setting('DateStyle'), current_setting('TimeZone'), pg_temp.round_trip_failures();
SET DateStyle = 'German';         SET TimeZone = 'Asia/Kathmandu';
SELECT current_setting('DateStyle'), current_setting('TimeZone'), pg_temp.round_trip_failures();
SET DateStyle = 'Postgres, YMD';  SET TimeZone = 'Pacific/Chatham';
SELECT current_setting('DateStyle'), current_setting('TimeZone'), pg_temp.round_trip_failures();
SET IntervalStyle = 'sql_standard'; SET DateStyle = 'ISO, DMY'; SET TimeZone = '-11';
SELECT current_setting('DateStyle'), current_setting('TimeZone'), pg_temp.round_trip_failures();
SELECT tp FROM tp_values ORDER BY id;
RESET IntervalStyle; SET DateStyle = 'ISO, MDY'; SET TimeZone = 'UTC';

-- binary form (send): version 1, flags, int64 time, int16-counted labels
SELECT touchpoint_send('email/open@2000-01-01 00:00:01+00');
SELECT touchpoint_send('web@2000-01-01 00:00:00+00');

-- binary COPY round trip (recv is what COPY FROM ... (FORMAT binary) calls)
\copy tp_values TO 'results/touchpoint.bin' WITH (FORMAT binary)
CREATE TABLE tp_values_copy (LIKE tp_values);
\copy tp_values_copy FROM 'results/touchpoint.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE v.tp = c.tp AND v.tp::text = c.tp::text) AS equal
FROM tp_values v JOIN tp_values_copy c USING (id);

-- recv validates as strictly as text input (payloads are what a binary-mode driver sends)
SELECT value, value::touchpoint = tp AS equal
FROM tp_values, cxm_test.recv('touchpoint', touchpoint_send(tp)) ORDER BY id;
\x on
SELECT * FROM cxm_test.recv('touchpoint', '\x010100000000000000000003776562000476696577');
SELECT * FROM cxm_test.recv('touchpoint', '\x020000000000000000000003776562');  -- version
SELECT * FROM cxm_test.recv('touchpoint', '\x010400000000000000000003776562');  -- flags
SELECT * FROM cxm_test.recv('touchpoint', '\x01007fffffffffffffff0003776562');    -- infinity
SELECT * FROM cxm_test.recv('touchpoint', '\x010080000000000000000003776562');    -- -infinity
SELECT * FROM cxm_test.recv('touchpoint', '\x01007ffffffffffffffe0003776562');    -- out of range
SELECT * FROM cxm_test.recv('touchpoint', '\x010000000000000000000000');          -- empty label
SELECT * FROM cxm_test.recv('touchpoint', '\x010000000000000000000003772f62');    -- reserved
SELECT * FROM cxm_test.recv('touchpoint', '\x010000000000000000000002c328');      -- bad UTF-8
SELECT * FROM cxm_test.recv('touchpoint', '\x010000000000000000000005776562');    -- too short
SELECT * FROM cxm_test.recv('touchpoint', '\x010100000000000000000003776562');    -- no action
SELECT * FROM cxm_test.recv('touchpoint', '\x01000000000000000000000377656200');  -- trailing
SELECT * FROM cxm_test.recv('touchpoint', '\x0100');                              -- truncated
SELECT * FROM cxm_test.recv('touchpoint', '\x');                                  -- empty
\x off

--------------------------------------------------------------------------------------------
-- comparison: time, then channel, then action (no action first); byte-wise labels
--------------------------------------------------------------------------------------------
CREATE TABLE tp_order (tp touchpoint);
INSERT INTO tp_order VALUES
  ('web/view@2025-03-01 10:00:00+00'), ('email@2025-03-01 10:00:00+00'),
  ('web@2025-03-01 10:00:00+00'), ('web/click@2025-03-01 10:00:00+00'),
  ('Web@2025-03-01 10:00:00+00'), ('web@2025-03-01 09:59:59.999999+00'),
  ('web@2025-03-01 10:00:00.000001+00'), ('we@2025-03-01 10:00:00+00'),
  ('web/view@2025-03-01 10:00:00+00'), (NULL);
SELECT tp FROM tp_order ORDER BY tp;
SELECT tp FROM tp_order ORDER BY tp DESC NULLS LAST LIMIT 3;
SELECT DISTINCT tp FROM tp_order WHERE tp IS NOT NULL ORDER BY tp;
SELECT tp, count(*) FROM tp_order GROUP BY tp HAVING count(*) > 1;
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge,
       touchpoint_cmp(a, b)
FROM (VALUES ('web@2025-03-01 10:00:00+00'::touchpoint, 'web/view@2025-03-01 10:00:00+00'::touchpoint),
             ('web/view@2025-03-01 10:00:00+00', 'web/view@2025-03-01 10:00:00+00'),
             ('z@2025-03-01 09:00:00+00', 'a@2025-03-01 10:00:00+00'),
             ('ab@2025-03-01 10:00:00+00', 'a@2025-03-01 10:00:00+00')) AS v(a, b);
SELECT min(tp), max(tp) FROM tp_order;

-- hashing: equal values hash equally however they were built; extended seed 0 matches
SELECT touchpoint_hash('email/open@2025-03-01 10:00:00+00')
       = touchpoint_hash(touchpoint('email', 'open', '2025-03-01 11:00:00+01')) AS same_hash,
       touchpoint_hash('email/open@2025-03-01 10:00:00+00')
       <> touchpoint_hash('email@2025-03-01 10:00:00+00') AS differs,
       (touchpoint_hash_extended('email/open@2025-03-01 10:00:00+00', 0) & 4294967295)
       = (touchpoint_hash('email/open@2025-03-01 10:00:00+00')::int8 & 4294967295) AS seed0;

-- the operator classes are valid
SELECT opcname, amname, amvalidate(c.oid)
FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
WHERE opcname LIKE 'touchpoint%' ORDER BY opcname;

--------------------------------------------------------------------------------------------
-- indexes and joins
--------------------------------------------------------------------------------------------
CREATE TABLE tp_big AS
SELECT i AS id,
       touchpoint((ARRAY['web','email','store','app'])[1 + i % 4],
                  CASE WHEN i % 3 = 0 THEN NULL ELSE (ARRAY['view','click'])[1 + i % 2] END,
                  '2025-01-01 00:00:00+00'::timestamptz + (i / 7) * interval '1 minute') AS tp
FROM generate_series(1, 5000) AS i;
CREATE INDEX tp_big_btree ON tp_big (tp);
CREATE INDEX tp_big_hash ON tp_big USING hash (tp);
ANALYZE tp_big;
SET enable_seqscan = off; SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM tp_big WHERE tp = 'email/view@2025-01-01 00:00:00+00';
EXPLAIN (COSTS OFF) SELECT id, tp FROM tp_big WHERE tp >= 'web@2025-01-01 01:00:00+00' ORDER BY tp LIMIT 5;
SELECT id, tp FROM tp_big WHERE tp >= 'web@2025-01-01 01:00:00+00' ORDER BY tp LIMIT 5;
SELECT id, tp FROM tp_big WHERE tp = touchpoint('web', 'view', '2025-01-01 01:00:00+00');
DROP INDEX tp_big_btree;
EXPLAIN (COSTS OFF) SELECT id FROM tp_big WHERE tp = 'web/view@2025-01-01 01:00:00+00';
SELECT id FROM tp_big WHERE tp = 'web/view@2025-01-01 01:00:00+00';
RESET enable_seqscan; RESET enable_bitmapscan;
-- an index that enforces uniqueness
CREATE UNIQUE INDEX tp_values_unique ON tp_values (tp);
SELECT * FROM cxm_test.error_of($$INSERT INTO tp_values (tp) VALUES ('app@1970-01-01 00:00:00+00')$$);

CREATE TABLE tp_other AS SELECT id, tp FROM tp_big WHERE id % 10 = 0;
ANALYZE tp_other;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM tp_big b JOIN tp_other o ON b.tp = o.tp;
SELECT count(*), sum(b.id - o.id) FROM tp_big b JOIN tp_other o ON b.tp = o.tp;
RESET enable_mergejoin; SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM tp_big b JOIN tp_other o ON b.tp = o.tp;
SELECT count(*), sum(b.id - o.id) FROM tp_big b JOIN tp_other o ON b.tp = o.tp;
RESET enable_hashjoin; RESET enable_nestloop;
-- hash aggregation and sorted aggregation agree
SET enable_sort = off;
SELECT count(*) FROM (SELECT tp FROM tp_big GROUP BY tp) s;
RESET enable_sort; SET enable_hashagg = off;
SELECT count(*) FROM (SELECT tp FROM tp_big GROUP BY tp) s;
RESET enable_hashagg;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
\x on
-- malformed literals: 22P02, quoting the input
SELECT * FROM cxm_test.error_of($$SELECT 'email/open'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT ''::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT '@2025-03-01 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'email/@2025-03-01 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT '/open@2025-03-01 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'email/open/now@2025-03-01 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'web>app@2025-03-01 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT E'web\tapp@2025-03-01 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT (repeat('x', 256) || '@2025-01-01')::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'web@'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'web@yesterday-ish'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'web@2025-02-30 10:00:00+00'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'web@infinity'::touchpoint$$);
SELECT * FROM cxm_test.error_of($$SELECT 'web@-infinity'::touchpoint$$);
-- bad constructor arguments: 22023
SELECT * FROM cxm_test.error_of($$SELECT touchpoint('', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint('web', '', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint('web/app', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint('web', 'a@b', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint(' web', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint(E'web\n', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint(repeat('é', 200), now())$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint('web', 'infinity'::timestamptz)$$);
SELECT * FROM cxm_test.error_of($$SELECT touchpoint('web', 'view', '-infinity'::timestamptz)$$);
\x off

--------------------------------------------------------------------------------------------
-- min/max aggregates: plain, forced parallel (combine function), and via an index (SORTOP)
--------------------------------------------------------------------------------------------
CREATE TABLE tp_many AS
SELECT touchpoint((ARRAY['web','email','store','app','social','search'])[1 + i % 6],
                  CASE WHEN i % 5 = 0 THEN NULL ELSE 'view' END,
                  '2025-01-01 00:00:00+00'::timestamptz + ((i * 7919) % 100003) * interval '1 second') AS tp
FROM generate_series(1, 200000) AS i;
INSERT INTO tp_many VALUES (NULL);
ANALYZE tp_many;
SELECT min(tp), max(tp), count(tp) FROM tp_many;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT min(tp), max(tp), count(tp) FROM tp_many;
SELECT min(tp), max(tp), count(tp) FROM tp_many;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
CREATE INDEX tp_many_btree ON tp_many (tp);
SELECT * FROM cxm_test.explain($$SELECT min(tp) FROM tp_many$$);
SELECT min(tp), max(tp) FROM tp_many;
SELECT min(tp) IS NULL AS empty_is_null FROM tp_many WHERE false;
-- a state survives a text round trip
SELECT min(tp)::text::touchpoint = min(tp) AS round_trip FROM tp_many;
