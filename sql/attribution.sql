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
SELECT setseed(0.25);
CREATE TABLE rt AS
SELECT c AS customer_id, (ARRAY['a', 'b', 'c', 'd', 'e'])[1 + floor(random() * 5)::int] AS channel,
       (ARRAY[NULL, 'v', 'w'])[1 + floor(random() * 3)::int] AS action,
       timestamptz '2025-01-01 00:00:00+00' + floor(random() * 60) * interval '6 hours' AS at
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
