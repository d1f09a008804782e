"""A random recurrent network for loihi (JSON network format), with sparse
projections, and its input file.

    random_net.py NEURONS SEED NET.json IN.json STEPS

A rate-coded input of NEURONS / 4 elements feeds population a; the
populations a (lif, half the neurons), b (cuba_lif: its tables get a delay
of one step on loihi), c (lif with a refractory period and a bias) share
the rest. Projections, each a random sparse set of synapses (about 10% of
the pairs) with weights of either sign: x->a, a->a, a->b, b->a, b->c,
c->b, c->c, x->c; the outputs read every population, so that they cover
every neuron's spikes.
"""
import json
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
n_in = max(2, n // 4)
sizes = {"a": n // 2, "b": n // 4, "c": n - n // 2 - n // 4}


def sparse(pre, post, density, mean, spread):
    syn = []
    for i in range(pre):
        for j in range(post):
            if rng.random() < density:
                syn.append([i, j, round(rng.gauss(mean, spread), 4)])
    if not syn:
        syn.append([0, 0, mean])
    return syn


size_of = dict(sizes, x=n_in)
edges = [("x", "a", 0.4, 0.5), ("a", "a", 0.0, 0.5), ("a", "b", 0.3, 0.4),
         ("b", "a", 0.1, 0.4), ("b", "c", 0.3, 0.5), ("c", "b", 0.0, 0.4),
         ("c", "c", -0.1, 0.4), ("x", "c", 0.3, 0.4)]
net = {
    "name": f"random{n}",
    "inputs": [{"name": "x", "size": n_in,
                "encoder": {"kind": "rate", "gain": 0.5, "seed": seed}}],
    "populations": [
        {"name": "a", "model": "lif", "size": sizes["a"],
         "params": {"decay": 0.9, "gain": 1.0, "v_threshold": 1.0}},
        {"name": "b", "model": "cuba_lif", "size": sizes["b"],
         "params": {"syn_decay": 0.8, "decay": 0.9, "gain": 1.0,
                    "v_threshold": 1.0}},
        {"name": "c", "model": "lif", "size": sizes["c"], "refractory": 2,
         "params": {"decay": 0.95, "gain": 1.0, "v_threshold": 1.0,
                    "bias": [round(rng.uniform(0, 0.08), 3)
                             for _ in range(sizes["c"])]}},
    ],
    "projections": [
        {"name": f"{s}_{d}", "from": s, "to": d, "kind": "sparse",
         "synapses": sparse(size_of[s], size_of[d], 0.1, m, sd)}
        for s, d, m, sd in edges],
    "outputs": [{"name": "spikes_" + p, "from": p} for p in ("a", "b", "c")],
}
json.dump(net, open(sys.argv[3], "w"))
steps = int(sys.argv[5])
json.dump([[round(rng.random(), 3) for _ in range(n_in)] for _ in range(steps)],
          open(sys.argv[4], "w"))
