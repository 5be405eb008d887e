#!/usr/bin/env bash
# test/bench/journey_refresh.sh: refreshing a stored journeys table after new events beside
# rebuilding it from all events, for the ways docs/journeys.md discusses (the table's
# fillfactor; INSERT ... ON CONFLICT DO UPDATE, MERGE, UPDATE ... FROM then INSERT).
#
#   ROWS=3000000 CUSTOMERS=300000 RUNS=5 bash test/bench/journey_refresh.sh
#
# Builds and installs cxm (test/prepare.sh) and works in a throwaway cluster (pg_virtualenv -t,
# shared_buffers=1GB, work_mem=256MB), or, with CXM_BENCH_SERVER=1, in the server that
# PGHOST/PGPORT name (in a database of its own, dropped at the start and, unless KEEP=1, the end).
# Data: the events of test/bench/clickhouse_journeys.sh: ROWS touchpoints of CUSTOMERS customers
# (loaded 2025-02-01) and 1% new ones at random customers (loaded 2025-02-02), whose times overlap
# the end of the old ones, so some journeys get steps before their last one. The journeys of the
# old events are stored with the customer as primary key, once per fillfactor.
# Refresh: the new events (through an index on the load time) grouped per customer with
# journey_agg and merged into the stored journeys with ||; each timing is rolled back (a
# subtransaction) and the table vacuumed before the next. Rebuild (like with like): CREATE TABLE
# AS over all events with the same fillfactor, then its primary key. Checked before timing:
# every refresh leaves the table equal to the rebuild.
# Each timed statement follows a CHECKPOINT, as a refresh run every hour or so follows one: the
# first change of a page after a checkpoint writes the whole page to the WAL (full_page_writes),
# so a refresh that touches most pages writes about the table's size of WAL, and whichever
# statement ran first after a checkpoint would pay that alone. WAL bytes and full pages are
# printed. Timing: server-side, clock_timestamp() around the statements, RUNS rounds after a warm-up
# round, all variants interleaved, medians; one process (no parallel workers); the JIT setting
# and the machine's load are printed. Target: the documented recipe (fillfactor 90, ON CONFLICT)
# refreshes in at most 0.1x the rebuild. Two more rows split the refresh: the recipe's upsert from
# new journeys aggregated beforehand, and the same upsert keeping each stored journey as it is,
# the floor that PostgreSQL's row-by-row upsert (lookups, locks, row versions, WAL) sets on any
# merge; the verdict prints that floor and cxm's share (aggregating, merging) as ratios.
set -euo pipefail
ROWS=${ROWS:-3000000}
CUSTOMERS=${CUSTOMERS:-300000}
RUNS=${RUNS:-5}
[[ $ROWS =~ ^[1-9][0-9]*$ && $CUSTOMERS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] \
    || { echo "usage: ROWS=n CUSTOMERS=n RUNS=n bash test/bench/journey_refresh.sh" >&2; exit 2; }
export ROWS CUSTOMERS RUNS
cd "$(dirname "$0")/../.."
if [ -z "${CXM_BENCH_SERVER:-}" ]; then
    . test/prepare.sh
    exec pg_virtualenv -t -v "$PG_MAJOR" -o shared_buffers=1GB -o work_mem=256MB env CXM_BENCH_SERVER=1 bash "$0"
fi
echo "== $ROWS touchpoints of $CUSTOMERS customers, 1% new events, $RUNS rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v customers="$CUSTOMERS" -v runs="$RUNS" <<'SQL'
\pset footer off
SET client_min_messages = warning;
DROP DATABASE IF EXISTS cxm_bench_refresh;
RESET client_min_messages;
CREATE DATABASE cxm_bench_refresh;
\c cxm_bench_refresh
SET TimeZone = 'UTC';
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION cxm;
CREATE TABLE events AS
    SELECT abs(hashint8(i)) % :customers AS customer_id,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i + 1000000007)) % 6] AS channel,
           (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 2000000011)) % 4] AS action,
           timestamptz '2025-01-01 00:00:00+00' + (abs(hashint8(-i)) % 1000000) * interval '1 second' AS at,
           timestamptz '2025-02-01 00:00:00+00' AS loaded_at
    FROM generate_series(1::bigint, :rows) AS i;
