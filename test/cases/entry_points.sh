#!/usr/bin/env bash
# test/cases/entry_points.sh: every C function that an install or update script names
# (AS 'MODULE_PATHNAME', 'symbol') is exported by the installed library, and its name appears
# in src/ as written, so a reader finds the C of any SQL function with one grep (entry points
# that a macro generates are listed in a comment where the macro is used).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
lib="$("$PG_CONFIG" --pkglibdir)/cxm.so"
scripts=$(ls "$("$PG_CONFIG" --sharedir)"/extension/cxm--*.sql)
symbols=$(grep -ho "'MODULE_PATHNAME', *'[A-Za-z0-9_]*'" $scripts | sed -E "s/.*, *'([^']*)'/\1/" | sort -u)
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort -u)
missing_lib=0 missing_src=0 n=0
for s in $symbols; do
    n=$((n + 1))
    grep -qx "$s" <<<"$exported" || { echo "FAIL: $s is not exported by $lib"; missing_lib=$((missing_lib + 1)); }
    grep -rqw --include='*.c' --include='*.h' "$s" src || { echo "FAIL: $s is not written out anywhere in src/"; missing_src=$((missing_src + 1)); }
done
echo "entry points: $n named by the scripts, $missing_lib not exported, $missing_src not found by name in src/"
[ "$n" -gt 300 ] && [ "$missing_lib" -eq 0 ] && [ "$missing_src" -eq 0 ]
