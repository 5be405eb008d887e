-- drivers: key-driver analysis: the driver_summary aggregate (serial, parallel, rollup), its
-- text and binary forms, driver_table, driver_r2, driver_n, and every error.

-- 600 answers: four attribute ratings (1-10) sharing a common factor, an overall score (0-10)
-- driven mostly by quality and delivery; a few answers miss a rating or the score
SELECT cxm_test.setseed(0.25);
CREATE TABLE drv (id int, region int, overall float8, delivery float8, price float8,
                  support float8, quality float8);
INSERT INTO drv
SELECT i, i % 3, NULL, d, p, s, q
FROM (SELECT i, f,
             least(10, greatest(1, round(6 + 1.5 * f + 2 * (cxm_test.random() - 0.5) * 3))) AS d,
             least(10, greatest(1, round(5 + 1.0 * f + 2 * (cxm_test.random() - 0.5) * 3))) AS p,
             least(10, greatest(1, round(7 + 1.2 * f + 2 * (cxm_test.random() - 0.5) * 3))) AS s,
             least(10, greatest(1, round(6 + 1.8 * f + 2 * (cxm_test.random() - 0.5) * 3))) AS q
      FROM (SELECT i, 2 * (cxm_test.random() + cxm_test.random() - 1) AS f
            FROM generate_series(1, 600) i) s) s;
UPDATE drv SET overall = least(10, greatest(0, round(-1 + 0.45 * quality + 0.3 * delivery
                                                     + 0.1 * support + 0.05 * price
                                                     + 3 * (cxm_test.random() - 0.5))));
UPDATE drv SET support = NULL WHERE id % 97 = 0;
UPDATE drv SET overall = NULL WHERE id % 89 = 0;
ANALYZE drv;

-- the driver table, names given; rows with a NULL are left out (listwise deletion)
CREATE TABLE drv_serial AS
SELECT driver_summary(overall, ARRAY[delivery, price, support, quality],
                      ARRAY['delivery', 'price', 'support', 'quality']) AS s FROM drv;
SELECT driver_n(s), (SELECT count(*) FROM drv WHERE overall IS NOT NULL AND support IS NOT NULL) AS complete,
       round(driver_r2(s)::numeric, 10) AS r2
FROM drv_serial;
SELECT driver, round(mean::numeric, 10) AS mean, round(correlation::numeric, 10) AS correlation,
       round(beta::numeric, 10) AS beta, round(std_error::numeric, 10) AS std_error,
       round(p_value::numeric, 10) AS p_value, round(relative_weight::numeric, 10) AS relative_weight,
       round(shapley_share::numeric, 10) AS shapley_share, rank
FROM drv_serial, driver_table(s);
-- the columns of shares sum to 1; the R² is the one regr_r2 gives for a single driver
SELECT round(sum(relative_weight)::numeric, 12) AS weights, round(sum(shapley_share)::numeric, 12) AS shares
FROM drv_serial, driver_table(s);
SELECT abs(driver_r2(driver_summary(overall, ARRAY[quality])) - regr_r2(overall, quality)) < 1e-12 AS same_r2,
       abs((SELECT correlation FROM driver_table(driver_summary(overall, ARRAY[quality])))
           - corr(overall, quality)) < 1e-12 AS same_correlation
FROM drv WHERE support IS NOT NULL;
-- the summary's means and co-moments are the ones avg() and covar_pop() give
SELECT abs(m[1] - y) < 1e-12 AS mean_y, abs(m[5] - q) < 1e-12 AS mean_q, abs(c[5] / n - cq) < 1e-12 AS covar_y_q
FROM (SELECT avg(overall) y, avg(quality) q, covar_pop(overall, quality) cq, count(*) n
      FROM drv WHERE overall IS NOT NULL AND support IS NOT NULL) a,
     (SELECT translate((s::text::jsonb -> 'means')::text, '[]', '{}')::float8[] AS m,
             translate((s::text::jsonb -> 'comoments')::text, '[]', '{}')::float8[] AS c FROM drv_serial) x;

-- default names x1, x2, ...; a summary of one answer
SELECT driver_summary(overall, ARRAY[delivery, price]) FROM drv WHERE id = 1;
SELECT driver FROM driver_table((SELECT driver_summary(overall, ARRAY[delivery, price]) FROM drv));
-- no answers, or only incomplete ones: NULL, as for built-in aggregates
SELECT driver_summary(overall, ARRAY[delivery]) IS NULL AS none FROM drv WHERE false;
SELECT driver_summary(overall, ARRAY[support]) IS NULL AS incomplete FROM drv WHERE support IS NULL;
SELECT driver_summary(NULL, ARRAY[delivery]) IS NULL AS null_outcome,
       driver_summary(overall, NULL) IS NULL AS null_drivers FROM drv;

