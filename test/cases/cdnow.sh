#!/usr/bin/env bash
# test/cases/cdnow.sh: customer value on the CDNOW sample (test/data/cdnow). rfm_summary must
# reproduce the published summary of all 2,357 customers exactly (frequency; recency, T and mean
# repeat spend to the published 2 decimals), weekly periods must agree with a plain-SQL oracle
# (date_trunc('week'): Monday weeks, lifetimes' freq='W'), bgnbd_fit must find the published
# BG/NBD estimates (Fader, Hardie & Lee 2005), gammagamma_fit the published Gamma-Gamma ones
# (Fader & Hardie 2013) and paretonbd_fit the published Pareto/NBD ones. Marketing RFM as of
# 1998-07-01 (days since the last order, orders, total spend; rfm_score() quintiles and
# rfm_segment) must agree with a plain-SQL oracle that counts customers instead of using
# window functions, give equal values equal scores, and have one-time buyers spread over the
# monetary scores and "Lost" customers.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_cdnow_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
SET TimeZone = 'UTC';
CREATE TABLE raw (line text);
\copy raw FROM 'test/data/cdnow/CDNOW_sample.txt'
CREATE TABLE orders AS
SELECT f[2]::int AS customer_id, to_date(f[3], 'YYYYMMDD')::timestamptz AS ordered_at,
       f[5]::numeric AS amount
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), ' +') AS f FROM raw) r;
CREATE TABLE published (id int, frequency numeric, recency numeric, t numeric);
\copy published FROM 'test/data/cdnow/cdnow_customers_summary.csv' (FORMAT csv, HEADER)
CREATE TABLE published_spend (id int, x numeric, t_x numeric, t numeric, zbar numeric);
\copy published_spend FROM 'test/data/cdnow/cdnow_customers_summary_with_transactions.csv' (FORMAT csv, HEADER)
ANALYZE;

SELECT 'orders ' || count(*) || ', customers ' || count(DISTINCT customer_id) FROM orders;

CREATE TABLE summary AS
SELECT customer_id, (rfm_summary(ordered_at, amount, '1997-09-30', '1 day', '1 week')).*
FROM orders GROUP BY customer_id;

-- every customer on both sides, every value equal at the published precision
SELECT 'mismatches ' || count(*)
FROM summary s FULL JOIN published p ON p.id = s.customer_id
JOIN published_spend w ON w.id = coalesce(s.customer_id, p.id)
WHERE s.customer_id IS NULL OR p.id IS NULL
   OR s.frequency::numeric <> p.frequency
   OR round(s.recency::numeric, 2) <> p.recency
   OR round(s.age::numeric, 2) <> p.t
   OR round(coalesce(s.monetary, 0)::numeric, 2) <> w.zbar;
SELECT 'rows compared ' || count(*) FROM summary s JOIN published p ON p.id = s.customer_id;
SELECT 'customer 1: ' || frequency || ' ' || round(recency::numeric, 2) || ' ' || round(age::numeric, 2)
       || ' ' || round(monetary::numeric, 2)
FROM summary WHERE customer_id = 1;

-- weekly periods (lifetimes freq='W'): Monday-to-Sunday weeks, against a plain-SQL oracle
CREATE TABLE weekly_oracle AS
SELECT customer_id, count(DISTINCT date_trunc('week', ordered_at)) - 1 AS frequency,
       extract(epoch FROM max(date_trunc('week', ordered_at)) - min(date_trunc('week', ordered_at))) / 604800 AS recency,
       extract(epoch FROM date_trunc('week', timestamptz '1997-09-30') - min(date_trunc('week', ordered_at))) / 604800 AS t
FROM orders WHERE ordered_at < date_trunc('week', timestamptz '1997-09-30') + interval '1 week'
GROUP BY customer_id;
SELECT 'weekly mismatches ' || count(*)
FROM (SELECT customer_id, (rfm_summary(ordered_at, amount, '1997-09-30', '1 week')).* FROM orders
      GROUP BY customer_id) s
