#!/usr/bin/env bash
# demo/run.sh: the demo command. Builds and installs cxm, starts a throwaway cluster, loads the
# sample shop (CUSTOMERS customers, default 100000), runs the headline queries, and drops the
# cluster again.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/prepare.sh
export CUSTOMERS=${CUSTOMERS:-100000}
exec pg_virtualenv -t -v "$PG_MAJOR" bash -c '
    set -e
    psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION cxm"
    echo "== loading the sample shop ($CUSTOMERS customers)"
    psql -X -q -v ON_ERROR_STOP=1 -v customers="$CUSTOMERS" -f demo/sample_data.sql
    psql -X -q -v ON_ERROR_STOP=1 -f demo/queries.sql
'