-- a forced parallel plan: partial aggregates in the workers, combined in the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT * FROM cxm_test.explain('SELECT driver_summary(overall, ARRAY[delivery, price, support, quality]) FROM drv');
CREATE TABLE drv_parallel AS
SELECT driver_summary(overall, ARRAY[delivery, price, support, quality],
                      ARRAY['delivery', 'price', 'support', 'quality']) AS s FROM drv;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- rollup of per-region summaries
CREATE TABLE drv_regions AS
SELECT region, driver_summary(overall, ARRAY[delivery, price, support, quality],
                              ARRAY['delivery', 'price', 'support', 'quality']) AS s
FROM drv GROUP BY region;
CREATE TABLE drv_rollup AS SELECT rollup(s) AS s FROM drv_regions;
SELECT region, driver_n(s) FROM drv_regions ORDER BY region;

-- serial, parallel and rolled-up summaries agree to about 1e-12 relative
SELECT w.way, driver_n(w.s) AS n,
       max(abs(t.beta - r.beta) / abs(r.beta)) < 1e-12 AS betas,
       max(abs(t.relative_weight - r.relative_weight) / r.relative_weight) < 1e-12 AS weights,
       max(abs(t.shapley_share - r.shapley_share) / r.shapley_share) < 1e-12 AS shares,
       max(abs(t.p_value - r.p_value) / r.p_value) < 1e-9 AS p_values
FROM (SELECT 'parallel' AS way, s FROM drv_parallel UNION ALL SELECT 'rollup', s FROM drv_rollup) w,
     driver_table(w.s) t,
     (SELECT r.* FROM drv_serial, driver_table(s) r) r
WHERE r.driver = t.driver GROUP BY w.way, w.s ORDER BY w.way;

-- text round trip (exact), binary round trip, equality
SELECT s::text::driver_summary = s AS text_round_trip FROM drv_serial;
SELECT s::text::driver_summary::text = s::text AS same_text FROM drv_rollup;
SELECT r.state, r.value::driver_summary = s AS binary_round_trip
FROM drv_serial, cxm_test.recv('driver_summary', driver_summary_send(s)) r;
SELECT (SELECT s FROM drv_serial) = (SELECT s FROM drv_rollup) AS serial_equals_rollup_bitwise,
       (SELECT s FROM drv_serial) = (SELECT s FROM drv_serial) AS equal_to_itself;
SELECT '{"n": 2, "version": 1, "means": [1, 2, 3], "drivers": ["a", "b"],
         "comoments": [0.5, 0.5, -0.5, 0.5, -0.5, 0.5]}'::driver_summary;
SELECT jsonb_pretty(s::text::jsonb)::driver_summary = s AS through_jsonb FROM drv_serial;

-- more than 15 drivers: no Shapley shares, ranks by relative weight
SELECT count(*) AS drivers, count(shapley_share) AS shapley_shares, count(relative_weight) AS weights,
       round(sum(relative_weight)::numeric, 12) AS weight_total,
       bool_and(rank = (SELECT count(*) FROM driver_table(s) o WHERE o.relative_weight > t.relative_weight) + 1) AS ranked
FROM (SELECT driver_summary(overall, ARRAY[delivery, price, quality,
          delivery * price, delivery * quality, price * quality, delivery * delivery, price * price,
          quality * quality, delivery * price * quality, sqrt(delivery), sqrt(price), sqrt(quality),
          ln(delivery), ln(price), ln(quality)]) AS s
      FROM drv) x, driver_table(s) t;
-- drivers uncorrelated with the outcome: R² 0, no weights or shares to give
SELECT driver, correlation, beta, p_value, relative_weight, shapley_share, rank
FROM driver_table('{"version": 1, "n": 10, "drivers": ["a", "b"], "means": [0, 0, 0],
                    "comoments": [1, 0, 0, 1, 0.5, 1]}');
-- a perfect fit: no residual variation, p-values 0
SELECT driver, round(beta::numeric, 10) AS beta, std_error < 1e-6 AS std_error_0,
       p_value < 1e-12 AS p_value_0, round(shapley_share::numeric, 10) AS shapley_share
FROM driver_table((SELECT driver_summary(2 * delivery - price, ARRAY[delivery, price]) FROM drv));
-- nearly collinear drivers are analysed: large standard errors, stable weights and shares
SELECT driver, round(std_error::numeric, 4) AS std_error, round(relative_weight::numeric, 6) AS relative_weight,
       round(shapley_share::numeric, 6) AS shapley_share
FROM driver_table((SELECT driver_summary(overall, ARRAY[delivery, price, delivery + price + id % 2 * 1e-3])
                   FROM drv));

-- the btree and hash operator classes
SELECT count(DISTINCT s) AS distinct_summaries FROM (SELECT s FROM drv_regions UNION ALL SELECT s FROM drv_regions) x;
SELECT region FROM drv_regions ORDER BY s, region;

