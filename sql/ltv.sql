-- ltv: ltv_estimate from a BG/NBD (or Pareto/NBD) and a Gamma-Gamma model. Reference values
-- were computed independently with mpmath at 30 digits (test/reference/customer_value.py and
-- paretonbd.py); 200 random BG/NBD cases are checked in test/cases/ltv_reference.sh.

CREATE TABLE ltv_models AS
SELECT '{"version": 1, "r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}'::bgnbd_model AS bg,
       '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}'::gammagamma_model AS gg;

-- CDNOW customer 1 (x = 2, t_x = 30.43, T = 38.86 weeks, mean spend 22.35) and customer 3
-- (no repeat purchases, no monetary) over 52 weeks at 0.2% per week; mpmath:
-- 36.612193935805687411, 38.443844036591933083 (no discounting), 8.4436961550459137654,
-- 0.92176248727437606694 (one week)
SELECT round(ltv_estimate(bg, gg, 2, 30.43, 38.86, 22.35, 52, 0.002)::numeric, 4) AS customer_1,
       abs(ltv_estimate(bg, gg, 2, 30.43, 38.86, 22.35, 52, 0.002) / 36.612193935805687411 - 1) < 1e-12 AS customer_1_ok,
       abs(ltv_estimate(bg, gg, 2, 30.43, 38.86, 22.35, 52, 0) / 38.443844036591933083 - 1) < 1e-12 AS undiscounted_ok,
       round(ltv_estimate(bg, gg, 0, 0, 38.86, NULL, 52, 0.002)::numeric, 4) AS customer_3,
       abs(ltv_estimate(bg, gg, 0, 0, 38.86, NULL, 52, 0.002) / 8.4436961550459137654 - 1) < 1e-12 AS customer_3_ok,
       abs(ltv_estimate(bg, gg, 2, 30.43, 38.86, 22.35, 1, 0.002) / 0.92176248727437606694 - 1) < 1e-12 AS one_week_ok
FROM ltv_models;
-- named notation: age => the customer's age, horizon => the units to value
SELECT round(ltv_estimate(bg, gg, frequency => 2, recency => 30.43, age => 38.86, monetary => 22.35,
                          horizon => 52, discount_rate_per_unit => 0.002)::numeric, 4) AS named,
       ltv_estimate(transactions => bg, spend => gg, horizon => 52, age => 38.86, discount_rate_per_unit => 0.002,
                    monetary => NULL, recency => 0, frequency => 0)
           = ltv_estimate(bg, gg, 0, 0, 38.86, NULL, 52, 0.002) AS any_order
FROM ltv_models;
SELECT state, message FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30.43, 38.86, 22.35, horizon_units => 52, discount_rate_per_unit => 0.002) FROM ltv_models$$);
-- without discounting the sum telescopes: expected purchases over the horizon times expected
-- spend; one unit is one term; monetary is ignored without repeat purchases
SELECT abs(ltv_estimate(bg, gg, 3, 20, 39, 40, 104, 0)
           / (expected_purchases(bg, 104, 3, 20, 39) * expected_spend(gg, 3, 40)) - 1) < 1e-12 AS telescopes,
       abs(ltv_estimate(bg, gg, 3, 20, 39, 40, 1, 0.01)
           / (expected_purchases(bg, 1, 3, 20, 39) * expected_spend(gg, 3, 40) / 1.01) - 1) < 1e-14 AS one_unit,
       ltv_estimate(bg, gg, 0, 0, 39, NULL, 52, 0.002) = ltv_estimate(bg, gg, 0, 0, 39, 123, 52, 0.002) AS monetary_ignored
FROM ltv_models;
-- longer horizons are worth more, higher rates less, and more recent buyers more
SELECT bool_and(l2 > l1) AS grows_with_horizon
FROM ltv_models, LATERAL (SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, h, 0.002) AS l1,
                                 ltv_estimate(bg, gg, 2, 30, 38, 25, h + 1, 0.002) AS l2
                          FROM generate_series(1, 100, 9) h) s;
SELECT bool_and(l2 < l1) AS falls_with_rate
FROM ltv_models, LATERAL (SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 52, d / 1000.0) AS l1,
                                 ltv_estimate(bg, gg, 2, 30, 38, 25, 52, (d + 1) / 1000.0) AS l2
                          FROM generate_series(0, 50, 5) d) s;
SELECT bool_and(l2 > l1) AS grows_with_recency
FROM ltv_models, LATERAL (SELECT ltv_estimate(bg, gg, 2, tx, 38, 25, 52, 0.002) AS l1,
                                 ltv_estimate(bg, gg, 2, tx + 1, 38, 25, 52, 0.002) AS l2
                          FROM generate_series(1, 36, 5) tx) s;
