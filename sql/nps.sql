-- nps: nps_agg, nps_summary, rollup, accessors, intervals, comparison, windows, errors.
-- Reference values were computed independently (Python, statistics.NormalDist and by hand).

-- 100 answers: 50 promoters, 30 passives, 20 detractors
CREATE TABLE nps_answers AS
SELECT row_number() OVER () AS id, s AS score
FROM (VALUES (10, 25), (9, 25), (8, 15), (7, 15), (6, 12), (3, 5), (0, 3)) AS v(s, k),
     generate_series(1, k);
SELECT nps_agg(score), nps_summary(score) FROM nps_answers;

-- the issue's test vector: NPS 30, Wald SE 7.8102 points, 95% interval [14.69, 45.31]
SELECT nps(s) AS nps, responses(s), promoters(s), passives(s), detractors(s),
       effective_n(s), score_counts(s),
       round(std_error(s)::numeric, 4) AS se, round(ci_lower(s)::numeric, 2) AS lower,
       round(ci_upper(s)::numeric, 2) AS upper
FROM (SELECT nps_summary(score) AS s FROM nps_answers) t;
-- to the last digits: SE 7.810249675906654, Wald [14.692191924957331, 45.307808075042665],
-- adjusted Wald [14.051130178761609, 44.20129700570441]
SELECT abs(std_error(s) - 7.810249675906654) < 1e-12 AS se_ok,
       abs(ci_lower(s) - 14.692191924957331) < 1e-12 AS wald_lower_ok,
       abs(ci_upper(s) - 45.307808075042665) < 1e-12 AS wald_upper_ok,
       abs(ci_lower(s, 0.95, 'adjusted_wald') - 14.051130178761609) < 1e-12 AS adj_lower_ok,
       abs(ci_upper(s, 0.95, 'adjusted_wald') - 44.20129700570441) < 1e-12 AS adj_upper_ok,
       -- 90%: z = 1.6448536269514722
       abs(ci_lower(s, 0.9) - (30 - 1.6448536269514722 * 7.810249675906654)) < 1e-12 AS level_ok
FROM (SELECT nps_summary(score) AS s FROM nps_answers) t;

-- levels near 1 and near 0: the normal quantile is taken from the tail, so every level strictly
-- between 0 and 1 gives a finite interval (at 0.9999999999999999, 1 - (1 - level)/2 rounds to 1
-- and the bounds were NaN). Reference (mpmath, 50 digits, z from p = (1 - level)/2 as a double):
-- 0.9999999999999999: z 8.2923610758135955, Wald [-34.765410404874091, 94.765410404874091],
--   adjusted Wald [-34.65456804383828, 92.906995228304299];
-- 0.999999999999: Wald [-25.691062579909531, 85.691062579909531],
--   adjusted Wald [-25.718177561701131, 83.970604746167151];
-- 1e-10: z 1.253314241015177e-10, Wald [29.99999999902113, 30.00000000097887],
--   adjusted Wald [29.126213591269022, 29.126213593196998]
SELECT level, round(ci_lower(s, level)::numeric, 9) AS lower, round(ci_upper(s, level)::numeric, 9) AS upper,
       abs(ci_lower(s, level) - wald_lower) < 1e-12 AS wald_lower_ok,
       abs(ci_upper(s, level) - wald_upper) < 1e-12 AS wald_upper_ok,
       abs(ci_lower(s, level, 'adjusted_wald') - adj_lower) < 1e-12 AS adj_lower_ok,
       abs(ci_upper(s, level, 'adjusted_wald') - adj_upper) < 1e-12 AS adj_upper_ok
FROM (SELECT nps_summary(score) AS s FROM nps_answers) t,
     (VALUES (0.9999999999999999::float8, -34.765410404874091::float8, 94.765410404874091::float8,
              -34.65456804383828::float8, 92.906995228304299::float8),
             (0.999999999999, -25.691062579909531, 85.691062579909531, -25.718177561701131, 83.970604746167151),
             (1e-10, 29.99999999902113, 30.00000000097887, 29.126213591269022, 29.126213593196998))
         AS v(level, wald_lower, wald_upper, adj_lower, adj_upper);
-- the smallest and largest levels there are: a point, and the whole range
SELECT ci_lower(s, 4.9e-324) = nps(s) AS smallest_lower_is_nps, ci_upper(s, 4.9e-324) = nps(s) AS smallest_upper_is_nps,
       ci_lower(s, 0.9999999999999999, 'adjusted_wald') > -100 AS largest_finite
