-- mbgnbd: the modified BG/NBD (Batislam, Denizel & Filiztekin 2007): mbgnbd_fit, the
-- mbgnbd_model type, expected_purchases, p_alive, ltv_estimate, errors. Reference values were
-- computed independently with mpmath (test/reference/mbgnbd.py; test/cases/mbgnbd_reference.sh
-- compares 300 predictions).

-- the published CDNOW summary (2,357 customers, weeks)
CREATE TABLE mbg_cdnow (id int, frequency float8, recency float8, age float8);
\copy mbg_cdnow FROM 'test/data/cdnow/cdnow_customers_summary.csv' (FORMAT csv, HEADER)
SELECT count(*) AS customers FROM mbg_cdnow;

-- the estimates lifetimes' ModifiedBetaGeoFitter reports: r = 0.525, alpha = 6.183,
-- a = 0.891, b = 1.614; mpmath's maximum r = 0.52483798366559511, alpha = 6.1829920196720969,
-- a = 0.89135615533153578, b = 1.6139993347305012, LL = -9582.1326848999039
CREATE TABLE mbg_fit AS SELECT mbgnbd_fit(frequency, recency, age) AS m FROM mbg_cdnow;
SELECT round(r(m)::numeric, 3) AS r, round(alpha(m)::numeric, 3) AS alpha, round(a(m)::numeric, 3) AS a,
       round(b(m)::numeric, 3) AS b, round(log_likelihood(m)::numeric, 1) AS log_likelihood,
       converged(m), customers(m), iterations(m) BETWEEN 1 AND 200 AS iterations_ok
FROM mbg_fit;
SELECT abs(r(m) / 0.52483798366559511 - 1) < 1e-6 AS r_ok, abs(alpha(m) / 6.1829920196720969 - 1) < 1e-6 AS alpha_ok,
       abs(a(m) / 0.89135615533153578 - 1) < 1e-6 AS a_ok, abs(b(m) / 1.6139993347305012 - 1) < 1e-6 AS b_ok,
       abs(log_likelihood(m) - -9582.1326848999039) < 1e-6 AS ll_ok
FROM mbg_fit;
-- the same model from the patterns and from rolled-up patterns; BG/NBD on the same data
-- differs (its customers without repeat purchases are all alive)
SELECT (SELECT mbgnbd_fit(rfm_patterns(frequency, recency, age)) FROM mbg_cdnow) = m AS from_patterns,
       (SELECT mbgnbd_fit(rollup(p)) FROM (SELECT rfm_patterns(frequency, recency, age) AS p
                                           FROM mbg_cdnow GROUP BY id % 3) s) = m AS from_rollup,
       (SELECT round(r(b)::numeric, 3) FROM (SELECT bgnbd_fit(frequency, recency, age) AS b FROM mbg_cdnow) s) AS bgnbd_r
FROM mbg_fit;
-- time in days instead of weeks: alpha scales with the unit, the rest stays
SELECT abs(r(d) / r(m) - 1) < 1e-6 AS r_same, abs(alpha(d) / (7 * alpha(m)) - 1) < 1e-6 AS alpha_times_7,
       abs(a(d) / a(m) - 1) < 1e-6 AS a_same, abs(b(d) / b(m) - 1) < 1e-6 AS b_same
FROM mbg_fit, (SELECT mbgnbd_fit(frequency, 7 * recency, 7 * age) AS d FROM mbg_cdnow) s;
SELECT mbgnbd_fit(frequency, recency, age) AS no_rows FROM mbg_cdnow WHERE false;
SELECT mbgnbd_fit(frequency, recency, age) = (SELECT m FROM mbg_fit) AS nulls_skipped
FROM (SELECT frequency, recency, age FROM mbg_cdnow UNION ALL VALUES (NULL, 1, 2), (1, NULL, 2), (1, 1, NULL)) v;

--------------------------------------------------------------------------------------------
-- parallel plans and round trips
--------------------------------------------------------------------------------------------
CREATE TABLE mbg_big AS SELECT i AS copy, c.* FROM mbg_cdnow c, generate_series(1, 4) i;
ANALYZE mbg_big;
CREATE TABLE mbg_serial AS SELECT mbgnbd_fit(frequency, recency, age) AS m FROM mbg_big;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT mbgnbd_fit(frequency, recency, age) FROM mbg_big;
SELECT p.m = s.m AS model_same, customers(p.m)
FROM mbg_serial s, (SELECT mbgnbd_fit(frequency, recency, age) AS m FROM mbg_big) p;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
-- 4 copies of each customer: the same parameters
SELECT abs(r(s.m) / r(f.m) - 1) < 1e-6 AS r_same, abs(b(s.m) / b(f.m) - 1) < 1e-6 AS b_same
FROM mbg_serial s, mbg_fit f;
SELECT m::text::mbgnbd_model = m AS model_text, m::text::jsonb::text::mbgnbd_model = m AS model_via_jsonb
FROM mbg_fit;
SELECT v.value::mbgnbd_model = s.m AS model_binary, v.state
FROM mbg_fit s, cxm_test.recv('mbgnbd_model', mbgnbd_model_send(s.m)) v;
SELECT mbgnbd_model_send('{"version": 1, "r": 0.5, "alpha": 6, "a": 0.875, "b": 1.5}');

