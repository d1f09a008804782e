#!/usr/bin/env bash
# libFuzzer harnesses for spikec's readers (tests/fuzz), in the sanitized
# build directory (tools/sanitize.sh: clang-19, ASan, UBSan).
#
#   tools/fuzz.sh build           build every harness
#   tools/fuzz.sh test            build, then each harness for SPIKEC_FUZZ_RUNS
#                                 inputs from its corpus (the ctest fuzz/*)
#   tools/fuzz.sh run H [ARGS]    one harness on its corpus, libFuzzer's ARGS
#                                 (e.g. -runs=1000000); new inputs go to
#                                 build-san/tests/fuzz/new-H
#   tools/fuzz.sh campaign RUNS [SECONDS [HARNESS...]]
#                                 every harness (or those named) for RUNS
#                                 inputs or SECONDS (0: no limit), the file
#                                 harnesses nir and netx with libhdf5 in
#                                 process under fork mode (SPIKEC_FUZZ_FORKS
#                                 workers); prints docs/fuzzing.md's table
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SPIKEC_SAN_DIR:-$root/build-san}"
jobs="${SPIKEC_JOBS:-$(nproc)}"
cmd="${1:-test}"
harnesses="image target spikes json_import mlir nir_tree netx_tree nir netx"

run_harness() { # harness, then libFuzzer's arguments
  local h="$1"
  shift
  mkdir -p "$build/tests/fuzz/new-$h"
  local dict=()
  local words="${h%_tree}" # a tree harness uses its format's words
  [ -f "$root/tests/fuzz/dict/$words.dict" ] && dict=(-dict="$root/tests/fuzz/dict/$words.dict")
  "$build/bin/fuzz-$h" "${dict[@]}" -max_len=131072 -timeout=30 \
    -rss_limit_mb=4096 "$@" "$build/tests/fuzz/new-$h" \
    "$root/tests/fuzz/corpus/$h"
}

case "$cmd" in
build) bash "$root/tools/sanitize.sh" build spikec-fuzzers ;;
test)
  bash "$root/tools/sanitize.sh" build spikec-fuzzers
  cd "$build"
  ctest --output-on-failure -j"$jobs" -R '^fuzz/'
  ;;
run)
  h="${2:?say which harness: $harnesses}"
  shift 2
  run_harness "$h" "$@"
  ;;
campaign)
  runs="${2:-1000000}"
  seconds="${3:-0}"
  [ $# -gt 3 ] && harnesses="${*:4}"
  bash "$root/tools/sanitize.sh" build spikec-fuzzers
  logs="$build/tests/fuzz/campaign"
  mkdir -p "$logs"
  echo "| harness | executions | seconds | edges (cov) | features | findings in spikec | libhdf5 failures (contained) | not reproduced |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for h in $harnesses; do
    rm -f "$logs/$h-"* "$logs/$h.log"
    start=$(date +%s)
    status=0
    # A finding in an in-process harness stops it (no -ignore_crashes): it
    # is counted, and the run says so. The file harnesses run libhdf5 in
    # their own process (FileHarness.h), under fork mode: a worker that
    # libhdf5 crashes is restarted, and its input sorted below.
    mode=(SPIKEC_FUZZ_HDF5=)
    flags=(-runs="$runs" -max_total_time="$seconds" -seed=1 -print_final_stats=1)
    # libhdf5 sizes buffers from a corrupt file's fields (4 to 30 GB seen):
    # above 64 MB ASan's allocator fails them as a small machine would, and
    # libhdf5 reports the failure, rather than each costing a restart.
    case "$h" in nir | netx)
      mode=(SPIKEC_FUZZ_HDF5=in-process
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=64"
        LSAN_OPTIONS="suppressions=$root/tests/fuzz/hdf5-leaks.supp")
      # A file libhdf5 loops on ends its worker after 2 s, not 30: the
      # inputs take 10 to 80 ms under ASan, and these loops were half of
      # the campaign's time at 10 s.
      flags+=(-fork="${SPIKEC_FUZZ_FORKS:-$jobs}" -ignore_crashes=1 -timeout=2) ;;
    esac
    (export "${mode[@]}"
      run_harness "$h" "${flags[@]}" -artifact_prefix="$logs/$h-") \
      >"$logs/$h.log" 2>&1 || status=$?
    secs=$(($(date +%s) - start))
    # Fork mode's parent prints "#RUNS: cov: ..." as its jobs end.
    execs=$( (sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$h.log"
      sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$logs/$h.log") | sort -n | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$logs/$h.log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$logs/$h.log" | tail -1 | cut -d' ' -f2)
    # The HDF5 reader's child writes an artifact when ASan or libFuzzer's
    # memory limit stops it. Those whose innermost frame with a source line
    # or a library (not a sanitizer's interceptor) is libhdf5's are
    # libhdf5's own failures, which the parent reports as a corrupt file.
    # An artifact whose replay (on an idle machine, say) reports nothing is
    # counted apart: a timeout under load, or a fix made since.
    ours=0 hdf5=0 gone=0
    for a in "$logs/$h-"*; do
      case "$a" in *-crash-* | *-leak-* | *-timeout-* | *-oom-*) ;; *) continue ;; esac
      # A timeout is replayed with 10 s (on an idle machine none of the
      # inputs takes a second), anything else with 60.
      limit=60
      case "$a" in *-timeout-*) limit=10 ;; esac
      env "${mode[@]}" "$build/bin/fuzz-$h" -rss_limit_mb=4096 -timeout=$limit "$a" >"$logs/replay-$h.txt" 2>&1 || true
      if ! grep -q 'ERROR: \(AddressSanitizer\|libFuzzer\|UndefinedBehaviorSanitizer\)\|runtime error:' "$logs/replay-$h.txt"; then
        gone=$((gone + 1))
      elif awk '/ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)/ { seen = 1 }
              seen && /^ *#[0-9]+ / && (/libhdf5/ || / \/[^ ()]+:[0-9]+/) {
                found = 1; exit(/libhdf5/ ? 0 : 1) }
              END { if (!found) exit 1 }' "$logs/replay-$h.txt"; then
        hdf5=$((hdf5 + 1))
      else
        ours=$((ours + 1))
      fi
    done
    rm -f "$logs/replay-$h.txt"
    # Fork mode exits non-zero after any crash it ignored: only its own
    # failure (no "exiting" line) counts then.
    case "$h" in nir | netx) grep -q '^INFO: exiting: ' "$logs/$h.log" && status=0 ;; esac
    [ "$status" -ne 0 ] && [ "$ours" -eq 0 ] && ours="exit $status"
    echo "| $h | ${execs:-?} | $secs | ${cov:-?} | ${ft:-?} | $ours | $hdf5 | $gone |"
  done
  ;;
*) echo "usage: tools/fuzz.sh build|test|run HARNESS [libFuzzer args]|campaign [RUNS [SECONDS [HARNESS...]]]" >&2; exit 2 ;;
esac