FROM (SELECT nps_summary(score) AS s FROM nps_answers) t;

-- scores of every integer type and numeric, no casts needed
SELECT nps_agg(score::smallint) AS int2, nps_agg(score::int) AS int4, nps_agg(score::bigint) AS int8,
       nps_agg(score::numeric) AS numeric, nps_agg(score::numeric(4,2)) AS numeric_scaled
FROM nps_answers;

-- edge cases: no rows, only NULLs, one answer, all promoters, all detractors
SELECT nps_agg(score) AS no_rows, nps_summary(score) AS no_rows_summary FROM nps_answers WHERE false;
SELECT nps_agg(NULL::int) AS only_nulls;
SELECT nps_agg(x) AS nps, std_error(nps_summary(x)), ci_lower(nps_summary(x)), ci_upper(nps_summary(x))
FROM (VALUES (9), (NULL), (NULL)) v(x);
SELECT nps_agg(x) AS all_promoters,
       ci_lower(nps_summary(x)) AS wald_lower, ci_upper(nps_summary(x)) AS wald_upper,
       -- adjusted Wald for 3 promoters: [-6.579286703808574, 100 (clipped)]
       abs(ci_lower(nps_summary(x), 0.95, 'adjusted_wald') - -6.579286703808574) < 1e-12 AS adj_lower_ok,
       ci_upper(nps_summary(x), 0.95, 'adjusted_wald') AS adj_upper
FROM (VALUES (10), (9), (10)) v(x);
SELECT nps_agg(x) AS all_detractors, ci_lower(nps_summary(x)), ci_upper(nps_summary(x))
FROM (VALUES (0), (6), (3)) v(x);

-- weights: 10 (w 2), 9 (w 1), 7 (w 1), 3 (w 0.5), 0 (w 1.5): NPS 100 * (3 - 2) / 6,
-- Kish n = 36 / 8.5 = 4.235294117647059, SE 43.61199574474328 points
CREATE TABLE nps_weighted (score int, weight float8);
INSERT INTO nps_weighted VALUES (10, 2), (9, 1), (7, 1), (3, 0.5), (0, 1.5), (5, NULL), (NULL, 3);
SELECT nps_agg(score, weight), responses(nps_summary(score, weight)),
       effective_n(nps_summary(score, weight)), promoters(nps_summary(score, weight)),
       abs(std_error(nps_summary(score, weight)) - 43.61199574474328) < 1e-12 AS se_ok
FROM nps_weighted;
SELECT nps_summary(score, weight) FROM nps_weighted;
-- zero total weight: no weighted answers, no score
SELECT nps_agg(score, 0) AS zero_weights FROM nps_answers;

--------------------------------------------------------------------------------------------
-- comparison: this month against last month
--------------------------------------------------------------------------------------------
-- a = 50/30/20, b = 40/30/30: difference 20, SE 11.40175425099138, z 1.7541160386140586,
-- p 0.07941062599894222
CREATE TABLE nps_months AS
SELECT 'this' AS month, score FROM nps_answers
UNION ALL
SELECT 'last', s FROM (VALUES (10, 40), (8, 30), (2, 30)) AS v(s, k), generate_series(1, k);
SELECT round(difference::numeric, 10) AS difference, abs(std_error - 11.40175425099138) < 1e-12 AS se_ok,
       abs(z - 1.7541160386140586) < 1e-12 AS z_ok, abs(p_value - 0.07941062599894222) < 1e-12 AS p_ok
FROM compare((SELECT nps_summary(score) FROM nps_months WHERE month = 'this'),
             (SELECT nps_summary(score) FROM nps_months WHERE month = 'last'));
SELECT month, nps_agg(score) FROM nps_months GROUP BY month ORDER BY month;

--------------------------------------------------------------------------------------------
-- parallel plans, roll-ups and text/binary round trips give identical results
--------------------------------------------------------------------------------------------
CREATE TABLE nps_big AS
SELECT i AS id, (i::bigint * 7919) % 11 AS score, 0.1 + (i::bigint * 104729) % 7 / 10.0 AS weight,
       date '2025-01-01' + (i % 90) AS day
FROM generate_series(1, 300000) AS i;
INSERT INTO nps_big VALUES (0, NULL, 1, date '2025-01-01');
CREATE INDEX ON nps_big (id);
ANALYZE nps_big;
CREATE TABLE nps_serial AS
SELECT nps_agg(score) AS nps, nps_summary(score) AS s, nps_agg(score, weight) AS wnps,
       nps_summary(score, weight) AS ws FROM nps_big;
