"""An independent float reference for small JSON networks with per-step
parameters (docs/network-json.md), written from DESIGN.md section 3 and the
snn op definitions alone, with layer timing (every feed-forward edge
delivers in the same step; populations in file order must be feed-forward):

  lif:        v' = decay v + gain x + bias; spike when v' > v_threshold,
              then v' = 0
  li:         v' = decay v + gain x + bias                 (output v')
  cuba_li:    I' = syn_decay I + syn_gain x; v' = decay v + gain I + bias
              (the previous I)                             (output v')
  integrator: v' = v + gain x                              (output v')

x is the sum over the population's dense projections of W s (W as
[post][pre]). Inputs take their rows as they are (no encoder). The snn
dialect stores parameters and weights as f32, so they are rounded to f32
here too; the arithmetic is in double, as the float reference's.

    float_ref.py run NET.json IN.json OUT.json
        writes {"timesteps": T, "outputs": {...}} like `spikec simulate`
    float_ref.py compare A.json B.json
        prints the largest |a - b| over every output value and exits 1
        when it exceeds 1e-9 (1 + |a|) anywhere, or when an output is all 0
    float_ref.py eval NET.json IMAGES LABELS STEPS READOUT
        classifies an IDX dataset as `spikec eval --encode=latency
        --timesteps=STEPS --readout=READOUT` defines it (one spike per
        pixel at round((1 - b/255)(STEPS - 1)) when b > 0) and prints
        "correct N of M, ties K"
"""
import gzip
import json
import math
import struct
import sys


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def param(p, name, n, default):
    v = p.get(name, default)
    v = list(v) if isinstance(v, list) else [v] * n
    return [f32(x) if x is not None else None for x in v]


class Net:
    def __init__(self, path):
        self.net = json.load(open(path))
        self.pops = self.net.get("populations", [])
        self.sizes = {i["name"]: i["size"] for i in self.net["inputs"]}
        for p in self.pops:
            self.sizes[p["name"]] = p["size"]
        self.proj = {p["name"]: [] for p in self.pops}
        for pr in self.net.get("projections", []):
            if pr.get("kind", "dense") != "dense":
                sys.exit(f"projection {pr['name']}: only dense")
            w = [[f32(x) for x in row] for row in pr["weight"]]
            self.proj[pr["to"]].append((pr["from"], w))

    def run(self, rows_by_input, steps):
        state = {}
        for p in self.pops:
            n = p["size"]
            state[p["name"]] = {"v": [0.0] * n, "i": [0.0] * n}
        outs = {o["name"]: [] for o in self.net["outputs"]}
        for t in range(steps):
            value = {name: rows[t] for name, rows in rows_by_input.items()}
            for p in self.pops:
                name, n, prm = p["name"], p["size"], p.get("params", {})
                x = [0.0] * n
                for src, w in self.proj[name]:
                    s = value[src]
                    for j in range(n):
                        x[j] += sum(wj * sk for wj, sk in zip(w[j], s))
                st = state[name]
                gain = param(prm, "gain", n, 1.0)
                bias = param(prm, "bias", n, 0.0)
                if p["model"] == "integrator":
                    decay, bias = [1.0] * n, [0.0] * n
                else:
                    decay = param(prm, "decay", n, 1.0)
                if p["model"] == "cuba_li":
                    sd = param(prm, "syn_decay", n, 1.0)
                    sg = param(prm, "syn_gain", n, 1.0)
                    old = st["i"]
                    st["i"] = [sd[j] * old[j] + sg[j] * x[j] for j in range(n)]
                    drive = [gain[j] * old[j] for j in range(n)]
                else:
                    drive = [gain[j] * x[j] for j in range(n)]
                v = [decay[j] * st["v"][j] + drive[j] + bias[j] for j in range(n)]
                if p["model"] == "lif":
                    vth = param(prm, "v_threshold", n, None)
                    out = [1.0 if v[j] > vth[j] else 0.0 for j in range(n)]
                    v = [0.0 if out[j] else v[j] for j in range(n)]
                elif p["model"] in ("li", "cuba_li", "integrator"):
                    out = list(v)
                else:
                    sys.exit(f"model {p['model']} is not in this reference")
                st["v"] = v
                value[name] = out
            for o in self.net["outputs"]:
                outs[o["name"]].append(list(value[o["from"]]))
        return outs


def read_idx(path):
    data = (gzip.open if path.endswith(".gz") else open)(path, "rb").read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def main():
    cmd = sys.argv[1]
    if cmd == "run":
        net = Net(sys.argv[2])
        rows = json.load(open(sys.argv[3]))
        if isinstance(rows, list):
            rows = {net.net["inputs"][0]["name"]: rows}
        steps = len(next(iter(rows.values())))
        outs = net.run(rows, steps)
        json.dump({"timesteps": steps, "outputs": outs}, open(sys.argv[4], "w"))
    elif cmd == "compare":
        a = json.load(open(sys.argv[2]))["outputs"]
        b = json.load(open(sys.argv[3]))["outputs"]
        worst, ok = 0.0, sorted(a) == sorted(b)
        for name in sorted(a):
            flat_a = [x for r in a[name] for x in r]
            flat_b = [x for r in b.get(name, []) for x in r]
            ok = ok and len(flat_a) == len(flat_b) and any(flat_a)
            for x, y in zip(flat_a, flat_b):
                worst = max(worst, abs(x - y))
                ok = ok and abs(x - y) <= 1e-9 * (1 + abs(x))
            print(f"{name}: {len(a[name])} steps, {sum(1 for x in flat_a if x)} "
                  f"nonzero values")
        print(f"largest difference {worst:.3g}: {'agree' if ok else 'DIFFER'}")
        sys.exit(0 if ok else 1)
    elif cmd == "eval":
        net = Net(sys.argv[2])
        (count, *dims), pixels = read_idx(sys.argv[3])
        _, labels = read_idx(sys.argv[4])
        steps, readout = int(sys.argv[5]), sys.argv[6]
        width = math.prod(dims)
        name = net.net["inputs"][0]["name"]
        correct = ties = 0
        for k in range(count):
            rows = [[0.0] * width for _ in range(steps)]
            for i in range(width):
                b = pixels[k * width + i]
                if b > 0:
                    rows[math.floor((1 - b / 255) * (steps - 1) + 0.5)][i] = 1.0
            (out,) = net.run({name: rows}, steps).values()
            cols = list(zip(*out))
            if readout == "max":
                score = [max(c) for c in cols]
            elif readout == "last":
                score = [c[-1] for c in cols]
            elif readout == "mean":
                score = [sum(c) / len(c) for c in cols]
            else:
                score = [sum(1 for x in c if x != 0) for c in cols]
            best = max(score)
            pred = score.index(best)
            ties += score.count(best) > 1
            correct += pred == labels[k]
        print(f"correct {correct} of {count}, ties {ties}")


main()
