#!/usr/bin/env bash
# test/cases/mbgnbd_reference.sh: the modified BG/NBD against an independent computation with
# mpmath (test/reference/mbgnbd.py, the formulas of lifetimes' ModifiedBetaGeoFitter): the
# maximum-likelihood fit of the published CDNOW summary (test/data/cdnow, 2,357 customers,
# weeks: r = 0.525, alpha = 6.183, a = 0.891, b = 1.614), and expected_purchases and p_alive
# for 300 random models and customers (test/data/mbgnbd_predictions.csv: r 0.05-5, alpha
# 0.5-50, a 0.1-5, b 0.1-10, frequencies 0-100, horizons 0.1-1,000 time units). And a fit over
# 70,591 distinct patterns, which starts from the fit of a sample of them, against the fit of
# the same patterns from every parameter 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_mbgnbd_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE cdnow (id int, frequency float8, recency float8, age float8);
\copy cdnow FROM 'test/data/cdnow/cdnow_customers_summary.csv' (FORMAT csv, HEADER)
-- mpmath: r 0.52483798366559511, alpha 6.1829920196720969, a 0.89135615533153578,
-- b 1.6139993347305012, LL -9582.1326848999039
SELECT 'cdnow ' || round(r(m)::numeric, 3) || ' ' || round(alpha(m)::numeric, 3) || ' '
       || round(a(m)::numeric, 3) || ' ' || round(b(m)::numeric, 3) || ' '
       || round(log_likelihood(m)::numeric, 1) || ' ' || customers(m)
FROM (SELECT mbgnbd_fit(frequency, recency, age) AS m FROM cdnow) f;
SELECT 'cdnow vs mpmath ' || (abs(r(m) / 0.52483798366559511 - 1) < 1e-6
                              AND abs(alpha(m) / 6.1829920196720969 - 1) < 1e-6
                              AND abs(a(m) / 0.89135615533153578 - 1) < 1e-6
                              AND abs(b(m) / 1.6139993347305012 - 1) < 1e-6
                              AND abs(log_likelihood(m) - -9582.1326848999039) < 1e-6)
FROM (SELECT mbgnbd_fit(frequency, recency, age) AS m FROM cdnow) f;

-- 70,591 distinct patterns (CDNOW 30 times, each copy's recency and age stretched by a factor
-- in [1, 1.1)): the fit starts from the fit of a sample of the patterns; the parameters are
-- those of the fit from every parameter 1 (26 iterations), to the optimiser's tolerance
CREATE TABLE stretched AS
SELECT frequency, recency * f AS recency, age * f AS age
FROM cdnow, generate_series(1, 30) k,
     LATERAL (SELECT 1 + (abs(hashint8(id * 100000 + k)) % 100000) / 1000000.0 AS f) s;
SELECT 'sampled start ' || pattern_count(p) || ' patterns, '
       || (abs(r(m) / 0.5241272391859073 - 1) < 1e-8 AND abs(alpha(m) / 6.484144612844553 - 1) < 1e-8
           AND abs(a(m) / 0.8920985550773178 - 1) < 1e-8 AND abs(b(m) / 1.6176001953206791 - 1) < 1e-8
           AND abs(log_likelihood(m) - -291047.76605430874) < 1e-6)
       || ', ' || CASE WHEN iterations(m) < 10 THEN 'few' ELSE 'many' END || ' iterations'
FROM (SELECT rfm_patterns(frequency, recency, age) AS p FROM stretched) s, mbgnbd_fit(p) AS m;

CREATE TABLE reference (r float8, alpha float8, a float8, b float8, horizon float8, frequency float8,
                        recency float8, age float8, expected_purchases numeric, p_alive numeric);
\copy reference FROM 'test/data/mbgnbd_predictions.csv' (FORMAT csv, HEADER)
CREATE TABLE errors AS
SELECT abs(expected_purchases(m, horizon, frequency, recency, age)::numeric / expected_purchases - 1) AS ep_error,
       abs(p_alive(m, frequency, recency, age)::numeric / p_alive - 1) AS pa_error, *
FROM (SELECT format('{"version": 1, "r": %s, "alpha": %s, "a": %s, "b": %s}', r, alpha, a, b)::mbgnbd_model AS m, *
      FROM reference) s;
SELECT 'cases ' || count(*) FROM errors;
SELECT 'off by more than 1e-9: ' || count(*) FILTER (WHERE ep_error > 1e-9 OR pa_error > 1e-9
                                                     OR ep_error IS NULL OR pa_error IS NULL) FROM errors;
SELECT 'largest relative errors ' || to_char(max(ep_error), '9.9EEEE') || ' ' || to_char(max(pa_error), '9.9EEEE') FROM errors;
SQL
)
echo "$out"
ok=1
grep -qx 'cdnow 0.525 6.183 0.891 1.614 -9582.1 2357' <<<"$out" || ok=0
grep -qx 'cdnow vs mpmath true' <<<"$out" || ok=0
grep -qx 'sampled start 70591 patterns, true, few iterations' <<<"$out" || ok=0
grep -qx 'cases 300' <<<"$out" || ok=0
grep -qx 'off by more than 1e-9: 0' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "MBG/NBD vs mpmath: FAILED"; exit 1; }
echo "MBG/NBD vs mpmath: ok"
