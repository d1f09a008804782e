"""Inputs for spikec-cosim's error tests.

    variants.py big-target OUT.json   loihi with 2,048 neurons per core
    variants.py slow-target OUT.json  loihi whose synaptic op takes 5 ns
    variants.py big-net OUT.json      1,100 lif neurons fed by a 2-wide input
    variants.py wide-net OUT.json     a 2-wide input without encoder into a
                                      slow cuba_lif and a biased refractory lif
    variants.py wild-input OUT.json WIDTH STEPS
                                      input values from 0/1 up to the int32
                                      extremes, to drive the dendritic
                                      saturation, the 16-bit input wrap, the
                                      current's wrap and the voltage's clip
"""
import json
import os
import random
import sys

kind, out = sys.argv[1], sys.argv[2]
src = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..",
                   "targets", "loihi.json")
if kind.endswith("-target"):
    t = json.load(open(src))
    t["name"] = "loihi-" + kind.split("-")[0]
    if kind == "big-target":
        t["core"]["neurons"]["value"] = 2048
    else:
        t["latency_ns"]["synaptic_op"]["value"] = 5.0
    json.dump(t, open(out, "w"), indent=1)
elif kind == "big-net":
    n = 1100
    lif = {"decay": 0.9, "gain": 1.0, "bias": 0.0, "v_threshold": 1.0}
    json.dump({
        "name": "big",
        "inputs": [{"name": "x", "size": 2}],
        "populations": [{"name": "p", "model": "lif", "size": n,
                         "params": lif}],
        "projections": [{"name": "w", "from": "x", "to": "p",
                         "kind": "dense", "weight": [[0.5, 0.25]] * n}],
        "outputs": [{"name": "y", "from": "p"}],
    }, open(out, "w"))
elif kind == "wide-net":
    json.dump({
        "name": "wide",
        "inputs": [{"name": "x", "size": 2}],
        "populations": [
            {"name": "p", "model": "cuba_lif", "size": 4,
             "params": {"syn_decay": 0.999, "decay": 0.99, "gain": 1.0,
                        "v_threshold": 50.0}},
            {"name": "q", "model": "lif", "size": 3, "refractory": 3,
             "params": {"decay": 0.9, "gain": 1.0, "v_threshold": 1.0,
                        "bias": [0.5, 0.02, 0.3]}}],
        "projections": [
            {"name": "xp", "from": "x", "to": "p", "kind": "dense",
             "weight": [[1.0, -0.7], [0.3, 0.9], [-1.0, 0.2], [0.6, 0.6]]},
            {"name": "pq", "from": "p", "to": "q", "kind": "dense",
             "weight": [[0.8, -0.5, 0.3, 0.1], [0.2, 0.9, -0.4, 0.5],
                        [-0.3, 0.3, 0.7, 0.6]]}],
        "outputs": [{"name": "yp", "from": "p"}, {"name": "yq", "from": "q"}],
    }, open(out, "w"))
elif kind == "wild-input":
    width, steps = int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(5)
    pick = [lambda: 0, lambda: 1, lambda: rng.randint(-3, 3),
            lambda: rng.randint(-2000, 2000),
            lambda: rng.randint(-200000, 200000),
            lambda: rng.randint(-2**31, 2**31 - 1)]
    json.dump([[rng.choice(pick)() for _ in range(width)]
               for _ in range(steps)], open(out, "w"))
else:
    sys.exit("unknown kind " + kind)
