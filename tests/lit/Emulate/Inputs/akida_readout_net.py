"""A stateless network for akida ending in an li readout without leak (the
final layer's potential): 16 event inputs, 12 LIF neurons with decay 0
(threshold 0.45), and an li readout of 4 with decay 0 and biases. Every
weight is a seeded random multiple of 0.1 in [-0.7, 0.7] (0.7 present in
each layer) and every bias a multiple of 0.1, so 4-bit weights (codes
-7..7 at a step of 0.1) hold them exactly, and the quantized network is
the float one: spikes alike, and the readout's integers times its scale
equal the float membrane.

usage: akida_readout_net.py NET.json [DECAY]   (DECAY for the li: 0)
"""
import json
import random
import sys

rng = random.Random(7)
decay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0


def layer(n_out, n_in):
    w = [[rng.randint(-7, 7) / 10 for _ in range(n_in)] for _ in range(n_out)]
    w[0][0] = 0.7
    return w


net = {
    "name": "akida_readout",
    "inputs": [{"name": "x", "size": 16}],
    "populations": [
        {"name": "hidden", "model": "lif", "size": 12,
         "params": {"decay": 0.0, "gain": 1.0, "v_threshold": 0.45}},
        {"name": "out", "model": "li", "size": 4,
         "params": {"decay": decay, "gain": 1.0,
                    "bias": [0.3, 0.0, -0.5, 0.1]}},
    ],
    "projections": [
        {"name": "fc1", "from": "x", "to": "hidden", "kind": "dense",
         "weight": layer(12, 16)},
        {"name": "fc2", "from": "hidden", "to": "out", "kind": "dense",
         "weight": layer(4, 12)},
    ],
    "outputs": [{"name": "potential", "from": "out"}],
}
json.dump(net, open(sys.argv[1], "w"))
