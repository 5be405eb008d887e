-- bgbb: the BG/BB model (Fader, Hardie & Shang 2010) of customers with discrete transaction
-- opportunities: bgbb_fit (per customer and from aggregated rows), the bgbb_model type,
-- p_alive, expected_transactions, dert, ltv_estimate, errors. Reference values were computed
-- independently with mpmath at 40 digits (test/reference/bgbb.py; test/cases/bgbb_reference.sh
-- compares 300 predictions).

-- the donations data of the paper: 11,104 first-time donors of 1995 and their repeat donations
-- in the 6 years 1996-2001, as (frequency, recency, n_opportunities, donors)
CREATE TABLE bb_donations (frequency float8, recency float8, n_opportunities float8, donors int8);
INSERT INTO bb_donations VALUES
    (0, 0, 6, 3464), (1, 1, 6, 1091), (1, 2, 6, 277), (1, 3, 6, 129), (1, 4, 6, 78),
    (1, 5, 6, 119), (1, 6, 6, 129), (2, 2, 6, 613), (2, 3, 6, 255), (2, 4, 6, 155), (2, 5, 6, 173),
    (2, 6, 6, 234), (3, 3, 6, 322), (3, 4, 6, 181), (3, 5, 6, 225), (3, 6, 6, 357), (4, 4, 6, 240),
    (4, 5, 6, 284), (4, 6, 6, 512), (5, 5, 6, 335), (5, 6, 6, 728), (6, 6, 6, 1203);
SELECT sum(donors) AS donors FROM bb_donations;
-- one row per donor
CREATE TABLE bb_donors AS
SELECT row_number() OVER () AS id, frequency, recency, n_opportunities
FROM bb_donations, generate_series(1, donors);

-- the published estimates: alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783,
-- LL = -33,225.6; mpmath's maximum alpha = 1.2035223516019139, beta = 0.74971635817293889,
-- gamma = 0.65671820844183243, delta = 2.7834422325773807, LL = -33225.581274347007
CREATE TABLE bb_fit AS SELECT bgbb_fit(frequency, recency, n_opportunities, donors) AS m FROM bb_donations;
SELECT round(alpha(m)::numeric, 3) AS alpha, round(beta(m)::numeric, 3) AS beta,
       round(gamma(m)::numeric, 3) AS gamma, round(delta(m)::numeric, 3) AS delta,
       round(log_likelihood(m)::numeric, 1) AS log_likelihood, converged(m), customers(m),
       iterations(m) BETWEEN 1 AND 200 AS iterations_ok
FROM bb_fit;
SELECT abs(alpha(m) / 1.2035223516019139 - 1) < 1e-6 AS alpha_ok,
       abs(beta(m) / 0.74971635817293889 - 1) < 1e-6 AS beta_ok,
       abs(gamma(m) / 0.65671820844183243 - 1) < 1e-6 AS gamma_ok,
       abs(delta(m) / 2.7834422325773807 - 1) < 1e-6 AS delta_ok,
       abs(log_likelihood(m) - -33225.581274347007) < 1e-6 AS ll_ok
FROM bb_fit;
-- the same model from one row per donor, from rfm_patterns, and from rolled-up patterns
SELECT (SELECT bgbb_fit(frequency, recency, n_opportunities) FROM bb_donors) = m AS per_donor,
       (SELECT bgbb_fit(rfm_patterns(frequency, recency, n_opportunities)) FROM bb_donors) = m AS from_patterns,
       (SELECT bgbb_fit(rollup(p)) FROM (SELECT rfm_patterns(frequency, recency, n_opportunities) AS p
                                         FROM bb_donors GROUP BY id % 3) s) = m AS from_rollup
FROM bb_fit;
-- rows with a NULL, and rows of 0 customers, are skipped; -0 is 0; no rows give NULL
SELECT bgbb_fit(f, r, n, c) = (SELECT m FROM bb_fit) AS nulls_skipped
FROM (SELECT frequency AS f, recency AS r, n_opportunities AS n, donors AS c FROM bb_donations
      UNION ALL VALUES (NULL, 1, 6, 5), (1, NULL, 6, 5), (1, 1, NULL, 5), (1, 1, 6, NULL), (2, 3, 6, 0),
                       ('-0', '-0', 6, 0)) v;
SELECT bgbb_fit(frequency, recency, n_opportunities) AS no_rows FROM bb_donors WHERE false;
SELECT bgbb_fit(frequency, recency, n_opportunities, 0) AS no_customers FROM bb_donations;

