#!/usr/bin/env bash
# The main job, for a newcomer: build spikec, compile the trained
# Fashion-MNIST spiking MLP (examples/fashion_mlp) for the default target
# (loihi) and emulate the image on the first 200 test images, cycle by cycle,
# printing accuracy, latency and energy per inference; then import a real
# NIR export (snnTorch's Braille RNN) and run it on the float reference.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/build.sh"
build="${SPIKEC_BUILD_DIR:-$root/build}"
spikec="$build/bin/spikec"
data=/usr/share/datasets/fashion-mnist

mlp="$root/examples/fashion_mlp/mlp.nir"
echo
echo "== spikec compile $(basename "$(dirname "$mlp")")/$(basename "$mlp") --target=loihi"
"$spikec" compile "$mlp" --target=loihi -o "$build/fashion_mlp.simg"
echo
echo "== spikec eval: the image on the emulator (cycle mode), 200 test images"
"$spikec" eval "$build/fashion_mlp.simg" \
  --dataset=idx:$data/t10k-images-idx3-ubyte.gz,$data/t10k-labels-idx1-ubyte.gz \
  --encode=rate --timesteps=25 --limit=200 --mode=cycle \
  --report="$build/fashion_mlp-eval.json"
echo "(the figures as JSON in $build/fashion_mlp-eval.json)"

net="$root/examples/nir/braille_rnn.nir"
input="$root/examples/inputs/braille_random_256.json"
echo
echo "== spikec import $(basename "$net")"
"$spikec" import "$net" --mlir-elide-resource-strings-if-larger=64 \
  --mlir-print-debuginfo=false | sed -n '/snn.network/,/^  }/p'
echo
echo "== spikec simulate: 256 steps of dt = 0.1 ms"
"$spikec" simulate "$net" --dt=1e-4 --input="$input" \
  --probe=lif1.lif:out --output="$build/demo-braille.json" --summary
echo "(spikes and the hidden layer's probe are in $build/demo-braille.json)"
echo
echo "== spikec compile $(basename "$net") --target=loihi2, then emulate (cycle mode)"
echo "(loihi refuses this network as trained: its biases enter the CubaLIF"
echo " currents, and loihi's bias enters the membrane; loihi2 programs both)"
"$spikec" compile "$net" --dt=1e-4 --target=loihi2 -o "$build/braille_loihi2.simg" --quiet
"$spikec" emulate "$build/braille_loihi2.simg" --mode=cycle --input="$input" \
  --output="$build/demo-braille-loihi2.json" --summary
echo "(the chip's outputs are in $build/demo-braille-loihi2.json)"
