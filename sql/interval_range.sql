-- interval_range: every interval argument either works over timestamptz's whole range or is
-- refused with 22008 naming the value; none wraps around int64 microseconds into a short one.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- activity_periods: a period longer than timestamptz's range can never complete. Before, a
-- period of '213503983 days' wrapped to about 16 hours (550 periods in a year).
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(t, '2020-01-01', '213503983 days', '2021-01-01', 'UTC')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(t, '2020-01-01', '109203529 days', '2021-01-01')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT * FROM cxm_test.error_of($$SELECT activity_periods(t, '2020-01-01', '3587881 months', '2021-01-01', 'UTC')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
-- the longest periods are allowed, and none completes within a year
SELECT complete_periods(activity_periods(t, '2020-01-01', '109203528 days', '2021-01-01', 'UTC')),
       complete_periods(activity_periods(t, '2020-01-01', '3587880 months', '2021-01-01', 'UTC'))
FROM (VALUES ('2020-03-01'::timestamptz)) v(t);
-- from 4713 BC to 294000 AD is more than 2^63 microseconds: one period of 60,000,000 days
-- completes (before, the difference wrapped negative and none did)
SELECT s::text, (SELECT array_agg(row(period, period_start, state)::text) FROM lifecycle_states(s))
FROM (SELECT activity_periods(t, '4713-01-01 BC', '60000000 days', '294000-01-01', 'UTC') AS s
      FROM (VALUES ('2020-03-01'::timestamptz)) v(t)) x;
SELECT complete_periods(activity_periods(t, '4713-01-01 BC', '100000000 days', '294000-01-01', 'UTC')),
       complete_periods(activity_periods(t, '4713-01-01 BC', '1000000 months', '294000-01-01', 'UTC'))
FROM (VALUES ('2020-03-01'::timestamptz)) v(t);
-- a set or summary with such a period does not read back (0.1.0 wrote the wrapped count)
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "start": "2020-01-01 00:00:00+00", "period_days": 213503983, "time_zone": "UTC", "as_of": "2021-01-01 00:00:00+00", "periods": 550, "active": [90]}'::activity_set$$);
SELECT state, message FROM cxm_test.recv('activity_set',
    '\x0100' || '\x0cb9c3ef'::bytea || '\x00000000' || int8send(631152000000000) || int8send(662774400000000)
    || '\x0003555443'::bytea);

-- churn_status: thresholds past the end of time are 22008, not wrapped
SELECT * FROM cxm_test.error_of($$SELECT churn_status('2020-01-01', '2021-01-01', '213503983 days')$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status('2020-01-01', '2021-01-01', '2147483647 months')$$);
SELECT * FROM cxm_test.error_of($$SELECT churn_status('2020-01-01', '2021-01-01', '2 years', '2147483647 days')$$);
SELECT churn_status('2020-01-01', '2021-01-01', '2147483647 hours'),
       churn_status('2020-01-01', '2021-01-01', '100000000 days', '1 day');

-- rfm_summary / rfm_state: a period or unit beyond int64 microseconds is 22008
SELECT * FROM cxm_test.error_of($$SELECT rfm_summary(t, 1.0, '2021-01-01', '213503983 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT * FROM cxm_test.error_of($$SELECT rfm_state(t, 1.0::float8, '2021-01-01', '1 day', '150000000 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT rfm_summary(t, 1.0, '2021-01-01', '106751991 days')
FROM (VALUES ('2020-03-01'::timestamptz)) v(t);

-- journeys: windows, gaps, lookbacks and half-lives (22008 since 0.2.0), and pattern bounds
SELECT state, message FROM cxm_test.error_of($$SELECT funnel_level(journey_agg(touchpoint('a', t)), '{a,b}', '213503983 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT sessions(journey_agg(touchpoint('a', t)), '150000000 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT attribute(journey_agg(touchpoint('a', t)), 'last_touch', lookback => '213503983 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT attribute(journey_agg(touchpoint('a', t)), 'time_decay', half_life => '213503983 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT funnel_agg(touchpoint('a', t), '{a,b}', '213503983 days')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT journey_matches(journey_agg(touchpoint('a', t)), 'a ->[< 213503983 days] b')
    FROM (VALUES ('2020-03-01'::timestamptz)) v(t)$$);
