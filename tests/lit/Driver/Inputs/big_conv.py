"""A network whose compile takes seconds from a small file: two
convolutions over 12 x 64 x 64 LIF neurons (about 5M synapses), for tests
that interrupt a compile midway.

    big_conv.py NET.json
"""
import json
import sys

import numpy as np

rng = np.random.default_rng(1)
C, H = 12, 64
lif = {"tau": 0.01, "v_threshold": 1.0}
net = {
    "name": "bigconv",
    "inputs": [{"name": "x", "shape": [1, H, H]}],
    "populations": [
        {"name": "h", "model": "lif", "shape": [C, H, H], "params": lif},
        {"name": "g", "model": "lif", "shape": [C, H, H], "params": lif}],
    "projections": [
        {"name": "c1", "from": "x", "to": "h", "kind": "conv2d", "padding": 2,
         "weight": rng.normal(0, 0.3, (C, 1, 5, 5)).round(3).tolist()},
        {"name": "c2", "from": "h", "to": "g", "kind": "conv2d", "padding": 1,
         "weight": rng.normal(0, 0.3, (C, C, 3, 3)).round(3).tolist()}],
    "outputs": [{"name": "y", "from": "g"}],
}
with open(sys.argv[1], "w") as f:
    json.dump(net, f)
