-- demo/queries.sql: cxm's headline queries over the sample shop (demo/sample_data.sql).
\set ON_ERROR_STOP on
\pset footer off
SET TimeZone = 'UTC';

\echo
\echo '== 1. Touchpoints straight from an existing interactions table: one customer''s history'
SELECT touchpoint(channel, action, occurred_at) AS touchpoint
FROM interactions WHERE customer_id = 42
ORDER BY 1;

\echo
\echo '== 2. The first touch of every customer (min over touchpoints), and how often it led to an order'
WITH firsts AS (
    SELECT customer_id, min(touchpoint(channel, action, occurred_at)) AS first_touch
    FROM interactions GROUP BY customer_id
)
SELECT channel(f.first_touch) AS first_channel,
       count(*) AS customers,
       round(100.0 * count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM orders o WHERE o.customer_id = f.customer_id)) / count(*), 1) AS pct_ordered
FROM firsts f
GROUP BY 1 ORDER BY customers DESC;

\echo
\echo '== 3. The last touch before each purchase (max over touchpoints before the order)'
SELECT channel(last_touch) AS last_channel, action(last_touch) AS last_action, count(*) AS orders,
       round(avg(amount), 2) AS avg_amount
FROM orders o
CROSS JOIN LATERAL (
    SELECT max(touchpoint(i.channel, i.action, i.occurred_at)) AS last_touch
    FROM interactions i
    WHERE i.customer_id = o.customer_id AND i.occurred_at < o.ordered_at
      AND i.action IS DISTINCT FROM 'purchase'
) t
WHERE last_touch IS NOT NULL
GROUP BY 1, 2 ORDER BY orders DESC LIMIT 8;

\echo
\echo '== 4. Touchpoints are values: store them, index them, look them up'
CREATE TEMP TABLE touchpoints AS
SELECT customer_id, touchpoint(channel, action, occurred_at) AS tp FROM interactions;
CREATE INDEX ON touchpoints (tp);
ANALYZE touchpoints;
SELECT customer_id, tp FROM touchpoints
WHERE tp >= 'store/visit@2025-06-01 00:00:00+00' ORDER BY tp LIMIT 5;

\echo
\echo '== 5. Interactions per channel and month (first half of 2025)'
SELECT channel(tp) AS channel,
       count(*) FILTER (WHERE occurred_at(tp) >= '2025-01-01' AND occurred_at(tp) < '2025-02-01') AS jan,
       count(*) FILTER (WHERE occurred_at(tp) >= '2025-02-01' AND occurred_at(tp) < '2025-03-01') AS feb,
       count(*) FILTER (WHERE occurred_at(tp) >= '2025-03-01' AND occurred_at(tp) < '2025-04-01') AS mar,
       count(*) FILTER (WHERE occurred_at(tp) >= '2025-04-01' AND occurred_at(tp) < '2025-05-01') AS apr,
       count(*) FILTER (WHERE occurred_at(tp) >= '2025-05-01' AND occurred_at(tp) < '2025-06-01') AS may,
       count(*) FILTER (WHERE occurred_at(tp) >= '2025-06-01' AND occurred_at(tp) < '2025-07-01') AS jun
FROM touchpoints GROUP BY 1 ORDER BY 1;

\echo
\echo '== 6. NPS, CSAT and CES by channel, with 95% intervals (Wald for NPS, Wilson for CSAT, t for CES)'
SELECT channel, responses(n) AS answers,
       round(nps(n)::numeric, 1) AS nps,
       format('[%s, %s]', round(ci_lower(n)::numeric, 1), round(ci_upper(n)::numeric, 1)) AS nps_95,
       round(csat(c)::numeric, 1) AS csat,
       format('[%s, %s]', round(ci_lower(c)::numeric, 1), round(ci_upper(c)::numeric, 1)) AS csat_95,
       round(ces(e)::numeric, 2) AS ces,
       format('[%s, %s]', round(ci_lower(e)::numeric, 2), round(ci_upper(e)::numeric, 2)) AS ces_95
FROM (SELECT channel, nps_summary(nps_score) AS n, csat_summary(csat_score) AS c,
             ces_summary(ces_score) AS e
      FROM survey_responses GROUP BY channel) t
ORDER BY nps DESC;

\echo
\echo '== 7. NPS by month, and whether it moved significantly since the month before'
WITH monthly AS (
    SELECT date_trunc('month', answered_at) AS month, nps_summary(nps_score) AS s
    FROM survey_responses GROUP BY 1
), paired AS (
    SELECT month, s, lag(s) OVER (ORDER BY month) AS previous FROM monthly
)
SELECT to_char(month, 'YYYY-MM') AS month, responses(s) AS answers, round(nps(s)::numeric, 1) AS nps,
       round(std_error(s)::numeric, 2) AS se,
       round(c.difference::numeric, 1) AS change, round(c.p_value::numeric, 3) AS p_value
