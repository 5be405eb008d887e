#!/usr/bin/env bash
# test/cases/bgnbd_reference.sh: expected_purchases and p_alive against 400 reference values
# computed with mpmath at 60 digits (test/reference/bgnbd_predictions.py writes
# test/data/bgnbd_predictions.csv): random models (r 0.05-5, alpha 0.5-50, a 0.1-5, b 0.1-10),
# frequencies 0-100 and horizons from 0.1 to 10,000 time units.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_bgnbd_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE reference (r float8, alpha float8, a float8, b float8, t float8, frequency float8,
                        recency float8, "T" float8, expected_purchases numeric, p_alive numeric);
\copy reference FROM 'test/data/bgnbd_predictions.csv' (FORMAT csv, HEADER)
CREATE TABLE errors AS
SELECT abs(expected_purchases(m, t, frequency, recency, "T")::numeric / expected_purchases - 1) AS ep_error,
       abs(p_alive(m, frequency, recency, "T")::numeric - p_alive) AS pa_error, *
FROM (SELECT format('{"version": 1, "r": %s, "alpha": %s, "a": %s, "b": %s}', r, alpha, a, b)::bgnbd_model AS m, *
      FROM reference) s;
SELECT 'cases ' || count(*) FROM errors;
SELECT 'expected_purchases off by more than 1e-9: ' || count(*) FILTER (WHERE ep_error > 1e-9)
       || ', p_alive off by more than 1e-12: ' || count(*) FILTER (WHERE pa_error > 1e-12) FROM errors;
SELECT 'largest relative error of expected_purchases ' || to_char(max(ep_error), '9.9EEEE') FROM errors;
SQL
)
echo "$out"
ok=1
grep -qx 'cases 400' <<<"$out" || ok=0
grep -qx 'expected_purchases off by more than 1e-9: 0, p_alive off by more than 1e-12: 0' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "BG/NBD predictions vs mpmath: FAILED"; exit 1; }
echo "BG/NBD predictions vs mpmath: ok"
