-- attribution: rule-based attribute() of one journey (checked against plain-SQL oracles on
-- random journeys), the Markov-chain and Shapley aggregates, parallel plans, round trips.
SET TimeZone = 'UTC';

--------------------------------------------------------------------------------------------
-- attribute(): rule-based models
--------------------------------------------------------------------------------------------
-- a on Jan 1, b/x on Jan 2, a on Jan 5, c/y on Jan 8 (the conversion time: the last touch)
CREATE TABLE one AS SELECT '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00",
  "b/x@2025-01-02 00:00:00+00", "a@2025-01-05 00:00:00+00", "c/y@2025-01-08 00:00:00+00"]}'::journey AS j;
-- first_touch: a 100; last_touch: c 100; linear: 25 per touch, a twice = 50;
-- time_decay (half-life 7 days): weights 2^(-7/7), 2^(-6/7), 2^(-3/7), 1 = 0.5, 0.55204,
--   0.74300, 1 (sum 2.79504): a = 100 * 1.24300 / 2.79504 = 44.4715, b 19.7509, c 35.7776;
-- position 40/20/40: a 40 + 10 (a middle touch), b 10, c 40;
-- w_shaped 30/30/30/10 with the milestone the earlier middle touch (b): a 30 + 10, b 30, c 30
SELECT m, a.channel, round(a.credit::numeric, 4) AS credit
FROM one, unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position', 'w_shaped']) m,
     attribute(j, m, 100) a ORDER BY m, a.channel;
-- rows come in the order of each channel's first touch; the value defaults to 1
SELECT * FROM one, attribute(j, 'linear');
-- channel/action labels
SELECT a.* FROM one, attribute(j, 'linear', 100, label => 'channel/action') a;
-- repeats: each channel once, at its first or at its last touch
SELECT r, a.channel, round(a.credit::numeric, 4) AS credit
FROM one, unnest(ARRAY['all', 'first', 'last']) r, attribute(j, 'position', 100, repeats => r) a
ORDER BY r, a.channel;
-- first: a(Jan 1) b c -> 40/20/40; last: b(Jan 2) a(Jan 5) c -> b 40, a 20, c 40
SELECT a.* FROM one, attribute(j, 'last_touch', 1, repeats => 'first') a;
-- the lookback window (inclusive) counts back from the conversion: 3 days keeps Jan 5 and Jan 8
SELECT a.* FROM one, attribute(j, 'linear', 90, lookback => '3 days') a;
SELECT a.* FROM one, attribute(j, 'linear', 90, lookback => '2 days 23:59:59') a;
-- an explicit conversion time: touches after it do not count; time_decay measures from it but
-- only the gaps between touches matter (2^(-d/h) ratios), so Jan 8 or Jan 30 give the same
SELECT a.* FROM one, attribute(j, 'last_touch', 1, converted_at => '2025-01-06') a;
SELECT a.channel, round(a.credit::numeric, 4) FROM one,
       attribute(j, 'time_decay', 100, converted_at => '2025-01-30') a;
