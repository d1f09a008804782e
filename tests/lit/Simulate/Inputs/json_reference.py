#!/usr/bin/env python3
"""An independent reference for `spikec simulate` on hand-written JSON networks.

It reads the network JSON itself (never spikec's IR or output) and integrates
it by the documented rules (docs/network-json.md, SNNOps.td, DESIGN.md
section 3), with layer timing: feed-forward projections deliver in the same
step, a recurrent projection (whose source is its target or downstream of
it) delivers the previous step's value.

Discretization mirrors spikec's contract: the per-step factors are rounded to
float32 (decay = f32(1 - dt/tau), gain = f32(dt r / tau), ...), parameters and
weights are float32, and the state is computed in double.

  json_reference.py NET.json --dt DT --steps T --write-input IN.json [--seed S]
      writes a deterministic input suited to the network (values in [0, 1] for
      rate-encoded inputs, currents otherwise);
  json_reference.py NET.json --dt DT --check IN.json OUT.json
      simulates NET on IN and compares with spikec's OUT (outputs and every
      probe): spikes exactly, membranes within 1e-9 relative. Prints
      "ok <name>: N spikes" or the first mismatch and exits 1.

Longer than 600 lines: an independent integrator of every neuron model,
projection and encoder of the JSON format, kept in one file so that it
shares nothing with spikec.
"""
import argparse
import json
import math
import os
import random
import sys

import numpy as np

F32 = np.float32
REL_TOL = 1e-9
MASK = (1 << 64) - 1


def f32(x):
    return float(F32(x))


# ---------------------------------------------------------------- JSON input

def strip_comments(text):
    """Removes // and /* */ comments outside strings."""
    out, i, n = [], 0, len(text)
    in_str = False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
            i += 1
        elif c == '"':
            in_str = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                sys.exit("unterminated comment")
            out.append(" ")
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load_network(path):
    with open(path) as f:
        return json.loads(strip_comments(f.read()))


def shape_of(node):
    if "size" in node:
        return [int(node["size"])]
    return [int(d) for d in node["shape"]]


def numel(node):
    return int(np.prod(shape_of(node)))


def flat(value):
    if isinstance(value, list):
        return [x for v in value for x in flat(v)]
    return [value]


def param_vec(value, n):
    """A parameter as n float32 values held in doubles."""
    vals = [f32(v) for v in flat(value)]
    if len(vals) == 1:
        vals = vals * n
    if len(vals) != n:
        sys.exit("parameter has %d values for %d neurons" % (len(vals), n))
    return np.array(vals, dtype=np.float64)


ALIASES = {"beta": "decay", "alpha": "syn_decay", "tau_mem": "tau"}


def canonical_params(pop):
    params = {}
    for k, v in pop.get("params", {}).items():
        params[ALIASES.get(k, k)] = v
    return params


# ------------------------------------------------------------- discretization

def f32_map(fn, *vecs):
    return np.array([f32(fn(*xs)) for xs in zip(*vecs)], dtype=np.float64)


def leaky_factors(p, n, dt):
    """decay, gain, bias of the li membrane (per-step or continuous form)."""
    if "decay" in p:
        decay = param_vec(p["decay"], n)
        gain = param_vec(p.get("gain", 1.0), n)
        bias = param_vec(p.get("bias", 0.0), n)
        return decay, gain, bias
    tau = param_vec(p["tau"], n)
    r = param_vec(p.get("r", 1.0), n)
    v_leak = param_vec(p.get("v_leak", 0.0), n)
    decay = f32_map(lambda t: 1.0 - dt / t, tau)
    gain = f32_map(lambda t, rr: dt * rr / t, tau, r)
    bias = f32_map(lambda t, vl: dt * vl / t, tau, v_leak)
    return decay, gain, bias


def syn_factors(p, n, dt):
    if "syn_decay" in p:
        return (param_vec(p["syn_decay"], n),
                param_vec(p.get("syn_gain", 1.0), n))
    tau_syn = param_vec(p["tau_syn"], n)
    w_in = param_vec(p.get("w_in", 1.0), n)
    return (f32_map(lambda t: 1.0 - dt / t, tau_syn),
            f32_map(lambda t, w: dt * w / t, tau_syn, w_in))