FULL JOIN weekly_oracle o USING (customer_id)
WHERE s.frequency IS DISTINCT FROM o.frequency OR s.recency IS DISTINCT FROM o.recency::float8
   OR s.age IS DISTINCT FROM o.t::float8;
-- lifetimes' documentation: customer 1 with freq='W' has recency 30 and T 39
SELECT 'customer 1 weekly: ' || recency || ' ' || age
FROM (SELECT (rfm_summary(ordered_at, amount, '1997-09-30', '1 week')).* FROM orders
      WHERE customer_id = 1) s;


-- BG/NBD on the sample: Fader, Hardie & Lee (2005) publish r = 0.243, alpha = 4.414, a = 0.793,
-- b = 2.426, LL = -9582.4
SELECT 'bgnbd ' || round(r(m)::numeric, 3) || ' ' || round(alpha(m)::numeric, 3) || ' '
       || round(a(m)::numeric, 3) || ' ' || round(b(m)::numeric, 3) || ' '
       || round(log_likelihood(m)::numeric, 1) || ' ' || converged(m) || ' ' || customers(m)
FROM (SELECT bgnbd_fit(frequency, recency, age) AS m FROM summary) f;
-- the same fit from the published (rounded) summary, and from stored, rolled-up patterns
SELECT 'bgnbd from csv ' || round(r(m)::numeric, 3) || ' ' || round(alpha(m)::numeric, 3) || ' '
       || round(a(m)::numeric, 3) || ' ' || round(b(m)::numeric, 3)
FROM (SELECT bgnbd_fit(frequency::float8, recency::float8, t::float8) AS m FROM published) f;
SELECT 'rollup fit equal ' || ((SELECT bgnbd_fit(rollup(p)) FROM (
           SELECT rfm_patterns(frequency, recency, age) AS p FROM summary GROUP BY customer_id % 10) s)
       = (SELECT bgnbd_fit(frequency, recency, age) FROM summary));

-- Gamma-Gamma on the 946 repeat customers: Fader & Hardie (2013) publish p = 6.25, q = 3.74,
-- gamma = 15.44; scipy's maximum from the transactions (test/reference/customer_value.py):
-- p 6.24957180779, q 3.74422501675, gamma 15.4435238749, LL -4055.9176948; from the published
-- summary's zbar (rounded to cents): p 6.24880239515, q 3.74458824365, gamma 15.4477472573
SELECT 'gammagamma ' || round(p(m)::numeric, 2) || ' ' || round(q(m)::numeric, 2) || ' '
       || round(gamma(m)::numeric, 2) || ' ' || converged(m) || ' ' || customers(m)
FROM (SELECT gammagamma_fit(frequency, monetary) AS m FROM summary) f;
SELECT 'gammagamma vs scipy ' || (abs(p(m) / 6.24957180779 - 1) < 1e-5 AND abs(q(m) / 3.74422501675 - 1) < 1e-5
       AND abs(gamma(m) / 15.4435238749 - 1) < 1e-5 AND abs(log_likelihood(m) - -4055.9176948) < 1e-6)
FROM (SELECT gammagamma_fit(frequency, monetary) AS m FROM summary) f;
SELECT 'gammagamma from csv vs scipy ' || (abs(p(m) / 6.24880239515 - 1) < 1e-5 AND abs(q(m) / 3.74458824365 - 1) < 1e-5
       AND abs(gamma(m) / 15.4477472573 - 1) < 1e-5)
FROM (SELECT gammagamma_fit(x::float8, zbar::float8) AS m FROM published_spend) f;
SELECT 'gammagamma rollup fit equal ' || ((SELECT gammagamma_fit(rollup(p)) FROM (
           SELECT spend_patterns(frequency, monetary) AS p FROM summary GROUP BY customer_id % 10) s)
       = (SELECT gammagamma_fit(frequency, monetary) FROM summary));