SELECT a.* FROM one, attribute(j, 'time_decay', 100, converted_at => '2025-01-30', lookback => '1 day') a;
SELECT count(*) AS before_first_touch FROM one, attribute(j, 'linear', 1, converted_at => '2024-12-31') a;
-- half-life 1 day: weights 2^-7, 2^-6, 2^-3, 1
SELECT a.channel, abs(a.credit - (2.0^(-7) + 2.0^(-3)) / (2.0^(-7) + 2.0^(-6) + 2.0^(-3) + 1)) < 1e-15 AS exact
FROM one, attribute(j, 'time_decay', 1, half_life => '1 day') a WHERE a.channel = 'a';
-- weights: position [first, middle, last]; w_shaped [first, milestone, last, other]
SELECT a.* FROM one, attribute(j, 'position', 100, weights => ARRAY[0.5, 0, 0.5]) a;
SELECT a.* FROM one, attribute(j, 'w_shaped', 100, weights => ARRAY[0.25, 0.5, 0.25, 0]) a;
-- the milestone: the first touch between first and last whose channel or channel/action matches
SELECT a.* FROM one, attribute(j, 'w_shaped', 100, milestone => 'a') a;
SELECT a.* FROM one, attribute(j, 'w_shaped', 100, milestone => 'b/x') a;
-- no matching touch: its 30% weight is dropped and the rest rescaled (a 30+10, b 10, c 30 of 70)
SELECT a.channel, round(a.credit::numeric, 4) FROM one, attribute(j, 'w_shaped', 100, milestone => 'web') a;
-- one touch gets everything; two touches split 50/50 (position and w_shaped), or in the ratio
-- of the first and last weights
CREATE TABLE short AS SELECT n, j FROM (VALUES
  (1, '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00"]}'::journey),
  (2, '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}'),
  (3, '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00", "c@2025-01-02 00:00:00+00"]}')) v(n, j);
SELECT n, m, string_agg(a.channel || ' ' || round(a.credit::numeric, 4), ', ' ORDER BY a.channel)
FROM short, unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position', 'w_shaped']) m,
     attribute(j, m, 1) a GROUP BY n, m ORDER BY n, m;
SELECT a.* FROM short, attribute(j, 'position', 1, weights => ARRAY[0.6, 0.3, 0.1]) a WHERE n = 2;
-- weights that give the touches present nothing: they share equally
SELECT a.* FROM short, attribute(j, 'position', 1, weights => ARRAY[0, 1, 0]) a WHERE n = 2;
-- zero value, NULL journey, NULL value, empty journey
SELECT a.* FROM one, attribute(j, 'linear', 0) a;
SELECT count(*) FROM attribute(NULL, 'linear', 1);
SELECT count(*) FROM one, attribute(j, 'linear', NULL);
SELECT count(*) FROM attribute('{"version": 1, "steps": []}', 'linear', 1);

-- random journeys with ties and repeats: credits sum to the value (relative error < 1e-9),
-- every model and repeats rule
SELECT cxm_test.setseed(0.25);
CREATE TABLE rt AS
SELECT c AS customer_id, (ARRAY['a', 'b', 'c', 'd', 'e'])[1 + floor(cxm_test.random() * 5)::int] AS channel,
       (ARRAY[NULL, 'v', 'w'])[1 + floor(cxm_test.random() * 3)::int] AS action,
       timestamptz '2025-01-01 00:00:00+00' + floor(cxm_test.random() * 60) * interval '6 hours' AS at
FROM generate_series(1, 300) c, generate_series(1, 1 + c % 15) i;
CREATE TABLE rj AS
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j, 10 + customer_id * 1.37 AS value
FROM rt GROUP BY customer_id;
SELECT m, r, count(DISTINCT customer_id) AS journeys,
       max(abs(total - value) / value) < 1e-9 AS sums_to_value, min(least_credit) >= 0 AS non_negative
FROM (SELECT m, r, customer_id, value, sum(a.credit) AS total, min(a.credit) AS least_credit
      FROM rj, unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position', 'w_shaped']) m,
           unnest(ARRAY['all', 'first', 'last']) r,
           attribute(j, m, value, label => 'channel/action', repeats => r, lookback => '10 days') a
      GROUP BY m, r, customer_id, value) s
GROUP BY m, r ORDER BY m, r;

-- oracles in plain SQL on the same journeys (touches in journey order: time, channel, action)
CREATE TABLE ordered AS
SELECT customer_id, channel, at,
       row_number() OVER w AS pos, count(*) OVER (PARTITION BY customer_id) AS n,
       max(at) OVER (PARTITION BY customer_id) AS last_at
