#!/usr/bin/env bash
# test/compat/run.sh: runs cxm's whole test command (test/run.sh) on other PostgreSQL majors than
# the machine's own: 13 in a Debian 11 "bullseye" chroot and 17 in a Debian 13 "trixie" chroot,
# the oldest and newest majors cxm supports, with Debian's own server packages. Not part of
# test/run.sh.
#
#   bash test/compat/run.sh [MAJOR...]      (default: 13 17)
#
# For each major it builds (once) a minimal chroot with debootstrap from deb.debian.org, cached
# under $CXM_COMPAT_DIR (default /var/tmp/cxm-compat; delete a release's directory there to start
# from scratch), installs the server, its headers, a C toolchain, psycopg2 and node/npm in it,
# copies the current working tree (tracked and new files, with uncommitted changes) to
# /srv/cxm inside, and runs `PG_MAJOR=N bash test/run.sh` there. Prints each major's closing
# "N passed, N failed" line and exits non-zero when any major failed; the full output of a major
# is in $CXM_COMPAT_DIR/<release>.run.log.
#
# Needs: root (chroot, mounts), debootstrap (installed from the mirror when missing), the Debian
# mirror deb.debian.org and the npm registry (clients.sh installs node-postgres), about 2 GB per
# release. The throwaway clusters listen on localhost port 5400 + MAJOR (CXM_COMPAT_PORT_BASE,
# default 5400), so they do not collide with clusters of the host. The chroot shares the host's
# network, resolv.conf, the certificate authorities in /usr/local/share/ca-certificates (an HTTPS
# proxy's) and /dev; /proc, /sys, /dev (with /dev/pts and /dev/shm) are mounted into it while a
# major runs and unmounted afterwards.
# PostgreSQL 14 and 16 are in no Debian release this mirror carries; test/compat/build.sh only
# compiles against the 13 and 17 headers (quicker, no chroot).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "test/compat/run.sh: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
MAJORS=("$@")
[ ${#MAJORS[@]} -gt 0 ] || MAJORS=(13 17)
DIR=${CXM_COMPAT_DIR:-/var/tmp/cxm-compat}
PORT_BASE=${CXM_COMPAT_PORT_BASE:-5400}
MIRROR=http://deb.debian.org/debian
mkdir -p "$DIR"

release_of() {
    case "$1" in
        13) echo bullseye ;;
        17) echo trixie ;;
        *) echo "test/compat/run.sh: no Debian release on the mirror carries PostgreSQL $1 (13 and 17 do)" >&2; return 1 ;;
    esac
}

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    mounted=()
}
trap unmount_all EXIT
mount_into() {   # mount_into ROOT: what PostgreSQL and apt need inside the chroot
    local root=$1
    mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounted+=("$root/proc"); }
    mountpoint -q "$root/sys" || { mount -t sysfs sysfs "$root/sys"; mounted+=("$root/sys"); }
    # /dev with its submounts (/dev/pts, /dev/shm for PostgreSQL's dynamic shared memory)
    mountpoint -q "$root/dev" || { mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounted+=("$root/dev"); }
}
in_root() {   # in_root ROOT COMMAND...: a clean environment inside the chroot
    local root=$1; shift
    chroot "$root" /usr/bin/env -i HOME=/root LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=dumb \
        NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
}

prepare_root() {   # prepare_root MAJOR RELEASE ROOT: debootstrap and packages, once
    local v=$1 rel=$2 root=$3
    if [ ! -f "$root/.cxm-debootstrap-done" ]; then
        command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
        echo "== $rel: debootstrap into $root"
        [ ! -e "$root" ] || { echo "test/compat/run.sh: $root exists but is unfinished; remove it (nothing may be mounted under it)" >&2; return 1; }
        debootstrap --variant=minbase "$rel" "$root" "$MIRROR" >"$DIR/$rel.debootstrap.log" 2>&1 \
            || { tail -n 20 "$DIR/$rel.debootstrap.log"; return 1; }
        touch "$root/.cxm-debootstrap-done"
    fi
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    # certificate authorities the host trusts locally (an HTTPS proxy's, for the npm registry)
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
        [ ! -x "$root/usr/sbin/update-ca-certificates" ] || in_root "$root" update-ca-certificates >/dev/null 2>&1
    fi
    if [ ! -f "$root/.cxm-packages-done" ]; then
        echo "== $rel: installing PostgreSQL $v, headers, toolchain, psycopg2, node and npm"
        cat >"$root/etc/apt/sources.list" <<LIST
deb $MIRROR $rel main
deb $MIRROR $rel-updates main
LIST
        # no service starts inside the chroot, and no "main" cluster: the tests make their own
        printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"; chmod +x "$root/usr/sbin/policy-rc.d"
        mount_into "$root"
        in_root "$root" apt-get update -qq
        in_root "$root" apt-get install -y -qq --no-install-recommends postgresql-common >"$DIR/$rel.apt.log" 2>&1 || { tail -n 20 "$DIR/$rel.apt.log"; return 1; }
        sed -i 's/^#\? *create_main_cluster.*/create_main_cluster = false/' "$root/etc/postgresql-common/createcluster.conf"
        in_root "$root" apt-get install -y -qq --no-install-recommends "postgresql-$v" "postgresql-server-dev-$v" gcc make \
            python3-psycopg2 nodejs npm ca-certificates >>"$DIR/$rel.apt.log" 2>&1 || { tail -n 20 "$DIR/$rel.apt.log"; return 1; }
        in_root "$root" update-ca-certificates >/dev/null 2>&1
        touch "$root/.cxm-packages-done"
    fi
}

status=0
results=()
for v in "${MAJORS[@]}"; do
    rel=$(release_of "$v") || { status=1; results+=("PostgreSQL $v: not available"); continue; }
    root="$DIR/$rel"
    if ! prepare_root "$v" "$rel" "$root"; then
        status=1; results+=("PostgreSQL $v ($rel): chroot setup FAILED"); unmount_all; continue
    fi
    mount_into "$root"
    rm -rf "$root/srv/cxm" && mkdir -p "$root/srv/cxm"
    # tracked and new (untracked, not ignored) files as they are in the working tree
    git ls-files -z --cached --others --exclude-standard | sort -zu \
        | while IFS= read -r -d '' f; do [ ! -e "$f" ] || printf '%s\0' "$f"; done \
        | tar --null -T - -cf - | tar -xf - -C "$root/srv/cxm"
    version=$(in_root "$root" "/usr/lib/postgresql/$v/bin/postgres" --version)
    echo "== $version in $rel: test/run.sh (log: $DIR/$rel.run.log)"
    rc=0
    in_root "$root" PGPORT=$((PORT_BASE + v)) bash -c "cd /srv/cxm && PG_MAJOR=$v bash test/run.sh" \
        >"$DIR/$rel.run.log" 2>&1 || rc=$?
    unmount_all
    summary=$(tail -n 1 "$DIR/$rel.run.log")
    if [ "$rc" -ne 0 ]; then
        status=1
        grep -E '^(failed:|FAILED|not ok|test .*FAILED)' "$DIR/$rel.run.log" || tail -n 30 "$DIR/$rel.run.log"
    fi
    results+=("$version ($rel): $summary")
done
printf '%s\n' "${results[@]}"
exit $status
