-- sbg: the shifted-beta-geometric subscription model: sbg_data and its aggregates, sbg_fit,
-- the sbg_model type, survival, retention_rate, expected_lifetime, del, derl, forecast_table,
-- errors. Reference values: Fader & Hardie (2007) for the two published cohorts; the fits,
-- likelihoods and predictions are checked against mpmath at 1e-9 in test/cases/sbg_reference.sh.

--------------------------------------------------------------------------------------------
-- the published checks (Fader & Hardie 2007): 1000 customers observed over 7 renewals
--------------------------------------------------------------------------------------------
CREATE TABLE sbg_cohorts (segment text, survivors int8[], later int8[]);
INSERT INTO sbg_cohorts VALUES
    ('high end', '{1000, 869, 743, 653, 593, 551, 517, 491}', '{468, 445, 427, 409, 394}'),
    ('regular', '{1000, 631, 468, 382, 326, 289, 262, 241}', '{223, 207, 194, 183, 173}');
CREATE TABLE sbg_models AS SELECT segment, sbg_fit(survivors) AS m FROM sbg_cohorts GROUP BY segment;
-- alpha = 0.668, beta = 3.806 and alpha = 0.704, beta = 1.182; LL -1611.16 and -1680.27
SELECT segment, round(alpha(m)::numeric, 3) AS alpha, round(beta(m)::numeric, 3) AS beta,
       round(log_likelihood(m)::numeric, 2) AS log_likelihood, converged(m), customers(m),
       iterations(m) BETWEEN 1 AND 100 AS iterations_ok
FROM sbg_models ORDER BY segment;
-- the projection of years 8-12 beside what the paper reports for them
SELECT segment, f.period, round(f.survivors::numeric, 1) AS projected, c.later[f.period - 7] AS actual,
       round(f.retention_rate::numeric, 4) AS retention_rate
FROM sbg_models JOIN sbg_cohorts c USING (segment), forecast_table(m, 1000, 12) f
WHERE f.period >= 8 ORDER BY segment, f.period;
-- value at a discount rate of 10% per period: DEL of a new customer, DERL after 0..4 renewals;
-- the identity DEL = 1 + DERL(0) / (1 + d); expected lifetime (infinite for alpha <= 1)
SELECT segment, round(del(m, 0.1)::numeric, 6) AS del,
       array_agg(round(derl(m, n, 0.1)::numeric, 6) ORDER BY n) AS derl_after_0_to_4_renewals,
       abs(del(m, 0.1) - (1 + derl(m, 0, 0.1) / 1.1)) < 1e-12 AS identity, expected_lifetime(m)
FROM sbg_models, generate_series(0, 4) n GROUP BY segment, m ORDER BY segment;
-- survival and renewal rates; survival(m, 0) is 1, survival(t) / survival(t - 1) = r(t)
SELECT segment, survival(m, 0) AS s0, round(survival(m, 7)::numeric, 6) AS s7,
       round(retention_rate(m, 1)::numeric, 6) AS r1,
       abs(survival(m, 7) / survival(m, 6) - retention_rate(m, 7)) < 1e-14 AS ratio
FROM sbg_models ORDER BY segment;

-- a model with alpha > 1: finite expected lifetime (alpha + beta - 1) / (alpha - 1), which is
-- DEL at no discount; DERL without discount is (beta + n - 1) / (alpha - 1)
SELECT expected_lifetime(m), del(m, 0), derl(m, 3, 0), round(del(m, 0.01)::numeric, 9) AS del_1pct
FROM (SELECT '{"version": 1, "alpha": 3, "beta": 5}'::sbg_model AS m) s;
SELECT del(m, 0) AS del_no_discount, derl(m, 0, 0) AS derl_no_discount
FROM (SELECT '{"version": 1, "alpha": 0.9, "beta": 5}'::sbg_model AS m) s;

