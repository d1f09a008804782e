#!/usr/bin/env bash
# The sanitized build: everything (the suite and the libFuzzer harnesses)
# compiled by Debian's clang-19 with AddressSanitizer and
# UndefinedBehaviorSanitizer in its own directory, build-san/.
#
#   tools/sanitize.sh build [TARGET...]  configure, build TARGETs (default all)
#   tools/sanitize.sh test               build all, run the whole suite in it
#                                        (lit, doctest, RTL, fuzz/*)
#
# Any ASan or UBSan report aborts the program that made it, so it fails its
# test. Coverage instrumentation (fuzzer-no-link) is everywhere, so the
# harnesses (tools/fuzz.sh) link against the same libraries.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SPIKEC_SAN_DIR:-$root/build-san}"
jobs="${SPIKEC_JOBS:-$(nproc)}"
cmd="${1:-test}"
[ $# -gt 0 ] && shift

configure() {
  bash "$root/tools/install-deps.sh" # clang-19, libclang-rt-19-dev
  local san="-fsanitize=address,undefined -fno-sanitize=function"
  san+=" -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  # -O1 keeps the build quick and the reports readable. NDEBUG as Debian's
  # LLVM and MLIR were built: their headers change class layouts with it
  # (llvm::Statistic), and a mismatch reads garbage from libMLIR's objects.
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_CXX_FLAGS="$san -fsanitize=fuzzer-no-link" \
    -DCMAKE_C_FLAGS="$san -fsanitize=fuzzer-no-link" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" -DCMAKE_SHARED_LINKER_FLAGS="$san" \
    -DSPIKEC_FUZZ=ON >/dev/null
}

# Reports abort at once and say where; leaks are checked at exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

case "$cmd" in
build)
  configure
  ninja -C "$build" -j"$jobs" "$@"
  ;;
test)
  configure
  ninja -C "$build" -j"$jobs"
  cd "$build"
  ctest --output-on-failure -j"$jobs" "$@"
  ;;
*) echo "usage: tools/sanitize.sh build [TARGET...] | test [CTEST ARGS]" >&2; exit 2 ;;
esac
