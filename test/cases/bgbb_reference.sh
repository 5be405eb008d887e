#!/usr/bin/env bash
# test/cases/bgbb_reference.sh: BG/BB against an independent computation with mpmath at 40
# digits (test/reference/bgbb.py): the maximum-likelihood fit of the donations data of Fader,
# Hardie & Shang (2010) (test/data/cdnow/donations.csv, 11,104 donors: the paper's alpha =
# 1.204, beta = 0.750, gamma = 0.657, delta = 2.783, LL = -33,225.6), and p_alive,
# expected_transactions and dert for 300 random models and customers
# (test/data/bgbb_predictions.csv: alpha, beta, gamma 0.1-10, delta 0.1-20, gamma = 1 in six,
# 1-100 opportunities, horizons 1-200, discount rates 0-100%).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_bgbb_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE donations (frequency float8, recency float8, periods float8, weights int8);
\copy donations FROM 'test/data/cdnow/donations.csv' (FORMAT csv, HEADER)
-- mpmath: alpha 1.2035223516019139, beta 0.74971635817293889, gamma 0.65671820844183243,
-- delta 2.7834422325773807, LL -33225.581274347007
SELECT 'donations ' || round(alpha(m)::numeric, 3) || ' ' || round(beta(m)::numeric, 3) || ' '
       || round(gamma(m)::numeric, 3) || ' ' || round(delta(m)::numeric, 3) || ' '
       || round(log_likelihood(m)::numeric, 1) || ' ' || customers(m)
FROM (SELECT bgbb_fit(frequency, recency, periods, weights) AS m FROM donations) f;
SELECT 'donations vs mpmath ' || (abs(alpha(m) / 1.2035223516019139 - 1) < 1e-6
                                  AND abs(beta(m) / 0.74971635817293889 - 1) < 1e-6
                                  AND abs(gamma(m) / 0.65671820844183243 - 1) < 1e-6
                                  AND abs(delta(m) / 2.7834422325773807 - 1) < 1e-6
                                  AND abs(log_likelihood(m) - -33225.581274347007) < 1e-6)
FROM (SELECT bgbb_fit(frequency, recency, periods, weights) AS m FROM donations) f;

CREATE TABLE reference (alpha float8, beta float8, gamma float8, delta float8, frequency float8,
                        recency float8, n_opportunities float8, horizon float8, discount float8,
                        p_alive numeric, expected_transactions numeric, dert numeric);
\copy reference FROM 'test/data/bgbb_predictions.csv' (FORMAT csv, HEADER)
CREATE TABLE errors AS
SELECT abs(p_alive(m, frequency, recency, n_opportunities)::numeric / p_alive - 1) AS pa_error,
       abs(expected_transactions(m, horizon, frequency, recency, n_opportunities)::numeric / expected_transactions - 1) AS et_error,
       abs(dert(m, discount, frequency, recency, n_opportunities)::numeric / dert - 1) AS dert_error, *
FROM (SELECT format('{"version": 1, "alpha": %s, "beta": %s, "gamma": %s, "delta": %s}', alpha, beta, gamma, delta)::bgbb_model AS m, *
      FROM reference) s;
SELECT 'cases ' || count(*) || ', gamma 1: ' || count(*) FILTER (WHERE gamma = 1) || ', undiscounted: '
       || count(*) FILTER (WHERE discount = 0) FROM errors;
SELECT 'off by more than 1e-10: ' || count(*) FILTER (WHERE pa_error > 1e-10 OR et_error > 1e-10 OR dert_error > 1e-10
                                                      OR pa_error IS NULL OR et_error IS NULL OR dert_error IS NULL)
FROM errors;
SELECT 'largest relative errors ' || to_char(max(pa_error), '9.9EEEE') || ' ' || to_char(max(et_error), '9.9EEEE')
       || ' ' || to_char(max(dert_error), '9.9EEEE') FROM errors;
SQL
)
echo "$out"
ok=1
grep -qx 'donations 1.204 0.750 0.657 2.783 -33225.6 11104' <<<"$out" || ok=0
grep -qx 'donations vs mpmath true' <<<"$out" || ok=0
grep -qx 'cases 300, gamma 1: 6, undiscounted: .*' <<<"$out" || ok=0
grep -qx 'off by more than 1e-10: 0' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "BG/BB vs mpmath: FAILED"; exit 1; }
echo "BG/BB vs mpmath: ok"
