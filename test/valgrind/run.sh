#!/usr/bin/env bash
# test/valgrind/run.sh: runs the regression suite (every pg_regress file in sql/) against a
# server running under valgrind memcheck, and fails when valgrind reports any error in a
# backend that ran cxm code. Slow (10-20 minutes on 2 cores), so not part of test/run.sh:
#
#   bash test/valgrind/run.sh            (installs valgrind when missing)
#
# Builds and installs cxm like the test command (test/prepare.sh), creates a throwaway cluster
# in a temporary directory, starts postgres under valgrind (every backend and parallel worker
# is a fork of it, so all are checked), runs `make installcheck`, stops the server and reads
# the valgrind logs. An error whose stack or origin names cxm.so fails the run; errors of
# PostgreSQL and glibc themselves that valgrind is known to report on a server built without
# USE_VALGRIND (uninitialised padding bytes of WAL records written to disk, word-sized reads in
# the dynamic loader) are counted and printed; any other error fails the run too.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/prepare.sh
command -v valgrind >/dev/null || {
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
}
BINDIR=$("$PG_CONFIG" --bindir)
PORT=${VALGRIND_PORT:-5433}
W=$(mktemp -d /tmp/cxm-valgrind.XXXXXX)
RUN=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$W"; RUN=(runuser -u postgres --); fi
export PGHOST=$W PGPORT=$PORT PGUSER=postgres

"${RUN[@]}" "$BINDIR/initdb" -D "$W/data" -A trust -U postgres >/dev/null
echo "== starting PostgreSQL under valgrind (logs in $W)"
"${RUN[@]}" valgrind --quiet --tool=memcheck --trace-children=no --track-origins=yes \
    --num-callers=40 --error-limit=no --leak-check=no \
    --gen-suppressions=all \
    --log-file="$W/valgrind.%p.log" \
    "$BINDIR/postgres" -D "$W/data" -p "$PORT" -k "$W" -c listen_addresses= \
    -c max_worker_processes=8 -c max_parallel_workers=4 -c jit=off >"$W/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
    "$BINDIR/pg_isready" -q -h "$W" -p "$PORT" && break
    sleep 1
done
"$BINDIR/pg_isready" -q -h "$W" -p "$PORT" || { echo "server did not start"; cat "$W/server.log"; exit 1; }

status=0
echo "== make installcheck under valgrind"
if ! make -s installcheck PG_CONFIG="$PG_CONFIG"; then
    # under valgrind, statements run 20-50 times slower; the one test that bounds its time with
    # statement_timeout (linear-time pattern matching) may be cancelled. Any other difference
    # fails the run.
    if grep -E '^\+[^+]' regression.diffs | grep -qv '^+ERROR:  canceling statement due to statement timeout$'; then
        status=1
    else
        echo "(only statement_timeout cancellations differ: expected under valgrind)"
    fi
fi
"${RUN[@]}" "$BINDIR/pg_ctl" -D "$W/data" -m fast -w -t 600 stop >/dev/null || true
wait "$SERVER" || true

# valgrind logs: one per process, error blocks separated by "==pid== " lines
python3 - "$W" <<'PY' || status=1
import glob, re, sys
w = sys.argv[1]
procs, in_cxm, known, unknown = 0, 0, {}, 0
# errors of PostgreSQL and glibc themselves, with no cxm frame or origin: a server built without
# USE_VALGRIND writes uninitialised padding bytes of WAL records and stats files, glibc's
# dynamic loader reads whole words past the end of short strings, and shared-invalidation
# messages carry bytes PostgreSQL never set
KNOWN = [("uninitialised bytes written to WAL or stats files by PostgreSQL",
          r"Syscall param (write|pwrite64)\(buf\) points to uninitialised"),
         ("word reads of glibc's dynamic loader", r"Invalid read of size \d+\n.*\n?.*(dl-load|dl-open|is_dst|_dl_)"),
         ("PostgreSQL's regular-expression cache shifting its entries (memmove, seen as memcpy_chk)",
          r"Source and destination overlap in memcpy_chk[\s\S]*RE_compile_and_cache"),
         # seen once in four runs, timing-dependent: a backend applying another's cache
         # invalidation looks up the message's relation in a hash whose key bytes come from a
         # stack-built message in PostgreSQL's inval.c (no cxm frame, origin in PostgreSQL)
         ("PostgreSQL's shared-invalidation messages read with uninitialised bytes",
          r"smgrclosenode[\s\S]*ReceiveSharedInvalidMessages[\s\S]*created by a stack allocation[\s\S]*CacheInvalidate")]
for path in sorted(glob.glob(w + "/valgrind.*.log")):
    procs += 1
    text = open(path, errors="replace").read()
    text = re.sub(r"^\{\n.*?^\}\n", "", text, flags=re.S | re.M)   # generated suppressions
    for block in re.split(r"\n==\d+== \n", text):
        if not re.search(r"==\d+== (Invalid|Conditional|Use of|Syscall param|Mismatched|Source and destination|Argument|Jump)", block):
            continue
        if "cxm.so" in block:
            in_cxm += 1
            print("valgrind error involving cxm (" + path + "):\n" + block + "\n")
            continue
        for label, pattern in KNOWN:
            if re.search(pattern, block):
                known[label] = known.get(label, 0) + 1
                break
        else:
            unknown += 1
            print("valgrind error outside cxm, not a known one (" + path + "):\n" + block + "\n")
print(f"valgrind: {procs} server processes checked; {in_cxm} errors involving cxm code; "
      f"{unknown} other unknown errors")
for label, n in known.items():
    print(f"  ignored, not cxm: {n} x {label}")
sys.exit(1 if in_cxm or unknown else 0)
PY
if [ $status -eq 0 ]; then echo "valgrind run clean"; rm -rf "$W"; else echo "valgrind run FAILED (logs kept in $W)"; fi
exit $status
