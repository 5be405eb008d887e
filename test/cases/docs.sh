#!/usr/bin/env bash
# test/cases/docs.sh: the documentation's examples are tests. Runs every ```sql block of
# README.md and docs/*.md in order, one fresh database per file, and compares each with the
# output block shown right after it (test/docs/check_examples.py says how). Fails on an error
# or a difference, naming the file and line of the block.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 test/docs/check_examples.py "$@"