SELECT * FROM nps_serial;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT nps_agg(score), nps_summary(score), nps_agg(score, weight), nps_summary(score, weight) FROM nps_big;
SELECT p.nps = s.nps AS nps_same, p.s = s.s AS summary_same, p.wnps = s.wnps AS weighted_same,
       p.ws = s.ws AS weighted_summary_same
FROM nps_serial s,
     (SELECT nps_agg(score) AS nps, nps_summary(score) AS s, nps_agg(score, weight) AS wnps,
             nps_summary(score, weight) AS ws FROM nps_big) p;
-- roll-up of daily summaries, itself in a parallel plan
CREATE TABLE nps_daily AS
SELECT day, nps_summary(score) AS s, nps_summary(score, weight) AS ws FROM nps_big GROUP BY day;
EXPLAIN (COSTS OFF) SELECT rollup(s) FROM nps_daily;
SELECT (SELECT rollup(s) FROM nps_daily) = s AS rollup_same,
       (SELECT nps(rollup(ws)) FROM nps_daily) = wnps AS weighted_rollup_same
FROM nps_serial;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT count(*) AS days, count(*) FILTER (WHERE s::text::nps_summary = s) AS text_round_trips,
       count(*) FILTER (WHERE ws::text::nps_summary = ws) AS weighted_text_round_trips,
       count(*) FILTER (WHERE s::text::jsonb::text::nps_summary = s) AS via_jsonb
FROM nps_daily;
SELECT value::nps_summary = s AS binary_round_trip, state
FROM nps_serial, cxm_test.recv('nps_summary', nps_summary_send(s));
SELECT value::nps_summary = ws AS weighted_binary_round_trip, state
FROM nps_serial, cxm_test.recv('nps_summary', nps_summary_send(ws));
-- an unweighted summary holds no weight arrays: 104 bytes (456 weighted), so the summaries of
-- a GROUP BY with many groups stay small; stored as they are (STORAGE plain: no 1-byte header
-- to undo before every roll-up); per group, nps_agg equals the hand-written formula, also when
-- the hash aggregation spills to disk at a tiny work_mem
SELECT pg_column_size(s) AS unweighted_bytes, pg_column_size(ws) AS weighted_bytes,
       pg_column_size(s::text::nps_summary) AS after_text_round_trip FROM nps_serial;
SET work_mem = '64kB'; SET enable_sort = off;   -- a hash aggregation, in many batches
SELECT count(*) AS groups, count(*) FILTER (WHERE nps = hand) AS equal,
       count(*) FILTER (WHERE abs(wnps - whand) < 1e-9) AS weighted_equal FROM (
    SELECT id % 20000 AS g, nps_agg(score::int) AS nps, nps_agg(score, weight::float8) AS wnps,
           100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))::float8
               / count(score)::float8 AS hand,
           100.0::float8 * (coalesce(sum(weight::float8) FILTER (WHERE score >= 9), 0)
                            - coalesce(sum(weight::float8) FILTER (WHERE score <= 6), 0))
               / sum(weight::float8) FILTER (WHERE score IS NOT NULL) AS whand
    FROM nps_big GROUP BY 1) t;
RESET work_mem; RESET enable_sort;
-- summaries are values: a table of daily summaries re-aggregates per month
SELECT date_trunc('month', day)::date AS month, nps(rollup(s)), responses(rollup(s))
FROM nps_daily GROUP BY 1 ORDER BY 1;

--------------------------------------------------------------------------------------------
-- rolling windows use the inverse transition; results equal recomputing each frame
--------------------------------------------------------------------------------------------
CREATE TABLE nps_rolling AS
SELECT id, nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS rolling
FROM nps_big WHERE id BETWEEN 1 AND 2000;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE r.rolling = (SELECT nps_agg(score) FROM nps_big b
                                            WHERE b.id BETWEEN r.id - 29 AND r.id)) AS equal
FROM nps_rolling r;
SELECT id, score, nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, 10), (2, NULL), (3, 0), (4, 9), (5, NULL), (6, NULL), (7, NULL), (8, 7)) v(id, score);

