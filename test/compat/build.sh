#!/usr/bin/env bash
# test/compat/build.sh: compiles cxm, with warnings as errors, against the server headers of
# other PostgreSQL majors than the one installed: 13 (Debian 11 "bullseye") and 17 (Debian 13
# "trixie"), the oldest and newest majors cxm supports. Nothing is installed: the headers and
# PGXS makefiles are unpacked from Debian's postgresql-server-dev-N and postgresql-client-N
# packages into a temporary directory and read through a small pg_config stand-in. Needs the
# Debian package mirror (deb.debian.org); not part of test/run.sh.
#
#   bash test/compat/build.sh [MAJOR...]      (default: 13 17)
#
# It checks the C code's version guards (server API changes between 13 and 17) in a minute;
# test/compat/run.sh runs the whole test command on those servers, in Debian chroots (their
# binaries need another Debian release's libraries). PostgreSQL 14 and 16 are in no Debian
# release this mirror carries.
set -euo pipefail
cd "$(dirname "$0")/../.."
MAJORS=("$@")
[ ${#MAJORS[@]} -gt 0 ] || MAJORS=(13 17)
W=$(mktemp -d /tmp/cxm-compat.XXXXXX)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/lists" "$W/cache/archives/partial"
cat >"$W/sources.list" <<LIST
deb [trusted=yes] http://deb.debian.org/debian bullseye main
deb [trusted=yes] http://deb.debian.org/debian trixie main
LIST
APT=(-o Dir::Etc::SourceList="$W/sources.list" -o Dir::Etc::SourceParts=/dev/null
     -o Dir::State::Lists="$W/lists" -o Dir::Cache="$W/cache" -o APT::Sandbox::User=root)
apt-get "${APT[@]}" update -qq
git ls-files -z | tar --null -T - -cf "$W/src.tar"
status=0
for v in "${MAJORS[@]}"; do
    root="$W/pg$v"
    mkdir -p "$root" && (cd "$W" && apt-get "${APT[@]}" download -qq "postgresql-server-dev-$v" "postgresql-client-$v")
    for deb in "$W"/postgresql-*-"$v"_*.deb; do dpkg-deb -x "$deb" "$root"; done
    cat >"$root/pg_config" <<CFG
#!/bin/sh
case "\$1" in
    --pgxs) echo "$root/usr/lib/postgresql/$v/lib/pgxs/src/makefiles/pgxs.mk" ;;
    --includedir-server) echo "$root/usr/include/postgresql/$v/server" ;;
    --includedir|--pkgincludedir) echo "$root/usr/include/postgresql" ;;
    --libdir|--pkglibdir) echo "$root/usr/lib/postgresql/$v/lib" ;;
    --sharedir) echo "$root/usr/share/postgresql/$v" ;;
    --bindir) echo "$root/usr/lib/postgresql/$v/bin" ;;
    --version) echo "PostgreSQL $v (headers only)" ;;
    *) echo "$root/none" ;;
esac
CFG
    chmod +x "$root/pg_config"
    mkdir -p "$W/build$v" && tar -xf "$W/src.tar" -C "$W/build$v"
    # with_llvm=no: the bitcode for JIT inlining needs that release's clang, not the C check
    if make -s -C "$W/build$v" with_llvm=no PG_CONFIG="$root/pg_config" >"$W/build$v.log" 2>&1 \
        && [ -f "$W/build$v/cxm.so" ]; then
        echo "PostgreSQL $v ($(basename "$W"/postgresql-server-dev-"$v"_*.deb .deb)): builds, no warnings"
    else
        echo "PostgreSQL $v: build FAILED"; cat "$W/build$v.log"; status=1
    fi
done
exit $status
