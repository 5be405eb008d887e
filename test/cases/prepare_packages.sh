#!/usr/bin/env bash
# test/cases/prepare_packages.sh: every package test/prepare.sh may install is detected by a file
# that only that package ships, so a machine with a look-alike file (pgxs.mk comes with
# postgresql-client too) still gets the package it lacks.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v dpkg >/dev/null; then
    echo "skipped: dpkg not found"
    exit 0
fi
PG_MAJOR=${PG_MAJOR:-15}
# read the table from prepare.sh itself, with the Debian server selected
DEBIAN_PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
PG_CONFIG=$DEBIAN_PG_CONFIG
CXM_PACKAGE_FILES=()
eval "$(sed -n '/^CXM_PACKAGE_FILES=(/,/^fi$/p' test/prepare.sh)"
[ ${#CXM_PACKAGE_FILES[@]} -ge 6 ] || { echo "FAIL: read ${#CXM_PACKAGE_FILES[@]} entries from prepare.sh"; exit 1; }
bad=0
for entry in "${CXM_PACKAGE_FILES[@]}"; do
    pkg=${entry%%=*} file=${entry#*=}
    owners=$(dpkg -S "$file" 2>/dev/null | sed -E 's/: .*//; s/:[a-z0-9]+$//' | tr ',' '\n' | sed 's/^ *//' | sort -u | tr '\n' ' ')
    if [ "$owners" = "$pkg " ]; then
        echo "ok: $file is shipped by $pkg only"
    else
        echo "FAIL: $file is shipped by '${owners% }', expected $pkg only"
        bad=1
    fi
done
exit $bad
