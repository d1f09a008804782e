#!/usr/bin/env bash
# The main job, for a newcomer: build spikec, import a real NIR network
# (snnTorch's Braille RNN) and run it on the float reference simulator,
# printing what it did.
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