FROM rt WINDOW w AS (PARTITION BY customer_id ORDER BY at, channel, action NULLS FIRST);
CREATE TABLE oracle AS
SELECT 'linear' AS m, customer_id, channel, sum(1.0 / n) AS share FROM ordered GROUP BY customer_id, channel
UNION ALL
SELECT 'time_decay', customer_id, channel,
       sum(2 ^ (-extract(epoch FROM last_at - at) / (7 * 86400)))
       / sum(sum(2 ^ (-extract(epoch FROM last_at - at) / (7 * 86400)))) OVER (PARTITION BY customer_id)
FROM ordered GROUP BY customer_id, channel
UNION ALL
SELECT 'position', customer_id, channel,
       sum(CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 0.5 WHEN pos = 1 OR pos = n THEN 0.4 ELSE 0.2 / (n - 2) END)
FROM ordered GROUP BY customer_id, channel
UNION ALL
SELECT 'w_shaped', customer_id, channel,
       sum(CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 0.5 WHEN n = 3 THEN 1.0 / 3
                WHEN pos = 1 OR pos = n OR pos = 1 + (n - 1) / 2 THEN 0.3 ELSE 0.1 / (n - 3) END)
FROM ordered GROUP BY customer_id, channel
UNION ALL
SELECT 'first_touch', customer_id, channel, sum(CASE WHEN pos = 1 THEN 1 ELSE 0 END) FROM ordered GROUP BY customer_id, channel
UNION ALL
SELECT 'last_touch', customer_id, channel, sum(CASE WHEN pos = n THEN 1 ELSE 0 END) FROM ordered GROUP BY customer_id, channel;
SELECT o.m, count(*) AS rows, count(*) FILTER (WHERE abs(a.credit - o.share * r.value) <= 1e-9 * r.value) AS agree
FROM oracle o JOIN rj r USING (customer_id)
     LEFT JOIN LATERAL attribute(r.j, o.m, r.value) a ON a.channel = o.channel
GROUP BY o.m ORDER BY o.m;

-- errors
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'u_shaped') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, NULL) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', -1) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 'NaN') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 'Infinity') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 1, label => 'action') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 1, repeats => 'once') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 1, lookback => '-1 day') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 1, lookback => '1 month') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'time_decay', 1, half_life => '0') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'time_decay', 1, half_life => '-7 days') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 1, half_life => '7 days') FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'linear', 1, weights => ARRAY[0.4, 0.2, 0.4]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, weights => ARRAY[0.5, 0.5]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'w_shaped', 1, weights => ARRAY[0.4, 0.2, 0.4]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, weights => ARRAY[0.5, 0.6, -0.1]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, weights => ARRAY[0.5, 'NaN', 0.5]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, weights => ARRAY[0.5, NULL, 0.5]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, weights => ARRAY[0.5, 0.2, 0.5]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, weights => ARRAY[[0.4, 0.2, 0.4]]) FROM one$$);
SELECT * FROM cxm_test.error_of($$SELECT attribute(j, 'position', 1, milestone => 'b') FROM one$$);

--------------------------------------------------------------------------------------------
-- markov_attribution(): removal effects of an absorbing Markov chain
--------------------------------------------------------------------------------------------
-- Hand-solved chain. Journeys: a > b converts (value 100), a > c does not, b converts (50),
-- c > b does not. Transition probabilities: @start -> a 2/4, b 1/4, c 1/4; a -> b 1/2, c 1/2;
-- b -> @conversion 2/3, @null 1/3; c -> @null 1/2, b 1/2. Conversion probabilities x:
--   x_b = 2/3, x_c = 1/2 x_b = 1/3, x_a = 1/2 x_b + 1/2 x_c = 1/2,
--   P = 1/2 x_a + 1/4 x_b + 1/4 x_c = 1/4 + 1/6 + 1/12 = 1/2 (2 of 4 journeys convert).
-- Without a (x_a = 0): P = 1/6 + 1/12 = 1/4, removal effect 1 - (1/4)/(1/2) = 1/2.
-- Without b (x_b = 0, so x_c = x_a = 0): P = 0, removal effect 1.
-- Without c (x_c = 0, x_a = 1/3): P = 1/6 + 1/6 = 1/3, removal effect 1 - (1/3)/(1/2) = 1/3.
-- Effects sum to 11/6: conversions a 2 * (1/2) / (11/6) = 6/11, b 12/11, c 4/11; value (150)
-- a 150 * 3/11, b 150 * 6/11, c 150 * 2/11.
CREATE TABLE hand (id int, j journey, converted bool, value float8);
INSERT INTO hand VALUES
 (1, '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}', true, 100),
 (2, '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "c@2025-01-02 00:00:00+00"]}', false, 0),
 (3, '{"version": 1, "steps": ["b@2025-01-01 00:00:00+00"]}', true, 50),
 (4, '{"version": 1, "steps": ["c@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}', false, 0);