def integrator_gain(p, n, dt):
    if "gain" in p:
        return param_vec(p["gain"], n)
    r = param_vec(p.get("r", 1.0), n)
    return f32_map(lambda rr: dt * rr, r)


# ------------------------------------------------------------------ encoders

def splitmix(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def counter_uniform(seed, step, index):
    h = splitmix(splitmix(splitmix(seed & MASK) ^ step) ^ index)
    return (h >> 11) * 2.0 ** -53


class Encoder:
    def __init__(self, spec, n):
        if spec is None:
            spec = {"kind": "none"}
        elif isinstance(spec, str):
            spec = {"kind": spec}
        self.kind = spec["kind"]
        self.spec = spec
        self.n = n
        self.ref = np.zeros(n)
        self.latency_offsets = None

    @property
    def spiking(self):
        return self.kind in ("rate", "latency", "delta")

    def step(self, t, x):
        s = self.spec
        if self.kind == "none":
            return x.copy()
        if self.kind == "direct":
            return float(s.get("gain", 1.0)) * x
        if self.kind == "rate":
            gain = float(s.get("gain", 1.0))
            seed = int(s.get("seed", 0))
            p = np.clip(gain * x, 0.0, 1.0)
            return np.array([1.0 if counter_uniform(seed, t, i) < p[i] else 0.0
                             for i in range(self.n)])
        if self.kind == "latency":
            window = int(s["window"])
            thr = float(s.get("threshold", 0.0))
            if t % window == 0:
                offs = []
                for xi in x:
                    if xi > thr:
                        o = (1.0 - min(max(xi, 0.0), 1.0)) * (window - 1)
                        offs.append(int(math.floor(o + 0.5)))  # o >= 0
                    else:
                        offs.append(-1)
                self.latency_offsets = offs
            return np.array([1.0 if o == t % window else 0.0
                             for o in self.latency_offsets])
        if self.kind == "delta":
            thr = float(s["threshold"])
            off = bool(s.get("off_spikes", False))
            out = np.zeros(self.n)
            for i in range(self.n):
                if x[i] - self.ref[i] >= thr:
                    out[i], self.ref[i] = 1.0, x[i]
                elif off and self.ref[i] - x[i] >= thr:
                    out[i], self.ref[i] = -1.0, x[i]
            return out
        sys.exit("unsupported encoder kind '%s'" % self.kind)


# --------------------------------------------------------------- populations

SPIKING = ("lif", "if", "cuba_lif", "alif", "izhikevich")


class Population:
    def __init__(self, pop, dt):
        self.name = pop["name"]
        self.model = pop["model"]
        n = self.n = numel(pop)
        p = canonical_params(pop)
        m = self.model
        self.state = {}
        if m in ("integrator", "if"):
            self.gain = integrator_gain(p, n, dt)
            self.decay = np.ones(n)
            self.bias = np.zeros(n)
        elif m in ("li", "lif", "alif", "cuba_li", "cuba_lif"):
            self.decay, self.gain, self.bias = leaky_factors(p, n, dt)
        if m in ("cuba_li", "cuba_lif"):
            self.syn_decay, self.syn_gain = syn_factors(p, n, dt)
            self.state["i"] = np.zeros(n)
        if m == "alif":
            if "adapt_decay" in p:
                self.adapt_decay = param_vec(p["adapt_decay"], n)
            else:
                self.adapt_decay = f32_map(lambda t: 1.0 - dt / t,
                                           param_vec(p["tau_adapt"], n))
            self.adapt = param_vec(p["adapt"], n)
            self.state["a"] = np.zeros(n)
        if m in ("lif", "if", "cuba_lif", "alif"):
            self.v_threshold = param_vec(p["v_threshold"], n)
            self.v_reset = param_vec(p.get("v_reset", 0.0), n)
            self.reset = pop.get("reset", "to_v_reset")
            self.timing = pop.get("timing", "post")
            self.refractory = int(pop.get("refractory", 0))
            self.ref_left = np.zeros(n, dtype=np.int64)
        if m == "izhikevich":
            self.a = param_vec(p["a"], n)
            self.b = param_vec(p["b"], n)
            self.c = param_vec(p["c"], n)
            self.d = param_vec(p["d"], n)
            self.r = param_vec(p.get("r", 1.0), n)
            self.v_peak = float(pop.get("v_peak", 30.0))
            self.h = dt / float(pop.get("time_scale", 1e-3))
            self.state["v"] = self.c.copy()
            self.state["u"] = self.b * self.c
        else:
            self.state["v"] = np.zeros(n)
        if m not in ("integrator", "li", "lif", "if", "cuba_li", "cuba_lif",
                     "alif", "izhikevich"):
            sys.exit("unknown model '%s'" % m)
        self.out = np.zeros(n)

    @property
    def spiking(self):
        return self.model in SPIKING

    def step(self, x):
        m = self.model
        st = self.state
        if m == "izhikevich":
            v, u = st["v"], st["u"]
            v2 = v + self.h * (0.04 * v * v + 5.0 * v + 140.0 - u + self.r * x)
            u2 = u + self.h * (self.a * (self.b * v - u))
            s = v2 >= self.v_peak
            v2 = np.where(s, self.c, v2)
            u2 = np.where(s, u2 + self.d, u2)
            st["v"], st["u"] = v2, u2
            self.out = s.astype(np.float64)
            return
        # The membrane's drive: x, or the previous step's synaptic current.
        if m in ("cuba_li", "cuba_lif"):
            drive = st["i"]
            st["i"] = self.syn_decay * st["i"] + self.syn_gain * x
        else:
            drive = x
        v = st["v"]
        v_new = self.decay * v + self.gain * drive + self.bias
        if m in ("integrator", "li", "cuba_li"):
            st["v"] = v_new
            self.out = v_new.copy()
            return
        # Spiking: threshold (ALIF: raised by the previous step's adaptation).
        theta = self.v_threshold
        if m == "alif":
            theta = self.v_threshold + self.adapt * st["a"]
        refr = self.ref_left > 0
        if self.timing == "post":
            s = v_new > theta
        else:
            s = v > theta
        s = s & ~refr
        if self.reset == "to_v_reset":
            v_after = np.where(s, self.v_reset, v_new)
        elif self.reset == "subtract":
            v_after = np.where(s, v_new - theta, v_new)
        elif self.reset == "none":
            v_after = v_new
        else:
            sys.exit("unknown reset '%s'" % self.reset)
        # Refractory neurons hold their membrane and ignore the input.
        st["v"] = np.where(refr, v, v_after)
        self.ref_left = np.where(refr, self.ref_left - 1,
                                 np.where(s, self.refractory, 0))
        if m == "alif":
            st["a"] = self.adapt_decay * st["a"] + s.astype(np.float64)
        self.out = s.astype(np.float64)


# --------------------------------------------------------------- projections

class Projection:
    def __init__(self, proj, sizes):
        self.name = proj.get("name", "%s_to_%s" % (proj["from"], proj["to"]))
        self.src, self.dst = proj["from"], proj["to"]
        self.kind = proj["kind"]
        n_in, n_out = sizes[self.src], sizes[self.dst]
        self.n_in, self.n_out = n_in, n_out
        k = self.kind
        if k == "dense":
            w = np.array([[f32(v) for v in row] for row in proj["weight"]],
                         dtype=np.float64)
            assert w.shape == (n_out, n_in), (self.name, w.shape)
            self.w = w
            self.b = (param_vec(proj["bias"], n_out) if "bias" in proj
                      else None)
        elif k == "sparse":
            self.syn = [(int(a), int(b), f32(w)) for a, b, w in proj["synapses"]]
        elif k == "scale":
            self.scale = param_vec(proj["scale"], n_in)
        elif k == "identity":
            pass
        else:
            sys.exit("projection kind '%s' not supported here" % k)

    def apply(self, x):
        k = self.kind
        if k == "dense":
            y = np.zeros(self.n_out)
            for o in range(self.n_out):
                acc = 0.0
                for i in range(self.n_in):
                    acc += self.w[o, i] * x[i]
                y[o] = acc
            if self.b is not None:
                y = y + self.b
            return y
        if k == "sparse":
            y = np.zeros(self.n_out)
            for pre, post, w in self.syn:
                y[post] += w * x[pre]
            return y
        if k == "scale":
            return self.scale * x
        return x.copy()


# ------------------------------------------------------------------- network

class Network:
    def __init__(self, net, dt):
        self.name = net.get("name")
        self.inputs = net["inputs"]
        self.sizes = {}
        self.encoders = {}
        for inp in self.inputs:
            self.sizes[inp["name"]] = numel(inp)
            self.encoders[inp["name"]] = Encoder(inp.get("encoder"), numel(inp))
        self.pops = {}
        for pop in net.get("populations", []):
            self.pops[pop["name"]] = Population(pop, dt)
            self.sizes[pop["name"]] = numel(pop)
        self.projs = [Projection(p, self.sizes)
                      for p in net.get("projections", [])]
        self.outputs = net["outputs"]
        self.order, self.recurrent = self.schedule()

    def schedule(self):
        """Depth-first from the inputs; a projection into a node on the
        current path (itself included) is recurrent. Populations run in
        the topological order of the remaining feed-forward graph."""
        succ = {}
        for k, p in enumerate(self.projs):
            succ.setdefault(p.src, []).append(k)
        recurrent = set()
        state = {}  # 1 on the path, 2 done

        def visit(node):
            state[node] = 1
            for k in succ.get(node, []):
                dst = self.projs[k].dst
                if state.get(dst) == 1:
                    recurrent.add(k)
                elif dst not in state:
                    visit(dst)
            state[node] = 2

        for inp in self.inputs:
            if inp["name"] not in state:
                visit(inp["name"])
        for name in self.pops:
            if name not in state:
                visit(name)
        # Kahn over feed-forward edges.
        indeg = {name: 0 for name in self.pops}
        for k, p in enumerate(self.projs):
            if k not in recurrent and p.src in self.pops:
                indeg[p.dst] += 1
        order, ready = [], [n for n in self.pops if indeg[n] == 0]
        while ready:
            n = ready.pop(0)
            order.append(n)
            for k in succ.get(n, []):
                if k not in recurrent:
                    d = self.projs[k].dst
                    indeg[d] -= 1
                    if indeg[d] == 0:
                        ready.append(d)
        assert len(order) == len(self.pops), "cycle without recurrent edge"
        return order, recurrent

    def run(self, rows, steps, probes):
        """rows: {input name: T x N}. Returns ({output: rows}, {probe: rows},
        spikes emitted by spiking populations)."""
        outs = {o["name"]: [] for o in self.outputs}
        prb = {p: [] for p in probes}
        values = {}
        prev = {name: np.zeros(pop.n) for name, pop in self.pops.items()}
        spikes = 0
        for t in range(steps):
            for inp in self.inputs:
                x = np.array(rows[inp["name"]][t], dtype=np.float64)
                values[inp["name"]] = self.encoders[inp["name"]].step(t, x)
            for name in self.order:
                pop = self.pops[name]
                x = np.zeros(pop.n)
                for k, p in enumerate(self.projs):
                    if p.dst != name:
                        continue
                    src = prev[p.src] if k in self.recurrent else values[p.src]
                    x = x + p.apply(src)
                pop.step(x)
                values[name] = pop.out
                if pop.spiking:
                    spikes += int(pop.out.sum())
            for name, pop in self.pops.items():
                prev[name] = pop.out.copy()
            for o in self.outputs:
                outs[o["name"]].append(values[o["from"]].copy())
            for p in probes:
                node, var = p.split(":")
                if var == "out":
                    prb[p].append(values[node].copy())
                else:
                    prb[p].append(self.pops[node].state[var].copy())
        return outs, prb, spikes


# ----------------------------------------------------------------- the input

def write_input(net, steps, seed, path):
    """Piecewise-constant values, each segment 5..30 steps long, quantized to
    multiples of 1/64 (exact in float32): in [0, 1] for rate-encoded inputs,
    currents in [-0.25, 1.5] otherwise (izhikevich-fed ones in [0.5, 1.5])."""
    rng = random.Random(seed)
    pop_models = {p["name"]: p["model"] for p in net.get("populations", [])}
    result = {}
    for inp in net["inputs"]:
        n = numel(inp)
        enc = inp.get("encoder")
        kind = enc if isinstance(enc, str) else (enc or {}).get("kind")
        feeds = {pop_models.get(p["to"]) for p in net.get("projections", [])
                 if p["from"] == inp["name"]}
        if kind in ("rate", "latency", "delta"):
            lo, hi = 0.0, 1.0
        elif "izhikevich" in feeds:
            lo, hi = 0.5, 1.5
        else:
            lo, hi = -0.25, 1.5
        cols = []
        for _ in range(n):
            col = []
            while len(col) < steps:
                value = round((lo + (hi - lo) * rng.random()) * 64) / 64
                col.extend([value] * rng.randint(5, 30))
            cols.append(col[:steps])
        result[inp["name"]] = [[cols[i][t] for i in range(n)]
                               for t in range(steps)]
    if len(result) == 1:
        result = next(iter(result.values()))
    with open(path, "w") as f:
        json.dump(result, f)


def read_input(net, path):
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, list):
        data = {net["inputs"][0]["name"]: data}
    return {name: [flat(row) for row in rows] for name, rows in data.items()}


