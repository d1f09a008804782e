"""Writes a NIR classifier as Norse and snnTorch export them: Input(16) ->
Affine -> LIF(24) -> [Delay] -> Affine -> LI(5) -> Output, seeded random
weights, time constants in seconds (dt = 1 ms when read).

usage: li_nir.py OUT.nir [DELAY_SECONDS]   (a Delay node when given)
"""
import sys

import h5py
import numpy as np

rng = np.random.default_rng(20261207)
out = sys.argv[1]
delay = float(sys.argv[2]) if len(sys.argv) > 2 else None
nodes = {
    "input": {"type": "Input", "shape": np.array([16])},
    "fc1": {"type": "Affine",
            "weight": rng.normal(0.4, 0.4, (24, 16)).astype(np.float32),
            "bias": np.zeros(24, np.float32)},
    "lif": {"type": "LIF", "tau": np.full(24, 0.01, np.float32),
            "r": np.ones(24, np.float32), "v_leak": np.zeros(24, np.float32),
            "v_threshold": np.ones(24, np.float32)},
    "fc2": {"type": "Affine",
            "weight": rng.normal(0.1, 0.5, (5, 24)).astype(np.float32),
            "bias": np.zeros(5, np.float32)},
    "li": {"type": "LI", "tau": np.full(5, 0.005, np.float32),
           "r": np.ones(5, np.float32), "v_leak": np.zeros(5, np.float32)},
    "output": {"type": "Output", "shape": np.array([5])},
}
edges = [["input", "fc1"], ["fc1", "lif"], ["fc2", "li"], ["li", "output"]]
if delay is None:
    edges.append(["lif", "fc2"])
else:
    nodes["delay"] = {"type": "Delay", "delay": np.full(24, delay, np.float32)}
    edges += [["lif", "delay"], ["delay", "fc2"]]
f = h5py.File(out, "w")
f["version"] = "1.0.0"
g = f.create_group("node")
g["type"] = "NIRGraph"
n = g.create_group("nodes")
for key, fields in nodes.items():
    grp = n.create_group(key)
    for name, value in fields.items():
        grp[name] = value
g["edges"] = np.array(edges, dtype=object).astype("S")
f.close()
