-- demo/report.sql: the queries of the visual report (demo/report.sh) over the sample shop
-- (demo/sample_data.sql). Each chart is one call of report_chart(id, title, kind, query): it runs
-- the query and returns the rows as JSON (json_agg, plain columns straight from cxm's functions),
-- with the query's text, which the report shows under the chart. Prints one JSON document.
\set ON_ERROR_STOP on
SET TimeZone = 'UTC';
SET client_min_messages = warning;

CREATE FUNCTION pg_temp.report_chart(id text, title text, kind text, query text) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE rows json;
BEGIN
    EXECUTE format('SELECT coalesce(json_agg(t), ''[]'') FROM (%s) t', query) INTO rows;
    RETURN json_build_object('id', id, 'title', title, 'kind', kind, 'sql', query, 'rows', rows);
END $$;

-- journeys once per customer, used by several charts
CREATE TEMP TABLE report_journeys AS
SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
FROM interactions GROUP BY customer_id;
ANALYZE report_journeys;

CREATE TEMP TABLE report_charts (n serial, chart json);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('nps', 'NPS per month with its 95% interval, and CSAT', 'nps_band', $q$
SELECT to_char(month, 'YYYY-MM') AS month, responses(n) AS answers,
       round(nps(n)::numeric, 1) AS nps,
       round(ci_lower(n)::numeric, 1) AS nps_ci_lower, round(ci_upper(n)::numeric, 1) AS nps_ci_upper,
       round((ci_upper(n) - ci_lower(n))::numeric, 1) AS nps_ci_width,
       round(csat(c)::numeric, 1) AS csat
FROM (SELECT date_trunc('month', answered_at) AS month, nps_summary(nps_score) AS n,
             csat_summary(csat_score) AS c
      FROM survey_responses GROUP BY 1) monthly
ORDER BY month
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('funnel', 'Funnel: search, then a web product view, then a web purchase within 7 days', 'funnel', $q$
WITH levels AS (
    SELECT funnel_level(j, ARRAY['search', 'web/product_view', 'web/purchase'], '7 days') AS level,
           funnel_times_seconds(j, ARRAY['search', 'web/product_view', 'web/purchase'], '7 days') AS seconds
    FROM report_journeys
)
SELECT step, label, count(*) FILTER (WHERE level >= step) AS customers,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds[step]) FILTER (WHERE level >= step)
              / 3600)::numeric, 1) AS median_hours_from_step_1
