-- ces: ces_agg, ces_summary, scales, weights, Student-t interval, comparison, windows, errors.
-- Reference values were computed independently (Python: statistics.stdev; t quantiles from
-- closed forms where they exist, else scipy.special.betaincinv, which is accurate to 1e-15 where
-- scipy.stats.t.ppf is off by 2e-10).

-- answers 1, 2, 2, 3, 3, 3, 4, 5, 7 on 1..7: mean 3.3333333333333335, SE 0.6009252125773316,
-- t(0.975, 8) = 2.3060041352041662, 95% interval [1.9475973081815643, 4.719069358485102]
CREATE TABLE ces_answers AS SELECT x AS score FROM unnest(ARRAY[1, 2, 2, 3, 3, 3, 4, 5, 7]) x;
SELECT ces_agg(score), ces_summary(score) FROM ces_answers;
SELECT ces(s), responses(s), score_counts(s), round(std_error(s)::numeric, 6) AS se,
       round(ci_lower(s)::numeric, 4) AS lower, round(ci_upper(s)::numeric, 4) AS upper,
       abs(ces(s) - 3.3333333333333335) < 1e-14 AS mean_ok,
       abs(std_error(s) - 0.6009252125773316) < 1e-13 AS se_ok,
       abs(ci_lower(s) - 1.9475973081815643) < 1e-12 AS lower_ok,
       abs(ci_upper(s) - 4.719069358485102) < 1e-12 AS upper_ok
FROM (SELECT ces_summary(score) AS s FROM ces_answers) t;
-- the t quantile across degrees of freedom, away from the scale's ends:
-- df 1 at 50%: t = tan(pi/4) = 1; df 2 at 95%: t = 0.95 / sqrt(2 * 0.975 * 0.025) = 4.302652729749462;
-- df 1000 at 95%: t = 1.9623390808263013
SELECT abs((ci_upper(s, 0.5) - ces(s)) / std_error(s) - 1) < 1e-12 AS df1_ok
FROM (SELECT ces_summary(x) AS s FROM (VALUES (3), (4)) v(x)) t;
SELECT abs((ci_upper(s, 0.95) - ces(s)) / std_error(s) - 4.302652729749462) < 1e-12 AS df2_ok
FROM (SELECT ces_summary(x, 10) AS s FROM (VALUES (3), (4), (6)) v(x)) t;
SELECT abs((ci_upper(s) - ces(s)) / std_error(s) - 1.9623390808263013) < 1e-12 AS df1000_ok
FROM (SELECT ces_summary(1 + i % 7) AS s FROM generate_series(1, 1001) i) t;
-- levels near 1 and near 0: the t quantile is taken from the tail (1 - (1 - level)/2 rounds to
-- 1 at 0.9999999999999999, which gave t = 1e300 and an interval of the whole scale), and near
-- t = 0 from the other form of the incomplete beta function (t below about 1e-8 read as 0).
-- Reference (mpmath, 50 digits, p = (1 - level)/2 as a double), 1001 answers 1..7, mean 4,
-- SE 0.063245553203367587, df 1000:
-- 0.9999999999999999: t 8.4391472614934059, [3.4662614628821649, 4.5337385371178351];
-- 0.999999999999: t 7.2239577505187438, [3.5431167957506872, 4.4568832042493128];
-- 1e-10: t 1.2536276086925304e-10, [3.9999999999920714, 4.0000000000079286];
-- the 9 answers above (df 8) at 1e-10: t 1.292995364009737e-10, [3.333333333255634, 3.3333333334110327]
SELECT level, round(ci_lower(s, level)::numeric, 9) AS lower, round(ci_upper(s, level)::numeric, 9) AS upper,
       abs(ci_lower(s, level) - ref_lower) < 1e-12 AS lower_ok, abs(ci_upper(s, level) - ref_upper) < 1e-12 AS upper_ok
FROM (SELECT ces_summary(1 + i % 7) AS s FROM generate_series(1, 1001) i) t,
     (VALUES (0.9999999999999999::float8, 3.4662614628821649::float8, 4.5337385371178351::float8),
             (0.999999999999, 3.5431167957506872, 4.4568832042493128),
             (1e-10, 3.9999999999920714, 4.0000000000079286)) AS v(level, ref_lower, ref_upper);
SELECT abs(ci_lower(s, 1e-10) - 3.333333333255634) < 1e-12 AS df8_lower_ok,
       abs(ci_upper(s, 1e-10) - 3.3333333334110327) < 1e-12 AS df8_upper_ok,
       ci_lower(s, 0.9999999999999999) AS df8_lower_clipped, ci_upper(s, 0.9999999999999999) AS df8_upper_clipped