--------------------------------------------------------------------------------------------
-- score types: one overload per type (smallint, integer, bigint, numeric, double precision),
-- each with a transition function of its own that knows the type (no anyelement, no reading
-- of the call expression); an unknown literal resolves to double precision, as for avg
--------------------------------------------------------------------------------------------
SELECT nps_agg('9') AS literal, nps_agg(NULL) AS null_literal, nps_summary('10', '1') AS literal_summary,
       nps_agg('9', '2') AS weighted_literal, nps_agg(9::real) AS real_score,
       nps_agg(6.0::float8) AS whole_float, nps_agg(-0.0::float8) AS negative_zero;
-- (with one literal argument, nps_summary('...') is the type's input, as for any type name:
-- nps_summary('{"version": ...}'); score literals need the number form or a cast there)
SELECT nps_summary(10) AS number_literal, nps_summary('10'::int) AS cast_literal;
EXPLAIN (VERBOSE, COSTS OFF) SELECT nps_agg('9'), nps_agg(NULL);
-- every aggregate over raw scores: its score types, its state, and a transition (and moving
-- and inverse transition) C entry point per score type, named after the type it reads
SELECT p.proname AS aggregate, p.pronargs AS args,
       string_agg(format_type(p.proargtypes[0], NULL), ', ' ORDER BY p.proargtypes[0]) AS score_types,
       min(a.aggtranstype::regtype::text) AS state, min(a.aggmtranstype::regtype::text) AS moving_state,
       bool_and(t.prosrc = t.proname || '_' || ty.typname) AS transition_per_type,
       bool_and(a.aggmtransfn = 0
                OR (m.prosrc = m.proname || '_' || ty.typname AND i.prosrc = i.proname || '_' || ty.typname)) AS moving_per_type,
       bool_and(a.aggcombinefn <> 0 AND p.proparallel = 's') AS parallel_safe
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_proc t ON t.oid = a.aggtransfn JOIN pg_type ty ON ty.oid = p.proargtypes[0]
LEFT JOIN pg_proc m ON m.oid = a.aggmtransfn
LEFT JOIN pg_proc i ON i.oid = a.aggminvtransfn
WHERE p.proname IN ('nps_agg', 'nps_summary', 'csat_agg', 'csat_summary', 'ces_agg', 'ces_summary')
GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) AS anyelement_functions FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cxm'
WHERE 'anyelement'::regtype = ANY (p.proargtypes);
-- every overload gives the same summaries as the others: plain, weighted, in a parallel plan
-- (Partial Aggregate), and in rolling windows (the inverse transition of each type)
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT nps_summary(score::int2), nps_summary(score::numeric), nps_summary(score::float8, weight) FROM nps_big;
SELECT t.i2 = s AS int2, t.i4 = s AS int4, t.i8 = s AS int8, t.num = s AS numeric, t.f8 = s AS float8,
       t.f4 = s AS real, t.wi2 = ws AS weighted_int2, t.wi4 = ws AS weighted_int4,
       t.wnum = ws AS weighted_numeric, t.wf8 = ws AS weighted_float8
FROM nps_serial, (SELECT nps_summary(score::int2) AS i2, nps_summary(score::int4) AS i4,
                         nps_summary(score::int8) AS i8, nps_summary(score::numeric) AS num,
                         nps_summary(score::float8) AS f8, nps_summary(score::real) AS f4,
                         nps_summary(score::int2, weight) AS wi2, nps_summary(score::int4, weight) AS wi4,
                         nps_summary(score::numeric, weight) AS wnum,
                         nps_summary(score::float8, weight) AS wf8 FROM nps_big) t;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE i2 IS NOT DISTINCT FROM i4 AND i8 IS NOT DISTINCT FROM i4
                          AND num IS NOT DISTINCT FROM i4 AND f8 IS NOT DISTINCT FROM i4) AS all_types_equal,
       count(*) FILTER (WHERE si2 = si4 AND si8 = si4 AND snum = si4 AND sf8 = si4) AS summaries_equal
FROM (SELECT nps_agg(score::int2) OVER w AS i2, nps_agg(score::int4) OVER w AS i4,
             nps_agg(score::int8) OVER w AS i8, nps_agg(score::numeric) OVER w AS num,
             nps_agg(score::float8) OVER w AS f8,
             nps_summary(score::int2) OVER w AS si2, nps_summary(score::int4) OVER w AS si4,
             nps_summary(score::int8) OVER w AS si8, nps_summary(score::numeric) OVER w AS snum,
             nps_summary(score::float8) OVER w AS sf8
      FROM nps_big WHERE id BETWEEN 0 AND 2000
      WINDOW w AS (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)) t;
