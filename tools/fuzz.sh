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
#                                 inputs (the file harnesses nir and netx,
#                                 which fork per input, for SECONDS instead
#                                 when given); prints the table of
#                                 docs/fuzzing.md
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
  file_seconds="${3:-}"
  [ $# -gt 3 ] && harnesses="${*:4}"
  bash "$root/tools/sanitize.sh" build spikec-fuzzers
  logs="$build/tests/fuzz/campaign"
  mkdir -p "$logs"
  echo "| harness | executions | seconds | edges (cov) | features | findings in spikec | libhdf5 failures in the child (contained) | not reproduced |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for h in $harnesses; do
    rm -f "$logs/$h-"* "$logs/$h.log"
    start=$(date +%s)
    status=0
    # A finding in the harness's own process stops it (no -ignore_crashes):
    # it is counted, and the run says so.
    limit=(-runs="$runs")
    # The file harnesses' child has 5 s of CPU (fuzz_nir.cpp); on a loaded
    # machine that is more than libFuzzer's 30 s of wall time.
    case "$h" in nir | netx)
      [ -n "$file_seconds" ] && limit=(-max_total_time="$file_seconds")
      limit+=(-timeout=300) ;;
    esac
    run_harness "$h" "${limit[@]}" -seed=1 -print_final_stats=1 \
      -artifact_prefix="$logs/$h-" >"$logs/$h.log" 2>&1 || status=$?
    secs=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$h.log" | tail -1)
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
      "$build/bin/fuzz-$h" -rss_limit_mb=4096 -timeout=300 "$a" >"$logs/replay.txt" 2>&1 || true
      if ! grep -q 'ERROR: \(AddressSanitizer\|libFuzzer\|UndefinedBehaviorSanitizer\)\|runtime error:' "$logs/replay.txt"; then
        gone=$((gone + 1))
      elif awk '/ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)/ { seen = 1 }
              seen && /^ *#[0-9]+ / && (/libhdf5/ || / \/[^ ()]+:[0-9]+/) {
                found = 1; exit(/libhdf5/ ? 0 : 1) }
              END { if (!found) exit 1 }' "$logs/replay.txt"; then
        hdf5=$((hdf5 + 1))
      else
        ours=$((ours + 1))
      fi
    done
    rm -f "$logs/replay.txt"
    [ "$status" -ne 0 ] && [ "$ours" -eq 0 ] && ours="exit $status"
    echo "| $h | ${execs:-?} | $secs | ${cov:-?} | ${ft:-?} | $ours | $hdf5 | $gone |"
  done
  ;;
*) echo "usage: tools/fuzz.sh build|test|run HARNESS [libFuzzer args]|campaign [RUNS [SECONDS [HARNESS...]]]" >&2; exit 2 ;;
esac
