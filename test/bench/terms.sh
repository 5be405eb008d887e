#!/usr/bin/env bash
# test/bench/terms.sh: benchmark of term_summary (counts of the lexemes of open-ended answers per
# class) against the floor, count(to_tsvector(comment)) over the same rows (the tokenizing and
# stemming, which are PostgreSQL's), and against the plain SQL an analyst would write for the same
# counts (unnest of the lexemes, grouped by class and term). Single process and with 2 parallel
# workers; JIT as the server default (printed).
#
#   bash test/bench/terms.sh [ROWS]         (default ROWS=1000000 answers of about 20 words)
#
# Builds and installs cxm (test/prepare.sh) and works in a throwaway cluster (pg_virtualenv -t),
# or, with CXM_BENCH_SERVER=1, in the server that PGHOST/PGPORT name. Answers: three classes
# (detractor, passive, promoter, by a random score) whose comments are four sentences drawn at
# random from a vocabulary of their class and a shared one (a few hundred distinct lexemes).
# Before timing it checks that term_table(term_summary(...)) equals the plain-SQL counts.
# Timing: test/bench/lib.sql (server-side execution time, median of 5 interleaved rounds).
# Targets: term_summary at most 1.2x the floor and at least 2x faster than the plain SQL.
set -euo pipefail
ROWS=${1:-1000000}
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash test/bench/terms.sh [ROWS]" >&2; exit 2; }
cd "$(dirname "$0")/../.."
if [ -z "${CXM_BENCH_SERVER:-}" ]; then
    . test/prepare.sh
    exec pg_virtualenv -t -o shared_buffers=1GB -o work_mem=256MB env CXM_BENCH_SERVER=1 bash "$0" "$ROWS"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); rows: $ROWS"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" <<'SQL'
\pset footer off
DROP DATABASE IF EXISTS cxm_bench_terms;
CREATE DATABASE cxm_bench_terms;
\c cxm_bench_terms
CREATE EXTENSION cxm;
SELECT setseed(0.42);
CREATE TABLE vocab (cls text, sentences text[]);
INSERT INTO vocab VALUES
('detractor', ARRAY['the delivery was late again', 'support never answered my emails', 'waited two weeks for the refund',
  'the package arrived damaged and wet', 'nobody called me back', 'the app crashes at checkout', 'hidden fees on the invoice',
  'the courier lost my parcel', 'long waits on the phone line', 'the product broke after a week', 'wrong size was shipped',
  'tracking showed nothing for days']),
('passive', ARRAY['delivery was fine', 'prices are a bit high', 'the product is okay', 'support was slow but polite',
  'nothing special to report', 'packaging could be better', 'the app works most of the time', 'average experience overall']),
('promoter', ARRAY['great support and quick answers', 'fast delivery as promised', 'excellent quality for the price',
  'the staff were friendly and helpful', 'easy returns and refunds', 'love the new collection', 'checkout was smooth',
  'will recommend to my friends', 'the courier was on time']),
('any', ARRAY['I ordered a jacket', 'bought shoes for my son', 'this was my third order', 'ordered on my phone',
  'it was a gift', 'during the summer sale', 'for the office', 'from the web shop']);
CREATE TABLE answers AS
SELECT i AS id, c.cls,
       c.s[1 + floor(random() * array_length(c.s, 1))::int] || ', ' || a.s[1 + floor(random() * array_length(a.s, 1))::int]
       || '. ' || c.s[1 + floor(random() * array_length(c.s, 1))::int] || ' and ' || c.s[1 + floor(random() * array_length(c.s, 1))::int]
       AS comment
FROM generate_series(1, :rows) i
CROSS JOIN LATERAL (SELECT cls, sentences AS s FROM vocab
                    WHERE cls = (ARRAY['detractor', 'detractor', 'passive', 'promoter', 'promoter'])[1 + (i * 7919) % 5]
                      AND i > 0) c
CROSS JOIN (SELECT sentences AS s FROM vocab WHERE cls = 'any') a;
VACUUM ANALYZE answers;
SELECT count(*) AS answers, round(avg(array_length(regexp_split_to_array(comment, '\s+'), 1)), 1) AS words_per_answer
FROM answers;

-- the counts agree with the plain SQL
WITH plain AS (
    SELECT u.lexeme AS term, a.cls AS class, sum(array_length(u.positions, 1))::int8 AS occurrences, count(*) AS comments
    FROM answers a, unnest(to_tsvector('english', a.comment)) u GROUP BY 1, 2
), summary AS (
    SELECT * FROM term_table((SELECT term_summary(comment, cls, 'english') FROM answers))
)
SELECT (SELECT count(*) FROM plain) AS term_class_rows,
       (SELECT count(*) FROM ((SELECT * FROM plain EXCEPT SELECT * FROM summary)
                              UNION ALL (SELECT * FROM summary EXCEPT SELECT * FROM plain)) d) AS differences \gset
\echo term-class rows :term_class_rows, differences from the plain SQL: :differences
SELECT :differences = 0 AS counts_equal \gset
\if :counts_equal
\else
\echo counts differ
\quit 1
\endif
SELECT pg_column_size(s) AS stored_bytes, (SELECT count(DISTINCT term) FROM term_table(s)) AS terms,
       round(pg_column_size(s)::numeric / (SELECT count(DISTINCT term) FROM term_table(s)), 1) AS bytes_per_term
FROM (SELECT term_summary(comment, cls, 'english') AS s FROM answers) x;
SHOW jit;

\i test/bench/lib.sql
INSERT INTO bench_query VALUES
    (1, 'floor: count(to_tsvector)', $q$SELECT count(to_tsvector('english', comment)) FROM answers$q$),
    (2, 'term_summary', $q$SELECT term_summary(comment, cls, 'english') FROM answers$q$),
    (3, 'plain SQL counts', $q$SELECT count(*) FROM (SELECT a.cls, u.lexeme, count(*), sum(array_length(u.positions, 1))
                                FROM answers a, unnest(to_tsvector('english', a.comment)) u GROUP BY 1, 2) s$q$);
SET max_parallel_workers_per_gather = 0;
SELECT bench_run('single', 5);
SET max_parallel_workers_per_gather = 2;
SELECT bench_run('2 workers', 5);
SELECT m.mode, q.label, round(m.ms::numeric) AS ms, m.workers,
       round((m.ms / f.ms)::numeric, 2) AS x_floor
FROM bench_median m JOIN bench_query q USING (id)
JOIN bench_median f ON f.mode = m.mode AND f.id = 1
ORDER BY m.mode DESC, m.id;
SELECT m.mode, round((t.ms / f.ms)::numeric, 2) AS term_summary_x_floor,
       CASE WHEN t.ms <= 1.2 * f.ms THEN 'met' ELSE 'missed' END AS "target <= 1.2x floor",
       round((p.ms / t.ms)::numeric, 2) AS plain_sql_x_term_summary,
       CASE WHEN p.ms >= 2 * t.ms THEN 'met' ELSE 'missed' END AS "target >= 2x faster than plain SQL"
FROM (SELECT DISTINCT mode FROM bench_median) m
JOIN bench_median f ON f.mode = m.mode AND f.id = 1
JOIN bench_median t ON t.mode = m.mode AND t.id = 2
JOIN bench_median p ON p.mode = m.mode AND p.id = 3
ORDER BY m.mode DESC;
\c postgres
DROP DATABASE cxm_bench_terms;
SQL
