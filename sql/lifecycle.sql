-- lifecycle: activity_periods, activity_summary, retention / churn / lifecycle tables,
-- churn_status; time zones, month ends, DST, parallel plans, round trips, a plain-SQL oracle.
SET TimeZone = 'UTC';

CREATE TABLE activity (customer_id int, signed_up_at timestamptz, active_at timestamptz);
INSERT INTO activity VALUES
  (1, '2025-01-03', '2025-01-05'), (1, '2025-01-03', '2025-02-10'), (1, '2025-01-03', '2025-04-02'),
  (1, '2025-01-03', '2024-12-31'),            -- before the start: not counted
  (1, '2025-01-03', '2025-05-20'),            -- in the period not complete at as_of: not counted
  (2, '2025-01-20', NULL),                    -- no activity: still a customer (LEFT JOIN style)
  (3, '2025-01-31', '2025-01-31 23:30+00'), (3, '2025-01-31', '2025-03-01 00:30+00'),
  (4, '2025-03-15', '2025-03-15'), (4, '2025-03-15', '2025-03-16');

-- per customer: periods since their own sign-up, calendar months, as of 2025-06-01
SELECT customer_id, activity_periods(active_at, signed_up_at, '1 month', '2025-06-01')
FROM activity GROUP BY customer_id, signed_up_at ORDER BY customer_id;
-- period 1 of a customer who signed up on Jan 31 starts Feb 28 (month ends are clamped)
SELECT customer_id, active_periods(a), complete_periods(a)
FROM (SELECT customer_id, activity_periods(active_at, signed_up_at, '1 month', '2025-06-01') AS a
      FROM activity GROUP BY customer_id, signed_up_at) t ORDER BY customer_id;
-- time zones: with periods starting at local midnight of Jan 1, 2025-01-31 23:30 UTC is already
-- in February (period 1) in Berlin, still in January (period 0) in New York
SELECT tz, active_periods(activity_periods(t, '2025-01-01 00:00'::timestamp AT TIME ZONE tz,
                                           '1 month', '2025-06-01', tz))
FROM (VALUES ('UTC'), ('Europe/Berlin'), ('America/New_York')) v(tz),
     (VALUES ('2025-01-31 23:30:00+00'::timestamptz)) w(t)
GROUP BY tz ORDER BY tz;
-- days and weeks on the local calendar, across the New York DST change (2025-03-09)
SELECT p, active_periods(activity_periods(t, '2025-03-08 00:00:00-05', p::interval, '2025-03-20', 'America/New_York'))
FROM (VALUES ('1 day'), ('1 week'), ('2 days')) v(p),
     (VALUES ('2025-03-09 23:30:00-04'::timestamptz), ('2025-03-10 00:30:00-04')) w(t)
GROUP BY p ORDER BY p;

-- lifecycle states of one customer on a calendar grid (PostHog's definitions)
SELECT customer_id, (lifecycle_states(a)).*
FROM (SELECT customer_id, activity_periods(active_at, '2025-01-01', '1 month', '2025-06-01') AS a
      FROM activity GROUP BY customer_id) t ORDER BY customer_id, period;

-- cohort retention: customers per sign-up month, periods since each one's own sign-up
SELECT to_char(cohort, 'YYYY-MM') AS cohort, r.*
FROM (SELECT date_trunc('month', signed_up_at) AS cohort, activity_summary(a) AS s
      FROM (SELECT customer_id, signed_up_at,
                   activity_periods(active_at, signed_up_at, '1 month', '2025-06-01') AS a
            FROM activity GROUP BY customer_id, signed_up_at) per_customer
      GROUP BY 1) c,
     retention_table(c.s) r
ORDER BY cohort, period;

-- churn and lifecycle counts per calendar month (one start for everyone)
CREATE TABLE calendar AS
SELECT activity_summary(a) AS s
FROM (SELECT customer_id, activity_periods(active_at, '2025-01-01', '1 month', '2025-06-01') AS a
      FROM activity GROUP BY customer_id) t;
SELECT s FROM calendar;
SELECT customers(s) FROM calendar;
SELECT r.* FROM calendar, churn_table(s) r;
SELECT r.* FROM calendar, lifecycle_table(s) r;

-- customer-level flag
SELECT customer_id, max(active_at) AS last_active,
       churn_status(max(active_at), '2025-06-01', '60 days', '30 days')
FROM activity WHERE active_at IS NOT NULL GROUP BY customer_id ORDER BY customer_id;

--------------------------------------------------------------------------------------------
-- a plain-SQL oracle on random data: time zones, month ends, day and month periods
--------------------------------------------------------------------------------------------
SELECT setseed(0.25);
CREATE TABLE random_activity AS
SELECT c AS customer_id,
       timestamptz '2024-01-31 00:00:00+00' + (c % 97) * interval '1 day 7 hours' AS start,
       timestamptz '2024-01-01 00:00:00+00' + random() * interval '700 days' AS active_at
FROM generate_series(1, 150) c, generate_series(1, 1 + c % 9) i;
INSERT INTO random_activity SELECT c, timestamptz '2024-01-31 00:00:00+00' + (c % 97) * interval '1 day 7 hours', NULL
FROM generate_series(151, 160) c;
CREATE INDEX ON random_activity (customer_id);
ANALYZE random_activity;
CREATE FUNCTION pg_temp.oracle(p interval, tz text, as_of timestamptz)
RETURNS TABLE (period int, customers bigint, retained bigint) LANGUAGE sql AS $$
  WITH grid AS (
    SELECT DISTINCT customer_id, start AT TIME ZONE tz AS local_start FROM random_activity
  ), periods AS (
    SELECT g.customer_id, k, g.local_start + k * p AS lo, g.local_start + (k + 1) * p AS hi
    FROM grid g, generate_series(0, 800) k
    WHERE g.local_start + (k + 1) * p <= as_of AT TIME ZONE tz
  )
  SELECT k, count(*), count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM random_activity a WHERE a.customer_id = ps.customer_id
             AND a.active_at AT TIME ZONE tz >= ps.lo AND a.active_at AT TIME ZONE tz < ps.hi))
  FROM periods ps GROUP BY k $$;