--------------------------------------------------------------------------------------------
-- sbg_data: the same customers from survivors, per-customer rows, several cohorts
--------------------------------------------------------------------------------------------
SELECT sbg_data(survivors) FROM sbg_cohorts WHERE segment = 'regular';
SELECT sbg_data(survivors) AS both_segments, customers(sbg_data(survivors)) FROM sbg_cohorts;
-- per customer: churned after k periods, or active in period 8 (renewed 7 times)
CREATE TABLE sbg_customers AS
SELECT row_number() OVER () AS id, segment, periods, churned
FROM (SELECT segment, k AS periods, true AS churned, generate_series(1, survivors[k] - survivors[k + 1]) AS i
      FROM sbg_cohorts, generate_series(1, 7) k
      UNION ALL
      SELECT segment, 8, false, generate_series(1, survivors[8]) FROM sbg_cohorts) c;
SELECT segment, count(*) AS customers,
       sbg_data(periods, churned) = (SELECT sbg_data(survivors) FROM sbg_cohorts c WHERE c.segment = s.segment) AS same_data,
       sbg_fit(periods, churned) = (SELECT m FROM sbg_models c WHERE c.segment = s.segment) AS same_model,
       sbg_fit(periods::int8, churned) = sbg_fit(periods, churned) AS same_int8
FROM sbg_customers s GROUP BY segment ORDER BY segment;
-- NULL rows are skipped; no rows give NULL; a cohort without churn counts active customers
SELECT sbg_data(p, c) FROM (VALUES (1, true), (NULL, true), (2, NULL), (3, false), (3, false)) v(p, c);
SELECT sbg_data(p, c) IS NULL AS no_rows, sbg_fit(p, c) IS NULL AS no_fit
FROM (VALUES (1, true)) v(p, c) WHERE false;
SELECT sbg_data(s) FROM (VALUES (NULL::int8[]), ('{5}'), ('{5, 5, 5}'), ('{0}'), ('{4, 0}')) v(s);
SELECT sbg_data(s) IS NULL AS only_nulls, sbg_fit(s) IS NULL AS no_fit FROM (VALUES (NULL::int8[])) v(s);
-- int4 arrays resolve to the int8[] overload
SELECT sbg_data(ARRAY[10, 7, 5]) = sbg_data(ARRAY[10, 7, 5]::int8[]) AS int4_array;
-- rollup of per-group data is the data of all
SELECT rollup(d) = (SELECT sbg_data(periods, churned) FROM sbg_customers) AS rollup_same,
       sbg_fit(rollup(d)) = (SELECT sbg_fit(periods, churned) FROM sbg_customers) AS fit_same
FROM (SELECT sbg_data(periods, churned) AS d FROM sbg_customers GROUP BY id % 7) s;

--------------------------------------------------------------------------------------------
-- from activity: a customer subscribes from their first active period until the first
-- complete period without activity
--------------------------------------------------------------------------------------------
CREATE TABLE sbg_payments (customer_id int, paid_at timestamptz);
-- 60 customers with monthly churn probabilities spread over (0, 1), each paying from January
-- for a geometric number of months
INSERT INTO sbg_payments
SELECT c, timestamptz '2025-01-05 00:00+00' + (m || ' months')::interval
FROM (SELECT c, ((c * 37) % 100 + 0.5) / 100 AS theta, ((c * 61) % 97 + 0.5) / 97 AS u
      FROM generate_series(1, 60) c) d, generate_series(0, 11) m
WHERE m < ceil(ln(1 - u) / ln(1 - theta));
CREATE TABLE sbg_sets AS
SELECT customer_id, activity_periods(paid_at, '2025-01-01 00:00+00', '1 month', '2025-12-01 00:00+00', 'UTC') AS a
FROM sbg_payments GROUP BY customer_id;
-- 11 complete months: who paid all 11 is active in period 11; the rest cancelled
SELECT sbg_data(a) FROM sbg_sets;
SELECT sbg_data(a) = sbg_data(activity_summary(a)) AS summary_same,
       sbg_fit(a) = sbg_fit(activity_summary(a)) AS fit_same,
       round(alpha(sbg_fit(a))::numeric, 4) AS alpha, round(beta(sbg_fit(a))::numeric, 4) AS beta
