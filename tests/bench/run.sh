#!/usr/bin/env bash
# Builds the release preset and runs every benchmark. Prints one line per measurement;
# copy the figures, with the date and the machine, into docs/benchmarks.md.
#   tests/bench/run.sh [ITEMS]     (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${1:-1000000}

cmake --preset release >/dev/null
cmake --build --preset release --target pixmark_store_bench >/dev/null
bench=build-release/tests/bench/pixmark_store_bench

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); date: $(date -u +%F)"
"$bench" insert "$items" "$work/bench.pixmark"
ls -l "$work/bench.pixmark" | awk '{printf "project file bytes=%s\n", $5}'
cat "$work/bench.pixmark" > /dev/null # warm page cache, as after the first open
for run in 1 2 3 4 5; do "$bench" open "$work/bench.pixmark"; done
