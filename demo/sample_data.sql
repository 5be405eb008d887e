-- demo/sample_data.sql: a sample shop in plain tables, generated in SQL.
--
--   psql -v customers=100000 -v seed=0.42 -f demo/sample_data.sql
--
-- customers (default 100000) sets the size; seed (default 0.42, in [-1, 1]) makes the data
-- reproducible: the same seed and size give the same rows. Creates (replacing) the tables
--   customers(customer_id, signed_up_at, country, segment)
--   interactions(customer_id, channel, action, occurred_at)      ~9 per customer
--   orders(order_id, customer_id, ordered_at, amount)            ~0.8 per customer
--   survey_responses(response_id, customer_id, answered_at, nps_score, csat_score,
--                    ces_score, channel, comment, quality_rating, delivery_rating,
--                    support_rating, price_rating, app_rating)    ~0.6 per customer
--   subscription_payments(customer_id, plan, paid_at)            monthly plans of ~1 in 5
-- Interactions form journeys: an acquisition touch (search, social, display, email, ...),
-- then browsing on web/app with emails in between; a first journey may end in a purchase, which
-- is also an order. Surveys follow some orders and call-center contacts. The data ends with
-- 2025-06-30 (UTC): nothing is dated later.
\set ON_ERROR_STOP on
\if :{?customers}
\else
\set customers 100000
\endif
\if :{?seed}
\else
\set seed 0.42
\endif

-- the data ends with 2025-06-30 (UTC): nothing is dated later. Journeys, repeat purchases and
-- surveys still under way then are cut off there, as in an export taken at that moment.
\set data_end '2025-07-01 00:00:00+00'

SET client_min_messages = warning;
-- random() must be drawn in one process, in one order, for the seed to fix the data
SET max_parallel_workers_per_gather = 0;
SELECT setseed(:seed) \gset

DROP TABLE IF EXISTS subscription_payments, survey_responses, orders, interactions, customers;

CREATE TABLE customers (
    customer_id  int PRIMARY KEY,
    signed_up_at timestamptz NOT NULL,
    country      text NOT NULL,
    segment      text NOT NULL
);
CREATE TABLE interactions (
    customer_id int NOT NULL,
    channel     text NOT NULL,
    action      text,
    occurred_at timestamptz NOT NULL
);
CREATE TABLE orders (
    order_id    bigserial PRIMARY KEY,
    customer_id int NOT NULL,
    ordered_at  timestamptz NOT NULL,
    amount      numeric(10, 2) NOT NULL
);
CREATE TABLE survey_responses (
    response_id bigserial PRIMARY KEY,
    customer_id int NOT NULL,
    answered_at timestamptz NOT NULL,
    nps_score   int CHECK (nps_score BETWEEN 0 AND 10),
    csat_score  int CHECK (csat_score BETWEEN 1 AND 5),
    ces_score   int CHECK (ces_score BETWEEN 1 AND 7),
    channel     text NOT NULL,
    -- attribute ratings 1-10, the drivers of nps_score (see below)
    quality_rating  int CHECK (quality_rating BETWEEN 1 AND 10),
    delivery_rating int CHECK (delivery_rating BETWEEN 1 AND 10),
    support_rating  int CHECK (support_rating BETWEEN 1 AND 10),
    price_rating    int CHECK (price_rating BETWEEN 1 AND 10),
    app_rating      int CHECK (app_rating BETWEEN 1 AND 10)
);

INSERT INTO customers
SELECT i,
       date_trunc('second', timestamptz '2024-01-01 00:00:00+00' + random() * interval '365 days'),
       (ARRAY['US','US','US','GB','DE','FR','BR','IN','JP','CA'])[1 + floor(random() * 10)::int],
       (ARRAY['consumer','consumer','consumer','small_business','enterprise'])[1 + floor(random() * 5)::int]
FROM generate_series(1, :customers) AS i;

-- journeys: how many per customer (geometric, mean ~2.5), when each starts, how many steps
-- (mean ~4), and a draw deciding whether it converts (longer journeys convert more often)
CREATE TEMP TABLE journey_plan AS
WITH per_customer AS MATERIALIZED (
    SELECT customer_id, signed_up_at,
           1 + least(9, floor(-ln(1 - random()) * 1.6))::int AS journeys
    FROM customers ORDER BY customer_id
)
SELECT row_number() OVER () AS journey_id, p.customer_id, j,
       -- the first journey starts at sign-up, later ones ever more rarely (mean gap 4 months),
       -- so cohort retention decays as in a real shop
       date_trunc('second', p.signed_up_at + CASE WHEN j = 1 THEN random() * interval '2 days'
                  ELSE -ln(1 - random()) * 120 * interval '1 day' END) AS started_at,
       1 + least(14, floor(-ln(1 - random()) * 3.2))::int AS steps,
       random() AS convert_draw,
       random() AS purchase_channel_draw