CREATE TABLE hand_models AS
SELECT markov_attribution(j, converted, value) AS m, markov_attribution(j, converted) AS m_count,
       shapley_attribution(j, converted, value) AS s
FROM hand;
SELECT m FROM hand_models;
SELECT abs(conversion_probability(m) - 0.5) < 1e-15 AS p_is_half FROM hand_models;
SELECT t.channel,
       abs(t.removal_effect - e.effect) < 1e-12 AS effect_ok,
       abs(t.conversions - e.conversions) < 1e-12 AS conversions_ok,
       abs(t.value - e.value) < 1e-10 AS value_ok
FROM hand_models, attribution_table(m) t
     JOIN (VALUES ('a', 1 / 2.0, 6 / 11.0, 150 * 3 / 11.0), ('b', 1, 12 / 11.0, 150 * 6 / 11.0),
                  ('c', 1 / 3.0, 4 / 11.0, 150 * 2 / 11.0)) e(channel, effect, conversions, value)
     USING (channel) ORDER BY t.channel;
-- without a value argument every conversion is worth 1
SELECT channel, round(conversions::numeric, 6), round(value::numeric, 6) FROM hand_models, attribution_table(m_count);
-- repeated touches of a channel are one visit (a self-loop does not change absorption)
SELECT markov_attribution(j, true) = markov_attribution(j2, true) AS repeats_collapse
FROM (VALUES ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}'::journey,
              '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "a@2025-01-01 01:00:00+00", "b@2025-01-02 00:00:00+00", "b@2025-01-03 00:00:00+00"]}'::journey)) v(j, j2);
-- a channel that loops back: a > b > a converts, b does not; x_a = 1/2 x_b + 1/2,
-- x_b = 1/2 x_a (b -> a 1 of 2, b -> @null 1 of 2): x_a = 2/3, P = 1/2 x_a + 1/2 x_b = 1/2
SELECT abs(conversion_probability(markov_attribution(j, c)) - 0.5) < 1e-15 AS loop_ok
FROM (VALUES ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00", "a@2025-01-03 00:00:00+00"]}'::journey, true),
             ('{"version": 1, "steps": ["b@2025-01-01 00:00:00+00"]}', false)) v(j, c);
-- no conversions: probability 0, removal effects and credits 0; empty journeys go @start ->
-- @conversion or @null directly; NULL arguments skip the row; no rows: NULL
SELECT m, conversion_probability(m), (SELECT array_agg(removal_effect) FROM attribution_table(m))
FROM (SELECT markov_attribution(j, false) AS m FROM hand) s;
SELECT markov_attribution(j, c, v)
FROM (VALUES ('{"version": 1, "steps": []}'::journey, true, 5.0::float8), (NULL, true, 1), ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00"]}', NULL, 1),
             ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00"]}', true, NULL), ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00"]}', false, 0)) v(j, c, v);
SELECT markov_attribution(j, converted) IS NULL AS no_rows FROM hand WHERE false;
-- conversion probability of the random journeys equals their conversion rate (every journey
-- starts at @start and ends in an absorbing state, so the chain reproduces the overall rate)
CREATE TABLE rconv AS SELECT customer_id, j, value, (customer_id * 7) % 10 < 3 AS converted FROM rj;
SELECT abs(conversion_probability(markov_attribution(j, converted)) - avg(converted::int)) < 1e-12 AS rate_ok
FROM rconv;

