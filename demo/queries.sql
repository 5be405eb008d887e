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
