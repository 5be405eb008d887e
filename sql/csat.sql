-- csat: csat_agg, csat_summary, scales, weights, Wilson interval, comparison, windows, errors.
-- Reference values were computed independently (Python: Wilson 1927 formula, NormalDist).

-- 100 answers on 1..5: 80 satisfied (4 or 5)
CREATE TABLE csat_answers AS
SELECT s AS score FROM (VALUES (5, 40), (4, 40), (3, 10), (2, 5), (1, 5)) AS v(s, k), generate_series(1, k);
SELECT csat_agg(score), csat_summary(score), csat_agg(score, 5) AS explicit_scale FROM csat_answers;
-- SE 4.0 points; Wilson 95% [71.11708344068413, 86.66330666689674], 90% [72.66961911903833, 85.74981763397122]
SELECT csat(s), responses(s), satisfied(s), score_counts(s), std_error(s),
       round(ci_lower(s)::numeric, 2) AS lower, round(ci_upper(s)::numeric, 2) AS upper,
       abs(ci_lower(s) - 71.11708344068413) < 1e-12 AS lower_ok,
       abs(ci_upper(s) - 86.66330666689674) < 1e-12 AS upper_ok,
       abs(ci_lower(s, 0.90) - 72.66961911903833) < 1e-12 AS lower90_ok,
       abs(ci_upper(s, 0.90) - 85.74981763397122) < 1e-12 AS upper90_ok
FROM (SELECT csat_summary(score) AS s FROM csat_answers) t;

-- levels near 1 and near 0 give finite Wilson intervals (the bounds were NaN at
-- 0.9999999999999999). Reference (mpmath, z from p = (1 - level)/2 as a double):
-- 0.9999999999999999: [39.468376748775058, 96.084386790497123];
-- 0.999999999999: [44.559161627849067, 95.216985816233825];
-- 1e-10: [79.999999999498674, 80.000000000501326]
SELECT level, round(ci_lower(s, level)::numeric, 9) AS lower, round(ci_upper(s, level)::numeric, 9) AS upper,
       abs(ci_lower(s, level) - ref_lower) < 1e-12 AS lower_ok, abs(ci_upper(s, level) - ref_upper) < 1e-12 AS upper_ok
FROM (SELECT csat_summary(score) AS s FROM csat_answers) t,
     (VALUES (0.9999999999999999::float8, 39.468376748775058::float8, 96.084386790497123::float8),
             (0.999999999999, 44.559161627849067, 95.216985816233825),
             (1e-10, 79.999999999498674, 80.000000000501326)) AS v(level, ref_lower, ref_upper);

-- other scales: "satisfied" is the top two points (1..3: 2 and 3; 1..7: 6 and 7; 1..10: 9 and 10)
SELECT csat_agg(x, 3) AS scale3, csat_agg(x + 4, 7) AS scale7, csat_agg(x + 7, 10) AS scale10
FROM (VALUES (1), (2), (3), (3)) v(x);
SELECT csat_agg(score::smallint) AS int2, csat_agg(score::bigint) AS int8, csat_agg(score::numeric) AS numeric
FROM csat_answers;
-- edge cases
SELECT csat_agg(score) AS no_rows, csat_summary(score, 7) AS no_rows_summary FROM csat_answers WHERE false;
SELECT csat_agg(x), std_error(csat_summary(x)), ci_lower(csat_summary(x)), ci_upper(csat_summary(x))
FROM (VALUES (5), (NULL)) v(x);
-- Wilson stays inside [0, 100] at the extremes: 0 of 10 satisfied -> [0, 27.753279986288]
SELECT csat_agg(x) AS none_satisfied, round(ci_lower(csat_summary(x))::numeric, 9) AS lower,
       abs(ci_upper(csat_summary(x)) - 27.753279986288916) < 1e-12 AS upper_ok
FROM (VALUES (1), (2), (3), (1), (2), (3), (1), (2), (3), (3)) v(x);