FROM levels, unnest(ARRAY['search', 'web/product_view', 'web/purchase']) WITH ORDINALITY AS s(label, step)
GROUP BY step, label ORDER BY step
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('sankey', 'Channel transitions, from each step (left) to the next (right), with journey start and end', 'sankey', $q$
SELECT t.from_step AS source, '→ ' || t.to_step AS target, t.transitions AS value
FROM (SELECT transition_counts(j, 'channel', true) AS s FROM report_journeys) c, transition_table(c.s) t
ORDER BY t.transitions DESC
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('retention', 'Monthly cohort retention: % of each sign-up cohort active k months later', 'heatmap', $q$
WITH per_customer AS (
    SELECT c.customer_id, c.signed_up_at,
           activity_periods(i.occurred_at, c.signed_up_at, '1 month', '2025-07-01') AS a
    FROM customers c LEFT JOIN interactions i USING (customer_id)
    GROUP BY c.customer_id, c.signed_up_at
), cohorts AS (
    SELECT date_trunc('month', signed_up_at) AS cohort, activity_summary(a) AS s
    FROM per_customer GROUP BY 1
)
SELECT to_char(cohort, 'YYYY-MM') AS cohort, r.period AS months_after_sign_up,
       round(100 * r.rate::numeric, 1) AS pct_active
FROM cohorts, retention_table(s) r
WHERE cohort >= '2024-07-01' AND r.rate IS NOT NULL
ORDER BY cohort, r.period
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('subscription_forecast', 'Subscriptions: % of each plan''s subscribers still paying k months after their first payment, beside the sBG forecast', 'forecast', $q$
WITH plan_activity AS (
    SELECT customer_id, plan, activity_periods(paid_at, first_paid, '1 month', '2025-07-01', 'UTC') AS a
    FROM (SELECT *, min(paid_at) OVER (PARTITION BY customer_id) AS first_paid FROM subscription_payments) p
    GROUP BY customer_id, plan, first_paid
), fits AS (
    SELECT plan, sbg_fit(a) AS m, activity_summary(a) AS s FROM plan_activity GROUP BY plan
)
SELECT plan, r.period AS months, round((100 * r.rate)::numeric, 1) AS observed_pct,
       round((100 * survival(m, r.period))::numeric, 1) AS sbg_forecast_pct
FROM fits, retention_table(s) r
WHERE r.rate IS NOT NULL AND r.period <= 24
ORDER BY plan, r.period
$q$);

-- sessions that converted, for the attribution chart
CREATE TEMP TABLE report_outcomes AS
WITH sessions_ AS (
    SELECT t.customer_id, s AS j
    FROM (SELECT customer_id, journey_agg(touchpoint(channel, action, occurred_at)) AS j
          FROM interactions WHERE action IS DISTINCT FROM 'purchase' GROUP BY customer_id) t,
         sessions(t.j, '1 day') s
)
SELECT s.j, o.amount IS NOT NULL AS converted, coalesce(o.amount, 0)::float8 AS value
FROM sessions_ s
LEFT JOIN LATERAL (SELECT sum(amount) AS amount FROM orders o
                   WHERE o.customer_id = s.customer_id
                     AND o.ordered_at BETWEEN occurred_at(first_touch(s.j))
                                          AND occurred_at(last_touch(s.j)) + interval '1 hour') o ON true;

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('attribution', 'Revenue credited to each channel by every attribution model', 'grouped_bar', $q$
SELECT model, channel, round(sum(revenue)) AS revenue
FROM (SELECT m.model, a.channel, a.credit AS revenue
      FROM report_outcomes,
           unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position', 'w_shaped']) m(model),
           attribute(j, m.model, value) a
      WHERE converted
      UNION ALL
      SELECT 'markov', t.channel, t.value
      FROM (SELECT markov_attribution(j, converted, value) AS m FROM report_outcomes) s, attribution_table(s.m) t
      UNION ALL
      SELECT 'shapley', t.channel, t.value
      FROM (SELECT shapley_attribution(j, converted, value) AS m FROM report_outcomes) s, attribution_table(s.m) t) credits
GROUP BY model, channel ORDER BY model, channel
$q$);

-- customer value: RFM summaries, BG/NBD and Gamma-Gamma fits, 52-week values
CREATE TEMP TABLE report_value AS
WITH rfm AS (
    SELECT customer_id, (rfm_summary(ordered_at, amount, '2025-06-30 00:00:00+00', '1 day', '1 week')).*
    FROM orders GROUP BY customer_id
), models AS (
    SELECT bgnbd_fit(frequency, recency, age) AS m, gammagamma_fit(frequency, monetary) AS g FROM rfm
)
SELECT customer_id, frequency,
       ltv_estimate(m, g, frequency, recency, age, monetary, 52, power(1.10, 1 / 52.0) - 1) AS value_52_weeks
FROM rfm, models;

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('value_distribution', 'Customers by estimated value over the next 52 weeks (BG/NBD and Gamma-Gamma, 10% a year discount)', 'histogram', $q$
SELECT width_bucket(value_52_weeks, 0, 100, 20) AS bucket,
       CASE WHEN width_bucket(value_52_weeks, 0, 100, 20) > 20 THEN '$100 or more'
            ELSE format('$%s–%s', (width_bucket(value_52_weeks, 0, 100, 20) - 1) * 5,
                        width_bucket(value_52_weeks, 0, 100, 20) * 5) END AS value_52_weeks,
       count(*) AS customers
FROM report_value GROUP BY 1 ORDER BY 1
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('top_customers', 'The 15 customers worth most over the next 52 weeks', 'bar', $q$
SELECT 'customer ' || customer_id AS customer, frequency AS repeat_purchases,
       round(value_52_weeks::numeric, 2) AS value_52_weeks
FROM report_value ORDER BY value_52_weeks DESC, customer_id LIMIT 15
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('lifecycle', 'Customers by lifecycle state per month', 'stacked_bar', $q$
WITH monthly AS (
    SELECT activity_summary(a) AS s
    FROM (SELECT customer_id, activity_periods(occurred_at, '2024-01-01', '1 month', '2025-07-01') AS a
          FROM interactions GROUP BY customer_id) t
)
SELECT to_char(l.period_start, 'YYYY-MM') AS month, st.state, st.customers
FROM monthly, lifecycle_table(s) l,
     LATERAL (VALUES ('new', l.new_customers), ('returning', l.returning_customers),
                     ('resurrecting', l.resurrecting_customers), ('dormant', l.dormant_customers)) st(state, customers)
WHERE l.period_start >= '2024-07-01'
ORDER BY l.period, st.state
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('terms', 'What customers say: the most distinctive terms of detractors and promoters (z-score of the weighted log-odds)', 'terms', $q$
SELECT class, d.term, round(d.z::numeric, 2) AS z, d.count_in_class
FROM (SELECT term_summary(comment, nps_class(nps_score), 'english') AS s FROM survey_responses) t,
     unnest(ARRAY['detractor', 'promoter']) class,
     LATERAL distinctive_terms(t.s, class, top => 10) d
ORDER BY class, d.z DESC
$q$);

INSERT INTO report_charts (chart) SELECT pg_temp.report_chart('drivers', 'What drives NPS: each attribute rating''s share of the explained variance (Shapley/LMG) and its relative weight', 'drivers', $q$
SELECT driver, round(shapley_share::numeric, 3) AS shapley_share, round(relative_weight::numeric, 3) AS relative_weight,
       round(correlation::numeric, 3) AS correlation, rank
FROM driver_table((SELECT driver_summary(nps_score, ARRAY[quality_rating, delivery_rating, support_rating,
                                                          price_rating, app_rating],
                                         ARRAY['quality', 'delivery', 'support', 'price', 'app'])
                   FROM survey_responses))
ORDER BY rank
$q$);

SELECT json_build_object(
    'generated_from', format('%s customers, %s interactions, %s orders, %s survey answers',
                             (SELECT count(*) FROM customers), (SELECT count(*) FROM interactions),
                             (SELECT count(*) FROM orders), (SELECT count(*) FROM survey_responses)),
    'cxm_version', (SELECT extversion FROM pg_extension WHERE extname = 'cxm'),
    'charts', (SELECT json_agg(chart ORDER BY n) FROM report_charts));
