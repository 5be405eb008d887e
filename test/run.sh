#!/usr/bin/env bash
# test/run.sh: the test command. Builds and installs cxm, starts a throwaway cluster, runs the
# pg_regress suite and every test in test/cases/, and ends with "N passed, N failed".
# Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/prepare.sh
# the suite's closing count is repeated last, after pg_virtualenv's own "Dropping cluster" line
summary=$(mktemp /tmp/cxm-summary.XXXXXX)
chmod 666 "$summary"
status=0
CXM_SUMMARY_FILE=$summary pg_virtualenv -t -v "$PG_MAJOR" bash test/suite.sh || status=$?
if [ -s "$summary" ]; then tail -n 1 "$summary"; else echo "0 passed, 1 failed (the suite did not finish)"; status=1; fi
rm -f "$summary"
exit $status