-- weights on a 1..3 scale: 3 (w 2), 2 (w 1), 1 (w 1), 1 (w 4): satisfied 3 of 8 -> 37.5%,
-- Kish n = 64 / 22 = 2.909090909090909
SELECT csat_agg(x, 3, w), effective_n(csat_summary(x, 3, w)), satisfied(csat_summary(x, 3, w))
FROM (VALUES (3, 2.0), (2, 1.0), (1, 1.0), (1, 4.0), (2, NULL)) v(x, w);

-- comparison: 80/100 against 60/100 -> difference 20, SE sqrt(.0016 + .0024) = 6.324555320336759,
-- z 3.1622776601683795, p 0.0015654022580025018
SELECT difference, abs(std_error - 6.324555320336759) < 1e-12 AS se_ok,
       abs(z - 3.1622776601683795) < 1e-12 AS z_ok, abs(p_value - 0.0015654022580025018) < 1e-15 AS p_ok
FROM compare((SELECT csat_summary(score) FROM csat_answers),
             (SELECT csat_summary(x) FROM (VALUES (5, 30), (4, 30), (2, 40)) v(x, k), generate_series(1, k)));

-- parallel plans, roll-ups, round trips
CREATE TABLE csat_big AS
SELECT i AS id, 1 + (i::bigint * 7919) % 7 AS score, 0.3 + (i::bigint * 104729) % 5 / 3.0 AS weight,
       i % 60 AS day
FROM generate_series(1, 300000) AS i;
CREATE INDEX ON csat_big (id);
ANALYZE csat_big;
CREATE TABLE csat_serial AS
SELECT csat_agg(score, 7) AS csat, csat_summary(score, 7) AS s, csat_summary(score, 7, weight) AS ws
FROM csat_big;
SELECT * FROM csat_serial;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT csat_agg(score, 7), csat_summary(score, 7, weight) FROM csat_big;
SELECT p.csat = s.csat AS csat_same, p.s = s.s AS summary_same, p.ws = s.ws AS weighted_same
FROM csat_serial s,
     (SELECT csat_agg(score, 7) AS csat, csat_summary(score, 7) AS s,
             csat_summary(score, 7, weight) AS ws FROM csat_big) p;
CREATE TABLE csat_daily AS SELECT day, csat_summary(score, 7) AS s FROM csat_big GROUP BY day;
SELECT (SELECT rollup(s) FROM csat_daily) = s AS rollup_same FROM csat_serial;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT s::text::csat_summary = s AS text_round_trip, ws::text::csat_summary = ws AS weighted_text_round_trip,
       (SELECT value FROM cxm_test.recv('csat_summary', csat_summary_send(ws)))::csat_summary = ws AS binary_round_trip
FROM csat_serial;
-- an unweighted summary keeps one count per point of its scale (16 bytes + 8 per point), a
-- weighted one the weight arrays too (456 bytes); text and binary round trips keep the size
SELECT n AS scale, pg_column_size(s) AS bytes, pg_column_size(s::text::csat_summary) AS after_text,
       pg_column_size((SELECT value FROM cxm_test.recv('csat_summary', csat_summary_send(s)))::csat_summary)
           AS after_binary,
       pg_column_size(ws) AS weighted_bytes
FROM generate_series(3, 10) n,
     LATERAL (SELECT csat_summary(1 + i % n, n) AS s, csat_summary(1 + i % n, n, 1.0::float8) AS ws
              FROM generate_series(1, 50) i) t;
-- per group, csat_agg equals the hand-written share, also in a hash aggregation that spills
SET work_mem = '64kB'; SET enable_sort = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE csat = hand) AS equal FROM (
    SELECT id % 20000 AS g, csat_agg(score::int, 7) AS csat,
           100.0::float8 * count(*) FILTER (WHERE score >= 6) / count(*) AS hand
    FROM csat_big GROUP BY 1) t;
RESET work_mem; RESET enable_sort;
-- rolling window equals recomputing each frame
SELECT count(*) AS frames, count(*) FILTER (WHERE r.rolling = (SELECT csat_agg(score, 7) FROM csat_big b
                                                               WHERE b.id BETWEEN r.id - 6 AND r.id)) AS equal
