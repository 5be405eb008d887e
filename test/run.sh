#!/usr/bin/env bash
# test/run.sh: the test command. Builds and installs cxm, starts a throwaway cluster, runs the
# pg_regress suite and every test in test/cases/, and ends with "N passed, N failed".
# Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/prepare.sh
exec pg_virtualenv -t -v "$PG_MAJOR" bash test/suite.sh