FROM paired LEFT JOIN LATERAL compare(s, previous) c ON previous IS NOT NULL
WHERE month >= '2025-01-01' AND month < '2025-07-01'
ORDER BY month;

\echo
\echo '== 8. Two-step: store daily summaries once, then a rolling 30-day NPS from them'
CREATE TEMP TABLE daily_nps AS
SELECT answered_at::date AS day, nps_summary(nps_score) AS s FROM survey_responses GROUP BY 1;
SELECT day, responses(rolling) AS answers_30d, round(nps(rolling)::numeric, 1) AS nps_30d
FROM (SELECT day, rollup(s) OVER (ORDER BY day ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS rolling
      FROM daily_nps) t
WHERE day BETWEEN '2025-06-24' AND '2025-06-30' ORDER BY day;

\echo
\echo '== 8b. What customers say: per channel, the most distinctive terms of detractors and of promoters'
\echo '   (lexemes of the english text search configuration; weighted log-odds against all other answers)'
CREATE TEMP TABLE channel_terms AS
SELECT channel, term_summary(comment, nps_class(nps_score), 'english') AS terms
FROM survey_responses GROUP BY channel;
SELECT channel, class, string_agg(d.term, ', ' ORDER BY d.z DESC) AS distinctive_terms
FROM channel_terms, unnest(ARRAY['detractor', 'promoter']) class,
     LATERAL distinctive_terms(terms, class, top => 5) d
GROUP BY channel, class ORDER BY channel, class;

\echo
\echo '== 9. What drives NPS: key-driver analysis of the five attribute ratings'
\echo '   (the sample data builds NPS from quality, delivery, support, price and app in that order of weight)'
SELECT driver, round(mean::numeric, 2) AS mean_rating, round(correlation::numeric, 3) AS correlation,
       round(beta::numeric, 3) AS beta, round(relative_weight::numeric, 3) AS relative_weight,
       round(shapley_share::numeric, 3) AS shapley_share, rank
FROM driver_table((SELECT driver_summary(nps_score, ARRAY[quality_rating, delivery_rating, support_rating,
                                                          price_rating, app_rating],
                                         ARRAY['quality', 'delivery', 'support', 'price', 'app'])
                   FROM survey_responses))
ORDER BY rank;

\echo
\echo '== 10. Monthly cohort retention: % of each sign-up cohort active k months after signing up'
\echo '   (customers without any interaction count too; months not yet over at 2025-07-01 stay empty)'
WITH per_customer AS (
    SELECT c.customer_id, c.signed_up_at,
           activity_periods(i.occurred_at, c.signed_up_at, '1 month', '2025-07-01') AS a
    FROM customers c LEFT JOIN interactions i USING (customer_id)
    GROUP BY c.customer_id, c.signed_up_at
), cohorts AS (
    SELECT date_trunc('month', signed_up_at) AS cohort, activity_summary(a) AS s
    FROM per_customer GROUP BY 1
)
SELECT to_char(cohort, 'YYYY-MM') AS cohort, customers(s) AS customers,
       max(round(100 * rate)) FILTER (WHERE period = 0) AS m0,
       max(round(100 * rate)) FILTER (WHERE period = 1) AS m1,
       max(round(100 * rate)) FILTER (WHERE period = 2) AS m2,
       max(round(100 * rate)) FILTER (WHERE period = 3) AS m3,
       max(round(100 * rate)) FILTER (WHERE period = 6) AS m6,
       max(round(100 * rate)) FILTER (WHERE period = 9) AS m9,
       max(round(100 * rate)) FILTER (WHERE period = 12) AS m12
FROM cohorts, retention_table(s)
GROUP BY cohort, customers(s) ORDER BY cohort;

\echo
\echo '== 11. Churn and lifecycle by calendar month (2025): who stopped, who came back'
WITH monthly AS (
    SELECT activity_summary(a) AS s
    FROM (SELECT customer_id, activity_periods(occurred_at, '2024-01-01', '1 month', '2025-07-01') AS a
          FROM interactions GROUP BY customer_id) t
)
SELECT to_char(c.period_start, 'YYYY-MM') AS month, c.active_previous, c.churned,
       round(100 * c.churn_rate::numeric, 1) AS churn_pct, l.new_customers, l.returning_customers,
       l.resurrecting_customers, l.dormant_customers
FROM monthly, churn_table(s) c JOIN lifecycle_table(s) l USING (period)
WHERE c.period_start >= '2025-01-01' ORDER BY c.period;

\echo
\echo '== 12. Customers by churn status on 2025-07-01 (churned after 90 days without activity, at risk after 30)'
SELECT status, count(*) AS customers FROM (
    SELECT churn_status(max(occurred_at), '2025-07-01', '90 days', '30 days') AS status
    FROM interactions WHERE occurred_at < '2025-07-01' GROUP BY customer_id) t
GROUP BY status ORDER BY status;

\echo
\echo '== 13. Journeys: the most common paths that end in a purchase (channels, repeats collapsed)'
WITH purchase_journeys AS (
    SELECT customer_id, s AS session
    FROM (SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
          FROM interactions GROUP BY customer_id) t,
         sessions(j, '1 day') s
    WHERE action(last_touch(s)) = 'purchase'
)
SELECT path(session) AS path_to_purchase, count(*) AS journeys
FROM purchase_journeys GROUP BY 1 ORDER BY 2 DESC LIMIT 8;

\echo
\echo '== 14. Funnel search -> web product view -> web purchase within 7 days: reach and median time'
WITH journeys AS (
    SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
    FROM interactions GROUP BY customer_id
), levels AS (
    SELECT funnel_level(j, ARRAY['search', 'web/product_view', 'web/purchase'], '7 days') AS level,
           funnel_times(j, ARRAY['search', 'web/product_view', 'web/purchase'], '7 days') AS times
    FROM journeys
)
SELECT step, label, count(*) FILTER (WHERE level >= step) AS customers,
       round(100.0 * count(*) FILTER (WHERE level >= step)
             / nullif(count(*) FILTER (WHERE level >= 1), 0), 1) AS pct_of_step_1,
       justify_interval(percentile_cont(0.5) WITHIN GROUP (ORDER BY times[step])
                        FILTER (WHERE level >= step)) AS median_time_from_step_1
FROM levels, unnest(ARRAY['search', 'web/product_view', 'web/purchase']) WITH ORDINALITY AS s(label, step)
GROUP BY step, label ORDER BY step;

\echo
\echo '== 15. Top transitions between channels (Sankey edges, with journey start and end markers)'
SELECT t.from_step, t.to_step, t.transitions, round(100 * t.share::numeric, 1) AS pct_of_from_step
FROM (SELECT transition_counts(j, 'channel', true) AS s
      FROM (SELECT journey_agg(touchpoint(channel, action, occurred_at)) AS j
            FROM interactions GROUP BY customer_id) per_customer) t0,
     transition_table(t0.s) t
ORDER BY t.transitions DESC LIMIT 10;

\echo
\echo '== 16. Customer value of the shop: summarise -> fit -> estimate (weeks, calibration end 2025-06-30)'
CREATE TEMP TABLE shop_rfm AS
SELECT customer_id, (rfm_summary(ordered_at, amount, '2025-06-30 00:00:00+00', '1 day', '1 week')).*
FROM orders GROUP BY customer_id;
CREATE TEMP TABLE shop_models AS
SELECT bgnbd_fit(frequency, recency, age) AS m, gammagamma_fit(frequency, monetary) AS g FROM shop_rfm;
SELECT round(r(m)::numeric, 3) AS r, round(alpha(m)::numeric, 3) AS alpha, round(a(m)::numeric, 3) AS a,
       round(b(m)::numeric, 3) AS b, round(p(g)::numeric, 2) AS p, round(q(g)::numeric, 2) AS q,
       round(gamma(g)::numeric, 2) AS gamma, customers(m) AS customers
FROM shop_models;
\echo '   top customers by estimated value over the next 52 weeks (10% a year as a weekly rate)'
SELECT customer_id, frequency, round(recency::numeric, 1) AS recency, round(age::numeric, 1) AS age,
       round(monetary::numeric, 2) AS avg_repeat_spend,
       round(p_alive(m, frequency, recency, age)::numeric, 3) AS p_alive,
       round(ltv_estimate(m, g, frequency, recency, age, monetary, 52, power(1.10, 1 / 52.0) - 1)::numeric, 2)
         AS value_next_52_weeks
FROM shop_rfm, shop_models
ORDER BY ltv_estimate(m, g, frequency, recency, age, monetary, 52, power(1.10, 1 / 52.0) - 1) DESC, customer_id
LIMIT 8;
\echo '   top repeat customers by P(alive), with the purchases expected in the next 52 weeks'
SELECT customer_id, frequency, round(recency::numeric, 1) AS recency, round(age::numeric, 1) AS age,
       round(p_alive(m, frequency, recency, age)::numeric, 3) AS p_alive,
       round(expected_purchases(m, 52, frequency, recency, age)::numeric, 2) AS purchases_next_52_weeks
FROM shop_rfm, shop_models WHERE frequency > 0
ORDER BY p_alive(m, frequency, recency, age) DESC, frequency DESC, customer_id LIMIT 8;

\echo
\echo '== 16b. Customer value on real data: the CDNOW purchase log (2,357 customers, test/data/cdnow),'
\echo '   RFM summaries in weeks up to 1997-09-30, a BG/NBD fit, and the customers expected to buy most'
\echo '   in the next 39 weeks'
CREATE TEMP TABLE cdnow_raw (line text);
\copy cdnow_raw FROM 'test/data/cdnow/CDNOW_sample.txt'
CREATE TEMP TABLE cdnow_orders AS
SELECT f[2]::int AS customer_id, to_date(f[3], 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC' AS ordered_at,
       f[5]::numeric AS amount
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), ' +') AS f FROM cdnow_raw) r;
CREATE TEMP TABLE rfm AS
SELECT customer_id, (s).frequency, (s).recency, (s).age, (s).monetary
FROM (SELECT customer_id, rfm_summary(ordered_at, amount, '1997-09-30 00:00:00+00', '1 day', '1 week') AS s
      FROM cdnow_orders GROUP BY customer_id) x;
