-- tally: nps_tally and csat_tally, the 8-byte states (passed by value) of nps_agg(score) and
-- csat_agg(score [, scale]): the same results as nps(nps_summary(...)) and csat(csat_summary(...))
-- for every input, serial, in parallel plans and in windows; text and binary forms; the limit.

SELECT t.typname, t.typlen, t.typbyval, t.typalign, a.aggfnoid::regprocedure AS aggregate,
       a.agginitval, a.aggtransfn::regproc AS transition, p.proisstrict AS strict,
       a.aggmtranstype::regtype AS window_state
FROM pg_aggregate a JOIN pg_type t ON t.oid = a.aggtranstype JOIN pg_proc p ON p.oid = a.aggtransfn
WHERE t.typname IN ('nps_tally', 'csat_tally') AND a.aggfnoid::regprocedure::text ~ '^(nps|csat)_agg\(integer'
ORDER BY 1, 5;

-- answers with NULLs, 2,000 groups (some with only NULLs), scores of every type
CREATE TABLE tally_answers AS
SELECT i AS id, i % 2000 AS g,
       CASE WHEN i % 13 = 0 OR i % 2000 = 7 THEN NULL ELSE (i::bigint * 7919 + i / 7) % 11 END AS score
FROM generate_series(1, 200000) AS i;
ANALYZE tally_answers;

-- per group, every score type: nps_agg equals nps(nps_summary) (IS NOT DISTINCT: NULL where
-- a group has no answers) and the hand-written formula
SELECT count(*) AS groups, count(*) FILTER (WHERE i4 IS NULL) AS no_answers,
       count(*) FILTER (WHERE i2 IS NOT DISTINCT FROM s AND i4 IS NOT DISTINCT FROM s
                          AND i8 IS NOT DISTINCT FROM s AND num IS NOT DISTINCT FROM s
                          AND f8 IS NOT DISTINCT FROM s AND i4 IS NOT DISTINCT FROM hand) AS equal
FROM (SELECT g, nps_agg(score::int2) AS i2, nps_agg(score::int4) AS i4, nps_agg(score::int8) AS i8,
             nps_agg(score::numeric) AS num, nps_agg(score::float8) AS f8, nps(nps_summary(score)) AS s,
             100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
                 / nullif(count(score), 0) AS hand
      FROM tally_answers GROUP BY g) t;
-- csat_agg: default scale, scales 3, 7 and 10, every score type
SELECT count(*) AS groups,
       count(*) FILTER (WHERE d IS NOT DISTINCT FROM ds AND s3 IS NOT DISTINCT FROM ss3
                          AND s7 IS NOT DISTINCT FROM ss7 AND s10 IS NOT DISTINCT FROM ss10
                          AND i2 IS NOT DISTINCT FROM ss7 AND i8 IS NOT DISTINCT FROM ss7
                          AND num IS NOT DISTINCT FROM ss7 AND f8 IS NOT DISTINCT FROM ss7) AS equal
FROM (SELECT g, csat_agg(1 + score % 5) AS d, csat(csat_summary(1 + score % 5)) AS ds,
             csat_agg(1 + score % 3, 3) AS s3, csat(csat_summary(1 + score % 3, 3)) AS ss3,
             csat_agg(1 + score % 7, 7) AS s7, csat(csat_summary(1 + score % 7, 7)) AS ss7,
             csat_agg(1 + score % 10, 10) AS s10, csat(csat_summary(1 + score % 10, 10)) AS ss10,
             csat_agg((1 + score % 7)::int2, 7) AS i2, csat_agg((1 + score % 7)::int8, 7) AS i8,
             csat_agg((1 + score % 7)::numeric, 7) AS num, csat_agg((1 + score % 7)::float8, 7) AS f8
      FROM tally_answers GROUP BY g) t;

-- NULLs are skipped, as built-in aggregates skip them; no answers give NULL
SELECT nps_agg(NULL) AS null_literal, nps_agg('9') AS literal, nps_agg(NULL::int) AS only_nulls,
       csat_agg(NULL) AS csat_null, csat_agg(NULL, 7) AS csat_null_scaled, csat_agg('4') AS csat_literal;
SELECT nps_agg(score) AS no_rows, csat_agg(score, 5) AS csat_no_rows FROM tally_answers WHERE false;
SELECT nps_agg(x), csat_agg(x), csat_agg(x, 3) FROM (VALUES (NULL::int), (3), (NULL)) v(x);

