#!/usr/bin/env bash
# test/cases/docs.sh: the documentation's examples are tests. Runs every ```sql block of
# README.md and docs/*.md in order, one fresh database per file, and compares each with the
# output block shown right after it (test/docs/check_examples.py says how). Fails on an error
# or a difference, naming the file and line of the block. Without arguments it then checks that
# README.md's function table names every function, aggregate and type of the installed extension
# and nothing else (test/docs/check_reference.py). First it checks both checkers on small files
# with known faults: a wrong output, an error, an output block after a blank line; a function
# left out of the table, an unknown one, a broken link.
set -euo pipefail
cd "$(dirname "$0")/../.."
checker=test/docs/check_examples.py
reference=test/docs/check_reference.py

if [ $# -eq 0 ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cat >"$tmp/faults.md" <<'MD'
```sql
CREATE TABLE numbers AS SELECT 1 AS one;
SELECT one FROM numbers;
```
```
 one
-----
   2
```

```sql
SELECT no_such_column FROM numbers;
```

<!-- doc-test: skip a reason -->
```sql
SELECT 1/0;
```

```sql
SELECT one FROM numbers;
```

```
 one
-----
   1
```
MD
    status=0
    out=$(python3 "$checker" "$tmp/faults.md") || status=$?
    expect() {
        grep -qF -- "$1" <<<"$out" || { echo "FAIL: the checker did not report: $1"; echo "$out"; exit 1; }
    }
    [ "$status" -eq 1 ] || { echo "FAIL: the checker exited with $status on faulty examples, not 1"; echo "$out"; exit 1; }
    expect "FAIL $tmp/faults.md:1: the output differs"
    expect "+   1"
    expect "FAIL $tmp/faults.md:11: psql exited with 3"
    expect "$tmp/faults.md:12: ERROR:  column \"no_such_column\" does not exist"
    expect "skip $tmp/faults.md:16: a reason"
    expect "FAIL $tmp/faults.md:20: the output block at line 24 is separated"
    expect "0 with the output shown matching, 0 run (no output shown), 1 skipped, 3 failed"
    echo "the checker finds the faults of a faulty example file"

    # the reference check on a table with a function left out, one that does not exist, a link
    # to a heading that is not there, and a support table without most support functions
    cat >"$tmp/README.md" <<'MD'
## SQL reference

| name | kind | what it does |
|---|---|---|
| [`nps_agg(score)`](types.md#support-functions) | aggregate | NPS |
| [`no_such_function(x)`](types.md#no-such-heading) | function | nothing |
MD
    cat >"$tmp/types.md" <<'MD'
## Support functions

| type | support functions |
|---|---|
| `touchpoint` | `touchpoint_in`, `touchpoint_nothing` |
MD
    status=0
    out=$(python3 "$reference" "$tmp/README.md" "$tmp/types.md") || status=$?
    [ "$status" -eq 1 ] || { echo "FAIL: the reference check exited with $status on a faulty table, not 1"; echo "$out"; exit 1; }
    expect "FAIL csat_agg is installed but not in the table of $tmp/README.md"
    expect "FAIL $tmp/README.md:6: no_such_function is in the table but cxm installs nothing of that name"
    expect "FAIL $tmp/README.md:6: the link types.md#no-such-heading leads to no heading of"
    expect "FAIL $tmp/types.md:5: touchpoint_nothing is in the support functions but cxm installs nothing of that name"
    expect "FAIL nps_summary_eq is installed but named neither in the table of $tmp/README.md nor in the support functions of $tmp/types.md"
    if grep -q "touchpoint_in is installed" <<<"$out" || grep -q "FAIL nps_agg" <<<"$out"; then
        echo "FAIL: the reference check reported a name that is documented"; echo "$out"; exit 1
    fi
    echo "the reference check finds the faults of a faulty function table"

    status=0
    python3 "$checker" || status=$?
    python3 "$reference" || status=1
    exit $status
fi

exec python3 "$checker" "$@"
