#!/usr/bin/env bash
# Installs what is needed, builds everything and runs every test through CTest: first the
# normal build (all layers), then core and CLI again under AddressSanitizer and
# UndefinedBehaviorSanitizer. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh

cmake --preset default
cmake --build --preset default
ctest --preset default

cmake --preset asan
cmake --build --preset asan
ctest --preset asan
