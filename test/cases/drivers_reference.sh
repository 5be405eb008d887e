#!/usr/bin/env bash
# test/cases/drivers_reference.sh: driver_table against an independent implementation
# (test/reference/drivers_reference.py: exact rational co-moments, regression and subset R²,
# closed-form t p-values, Denman-Beavers matrix square roots) on data this test makes, to 1e-9:
# six cases (survey ratings with NULLs, a small sample, nearly collinear drivers, the swiss data
# of R's datasets, 8 drivers, 16 drivers), each from a serial, a forced-parallel and a rolled-up
# summary. The swiss regression is also checked against R's published lm() output.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_drivers_reference_test
dropdb --if-exists "$db"; createdb "$db"
tmp=$(mktemp -d)
trap 'dropdb --if-exists "$db"; rm -rf "$tmp"' EXIT
psql_db() { psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 "$@"; }

psql_db <<'SQL'
CREATE EXTENSION cxm;
-- u(i, k): a uniform number in [0, 1) from md5, the same on every server
CREATE FUNCTION u(i int, k int) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT ('x' || substr(md5(i || ':' || k), 1, 8))::bit(32)::int8 / 4294967296.0 $$;
-- n(i, k): roughly standard normal (sum of four uniforms)
CREATE FUNCTION n(i int, k int) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT (u(i, k) + u(i, k + 100) + u(i, k + 200) + u(i, k + 300) - 2) * sqrt(3) $$;
CREATE TABLE answers (id serial, name text, g int, y float8, x float8[]);

-- survey: 5 ratings 1-10 sharing a common factor, outcome 0-10; some answers lack a rating or the outcome
INSERT INTO answers (name, g, y, x)
SELECT 'survey', i % 5,
       CASE WHEN u(i, 9) < 0.01 THEN NULL
            ELSE least(10, greatest(0, round(0.2 + 0.35 * r[1] + 0.25 * r[2] + 0.15 * r[3] + 0.05 * r[4] + 1.2 * n(i, 8)))) END,
       CASE WHEN u(i, 10) < 0.03 THEN r[1:2] || NULL::float8 || r[4:5] ELSE r END
FROM (SELECT i, ARRAY(SELECT least(10, greatest(1, round(6 + 1.6 * f + 1.4 * n(i, j))))::float8
                      FROM generate_series(1, 5) j) AS r
      FROM (SELECT i, n(i, 0) AS f FROM generate_series(1, 4000) i) s) s;
-- small: 15 answers, 3 drivers with two decimals
INSERT INTO answers (name, g, y, x)
SELECT 'small', i % 3, round((2 * a + b - c + 3 * u(i, 4))::numeric, 2), ARRAY[a, b, c]
FROM (SELECT i, round((10 * u(i, 1))::numeric, 2)::float8 a, round((10 * u(i, 2))::numeric, 2)::float8 b,
             round((10 * u(i, 3))::numeric, 2)::float8 c FROM generate_series(1, 15) i) s;
-- collinear: the fourth driver is the sum of the first two, give or take 2
INSERT INTO answers (name, g, y, x)
SELECT 'collinear', i % 4, round((a + 2 * c + 0.1 * (a + b) + 30 * n(i, 5))::numeric, 2),
       ARRAY[a, b, c, round((a + b + 4 * (u(i, 6) - 0.5))::numeric, 2)::float8]
FROM (SELECT i, floor(1 + 100 * u(i, 1)) a, floor(1 + 100 * u(i, 2)) b, floor(1 + 100 * u(i, 3)) c
      FROM generate_series(1, 500) i) s;
-- eight and sixteen drivers, correlated in pairs
INSERT INTO answers (name, g, y, x)
SELECT 'p' || p, i % 6, round((r[1] - r[2] + 0.5 * r[3] + 0.1 * r[p] + 5 * n(i, 99))::numeric, 3), r
FROM (SELECT p, i, ARRAY(SELECT round((10 * n(i, j) + 6 * n(i, j / 2 + 50))::numeric, 2)::float8
                         FROM generate_series(1, p) j) r
      FROM (VALUES (8, 1000), (16, 400)) v(p, m), generate_series(1, m) i) s;
-- swiss: R's datasets::swiss, Fertility on the five others
CREATE TABLE swiss (province text, fertility float8, agriculture float8, examination float8,
                    education float8, catholic float8, infant_mortality float8);
\copy swiss FROM 'test/data/swiss/swiss.csv' (FORMAT csv, HEADER)
INSERT INTO answers (name, g, y, x)
SELECT 'swiss', row_number() OVER () % 3, fertility,
       ARRAY[agriculture, examination, education, catholic, infant_mortality] FROM swiss;
ANALYZE answers;
SQL

# the complete answers (listwise deletion) for the reference, numbers as stored
psql_db -F, -c "SELECT name, y, array_to_string(x, ',') FROM answers
                WHERE y IS NOT NULL AND array_position(x, NULL) IS NULL ORDER BY id" > "$tmp/answers.csv"
python3 test/reference/drivers_reference.py < "$tmp/answers.csv" > "$tmp/reference.csv"