FROM (SELECT ces_summary(score) AS s FROM ces_answers) t;

-- 99% on 1..5
SELECT ces_agg(x, 5), round(ci_lower(ces_summary(x, 5), 0.99)::numeric, 6) AS lower99
FROM (VALUES (1), (2), (2), (5)) v(x);
-- edge cases: one answer has no spread (SE and interval NULL); no rows give NULL
SELECT ces_agg(x), std_error(ces_summary(x)), ci_lower(ces_summary(x)) FROM (VALUES (4), (NULL)) v(x);
SELECT ces_agg(score) AS no_rows FROM ces_answers WHERE false;
-- intervals stay on the scale: all answers 1 -> [1, 1]
SELECT ces_agg(x), ci_lower(ces_summary(x)), ci_upper(ces_summary(x)) FROM (VALUES (1), (1), (1)) v(x);
-- weights: 1 (w 3), 7 (w 1): mean 2.5; Kish n = 16 / 10 = 1.6
SELECT ces_agg(x, 7, w), effective_n(ces_summary(x, 7, w)) FROM (VALUES (1, 3.0), (7, 1.0)) v(x, w);

-- comparison: Welch's t test on the mean effort (unequal variances, Welch-Satterthwaite df,
-- two-sided p from Student's t). Reference (mpmath, 50 digits; p = I_{df/(df+t^2)}(df/2, 1/2)):
-- a = the 9 answers above, b = 4, 5, 5, 6, 7, 6, 5: difference -2.0952380952380952,
-- SE 0.70509966166480224, t -2.971548859193967, df 12.750574529238306, p 0.011012358530006909
CREATE TABLE ces_groups AS
SELECT 'a' AS grp, x AS score, 1 + (o - 1) % 3 AS weight
FROM unnest(ARRAY[1, 2, 2, 3, 3, 3, 4, 5, 7]) WITH ORDINALITY u(x, o)
UNION ALL
SELECT 'b', x, 0.5 + (o - 1) % 2 FROM unnest(ARRAY[4, 5, 5, 6, 7, 6, 5]) WITH ORDINALITY u(x, o);
CREATE TABLE ces_group_summaries AS
SELECT grp, ces_summary(score) AS s, ces_summary(score, 7, weight) AS ws FROM ces_groups GROUP BY grp;
SELECT round(c.difference::numeric, 12) AS difference, round(c.std_error::numeric, 12) AS std_error,
       round(c.t::numeric, 12) AS t, round(c.df::numeric, 9) AS df, round(c.p_value::numeric, 12) AS p_value,
       abs(c.difference - -2.0952380952380952) < 1e-14 AS difference_ok,
       abs(c.std_error - 0.70509966166480224) < 1e-14 AS se_ok, abs(c.t - -2.971548859193967) < 1e-12 AS t_ok,
       abs(c.df - 12.750574529238306) < 1e-10 AS df_ok, abs(c.p_value - 0.011012358530006909) < 1e-14 AS p_ok
FROM compare((SELECT s FROM ces_group_summaries WHERE grp = 'a'),
             (SELECT s FROM ces_group_summaries WHERE grp = 'b')) AS c;
-- symmetric: compare(b, a) flips the difference and t only
SELECT ab.difference = -ba.difference AS difference_flips, ab.t = -ba.t AS t_flips,
       ab.std_error = ba.std_error AS same_se, ab.df = ba.df AS same_df, ab.p_value = ba.p_value AS same_p
FROM compare((SELECT s FROM ces_group_summaries WHERE grp = 'a'), (SELECT s FROM ces_group_summaries WHERE grp = 'b')) ab,
     compare((SELECT s FROM ces_group_summaries WHERE grp = 'b'), (SELECT s FROM ces_group_summaries WHERE grp = 'a')) ba;
-- weighted summaries use Kish effective sample sizes, as std_error does: weights 1, 2, 3, 1, ...
-- in a and 0.5, 1.5, 0.5, ... in b give difference -1.9829059829059829, SE 0.79061858032122254,
-- t -2.5080437422813194, df 9.5857902095538566, p 0.031944778935185229
SELECT abs(c.difference - -1.9829059829059829) < 1e-14 AS difference_ok,
       abs(c.std_error - 0.79061858032122254) < 1e-13 AS se_ok, abs(c.t - -2.5080437422813194) < 1e-12 AS t_ok,
       abs(c.df - 9.5857902095538566) < 1e-10 AS df_ok, abs(c.p_value - 0.031944778935185229) < 1e-13 AS p_ok,
       abs(c.std_error - sqrt(std_error(a.ws) ^ 2 + std_error(b.ws) ^ 2)) < 1e-15 AS se_matches_std_error
