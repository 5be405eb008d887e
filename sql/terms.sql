-- terms: term_summary (lexeme counts of open-ended terms_answers per class), rollup, distinctive_terms,
-- term_table and nps_class; checked against PostgreSQL's own ts_stat and the log-odds formula.
SET extra_float_digits = 0;
CREATE TABLE terms_answers (id int, score int, channel text, comment text);
INSERT INTO terms_answers VALUES
  (1, 2, 'web', 'The delivery was late and support never answered'),
  (2, 3, 'web', 'Late delivery again, support waits forever. Late late late!'),
  (3, 9, 'app', 'Great product, fast delivery'),
  (4, 10, 'web', 'Great support and great prices'),
  (5, 8, 'app', 'ok product'),
  (6, 5, 'web', NULL),
  (7, 6, 'app', ''),
  (8, 0, 'app', 'Refund took weeks; support waits'),
  (9, 10, NULL, 'great'),
  (10, 7, 'web', 'Delivery fine, prices high');

SELECT nps_class(s) AS class, array_agg(s ORDER BY s) FROM generate_series(0, 10) s GROUP BY 1 ORDER BY 1;
SELECT nps_class(9.0::numeric), nps_class(7::int8), nps_class(NULL);
SELECT * FROM cxm_test.error_of('SELECT nps_class(11)');
SELECT * FROM cxm_test.error_of('SELECT nps_class(-1)');
SELECT * FROM cxm_test.error_of('SELECT nps_class(8.5)');
SELECT * FROM cxm_test.error_of($$SELECT nps_class('NaN')$$);

-- the summary; NULL and empty comments count as terms_answers without terms
SELECT term_summary(comment, nps_class(score), 'english') FROM terms_answers;
SELECT channel, term_summary(comment, nps_class(score), 'simple') FROM terms_answers GROUP BY channel ORDER BY channel;
-- a row without a class is skipped; no rows give NULL
SELECT term_summary(comment, NULL, 'english') IS NULL AS all_skipped FROM terms_answers;
SELECT term_summary(comment, 'x') IS NULL AS no_rows FROM terms_answers WHERE false;
-- the form without a configuration uses default_text_search_config
SET default_text_search_config = 'pg_catalog.simple';
SELECT term_summary(comment, 'all') = term_summary(comment, 'all', 'simple') AS default_config FROM terms_answers;
RESET default_text_search_config;

-- counts equal PostgreSQL's ts_stat per class, in english, german and simple
CREATE FUNCTION terms_ts_counts(cfg regconfig) RETURNS TABLE (term text, class text, occurrences int8, comments int8)
LANGUAGE plpgsql AS $$
DECLARE c text;
BEGIN
    FOR c IN SELECT DISTINCT nps_class(score) FROM terms_answers LOOP
        RETURN QUERY SELECT word, c, nentry::int8, ndoc::int8
            FROM ts_stat(format('SELECT to_tsvector(%L::regconfig, comment) FROM terms_answers WHERE nps_class(score) = %L', cfg, c));
    END LOOP;
END $$;
SELECT cfg, (SELECT count(*) FROM terms_ts_counts(cfg)) AS expected_rows,
       (SELECT count(*) FROM (
            (SELECT * FROM terms_ts_counts(cfg) EXCEPT ALL
             SELECT * FROM term_table((SELECT term_summary(comment, nps_class(score), cfg) FROM terms_answers)))
            UNION ALL
            (SELECT * FROM term_table((SELECT term_summary(comment, nps_class(score), cfg) FROM terms_answers)) EXCEPT ALL
             SELECT * FROM terms_ts_counts(cfg))) d) AS differences
FROM unnest(ARRAY['english', 'german', 'simple']::regconfig[]) cfg;

-- phrases: pairs of lexemes at adjacent positions, against a plain-SQL count
WITH lex AS (
    SELECT a.id, nps_class(a.score) AS class, u.lexeme, p AS pos
    FROM terms_answers a, unnest(to_tsvector('english', a.comment)) u, unnest(u.positions) p
), pairs AS (
    SELECT x.id, x.class, x.lexeme || ' ' || y.lexeme AS term
    FROM lex x JOIN lex y ON y.id = x.id AND y.pos = x.pos + 1
), expected AS (
    SELECT term, class, count(*) AS occurrences, count(DISTINCT id) AS comments FROM pairs GROUP BY 1, 2
), got AS (
    SELECT * FROM term_table((SELECT term_summary(comment, nps_class(score), 'english', true) FROM terms_answers))
    WHERE position(' ' IN term) > 0
)
SELECT (SELECT count(*) FROM expected) AS phrases,
       (SELECT count(*) FROM ((SELECT * FROM expected EXCEPT SELECT * FROM got)
                              UNION ALL (SELECT * FROM got EXCEPT SELECT * FROM expected)) d) AS differences;
SELECT * FROM term_table((SELECT term_summary(comment, nps_class(score), 'english', true) FROM terms_answers))
WHERE term LIKE 'late%' OR term LIKE '%wait%';

