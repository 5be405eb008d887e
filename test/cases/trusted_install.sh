#!/usr/bin/env bash
# test/cases/trusted_install.sh: cxm is a trusted extension: a non-superuser with CREATE on a
# database can install it into their own schema and use it; its objects belong to the
# bootstrap superuser, not to that user. The same user can update a 0.1.0 install to the
# current version, and views over cxm's aggregates survive it.
set -euo pipefail
db=cxm_trusted_test
role=cxm_trusted_owner
cleanup() { dropdb --if-exists "$db"; psql -X -q -c "DROP ROLE IF EXISTS $role" >/dev/null; }
trap cleanup EXIT
cleanup
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE $role LOGIN NOSUPERUSER PASSWORD 'x'"
createdb -O "$role" "$db"
out=$(PGUSER=$role PGPASSWORD=x psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA analytics;
CREATE EXTENSION cxm SCHEMA analytics;
SELECT analytics.channel('web/view@2025-01-01 00:00:00+00'::analytics.touchpoint);
SELECT count(*) FROM pg_proc WHERE pronamespace = 'analytics'::regnamespace
  AND proowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user);
SELECT count(*) FROM pg_proc WHERE pronamespace = 'analytics'::regnamespace AND prosecdef;
SQL
)
expected=$'web\n'$(psql -X -q -At -d "$db" -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'analytics'::regnamespace")$'\n0'
if [ "$out" != "$expected" ]; then
    echo "unexpected result of a non-superuser install:"; echo "$out"; echo "expected:"; echo "$expected"; exit 1
fi
echo "trusted install by a non-superuser: ok"

# the same user updates an install of 0.1.0 (the update script edits catalogs, which needs the
# superuser rights a trusted extension's scripts run with), and the result works
dropdb --if-exists "$db"; createdb -O "$role" "$db"
out=$(PGUSER=$role PGPASSWORD=x psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA analytics;
CREATE EXTENSION cxm SCHEMA analytics VERSION '0.1.0';
CREATE VIEW paths AS
SELECT analytics.journey_path(tp) AS p
FROM (VALUES ('web@2025-01-01 00:00:00+00'::analytics.touchpoint), ('email@2025-01-02 00:00:00+00')) v(tp);
ALTER EXTENSION cxm UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'cxm';
SELECT p FROM paths;
SELECT analytics.nps_agg(s) FROM (VALUES (10), (9), (3)) v(s);
SQL
)
expected=$'0.2.0\nweb > email\n33.333333333333336'
if [ "$out" != "$expected" ]; then
    echo "unexpected result of a non-superuser update:"; echo "$out"; echo "expected:"; echo "$expected"; exit 1
fi
echo "trusted update from 0.1.0 by a non-superuser: ok"