FROM ces_group_summaries a, ces_group_summaries b,
     LATERAL compare(a.ws, b.ws) AS c WHERE a.grp = 'a' AND b.grp = 'b';
-- closed forms of Student's t: df 2 (1, 3 against 4, 6: t = -3/sqrt 2, p = 1 - |t|/sqrt(2 + t^2)
-- = 0.16794970566215632) and df 1 (1, 1 against 2, 4: t = -2, p = 1 - 2 atan(2)/pi =
-- 0.29516723530086655)
SELECT c.difference, c.std_error, round(c.t::numeric, 12) AS t, c.df, abs(c.p_value - 0.16794970566215632) < 1e-14 AS p_ok
FROM compare((SELECT ces_summary(x) FROM (VALUES (1), (3)) v(x)), (SELECT ces_summary(x) FROM (VALUES (4), (6)) v(x))) c;
SELECT c.difference, c.std_error, c.t, c.df, abs(c.p_value - 0.29516723530086655) < 1e-14 AS p_ok
FROM compare((SELECT ces_summary(x) FROM (VALUES (1), (1)) v(x)), (SELECT ces_summary(x) FROM (VALUES (2), (4)) v(x))) c;
-- large groups: 1 + i % 7 (1001 answers) against 1 + i % 5 (500): difference 1,
-- SE 0.089487518861929166, t 11.17474272074641, df 1330.6626702382293, p 8.9416695777949627e-28
SELECT c.difference, abs(c.std_error - 0.089487518861929166) < 1e-15 AS se_ok,
       abs(c.t - 11.17474272074641) < 1e-12 AS t_ok, abs(c.df - 1330.6626702382293) < 1e-9 AS df_ok,
       abs(c.p_value / 8.9416695777949627e-28 - 1) < 1e-10 AS p_ok
FROM compare((SELECT ces_summary(1 + i % 7) FROM generate_series(1, 1001) i),
             (SELECT ces_summary(1 + i % 5) FROM generate_series(1, 500) i)) c;
-- the same answers: difference 0, t 0, p 1; no spread in either group (SE 0): no test; one
-- answer in a group (no spread known): only the difference; no answers: NULL
SELECT c.* FROM compare((SELECT s FROM ces_group_summaries WHERE grp = 'a'),
                        (SELECT s FROM ces_group_summaries WHERE grp = 'a')) c;
SELECT c.* FROM compare((SELECT ces_summary(2)), (SELECT ces_summary(x) FROM (VALUES (5), (5)) v(x))) c;
SELECT c.* FROM compare((SELECT ces_summary(x) FROM (VALUES (3), (3)) v(x)), (SELECT ces_summary(x) FROM (VALUES (5), (5)) v(x))) c;
SELECT c.* FROM compare('{"version": 1, "scale": [1, 7], "counts": [0, 0, 0, 0, 0, 0, 0]}'::ces_summary,
                        (SELECT s FROM ces_group_summaries WHERE grp = 'a')) c;
-- weighted against unweighted works (both are means with their own spread)
SELECT round(c.difference::numeric, 12) AS difference, c.p_value < 0.05 AS significant
FROM compare((SELECT ws FROM ces_group_summaries WHERE grp = 'a'), (SELECT s FROM ces_group_summaries WHERE grp = 'b')) c;

-- parallel plans, roll-ups, round trips
CREATE TABLE ces_big AS
SELECT i AS id, 1 + (i::bigint * 7919) % 7 AS score, 0.7 + (i::bigint * 104729) % 9 / 7.0 AS weight, i % 50 AS day
FROM generate_series(1, 300000) AS i;
CREATE INDEX ON ces_big (id);
ANALYZE ces_big;
CREATE TABLE ces_serial AS
SELECT ces_agg(score) AS ces, ces_summary(score) AS s, ces_agg(score, 7, weight) AS wces,
       ces_summary(score, 7, weight) AS ws FROM ces_big;
SELECT ces, wces FROM ces_serial;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT ces_agg(score), ces_summary(score, 7, weight) FROM ces_big;
SELECT p.ces = s.ces AS ces_same, p.s = s.s AS summary_same, p.wces = s.wces AS weighted_same,
       p.ws = s.ws AS weighted_summary_same