# --------------------------------------------------------------------- check

def close(a, b):
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def compare(kind, name, ref_rows, got_rows, exact):
    if len(got_rows) != len(ref_rows):
        return "%s '%s': spikec has %d rows, reference %d" % (
            kind, name, len(got_rows), len(ref_rows))
    for t, (r, g) in enumerate(zip(ref_rows, got_rows)):
        g = flat(g)
        if len(g) != len(r):
            return "%s '%s' step %d: spikec has %d values, reference %d" % (
                kind, name, t, len(g), len(r))
        for i, (rv, gv) in enumerate(zip(r, g)):
            ok = (float(gv) == float(rv)) if exact else close(float(rv), float(gv))
            if not ok:
                return ("%s '%s' step %d neuron %d: spikec %r, reference %r"
                        % (kind, name, t, i, gv, float(rv)))
    return None


def check(net_json, dt, in_path, out_path):
    net = Network(net_json, dt)
    rows = read_input(net_json, in_path)
    with open(out_path) as f:
        got = json.load(f)
    steps = int(got["timesteps"])
    probes = list(got.get("probes", {}).keys())
    outs, prb, spikes = net.run(rows, steps, probes)
    name = net.name or os.path.splitext(os.path.basename(NET_PATH))[0]
    errors = []
    if set(got["outputs"]) != set(outs):
        errors.append("outputs differ: spikec %s, reference %s"
                      % (sorted(got["outputs"]), sorted(outs)))
    spiking_nodes = {n for n, p in net.pops.items() if p.spiking}
    spiking_nodes |= {n for n, e in net.encoders.items() if e.spiking}
    for o in net.outputs:
        if o["name"] not in got["outputs"]:
            continue
        exact = o["from"] in spiking_nodes
        e = compare("output", o["name"], outs[o["name"]],
                    got["outputs"][o["name"]], exact)
        if e:
            errors.append(e)
    for p in probes:
        node, var = p.split(":")
        exact = var == "out" and node in spiking_nodes
        e = compare("probe", p, prb[p], got["probes"][p], exact)
        if e:
            errors.append(e)
    if errors:
        for e in errors:
            print("mismatch in %s: %s" % (name, e))
        return 1
    # The input must exercise the network: spikes from a spiking network, a
    # moving output from a non-spiking one.
    if spiking_nodes & {p for p in net.pops}:
        if spikes == 0:
            print("trivial run of %s: no spikes" % name)
            return 1
    elif all(np.all(np.array(r) == 0) for r in outs.values()):
        print("trivial run of %s: all outputs zero" % name)
        return 1
    print("ok %s: %d spikes" % (name, spikes))
    return 0


NET_PATH = None


def main():
    global NET_PATH
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("net")
    ap.add_argument("--dt", type=float, required=True)
    ap.add_argument("--steps", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write-input", metavar="IN.json")
    ap.add_argument("--check", nargs=2, metavar=("IN.json", "OUT.json"))
    args = ap.parse_args()
    NET_PATH = args.net
    net_json = load_network(args.net)
    if args.write_input:
        if not args.steps:
            ap.error("--write-input needs --steps")
        write_input(net_json, args.steps, args.seed, args.write_input)
        return 0
    if args.check:
        return check(net_json, args.dt, args.check[0], args.check[1])
    ap.error("give --write-input or --check")


if __name__ == "__main__":
    sys.exit(main())