FROM per_customer p, generate_series(1, p.journeys) AS j
ORDER BY p.customer_id, j;

CREATE TEMP TABLE journey_steps AS
WITH drawn AS (
    SELECT jp.journey_id, jp.customer_id, s AS step,
           CASE WHEN s = 1
                THEN (ARRAY['search','search','search','social','social','display','email','email','web','app','store','call_center'])[1 + floor(random() * 12)::int]
                ELSE (ARRAY['web','web','web','web','app','app','app','email','email','social','search','call_center','store'])[1 + floor(random() * 13)::int]
           END AS channel,
           random() AS action_draw,
           -- gaps between touches: exponential, mean 5 hours, whole seconds (ties happen)
           CASE WHEN s = 1 THEN 0 ELSE floor(-ln(1 - random()) * 18000) END AS gap_seconds,
           jp.started_at
    FROM journey_plan jp, generate_series(1, jp.steps) AS s
    ORDER BY jp.journey_id, s
)
SELECT journey_id, customer_id, step, channel,
       CASE channel
         WHEN 'web' THEN (ARRAY['view','view','product_view','search','add_to_cart'])[1 + floor(action_draw * 5)::int]
         WHEN 'app' THEN (ARRAY['open','view','product_view','add_to_cart'])[1 + floor(action_draw * 4)::int]
         WHEN 'email' THEN (ARRAY['open','open','click'])[1 + floor(action_draw * 3)::int]
         WHEN 'social' THEN (ARRAY['impression','click'])[1 + floor(action_draw * 2)::int]
         WHEN 'display' THEN (ARRAY['impression','impression','click'])[1 + floor(action_draw * 3)::int]
         WHEN 'search' THEN (ARRAY['click','click', NULL])[1 + floor(action_draw * 3)::int]
         WHEN 'store' THEN 'visit'
         ELSE (ARRAY['call','call','chat'])[1 + floor(action_draw * 3)::int]
       END AS action,
       started_at + sum(gap_seconds) OVER (PARTITION BY journey_id ORDER BY step) * interval '1 second' AS occurred_at
FROM drawn;

-- later journeys start up to years after sign-up: only the touches before the end are data
-- (the later ones stay in journey_steps, so every draw below is the same with any end)
INSERT INTO interactions (customer_id, channel, action, occurred_at)
SELECT customer_id, channel, action, occurred_at FROM journey_steps
WHERE occurred_at < :'data_end' ORDER BY journey_id, step;

-- buy-till-you-die traits per customer (BG/NBD and Gamma-Gamma, time in weeks, money in $):
-- purchase rate lambda ~ Gamma(r = 0.5, alpha = 5) = Z^2 / (2 alpha); dropout probability
-- after each repeat purchase p ~ Beta(a = 1, b = 3) = 1 - U^(1/3), so the repeat purchases
-- before dropping out are geometric; spend scale nu ~ Gamma(q = 4, gamma = 25), each order's
-- amount ~ Gamma(p = 6, nu) (mean $50 over customers)
CREATE TEMP TABLE traits AS
SELECT customer_id,
       greatest(1e-9, -2 * ln(1 - random()) * cos(2 * pi() * random()) ^ 2 / (2 * 5)) AS lambda,
       greatest(1e-9, 1 - power(1 - random(), 1 / 3.0)) AS p_drop,
       random() AS dropout_draw,
       greatest(1e-4, -ln((1 - random()) * (1 - random()) * (1 - random()) * (1 - random())) / 25) AS nu
FROM customers ORDER BY customer_id;

-- a customer's first journey may convert: that purchase acquires them (the BTYD birth); it
-- ends a few minutes after the journey's last touch
CREATE TEMP TABLE purchases AS
SELECT jp.journey_id, jp.customer_id,
       CASE WHEN jp.purchase_channel_draw < 0.6 THEN 'web'
            WHEN jp.purchase_channel_draw < 0.85 THEN 'app' ELSE 'store' END AS channel,
       last_touch.occurred_at + (60 + floor(random() * 1800)) * interval '1 second' AS occurred_at,
       round((-ln((1 - random()) * (1 - random()) * (1 - random()) * (1 - random()) * (1 - random())
                  * (1 - random())) / t.nu)::numeric, 2) AS amount
