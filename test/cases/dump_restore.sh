#!/usr/bin/env bash
# test/cases/dump_restore.sh: a table with a touchpoint column (and an index on it) and a value of
# every stored cxm type survive pg_dump / pg_restore in custom format byte for byte, in text and
# in binary COPY form.
set -euo pipefail
src=cxm_dump_src
dst=cxm_dump_dst
work=$(mktemp -d)
drop_databases() { dropdb --if-exists "$src"; dropdb --if-exists "$dst"; }
trap 'drop_databases; rm -rf "$work"' EXIT
drop_databases
createdb "$src"; createdb "$dst"

psql -X -q -d "$src" -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION cxm;
SET TimeZone = 'America/New_York';
CREATE TABLE visits (id int PRIMARY KEY, tp touchpoint, note text);
INSERT INTO visits
SELECT i, touchpoint((ARRAY['web','email','store','Paid Search (Brand)','app','ü-channel'])[1 + i % 6],
                     CASE WHEN i % 4 = 0 THEN NULL ELSE 'act' || (i % 3) END,
                     timestamptz '2025-03-30 01:59:59.999999+00' + i * interval '37 minutes 0.000123 seconds'),
       'row ' || i
FROM generate_series(1, 2000) AS i;
INSERT INTO visits VALUES (0, NULL, 'null touchpoint'),
  (-1, 'a@4714-11-24 00:00:00+00 BC', 'earliest'), (-2, 'a@294276-12-31 23:59:59.999999+00', 'latest');
CREATE INDEX visits_tp ON visits (tp);
CREATE VIEW visit_channels AS SELECT id, channel(tp), action(tp), occurred_at(tp) FROM visits;
-- a value of every stored cxm type (summaries, journeys, states, models)
CREATE TABLE everything AS
SELECT (SELECT journey_agg(tp) FROM visits WHERE id BETWEEN 1 AND 40) AS j,
       (SELECT nps_summary(id % 11) FROM visits WHERE id > 0) AS nps,
       (SELECT nps_summary(id % 11, 0.1 * (id % 7)) FROM visits WHERE id > 0) AS weighted_nps,
       (SELECT csat_summary(1 + id % 7, 7) FROM visits WHERE id > 0) AS csat,
       (SELECT ces_summary(1 + id % 5, 5, 1.25) FROM visits WHERE id > 0) AS ces,
       (SELECT activity_periods(occurred_at(tp), '2025-03-01', '1 week', '2025-06-01', 'Europe/Paris') FROM visits WHERE id > 0) AS activity,
       (SELECT activity_summary(a) FROM (SELECT activity_periods(occurred_at(tp), '2025-03-01', '1 day', '2025-04-01') AS a
                                         FROM visits WHERE id > 0 GROUP BY id % 17) s) AS activity_summary,
       (SELECT transition_counts(j, 'channel/action', true) FROM (SELECT journey_agg(tp) AS j FROM visits GROUP BY id % 9) s) AS transitions,
       (SELECT rfm_state(occurred_at(tp), id, '2025-06-01', '1 day', '1 week') FROM visits WHERE id > 0) AS rfm,
       (SELECT driver_summary(id % 11, ARRAY[id % 7, sqrt(id)], ARRAY['delivery', 'price']) FROM visits WHERE id > 0) AS drivers,
       '{"version": 1, "r": 0.25, "alpha": 4, "a": 0.75, "b": 2.5}'::bgnbd_model AS model;
SQL

snapshot() {
    PGOPTIONS="-c TimeZone=UTC -c DateStyle=ISO" psql -X -q -At -d "$1" -v ON_ERROR_STOP=1 -c \
      "SELECT md5(string_agg(id || '|' || coalesce(tp::text, 'NULL') || '|' || coalesce(encode(touchpoint_send(tp), 'hex'), 'NULL'), ',' ORDER BY id)) FROM visits" \
      -c "SELECT md5(string_agg(v::text, ',' ORDER BY id)) FROM visit_channels v" \
      -c "SELECT md5(e::text) FROM everything e"
}

# dump taken with other DateStyle/TimeZone settings than the restore
PGOPTIONS="-c DateStyle=SQL,DMY -c TimeZone=Asia/Tokyo" pg_dump -Fc -d "$src" -f "$work/cxm.dump"
pg_restore -d "$dst" "$work/cxm.dump"

before=$(snapshot "$src")
after=$(snapshot "$dst")
if [ "$before" != "$after" ]; then
    echo "dump/restore changed data:"; echo "$before"; echo "$after"; exit 1
fi
# the restored index is structurally sound (amcheck: order and heap entries) and answers lookups
psql -X -q -d "$dst" -v ON_ERROR_STOP=1 -c "CREATE EXTENSION amcheck" \
     -c "SELECT bt_index_check('visits_tp', true)" >/dev/null \
  || { echo "restored touchpoint index fails amcheck"; exit 1; }
found=$(psql -X -q -At -d "$dst" -v ON_ERROR_STOP=1 -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" \
        -c "SELECT id FROM visits WHERE tp = (SELECT tp FROM visits WHERE id = 77)")
plan=$(psql -X -q -At -d "$dst" -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" \
        -c "EXPLAIN (COSTS OFF) SELECT id FROM visits WHERE tp = 'web@2000-01-01 00:00:00+00'")
[ "$found" = "77" ] && grep -q visits_tp <<<"$plan" || { echo "index lookup after restore: '$found' via $plan"; exit 1; }

# a binary COPY out of one database and into another gives the same values
psql -X -q -d "$src" -c "\\copy visits TO '$work/visits.bin' WITH (FORMAT binary)"
psql -X -q -d "$dst" -v ON_ERROR_STOP=1 -c "TRUNCATE visits" -c "\\copy visits FROM '$work/visits.bin' WITH (FORMAT binary)"
after_copy=$(snapshot "$dst")
[ "$before" = "$after_copy" ] || { echo "binary COPY changed data"; exit 1; }
echo "dump/restore and binary COPY: identical"
