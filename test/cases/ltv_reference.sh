#!/usr/bin/env bash
# test/cases/ltv_reference.sh: ltv_estimate against 200 reference values computed with mpmath at
# 30 digits (test/reference/customer_value.py writes test/data/ltv_reference.csv): random BG/NBD
# models (r 0.05-5, alpha 0.5-50, a 0.1-5, b 0.1-10) and Gamma-Gamma models (p 0.5-20, q 1.2-10,
# gamma 0.5-100), frequencies 0-30, horizons of 1 to 260 units, discount rates 0 to 5% per unit.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_ltv_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE reference (r float8, alpha float8, a float8, b float8, p float8, q float8, gamma float8,
                        frequency float8, recency float8, "T" float8, monetary float8,
                        horizon_units float8, discount_rate_per_unit float8, ltv numeric);
\copy reference FROM 'test/data/ltv_reference.csv' (FORMAT csv, HEADER)
CREATE TABLE errors AS
SELECT abs(ltv_estimate(bg, gg, frequency, recency, "T", monetary, horizon_units, discount_rate_per_unit)::numeric / ltv - 1) AS error, *
FROM (SELECT format('{"version": 1, "r": %s, "alpha": %s, "a": %s, "b": %s}', r, alpha, a, b)::bgnbd_model AS bg,
             format('{"version": 1, "p": %s, "q": %s, "gamma": %s}', p, q, gamma)::gammagamma_model AS gg, *
      FROM reference) s;
SELECT 'cases ' || count(*) || ', without repeat purchases ' || count(*) FILTER (WHERE frequency = 0)
       || ', discounted ' || count(*) FILTER (WHERE discount_rate_per_unit > 0) FROM errors;
SELECT 'off by more than 1e-9: ' || count(*) FILTER (WHERE error > 1e-9 OR error IS NULL) FROM errors;
SELECT 'largest relative error ' || to_char(max(error), '9.9EEEE') FROM errors;
SQL
)
echo "$out"
ok=1
grep -q '^cases 200, without repeat purchases [1-9]' <<<"$out" || ok=0
grep -qx 'off by more than 1e-9: 0' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "ltv_estimate vs mpmath: FAILED"; exit 1; }
echo "ltv_estimate vs mpmath: ok"