CREATE FUNCTION pg_temp.cxm(p interval, tz text, as_of timestamptz)
RETURNS TABLE (period int, customers bigint, retained bigint) LANGUAGE sql AS $$
  SELECT r.period, r.customers, r.retained
  FROM (SELECT activity_summary(a) AS s
        FROM (SELECT customer_id, activity_periods(active_at, start, p, as_of, tz) AS a
              FROM random_activity GROUP BY customer_id, start) t) u,
       retention_table(u.s) r $$;
SELECT p, tz, (SELECT count(*) FROM pg_temp.oracle(p::interval, tz, '2025-12-01')) AS periods,
       (SELECT count(*) FROM (SELECT * FROM pg_temp.oracle(p::interval, tz, '2025-12-01')
                              EXCEPT SELECT * FROM pg_temp.cxm(p::interval, tz, '2025-12-01')) d) AS oracle_only,
       (SELECT count(*) FROM (SELECT * FROM pg_temp.cxm(p::interval, tz, '2025-12-01')
                              EXCEPT SELECT * FROM pg_temp.oracle(p::interval, tz, '2025-12-01')) d) AS cxm_only
FROM (VALUES ('1 month', 'UTC'), ('1 month', 'America/New_York'), ('1 month', 'Australia/Lord_Howe'),
             ('3 months', 'Europe/Berlin'), ('7 days', 'America/New_York'), ('1 day', 'Australia/Lord_Howe')) v(p, tz)
ORDER BY p, tz;

--------------------------------------------------------------------------------------------
-- parallel plans and round trips
--------------------------------------------------------------------------------------------
CREATE TABLE big_activity AS
SELECT (i % 5000) AS customer_id, timestamptz '2024-01-01 00:00:00+00' + ((i * 7919) % 600) * interval '1 day' AS active_at
FROM generate_series(1, 200000) i;
ANALYZE big_activity;
CREATE TABLE serial_sets AS
SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 week', '2025-09-01', 'Europe/Paris') AS a
FROM big_activity GROUP BY customer_id;
CREATE TABLE serial_summary AS SELECT activity_summary(a) AS s FROM serial_sets;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SET enable_hashagg = off;   -- a partial GroupAggregate per customer, then combine
EXPLAIN (COSTS OFF)
SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 week', '2025-09-01', 'Europe/Paris')
FROM big_activity GROUP BY customer_id;
SELECT count(*) AS customers, count(*) FILTER (WHERE p.a = s.a) AS same_sets
FROM (SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 week', '2025-09-01', 'Europe/Paris') AS a
      FROM big_activity GROUP BY customer_id) p JOIN serial_sets s USING (customer_id);