-- parallel plans: partial tallies combine into the serial results
CREATE TABLE tally_serial AS
SELECT nps_agg(score) AS nps, csat_agg(1 + score % 5) AS csat, csat_agg(1 + score % 7, 7) AS csat7
FROM tally_answers;
CREATE TABLE tally_serial_groups AS
SELECT g % 10 AS k, nps_agg(score::numeric) AS nps, csat_agg(1 + score % 7, 7) AS csat7
FROM tally_answers GROUP BY 1;
SELECT * FROM tally_serial;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT nps_agg(score), csat_agg(1 + score % 5), csat_agg(1 + score % 7, 7) FROM tally_answers;
SELECT p.nps = s.nps AS nps_same, p.csat = s.csat AS csat_same, p.csat7 = s.csat7 AS csat7_same
FROM tally_serial s,
     (SELECT nps_agg(score) AS nps, csat_agg(1 + score % 5) AS csat, csat_agg(1 + score % 7, 7) AS csat7
      FROM tally_answers) p;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT g % 10, nps_agg(score::numeric), csat_agg(1 + score % 7, 7) FROM tally_answers GROUP BY 1;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.nps = s.nps AND p.csat7 = s.csat7) AS equal
FROM tally_serial_groups s
JOIN (SELECT g % 10 AS k, nps_agg(score::numeric) AS nps, csat_agg(1 + score % 7, 7) AS csat7
      FROM tally_answers GROUP BY 1) p USING (k);
RESET enable_hashagg;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
-- a hash aggregation that spills to disk at a tiny work_mem gives the same results
SET work_mem = '64kB'; SET enable_sort = off;
SELECT count(*) AS groups, count(*) FILTER (WHERE nps IS NOT DISTINCT FROM s AND csat IS NOT DISTINCT FROM cs) AS equal
FROM (SELECT id % 50000 AS g, nps_agg(score) AS nps, nps(nps_summary(score)) AS s,
             csat_agg(1 + score % 7, 7) AS csat, csat(csat_summary(1 + score % 7, 7)) AS cs
      FROM tally_answers GROUP BY 1) t;
RESET work_mem; RESET enable_sort;

-- windows: a moving frame runs on the summaries (inverse transition), a frame from the start on
-- the tally; both equal the summaries' results
SELECT count(*) AS frames,
       count(*) FILTER (WHERE moving IS NOT DISTINCT FROM moving_s AND growing IS NOT DISTINCT FROM growing_s
                          AND csat_moving IS NOT DISTINCT FROM csat_moving_s
                          AND csat_growing IS NOT DISTINCT FROM csat_growing_s) AS equal
FROM (SELECT nps_agg(score) OVER m AS moving, nps(nps_summary(score) OVER m) AS moving_s,
             nps_agg(score) OVER (ORDER BY id) AS growing, nps(nps_summary(score) OVER (ORDER BY id)) AS growing_s,
             csat_agg(1 + score % 7, 7) OVER m AS csat_moving, csat(csat_summary(1 + score % 7, 7) OVER m) AS csat_moving_s,
             csat_agg(1 + score % 5) OVER (ORDER BY id) AS csat_growing,
             csat(csat_summary(1 + score % 5) OVER (ORDER BY id)) AS csat_growing_s
      FROM tally_answers WHERE id <= 3000 WINDOW m AS (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW)) t;
SELECT id, x, nps_agg(x) OVER (ORDER BY id) AS growing, nps_agg(x) OVER (ORDER BY id ROWS 1 PRECEDING) AS moving,
       csat_agg(x, 10) OVER (ORDER BY id) AS csat_growing
FROM (VALUES (1, NULL), (2, 10), (3, NULL), (4, 3), (5, 9)) v(id, x);

-- the tally as a value: the state before the final function, 8 bytes
CREATE AGGREGATE cxm_test.nps_tally_of(int) (
    SFUNC = nps_tally_trans, STYPE = nps_tally, INITCOND = '{"answers": 0, "net": 0}',
    COMBINEFUNC = nps_tally_combine, PARALLEL = SAFE);
CREATE AGGREGATE cxm_test.csat_tally_of(int, int) (
    SFUNC = csat_tally_trans, STYPE = csat_tally, INITCOND = '{"answers": 0, "satisfied": 0}',
    COMBINEFUNC = csat_tally_combine, PARALLEL = SAFE);
CREATE AGGREGATE cxm_test.nps_tally_sum(nps_tally) (
    SFUNC = nps_tally_combine, STYPE = nps_tally, INITCOND = '{"answers": 0, "net": 0}');
