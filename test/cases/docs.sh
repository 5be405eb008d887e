#!/usr/bin/env bash
# test/cases/docs.sh: the documentation's examples are tests. Runs every ```sql block of
# README.md and docs/*.md in order, one fresh database per file, and compares each with the
# output block shown right after it (test/docs/check_examples.py says how). Fails on an error
# or a difference, naming the file and line of the block. First it checks the checker on a
# small file with known faults: a wrong output, an error, an output block after a blank line.
set -euo pipefail
cd "$(dirname "$0")/../.."
checker=test/docs/check_examples.py

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
fi

exec python3 "$checker" "$@"