RESET enable_hashagg;
EXPLAIN (COSTS OFF) SELECT activity_summary(a) FROM serial_sets;
SELECT (SELECT activity_summary(a) FROM serial_sets) = s AS same_summary FROM serial_summary;
SELECT (SELECT rollup(x) FROM (SELECT activity_summary(a) AS x FROM serial_sets GROUP BY customer_id % 7) t) = s
       AS rollup_same FROM serial_summary;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT count(*) FILTER (WHERE a::text::activity_set = a) AS set_text_round_trips,
       count(*) FILTER (WHERE (SELECT value FROM cxm_test.recv('activity_set', activity_set_send(a)))::activity_set = a)
         AS set_binary_round_trips
FROM serial_sets WHERE customer_id < 40;
SELECT s::text::activity_summary = s AS summary_text_round_trip,
       (SELECT value FROM cxm_test.recv('activity_summary', activity_summary_send(s)))::activity_summary = s
         AS summary_binary_round_trip
FROM serial_summary;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
\x on
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), now(), '1 hour', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), now(), '1 month 2 days', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), now(), '-1 day', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), now(), '1 day', now(), 'Mars/Olympus')$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), NULL, '1 day', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), 'infinity', '1 day', now())$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(t, s, '1 day', '2025-06-01') FROM (VALUES ('2025-01-02'::timestamptz, '2025-01-01'::timestamptz), ('2025-01-03', '2025-01-02')) v(t, s)$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), '1700-01-01', '1 day', '2025-01-01')$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_summary(a) FROM (SELECT activity_periods(now(), '2025-01-01', '1 day', '2025-02-01') AS a UNION ALL SELECT activity_periods(now(), '2025-01-01', '1 month', '2025-02-01')) t$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status(now(), now(), '0 days')$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status(now(), now(), '30 days', '60 days')$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1}'::activity_set$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "start": "2025-01-01 00:00:00+00", "period_months": 1, "time_zone": "UTC", "as_of": "2025-06-01 00:00:00+00", "periods": 5, "active": [5]}'::activity_set$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "start": "2025-01-01 00:00:00+00", "period_months": 1, "time_zone": "UTC", "as_of": "2025-06-01 00:00:00+00", "periods": 4, "active": [0]}'::activity_set$$);
-- a span beyond the period limit, or a time out of range in the set's time zone, is a bad value
-- like any other (22P02), and on PostgreSQL 16+ a soft one
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "start": "1700-01-01 00:00:00+00", "period_days": 1, "time_zone": "UTC", "as_of": "2025-01-01 00:00:00+00", "periods": 5, "active": []}'::activity_set$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "start": "2025-01-01 00:00:00+00", "period_days": 1, "time_zone": "Asia/Tokyo", "as_of": "294276-12-31 23:00:00+00", "periods": 5, "active": []}'::activity_set$$);
SELECT cxm_test.soft_invalid('{"version": 1, "start": "1700-01-01 00:00:00+00", "period_days": 1, "time_zone": "UTC", "as_of": "2025-01-01 00:00:00+00", "periods": 5, "active": []}', 'activity_set') AS over_limit,
       cxm_test.soft_invalid('{"version": 1, "start": "2025-01-01 00:00:00+00", "period_days": 1, "time_zone": "Asia/Tokyo", "as_of": "294276-12-31 23:00:00+00", "periods": 5, "active": []}', 'activity_set') AS out_of_range;
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "period_days": 1, "time_zone": "UTC", "sets": 1, "customers": [1], "active": [2], "new": [1], "returning": [0], "resurrecting": [0], "dormant": [0]}'::activity_summary$$);
SELECT state, message FROM cxm_test.recv('activity_set', '\x0100');
SELECT state, message FROM cxm_test.recv('activity_summary', '\x0100');
\x off

-- time zone names are printable ASCII without '"' and '\': the text form writes them unescaped.
-- pg_tzset takes the POSIX spec 'Erope/Ber\3n', and a binary value with it (and a byte that is
-- not UTF-8) printed text that did not read back (found by test/fuzz/long_run.sh)
SELECT state, message FROM cxm_test.recv('activity_set', '\x010100000001000000050002cd987ed480000002d97618de2000000d45b6726f70652f4265725c336e0a');
SELECT state, message FROM cxm_test.recv('activity_set', '\x010100000001000000050002cd987ed480000002d97618de2000000c45726f70652f4265725c336e0a');
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), '2025-01-01', '1 month', '2025-06-01', 'Erope/Ber\3n')$$);
SELECT activity_periods('2025-02-03', '2025-01-01', '1 month', '2025-06-01', '<+0330>-3:30');