INSERT INTO events
    SELECT abs(hashint8(i * 7919)) % :customers,
           (ARRAY['web', 'email', 'app', 'search', 'social', 'store'])[1 + abs(hashint8(i + 1000000007)) % 6],
           (ARRAY['view', 'click', 'open', NULL])[1 + abs(hashint8(i + 2000000011)) % 4],
           timestamptz '2025-01-01 00:00:00+00' + (900000 + abs(hashint8(-i)) % 150000) * interval '1 second',
           timestamptz '2025-02-02 00:00:00+00'
    FROM generate_series(:rows + 1::bigint, :rows + :rows / 100) AS i;
CREATE INDEX ON events (loaded_at);
VACUUM ANALYZE events;

-- the stored journeys of the old events, with fillfactor ff
CREATE FUNCTION build_journeys(ff int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS journeys_%s', ff);
    EXECUTE format('CREATE TABLE journeys_%s WITH (fillfactor = %s) AS
        SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j
        FROM events WHERE loaded_at <= %L GROUP BY customer_id', ff, ff, '2025-02-01');
    EXECUTE format('ALTER TABLE journeys_%s ADD PRIMARY KEY (customer_id)', ff);
    EXECUTE format('ALTER TABLE journeys_%s ALTER j SET NOT NULL', ff);
END $$;
DO $$ BEGIN PERFORM build_journeys(100); PERFORM build_journeys(90); PERFORM build_journeys(80); END $$;
VACUUM ANALYZE journeys_100, journeys_90, journeys_80;

CREATE TABLE method (id int, ff int, name text, q text);
INSERT INTO method VALUES
(1, 100, 'INSERT ... ON CONFLICT DO UPDATE', $q$
INSERT INTO journeys_100 AS js (customer_id, j)
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) FROM events
WHERE loaded_at > '2025-02-01' GROUP BY customer_id
ON CONFLICT (customer_id) DO UPDATE SET j = js.j || excluded.j$q$),
(2, 90, 'INSERT ... ON CONFLICT DO UPDATE', $q$
INSERT INTO journeys_90 AS js (customer_id, j)
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) FROM events
WHERE loaded_at > '2025-02-01' GROUP BY customer_id
ON CONFLICT (customer_id) DO UPDATE SET j = js.j || excluded.j$q$),
(3, 90, 'UPDATE ... FROM, then INSERT the new customers', $q$
WITH n AS (SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM events
           WHERE loaded_at > '2025-02-01' GROUP BY customer_id),
     u AS (UPDATE journeys_90 js SET j = js.j || n.j FROM n WHERE js.customer_id = n.customer_id
           RETURNING js.customer_id)
INSERT INTO journeys_90 SELECT n.customer_id, n.j FROM n
WHERE NOT EXISTS (SELECT FROM u WHERE u.customer_id = n.customer_id)$q$);
INSERT INTO method VALUES (5, 80, 'INSERT ... ON CONFLICT DO UPDATE', $q$
INSERT INTO journeys_80 AS js (customer_id, j)
SELECT customer_id, journey_agg(touchpoint(channel, action, at)) FROM events
WHERE loaded_at > '2025-02-01' GROUP BY customer_id
ON CONFLICT (customer_id) DO UPDATE SET j = js.j || excluded.j$q$);
INSERT INTO method SELECT 4, 90, 'MERGE', $q$
MERGE INTO journeys_90 js
USING (SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM events
       WHERE loaded_at > '2025-02-01' GROUP BY customer_id) n ON js.customer_id = n.customer_id
WHEN MATCHED THEN UPDATE SET j = js.j || n.j
WHEN NOT MATCHED THEN INSERT VALUES (n.customer_id, n.j)$q$
WHERE current_setting('server_version_num')::int >= 150000;
-- what PostgreSQL's upsert costs without cxm: the new journeys aggregated beforehand (newj), then
-- the recipe's statement with ||, and the same statement keeping each stored journey as it is
-- (the floor of any merge: the row lookups, locks, new row versions and their WAL)
CREATE TABLE newj AS SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j FROM events
WHERE loaded_at > '2025-02-01' GROUP BY customer_id;
VACUUM ANALYZE newj;
INSERT INTO method VALUES
(6, 90, 'the same from journeys aggregated beforehand', $q$
INSERT INTO journeys_90 AS js (customer_id, j) SELECT customer_id, j FROM newj
ON CONFLICT (customer_id) DO UPDATE SET j = js.j || excluded.j$q$),
(7, 90, 'floor: that upsert keeping each stored journey', $q$
INSERT INTO journeys_90 AS js (customer_id, j) SELECT customer_id, j FROM newj
ON CONFLICT (customer_id) DO UPDATE SET j = js.j$q$);