FROM ces_serial s,
     (SELECT ces_agg(score) AS ces, ces_summary(score) AS s, ces_agg(score, 7, weight) AS wces,
             ces_summary(score, 7, weight) AS ws FROM ces_big) p;
CREATE TABLE ces_daily AS SELECT day, ces_summary(score, 7, weight) AS ws FROM ces_big GROUP BY day;
SELECT ces((SELECT rollup(ws) FROM ces_daily)) = wces AS weighted_rollup_same FROM ces_serial;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT s::text::ces_summary = s AS text_round_trip, ws::text::ces_summary = ws AS weighted_text_round_trip,
       (SELECT value FROM cxm_test.recv('ces_summary', ces_summary_send(s)))::ces_summary = s AS binary_round_trip
FROM ces_serial;
SELECT count(*) AS frames, count(*) FILTER (WHERE r.rolling = (SELECT ces_agg(score) FROM ces_big b
                                                               WHERE b.id BETWEEN r.id - 9 AND r.id)) AS equal
FROM (SELECT id, ces_agg(score) OVER (ORDER BY id ROWS 9 PRECEDING) AS rolling
      FROM ces_big WHERE id <= 1000) r;

-- score types: one overload per type; literals resolve to double precision, as for avg; every
-- overload gives the same summaries (plain, weighted, rolling with the scale argument)
SELECT ces_agg('2') AS literal, ces_agg('2', 5) AS literal_scale, ces_agg(NULL) AS null_literal,
       ces_agg('2', 7, '1.5') AS weighted_literal, ces_summary('3', 3) AS literal_summary;
SELECT t.i2 = s AS int2, t.i4 = s AS int4, t.i8 = s AS int8, t.num = s AS numeric, t.f8 = s AS float8,
       t.wi2 = ws AS weighted_int2, t.wnum = ws AS weighted_numeric, t.wf8 = ws AS weighted_float8
FROM ces_serial,
     (SELECT ces_summary(score::int2) AS i2, ces_summary(score::int4, 7) AS i4,
             ces_summary(score::int8) AS i8, ces_summary(score::numeric, 7) AS num,
             ces_summary(score::float8) AS f8, ces_summary(score::int2, 7, weight) AS wi2,
             ces_summary(score::numeric, 7, weight) AS wnum, ces_summary(score::float8, 7, weight) AS wf8
      FROM ces_big) t;
SELECT count(*) AS frames, count(*) FILTER (WHERE i2 = i4 AND i8 = i4 AND num = i4 AND f8 = i4) AS all_types_equal
FROM (SELECT ces_agg(score::int2, 7) OVER w AS i2, ces_agg(score::int4, 7) OVER w AS i4,
             ces_agg(score::int8) OVER w AS i8, ces_agg(score::numeric, 7) OVER w AS num,
             ces_agg(score::float8) OVER w AS f8
      FROM ces_big WHERE id <= 1000 WINDOW w AS (ORDER BY id ROWS 9 PRECEDING)) t;
SELECT id, ces_agg(x) OVER w, ces_agg(x::int8, 5) OVER w AS scale5
FROM (VALUES (1, NULL), (2, 3), (3, 1), (4, NULL)) v(id, x) WINDOW w AS (ORDER BY id ROWS 1 PRECEDING);

-- errors
\x on
SELECT * FROM cxm_test.error_of($$SELECT ces_agg(8)$$);
SELECT * FROM cxm_test.error_of($$SELECT ces_agg(0)$$);
SELECT * FROM cxm_test.error_of($$SELECT ces_agg(3, 12)$$);
SELECT * FROM cxm_test.error_of($$SELECT ces_agg(3, 7, 'NaN')$$);
SELECT * FROM cxm_test.error_of($$SELECT ci_upper(ces_summary(3), 1.5)$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (SELECT ces_summary(3) AS s UNION ALL SELECT ces_summary(3, 5)) v$$);
SELECT * FROM cxm_test.error_of($$SELECT compare(ces_summary(3), (SELECT ces_summary(3, 5)))$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [1, 7], "counts": [1, 2]}'::ces_summary$$);
\x off

-- a -0 in binary input reads as 0, as it does in text input, so the value survives a text
-- round trip (found by test/fuzz/long_run.sh: -0 printed as "-0", which read back as 0)
SELECT value, value::ces_summary::text = value AS reads_back
FROM cxm_test.recv('ces_summary', '\x010100010005000000000000000100000000000000000000000000000000000000000000000000000000000000013ff800000000000040020000000000000000000000000000000000000000ff000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000800000000000000000000000000000000000000000000000000000000000000000000000000000003ff8000000000000400200000000000000000000000000000000000000000000');