FROM journey_plan jp
JOIN traits t USING (customer_id)
JOIN (SELECT journey_id, max(occurred_at) AS occurred_at FROM journey_steps GROUP BY journey_id)
     last_touch USING (journey_id)
JOIN journey_steps first_touch ON first_touch.journey_id = jp.journey_id AND first_touch.step = 1
-- longer journeys convert more often; so do those that start from intent (search, email, store)
WHERE jp.j = 1 AND jp.convert_draw < least(0.8, (0.03 + 0.05 * jp.steps) *
        CASE first_touch.channel WHEN 'search' THEN 1.3 WHEN 'email' THEN 1.4 WHEN 'store' THEN 1.5
             WHEN 'app' THEN 1.2 WHEN 'web' THEN 1.0 WHEN 'social' THEN 0.7 WHEN 'display' THEN 0.5
             ELSE 0.8 END)
ORDER BY jp.journey_id;

-- repeat purchases up to the end of the data: exponential gaps at rate lambda,
-- dropping out after the J-th repeat purchase, J geometric with parameter p. Each is reached
-- by a short journey: a returning touch (email, app, web, search) minutes before the purchase.
CREATE TEMP TABLE repeat_purchases AS
WITH buyers AS MATERIALIZED (
    SELECT p.journey_id, p.customer_id, p.occurred_at AS born_at, t.lambda, t.nu, h.weeks,
           least(1 + floor(ln(1 - t.dropout_draw) / ln(1 - t.p_drop)),
                 ceil(t.lambda * h.weeks + 6 * sqrt(t.lambda * h.weeks) + 5), 500)::int AS draws
    FROM purchases p JOIN traits t USING (customer_id),
         LATERAL (SELECT extract(epoch FROM :'data_end'::timestamptz - p.occurred_at) / 604800 AS weeks) h
    ORDER BY p.customer_id
), gaps AS MATERIALIZED (
    SELECT b.*, k, -ln(1 - random()) / b.lambda AS gap_weeks
    FROM buyers b, generate_series(1, b.draws) AS k ORDER BY b.customer_id, k
), timed AS (
    SELECT *, sum(gap_weeks) OVER (PARTITION BY customer_id ORDER BY k) AS at_weeks FROM gaps
), kept AS MATERIALIZED (
    SELECT customer_id, k, nu, date_trunc('second', born_at + at_weeks * interval '1 week') AS occurred_at
    FROM timed WHERE at_weeks < weeks ORDER BY customer_id, k
)
SELECT customer_id, k, occurred_at,
       (ARRAY['email','email','app','app','web','search'])[1 + floor(random() * 6)::int] AS touch_channel,
       (60 + floor(random() * 3600)) * interval '1 second' AS lead_time,
       CASE WHEN random() < 0.6 THEN 'web' WHEN random() < 0.6 THEN 'app' ELSE 'store' END AS channel,
       round((-ln((1 - random()) * (1 - random()) * (1 - random()) * (1 - random()) * (1 - random())
                  * (1 - random())) / nu)::numeric, 2) AS amount
FROM kept ORDER BY customer_id, k;

INSERT INTO interactions (customer_id, channel, action, occurred_at)
SELECT customer_id, touch_channel,
       CASE touch_channel WHEN 'email' THEN 'click' WHEN 'search' THEN 'click' ELSE 'product_view' END,
       occurred_at - lead_time
FROM repeat_purchases ORDER BY customer_id, k;
INSERT INTO purchases (journey_id, customer_id, channel, occurred_at, amount)
SELECT NULL, customer_id, channel, occurred_at, amount FROM repeat_purchases ORDER BY customer_id, k;

INSERT INTO interactions (customer_id, channel, action, occurred_at)
SELECT customer_id, channel, 'purchase', occurred_at FROM purchases ORDER BY journey_id, customer_id, occurred_at;
INSERT INTO orders (customer_id, ordered_at, amount)
SELECT customer_id, occurred_at, greatest(amount, 1.00) FROM purchases ORDER BY journey_id, customer_id, occurred_at;