CREATE AGGREGATE cxm_test.csat_tally_sum(csat_tally) (
    SFUNC = csat_tally_combine, STYPE = csat_tally, INITCOND = '{"answers": 0, "satisfied": 0}');
CREATE TABLE tallies AS
SELECT g, cxm_test.nps_tally_of(score::int) AS nt, cxm_test.csat_tally_of((1 + score % 7)::int, 7) AS ct
FROM tally_answers GROUP BY g;
SELECT nt, ct, pg_column_size(nt) AS nps_bytes, pg_column_size(ct) AS csat_bytes,
       nps_tally_final(nt), csat_tally_final(ct) FROM tallies WHERE g IN (0, 7) ORDER BY g;
-- text and binary round trips
SELECT count(*) AS tallies, count(*) FILTER (WHERE nt::text::nps_tally = nt AND ct::text::csat_tally = ct) AS text_same,
       count(*) FILTER (WHERE g < 40 AND (SELECT value FROM cxm_test.recv('nps_tally', nps_tally_send(nt)))::nps_tally = nt
                          AND (SELECT value FROM cxm_test.recv('csat_tally', csat_tally_send(ct)))::csat_tally = ct) AS binary_same_of_40
FROM tallies;
SELECT nps_tally_send(nt), csat_tally_send(ct) FROM tallies WHERE g = 0;
SELECT nps_tally_send('{"answers": 0, "net": 0}'), csat_tally_send('{"answers": 0, "satisfied": 0}');
-- stored tallies combine into the tally of all answers
SELECT nps_tally_final(cxm_test.nps_tally_sum(nt)) = (SELECT nps_agg(score) FROM tally_answers) AS nps_same,
       csat_tally_final(cxm_test.csat_tally_sum(ct)) = (SELECT csat_agg(1 + score % 7, 7) FROM tally_answers) AS csat_same
FROM tallies;
-- the extremes: the most answers a tally holds, all detractors, all satisfied
SELECT '{"answers": 2147483647, "net": -2147483647}'::nps_tally AS most,
       nps_tally_final('{"answers": 2147483647, "net": -2147483647}') AS all_detractors,
       '{"scale": 10, "answers": 1073741823, "satisfied": 1073741823}'::csat_tally AS csat_most,
       csat_tally_final('{"scale": 10, "answers": 1073741823, "satisfied": 1073741823}') AS all_satisfied;
SELECT v::nps_tally::text = v AS round_trip FROM (VALUES ('{"answers": 2147483647, "net": 2147483647}'),
    ('{"answers": 5, "net": -5}'), ('{"answers": 0, "net": 0}')) t(v);
SELECT v::csat_tally::text = v AS round_trip FROM (VALUES ('{"scale": 3, "answers": 1073741823, "satisfied": 0}'),
    ('{"scale": 10, "answers": 1, "satisfied": 1}'), ('{"answers": 0, "satisfied": 0}')) t(v);
SELECT '  { "net" : 3 ,"answers":4 } '::nps_tally AS spaces_and_order;

-- the limit: past the most answers a tally holds, transition and combine refuse (22003) rather
-- than wrap, in an aggregate and called directly
\x on
CREATE AGGREGATE cxm_test.nps_near_limit(int) (
    SFUNC = nps_tally_trans, STYPE = nps_tally, INITCOND = '{"answers": 2147483646, "net": 0}');
CREATE AGGREGATE cxm_test.csat_near_limit(int, int) (
    SFUNC = csat_tally_trans, STYPE = csat_tally, INITCOND = '{"scale": 5, "answers": 1073741822, "satisfied": 0}');
SELECT cxm_test.nps_near_limit(x) AS at_limit, cxm_test.csat_near_limit(x - 5, 5) AS csat_at_limit
FROM (VALUES (10)) v(x);
SELECT * FROM cxm_test.error_of($$SELECT cxm_test.nps_near_limit(x) FROM (VALUES (10), (0)) v(x)$$);
SELECT * FROM cxm_test.error_of($$SELECT cxm_test.csat_near_limit(x, 5) FROM (VALUES (5), (1)) v(x)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_tally_trans('{"answers": 2147483647, "net": 0}', 9::int)$$);
SELECT * FROM cxm_test.error_of($$SELECT nps_tally_combine('{"answers": 2147483000, "net": 0}', '{"answers": 648, "net": 1}')$$);
SELECT * FROM cxm_test.error_of($$SELECT cxm_test.nps_tally_sum(t) FROM (VALUES ('{"answers": 2000000000, "net": 0}'::nps_tally), ('{"answers": 200000000, "net": 0}')) v(t)$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_tally_combine('{"scale": 5, "answers": 1073741823, "satisfied": 0}', '{"scale": 5, "answers": 1, "satisfied": 1}')$$);
SELECT * FROM cxm_test.error_of($$SELECT csat_tally_combine('{"scale": 5, "answers": 1, "satisfied": 0}', '{"scale": 7, "answers": 1, "satisfied": 1}')$$);
\x off
SELECT nps_tally_combine('{"answers": 2147483000, "net": 7}', '{"answers": 647, "net": -8}') AS exactly_at_limit,
       csat_tally_combine('{"answers": 0, "satisfied": 0}', '{"scale": 7, "answers": 2, "satisfied": 1}') AS empty_takes_scale;