--------------------------------------------------------------------------------------------
-- shapley_attribution(): Shapley values over channel sets
--------------------------------------------------------------------------------------------
-- hand journeys: converted sets {a, b} (value 100) and {b} (50): a 1/2, b 1/2 + 1 = 3/2;
-- value a 50, b 100; c takes part in no converted journey: 0
SELECT s FROM hand_models;
SELECT t.* FROM hand_models, attribution_table(s) t;
-- brute force: the classic formula sum over coalitions T without c of
-- |T|! (n - |T| - 1)! / n! (v(T + c) - v(T)), v(T) = conversions of journeys whose channel set
-- lies within T, over all 2^5 coalitions of the random journeys' channels (bitmasks in SQL)
CREATE TABLE rsets AS
SELECT customer_id, converted, value,
       (SELECT sum(DISTINCT 1 << (ascii(channel) - ascii('a'))) FROM rt WHERE rt.customer_id = rconv.customer_id)::int AS mask
FROM rconv;
CREATE TABLE worth AS
SELECT t AS coalition, coalesce(sum(1) FILTER (WHERE converted), 0) AS conversions,
       coalesce(sum(value) FILTER (WHERE converted), 0) AS value
FROM generate_series(0, 31) t LEFT JOIN rsets ON rsets.mask & ~t = 0 GROUP BY t;
CREATE TABLE brute AS
SELECT chr(ascii('a') + c) AS channel,
       sum(w.f * (with_c.conversions - without_c.conversions)) AS conversions,
       sum(w.f * (with_c.value - without_c.value)) AS value
FROM generate_series(0, 4) c CROSS JOIN generate_series(0, 31) t
     CROSS JOIN LATERAL (SELECT length(replace(t::bit(5)::text, '0', '')) AS size) k
     CROSS JOIN LATERAL (SELECT factorial(k.size) * factorial(5 - k.size - 1) / factorial(5)::numeric AS f) w
     JOIN worth without_c ON without_c.coalition = t
     JOIN worth with_c ON with_c.coalition = t | (1 << c)
WHERE t & (1 << c) = 0 GROUP BY c;
SELECT b.channel, round(b.conversions, 6) AS brute_conversions,
       abs(t.conversions - b.conversions) < 1e-9 AS conversions_ok, abs(t.value - b.value) < 1e-9 * b.value AS value_ok
FROM (SELECT shapley_attribution(j, converted, value) AS s FROM rconv) m, attribution_table(m.s) t
     JOIN brute b USING (channel) ORDER BY channel;
-- efficiency: the values add up to the conversions (and value) of journeys with a channel
SELECT abs(sum(t.conversions) - (SELECT count(*) FROM rconv WHERE converted)) < 1e-9 AS conversions_add_up,
       abs(sum(t.value) - (SELECT sum(value) FROM rconv WHERE converted)) < 1e-9 * sum(t.value) AS value_adds_up
FROM (SELECT shapley_attribution(j, converted, value) AS s FROM rconv) m, attribution_table(m.s) t;
-- many distinct channel sets (40 channels, thousands of sets: the state grows in place many
-- times): each converted journey's value shared equally among its distinct channels, in SQL
CREATE TABLE wide_touches AS
SELECT i AS id, 'w' || floor(cxm_test.random() * 40)::int AS channel, '2025-01-01'::timestamptz + k * interval '1 hour' AS at
FROM generate_series(1, 4000) i, generate_series(1, 1 + i % 9) k;
CREATE TABLE wide AS
SELECT id, journey_agg(touchpoint(channel, NULL, at)) AS j, id % 3 = 0 AS converted, (id % 17) + 0.5 AS value
FROM wide_touches GROUP BY id;
CREATE TABLE wide_oracle AS
SELECT channel, sum(1.0 / n) AS conversions, sum(value / n) AS value
FROM (SELECT DISTINCT t.id, t.channel, w.value, c.n
      FROM wide_touches t JOIN wide w USING (id)
           JOIN (SELECT id, count(DISTINCT channel) AS n FROM wide_touches GROUP BY id) c USING (id)
      WHERE w.converted) s GROUP BY channel;
