#!/usr/bin/env bash
# test/cases/paretonbd_reference.sh: Pareto/NBD expected_purchases and p_alive against 300
# reference values computed with mpmath at 30 digits (test/reference/paretonbd.py writes
# test/data/paretonbd_predictions.csv): random models (r 0.05-5, alpha 0.5-50, s 0.1-5,
# beta 0.5-50), frequencies 0-100 and horizons from 0.1 to 1,000 time units. All but two cases
# agree to 1e-12; the largest error (about 4e-9) is at frequency 100 with alpha much larger than
# beta (2F1 arguments near 0.9).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_paretonbd_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE reference (r float8, alpha float8, s float8, beta float8, t float8, frequency float8,
                        recency float8, "T" float8, expected_purchases numeric, p_alive numeric);
\copy reference FROM 'test/data/paretonbd_predictions.csv' (FORMAT csv, HEADER)
CREATE TABLE errors AS
SELECT abs(expected_purchases(m, t, frequency, recency, "T")::numeric / expected_purchases - 1) AS ep_error,
       abs(p_alive(m, frequency, recency, "T")::numeric / p_alive - 1) AS pa_error, *
FROM (SELECT format('{"version": 1, "r": %s, "alpha": %s, "s": %s, "beta": %s}', r, alpha, s, beta)::paretonbd_model AS m, *
      FROM reference) s;
SELECT 'cases ' || count(*) || ', alpha < beta ' || count(*) FILTER (WHERE alpha < beta) FROM errors;
SELECT 'off by more than 1e-8: ' || count(*) FILTER (WHERE ep_error > 1e-8 OR pa_error > 1e-8
                                                     OR ep_error IS NULL OR pa_error IS NULL) FROM errors;
SELECT 'largest relative errors ' || to_char(max(ep_error), '9.9EEEE') || ' ' || to_char(max(pa_error), '9.9EEEE') FROM errors;
SQL
)
echo "$out"
ok=1
grep -q '^cases 300, alpha < beta [1-9]' <<<"$out" || ok=0
grep -qx 'off by more than 1e-8: 0' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "Pareto/NBD predictions vs mpmath: FAILED"; exit 1; }
echo "Pareto/NBD predictions vs mpmath: ok"
