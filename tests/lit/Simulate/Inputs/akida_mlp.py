"""A 64-32-10 network of rate-coded IF layers (reset by subtraction) with
seeded random weights, its rate-coded input, and the comparison of a float
run with an akida run (activations of 4 bits standing for rates a / 15).

usage: akida_mlp.py --write NET.json IN.json STEPS
       akida_mlp.py --compare FLOAT.json AKIDA.json LEVELS [NAME=MEAN,MAX ...]
"""
import json
import random
import sys

from two_layer_net import write_two_layer


def write(net_path, in_path, steps):
    rng = random.Random(20260417)
    def layer(n_out, n_in, mean, sd):
        return [[rng.gauss(mean, sd) for _ in range(n_in)] for _ in range(n_out)]
    fc1 = layer(32, 64, 0.01, 0.05)
    fc2 = layer(10, 32, 0.03, 0.12)
    write_two_layer(net_path, in_path, steps, rng, name="akida_64_32_10",
                    input_name="x",
                    encoder={"kind": "rate", "gain": 1.0, "seed": 5},
                    fc1=fc1, fc2=fc2)


def compare(float_path, akida_path, levels, bounds):
    """Per layer, the rate of each neuron over the run: spikes / T in float,
    the summed activations / (levels T) on akida; prints the mean rates and
    the mean and largest absolute difference, and whether they are within
    the layer's bounds (NAME=MEAN,MAX)."""
    a, b = json.load(open(float_path)), json.load(open(akida_path))
    pairs = [(n, a["outputs"][n], b["outputs"][n]) for n in sorted(a["outputs"])]
    pairs += [(n, a["probes"][n], b["probes"][n]) for n in sorted(a["probes"])]
    for name, fa, fb in pairs:
        steps, width = len(fa), len(fa[0])
        rf = [sum(row[j] for row in fa) / steps for j in range(width)]
        rq = [sum(row[j] for row in fb) / (levels * steps) for j in range(width)]
        diff = [abs(x - y) for x, y in zip(rf, rq)]
        mean, worst = sum(diff) / width, max(diff)
        verdict = ""
        if name in bounds:
            bm, bx = bounds[name]
            ok = mean <= bm and worst <= bx
            verdict = f": {'within' if ok else 'EXCEEDS'} {bm:.4f}, {bx:.4f}"
        print(f"{name}: float rate {sum(rf) / width:.4f}, akida rate "
              f"{sum(rq) / width:.4f}, mean |diff| {mean:.4f}, "
              f"max |diff| {worst:.4f}{verdict}")


if __name__ == "__main__":
    if sys.argv[1] == "--write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "--compare":
        bounds = {}
        for arg in sys.argv[5:]:
            name, values = arg.split("=")
            bounds[name] = tuple(float(v) for v in values.split(","))
        compare(sys.argv[2], sys.argv[3], int(sys.argv[4]), bounds)
    else:
        sys.exit(__doc__)
