# test/prepare.sh: sourced by the quick-start commands (demo/run.sh, test/run.sh). Installs what
# a fresh Debian machine lacks (PostgreSQL server and headers, pg_virtualenv, a C toolchain),
# then builds cxm from clean with warnings as errors and installs it into that server.
#
# Environment: PG_MAJOR (default 15) picks the server; PG_CONFIG overrides its pg_config.
set -euo pipefail
# a UTF-8 cluster and messages whatever the caller's locale (C.UTF-8 exists on every Debian)
export LC_ALL=C.UTF-8 LANG=C.UTF-8

PG_MAJOR=${PG_MAJOR:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}
export PG_MAJOR PG_CONFIG

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
[ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ] || missing+=("postgresql-$PG_MAJOR")
[ -f "/usr/lib/postgresql/$PG_MAJOR/lib/pgxs/src/makefiles/pgxs.mk" ] || missing+=("postgresql-server-dev-$PG_MAJOR")
command -v pg_virtualenv >/dev/null || missing+=(postgresql-common)
command -v make >/dev/null || missing+=(make)
command -v gcc >/dev/null || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== building cxm against $("$PG_CONFIG" --version) (warnings are errors)"
make -s clean PG_CONFIG="$PG_CONFIG"
make -s PG_CONFIG="$PG_CONFIG"
$SUDO make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