-- errors of the scores: the same as the summaries' (state, message, detail, hint)
SELECT q, a.state, a.state = b.state AND a.message = b.message AND a.hint = b.hint AS same_as_summary
FROM (VALUES ('nps_agg(11)', 'nps_summary(11)'), ('nps_agg(-1::int2)', 'nps_summary(-1::int2)'),
             ('nps_agg(9000000000::bigint)', 'nps_summary(9000000000::bigint)'),
             ('nps_agg(7.5)', 'nps_summary(7.5)'), ('nps_agg(''NaN''::numeric)', 'nps_summary(''NaN''::numeric)'),
             ('nps_agg(9.5::float8)', 'nps_summary(9.5::float8)'),
             ('nps_agg(''Infinity''::float8)', 'nps_summary(''Infinity''::float8)'),
             ('csat_agg(6)', 'csat_summary(6)'), ('csat_agg(0, 3)', 'csat_summary(0, 3)'),
             ('csat_agg(4, 2)', 'csat_summary(4, 2)'), ('csat_agg(4, NULL)', 'csat_summary(4, NULL)'),
             ('csat_agg(NULL::int, 11)', 'csat_summary(NULL::int, 11)'),
             ('csat_agg(4.5, 5)', 'csat_summary(4.5, 5)'),
             ('csat_agg(x, k) FROM (VALUES (4, 5), (4, 7)) v(x, k)', 'csat_summary(x, k) FROM (VALUES (4, 5), (4, 7)) v(x, k)'))
     AS q(q, qs),
     cxm_test.error_of('SELECT ' || q) a, cxm_test.error_of('SELECT ' || qs) b;

-- text input errors (22P02), soft errors for pg_input_is_valid on PostgreSQL 16+
\x on
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": 5, "net": 6}'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": 2147483648, "net": 0}'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": -1, "net": 0}'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": 5}'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": 5, "net": 1.5}'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": 5, "net": 1, "scale": 5}'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '5'::nps_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"scale": 5, "answers": 2, "satisfied": 3}'::csat_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"scale": 11, "answers": 2, "satisfied": 1}'::csat_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"scale": 2, "answers": 2, "satisfied": 1}'::csat_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"answers": 2, "satisfied": 1}'::csat_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"scale": 5, "answers": 0, "satisfied": 0}'::csat_tally$$);
SELECT * FROM cxm_test.error_of($$SELECT '{"scale": 5, "answers": 1073741824, "satisfied": 0}'::csat_tally$$);
\x off
SELECT cxm_test.soft_invalid('{"answers": 5, "net": 6}', 'nps_tally') AS nps_soft,
       cxm_test.soft_invalid('{"answers": 2, "satisfied": 1}', 'csat_tally') AS csat_soft;
-- binary input errors (22P03)
\x on
SELECT state, message, hint FROM cxm_test.recv('nps_tally', '\x0000000000000005');
SELECT state, message, hint FROM cxm_test.recv('nps_tally', '\x00000000000000050000000000000006');
SELECT state, message, hint FROM cxm_test.recv('nps_tally', '\x0000000080000000000000000000000000');
SELECT state, message, hint FROM cxm_test.recv('nps_tally', '\x00000000800000000000000000000000');
SELECT state, message, hint FROM cxm_test.recv('csat_tally', '\x000b00000000000000020000000000000001');
SELECT state, message, hint FROM cxm_test.recv('csat_tally', '\x000000000000000000020000000000000001');
SELECT state, message, hint FROM cxm_test.recv('csat_tally', '\x000500000000000000020000000000000003');
\x off
SELECT state, value FROM cxm_test.recv('nps_tally', '\x0000000000000005fffffffffffffffd');
SELECT state, value FROM cxm_test.recv('csat_tally', '\x000700000000000000020000000000000001');
