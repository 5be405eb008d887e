#!/usr/bin/env bash
# test/cases/journey_restore.sh: a stored journey always reads back, whatever its length and the
# reading session's cxm.max_journey_steps (which guards building journeys, not reading them):
# a 150,000-step journey, built with the limit raised, survives pg_dump / pg_restore (custom
# format) and a plain SQL dump restored by sessions with the default limit (100,000); a
# 2,000,000-step journey reads back from its text form (more than a million array entries) and
# from binary COPY, again with the default limit.
set -euo pipefail
src=cxm_restore_src
dst=cxm_restore_dst
plain=cxm_restore_plain
work=$(mktemp -d)
drop_databases() { for d in "$src" "$dst" "$plain"; do dropdb --if-exists "$d"; done; }
trap 'drop_databases; rm -rf "$work"' EXIT
drop_databases
createdb "$src"; createdb "$dst"; createdb "$plain"

PGOPTIONS="${PGOPTIONS:-} -c cxm.max_journey_steps=2000000" psql -X -q -d "$src" -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION cxm;
CREATE TABLE journeys (id int PRIMARY KEY, j journey);
INSERT INTO journeys
SELECT 1, journey_agg(touchpoint((ARRAY['web','email','search','app'])[1 + i % 4],
                                 CASE WHEN i % 3 = 0 THEN 'view' END,
                                 timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second'))
FROM generate_series(1, 150000) AS i;
INSERT INTO journeys VALUES (2, '{"version": 1, "steps": ["web@2025-01-01 00:00:00+00"]}');
CREATE TABLE huge AS
SELECT journey_agg(touchpoint((ARRAY['web','email','search','app'])[1 + i % 4],
                              timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second')) AS j
FROM generate_series(1, 2000000) AS i;
SQL

snapshot() {
    psql -X -q -At -d "$1" -v ON_ERROR_STOP=1 \
      -c "SELECT string_agg(id || ':' || journey_length(j) || ':' || md5(j::text) || ':' || md5(journey_send(j)::text), ',' ORDER BY id) FROM journeys"
}
before=$(snapshot "$src")
grep -q "^1:150000:" <<<"$before" || { echo "the source journey is not as built: $before"; exit 1; }

# custom format, restored by a session with the default limit
pg_dump -Fc -d "$src" -T huge -f "$work/journeys.dump"
pg_restore -d "$dst" --exit-on-error "$work/journeys.dump" 2>"$work/restore.err" \
  || { echo "pg_restore failed:"; cat "$work/restore.err"; exit 1; }
after=$(snapshot "$dst")
[ "$before" = "$after" ] || { echo "pg_restore changed the journeys:"; echo "$before"; echo "$after"; exit 1; }

# plain SQL dump, run by psql with the default limit
pg_dump -Fp -d "$src" -T huge -f "$work/journeys.sql"
psql -X -q -d "$plain" -v ON_ERROR_STOP=1 -f "$work/journeys.sql" >/dev/null 2>"$work/plain.err" \
  || { echo "restoring the plain dump failed:"; cat "$work/plain.err"; exit 1; }
after=$(snapshot "$plain")
[ "$before" = "$after" ] || { echo "the plain dump changed the journeys:"; echo "$before"; echo "$after"; exit 1; }
echo "a 150,000-step journey: pg_dump/pg_restore and a plain dump restore it unchanged (limit 100,000)"

# 2,000,000 steps through the text form and binary COPY, with the default limit
check=$(psql -X -q -At -d "$src" -v ON_ERROR_STOP=1 \
  -c "SELECT journey_length(j), (j::text)::journey = j, journey_length((j::text)::journey) FROM huge")
[ "$check" = "2000000|t|2000000" ] || { echo "text round trip of 2,000,000 steps: $check"; exit 1; }
psql -X -q -d "$src" -v ON_ERROR_STOP=1 -c "\\copy huge TO '$work/huge.bin' WITH (FORMAT binary)" \
     -c "CREATE TABLE huge_back (LIKE huge)" -c "\\copy huge_back FROM '$work/huge.bin' WITH (FORMAT binary)"
check=$(psql -X -q -At -d "$src" -v ON_ERROR_STOP=1 -c "SELECT h.j = b.j FROM huge h, huge_back b")
[ "$check" = "t" ] || { echo "binary COPY of 2,000,000 steps changed the journey"; exit 1; }
echo "a 2,000,000-step journey reads back from its text form and from binary COPY (limit 100,000)"
