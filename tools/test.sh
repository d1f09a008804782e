#!/usr/bin/env bash
# Builds spikec and runs every test (lit, doctest, end-to-end, RTL) under ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/build.sh"
build="${SPIKEC_BUILD_DIR:-$root/build}"
cd "$build"
ctest --output-on-failure -j"$(nproc)"
