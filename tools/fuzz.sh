#!/usr/bin/env bash
# libFuzzer harnesses for spikec's readers (tests/fuzz), built with Debian's
# clang-19 under ASan and UBSan in their own build directory.
#
#   tools/fuzz.sh build           configure and build every harness
#   tools/fuzz.sh test            build, then each harness for SPIKEC_FUZZ_RUNS
#                                 inputs from its corpus (ctest -L-less: fuzz/*)
#   tools/fuzz.sh run H [ARGS]    one harness on its corpus, libFuzzer's ARGS
#                                 (e.g. -max_total_time=600); new inputs go to
#                                 $SPIKEC_FUZZ_DIR/new-H
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SPIKEC_FUZZ_DIR:-$root/build-fuzz}"
jobs="${SPIKEC_JOBS:-$(nproc)}"
cmd="${1:-test}"

configure_and_build() {
  bash "$root/tools/install-deps.sh" # clang-19, libclang-rt-19-dev
  local san="-fsanitize=address,undefined -fno-sanitize=function"
  san+=" -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  # Coverage instrumentation everywhere (fuzzer-no-link), the fuzzer's main
  # only in the harnesses; -O1 keeps the sanitized build quick.
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_CXX_FLAGS="$san -fsanitize=fuzzer-no-link" \
    -DCMAKE_C_FLAGS="$san -fsanitize=fuzzer-no-link" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" -DCMAKE_SHARED_LINKER_FLAGS="$san" \
    -DSPIKEC_FUZZ=ON >/dev/null
  ninja -C "$build" -j"$jobs" spikec-fuzzers
}

case "$cmd" in
build) configure_and_build ;;
test)
  configure_and_build
  cd "$build"
  ctest --output-on-failure -j"$jobs" -R '^fuzz/'
  ;;
run)
  h="${2:?say which harness: image target spikes json_import nir netx mlir}"
  shift 2
  mkdir -p "$build/tests/fuzz/new-$h"
  dict=()
  [ -f "$root/tests/fuzz/dict/$h.dict" ] && dict=(-dict="$root/tests/fuzz/dict/$h.dict")
  exec "$build/bin/fuzz-$h" "${dict[@]}" -max_len=65536 -timeout=30 "$@" \
    "$build/tests/fuzz/new-$h" "$root/tests/fuzz/corpus/$h"
  ;;
*) echo "usage: tools/fuzz.sh build|test|run HARNESS [libFuzzer args]" >&2; exit 2 ;;
esac