FROM (SELECT id, csat_agg(score, 7) OVER (ORDER BY id ROWS 6 PRECEDING) AS rolling
      FROM csat_big WHERE id <= 1000) r;

-- score types: one overload per type; literals resolve to double precision, as for avg; every
-- overload gives the same summaries (plain, weighted, rolling with the scale argument)
SELECT csat_agg('4', 5) AS literal, csat_agg('3') AS literal_default_scale, csat_agg(NULL, 5) AS null_literal,
       csat_agg('3', 3, '2') AS weighted_literal, csat_summary('2', 3) AS literal_summary,
       csat_agg(4::real) AS real_score;
SELECT t.i2 = s AS int2, t.i4 = s AS int4, t.i8 = s AS int8, t.num = s AS numeric, t.f8 = s AS float8,
       t.wi2 = ws AS weighted_int2, t.wnum = ws AS weighted_numeric, t.wf8 = ws AS weighted_float8,
       t.d = u.d AS default_scale_float8
FROM csat_serial,
     (SELECT csat_summary(score::int2, 7) AS i2, csat_summary(score::int4, 7) AS i4,
             csat_summary(score::int8, 7) AS i8, csat_summary(score::numeric, 7) AS num,
             csat_summary(score::float8, 7) AS f8, csat_summary(score::int2, 7, weight) AS wi2,
             csat_summary(score::numeric, 7, weight) AS wnum, csat_summary(score::float8, 7, weight) AS wf8,
             csat_summary(least(score, 5)::float8) AS d FROM csat_big) t,
     (SELECT csat_summary(least(score, 5)::int) AS d FROM csat_big) u;
SELECT count(*) AS frames, count(*) FILTER (WHERE i2 = i4 AND i8 = i4 AND num = i4 AND f8 = i4
                                           AND d2 = d4 AND dnum = d4 AND df8 = d4) AS all_types_equal
FROM (SELECT csat_agg(score::int2, 7) OVER w AS i2, csat_agg(score::int4, 7) OVER w AS i4,
             csat_agg(score::int8, 7) OVER w AS i8, csat_agg(score::numeric, 7) OVER w AS num,
             csat_agg(score::float8, 7) OVER w AS f8,
             csat_agg(least(score, 5)::int2) OVER w AS d2, csat_agg(least(score, 5)::int4) OVER w AS d4,
             csat_agg(least(score, 5)::numeric) OVER w AS dnum, csat_agg(least(score, 5)::float8) OVER w AS df8
      FROM csat_big WHERE id <= 1000 WINDOW w AS (ORDER BY id ROWS 6 PRECEDING)) t;
SELECT id, csat_agg(x, 3) OVER w, csat_agg(x::numeric) OVER w AS default_scale
FROM (VALUES (1, NULL), (2, 3), (3, 1), (4, NULL)) v(id, x) WINDOW w AS (ORDER BY id ROWS 1 PRECEDING);

-- errors
\x on
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(6)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(0, 3)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(4, 2)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(4, 11)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(4, NULL)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(x, k) FROM (VALUES (4, 5), (4, 7)) v(x, k)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(4.5)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg('4.5', 5)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(6::float8, 5)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_agg(4, 5, -0.5)$$);
SELECT * FROM cxm_test.error_of($$SELECT ci_lower(csat_summary(4), 0)$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (SELECT csat_summary(4) AS s UNION ALL SELECT csat_summary(4, 7)) v$$);
SELECT * FROM cxm_test.error_of($$SELECT compare(csat_summary(4), (SELECT csat_summary(4, 7)))$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [1, 11], "counts": [0,0,0,0,0,0,0,0,0,0,1]}'::csat_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 4], "counts": [0,0,0,0,1]}'::csat_summary$$);
SELECT state, message FROM cxm_test.recv('csat_summary', '\x0100000100050000000000000001');
\x off
SELECT '{"version": 1, "scale": [1, 3], "counts": [1, 1, 2]}'::csat_summary AS hand_written,
       csat('{"version": 1, "scale": [1, 3], "counts": [1, 1, 2]}'::csat_summary);