-- Pareto/NBD: Fader, Hardie & Lee (2005) publish r = 0.553, alpha = 10.578, s = 0.606,
-- beta = 11.669, LL = -9595.0; scipy's maximum from the transactions
-- (test/reference/paretonbd.py): r 0.553277040034, alpha 10.5776836374, s 0.606240042932,
-- beta 11.6687376661, LL -9594.97617894
SELECT 'paretonbd ' || round(r(m)::numeric, 3) || ' ' || round(alpha(m)::numeric, 3) || ' '
       || round(s(m)::numeric, 3) || ' ' || round(beta(m)::numeric, 3) || ' '
       || round(log_likelihood(m)::numeric, 1) || ' ' || converged(m) || ' ' || customers(m)
FROM (SELECT paretonbd_fit(frequency, recency, age) AS m FROM summary) f;
SELECT 'paretonbd vs scipy ' || (abs(r(m) / 0.553277040034 - 1) < 1e-5 AND abs(alpha(m) / 10.5776836374 - 1) < 1e-5
       AND abs(s(m) / 0.606240042932 - 1) < 1e-5 AND abs(beta(m) / 11.6687376661 - 1) < 1e-5
       AND abs(log_likelihood(m) - -9594.97617894) < 1e-6)
FROM (SELECT paretonbd_fit(frequency, recency, age) AS m FROM summary) f;

-- Marketing RFM as of 1998-07-01, the day after the last order: per customer the days since
-- the last order, the orders and the total spend; scores 1-5 by quintile over all customers
-- (rfm_score(): recency 5 = most recent), segments by rfm_segment
CREATE TABLE mkt AS
SELECT customer_id, date '1998-07-01' - max(ordered_at)::date AS days_since_last_order,
       count(*) AS orders, sum(amount) AS spend
FROM orders WHERE ordered_at < '1998-07-01' GROUP BY customer_id;
CREATE TABLE mkt_scored AS
SELECT customer_id, r, f, m, rfm_segment(r, f, m) AS segment
FROM (SELECT customer_id, rfm_score() OVER (ORDER BY days_since_last_order DESC) AS r,
             rfm_score() OVER (ORDER BY orders) AS f, rfm_score() OVER (ORDER BY spend) AS m
      FROM mkt) s;
-- the oracle, without window functions: a score is 1 + floor(5 x (customers with a strictly
-- worse value) / customers), worse meaning a longer time since the last order, fewer orders,
-- less spend; the segment is the grid of the README, R against FM = (F + M + 1) / 2 (half up)
CREATE TABLE mkt_oracle AS
WITH n AS (SELECT count(*)::numeric AS n FROM mkt),
scores AS (
    SELECT c.customer_id,
           1 + floor(5 * (SELECT count(*) FROM mkt w WHERE w.days_since_last_order > c.days_since_last_order) / n.n)::int AS r,
           1 + floor(5 * (SELECT count(*) FROM mkt w WHERE w.orders < c.orders) / n.n)::int AS f,
           1 + floor(5 * (SELECT count(*) FROM mkt w WHERE w.spend < c.spend) / n.n)::int AS m
    FROM mkt c, n)
SELECT customer_id, r, f, m,
       CASE WHEN r = 5 THEN CASE WHEN fm = 1 THEN 'New Customers' WHEN fm <= 3 THEN 'Potential Loyalist' ELSE 'Champions' END
            WHEN r = 4 THEN CASE WHEN fm = 1 THEN 'Promising' WHEN fm <= 3 THEN 'Potential Loyalist' ELSE 'Loyal Customers' END
            WHEN r = 3 THEN CASE WHEN fm <= 2 THEN 'About To Sleep' WHEN fm = 3 THEN 'Need Attention' ELSE 'Loyal Customers' END
            WHEN r = 2 THEN CASE WHEN fm <= 2 THEN 'Hibernating' WHEN fm <= 4 THEN 'At Risk' ELSE 'Can''t Lose Them' END
            ELSE CASE WHEN fm = 1 THEN 'Lost' WHEN fm = 2 THEN 'Hibernating' WHEN fm <= 4 THEN 'At Risk' ELSE 'Can''t Lose Them' END
       END AS segment
