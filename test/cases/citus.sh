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
. test/citus_cluster.sh

start=$(date +%s)
out=$(q coordinator -f test/cases/citus.sql)
echo "$out"
echo "citus: $(($(date +%s) - start)) s"
case "$out" in *", 0 failed") ;; *) exit 1 ;; esac