-- each refresh leaves the table equal to the rebuild
CREATE TABLE rebuilt AS SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j
FROM events GROUP BY customer_id;
DO $$
DECLARE
    m record;
    differ bigint;
BEGIN
    FOR m IN SELECT * FROM method WHERE id <> 7 ORDER BY id LOOP
        BEGIN
            EXECUTE m.q;
            EXECUTE format('SELECT count(*) FROM journeys_%s r FULL JOIN rebuilt b USING (customer_id)
                            WHERE r.j IS DISTINCT FROM b.j', m.ff) INTO differ;
            RAISE NOTICE 'fillfactor %, %: % journeys differ from the rebuild', m.ff, m.name, differ;
            IF differ <> 0 THEN
                RAISE EXCEPTION 'refresh differs from the rebuild';
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'undo';
        EXCEPTION WHEN raise_exception THEN
            IF SQLERRM <> 'undo' THEN RAISE; END IF;
        END;
    END LOOP;
END $$;
DROP TABLE rebuilt;
SELECT (SELECT count(DISTINCT customer_id) FROM events WHERE loaded_at > '2025-02-01') AS "journeys with new events",
       (SELECT count(*) FROM journeys_100) AS journeys;

-- the milliseconds of q (rolled back when undo) and the functions JIT compiled
CREATE FUNCTION exec_ms(q text, undo boolean, OUT ms float8, OUT jit int, OUT wal_bytes float8,
                        OUT wal_fpi float8) LANGUAGE plpgsql AS $$
DECLARE
    plan jsonb;
    lsn pg_lsn := pg_current_wal_insert_lsn();
BEGIN
    BEGIN
        EXECUTE 'EXPLAIN (ANALYZE, WAL, TIMING OFF, FORMAT JSON) ' || q INTO plan;
        wal_bytes := pg_current_wal_insert_lsn() - lsn;
        ms := (plan->0->>'Execution Time')::float8;
        jit := coalesce(plan->0->'JIT'->>'Functions', '0')::int;
        wal_fpi := (plan->0->'Plan'->>'WAL FPI')::float8;
        IF undo THEN
            RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'undo';
        END IF;
    EXCEPTION WHEN raise_exception THEN
        IF SQLERRM <> 'undo' THEN RAISE; END IF;
    END;
END $$;
-- the rebuild with fillfactor ff: CREATE TABLE AS (its execution time) plus the primary key
CREATE FUNCTION rebuild_ms(ff int, OUT ms float8, OUT jit int, OUT wal_bytes float8, OUT wal_fpi float8)
LANGUAGE plpgsql AS $$
DECLARE
    t timestamptz;
    lsn pg_lsn;
BEGIN
    SELECT * INTO ms, jit, wal_bytes, wal_fpi FROM exec_ms(format('CREATE TABLE rebuilt WITH (fillfactor = %s) AS
        SELECT customer_id, journey_agg(touchpoint(channel, action, at)) AS j
        FROM events GROUP BY customer_id', ff), false);
    t := clock_timestamp();
    lsn := pg_current_wal_insert_lsn();
    ALTER TABLE rebuilt ADD PRIMARY KEY (customer_id);
    ms := ms + extract(epoch FROM clock_timestamp() - t) * 1000;
    wal_bytes := wal_bytes + (pg_current_wal_insert_lsn() - lsn);
    DROP TABLE rebuilt;
END $$;
CREATE TABLE timing (id int, run int, ms float8, jit int, wal_bytes float8, wal_fpi float8);
SQL

# one statement per round and variant, so that each refresh is vacuumed away before the next
for run in $(seq 0 "$RUNS"); do
    for ff in 100 90 80; do
        for id in $(psql -X -At -d cxm_bench_refresh -c "SELECT id FROM method WHERE ff = $ff ORDER BY id"); do
            psql -X -q -v ON_ERROR_STOP=1 -d cxm_bench_refresh -c "CHECKPOINT" -c "SET max_parallel_workers_per_gather = 0" \
                -c "INSERT INTO timing SELECT $id, $run, e.* FROM method, exec_ms(q, true) e WHERE id = $id"
            psql -X -q -v ON_ERROR_STOP=1 -d cxm_bench_refresh -c "VACUUM journeys_$ff"
        done
        psql -X -q -v ON_ERROR_STOP=1 -d cxm_bench_refresh -c "CHECKPOINT" -c "SET max_parallel_workers_per_gather = 0" \
            -c "INSERT INTO timing SELECT -$ff, $run, e.* FROM rebuild_ms($ff) e"
    done
done

psql -X -q -v ON_ERROR_STOP=1 -d cxm_bench_refresh <<'SQL'
\pset footer off
DELETE FROM timing WHERE run = 0;  -- the warm-up round
CREATE VIEW median AS
SELECT id, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms, max(jit) AS jit,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY wal_bytes) AS wal_bytes,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY wal_fpi) AS wal_fpi
FROM timing GROUP BY id;
SELECT current_setting('server_version') AS postgresql, current_setting('jit') AS jit,
       current_setting('jit_above_cost') AS jit_above_cost, current_setting('shared_buffers') AS shared_buffers,
       current_setting('work_mem') AS work_mem;
\echo 'median ms; ratio: refresh / rebuild with the same fillfactor'
SELECT ff AS fillfactor, name AS "refresh", round(r.ms::numeric, 1) AS ms, round(b.ms::numeric, 1) AS "rebuild ms",
       r.jit AS "JIT functions", round((r.wal_bytes / 1e6)::numeric, 1) AS "WAL MB", r.wal_fpi AS "full pages",
       round((b.wal_bytes / 1e6)::numeric, 1) AS "rebuild WAL MB", to_char(r.ms / b.ms, 'FM0.000') || 'x' AS ratio,
       CASE WHEN r.ms / b.ms <= 0.1 THEN 'met' ELSE 'missed' END AS "<= 0.1x"
FROM method JOIN median r USING (id) JOIN median b ON b.id = -method.ff
ORDER BY ff DESC, method.id;
\echo 'target: the documented recipe (fillfactor 90, INSERT ... ON CONFLICT DO UPDATE) <= 0.1x the rebuild'
SELECT to_char(r.ms / b.ms, 'FM0.000') || 'x' AS ratio,
       CASE WHEN r.ms / b.ms <= 0.1 THEN 'met'
            ELSE 'missed: ' || round(r.ms::numeric, 1) || ' ms against ' || round(0.1 * b.ms::numeric, 1) || ' ms allowed' END AS verdict,
       to_char(f.ms / b.ms, 'FM0.000') || 'x' AS "floor: PostgreSQL's upsert alone",
       to_char((r.ms - p.ms) / b.ms, 'FM0.000') || 'x' AS "aggregating the new events",
       to_char((p.ms - f.ms) / b.ms, 'FM0.000') || 'x' AS "merging with ||"
FROM median r, median b, median f, median p WHERE r.id = 2 AND b.id = -90 AND f.id = 7 AND p.id = 6;
\echo 'floor: the upsert of the precomputed new journeys that keeps each stored one (SET j = js.j); the recipe'
\echo 'cannot be faster than that, whatever the merge costs; the two columns after it are the part cxm adds'
SELECT pg_size_pretty(pg_relation_size('journeys_100')) AS "table, fillfactor 100",
       pg_size_pretty(pg_relation_size('journeys_90')) AS "fillfactor 90",
       pg_size_pretty(pg_relation_size('journeys_80')) AS "fillfactor 80";
\echo 'the share of updates that were HOT (no index entry written), per table'
SELECT relname AS "table", round(n_tup_hot_upd::numeric / nullif(n_tup_upd, 0), 3) AS "HOT share"
FROM pg_stat_user_tables WHERE relname LIKE 'journeys%' ORDER BY relname;
SQL
[ -n "${KEEP:-}" ] || psql -X -q -c "DROP DATABASE cxm_bench_refresh"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
