#!/usr/bin/env bash
# test/cases/sample_data.sh: the sample shop generator (demo/sample_data.sql) is reproducible
# (same seed and size, same rows; another seed, other rows) and internally consistent, and
# nothing in any of its tables is dated after the end of the data, 2025-06-30 (UTC).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_sample_data_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT
psql -X -q -d "$db" -c "CREATE EXTENSION cxm"

fingerprint() {
    psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
    SELECT format('i%s|%s|%s|%s', customer_id, channel, action, occurred_at) AS x FROM interactions
    UNION ALL SELECT format('o%s|%s|%s', customer_id, ordered_at, amount) FROM orders
    UNION ALL SELECT format('s%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', customer_id, answered_at, nps_score,
                            csat_score, ces_score, channel, comment, quality_rating, delivery_rating,
                            support_rating, price_rating, app_rating) FROM survey_responses
    UNION ALL SELECT format('c%s|%s|%s|%s', customer_id, signed_up_at, country, segment) FROM customers
    UNION ALL SELECT format('p%s|%s|%s', customer_id, plan, paid_at) FROM subscription_payments
) s;
SQL
}
load() { psql -X -q -d "$db" -v customers=3000 -v seed="$1" -f demo/sample_data.sql >/dev/null; }

load 0.42; first=$(fingerprint)
load 0.42; second=$(fingerprint)
load 0.17; other=$(fingerprint)
[ "$first" = "$second" ] || { echo "same seed gave different data: $first vs $second"; exit 1; }
[ "$first" != "$other" ] || { echo "a different seed gave the same data"; exit 1; }

load 0.42
problems=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'customers: ' || count(*) FROM customers HAVING count(*) <> 3000
UNION ALL
SELECT 'channels: ' || count(DISTINCT channel) FROM interactions HAVING count(DISTINCT channel) < 6
UNION ALL
SELECT 'interactions per customer: ' || round(count(*)::numeric / 3000, 2) FROM interactions
HAVING count(*) < 3000 * 5
UNION ALL
-- every order is the purchase touchpoint of its journey, and the other way round
SELECT 'order without purchase touch: ' || count(*) FROM orders o
WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = o.customer_id
                  AND i.occurred_at = o.ordered_at AND i.action = 'purchase')
HAVING count(*) > 0
UNION ALL
SELECT 'purchase touches ' || (SELECT count(*) FROM interactions WHERE action = 'purchase')
       || ' vs orders ' || (SELECT count(*) FROM orders)
WHERE (SELECT count(*) FROM interactions WHERE action = 'purchase') <> (SELECT count(*) FROM orders)
UNION ALL
SELECT 'orders: ' || count(*) FROM orders HAVING count(*) < 300 OR min(amount) <= 0
UNION ALL
SELECT 'unknown customers: ' || count(*) FROM (
    SELECT customer_id FROM interactions UNION SELECT customer_id FROM orders
    UNION SELECT customer_id FROM survey_responses UNION SELECT customer_id FROM subscription_payments) c
WHERE customer_id NOT IN (SELECT customer_id FROM customers) HAVING count(*) > 0
UNION ALL
SELECT 'surveys: ' || count(*) FROM survey_responses HAVING count(*) < 300
UNION ALL
-- subscribers pay every month from sign-up until they cancel, without gaps
SELECT 'subscription payments: ' || count(*) FROM subscription_payments HAVING count(*) < 300
UNION ALL
SELECT 'subscribers with a gap or a late start: ' || count(*) FROM (
    SELECT p.customer_id FROM subscription_payments p JOIN customers c USING (customer_id)
    GROUP BY p.customer_id, c.signed_up_at
    HAVING min(p.paid_at) <> c.signed_up_at
        OR max(p.paid_at) <> c.signed_up_at + (count(*) - 1) * interval '1 month') s
HAVING count(*) > 0
UNION ALL
SELECT 'every row becomes a touchpoint: ' || count(*) FROM interactions
WHERE touchpoint(channel, action, occurred_at) IS NULL HAVING count(*) > 0
UNION ALL
-- every date or time column of every table: nothing after the end of the data
SELECT format('%s.%s: %s rows dated after 2025-06-30, the latest %s', table_name, column_name,
              late[1], late[2])
FROM information_schema.columns c,
     LATERAL (SELECT xpath('/row/*/text()', query_to_xml(format(
                'SELECT count(*) AS n, max(%2$I) AS latest FROM %1$I WHERE %2$I >= %3$L',
                c.table_name, c.column_name, '2025-07-01 00:00:00+00'), false, true, ''))::text[] AS late) x
WHERE c.table_schema = 'public' AND c.data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone')
  AND late[1]::bigint > 0
UNION ALL
SELECT 'date columns checked: ' || count(*) FROM information_schema.columns
WHERE table_schema = 'public' AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone')
HAVING count(*) < 4;
SQL
)
if [ -n "$problems" ]; then echo "$problems"; exit 1; fi
echo "sample data: reproducible and consistent"
