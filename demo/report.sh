#!/usr/bin/env bash
# demo/report.sh: the visual report of the sample shop. Builds and installs cxm like the demo,
# loads the sample shop (CUSTOMERS customers, default 100000) in a throwaway cluster, runs the
# queries of demo/report.sql (each chart's rows straight from cxm's functions, as JSON) and writes
# one self-contained report.html (OUT, default ./report.html) that opens offline: Apache ECharts,
# from the npm registry, is inlined (installed into demo/build/, which is not committed; nodejs
# and npm are installed from Debian when missing).
#
#   bash demo/report.sh                 CUSTOMERS=5000 OUT=/tmp/r.html bash demo/report.sh
#
# With CXM_REPORT_SERVER=1 it uses the server that PGHOST/PGPORT name (where cxm is installed)
# instead of a throwaway cluster, in a database of its own that it drops again.
set -euo pipefail
cd "$(dirname "$0")/.."
export CUSTOMERS=${CUSTOMERS:-100000}
OUT=${OUT:-$PWD/report.html}
build=${REPORT_BUILD:-$PWD/demo/build}
echarts_version=6.1.0
mkdir -p "$build"

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then echo "demo/report.sh needs npm (Debian: apt-get install nodejs npm)" >&2; exit 1; fi
    echo "== installing nodejs and npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null
fi
echarts="$build/node_modules/echarts/dist/echarts.min.js"
if [ ! -f "$echarts" ] || ! grep -q "\"version\": \"$echarts_version\"" "$build/node_modules/echarts/package.json"; then
    echo "== installing Apache ECharts $echarts_version from the npm registry into $build"
    npm install --prefix "$build" --no-audit --no-fund --silent "echarts@$echarts_version" >/dev/null
fi

json=$(mktemp /tmp/cxm-report.XXXXXX.json)
chmod 666 "$json"
trap 'rm -f "$json"' EXIT
queries='
    set -e
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION cxm"
    echo "== loading the sample shop ($CUSTOMERS customers)"
    psql -X -q -v ON_ERROR_STOP=1 -v customers="$CUSTOMERS" -f demo/sample_data.sql >/dev/null
    echo "== running the report queries"
    psql -X -q -At -v ON_ERROR_STOP=1 -f demo/report.sql > "$REPORT_JSON"
'
export REPORT_JSON=$json
if [ -n "${CXM_REPORT_SERVER:-}" ]; then
    db=cxm_report_$$
    createdb "$db"
    PGDATABASE=$db bash -c "$queries" || { dropdb "$db"; exit 1; }
    dropdb "$db"
else
    . test/prepare.sh
    pg_virtualenv -t -v "$PG_MAJOR" bash -c "$queries"
fi
python3 demo/report_html.py "$json" "$echarts" "$OUT"
echo "== report: $OUT"
