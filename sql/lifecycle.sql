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

--------------------------------------------------------------------------------------------
-- one time-zone rule: without a time zone argument, activity_periods and churn_status count on
-- the calendar of the session TimeZone (as date_trunc and timestamptz + interval do), and an
-- explicit time zone fixes it
--------------------------------------------------------------------------------------------
SET TimeZone = 'America/New_York';
-- local midnight of Mar 1 to local midnight of Mar 12 are 11 days (Mar 9 has 23 hours), and
-- the set records the session's zone
SELECT complete_periods(a), active_periods(a), a
FROM (SELECT activity_periods(t, '2025-03-01', '1 day', '2025-03-12') AS a
      FROM (VALUES ('2025-03-09 23:30'::timestamptz), ('2025-03-11 23:59')) v(t)) s;
-- the same set as with the zone passed explicitly; cut in UTC the same span is 10 days
SELECT activity_periods(t, '2025-03-01', '1 day', '2025-03-12')
         = activity_periods(t, '2025-03-01', '1 day', '2025-03-12', 'America/New_York') AS same_as_explicit,
       complete_periods(activity_periods(t, '2025-03-01', '1 day', '2025-03-12', 'UTC')) AS utc_periods
FROM (VALUES ('2025-03-09 23:30'::timestamptz)) v(t);
-- across both DST changes of 2025: every period starts at local midnight, exactly where
-- timestamptz + interval puts it, and churn_status flips to 'churned' at that very instant
CREATE TABLE hourly AS
SELECT t FROM generate_series(timestamptz '2025-03-07', '2025-03-12', '1 hour') t
UNION ALL SELECT t FROM generate_series(timestamptz '2025-10-31', '2025-11-05', '1 hour') t;
SELECT s.period, s.period_start, s.state,
       s.period_start = start + s.period * interval '1 day' AS is_start_plus_days,
       churn_status(start, s.period_start, s.period * interval '1 day') AS at_period_start,
       churn_status(start, s.period_start - interval '1 microsecond', s.period * interval '1 day') AS just_before
FROM (VALUES (timestamptz '2025-03-07'), ('2025-10-31')) v(start),
     LATERAL (SELECT activity_periods(t, start, '1 day', start + interval '5 days') AS a
              FROM hourly WHERE t >= start AND t < start + interval '5 days') x,
     lifecycle_states(x.a) s
WHERE s.period > 0
ORDER BY s.period_start;
-- month periods from local midnight of Oct 31: Nov 30 is the clamped month end, like + interval
SELECT period, period_start, period_start = timestamptz '2024-10-31' + period * interval '1 month' AS is_start_plus_months
FROM lifecycle_states((SELECT activity_periods(t, '2024-10-31', '1 month', '2025-04-01')
                       FROM generate_series(timestamptz '2024-10-31', '2025-03-31', '1 day') t));
-- churn_status: the session's calendar, or an explicit zone. Noon EST of Mar 8 plus one day is
-- noon EDT of Mar 9, 23 hours later; in UTC it is 24 hours later
SELECT churn_status('2025-03-08 12:00', '2025-03-09 12:00', '1 day') AS session_ny,
       churn_status('2025-03-08 12:00', '2025-03-09 12:00', '1 day', NULL, 'America/New_York') AS explicit_ny,
       churn_status('2025-03-08 12:00', '2025-03-09 12:00', '1 day', NULL, 'UTC') AS explicit_utc,
       churn_status('2025-03-08 12:00', '2025-03-09 12:00', '2 days', '1 day', 'America/New_York') AS at_risk_ny,
       churn_status('2025-03-08 12:00', '2025-03-09 12:00', '2 days', '1 day', 'UTC') AS at_risk_utc,
       churn_status('2025-03-08 12:00', '2025-03-09 12:00', '1 day', NULL, NULL) AS null_zone,
       churn_status(NULL, '2025-03-09 12:00', '1 day', NULL, 'UTC') AS null_last;
