#!/usr/bin/env bash
# test/suite.sh: runs inside a throwaway cluster (pg_virtualenv sets PGHOST, PGPORT, PGUSER...):
# the pg_regress files (sql/*.sql against expected/*.out), then each test/cases/*.sh, counting
# one result per regression file and per case script.
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=${PG_CONFIG:-pg_config}

passed=0
failed=0
failures=()

echo "== pg_regress"
regress_log=$(mktemp)
make -s installcheck PG_CONFIG="$PG_CONFIG" >"$regress_log" 2>&1
cat "$regress_log"
# PG <= 15 prints "test NAME ... ok|FAILED"; PG >= 16 prints TAP ("ok N - NAME", "not ok N - NAME")
while read -r name; do passed=$((passed + 1)); done < <(
    sed -nE 's/^test +([^ ]+) +\.\.\. ok.*/\1/p; s/^ok +[0-9]+ +[-+] +([^ ]+).*/\1/p' "$regress_log")
while read -r name; do failed=$((failed + 1)); failures+=("regress/$name"); done < <(
    sed -nE 's/^test +([^ ]+) +\.\.\. FAILED.*/\1/p; s/^not ok +[0-9]+ +[-+] +([^ ]+).*/\1/p' "$regress_log")
if [ $((passed + failed)) -eq 0 ]; then
    failed=$((failed + 1)); failures+=("pg_regress did not run")
fi
if [ -f regression.diffs ] && [ -s regression.diffs ]; then
    echo "== regression.diffs"; cat regression.diffs
fi

# the cases drop what they may have left behind; "does not exist, skipping" is noise
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
for t in test/cases/*.sh; do
    echo "== $t"
    if bash "$t"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); failures+=("$t")
        echo "FAILED: $t"
    fi
done

if [ ${#failures[@]} -gt 0 ]; then printf 'failed: %s\n' "${failures[@]}"; fi
echo "$passed passed, $failed failed" | tee -a "${CXM_SUMMARY_FILE:-/dev/null}"
[ "$failed" -eq 0 ]
