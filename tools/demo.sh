#!/usr/bin/env bash
# The main job, for a newcomer: build spikec, import a real NIR network
# (snnTorch's Braille RNN) and run it on the float reference simulator; then
# compile its bias-free variant for the default target (loihi) and emulate
# the image cycle by cycle, printing the report (spikes, latency, energy).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/build.sh"
build="${SPIKEC_BUILD_DIR:-$root/build}"
net="$root/examples/nir/braille_rnn.nir"
input="$root/examples/inputs/braille_random_256.json"

echo
echo "== spikec import $(basename "$net")"
"$build/bin/spikec" import "$net" --mlir-elide-resource-strings-if-larger=64 |
  sed -n '/snn.network/,/^  }/p'
echo
echo "== spikec simulate: 256 steps of dt = 0.1 ms"
"$build/bin/spikec" simulate "$net" --dt=1e-4 --input="$input" \
  --probe=lif1.lif:out --output="$build/demo-braille.json" --summary
echo "(spikes and the hidden layer's probe are in $build/demo-braille.json)"

nobias="$root/examples/nir/braille_rnn_nobias.nir"
echo
echo "== spikec compile $(basename "$nobias") --target=loihi"
"$build/bin/spikec" compile "$nobias" --dt=1e-4 --target=loihi \
  -o "$build/demo-braille.simg"
echo
echo "== spikec emulate --mode=cycle: the image on loihi's cores, 256 steps"
"$build/bin/spikec" emulate "$build/demo-braille.simg" --input="$input" \
  --mode=cycle --output="$build/demo-braille-emulated.json" \
  --report="$build/demo-braille-report.json" --summary
echo "(outputs in $build/demo-braille-emulated.json, every step's cost in $build/demo-braille-report.json)"
