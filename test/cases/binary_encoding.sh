#!/usr/bin/env bash
# test/cases/binary_encoding.sh: binary forms carry their labels in the client encoding, as
# text's binary form does. A value of every type that holds labels, with a label 'café', is
# copied in binary form (COPY ... FORMAT binary through a file) from a UTF8 database into a
# LATIN1 one and back, and reads 'café' in each; a label the target encoding lacks is 22P05.
set -euo pipefail
utf8=cxm_enc_utf8
latin1=cxm_enc_latin1
work=$(mktemp -d)
drop_databases() { dropdb --if-exists "$utf8"; dropdb --if-exists "$latin1"; }
trap 'drop_databases; rm -rf "$work"' EXIT
drop_databases
createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C "$utf8"
createdb -T template0 -E LATIN1 --lc-collate=C --lc-ctype=C "$latin1"
export PGCLIENTENCODING=UTF8 PGOPTIONS="${PGOPTIONS:-} -c TimeZone=UTC -c DateStyle=ISO"

columns="tp touchpoint, j journey, ps journey_path_state, f funnel_state, t transition_summary,
         m markov_model, s shapley_model"
for db in "$utf8" "$latin1"; do
    psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c "CREATE EXTENSION cxm" -c "CREATE TABLE v ($columns)"
done

# the values, built in the UTF8 database
psql -X -q -d "$utf8" -v ON_ERROR_STOP=1 <<'SQL'
CREATE TEMP TABLE steps AS
SELECT c, n, touchpoint(c, 'vu', '2025-01-01 00:00:00+00'::timestamptz + n * interval '1 hour') AS tp, n % 2 = 0 AS converted
FROM (VALUES ('café', 1), ('web', 2), ('café', 3), ('été', 4)) v(c, n);
CREATE AGGREGATE pg_temp.path_state(touchpoint) (SFUNC = journey_path_trans, STYPE = journey_path_state);
CREATE AGGREGATE pg_temp.funnel_state(touchpoint, text[], interval) (SFUNC = funnel_agg_trans, STYPE = funnel_state);
INSERT INTO v
SELECT (SELECT tp FROM steps LIMIT 1), journey_agg(tp), pg_temp.path_state(tp),
       pg_temp.funnel_state(tp, '{café,web}', '1 day'),
       (SELECT transition_counts(j) FROM (SELECT journey_agg(tp) AS j FROM steps) x),
       (SELECT markov_attribution(j, c) FROM (SELECT journey_agg(tp) AS j, bool_or(converted) AS c FROM steps GROUP BY n % 2) x),
       (SELECT shapley_attribution(j, c) FROM (SELECT journey_agg(tp) AS j, bool_or(converted) AS c FROM steps GROUP BY n % 2) x)
FROM steps;
SQL

show() { psql -X -At -d "$1" -c "SELECT tp, j, ps, f, t, m, s FROM v" ; }
status=0
show "$utf8" > "$work/utf8.txt"
grep -q 'café' "$work/utf8.txt" || { echo "FAILED: the values have no label café"; status=1; }

# UTF8 -> LATIN1 -> UTF8, in binary form through files
psql -X -q -d "$utf8" -v ON_ERROR_STOP=1 -c "\copy v TO '$work/v.bin' (FORMAT binary)"
psql -X -q -d "$latin1" -v ON_ERROR_STOP=1 -c "\copy v FROM '$work/v.bin' (FORMAT binary)"
show "$latin1" > "$work/latin1.txt"
psql -X -q -d "$latin1" -v ON_ERROR_STOP=1 -c "\copy v TO '$work/back.bin' (FORMAT binary)"
psql -X -q -d "$utf8" -v ON_ERROR_STOP=1 -c "TRUNCATE v" -c "\copy v FROM '$work/back.bin' (FORMAT binary)"
show "$utf8" > "$work/back.txt"
for f in latin1 back; do
    if ! cmp -s "$work/utf8.txt" "$work/$f.txt"; then
        echo "FAILED: the values read differently after the binary copy ($f):"
        diff "$work/utf8.txt" "$work/$f.txt" || true
        status=1
    fi
done
[ $status -ne 0 ] || echo "values with label café equal in UTF8, in LATIN1 and back: 7 types"

# the LATIN1 database holds them in LATIN1: a client in LATIN1 sees the one byte 0xE9
latin1_bytes=$(PGCLIENTENCODING=LATIN1 psql -X -At -d "$latin1" -c "SELECT m::text FROM v LIMIT 1" | grep -c $'caf\xe9' || true)
[ "$latin1_bytes" -ge 1 ] || { echo "FAILED: the markov_model label is not café in LATIN1"; status=1; }

# a label LATIN1 cannot hold ('€') does not become other characters: 22P05 (untranslatable)
psql -X -q -d "$utf8" -v ON_ERROR_STOP=1 -c "TRUNCATE v" \
    -c "INSERT INTO v (t) SELECT transition_counts(j) FROM (SELECT journey_agg(touchpoint(c, t)) AS j FROM (VALUES ('€uro', '2025-01-01 00:00:00+00'::timestamptz), ('web', '2025-01-02 00:00:00+00')) x(c, t)) y" \
    -c "\copy v TO '$work/euro.bin' (FORMAT binary)"
if out=$(psql -X -q -d "$latin1" -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
        -c "\copy v FROM '$work/euro.bin' (FORMAT binary)" 2>&1); then
    echo "FAILED: a label LATIN1 cannot hold was copied: $out"; status=1
else
    echo "$out" | grep -q "22P05\|22021\|has no equivalent" || { echo "FAILED: unexpected error: $out"; status=1; }
fi
exit $status