--------------------------------------------------------------------------------------------
-- a model from its text form; predictions
--------------------------------------------------------------------------------------------
CREATE TABLE mbg_model AS
SELECT '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}'::mbgnbd_model AS m;
SELECT m, r(m), alpha(m), a(m), b(m), log_likelihood(m), iterations(m), converged(m), customers(m)
FROM mbg_model;
-- CDNOW's customer 1 (x = 2, t_x = 30.43, T = 38.86) over the next 39 weeks, and a customer
-- without repeat purchases (who, unlike in BG/NBD, may be gone); mpmath: expected
-- 1.2629606232673657 and 0.15401274667514668, P(alive) 0.70620226511848728 and 0.3897350809187629
SELECT round(expected_purchases(m, 39, 2, 30.43, 38.86)::numeric, 6) AS expected_1,
       round(p_alive(m, 2, 30.43, 38.86)::numeric, 6) AS p_alive_1,
       round(expected_purchases(m, 39, 0, 0, 38.86)::numeric, 6) AS expected_0,
       round(p_alive(m, 0, 0, 38.86)::numeric, 6) AS p_alive_0
FROM mbg_model;
SELECT abs(expected_purchases(m, 39, 2, 30.43, 38.86) / 1.2629606232673657 - 1) < 1e-12 AS expected_1_ok,
       abs(expected_purchases(m, 39, 0, 0, 38.86) / 0.15401274667514668 - 1) < 1e-12 AS expected_0_ok,
       abs(p_alive(m, 2, 30.43, 38.86) - 0.70620226511848728) < 1e-14 AS p_alive_1_ok,
       abs(p_alive(m, 0, 0, 38.86) - 0.3897350809187629) < 1e-14 AS p_alive_0_ok
FROM mbg_model;
SELECT expected_purchases(m, 0, 2, 30.43, 38.86) AS zero_horizon,
       expected_purchases(m, age => 38.86, horizon => 39, frequency => 2, recency => 30.43)
           = expected_purchases(m, 39, 2, 30.43, 38.86) AS named_expected,
       p_alive(m, frequency => 2, recency => 30.43, age => 38.86) = p_alive(m, 2, 30.43, 38.86) AS named_p_alive
FROM mbg_model;
-- a = 1, where the formula is 0/0
SELECT round(expected_purchases('{"version": 1, "r": 0.525, "alpha": 6.183, "a": 1, "b": 1.614}'::mbgnbd_model, 39, 2, 30.43, 38.86)::numeric, 8) AS at_a_1,
       round(((expected_purchases('{"version": 1, "r": 0.525, "alpha": 6.183, "a": 1.00001, "b": 1.614}'::mbgnbd_model, 39, 2, 30.43, 38.86)
              + expected_purchases('{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.99999, "b": 1.614}'::mbgnbd_model, 39, 2, 30.43, 38.86)) / 2)::numeric, 8) AS around_it;
-- lifetime value over 52 weeks at 1% a week
SELECT round(ltv_estimate(m, '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}', 2, 30.43, 38.86, 40, 52, 0.01)::numeric, 4) AS ltv,
       round(ltv_estimate(m, '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}', 0, 0, 38.86, NULL, 52, 0.01)::numeric, 4) AS ltv_no_repeats
FROM mbg_model;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
\x on
SELECT * FROM cxm_test.error_of($$SELECT mbgnbd_fit(-1, 0, 5)$$);
SELECT * FROM cxm_test.error_of($$SELECT mbgnbd_fit(1.5, 1, 5)$$);
SELECT * FROM cxm_test.error_of($$SELECT mbgnbd_fit(1, 6, 5)$$);
SELECT * FROM cxm_test.error_of($$SELECT mbgnbd_fit(0, 2, 5)$$);
SELECT * FROM cxm_test.error_of($$SELECT mbgnbd_fit(1, 'NaN', 5)$$);
-- fits without a maximum (numbers masked): nobody comes back; a single customer
SELECT state, regexp_replace(message, '[0-9]+', 'N', 'g') AS message,
       regexp_replace(detail, '-?[0-9][0-9.]*(e[-+]?[0-9]+)?', 'N', 'g') AS detail, hint
FROM cxm_test.error_of($$SELECT mbgnbd_fit(0, 0, t) FROM generate_series(1, 20) t$$);
SELECT state, regexp_replace(message, '[0-9]+', 'N', 'g') AS message,
       regexp_replace(detail, '-?[0-9][0-9.]*(e[-+]?[0-9]+)?', 'N', 'g') AS detail, hint
FROM cxm_test.error_of($$SELECT mbgnbd_fit(2, 10, 20)$$);
-- predictions
SELECT * FROM cxm_test.error_of($$SELECT expected_purchases(m, -1, 2, 30, 38) FROM mbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT expected_purchases(m, 'Infinity', 2, 30, 38) FROM mbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT expected_purchases(m, 10, 2, 40, 38) FROM mbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT p_alive(m, 2.5, 30, 38) FROM mbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT p_alive(m, 0, 3, 38) FROM mbg_model$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(m, '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}', 2, 30, 38, 40, 0, 0.01) FROM mbg_model$$);
-- text input
SELECT * FROM cxm_test.error_of($$SELECT 'model'::mbgnbd_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891}'::mbgnbd_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "r": 0, "alpha": 6.183, "a": 0.891, "b": 1.614}'::mbgnbd_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}'::mbgnbd_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614, "log_likelihood": 1, "iterations": 3, "converged": true, "customers": 10}'::mbgnbd_model$$);
-- binary input
SELECT state, message FROM cxm_test.recv('mbgnbd_model', '\x0100');
SELECT state, message FROM cxm_test.recv('mbgnbd_model', overlay(mbgnbd_model_send('{"version": 1, "r": 0.5, "alpha": 6, "a": 0.875, "b": 1.5}')
                                                             PLACING '\xbfe0000000000000' FROM 3 FOR 8));
\x off