-- a frame that starts with NULL scores (id 0) works in every type: its metric is NULL until an
-- answer arrives (a moving-aggregate transition must not return NULL: this failed before)
SELECT id, score, nps_agg(score::int2) OVER w AS int2, nps_agg(score::float8) OVER w AS float8,
       nps_agg(score::numeric) OVER w AS numeric, responses(nps_summary(score) OVER w)
FROM (VALUES (1, NULL), (2, NULL), (3, 10), (4, 0), (5, NULL), (6, NULL), (7, NULL)) v(id, score)
WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);

--------------------------------------------------------------------------------------------
-- errors
--------------------------------------------------------------------------------------------
\x on
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(x) FROM (VALUES (9), (11)) v(x)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(-1)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9000000000::bigint)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(7.5)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg('NaN'::numeric)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(1e100)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9.5::float8)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg('9.5')$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9.5::real)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg('NaN'::float8)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg('Infinity'::float8)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(-1e300::float8)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(true)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg('9'::text)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(s) FROM (SELECT nps_summary(9) AS s) t$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9, -1)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9, 'NaN')$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9, 'Infinity')$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9, 1e200)$$);
-- the limit is 1e150 exactly (so squares stay finite); 1e151 is refused, 1e150 accepted
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9, 1e151)$$);
SELECT nps_agg(9, 1e150) AS largest_weight;
-- totals that overflow in a roll-up are refused (they became NaN before)
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (VALUES ('{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1], "weights": [0,0,0,0,0,0,0,0,0,0,1e308], "squared_weights": [0,0,0,0,0,0,0,0,0,0,1e308]}'::nps_summary), ('{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1], "weights": [0,0,0,0,0,0,0,0,0,0,1e308], "squared_weights": [0,0,0,0,0,0,0,0,0,0,1e308]}')) v(s)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_agg(9, 1.3e154) FROM generate_series(1, 2)$$);
SELECT * FROM cxm_test.error_of($$SELECT ci_lower(nps_summary(9), 1)$$);
SELECT * FROM cxm_test.error_of($$SELECT ci_upper(nps_summary(9), 'NaN')$$);
SELECT * FROM cxm_test.error_of($$SELECT ci_lower(nps_summary(9), 0.95, 'exact')$$);
SELECT * FROM cxm_test.error_of($$SELECT rollup(s) FROM (SELECT nps_summary(9) AS s UNION ALL SELECT nps_summary(9, 1.0)) v$$);
-- a transition function called directly (not by an aggregate) refuses, so that it never
-- updates a summary it does not own
SELECT * FROM cxm_test.error_of($$SELECT nps_summary_trans(nps_summary(9), 10)$$);
-- text input
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 2, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [1, 5], "counts": [0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [1,2,3]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,-1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1.5]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1], "extra": 1}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1]} x'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1], "weights": [0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1], "weights": [0,0,0,0,0,0,0,0,0,0,NaN], "squared_weights": [0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,1,0], "weights": [0,0,0,0,0,0,0,0,0,0,1], "squared_weights": [0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"version": 1, "scale": [0, 10], "counts": [0,0,0,0,0,0,0,0,0,0,1], "weights": [0,0,0,0,0,0,0,0,0,0,-1], "squared_weights": [0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$);
SELECT * FROM cxm_test.error_of($$SELECT 'nps'::nps_summary$$);
-- binary input
SELECT state, message FROM cxm_test.recv('nps_summary', '\x0100');
SELECT state, message FROM cxm_test.recv('nps_summary', '\x0102000000010a');
SELECT state, message FROM cxm_test.recv('nps_summary', ('\x01000000000a' || repeat('0000000000000000', 10))::bytea);
SELECT state, message FROM cxm_test.recv('nps_summary', ('\x02000000000a' || repeat('0000000000000000', 11))::bytea);
SELECT state, message FROM cxm_test.recv('nps_summary', ('\x01000000000a' || repeat('ffffffffffffffff', 11))::bytea);
\x off
-- a hand-written weighted summary (residuals omitted) is accepted
SELECT nps('{"version": 1, "scale": [0, 10], "counts": [1,0,0,0,0,0,0,0,0,0,1], "weights": [1,0,0,0,0,0,0,0,0,0,3], "squared_weights": [1,0,0,0,0,0,0,0,0,0,9]}'::nps_summary);