-- the explicit zone gives in any session what the session's zone gives in that session: random
-- times and thresholds with months, days and hours, at the threshold and a microsecond before
SELECT setseed(0.5);
CREATE TABLE churn_cases AS
SELECT timestamptz '2024-01-01' + random() * interval '700 days' AS last_activity,
       make_interval(months => (random() * 3)::int, days => (random() * 40)::int,
                     hours => 1 + (random() * 30)::int) AS churned_after
FROM generate_series(1, 400);
CREATE TABLE churn_ny AS
SELECT last_activity, churned_after, last_activity + churned_after AS threshold,
       churn_status(last_activity, last_activity + churned_after, churned_after) AS at_threshold,
       churn_status(last_activity, last_activity + churned_after - interval '1 microsecond', churned_after) AS before
FROM churn_cases;
SELECT count(*) AS cases, count(*) FILTER (WHERE at_threshold = 'churned' AND before = 'active') AS session_ok
FROM churn_ny;
SET TimeZone = 'UTC';
SELECT count(*) FILTER (WHERE churn_status(last_activity, threshold, churned_after, NULL, 'America/New_York') = at_threshold
                          AND churn_status(last_activity, threshold - interval '1 microsecond', churned_after, NULL,
                                           'America/New_York') = before) AS explicit_same,
       count(*) FILTER (WHERE churn_status(last_activity, threshold, churned_after) <> at_threshold
                          OR churn_status(last_activity, threshold - interval '1 microsecond', churned_after) <> before)
         > 0 AS utc_differs
FROM churn_ny;

-- forced parallel plans in a New York session: workers inherit the session TimeZone, so the
-- partial sets they build combine into the serial ones, recorded as America/New_York
SET TimeZone = 'America/New_York';
CREATE TABLE ny_serial AS
SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 day', '2025-09-01') AS a
FROM big_activity GROUP BY customer_id;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 day', '2025-09-01')
FROM big_activity GROUP BY customer_id;
SELECT count(*) AS customers, count(*) FILTER (WHERE p.a = s.a) AS same_sets,
       count(*) FILTER (WHERE p.a::text LIKE '%"time_zone": "America/New_York"%') AS new_york_sets
FROM (SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 day', '2025-09-01') AS a
      FROM big_activity GROUP BY customer_id) p JOIN ny_serial s USING (customer_id);
RESET enable_hashagg;
EXPLAIN (COSTS OFF)
SELECT activity_summary(a) FROM (SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 day', '2025-09-01') AS a
                                 FROM big_activity GROUP BY customer_id) t;
SELECT (SELECT activity_summary(a) FROM ny_serial)
       = (SELECT activity_summary(a) FROM (SELECT customer_id, activity_periods(active_at, '2024-01-01', '1 day', '2025-09-01') AS a
                                           FROM big_activity GROUP BY customer_id) t) AS same_summary;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

-- sets built in sessions with different zones do not combine: a clear error, not a wrong count
CREATE TABLE ny_sets AS
SELECT customer_id, activity_periods(active_at, '2025-01-01', '1 month', '2025-06-01') AS a
FROM activity GROUP BY customer_id;
SET TimeZone = 'Europe/Berlin';
CREATE TABLE berlin_sets AS
SELECT customer_id, activity_periods(active_at, '2025-01-01', '1 month', '2025-06-01') AS a
FROM activity GROUP BY customer_id;
\x on
SELECT * FROM cxm_test.error_of($$SELECT activity_summary(a) FROM (SELECT a FROM ny_sets UNION ALL SELECT a FROM berlin_sets) t$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (SELECT activity_summary(a) AS s FROM ny_sets UNION ALL SELECT activity_summary(a) FROM berlin_sets) t$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_set_combine(n.a, b.a) FROM ny_sets n JOIN berlin_sets b USING (customer_id) WHERE customer_id = 1$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status(now(), now(), '1 day', NULL, 'Mars/Olympus')$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status('2025-01-01', '2025-03-01', '300000 years')$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status('2025-01-01', '2025-03-01', '2147483647 days', NULL, 'UTC')$$);
-- a session zone too long to record in a set: pass the zone explicitly
SET TimeZone = '<-0330>+03:30:00<-0230>+02:30:00,M3.2.0/02:00:00,M11.1.0/02:00:00';
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(now(), '2025-01-01', '1 day', '2025-02-01')$$);
\x off
SELECT complete_periods(activity_periods(now(), '2025-01-01', '1 day', '2025-02-01', 'UTC'));