--------------------------------------------------------------------------------------------
-- parallel plans and round trips
--------------------------------------------------------------------------------------------
ANALYZE bb_donors;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT bgbb_fit(frequency, recency, n_opportunities) FROM bb_donors;
EXPLAIN (COSTS OFF) SELECT bgbb_fit(frequency, recency, n_opportunities, 1) FROM bb_donors;
SELECT p.m = s.m AS model_same, p.w = s.m AS weighted_same, customers(p.m)
FROM bb_fit s, (SELECT bgbb_fit(frequency, recency, n_opportunities) AS m,
                       bgbb_fit(frequency, recency, n_opportunities, 1) AS w FROM bb_donors) p;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT m::text::bgbb_model = m AS model_text, m::text::jsonb::text::bgbb_model = m AS model_via_jsonb
FROM bb_fit;
SELECT v.value::bgbb_model = s.m AS model_binary, v.state
FROM bb_fit s, cxm_test.recv('bgbb_model', bgbb_model_send(s.m)) v;
SELECT bgbb_model_send('{"version": 1, "alpha": 1.25, "beta": 0.75, "gamma": 0.5, "delta": 2.5}');
SELECT value FROM cxm_test.recv('bgbb_model', bgbb_model_send('{"version": 1, "alpha": 1.25, "beta": 0.75, "gamma": 0.5, "delta": 2.5, "log_likelihood": -100.5, "iterations": 12, "converged": true, "customers": 60}'));

--------------------------------------------------------------------------------------------
-- a model from its text form: the published estimates; predictions
--------------------------------------------------------------------------------------------
CREATE TABLE bb_paper AS
SELECT '{"version": 1, "alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}'::bgbb_model AS m;
SELECT m, alpha(m), beta(m), gamma(m), delta(m), log_likelihood(m), iterations(m), converged(m), customers(m)
FROM bb_paper;
-- each donation pattern: P(alive in 2002), expected donations in 2002-2006, DERT at 10%
SELECT frequency AS x, recency AS t_x, round(p_alive(m, frequency, recency, n_opportunities)::numeric, 4) AS p_alive,
       round(expected_transactions(m, 5, frequency, recency, n_opportunities)::numeric, 4) AS next_5,
       round(dert(m, 0.1, frequency, recency, n_opportunities)::numeric, 4) AS dert_10pct
FROM bb_paper, bb_donations ORDER BY frequency, recency;
-- mpmath (test/reference/bgbb.py functions) for the paper's model and x = 3, t_x = 5, n = 6:
-- P(alive) 0.76673404999572513, 10 opportunities 3.2246344106065112, DERT at 10%
-- 2.8415363222372624,
-- undiscounted DERT is infinite (gamma < 1); at gamma = 1.5, delta = 2.783 the undiscounted DERT
-- is 6.2421629390236705 (2F1 at z = 1)
SELECT abs(p_alive(m, 3, 5, 6) - 0.76673404999572513) < 1e-12 AS p_alive_ok,
       abs(expected_transactions(m, 10, 3, 5, 6) / 3.2246344106065112 - 1) < 1e-11 AS expected_ok,
       abs(dert(m, 0.1, 3, 5, 6) / 2.8415363222372624 - 1) < 1e-11 AS dert_ok,
       abs(dert('{"version": 1, "alpha": 1.204, "beta": 0.750, "gamma": 1.5, "delta": 2.783}', 0, 3, 5, 6)
           / 6.2421629390236705 - 1) < 1e-11 AS undiscounted_ok
FROM bb_paper;
-- consistency: no opportunities ahead, none expected; expected transactions grow with the
-- horizon towards the undiscounted DERT; DERT falls as the discount rate grows; a customer
-- who transacted at every opportunity is the likeliest alive
SELECT expected_transactions(m, 0, 3, 5, 6) AS none_ahead,
       expected_transactions(m, 1, 3, 5, 6) < expected_transactions(m, 2, 3, 5, 6) AS grows,
       abs(expected_transactions(g, 1000000, 3, 5, 6) / dert(g, 0, 3, 5, 6) - 1) < 1e-2 AS towards_dert,
       dert(m, 0.05, 3, 5, 6) > dert(m, 0.1, 3, 5, 6) AS discount_lowers,
       p_alive(m, 6, 6, 6) = (SELECT max(p_alive(m, frequency, recency, n_opportunities)) FROM bb_donations) AS top
FROM bb_paper, (SELECT '{"version": 1, "alpha": 1.204, "beta": 0.750, "gamma": 1.5, "delta": 2.783}'::bgbb_model AS g) g;
-- gamma = 1, where the closed form of the expected transactions is 0/0
SELECT round(expected_transactions('{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 1, "delta": 2.783}', 10, 3, 5, 6)::numeric, 10) AS at_gamma_1,
       round(((expected_transactions('{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 1.000001, "delta": 2.783}', 10, 3, 5, 6)
              + expected_transactions('{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.999999, "delta": 2.783}', 10, 3, 5, 6)) / 2)::numeric, 10) AS around_it;
