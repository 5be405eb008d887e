# test/prepare.sh: sourced by the quick-start commands (demo/run.sh, test/run.sh). Installs what
# a fresh Debian machine lacks (PostgreSQL server and headers, pg_virtualenv, a C toolchain),
# then builds cxm from clean with warnings as errors and installs it into that server.
#
# Environment: PG_MAJOR (default 15) picks the server; PG_CONFIG overrides its pg_config.
set -euo pipefail
# a UTF-8 cluster and messages whatever the caller's locale (C.UTF-8 exists on every Debian)
export LC_ALL=C.UTF-8 LANG=C.UTF-8

PG_MAJOR=${PG_MAJOR:-15}
DEBIAN_PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
PG_CONFIG=${PG_CONFIG:-$DEBIAN_PG_CONFIG}
export PG_MAJOR PG_CONFIG

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Each package is detected by a file that only it ships (test/cases/prepare_packages.sh checks
# that with dpkg -S): PGXS's makefile is no proof of the headers, postgresql-client ships it too.
# A PG_CONFIG of another installation brings its own server and headers.
CXM_PACKAGE_FILES=(
    "postgresql-common=/usr/bin/pg_virtualenv"
    "make=/usr/bin/make"
    "gcc=/usr/bin/gcc"
)
if [ "$PG_CONFIG" = "$DEBIAN_PG_CONFIG" ]; then
    CXM_PACKAGE_FILES+=(
        "postgresql-$PG_MAJOR=/usr/lib/postgresql/$PG_MAJOR/bin/postgres"
        "postgresql-client-$PG_MAJOR=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
        "postgresql-server-dev-$PG_MAJOR=/usr/include/postgresql/$PG_MAJOR/server/postgres.h"
    )
fi
missing=()
for entry in "${CXM_PACKAGE_FILES[@]}"; do
    [ -e "${entry#*=}" ] || missing+=("${entry%%=*}")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== building cxm against $("$PG_CONFIG" --version) (warnings are errors)"
make -s clean PG_CONFIG="$PG_CONFIG"
make -s PG_CONFIG="$PG_CONFIG"
$SUDO make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