-- NULL in, NULL out, except a missing monetary without repeat purchases
SELECT ltv_estimate(NULL::bgnbd_model, gg, 2, 30, 38, 25, 52, 0) AS no_bg, ltv_estimate(bg, NULL, 2, 30, 38, 25, 52, 0) AS no_gg,
       ltv_estimate(bg, gg, NULL, 30, 38, 25, 52, 0) AS no_frequency, ltv_estimate(bg, gg, 2, NULL, 38, 25, 52, 0) AS no_recency,
       ltv_estimate(bg, gg, 2, 30, NULL, 25, 52, 0) AS no_t, ltv_estimate(bg, gg, 2, 30, 38, NULL, 52, 0) AS no_monetary,
       ltv_estimate(bg, gg, 2, 30, 38, 25, NULL, 0) AS no_horizon, ltv_estimate(bg, gg, 2, 30, 38, 25, 52, NULL) AS no_rate
FROM ltv_models;
-- with a Pareto/NBD transaction model (mpmath, test/reference/paretonbd.py: customer 1
-- 43.473152152665884148, customer 3 4.5682931161275770485); without discounting it telescopes
SELECT round(ltv_estimate(pn, gg, 2, 30.43, 38.86, 22.35, 52, 0.002)::numeric, 4) AS pareto_customer_1,
       abs(ltv_estimate(pn, gg, 2, 30.43, 38.86, 22.35, 52, 0.002) / 43.473152152665884148 - 1) < 1e-12 AS pareto_customer_1_ok,
       abs(ltv_estimate(pn, gg, 0, 0, 38.86, NULL, 52, 0.002) / 4.5682931161275770485 - 1) < 1e-12 AS pareto_customer_3_ok,
       abs(ltv_estimate(pn, gg, 3, 20, 39, 40, 104, 0)
           / (expected_purchases(pn, 104, 3, 20, 39) * expected_spend(gg, 3, 40)) - 1) < 1e-12 AS pareto_telescopes
FROM ltv_models, (SELECT '{"version": 1, "r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}'::paretonbd_model AS pn) p;
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate('{"version": 1, "r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}'::paretonbd_model, gg, 2, 30, 38, 25, 52, 1) FROM ltv_models$$);
-- a customer who just arrived
SELECT ltv_estimate(bg, gg, 0, 0, 0, NULL, 52, 0) > 0 AS new_customer FROM ltv_models;

--------------------------------------------------------------------------------------------
-- a parallel plan gives the same values
--------------------------------------------------------------------------------------------
CREATE TABLE ltv_customers AS
SELECT i AS id, (i % 6)::float8 AS frequency, CASE WHEN i % 6 = 0 THEN 0 ELSE (i % 30)::float8 END AS recency,
       30 + (i % 10)::float8 AS t, CASE WHEN i % 6 = 0 THEN NULL ELSE 5 + (i % 40)::float8 END AS monetary
FROM generate_series(1, 3000) i;
ANALYZE ltv_customers;
CREATE TABLE ltv_rows AS
SELECT id, ltv_estimate(bg, gg, frequency, recency, t, monetary, 26, 0.002) AS ltv FROM ltv_customers, ltv_models;
ANALYZE ltv_rows;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
-- the models as constants, so that the workers compute every row's value (cast: a bare literal
-- would fit both transaction model types)
EXPLAIN (COSTS OFF)
SELECT count(*) FILTER (WHERE ltv_estimate('{"version": 1, "r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}'::bgnbd_model,
                                           '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}',
                                           frequency, recency, t, monetary, 26, 0.002) IS DISTINCT FROM r.ltv) AS different,
       count(*)
FROM ltv_customers c JOIN ltv_rows r USING (id);
SELECT count(*) FILTER (WHERE ltv_estimate('{"version": 1, "r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}'::bgnbd_model,
                                           '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}',
                                           frequency, recency, t, monetary, 26, 0.002) IS DISTINCT FROM r.ltv) AS different,
       count(*), count(r.ltv) AS with_value
FROM ltv_customers c JOIN ltv_rows r USING (id);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
\x on
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 0, 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 12.5, 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 10001, 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 'NaN', 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 52, -0.01) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 52, 1) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 25, 52, 'NaN') FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 40, 38, 25, 52, 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2.5, 30, 38, 25, 52, 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, gg, 2, 30, 38, 0, 52, 0.002) FROM ltv_models$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(bg, '{"version": 1, "p": 6.25, "q": 0.9, "gamma": 15.44}', 0, 0, 38, NULL, 52, 0.002) FROM ltv_models$$);
\x off