-- named notation
SELECT p_alive(m, n_opportunities => 6, frequency => 3, recency => 5) = p_alive(m, 3, 5, 6) AS named_p_alive,
       expected_transactions(model => m, horizon => 5, frequency => 3, recency => 5, n_opportunities => 6)
           = expected_transactions(m, 5, 3, 5, 6) AS named_expected,
       dert(m, discount_rate_per_period => 0.1, frequency => 3, recency => 5, n_opportunities => 6)
           = dert(m, 0.1, 3, 5, 6) AS named_dert
FROM bb_paper;
-- lifetime value: one step per opportunity, so over a long horizon it tends to DERT x spend
SELECT round(ltv_estimate(m, '{"version": 1, "p": 6, "q": 4, "gamma": 15}', 3, 5, 6, 40, 5, 0.1)::numeric, 4) AS ltv_5,
       abs(ltv_estimate(m, g, 3, 5, 6, 40, 400, 0.1) / (dert(m, 0.1, 3, 5, 6) * expected_spend(g, 3, 40)) - 1) < 1e-12 AS tends_to_dert,
       ltv_estimate(m, g, 0, 0, 6, NULL, 5, 0.1) > 0 AS no_repeat_donations,
       ltv_estimate(m, g, 3, 5, 6, 40, 5, NULL) AS null_rate
FROM bb_paper, (SELECT '{"version": 1, "p": 6, "q": 4, "gamma": 15}'::gammagamma_model AS g) g;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
\x on
-- customer summaries: whole numbers, 0 <= frequency <= recency <= n_opportunities <= 10000
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1.5, 2, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 2.5, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 2, 6.5)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(3, 2, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 7, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(0, 2, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(-1, 0, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 1, 10001)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 'NaN', 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 1, 'Infinity', 3)$$);
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(1, 1, 6, -2)$$);
-- patterns built by rfm_patterns() with summaries BG/BB does not take
SELECT * FROM cxm_test.error_of($$SELECT bgbb_fit(rfm_patterns(1, 2.5, 6))$$);
-- fits without a maximum (numbers in messages masked: where the optimiser stops depends on the
-- last bits of libm): nobody ever transacts; a single customer
SELECT state, regexp_replace(message, '[0-9]+', 'N', 'g') AS message,
       regexp_replace(detail, '-?[0-9][0-9.]*(e[-+]?[0-9]+)?', 'N', 'g') AS detail, hint
FROM cxm_test.error_of($$SELECT bgbb_fit(0, 0, 6, 100)$$);
SELECT state, regexp_replace(message, '[0-9]+', 'N', 'g') AS message,
       regexp_replace(detail, '-?[0-9][0-9.]*(e[-+]?[0-9]+)?', 'N', 'g') AS detail, hint
FROM cxm_test.error_of($$SELECT bgbb_fit(2, 5, 6)$$);
-- predictions
SELECT * FROM cxm_test.error_of($$SELECT expected_transactions(m, -1, 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT expected_transactions(m, 2.5, 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT expected_transactions(m, 1000001, 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT expected_transactions(m, 'NaN', 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT expected_transactions(m, 5, 3, 7, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT p_alive(m, 4, 3, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT p_alive(m, 1, 1, 'Infinity') FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT dert(m, -0.1, 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT dert(m, 'NaN', 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT dert(m, 'Infinity', 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT dert(m, 0, 3, 5, 6) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT dert(m, 0.1, 3, 5, 6.5) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT dert('{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 1, "delta": 2.783}', 1e-9, 3, 5, 6)$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(m, '{"version": 1, "p": 6, "q": 4, "gamma": 15}', 3, 5, 6, 40, 2.5, 0.1) FROM bb_paper$$);
SELECT * FROM cxm_test.error_of($$SELECT ltv_estimate(m, '{"version": 1, "p": 6, "q": 4, "gamma": 15}', 3, 5.5, 6, 40, 2, 0.1) FROM bb_paper$$);
-- text input
SELECT * FROM cxm_test.error_of($$SELECT 'model'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657}'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1.204, "beta": 0, "gamma": 0.657, "delta": 2.783}'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": -1, "delta": 2.783}'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783}'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783, "log_likelihood": 5, "iterations": 3, "converged": true, "customers": 10}'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783, "log_likelihood": -5}'::bgbb_model$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "r": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783}'::bgbb_model$$);
-- binary input
SELECT state, message FROM cxm_test.recv('bgbb_model', '\x0100');
SELECT state, message FROM cxm_test.recv('bgbb_model', ('\x0100' || repeat('00', 52))::bytea);
SELECT state, message FROM cxm_test.recv('bgbb_model', '\x0108' || substr(bgbb_model_send('{"version": 1, "alpha": 1.25, "beta": 0.75, "gamma": 0.5, "delta": 2.5}'), 3));
\x off