-- values stored by cxm 0.1.0 (counted in UTC, which 0.1.0 used when no zone was passed) read
-- back unchanged in any session, and their tables keep UTC's period starts
SET TimeZone = 'America/New_York';
SELECT v::activity_set::text = v AS set_unchanged, active_periods(v::activity_set)
FROM (VALUES ('{"version": 1, "start": "2025-01-03 00:00:00+00", "period_months": 1, "time_zone": "UTC", "as_of": "2025-06-01 00:00:00+00", "periods": 4, "active": [0, 1, 2]}')) t(v);
SELECT v::activity_summary::text = v AS summary_unchanged, r.period, r.period_start AT TIME ZONE 'UTC' AS utc_period_start, r.retained
FROM (VALUES ('{"version": 1, "period_months": 1, "time_zone": "UTC", "sets": 2, "start": "2025-01-01 00:00:00+00", "customers": [2, 2], "active": [2, 1], "new": [2, 0], "returning": [0, 1], "resurrecting": [0, 0], "dormant": [0, 1]}')) t(v),
     retention_table(v::activity_summary) r;
RESET TimeZone;

-- several activity_periods calls in one query, with different zones and periods, starts that
-- change from group to group, and the rows of the groups interleaved: each call gives what it
-- gives alone (a call site starts from the zone and start the backend prepared last, and
-- prepares its own whenever the row's differ)
WITH together AS (
    SELECT customer_id % 4 AS g,
           activity_periods(active_at, timestamptz '2024-01-01' + (customer_id % 4) * interval '1 day 5 hours',
                            '1 week', '2025-09-01', 'Europe/Paris') AS paris,
           activity_periods(active_at, '2024-01-02 03:00+00', '1 month', '2025-09-01', 'America/New_York') AS new_york,
           activity_periods(active_at, timestamptz '2024-01-01' - (customer_id % 4) * interval '7 hours',
                            '1 day', '2025-09-01', 'Asia/Kolkata') AS kolkata
    FROM big_activity GROUP BY customer_id % 4),
paris AS (SELECT customer_id % 4 AS g,
                 activity_periods(active_at, timestamptz '2024-01-01' + (customer_id % 4) * interval '1 day 5 hours',
                                  '1 week', '2025-09-01', 'Europe/Paris') AS a
          FROM big_activity GROUP BY customer_id % 4),
new_york AS (SELECT customer_id % 4 AS g,
                    activity_periods(active_at, '2024-01-02 03:00+00', '1 month', '2025-09-01', 'America/New_York') AS a
             FROM big_activity GROUP BY customer_id % 4),
kolkata AS (SELECT customer_id % 4 AS g,
                   activity_periods(active_at, timestamptz '2024-01-01' - (customer_id % 4) * interval '7 hours',
                                    '1 day', '2025-09-01', 'Asia/Kolkata') AS a
            FROM big_activity GROUP BY customer_id % 4)
SELECT count(*) AS groups, count(*) FILTER (WHERE t.paris = p.a) AS same_paris,
       count(*) FILTER (WHERE t.new_york = n.a) AS same_new_york,
       count(*) FILTER (WHERE t.kolkata = k.a) AS same_kolkata,
       count(DISTINCT t.paris::text) AS distinct_paris_sets
FROM together t JOIN paris p USING (g) JOIN new_york n USING (g) JOIN kolkata k USING (g);