CREATE TEMP TABLE model AS SELECT bgnbd_fit(frequency, recency, age) AS m FROM rfm;
SELECT round(r(m)::numeric, 3) AS r, round(alpha(m)::numeric, 3) AS alpha, round(a(m)::numeric, 3) AS a,
       round(b(m)::numeric, 3) AS b, round(log_likelihood(m)::numeric, 1) AS log_likelihood,
       converged(m), customers(m)
FROM model;
SELECT customer_id, frequency, round(recency::numeric, 1) AS recency, round(age::numeric, 1) AS age,
       round(monetary::numeric, 2) AS avg_repeat_spend,
       round(p_alive(m, frequency, recency, age)::numeric, 3) AS p_alive,
       round(expected_purchases(m, 39, frequency, recency, age)::numeric, 2) AS purchases_next_39_weeks
FROM rfm, model
ORDER BY expected_purchases(m, 39, frequency, recency, age) DESC, customer_id LIMIT 8;
\echo
\echo '   ... and the customers worth most over the next 52 weeks (Gamma-Gamma spend model, 10% a year'
\echo '   discount as a weekly rate)'
CREATE TEMP TABLE spend_model AS SELECT gammagamma_fit(frequency, monetary) AS g FROM rfm;
SELECT round(p(g)::numeric, 2) AS p, round(q(g)::numeric, 2) AS q, round(gamma(g)::numeric, 2) AS gamma,
       customers(g) AS repeat_customers FROM spend_model;
