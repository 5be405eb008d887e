#!/usr/bin/env bash
# test/cases/rfm_oracle.sh: rfm_summary against a plain-SQL oracle on random orders (times to
# the microsecond across 2000-01-01, several period lengths and units, amounts with cents,
# refunds, orders after the calibration end), in serial and parallel plans.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_rfm_oracle_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
SET TimeZone = 'UTC';
SELECT setseed(0.31);
CREATE TABLE orders AS
SELECT (random() * 3000)::int AS customer_id,
       timestamptz '1999-10-01' + random() * interval '200 days' AS ordered_at,
       round((random() * 200 - 20)::numeric, 2) AS amount
FROM generate_series(1, 60000);
ANALYZE orders;
CREATE TABLE params (calibration_end timestamptz, period interval, unit interval);
INSERT INTO params VALUES ('2000-03-15 13:00', '1 day', '1 day'), ('2000-03-15 13:00', '1 day', '1 week'),
    ('2000-03-15 13:00', '1 week', '1 week'), ('2000-02-01', '3 hours', '1 day'),
    ('2000-04-30 23:59:59.999999', '90 minutes 30.5 seconds', '1 hour'), ('1999-12-31', '2 weeks', '1 day');

-- the oracle: period number = floor((time - Monday 2000-01-03 UTC) / period), in numeric
CREATE TABLE oracle AS
WITH p AS (SELECT calibration_end, period, unit, extract(epoch FROM period) AS ps, extract(epoch FROM unit) AS us,
                  floor(extract(epoch FROM calibration_end - timestamptz '2000-01-03 00:00+00') / extract(epoch FROM period)) AS end_idx
           FROM params),
periods AS (
    SELECT p.calibration_end, p.period, p.unit, p.ps, p.us, p.end_idx, o.customer_id,
           floor(extract(epoch FROM o.ordered_at - timestamptz '2000-01-03 00:00+00') / p.ps) AS idx,
           sum(o.amount) AS amount
    FROM p, orders o GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
kept AS (SELECT *, row_number() OVER (PARTITION BY calibration_end, period, unit, customer_id ORDER BY idx) AS k
         FROM periods WHERE idx <= end_idx)
SELECT calibration_end, period, unit, customer_id, count(*) - 1 AS frequency,
       (max(idx) - min(idx)) * ps / us AS recency, (min(end_idx) - min(idx)) * ps / us AS t,
       avg(amount) FILTER (WHERE k > 1) AS monetary
FROM kept GROUP BY calibration_end, period, unit, customer_id, ps, us;

CREATE TABLE orders_params AS SELECT * FROM params, orders;
ANALYZE orders_params;
CREATE VIEW compare AS
    WITH s AS (
        SELECT calibration_end, period, unit, customer_id,
               (rfm_summary(ordered_at, amount, calibration_end, period, unit)).*
        FROM orders_params GROUP BY calibration_end, period, unit, customer_id)
    SELECT count(*) FILTER (WHERE s.customer_id IS NULL OR o.customer_id IS NULL
                              OR s.frequency <> o.frequency
                              OR abs(s.recency - o.recency::float8) > 1e-9 * greatest(1, abs(o.recency::float8))
                              OR abs(s.age - o.t::float8) > 1e-9 * greatest(1, abs(o.t::float8))
                              OR (s.monetary IS NULL) <> (o.monetary IS NULL)
                              OR abs(s.monetary - o.monetary::float8) > 1e-9 * greatest(1, abs(o.monetary::float8))) AS mismatches,
           count(*) AS compared
    FROM (SELECT * FROM s WHERE frequency IS NOT NULL) s
    FULL JOIN oracle o USING (calibration_end, period, unit, customer_id);
SELECT 'serial ' || mismatches || ' of ' || compared FROM compare;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
CREATE FUNCTION plan_has(query text, pattern text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || pattern || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
SELECT 'partial aggregate in plan ' || plan_has('SELECT * FROM compare', 'Partial');
SELECT 'parallel ' || mismatches || ' of ' || compared FROM compare;
SELECT 'oracle rows ' || (count(*) > 10000) FROM oracle;
SQL
)
echo "$out"
ok=1
grep -qE '^serial 0 of [0-9]+$' <<<"$out" || ok=0
grep -qE '^parallel 0 of [0-9]+$' <<<"$out" || ok=0
grep -qx 'oracle rows true' <<<"$out" || ok=0
grep -qx 'partial aggregate in plan true' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "rfm_summary vs oracle: FAILED"; exit 1; }
echo "rfm_summary vs oracle: ok"