FROM (SELECT *, round((f + m) / 2.0)::int AS fm FROM scores) s;
SELECT 'rfm customers ' || count(*) FROM mkt_scored;
SELECT 'rfm mismatches ' || count(*)
FROM mkt_scored s FULL JOIN mkt_oracle o USING (customer_id)
WHERE (s.r, s.f, s.m, s.segment) IS DISTINCT FROM (o.r, o.f, o.m, o.segment);
-- equal values, equal scores
SELECT 'rfm split ties ' || (SELECT count(*) FROM (SELECT days_since_last_order FROM mkt JOIN mkt_scored USING (customer_id)
                                                     GROUP BY 1 HAVING count(DISTINCT r) > 1) x)
                         + (SELECT count(*) FROM (SELECT orders FROM mkt JOIN mkt_scored USING (customer_id)
                                                  GROUP BY 1 HAVING count(DISTINCT f) > 1) x)
                         + (SELECT count(*) FROM (SELECT spend FROM mkt JOIN mkt_scored USING (customer_id)
                                                  GROUP BY 1 HAVING count(DISTINCT m) > 1) x);
-- one-time buyers: frequency score 1, monetary scores spread (not all at the top)
SELECT 'one-time buyers ' || count(*) || ', frequency score 1: ' || count(*) FILTER (WHERE f = 1)
       || ', monetary scores used: ' || count(DISTINCT m)
       || ', top two monetary scores: ' || round(100.0 * count(*) FILTER (WHERE m >= 4) / count(*)) || '%'
FROM mkt JOIN mkt_scored USING (customer_id) WHERE orders = 1;
SELECT 'lost ' || count(*) FILTER (WHERE segment = 'Lost') || ', champions ' || count(*) FILTER (WHERE segment = 'Champions')
       || ', segments ' || count(DISTINCT segment)
FROM mkt_scored;
SELECT 'segment ' || segment || ' ' || count(*) FROM mkt_scored GROUP BY segment ORDER BY count(*) DESC, segment;
SQL
)
echo "$out"
ok=1
grep -qx 'orders 6919, customers 2357' <<<"$out" || ok=0
grep -qx 'mismatches 0' <<<"$out" || ok=0
grep -qx 'rows compared 2357' <<<"$out" || ok=0
grep -qx 'weekly mismatches 0' <<<"$out" || ok=0
grep -qx 'customer 1 weekly: 30 39' <<<"$out" || ok=0
grep -qx 'bgnbd 0.243 4.414 0.793 2.426 -9582.4 true 2357' <<<"$out" || ok=0
grep -qx 'bgnbd from csv 0.243 4.414 0.793 2.426' <<<"$out" || ok=0
grep -qx 'rollup fit equal true' <<<"$out" || ok=0
grep -qx 'gammagamma 6.25 3.74 15.44 true 946' <<<"$out" || ok=0
grep -qx 'gammagamma vs scipy true' <<<"$out" || ok=0
grep -qx 'gammagamma from csv vs scipy true' <<<"$out" || ok=0
grep -qx 'gammagamma rollup fit equal true' <<<"$out" || ok=0
grep -qx 'paretonbd 0.553 10.578 0.606 11.669 -9595.0 true 2357' <<<"$out" || ok=0
grep -qx 'paretonbd vs scipy true' <<<"$out" || ok=0
grep -qx 'rfm customers 2357' <<<"$out" || ok=0
grep -qx 'rfm mismatches 0' <<<"$out" || ok=0
grep -qx 'rfm split ties 0' <<<"$out" || ok=0
grep -qE '^one-time buyers ([0-9]+), frequency score 1: \1, monetary scores used: 5, top two monetary scores: ([0-9]|[1-3][0-9])%$' <<<"$out" || ok=0
grep -qE '^lost [1-9][0-9]*, champions [1-9][0-9]*, segments [0-9]+$' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "CDNOW customer value: FAILED"; exit 1; }
echo "CDNOW customer value: ok"