-- surveys after 40% of orders and 50% of call-center contacts, answered 1 to 49 hours later
-- (those not answered by the end are left out). A latent satisfaction z drives everything:
-- five attribute ratings (1-10), each z plus its own noise, so that they correlate; the NPS
-- score built from the ratings with the weights quality 0.35, delivery 0.25, support 0.15,
-- price 0.10, app 0.05 (the order a key-driver analysis finds); CSAT and CES from z. Stores and
-- call centers score a little lower; some answers are skipped (NULL), the support rating of 5%.
INSERT INTO survey_responses (customer_id, answered_at, nps_score, csat_score, ces_score, channel,
                              quality_rating, delivery_rating, support_rating, price_rating, app_rating)
WITH occasions AS (
    SELECT customer_id, occurred_at, channel FROM purchases WHERE random() < 0.4
    UNION ALL
    SELECT customer_id, occurred_at, channel FROM journey_steps
    WHERE channel = 'call_center' AND random() < 0.5
), latent AS (
    SELECT customer_id, occurred_at, channel,
           sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
             - CASE channel WHEN 'call_center' THEN 0.45 WHEN 'store' THEN 0.2 ELSE 0 END AS z,
           random() AS skip_csat, random() AS skip_ces, random() AS noise,
           random() AS e_quality, random() AS e_delivery, random() AS e_support, random() AS e_price,
           random() AS e_app, random() AS skip_support, random() AS e_nps
    FROM occasions ORDER BY customer_id, occurred_at, channel
), rated AS (
    -- rating = mean + 1.3 z + uniform noise of standard deviation 1.6, rounded into 1..10
    SELECT *, least(10, greatest(1, round(7.8 + 1.3 * z + 5.5 * (e_quality - 0.5)))) AS quality,
           least(10, greatest(1, round(7.5 + 1.3 * z + 5.5 * (e_delivery - 0.5)))) AS delivery,
           least(10, greatest(1, round(7.0 + 1.3 * z + 5.5 * (e_support - 0.5)))) AS support,
           least(10, greatest(1, round(6.5 + 1.3 * z + 5.5 * (e_price - 0.5)))) AS price,
           least(10, greatest(1, round(8.0 + 1.3 * z + 5.5 * (e_app - 0.5)))) AS app
    FROM latent
)
SELECT customer_id,
       occurred_at + (3600 + floor(noise * 172800)) * interval '1 second',
       least(10, greatest(0, round(8.6 + 1.4 * (0.35 * (quality - 7.8) + 0.25 * (delivery - 7.5)
                                                + 0.15 * (support - 7.0) + 0.10 * (price - 6.5)
                                                + 0.05 * (app - 8.0)) + 2.4 * (e_nps - 0.5))))::int,
       CASE WHEN skip_csat < 0.1 THEN NULL ELSE least(5, greatest(1, round(4.0 + 1.0 * z + (noise - 0.5))))::int END,
       CASE WHEN skip_ces < 0.2 THEN NULL ELSE least(7, greatest(1, round(2.6 - 1.3 * z + (noise - 0.5))))::int END,
       channel,
       quality::int, delivery::int, CASE WHEN skip_support < 0.05 THEN NULL ELSE support::int END,
       price::int, app::int
FROM rated
WHERE occurred_at + (3600 + floor(noise * 172800)) * interval '1 second' < :'data_end';

-- subscriptions: one customer in five takes a monthly plan at sign-up ('basic' or 'plus') and
-- pays at the start of every month until they cancel. Each has a monthly cancellation
-- probability of their own, theta = U^2 (Beta(1/2, 1)) on basic and half that on plus, so the
-- cohorts' retention rises with tenure as the sBG model describes.
CREATE TABLE subscription_payments AS
WITH subscribers AS (
    SELECT customer_id, signed_up_at, plan, theta, v
    FROM (SELECT customer_id, signed_up_at, random() AS take,
                 CASE WHEN random() < 0.6 THEN 'basic' ELSE 'plus' END AS plan,
                 power(random(), 2) AS u2, random() AS v
          FROM customers ORDER BY customer_id) c,
         LATERAL (SELECT CASE plan WHEN 'basic' THEN u2 ELSE u2 / 2 END AS theta) t
    WHERE take < 0.2
)
SELECT customer_id, plan, signed_up_at + m * interval '1 month' AS paid_at
FROM subscribers,
     generate_series(0, least(60, CASE WHEN theta <= 0 THEN 60
                                       ELSE ceil(ln(1 - v) / ln(1 - theta)) - 1 END)::int) m