-- distinctive terms, and the same figures from the formula in plain SQL
SELECT * FROM distinctive_terms((SELECT term_summary(comment, nps_class(score), 'english') FROM terms_answers), 'detractor', 5, 1);
WITH s AS (SELECT term_summary(comment, nps_class(score), 'english') AS s FROM terms_answers),
t AS (SELECT term, sum(occurrences) FILTER (WHERE class = 'detractor') AS yi,
             sum(occurrences) FILTER (WHERE class <> 'detractor') AS yj
      FROM term_table((SELECT s FROM s)) GROUP BY term),
n AS (SELECT sum(coalesce(yi, 0)) AS ni, sum(coalesce(yj, 0)) AS nj FROM t),
f AS (SELECT term, coalesce(yi, 0) AS yi, coalesce(yj, 0) AS yj, ni, nj, (ni + nj) AS a0,
             (ni + nj) * (coalesce(yi, 0) + coalesce(yj, 0)) / (ni + nj) AS aw FROM t, n),
expected AS (SELECT term, ln((yi + aw) / (ni + a0 - yi - aw)) - ln((yj + aw) / (nj + a0 - yj - aw)) AS log_odds,
                    (ln((yi + aw) / (ni + a0 - yi - aw)) - ln((yj + aw) / (nj + a0 - yj - aw)))
                    / sqrt(1 / (yi + aw) + 1 / (yj + aw)) AS z, yi / ni AS share_in_class, yj / nj AS share_elsewhere
             FROM f WHERE yi >= 1)
SELECT count(*) AS terms,
       max(abs(e.log_odds - d.log_odds)) < 1e-12 AS log_odds_match, max(abs(e.z - d.z)) < 1e-12 AS z_match,
       max(abs(e.share_in_class - d.share_in_class)) < 1e-15 AND max(abs(e.share_elsewhere - d.share_elsewhere)) < 1e-15 AS shares_match
FROM expected e JOIN distinctive_terms((SELECT s FROM s), 'detractor', 1000, 1) d USING (term);
-- a weaker prior, and min_count
SELECT term, count_in_class, round(z::numeric, 6) AS z
FROM distinctive_terms((SELECT term_summary(comment, nps_class(score), 'english') FROM terms_answers), 'promoter', 3, 2, 10);
-- a class that has terms_answers but no terms gives no rows
SELECT count(*) FROM distinctive_terms((SELECT term_summary(CASE WHEN score >= 9 THEN NULL ELSE comment END, nps_class(score), 'english') FROM terms_answers), 'promoter');

-- rollup of per-channel summaries equals the summary of all terms_answers
SELECT rollup(s) = (SELECT term_summary(comment, nps_class(score), 'english') FROM terms_answers WHERE channel IS NOT NULL) AS rollup_equal
FROM (SELECT channel, term_summary(comment, nps_class(score), 'english') AS s FROM terms_answers WHERE channel IS NOT NULL GROUP BY channel) x;
SELECT term_summary_combine(NULL, NULL) IS NULL AS null_combine;

-- parallel: partial summaries on workers, combined on the leader
CREATE TABLE terms_many AS
SELECT i, (i * 7) % 11 AS score, (ARRAY['web', 'app', 'store'])[1 + i % 3] AS channel,
       (ARRAY['late delivery', 'great support', 'refund waits', 'fast shipping and great prices', 'ok'])[1 + (i * 13) % 5]
       || ' ' || (ARRAY['again', 'today', 'product', ''])[1 + i % 4] AS comment
FROM generate_series(1, 20000) i;
ANALYZE terms_many;
CREATE TABLE terms_serial AS
SELECT channel, term_summary(comment, nps_class(score), 'english', true) AS s FROM terms_many GROUP BY channel;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
SELECT * FROM cxm_test.explain('SELECT term_summary(comment, nps_class(score), ''english'', true) FROM terms_many');
SELECT term_summary(comment, nps_class(score), 'english', true) = (SELECT rollup(s) FROM terms_serial) AS parallel_equal FROM terms_many;
SELECT * FROM cxm_test.explain('SELECT channel, term_summary(comment, nps_class(score)) FROM terms_many GROUP BY channel');
SELECT count(*) FILTER (WHERE p.s = r.s) AS equal_groups
FROM (SELECT channel, term_summary(comment, nps_class(score), 'english', true) AS s FROM terms_many GROUP BY channel) p JOIN terms_serial r USING (channel);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
-- as a window aggregate
SELECT id, (SELECT sum(occurrences) FROM term_table(s)) AS occurrences
FROM (SELECT id, term_summary(comment, 'all', 'english') OVER (ORDER BY id) AS s FROM terms_answers) w ORDER BY id LIMIT 4;

-- text and binary round trips; the operator classes
SELECT s::text::term_summary = s AS text_round_trip,
       (SELECT value FROM cxm_test.recv('term_summary', term_summary_send(s)))::term_summary = s AS binary_round_trip