FROM sbg_sets;
-- a lapse ends the subscription: customer 1 pays in months 0-1 and 5 (churned after 2 periods),
-- customer 2 starts in month 3 (3 periods, active); activity sets count them, the summary cannot
CREATE TABLE sbg_lapses AS
SELECT customer_id, activity_periods(paid_at, '2025-01-01 00:00+00', '1 month', '2025-07-01 00:00+00', 'UTC') AS a
FROM (VALUES (1, '2025-01-10 00:00+00'::timestamptz), (1, '2025-02-10 00:00+00'), (1, '2025-06-10 00:00+00'),
             (2, '2025-04-10 00:00+00'), (2, '2025-05-10 00:00+00'), (2, '2025-06-10 00:00+00'), (3, NULL)) v(customer_id, paid_at)
GROUP BY customer_id;
SELECT sbg_data(a) FROM sbg_lapses;
SELECT * FROM cxm_test.error_of($$SELECT sbg_fit(activity_summary(a)) FROM sbg_lapses WHERE customer_id = 1$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data(activity_summary(a)) FROM sbg_lapses WHERE customer_id = 2$$);

--------------------------------------------------------------------------------------------
-- parallel plans and round trips
--------------------------------------------------------------------------------------------
CREATE TABLE sbg_big AS
SELECT i, periods, churned, survivors FROM sbg_customers, generate_series(1, 20) i,
    LATERAL (SELECT survivors FROM sbg_cohorts c WHERE c.segment = sbg_customers.segment) c;
ANALYZE sbg_big;
CREATE TABLE sbg_serial AS
SELECT sbg_data(periods, churned) AS d, sbg_fit(periods, churned) AS m, sbg_fit(survivors) AS ms FROM sbg_big;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT sbg_fit(periods, churned) FROM sbg_big;
EXPLAIN (COSTS OFF) SELECT sbg_data(survivors) FROM sbg_big;
SELECT p.d = s.d AS data_same, p.m = s.m AS model_same, p.ms = s.ms AS survivors_same, customers(p.m)
FROM sbg_serial s, (SELECT sbg_data(periods, churned) AS d, sbg_fit(periods, churned) AS m,
                           sbg_fit(survivors) AS ms FROM sbg_big) p;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

-- text and binary forms read back exactly
SELECT d::text::sbg_data = d AS data_text, m::text::sbg_model = m AS model_text,
       d::text::jsonb::text::sbg_data = d AS data_via_jsonb, m::text::jsonb::text::sbg_model = m AS model_via_jsonb
FROM sbg_serial;
SELECT dd.value::sbg_data = s.d AS data_binary, mm.value::sbg_model = s.m AS model_binary
FROM sbg_serial s, cxm_test.recv('sbg_data', sbg_data_send(s.d)) dd,
     cxm_test.recv('sbg_model', sbg_model_send(s.m)) mm;
SELECT m, m::text::sbg_model = m AS hand_made_text, h.value::sbg_model = m AS hand_made_binary,
       log_likelihood(m), converged(m), customers(m), iterations(m)
FROM (SELECT '{"version": 1, "alpha": 0.704, "beta": 1.182}'::sbg_model AS m) s,
     cxm_test.recv('sbg_model', sbg_model_send(s.m)) h;
SELECT '{"version": 1, "churned": [1, 0, 0], "active": [0, 2, 0]}'::sbg_data AS trailing_zeros_trimmed,
       '{"version": 1, "churned": [], "active": []}'::sbg_data AS empty;
-- ordering, grouping, hashing
SELECT count(DISTINCT d) AS distinct_data, count(DISTINCT m) AS distinct_models
FROM (SELECT sbg_data(periods, churned) AS d, sbg_fit(periods, churned) AS m FROM sbg_customers GROUP BY segment
      UNION ALL SELECT sbg_data(survivors), sbg_fit(survivors) FROM sbg_cohorts GROUP BY segment) s;
SELECT d FROM (VALUES ('{"version": 1, "churned": [2], "active": [1]}'::sbg_data),
                      ('{"version": 1, "churned": [1, 1], "active": [0, 0]}'),
                      ('{"version": 1, "churned": [1], "active": [1]}')) v(d) ORDER BY d;
SELECT sbg_data_hash('{"version": 1, "churned": [1, 0], "active": [2, 0]}') =
       sbg_data_hash('{"version": 1, "churned": [1], "active": [2]}') AS hash_of_trimmed;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