WHERE signed_up_at + m * interval '1 month' < :'data_end';

-- open-ended comments ("What is the main reason for your score?") on about 85% of the answers:
-- a sentence of the answer's NPS class (0-6 detractor, 7-8 passive, 9-10 promoter), often one
-- about its channel for that class, and one that anyone writes. Detractors of web and app
-- orders write of late deliveries and checkout trouble, of stores of queues, of the call
-- center of waiting on hold; promoters praise speed, staff and help.
ALTER TABLE survey_responses ADD COLUMN comment text;
CREATE TEMP TABLE comment_vocabulary (class text, channel text, sentences text[]);
INSERT INTO comment_vocabulary VALUES
('detractor', NULL, ARRAY['The delivery was late again', 'Support never answered my emails',
    'I waited weeks for my refund', 'The parcel arrived damaged', 'Too expensive for what you get',
    'The product broke after a week']),
('detractor', 'web', ARRAY['The checkout kept failing', 'Tracking showed nothing for days', 'Delivery was late by a week']),
('detractor', 'app', ARRAY['The app crashed at checkout', 'The app logged me out twice', 'Delivery was late and tracking broken']),
('detractor', 'store', ARRAY['The queue at the till was endless', 'Nobody on the floor could help', 'The shelves were empty']),
('detractor', 'call_center', ARRAY['I was on hold for forty minutes', 'They transferred me three times', 'Nobody called me back']),
('passive', NULL, ARRAY['Delivery was fine', 'Prices are a bit high', 'The product is okay', 'Nothing special',
    'Packaging could be better', 'It did the job']),
('passive', 'web', ARRAY['The website is a bit slow']),
('passive', 'app', ARRAY['The app works most of the time']),
('passive', 'store', ARRAY['The store was busy but fine']),
('passive', 'call_center', ARRAY['The agent was polite but slow']),
('promoter', NULL, ARRAY['Great quality for the price', 'Fast delivery as promised', 'Easy returns',
    'I will recommend you to my friends', 'Love the new collection', 'Great service']),
('promoter', 'web', ARRAY['Checkout was quick and easy', 'Fast delivery and clear tracking']),
('promoter', 'app', ARRAY['The app is quick and easy', 'Ordering in the app takes a minute']),
('promoter', 'store', ARRAY['The staff were friendly and helpful', 'Lovely store and helpful staff']),
('promoter', 'call_center', ARRAY['The agent solved it in minutes', 'Friendly and helpful agent']),
('any', NULL, ARRAY['I ordered a jacket', 'I bought shoes for my son', 'This was my third order',
    'It was a gift', 'I shopped during the sale', 'I needed it for work']);
UPDATE survey_responses r
SET comment = CASE WHEN d.skip < 0.15 THEN NULL
                   ELSE concat_ws('. ', g.sentences[1 + floor(d.pick_general * array_length(g.sentences, 1))::int],
                                  CASE WHEN d.with_channel < 0.6
                                       THEN c.sentences[1 + floor(d.pick_channel * array_length(c.sentences, 1))::int] END,
                                  CASE WHEN d.with_filler < 0.5
                                       THEN f.sentences[1 + floor(d.pick_filler * array_length(f.sentences, 1))::int] END) || '.'
              END
FROM (SELECT response_id, random() AS skip, random() AS pick_general, random() AS with_channel,
             random() AS pick_channel, random() AS with_filler, random() AS pick_filler
      FROM survey_responses ORDER BY response_id) d,
     comment_vocabulary g, comment_vocabulary c, comment_vocabulary f
WHERE d.response_id = r.response_id
  AND g.class = CASE WHEN r.nps_score >= 9 THEN 'promoter' WHEN r.nps_score >= 7 THEN 'passive' ELSE 'detractor' END
  AND g.channel IS NULL AND c.class = g.class AND c.channel = r.channel
  AND f.class = 'any';
DROP TABLE comment_vocabulary;

CREATE INDEX ON interactions (customer_id, occurred_at);
CREATE INDEX ON orders (customer_id, ordered_at);
CREATE INDEX ON survey_responses (answered_at);
ANALYZE customers, interactions, orders, survey_responses, subscription_payments;

SELECT (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM interactions) AS interactions,
       (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM survey_responses) AS survey_responses,
       (SELECT count(*) FROM subscription_payments) AS subscription_payments;
