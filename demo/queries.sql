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