SELECT * FROM cxm_test.error_of($$SELECT sbg_data(p, true) FROM (VALUES (0)) v(p)$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data(p, false) FROM (VALUES (-3::int8)) v(p)$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data(p, true) FROM (VALUES (100001)) v(p)$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data(p, true) FROM (VALUES (5000000000)) v(p)$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data('{}'::int8[])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data('{{10, 5}, {8, 4}}'::int8[])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data('{10, NULL, 4}'::int8[])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data('{10, -1}'::int8[])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data('{10, 5, 6}'::int8[])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_data(array_fill(1::int8, ARRAY[100002]))$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(d) FROM (VALUES ('{"version": 1, "churned": [9223372036854775807], "active": [0]}'::sbg_data), ('{"version": 1, "churned": [1], "active": [0]}')) v(d)$$);
-- fits the data cannot determine: a single renewal (only alpha / (alpha + beta) is known), no
-- cancellations, no renewals
SELECT * FROM cxm_test.error_of($$SELECT sbg_fit(ARRAY[100, 60])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_fit(ARRAY[100, 100, 100])$$);
SELECT * FROM cxm_test.error_of($$SELECT sbg_fit(ARRAY[100, 0, 0])$$);
-- text input
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "churned": [1, 2], "active": [1]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "churned": [-1], "active": [1]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "churned": [1], "active": [1]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "churned": [1.5], "active": [1]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "churned": ["a"], "active": ["b"]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "active": [1]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "churned": [9223372036854775807], "active": [1]}'::sbg_data$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": -1, "beta": 2}'::sbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1}'::sbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1, "beta": 2, "log_likelihood": 3, "iterations": 1, "converged": true, "customers": 5}'::sbg_model$$);
SELECT cxm_test.soft_invalid('{"version": 1, "churned": [1]}', 'sbg_data') AS data_soft,
       cxm_test.soft_invalid('{"version": 1, "alpha": 0, "beta": 1}', 'sbg_model') AS model_soft;
-- binary input
SELECT state, message FROM cxm_test.recv('sbg_data', '\x0100');
SELECT state, message FROM cxm_test.recv('sbg_data', '\x010000000001');
SELECT state, message FROM cxm_test.recv('sbg_data', '\x0100fffffff0');
SELECT state, message FROM cxm_test.recv('sbg_data', '\x02000000000100000000000000010000000000000001');
SELECT state, message FROM cxm_test.recv('sbg_data', '\x0101000000010000000000000001000000000000000a');
SELECT state, message FROM cxm_test.recv('sbg_data', '\x010000000001ffffffffffffffff0000000000000001');
SELECT state, message FROM cxm_test.recv('sbg_model', '\x0100');
SELECT state, message FROM cxm_test.recv('sbg_model', ('\x0100' || 'bff0000000000000' || '4000000000000000' || repeat('00', 20))::bytea);
-- predictions
SELECT * FROM cxm_test.error_of($$SELECT survival('{"version": 1, "alpha": 1, "beta": 2}', -1)$$);
SELECT * FROM cxm_test.error_of($$SELECT retention_rate('{"version": 1, "alpha": 1, "beta": 2}', 0)$$);
SELECT * FROM cxm_test.error_of($$SELECT del('{"version": 1, "alpha": 1, "beta": 2}', -0.1)$$);
SELECT * FROM cxm_test.error_of($$SELECT del('{"version": 1, "alpha": 1, "beta": 2}', 'NaN')$$);
SELECT * FROM cxm_test.error_of($$SELECT derl('{"version": 1, "alpha": 1, "beta": 2}', -1, 0.1)$$);
SELECT * FROM cxm_test.error_of($$SELECT derl('{"version": 1, "alpha": 1, "beta": 2}', 2, 'Infinity')$$);
SELECT * FROM cxm_test.error_of($$SELECT * FROM forecast_table('{"version": 1, "alpha": 1, "beta": 2}', -5, 3)$$);
SELECT * FROM cxm_test.error_of($$SELECT * FROM forecast_table('{"version": 1, "alpha": 1, "beta": 2}', 100, -1)$$);
SELECT * FROM cxm_test.error_of($$SELECT * FROM forecast_table('{"version": 1, "alpha": 1, "beta": 2}', 100, 100001)$$);
SELECT * FROM forecast_table('{"version": 1, "alpha": 1, "beta": 2}', 100, 0);
