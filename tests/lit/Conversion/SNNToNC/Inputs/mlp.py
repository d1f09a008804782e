"""A 784-256-10 LIF MLP with seeded random weights, its rate-coded input, and
the agreement between two runs of it.

usage: mlp.py --write NET.json IN.json STEPS [SEED]
       mlp.py --agreement FLOAT.json QUANT.json   # prints spike agreement
       mlp.py --dequantize NET.json REPORT.json OUT.json
"""
import json
import math
import random
import sys


def write(net_path, in_path, steps, image_seed=None):
    rng = random.Random(20261122)
    def layer(n_out, n_in, mean, sd):
        return [[rng.gauss(mean, sd) for _ in range(n_in)] for _ in range(n_out)]
    lif = {"decay": 0.9, "gain": 1.0, "bias": 0.0, "v_threshold": 1.0}
    net = {
        "name": "mlp_784_256_10",
        "inputs": [{"name": "pixels", "size": 784,
                    "encoder": {"kind": "rate", "gain": 0.25, "seed": 3}}],
        "populations": [
            {"name": "hidden", "model": "lif", "size": 256, "params": lif},
            {"name": "classes", "model": "lif", "size": 10, "params": lif},
        ],
        "projections": [
            {"name": "fc1", "from": "pixels", "to": "hidden", "kind": "dense",
             "weight": layer(256, 784, 0.002, 0.03)},
            {"name": "fc2", "from": "hidden", "to": "classes", "kind": "dense",
             "weight": layer(10, 256, 0.01, 0.08)},
        ],
        "outputs": [{"name": "out", "from": "classes"}],
    }
    json.dump(net, open(net_path, "w"))
    # One image held for all steps: pixel intensities in [0, 1]; another
    # seed draws another image for the same network (calibration samples).
    if image_seed is not None:
        rng = random.Random(image_seed)
    image = [rng.random() for _ in range(784)]
    json.dump([image] * steps, open(in_path, "w"))


def agreement(a_path, b_path):
    """Two measures per spike train: exact agreement (spikes at the same step
    and neuron over the larger total) and count agreement (1 - the summed
    per-neuron count differences over the float total)."""
    a, b = json.load(open(a_path)), json.load(open(b_path))
    trains = [(n, a["outputs"][n], b["outputs"][n]) for n in a["outputs"]]
    trains += [(n, a["probes"][n], b["probes"][n]) for n in a["probes"]]
    for name, fa_rows, fb_rows in trains:
        fa = {(t, i) for t, row in enumerate(fa_rows) for i, s in enumerate(row) if s}
        fb = {(t, i) for t, row in enumerate(fb_rows) for i, s in enumerate(row) if s}
        width = len(fa_rows[0])
        ca = [sum(1 for t, i in fa if i == j) for j in range(width)]
        cb = [sum(1 for t, i in fb if i == j) for j in range(width)]
        exact = len(fa & fb) / max(len(fa), len(fb), 1)
        count = 1 - sum(abs(x - y) for x, y in zip(ca, cb)) / max(sum(ca), 1)
        print(f"{name}: float {len(fa)} spikes, quantized {len(fb)}, "
              f"exact {exact:.4f}, count {count:.4f}")


def dequantize(net_path, report_path, out_path):
    """The float network with each weight replaced by the value its 8-bit
    code stands for: q = round(S gain w / (64 2^e)) (half away from zero),
    w' = q 64 2^e / (S gain), with S and e from the report. Simulating it in
    float isolates what weight rounding alone does to the spikes."""
    net = json.load(open(net_path))
    report = json.load(open(report_path))
    pops = {p["name"]: p for p in report["graphs"][0]["populations"]}
    gains = {p["name"]: p["params"]["gain"] for p in net["populations"]}
    for proj in net["projections"]:
        pop = pops[proj["to"]]
        # An input's table comes from its encoder, "<input>/encoder".
        (table,) = [t for t in pop["tables"]
                    if t["source"].split("/")[0] == proj["from"]]
        scale = pop["S"] * gains[proj["to"]] / (64 * 2 ** table["weight_exp"])
        def code(w):
            x = w * scale
            return math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)
        proj["weight"] = [[code(w) / scale for w in row]
                          for row in proj["weight"]]
    json.dump(net, open(out_path, "w"))


if __name__ == "__main__":
    if sys.argv[1] == "--write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]),
              int(sys.argv[5]) if len(sys.argv) > 5 else None)
    elif sys.argv[1] == "--dequantize":
        dequantize(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        agreement(sys.argv[2], sys.argv[3])
