#!/usr/bin/env bash
# test/cases/sbg_reference.sh: the sBG model against reference values computed with mpmath at 50
# digits (test/reference/sbg_reference.py writes test/data/sbg_predictions.csv and
# test/data/sbg_fits.csv): survival, retention_rate, del and derl of 300 random models (alpha
# 0.1-10, beta 0.1-20, periods up to 5000, discount rates 0.5%-300%), the reference's DEL and
# DERL summed term by term rather than from the hypergeometric closed form; and the
# maximum-likelihood fits, with their log-likelihood, of the two published cohorts of Fader &
# Hardie (2007) and of four simulated sets of cohorts.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_sbg_reference_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE reference (alpha float8, beta float8, period int4, periods_renewed int4,
                        discount_rate float8, survival numeric, retention_rate numeric,
                        del numeric, derl numeric);
\copy reference FROM 'test/data/sbg_predictions.csv' (FORMAT csv, HEADER)
CREATE TABLE errors AS
SELECT abs(survival(m, period)::numeric / survival - 1) AS survival_error,
       abs(retention_rate(m, greatest(period, 1))::numeric / retention_rate - 1) AS rate_error,
       abs(del(m, discount_rate)::numeric / del - 1) AS del_error,
       abs(derl(m, periods_renewed, discount_rate)::numeric / derl - 1) AS derl_error
FROM (SELECT format('{"version": 1, "alpha": %s, "beta": %s}', alpha, beta)::sbg_model AS m, *
      FROM reference) s;
SELECT 'cases ' || count(*) FROM errors;
SELECT 'off by more than 1e-9: survival ' || count(*) FILTER (WHERE survival_error > 1e-9)
       || ', retention_rate ' || count(*) FILTER (WHERE rate_error > 1e-9)
       || ', del ' || count(*) FILTER (WHERE del_error > 1e-9)
       || ', derl ' || count(*) FILTER (WHERE derl_error > 1e-9) FROM errors;
SELECT 'largest relative errors: survival ' || to_char(max(survival_error), '9.9EEEE')
       || ', del ' || to_char(max(del_error), '9.9EEEE') || ', derl ' || to_char(max(derl_error), '9.9EEEE')
FROM errors;

CREATE TABLE fits (name text, cohort int4, survivors int8[], alpha numeric, beta numeric,
                   log_likelihood numeric);
\copy fits FROM 'test/data/sbg_fits.csv' (FORMAT csv, HEADER)
CREATE TABLE fit_errors AS
SELECT name, abs(alpha(m)::numeric / alpha - 1) AS alpha_error, abs(beta(m)::numeric / beta - 1) AS beta_error,
       abs(log_likelihood(m)::numeric / log_likelihood - 1) AS ll_error
FROM (SELECT name, sbg_fit(survivors) AS m, min(alpha) AS alpha, min(beta) AS beta,
             min(log_likelihood) AS log_likelihood
      FROM fits GROUP BY name) s;
SELECT 'fits ' || count(*) || ', parameters off by more than 1e-6: '
       || count(*) FILTER (WHERE alpha_error > 1e-6 OR beta_error > 1e-6)
       || ', log-likelihood off by more than 1e-9: ' || count(*) FILTER (WHERE ll_error > 1e-9)
FROM fit_errors;
SELECT 'largest relative errors of the fits: parameters ' || to_char(max(greatest(alpha_error, beta_error)), '9.9EEEE')
       || ', log-likelihood ' || to_char(max(ll_error), '9.9EEEE') FROM fit_errors;
SQL
)
echo "$out"
ok=1
grep -qx 'cases 300' <<<"$out" || ok=0
grep -qx 'off by more than 1e-9: survival 0, retention_rate 0, del 0, derl 0' <<<"$out" || ok=0
grep -qx 'fits 6, parameters off by more than 1e-6: 0, log-likelihood off by more than 1e-9: 0' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "sBG vs mpmath: FAILED"; exit 1; }
echo "sBG vs mpmath: ok"