FROM (SELECT term_summary(comment, nps_class(score), 'english', true) AS s FROM terms_answers) x;
SELECT count(DISTINCT s) AS distinct_summaries, count(*) AS summaries
FROM (SELECT term_summary(comment, 'x', 'english') AS s FROM terms_answers GROUP BY id % 3
      UNION ALL SELECT term_summary(comment, 'x', 'english') FROM terms_answers GROUP BY id % 3) x;
SET enable_sort = off;
SELECT count(*) FROM (SELECT s FROM (SELECT term_summary(comment, 'x', 'english') AS s FROM terms_answers GROUP BY id % 2) x GROUP BY s) y;
RESET enable_sort;
SELECT '{"version": 1, "config": "pg_catalog.simple", "phrases": false, "classes": [{"class": "b", "comments": 2}, {"class": "a", "comments": 1}], "terms": [["z\"q", 2, 1, 0, 0], ["y", 1, 1, 1, 1]]}'::term_summary;

-- errors: input
SELECT state, message, detail FROM cxm_test.error_of($$SELECT 'nope'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '[]'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 2, "config": "simple", "phrases": false, "classes": [], "terms": []}'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 1, "config": "simple", "phrases": false, "classes": [{"class": "a", "comments": 1}, {"class": "a", "comments": 1}], "terms": []}'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 1, "config": "simple", "phrases": false, "classes": [{"class": "a", "comments": 1}], "terms": [["x", 1, 2]]}'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 1, "config": "simple", "phrases": false, "classes": [{"class": "a", "comments": 1}], "terms": [["x", 1, 1], ["x", 1, 1]]}'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 1, "config": "simple", "phrases": false, "classes": [{"class": "a", "comments": 1}], "terms": [["x", 0, 0]]}'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 1, "config": "simple", "phrases": false, "classes": [{"class": "a", "comments": 1}], "terms": [["x", 1.5, 1]]}'::term_summary$$);
SELECT state, detail FROM cxm_test.error_of($$SELECT '{"version": 1, "config": "simple", "phrases": false, "classes": [{"class": "a", "comments": 1}], "terms": [["x", 1]]}'::term_summary$$);
SELECT cxm_test.soft_invalid('{"version": 1}', 'term_summary') AS soft;
SELECT state, message FROM cxm_test.recv('term_summary', '\x01');
SELECT state, message FROM cxm_test.recv('term_summary', '\x0102');
SELECT state, message FROM cxm_test.recv('term_summary', '\x01000000000673696d706c650001000000016100000000000000010000000100000001780000000000000002000000000000000001');
-- errors: aggregation
SELECT state, message, hint FROM cxm_test.error_of($$SELECT term_summary(comment, 'x', CASE WHEN id < 5 THEN 'english' ELSE 'simple' END::regconfig) FROM terms_answers$$);
SELECT state, message FROM cxm_test.error_of($$SELECT term_summary(comment, 'x', 'english', id < 5) FROM terms_answers$$);
SELECT state, message FROM cxm_test.error_of($$SELECT term_summary(comment, 'x', NULL::regconfig) FROM terms_answers$$);
SELECT state, message FROM cxm_test.error_of($$SELECT term_summary(comment, 'x', 'english', NULL) FROM terms_answers$$);
SELECT state, message, hint FROM cxm_test.error_of($$SELECT term_summary('a', i::text, 'simple') FROM generate_series(1, 65) i$$);
SELECT state, message FROM cxm_test.error_of($$SELECT term_summary('a', repeat('x', 1025), 'simple')$$);
SELECT state, message FROM cxm_test.error_of($$SELECT rollup(s) FROM (VALUES (term_summary_final(NULL)), ('{"version": 1, "config": "pg_catalog.simple", "phrases": false, "classes": [], "terms": []}'::term_summary), ('{"version": 1, "config": "pg_catalog.english", "phrases": false, "classes": [], "terms": []}'::term_summary)) v(s)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT term_summary_trans(NULL, 'a', 'b')$$);
SELECT state, message FROM cxm_test.error_of($$SELECT term_summary(comment, 'x', 'nosuch') FROM terms_answers$$);
-- errors: analysis
SELECT state, message, hint FROM cxm_test.error_of($$SELECT * FROM distinctive_terms((SELECT term_summary(comment, nps_class(score)) FROM terms_answers), 'promoters')$$);
SELECT state, message FROM cxm_test.error_of($$SELECT * FROM distinctive_terms((SELECT term_summary(comment, nps_class(score)) FROM terms_answers), 'promoter', 0)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT * FROM distinctive_terms((SELECT term_summary(comment, nps_class(score)) FROM terms_answers), 'promoter', 5, 1, -1)$$);
SELECT state, message FROM cxm_test.error_of($$SELECT * FROM distinctive_terms((SELECT term_summary(comment, 'all') FROM terms_answers), 'all')$$);
SELECT count(*) FROM distinctive_terms(NULL, 'x');
