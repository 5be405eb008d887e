#!/usr/bin/env bash
# test/cases/citus.sh: every cxm aggregate runs distributed on a real Citus cluster. Starts its own
# throwaway cluster (a coordinator and two workers on loopback), distributes a sample dataset by
# customer_id (32 shards) beside an identical local copy, and for every aggregate overload found in
# the catalog (pg_aggregate joined to the extension's members) requires, grouped by a
# non-distribution column, not grouped, and grouped by the distribution column: the same text
# result as on the local copy, and a plan that aggregates on the workers (worker_partial_agg, or
# the aggregate pushed down whole) instead of pulling rows to the coordinator. Then the two-step
# pattern: per-customer summaries stored in a distributed table, rolled up by region.
# Prints "skipped: Citus not installed" and succeeds where citus.so is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
if [ ! -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ]; then
    echo "skipped: Citus not installed"
    exit 0
fi
bindir=$("$PG_CONFIG" --bindir)

# the server refuses to run as root: as root, the cluster belongs to postgres (as pg_virtualenv does)
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then as_owner() { runuser -u postgres -- "$@"; }; fi

work=$(mktemp -d /tmp/cxm-citus.XXXXXX)
chmod 755 "$work"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; fi
nodes=(coordinator worker1 worker2)
declare -A port
cleanup() {
    for n in "${nodes[@]}"; do
        if [ -f "$work/$n/postmaster.pid" ]; then
            as_owner "$bindir/pg_ctl" -D "$work/$n" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

# free loopback ports: nothing answers on them now
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
next=$((20000 + RANDOM % 20000))
for n in "${nodes[@]}"; do
    while ! port_free "$next" || ! port_free "$((next + 1))"; do next=$((next + 2)); done
    port[$n]=$next; next=$((next + 2))
done

for n in "${nodes[@]}"; do
    as_owner "$bindir/initdb" -D "$work/$n" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$work/$n/postgresql.conf" <<EOF
port = ${port[$n]}
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
shared_preload_libraries = 'citus'
max_connections = 100
fsync = off
full_page_writes = off
synchronous_commit = off
citus.node_conninfo = 'sslmode=disable'
TimeZone = 'UTC'
DateStyle = 'ISO, YMD'
EOF
    as_owner "$bindir/pg_ctl" -D "$work/$n" -l "$work/$n.log" -w start >/dev/null \
        || { cat "$work/$n.log"; exit 1; }
done

unset PGDATABASE PGSERVICE
export PGHOST=127.0.0.1 PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
q() { local n=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -p "${port[$n]}" -d postgres "$@"; }

for n in worker1 worker2; do q "$n" -c "CREATE EXTENSION citus"; done
q coordinator <<SQL
CREATE EXTENSION citus;
SELECT FROM citus_set_coordinator_host('127.0.0.1', ${port[coordinator]});
SELECT FROM citus_add_node('127.0.0.1', ${port[worker1]});
SELECT FROM citus_add_node('127.0.0.1', ${port[worker2]});
CREATE EXTENSION cxm;
SQL
# Citus propagates CREATE EXTENSION to the workers it knows
for n in worker1 worker2; do
    v=$(q "$n" -c "SELECT extversion FROM pg_extension WHERE extname = 'cxm'")
    if [ "$v" != "$(q coordinator -c "SELECT extversion FROM pg_extension WHERE extname = 'cxm'")" ]; then
        echo "FAILED: cxm is not on $n (version '$v')"; exit 1
    fi
done

start=$(date +%s)
out=$(q coordinator -f test/cases/citus.sql)
echo "$out"
echo "citus: $(($(date +%s) - start)) s"
case "$out" in *", 0 failed") ;; *) exit 1 ;; esac
