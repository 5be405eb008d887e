#!/usr/bin/env bash
# test/cases/clients.sh: cxm through real client drivers, as BI tools use it: psycopg2 (Debian's
# python3-psycopg2) and node-postgres (npm `pg`) write and read every cxm type in text form,
# move a table of every type through binary COPY (send/recv) and back, read a touchpoint in
# binary result format, and run headline aggregates whose results arrive as plain numbers/text.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if ! /usr/bin/python3 -c "import psycopg2" 2>/dev/null; then
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-psycopg2 >/dev/null
fi
db=cxm_clients_test
dropdb --if-exists "$db"; createdb "$db"
work=$(mktemp -d)
trap 'dropdb --if-exists "$db"; rm -rf "$work"' EXIT

psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION cxm;
SET TimeZone = 'UTC';
CREATE TABLE answers AS
SELECT s AS score FROM (VALUES (10, 25), (9, 25), (8, 15), (7, 15), (6, 12), (3, 5), (0, 3)) v(s, k), generate_series(1, k);
CREATE TABLE everything AS
SELECT 'email/open@2025-03-01 10:00:00.25+00'::touchpoint AS tp,
       (SELECT journey_agg(touchpoint(c, a, t)) FROM (VALUES ('web', 'view', '2025-01-01 10:00+00'::timestamptz),
               ('email', NULL, '2025-01-02 11:00+00')) v(c, a, t)) AS j,
       (SELECT nps_summary(score) FROM answers) AS nps,
       (SELECT csat_summary(x, 5, 1.5) FROM (VALUES (5), (2)) v(x)) AS csat,
       (SELECT ces_summary(x) FROM (VALUES (2), (3)) v(x)) AS ces,
       (SELECT activity_periods(t, '2025-01-01', '1 month', '2025-06-01') FROM (VALUES ('2025-02-03'::timestamptz)) v(t)) AS activity,
       (SELECT transition_counts(j) FROM (SELECT '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}'::journey AS j) s) AS transitions,
       (SELECT driver_summary(score, ARRAY[score % 3, sqrt(score)]) FROM answers) AS drivers,
       '{"version": 1, "r": 0.25, "alpha": 4, "a": 0.75, "b": 2.5}'::bgnbd_model AS model;
SQL

/usr/bin/python3 - "$db" <<'PY'
import io, os, sys, psycopg2
conn = psycopg2.connect(dbname=sys.argv[1])
conn.autocommit = True
cur = conn.cursor()
cur.execute("SET TimeZone = 'America/New_York'")
# text in, text out: a parameter bound as text becomes the type, and prints canonically
cur.execute("SELECT %s::touchpoint::text", ("web/view@2025-03-01 05:00:00-05",))
assert cur.fetchone()[0] == "web/view@2025-03-01 10:00:00+00"
# headline results arrive as Python numbers and strings, no casts
cur.execute("SELECT nps_agg(score), csat_agg(score % 5 + 1), ces_agg(score % 7 + 1) FROM answers")
nps, csat, ces = cur.fetchone()
assert nps == 30.0 and isinstance(nps, float), nps
assert isinstance(csat, float) and isinstance(ces, float)
cur.execute("SELECT journey_path(touchpoint(c, t)) FROM (VALUES ('a', now()), ('b', now() + interval '1 s')) v(c, t)")
assert cur.fetchone()[0] == "a > b"
# every type: text round trip through the driver
cols = ["tp", "j", "nps", "csat", "ces", "activity", "transitions", "model"]
cur.execute("SELECT %s FROM everything" % ", ".join(c + "::text" for c in cols))
texts = cur.fetchone()
types = {}
for c in cols:
    cur.execute("SELECT pg_typeof(%s)::text FROM everything" % c)
    types[c] = cur.fetchone()[0]
for c, t in zip(cols, texts):
    cur.execute("SELECT (%%s::%s)::text = %%s" % types[c], (t, t))
    assert cur.fetchone()[0], c
# binary COPY out and into a copy of the table (every send and recv), then compare
buf = io.BytesIO()
cur.copy_expert("COPY everything TO STDOUT (FORMAT binary)", buf)
cur.execute("CREATE TABLE everything_copy (LIKE everything)")
buf.seek(0)
cur.copy_expert("COPY everything_copy FROM STDIN (FORMAT binary)", buf)
cur.execute("SELECT %s FROM everything_copy" % ", ".join(c + "::text" for c in cols))
assert cur.fetchone() == texts
print("psycopg2: text, headline aggregates and binary COPY of every type: ok")
PY

# node-postgres, from the npm registry
mkdir -p "$work/node" && cd "$work/node"
npm init -y >/dev/null 2>&1
# node-postgres from 8.16.1 on needs Node.js 16; 8.16.0 is the newest for an older Node (Debian 11
# has Node.js 12)
pg_pkg=pg@8
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 16 ] || pg_pkg=pg@8.16.0
npm install --silent --no-audit --no-fund "$pg_pkg" >npm.log 2>&1 || { cat npm.log; echo "npm install $pg_pkg failed"; exit 1; }
cat > check.js <<'JS'
const { Client } = require('pg');
(async () => {
  const client = new Client({ database: process.argv[2] });
  await client.connect();
  await client.query("SET TimeZone = 'UTC'");
  let r = await client.query("SELECT nps_agg(score) AS nps FROM answers");
  if (r.rows[0].nps !== 30) throw new Error('nps ' + r.rows[0].nps);
  r = await client.query("SELECT $1::touchpoint::text AS tp", ['app/open@2025-03-01 10:00:00+02']);
  if (r.rows[0].tp !== 'app/open@2025-03-01 08:00:00+00') throw new Error('tp ' + r.rows[0].tp);
  // binary result format: the bytes of touchpoint_send
  // binary result format needs the extended protocol (a parameter); keep the raw bytes
  r = await client.query({ text: 'SELECT tp, touchpoint_send(tp) AS bytes FROM everything WHERE $1::int = 1',
                           values: [1], binary: true, types: { getTypeParser: () => (v) => v } });
  const hex = Buffer.from(r.rows[0].tp).toString('hex');
  const expected = Buffer.from(r.rows[0].bytes).toString('hex');
  if (hex !== expected || !hex.startsWith('01')) throw new Error('binary ' + hex + ' vs ' + expected);
  r = await client.query("SELECT r.* FROM (SELECT activity_summary(activity) s FROM everything) x, retention_table(x.s) r ORDER BY period LIMIT 1");
  if (r.rows.length !== 1 || typeof r.rows[0].rate !== 'number') throw new Error('retention');
  await client.end();
  console.log('node-postgres: text, numbers and binary results: ok');
})().catch(e => { console.error(e); process.exit(1); });
JS
node check.js "$db"
