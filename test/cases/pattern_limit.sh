#!/usr/bin/env bash
# test/cases/pattern_limit.sh: a pattern table at its limit of distinct patterns (spend_patterns:
# 1,000,000) still counts customers with patterns it holds, in any order, and refuses one more
# distinct pattern with 54000. The tables append new patterns without searching once their
# sorted part is large and merge equal ones when full, so a full table must still find them.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=cxm_pattern_limit_test
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

out=$(psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 2>&1 <<'SQL'
CREATE EXTENSION cxm;
SET max_parallel_workers_per_gather = 0;
CREATE FUNCTION pg_temp.state_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
-- 1,000,000 distinct (frequency, spend), then 100,000 more customers of one of them, last
SELECT 'at the limit: ' || pattern_count(p) || ' patterns, ' || customers(p) || ' customers'
FROM (SELECT spend_patterns(f, m) AS p
      FROM (SELECT 1 + (i % 2)::float8 AS f, (i / 2)::float8 + 1 AS m FROM generate_series(0, 999999) i
            UNION ALL SELECT 1, 5 FROM generate_series(1, 100000)) s) q;
SELECT 'one more: ' || pg_temp.state_of($q$SELECT spend_patterns(1 + (i % 2)::float8, (i / 2)::float8 + 1)
                                            FROM generate_series(0, 1000000) i$q$);
SQL
)
echo "$out"
ok=1
grep -qx 'at the limit: 1000000 patterns, 1100000 customers' <<<"$out" || ok=0
grep -qx 'one more: 54000' <<<"$out" || ok=0
[ "$ok" = 1 ] || { echo "pattern table limit: FAILED"; exit 1; }
echo "pattern table limit: ok"