SELECT customer_id, frequency, round(monetary::numeric, 2) AS avg_repeat_spend,
       round(p_alive(m, frequency, recency, age)::numeric, 3) AS p_alive,
       round(ltv_estimate(m, g, frequency, recency, age, monetary, 52, power(1.10, 1 / 52.0) - 1)::numeric, 2)
         AS value_next_52_weeks
FROM rfm, model, spend_model
ORDER BY ltv_estimate(m, g, frequency, recency, age, monetary, 52, power(1.10, 1 / 52.0) - 1) DESC, customer_id
LIMIT 8;

\echo
\echo '== 17. RFM segments of the CDNOW customers as of 1998-07-01: days since the last order, orders and'
\echo '   total spend, scored 1-5 by quintile over all customers (equal values, equal scores)'
SELECT rfm_segment(rfm_score() OVER (ORDER BY days_since_last_order DESC), rfm_score() OVER (ORDER BY orders),
                   rfm_score() OVER (ORDER BY spend)) AS segment
INTO TEMP cdnow_segments
FROM (SELECT customer_id, date '1998-07-01' - max(ordered_at AT TIME ZONE 'UTC')::date AS days_since_last_order,
             count(*) AS orders, sum(amount) AS spend
      FROM cdnow_orders WHERE ordered_at < '1998-07-01 00:00:00+00' GROUP BY customer_id) c;
SELECT segment, count(*) AS customers FROM cdnow_segments GROUP BY 1 ORDER BY 2 DESC, 1;

