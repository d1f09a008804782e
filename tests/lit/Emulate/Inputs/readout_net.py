"""A small network whose outputs are membranes: 16 event inputs, 24 LIF
neurons, and three readouts of them, li (with a bias), cuba_li and
integrator, with seeded random weights (some negative, so membranes go
both ways); a fourth output reads the hidden spikes.

usage: readout_net.py NET.json
"""
import json
import random
import sys

rng = random.Random(20261207)


def layer(n_out, n_in, mean, sd):
    return [[round(rng.gauss(mean, sd), 4) for _ in range(n_in)]
            for _ in range(n_out)]


net = {
    "name": "readouts",
    "inputs": [{"name": "x", "size": 16}],
    "populations": [
        {"name": "hidden", "model": "lif", "size": 24,
         "params": {"decay": 0.9, "gain": 1.0, "v_threshold": 1.0}},
        {"name": "li", "model": "li", "size": 5,
         "params": {"decay": 0.8, "gain": 1.0,
                    "bias": [0.05, 0.0, -0.02, 0.0, 0.01]}},
        {"name": "cuba", "model": "cuba_li", "size": 5,
         "params": {"syn_decay": 0.7, "decay": 0.9, "gain": 0.5}},
        {"name": "acc", "model": "integrator", "size": 5,
         "params": {"gain": 0.25}},
    ],
    "projections": [
        {"name": "fc1", "from": "x", "to": "hidden", "kind": "dense",
         "weight": layer(24, 16, 0.3, 0.4)},
        {"name": "to_li", "from": "hidden", "to": "li", "kind": "dense",
         "weight": layer(5, 24, 0.05, 0.3)},
        {"name": "to_cuba", "from": "hidden", "to": "cuba", "kind": "dense",
         "weight": layer(5, 24, 0.05, 0.3)},
        {"name": "to_acc", "from": "hidden", "to": "acc", "kind": "dense",
         "weight": layer(5, 24, 0.0, 0.3)},
    ],
    "outputs": [
        {"name": "spikes", "from": "hidden"},
        {"name": "li_v", "from": "li"},
        {"name": "cuba_v", "from": "cuba"},
        {"name": "acc_v", "from": "acc"},
    ],
}
json.dump(net, open(sys.argv[1], "w"), indent=1)