SELECT (SELECT count(*) FROM (SELECT DISTINCT array_agg(DISTINCT channel ORDER BY channel) FROM wide_touches GROUP BY id) d) > 2000 AS many_sets,
       count(*) AS channels,
       count(*) FILTER (WHERE abs(t.conversions - coalesce(o.conversions, 0)) < 1e-9
                          AND abs(t.value - coalesce(o.value, 0)) < 1e-9) AS agree
FROM (SELECT shapley_attribution(j, converted, value) AS s FROM wide) m, attribution_table(m.s) t
     LEFT JOIN wide_oracle o USING (channel);
-- empty journeys and NULL arguments; no rows: NULL
SELECT shapley_attribution(j, c, v)
FROM (VALUES ('{"version": 1, "steps": []}'::journey, true, 5.0::float8), (NULL, true, 1),
             ('{"version": 1, "steps": ["b@2025-01-01 00:00:00+00", "a@2025-01-02 00:00:00+00"]}', true, 2.5),
             ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00"]}', false, 0)) v(j, c, v);
SELECT t.* FROM attribution_table('{"version": 1, "channels": ["a", "b"], "sets": [0, 3], "journeys": [1, 1], "conversions": [1, 1], "values": [5, 2.5]}'::shapley_model) t;
-- on PostgreSQL 16+, a model over the channel limit is a soft error in input (pg_input_is_valid)
SELECT cxm_test.soft_invalid('{"version": 1, "channels": [' || string_agg('"c' || i || '"', ', ') || '], "sets": [], "journeys": [], "conversions": [], "values": []}', 'shapley_model') AS shapley_over_limit,
       cxm_test.soft_invalid('{"version": 1, "channels": [' || string_agg('"c' || i || '"', ', ') || '], "from": [], "to": [], "counts": [], "journeys": 0, "conversions": 0, "value": 0}', 'markov_model') AS markov_over_limit
FROM generate_series(1, 300) i;
SELECT shapley_attribution(j, converted) IS NULL AS no_rows FROM hand WHERE false;
-- 63 channels fit (one journey through all of them)
SELECT count(*), abs(sum(conversions) - 1) < 1e-12 AS adds_up FROM attribution_table((
  SELECT shapley_attribution(j, true) FROM (SELECT journey_agg(touchpoint('c' || i, NULL, '2025-01-01'::timestamptz + i * interval '1 hour')) AS j
                                            FROM generate_series(1, 63) i) s));

--------------------------------------------------------------------------------------------
-- partial models: forced parallel plans, roll-ups, text and binary round trips
--------------------------------------------------------------------------------------------
CREATE TABLE many AS SELECT r.*, g FROM rconv r, generate_series(1, 20) g;
CREATE TABLE serial_models AS
SELECT markov_attribution(j, converted, value) AS m, shapley_attribution(j, converted, value) AS s FROM many;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
ALTER TABLE many SET (parallel_workers = 2);
EXPLAIN (COSTS OFF) SELECT markov_attribution(j, converted, value), shapley_attribution(j, converted, value) FROM many;
SELECT markov_attribution(j, converted, value) = (SELECT m FROM serial_models) AS markov_parallel_same,
       shapley_attribution(j, converted, value) = (SELECT s FROM serial_models) AS shapley_parallel_same
FROM many;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT rollup(m) = (SELECT m FROM serial_models) AS markov_rollup_same,
       rollup(s) = (SELECT s FROM serial_models) AS shapley_rollup_same
FROM (SELECT g, markov_attribution(j, converted, value) AS m, shapley_attribution(j, converted, value) AS s
      FROM many GROUP BY g) p;
SELECT m::text::markov_model = m AS markov_text, s::text::shapley_model = s AS shapley_text,
       (SELECT value FROM cxm_test.recv('markov_model', markov_model_send(m)))::markov_model = m AS markov_binary,
       (SELECT value FROM cxm_test.recv('shapley_model', shapley_model_send(s)))::shapley_model = s AS shapley_binary,
       m::text::jsonb::text::markov_model = m AS markov_via_jsonb
FROM serial_models;
-- values that need a residual (value_low) round-trip exactly
SELECT m::text ~ 'value_low' AS has_low, m::text::markov_model = m AS markov_text,
       s::text::shapley_model = s AS shapley_text
FROM (SELECT markov_attribution(j, true, v) AS m, shapley_attribution(j, true, v) AS s
      FROM (VALUES (1e16::float8), (1), (0.1)) x(v), one) q;

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
SELECT * FROM cxm_test.error_of($$SELECT markov_attribution(j, converted, -1) FROM hand$$);
SELECT * FROM cxm_test.error_of($$SELECT markov_attribution(j, converted, 'NaN') FROM hand$$);
SELECT * FROM cxm_test.error_of($$SELECT shapley_attribution(j, converted, '-Infinity') FROM hand$$);
SELECT * FROM cxm_test.error_of($$SELECT shapley_attribution(j, false, 'NaN') FROM hand$$);
-- conversion values whose total overflows float8 (they became Infinity or NaN before): 22003,
-- in the transition and when partial models merge
SELECT * FROM cxm_test.error_of($$SELECT markov_attribution(j, true, 1e308) FROM hand$$);
SELECT * FROM cxm_test.error_of($$SELECT shapley_attribution(j, true, 1e308) FROM hand, generate_series(1, 2)$$);
-- a model whose channel sets each hold 1e308 is fine, but channel b's share of them is not
SELECT * FROM cxm_test.error_of($$SELECT attribution_table(shapley_attribution(j, true, 1e308)) FROM hand$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(m) FROM (SELECT markov_attribution(j, true, 1e308) AS m FROM hand GROUP BY id) p$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(m) FROM (SELECT shapley_attribution(j, true, 1e308) AS m FROM hand, generate_series(1, 2) GROUP BY id, generate_series) p$$);
-- too many channels: 54000
SELECT * FROM cxm_test.error_of($$SELECT markov_attribution(j, true) FROM (SELECT journey_agg(touchpoint('c' || i, NULL, '2025-01-01'::timestamptz + i * interval '1 hour')) AS j FROM generate_series(1, 201) i) s$$);
SELECT * FROM cxm_test.error_of($$SELECT shapley_attribution(j, true) FROM (SELECT journey_agg(touchpoint('c' || i, NULL, '2025-01-01'::timestamptz + i * interval '1 hour')) AS j FROM generate_series(1, 64) i) s$$);
SELECT * FROM cxm_test.error_of($$SELECT shapley_attribution(j, true) FROM (SELECT journey_agg(touchpoint('c' || i, NULL, '2025-01-01'::timestamptz + i * interval '1 hour')) AS j FROM generate_series(1, 64) i GROUP BY i % 2) s$$);
-- bad text: each input names what is wrong
SELECT v, (cxm_test.error_of(format('SELECT %L::markov_model', v))).*
FROM (VALUES ('{"version": 2, "channels": [], "journeys": 1, "conversions": 0, "value": 0, "from": ["@start"], "to": ["@null"], "counts": [1]}'),
             ('{"version": 1, "channels": ["b", "a"], "journeys": 1, "conversions": 0, "value": 0, "from": [], "to": [], "counts": []}'),
             ('{"version": 1, "channels": ["a/x"], "journeys": 1, "conversions": 0, "value": 0, "from": [], "to": [], "counts": []}'),
             ('{"version": 1, "channels": ["a"], "journeys": 1, "conversions": 0, "value": 0, "from": ["@start", "a"], "to": ["a", "@null"], "counts": [1, 2]}'),
             ('{"version": 1, "channels": ["a"], "journeys": 1, "conversions": 0, "value": 0, "from": ["@start", "a", "a"], "to": ["a", "a", "@null"], "counts": [1, 1, 1]}'),
             ('{"version": 1, "channels": ["a"], "journeys": 1, "conversions": 0, "value": 0, "from": ["a", "@start"], "to": ["@null", "a"], "counts": [1, 1]}'),
             ('{"version": 1, "channels": ["a"], "journeys": 1, "conversions": 0, "value": 0, "from": ["@start", "a"], "to": ["x", "@null"], "counts": [1, 1]}'),
             ('{"version": 1, "channels": [], "journeys": 1, "conversions": 1, "value": -1, "from": ["@start"], "to": ["@conversion"], "counts": [1]}'),
             ('{"version": 1, "channels": [], "journeys": 0, "conversions": 0, "value": 0, "from": [], "to": [], "counts": []}'),
             ('{"version": 1, "channels": ["a"], "journeys": 1, "conversions": 0, "value": 0, "from": ["@start"], "to": ["@null"], "counts": [1]}'),
             ('{"version": 1, "channels": [], "journeys": 1, "conversions": 0, "value": 0, "from": ["@start"], "to": ["@null"], "counts": [1], "extra": 1}')) x(v);
SELECT v, (cxm_test.error_of(format('SELECT %L::shapley_model', v))).*
FROM (VALUES ('{"version": 1, "channels": ["a"], "sets": [2], "journeys": [1], "conversions": [1], "values": [1]}'),
             ('{"version": 1, "channels": ["a", "b"], "sets": [3, 1], "journeys": [1, 1], "conversions": [1, 1], "values": [1, 1]}'),
             ('{"version": 1, "channels": ["a"], "sets": [1], "journeys": [1], "conversions": [2], "values": [1]}'),
             ('{"version": 1, "channels": ["a"], "sets": [1], "journeys": [1], "conversions": [0], "values": [1]}'),
             ('{"version": 1, "channels": ["a", "b"], "sets": [1], "journeys": [1], "conversions": [1], "values": [1]}'),
             ('{"version": 1, "channels": ["a"], "sets": [-1], "journeys": [1], "conversions": [1], "values": [1]}'),
             ('{"version": 1, "channels": ["a"], "sets": [1], "journeys": [1], "conversions": [1]}'),
             ('{"version": 1, "channels": [], "sets": [], "journeys": [], "conversions": [], "values": []}')) x(v);
-- bad binary
SELECT state, message FROM cxm_test.recv('markov_model', '\x01');
SELECT state, message FROM cxm_test.recv('markov_model', '\x020000000000');
SELECT state, message FROM cxm_test.recv('markov_model', '\x010000000001000161');
SELECT state, message FROM cxm_test.recv('shapley_model', '\x0100000000000000000001');
SELECT state, message FROM cxm_test.recv('shapley_model',
  '\x0100000000010001610000000100000000000000020000000000000001000000000000000100000000000000000000000000000000');

-- a -0 in binary input reads as 0, as it does in text input, so the value survives a text
-- round trip (found by test/fuzz/long_run.sh: -0 printed as "-0", which read back as 0)
SELECT value, value::markov_model::text = value AS reads_back
FROM cxm_test.recv('markov_model', '\x0100000000010001610000000000000001000000000000000180000000000000000000000000000000000000020000000000000003000000000000000100000003000000010000000000000001');
SELECT value, value::shapley_model::text = value AS reads_back
FROM cxm_test.recv('shapley_model', '\x010000000002000161000162000000030000000000000000000000000000000100000000000000013fb999999999999a00000000000000000000000000000002000000000000000100000000000000008000000000000000000000000000000000000000000000030000000000000001000000000000000140290000000000000000000000000000');