\echo
\echo '== 18. Attribution: revenue of converting sessions (non-purchase touches within a day, an order'
\echo '   within an hour of the last touch) credited to channels by every model, side by side'
CREATE TEMP TABLE sessions_ AS
SELECT t.customer_id, s AS j
FROM (SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
      FROM interactions WHERE action IS DISTINCT FROM 'purchase' GROUP BY customer_id) t,
     sessions(t.j, '1 day') s;
CREATE TEMP TABLE outcomes AS
SELECT s.j, o.amount IS NOT NULL AS converted, coalesce(o.amount, 0)::float8 AS value
FROM sessions_ s
LEFT JOIN LATERAL (SELECT sum(amount) AS amount FROM orders o
                   WHERE o.customer_id = s.customer_id
                     AND o.ordered_at BETWEEN occurred_at(first_touch(s.j))
                                          AND occurred_at(last_touch(s.j)) + interval '1 hour') o ON true;
WITH rule_based AS (
    SELECT m.model, a.channel, sum(a.credit) AS revenue
    FROM outcomes, unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position', 'w_shaped']) m(model),
         attribute(j, m.model, value) a
    WHERE converted GROUP BY 1, 2
), markov AS (
    SELECT t.channel, t.value AS revenue
    FROM (SELECT markov_attribution(j, converted, value) AS m FROM outcomes) s, attribution_table(s.m) t
), shapley AS (
    SELECT t.channel, t.value AS revenue
    FROM (SELECT shapley_attribution(j, converted, value) AS m FROM outcomes) s, attribution_table(s.m) t
)
SELECT channel,
       round(sum(revenue) FILTER (WHERE model = 'first_touch')) AS first_touch,
       round(sum(revenue) FILTER (WHERE model = 'last_touch')) AS last_touch,
       round(sum(revenue) FILTER (WHERE model = 'linear')) AS linear,
       round(sum(revenue) FILTER (WHERE model = 'time_decay')) AS time_decay,
       round(sum(revenue) FILTER (WHERE model = 'position')) AS position,
       round(sum(revenue) FILTER (WHERE model = 'w_shaped')) AS w_shaped,
       round(sum(revenue) FILTER (WHERE model = 'markov')) AS markov,
       round(sum(revenue) FILTER (WHERE model = 'shapley')) AS shapley
FROM (SELECT model, channel, revenue FROM rule_based
      UNION ALL SELECT 'markov', channel, revenue FROM markov
      UNION ALL SELECT 'shapley', channel, revenue FROM shapley) all_models
GROUP BY channel ORDER BY linear DESC NULLS LAST;

\echo
\echo '== 19. Subscriptions: each monthly plan''s retention (customers counted from their sign-up month)'
\echo '   beside the sBG forecast fitted on it, and what a subscriber is worth (price per month times'
\echo '   del/derl at 10% a year, about 0.8% a month)'
CREATE TEMP TABLE plan_activity AS
SELECT customer_id, plan, activity_periods(paid_at, first_paid, '1 month', '2025-07-01', 'UTC') AS a
FROM (SELECT *, min(paid_at) OVER (PARTITION BY customer_id) AS first_paid FROM subscription_payments) p
GROUP BY customer_id, plan, first_paid;
WITH fits AS (SELECT plan, sbg_fit(a) AS m, activity_summary(a) AS s FROM plan_activity GROUP BY plan)
SELECT plan, period, customers, round((100 * rate)::numeric, 1) AS retained_pct,
       round((100 * survival(m, period))::numeric, 1) AS sbg_pct
FROM fits, retention_table(s)
WHERE period IN (0, 1, 2, 3, 6, 9, 12, 15) ORDER BY plan, period;
WITH fits AS (SELECT plan, sbg_fit(a) AS m, count(*) AS subscribers FROM plan_activity GROUP BY plan),
     active AS (SELECT customer_id, plan, count(*) - 1 AS renewals FROM subscription_payments
                GROUP BY customer_id, plan
                HAVING max(paid_at) >= timestamptz '2025-07-01' - interval '1 month')
SELECT f.plan, f.subscribers, round(alpha(m)::numeric, 3) AS alpha, round(beta(m)::numeric, 3) AS beta,
       price AS price_per_month,
       round((price * del(m, power(1.1, 1 / 12.0) - 1))::numeric, 2) AS value_new_subscriber,
       count(a.customer_id) AS active_now,
       round(sum(price * derl(m, a.renewals::int, power(1.1, 1 / 12.0) - 1))::numeric) AS value_of_active_base
FROM fits f JOIN (VALUES ('basic', 10), ('plus', 25)) p(plan, price) USING (plan)
LEFT JOIN active a USING (plan)
GROUP BY f.plan, f.subscribers, m, price ORDER BY f.plan;
