# test/citus_cluster.sh: sourced by test/cases/citus.sh, test/bench/citus.sh and test/bench/citus_scale.sh (from the project
# root, with Citus installed). Starts a throwaway Citus cluster: a coordinator and two workers
# on free loopback ports, in a temporary directory (as the postgres user when run as root),
# with cxm created on every node; stops it and removes its files on exit. Defines
# q NODE [psql arguments] (NODE: coordinator, worker1, worker2).
PG_CONFIG=${PG_CONFIG:-pg_config}
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