status=0
out=$(psql_db 2>&1 <<SQL
CREATE TABLE reference (name text, driver int, n int8, r2 float8, correlation float8, beta float8,
                        std_error float8, p_value float8, relative_weight float8, shapley_share float8);
\copy reference FROM '$tmp/reference.csv' (FORMAT csv, HEADER)
CREATE TABLE summaries (name text, way text, s driver_summary);
INSERT INTO summaries SELECT name, 'serial', driver_summary(y, x) FROM answers GROUP BY name;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
CREATE FUNCTION partial_plan() RETURNS bool LANGUAGE plpgsql AS \$\$
DECLARE line text; partial bool := false;
BEGIN
    FOR line IN EXPLAIN SELECT name, driver_summary(y, x) FROM answers GROUP BY name LOOP
        partial := partial OR line LIKE '%Partial%Aggregate%';
    END LOOP;
    RETURN partial;
END \$\$;
SELECT 'parallel plan with a partial aggregate: ' || partial_plan();
INSERT INTO summaries SELECT name, 'parallel', driver_summary(y, x) FROM answers GROUP BY name;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
INSERT INTO summaries
SELECT name, 'rollup', rollup(s) FROM (SELECT name, g, driver_summary(y, x) s FROM answers GROUP BY name, g) t
GROUP BY name;

CREATE TABLE results AS
SELECT m.name, m.way, ltrim(t.driver, 'x')::int AS driver, t.mean, t.correlation, t.beta, t.std_error,
       t.p_value, t.relative_weight, t.shapley_share, t.rank, driver_r2(m.s) AS r2, driver_n(m.s) AS n
FROM summaries m, driver_table(m.s) t;
CREATE FUNCTION off(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS 'SELECT abs(a - b) / greatest(1, abs(b))';
SELECT 'rows ' || count(*) || ', reference rows ' || (SELECT count(*) FROM reference) FROM results;
SELECT format('%s %s: max error %s', name, way,
              to_char(greatest(max(off(r.r2, f.r2)), max(off(r.correlation, f.correlation)),
                               max(off(r.beta, f.beta)), max(off(r.std_error, f.std_error)),
                               max(off(r.p_value, f.p_value)), max(off(r.relative_weight, f.relative_weight)),
                               max(coalesce(off(r.shapley_share, f.shapley_share), 0))), '9.9EEEE'))
FROM results r JOIN reference f USING (name, driver) GROUP BY name, way ORDER BY name, way;
SELECT 'answers counted differently: ' || count(*) FROM results r JOIN reference f USING (name, driver) WHERE r.n <> f.n;
SELECT 'off by more than 1e-9: ' || count(*) FROM results r JOIN reference f USING (name, driver)
WHERE off(r.r2, f.r2) > 1e-9 OR off(r.correlation, f.correlation) > 1e-9 OR off(r.beta, f.beta) > 1e-9
   OR off(r.std_error, f.std_error) > 1e-9 OR off(r.p_value, f.p_value) > 1e-9
   OR off(r.relative_weight, f.relative_weight) > 1e-9
   OR (f.shapley_share IS NOT NULL AND off(r.shapley_share, f.shapley_share) > 1e-9)
   OR (f.shapley_share IS NULL AND r.name <> 'p16') OR ((r.shapley_share IS NULL) <> (r.name = 'p16'));
SELECT 'shares and weights sum to 1: ' || bool_and(abs(sw - 1) < 1e-12 AND (ss IS NULL OR abs(ss - 1) < 1e-12))
FROM (SELECT sum(relative_weight) sw, sum(shapley_share) ss FROM results GROUP BY name, way) s;
SELECT 'serial, parallel and rollup agree to 1e-12: ' || bool_and(d < 1e-12)
FROM (SELECT greatest(max(off(a.beta, b.beta)), max(off(a.relative_weight, b.relative_weight)),
                      max(coalesce(off(a.shapley_share, b.shapley_share), 0)), max(off(a.p_value, b.p_value))) d
      FROM results a JOIN results b USING (name, driver) WHERE a.way = 'serial' GROUP BY name, b.way) s;
-- R's summary(lm(Fertility ~ ., data = swiss)): t values -2.448, -1.016, -4.758, 2.953, 2.822;
-- Pr(>|t|) 0.01873, 0.31546, 2.43e-05, 0.00519, 0.00734; Multiple R-squared 0.7067
SELECT 'swiss as R prints it: ' || string_agg(format('x%s t=%s p=%s', driver, round((beta / std_error)::numeric, 3),
                                                     to_char(p_value, '9.99EEEE')), ', ' ORDER BY driver)
       || ' R2=' || round(min(r2)::numeric, 4)
FROM results WHERE name = 'swiss' AND way = 'serial';
SQL
) || status=$?
echo "$out"
ok=1
[ "$status" = 0 ] || ok=0
grep -q 'parallel plan with a partial aggregate: t' <<<"$out" || ok=0
grep -qx 'rows 123, reference rows 41' <<<"$out" || ok=0
grep -qx 'answers counted differently: 0' <<<"$out" || ok=0
grep -qx 'off by more than 1e-9: 0' <<<"$out" || ok=0
grep -qx 'shares and weights sum to 1: true' <<<"$out" || ok=0
grep -qx 'serial, parallel and rollup agree to 1e-12: true' <<<"$out" || ok=0
grep -qx 'swiss as R prints it: x1 t=-2.448 p= 1.87e-02, x2 t=-1.016 p= 3.15e-01, x3 t=-4.758 p= 2.43e-05, x4 t=2.953 p= 5.19e-03, x5 t=2.822 p= 7.34e-03 R2=0.7067' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "driver_table vs the reference implementation: FAILED"; exit 1; }
echo "driver_table vs the reference implementation: ok"