-- errors of the aggregate
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(y, x) FROM (VALUES (1::float8, ARRAY[1::float8, 2]), (2, ARRAY[1::float8, 2, 3])) v(y, x)$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[]::float8[])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, array_fill(1::float8, ARRAY[31]))$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[[1::float8, 2], [3, 4]])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], NULL)$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], ARRAY['a'])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], ARRAY['a', NULL])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], ARRAY['a', 'a'])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], ARRAY['a', 'say "b"'])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], ARRAY['a', ''])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], ARRAY['a', repeat('b', 256)])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary('NaN', ARRAY[1::float8, 2])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, '-Infinity'], ARRAY['a', 'b'])$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(y, ARRAY[1::float8]) FROM (VALUES (1e300::float8), (-1e300)) v(y)$$);
-- names and the number of drivers fixed within a group
SELECT * FROM cxm_test.error_of($$SELECT driver_summary(1, ARRAY[1::float8, 2], n)
    FROM (VALUES (ARRAY['a', 'b']), (ARRAY['a', 'c'])) v(n)$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (
    SELECT driver_summary(overall, ARRAY[delivery, price]) s FROM drv
    UNION ALL SELECT driver_summary(overall, ARRAY[delivery, price], ARRAY['delivery', 'price']) FROM drv) x$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (
    SELECT driver_summary(overall, ARRAY[delivery, price]) s FROM drv
    UNION ALL SELECT driver_summary(overall, ARRAY[delivery]) FROM drv) x$$);

-- errors of the analysis
SELECT * FROM cxm_test.error_of($$SELECT * FROM driver_table((SELECT driver_summary(overall, ARRAY[delivery, price, quality]) FROM drv WHERE id <= 4))$$);
SELECT * FROM cxm_test.error_of($$SELECT driver_r2(driver_summary(5, ARRAY[delivery, price])) FROM drv$$);
SELECT * FROM cxm_test.error_of($$SELECT * FROM driver_table((SELECT driver_summary(overall, ARRAY[delivery, 3, price], ARRAY['delivery', 'fixed', 'price']) FROM drv))$$);
SELECT * FROM cxm_test.error_of($$SELECT * FROM driver_table((SELECT driver_summary(overall, ARRAY[delivery, price, 2 * delivery - price, quality], ARRAY['delivery', 'price', 'value', 'quality']) FROM drv))$$);
SELECT * FROM cxm_test.error_of($$SELECT * FROM driver_table((SELECT driver_summary(overall, ARRAY[delivery, delivery]) FROM drv))$$);

-- text input: what is accepted is what the aggregate can write
SELECT * FROM cxm_test.error_of($$SELECT 'nonsense'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "n": 2, "drivers": ["a"], "means": [0, 0], "comoments": [1, 1, 1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 2, "drivers": [], "means": [0], "comoments": [1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 2, "drivers": ["a"], "means": [0, 0], "comoments": [1, 1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 0, "drivers": ["a"], "means": [0, 0], "comoments": [0, 0, 0]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 1, "drivers": ["a"], "means": [0, 0], "comoments": [1, 0, 0]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 5, "drivers": ["a"], "means": [0, 0], "comoments": [-1, 0, 1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 5, "drivers": ["a"], "means": [0, 0], "comoments": [1, 2, 1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 5, "drivers": ["a", "a"], "means": [0, 0, 0], "comoments": [1, 0, 0, 1, 0, 1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 5, "drivers": ["a"], "means": [0, 1e999], "comoments": [1, 0, 1]}'::driver_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "n": 5, "drivers": ["a"], "means": [0, 0], "comoments": [1, 0, 1], "extra": 1}'::driver_summary$$);
SELECT cxm_test.soft_invalid('{"version": 1}', 'driver_summary') AS soft_invalid;

-- binary input
SELECT state, message FROM cxm_test.recv('driver_summary', '\x0100');
SELECT state, message FROM cxm_test.recv('driver_summary', '\x020000010000000000000002');
SELECT state, message FROM cxm_test.recv('driver_summary', '\x010100010000000000000002');
SELECT state, message FROM cxm_test.recv('driver_summary', '\x010000000000000000000002');
SELECT state, message FROM cxm_test.recv('driver_summary', '\x01000001000000000000000200');
SELECT state, message FROM cxm_test.recv('driver_summary',
    ('\x010000010000000000000002' || repeat('0000000000000000', 5) || '61')::bytea);
SELECT state, message FROM cxm_test.recv('driver_summary',
    ('\x010000010000000000000002' || repeat('0000000000000000', 5) || '610062')::bytea);
SELECT state, message FROM cxm_test.recv('driver_summary',
    ('\x010000010000000000000002' || repeat('0000000000000000', 2) || 'bff0000000000000' || repeat('0000000000000000', 2) || '6100')::bytea);
SELECT state, value FROM cxm_test.recv('driver_summary',
    ('\x010000010000000000000002' || repeat('0000000000000000', 2) || '3ff0000000000000' || repeat('0000000000000000', 2) || '6100')::bytea);
