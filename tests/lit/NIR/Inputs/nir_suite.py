"""NIR files written by NIR's own library, and an independent reference for them.

  nir_suite.py write DIR          writes DIR/<name>.nir and DIR/<name>.in.json for
                                  every network below, with nir.write (the way a
                                  framework's exporter writes them), and DIR/names
  nir_suite.py check DIR NAME OUT compares spikec's simulation OUT (spikec simulate
                                  --output) of DIR/NAME.nir on DIR/NAME.in.json
                                  with this file's own simulation of the graph that
                                  nir.read gives back

The reference does not share code or reading with spikec: it reads the file
with NIR's library, flattens nested graphs itself and integrates DESIGN.md
section 3's forward-Euler rule in float64 with layer timing (a feed-forward
edge delivers in the same step, an edge that closes a cycle one step later).
Parameters are rounded to f32 first, as NIR stores them.

Needs PYTHONPATH to hold ../shared/nir-python (NIR 1.0.7).

Longer than 600 lines: the 25 networks and the independent integrator of
every node kind they use live together so that the reference reads only
what nir.read returns.
"""
import json
import sys
from pathlib import Path

import numpy as np

import nir

DT = 1e-4
STEPS = 40
f32 = np.float32


def rng(seed):
    return np.random.default_rng(seed)


# --- the networks -----------------------------------------------------------

def lif(n, r, tau=2e-3, thr=0.5):
    return nir.LIF(tau=np.full(n, tau, f32), r=np.full(n, r, f32),
                   v_leak=np.zeros(n, f32), v_threshold=np.full(n, thr, f32),
                   v_reset=np.zeros(n, f32))


def li(n, r=10.0, tau=2e-3):
    return nir.LI(tau=np.full(n, tau, f32), r=np.full(n, r, f32),
                  v_leak=np.zeros(n, f32))


def affine(g, n_out, n_in, scale=1.0, bias=True):
    w = (g.standard_normal((n_out, n_in)) * scale).astype(f32)
    b = (g.standard_normal(n_out) * 0.1).astype(f32) if bias else np.zeros(n_out, f32)
    return nir.Affine(weight=w, bias=b)


def linear(g, n_out, n_in, scale=1.0):
    return nir.Linear(weight=(g.standard_normal((n_out, n_in)) * scale).astype(f32))


def seq(*nodes, shape):
    """Input(shape) -> nodes... -> Output, keys as nir's from_list names them."""
    return nir.NIRGraph.from_list(nir.Input(input_type=np.array(shape)), *nodes)


def graph(nodes, edges, type_check=True):
    return nir.NIRGraph(nodes=nodes, edges=edges, type_check=type_check)


def inp(*shape):
    return nir.Input(input_type=np.array(shape))


def out(*shape):
    return nir.Output(output_type=np.array(shape))


def networks():
    """name -> (graph, input shapes by input name)."""
    g = rng(1)
    nets = {}
    n = 6
    # One file per node kind, each inside the context a real network has it.
    nets["affine"] = seq(affine(g, n, 8), lif(n, 20.0), shape=[8])
    nets["linear"] = seq(linear(g, n, 8), lif(n, 20.0), shape=[8])
    nets["scale"] = seq(nir.Scale(scale=np.linspace(0.5, 2, 8).astype(f32)),
                        lif(8, 20.0), shape=[8])
    nets["threshold"] = seq(affine(g, n, 8),
                            nir.Threshold(threshold=np.full(n, 0.2, f32)),
                            shape=[8])
    nets["delay"] = seq(nir.Delay(delay=(np.array([0, 1, 2, 3, 5, 7, 8, 9]) * DT).astype(f32)),
                        affine(g, n, 8), lif(n, 20.0), shape=[8])
    nets["i"] = seq(affine(g, n, 8), nir.I(r=np.full(n, 30.0, f32)), shape=[8])
    nets["if"] = seq(affine(g, n, 8),
                     nir.IF(r=np.full(n, 2000.0, f32), v_threshold=np.full(n, 0.5, f32),
                            v_reset=np.zeros(n, f32)), shape=[8])
    nets["li"] = seq(affine(g, n, 8), li(n), shape=[8])
    nets["lif"] = seq(affine(g, n, 8), lif(n, 20.0), shape=[8])
    cuba = dict(tau_syn=np.full(n, 1e-3, f32), tau_mem=np.full(n, 2e-3, f32),
                r=np.full(n, 30.0, f32), v_leak=np.zeros(n, f32),
                w_in=np.full(n, 1.0, f32))
    nets["cubali"] = seq(affine(g, n, 8), nir.CubaLI(**cuba), shape=[8])
    nets["cubalif"] = seq(affine(g, n, 8),
                          nir.CubaLIF(**cuba, v_threshold=np.full(n, 0.3, f32),
                                      v_reset=np.zeros(n, f32)), shape=[8])
    w1 = (g.standard_normal((3, 2, 3)) * 0.8).astype(f32)
    nets["conv1d"] = seq(
        nir.Conv1d(input_shape=12, weight=w1, stride=2, padding=1, dilation=1,
                   groups=1, bias=np.zeros(3, f32)),
        nir.Flatten(input_type={"input": np.array([3, 6])}, start_dim=0),
        lif(18, 20.0), shape=[2, 12])
    w2 = (g.standard_normal((3, 2, 3, 3)) * 0.8).astype(f32)
    nets["conv2d"] = seq(
        nir.Conv2d(input_shape=(6, 6), weight=w2, stride=1, padding=1, dilation=1,
                   groups=1, bias=(g.standard_normal(3) * 0.1).astype(f32)),
        nir.IF(r=np.full((3, 6, 6), 2000.0, f32), v_threshold=np.full((3, 6, 6), 0.5, f32),
               v_reset=np.zeros((3, 6, 6), f32)), shape=[2, 6, 6])
    for kind, pool in (("sumpool2d", nir.SumPool2d), ("avgpool2d", nir.AvgPool2d)):
        fc = affine(g, n, 18, 1.0 if kind == "sumpool2d" else 0.05)
        if kind == "avgpool2d":
            # Averages are small: excitatory weights, so that the LIF fires.
            fc.weight = np.abs(fc.weight)
        nets[kind] = seq(
            pool(kernel_size=np.array([2, 2]), stride=np.array([2, 2]),
                 padding=np.array([0, 0])),
            nir.Flatten(input_type={"input": np.array([2, 3, 3])}, start_dim=0),
            fc, lif(n, 20.0), shape=[2, 6, 6])
    nets["flatten"] = seq(
        nir.Flatten(input_type={"input": np.array([2, 2, 2])}, start_dim=0),
        affine(g, n, 8), lif(n, 20.0), shape=[2, 2, 2])

    # Nested graphs: in the middle, as the only node, with inner keys that
    # are not snnTorch's, two levels deep, and holding a recurrent edge.
    def inner(n_in, keys=("input", "output"), inner_n=None):
        m = inner_n or n_in
        return graph({keys[0]: inp(n_in), "lif": lif(m, 20.0), keys[1]: out(m)},
                     [(keys[0], "lif"), ("lif", keys[1])])
    nets["nested_middle"] = graph(
        {"input": inp(8), "fc1": linear(g, n, 8), "sub": inner(n),
         "fc2": linear(g, 4, n), "lif2": lif(4, 20.0), "output": out(4)},
        [("input", "fc1"), ("fc1", "sub"), ("sub", "fc2"), ("fc2", "lif2"),
         ("lif2", "output")])
    only = graph({"input": inp(8), "fc": affine(g, n, 8), "lif": lif(n, 20.0),
                  "output": out(n)},
                 [("input", "fc"), ("fc", "lif"), ("lif", "output")])
    nets["nested_only"] = graph({"net": only}, [], type_check=False)
    nets["nested_renamed"] = graph(
        {"input": inp(8), "fc1": linear(g, n, 8), "layer": inner(n, ("x_in", "y_out")),
         "output": out(n)},
        [("input", "fc1"), ("fc1", "layer"), ("layer", "output")])
    level2 = graph({"a": inp(n), "fc": linear(g, n, n), "b": inner(n, ("p", "q")),
                    "z": out(n)},
                   [("a", "fc"), ("fc", "b"), ("b", "z")])
    nets["nested_two_levels"] = graph(
        {"input": inp(8), "fc1": linear(g, n, 8), "outer": level2, "output": out(n)},
        [("input", "fc1"), ("fc1", "outer"), ("outer", "output")])
    rnn = graph({"input": inp(n), "lif": lif(n, 20.0), "rec": linear(g, n, n, 0.7),
                 "output": out(n)},
                [("input", "lif"), ("lif", "rec"), ("rec", "lif"), ("lif", "output")])
    nets["nested_recurrent"] = graph(
        {"input": inp(8), "fc1": linear(g, n, 8), "rnn": rnn, "fc2": affine(g, 3, n),
         "readout": li(3), "output": out(3)},
        [("input", "fc1"), ("fc1", "rnn"), ("rnn", "fc2"), ("fc2", "readout"),
         ("readout", "output")])
    # Two inputs into a subgraph and two outputs out of it: NIR names the
    # subgraph's own Input/Output node after a dot.
    two = graph({"in_a": inp(4), "in_b": inp(4), "fa": linear(g, n, 4),
                 "fb": linear(g, n, 4), "lif": lif(n, 20.0), "ro": li(n),
                 "spk": out(n), "mem": out(n)},
                [("in_a", "fa"), ("in_b", "fb"), ("fa", "lif"), ("fb", "lif"),
                 ("lif", "spk"), ("fa", "ro"), ("ro", "mem")], type_check=False)
    nets["nested_multi_io"] = graph(
        {"x": inp(4), "y": inp(4), "block": two, "spikes": out(n), "membrane": out(n)},
        [("x", "block.in_a"), ("y", "block.in_b"), ("block.spk", "spikes"),
         ("block.mem", "membrane")], type_check=False)

    # Recurrence at the top level, and several inputs and outputs.
    nets["recurrent"] = graph(
        {"input": inp(8), "fc": affine(g, n, 8), "lif": lif(n, 20.0),
         "rec": linear(g, n, n, 0.7), "fc2": affine(g, 3, n), "readout": li(3),
         "output": out(3)},
        [("input", "fc"), ("fc", "lif"), ("lif", "rec"), ("rec", "lif"),
         ("lif", "fc2"), ("fc2", "readout"), ("readout", "output")])
    nets["multi_io"] = graph(
        {"a": inp(5), "b": inp(3), "fa": linear(g, n, 5), "fb": linear(g, n, 3),
         "lif": lif(n, 20.0), "fo": affine(g, 2, n), "lif_o": lif(2, 20.0),
         "spikes": out(n), "decision": out(2)},
        [("a", "fa"), ("b", "fb"), ("fa", "lif"), ("fb", "lif"), ("lif", "spikes"),
         ("lif", "fo"), ("fo", "lif_o"), ("lif_o", "decision")])

    # A CNN with every layer kind a converted CNN has.
    c1 = (g.standard_normal((4, 2, 3, 3)) * 0.9).astype(f32)
    c2 = (g.standard_normal((4, 4, 3, 3)) * 0.6).astype(f32)
    nets["cnn_all"] = graph(
        {"input": inp(2, 10, 10),
         "conv1": nir.Conv2d(input_shape=(10, 10), weight=c1, stride=1, padding=1,
                             dilation=1, groups=1, bias=np.zeros(4, f32)),
         "if1": nir.IF(r=np.full((4, 10, 10), 2000.0, f32),
                       v_threshold=np.full((4, 10, 10), 0.5, f32),
                       v_reset=np.zeros((4, 10, 10), f32)),
         "pool1": nir.SumPool2d(kernel_size=np.array([2, 2]), stride=np.array([2, 2]),
                                padding=np.array([0, 0])),
         "conv2": nir.Conv2d(input_shape=(5, 5), weight=c2, stride=2, padding=1,
                             dilation=1, groups=1, bias=np.zeros(4, f32)),
         "lif2": lif((4, 3, 3), 20.0),
         "pool2": nir.AvgPool2d(kernel_size=np.array([1, 1]), stride=np.array([1, 1]),
                                padding=np.array([0, 0])),
         "flat": nir.Flatten(input_type={"input": np.array([4, 3, 3])}, start_dim=0),
         "fc": affine(g, 5, 36, 0.8),
         "cuba": nir.CubaLIF(tau_syn=np.full(5, 1e-3, f32), tau_mem=np.full(5, 2e-3, f32),
                             r=np.full(5, 30.0, f32), v_leak=np.zeros(5, f32),
                             w_in=np.ones(5, f32), v_threshold=np.full(5, 0.3, f32),
                             v_reset=np.zeros(5, f32)),
         "fc_out": affine(g, 3, 5),
         "readout": li(3),
         "output": out(3)},
        [("input", "conv1"), ("conv1", "if1"), ("if1", "pool1"), ("pool1", "conv2"),
         ("conv2", "lif2"), ("lif2", "pool2"), ("pool2", "flat"), ("flat", "fc"),
         ("fc", "cuba"), ("cuba", "fc_out"), ("fc_out", "readout"),
         ("readout", "output")], type_check=False)
    return nets


def bad_networks():
    """Files a careless exporter could write, each with the error it must get."""
    g = rng(2)
    two = graph({"in_a": inp(4), "in_b": inp(4), "fa": linear(g, 4, 4),
                 "fb": linear(g, 4, 4), "lif": lif(4, 20.0), "out": out(4)},
                [("in_a", "fa"), ("in_b", "fb"), ("fa", "lif"), ("fb", "lif"),
                 ("lif", "out")], type_check=False)
    return {
        # Which of the two Input nodes?
        "ambiguous": graph({"x": inp(4), "block": two, "y": out(4)},
                           [("x", "block"), ("block", "y")], type_check=False),
        # A port the nested graph does not have.
        "no_port": graph({"x": inp(4), "block": two, "y": out(4)},
                         [("x", "block.in_c"), ("x", "block.in_a"),
                          ("x", "block.in_b"), ("block", "y")], type_check=False),
        # Legal but almost surely swapped: reset above threshold.
        "reset_above": seq(affine(g, 4, 4),
                           nir.LIF(tau=np.full(4, 2e-3, f32), r=np.ones(4, f32),
                                   v_leak=np.zeros(4, f32),
                                   v_threshold=np.full(4, 0.5, f32),
                                   v_reset=np.array([0, 0, 0.8, 0], f32)),
                           shape=[4]),
        # Absurd sizes: an element count that overflows int64, and one that
        # fits but would take hundreds of GiB.
        "overflow": graph({"input": inp(2**32, 2**32, 2**32), "lif": lif(1, 1.0),
                           "out": out(2**32, 2**32, 2**32)},
                          [("input", "lif"), ("lif", "out")], type_check=False),
        "huge": graph({"input": inp(1, 60000, 60000), "lif": lif(1, 1.0),
                       "out": out(1, 60000, 60000)},
                      [("input", "lif"), ("lif", "out")], type_check=False),
        # Nothing feeds the network.
        "no_input": graph({"fc": linear(g, 4, 4), "lif": lif(4, 20.0), "y": out(4)},
                          [("fc", "lif"), ("lif", "y")], type_check=False),
    }


def write_legacy(d):
    """NIR 0.0.x files (no /version; /nodes/<index> and integer /edges at the
    root; Linear with 'weights' and a bias; the threshold 'v_th', as 0.0.2
    and 0.0.3 wrote it, or 'v_threshold' as 0.0.4-0.0.5 did), written with
    h5py the way NIR 0.0.x's write() did, each beside a NIR 1.0 twin
    (legacy_*.nir) that nir.read can give the reference."""
    import h5py
    g = rng(3)
    w = (g.standard_normal((5, 4)) * 1.0).astype(f32)
    b = (g.standard_normal(5) * 0.1).astype(f32)
    for name, threshold_field in (("legacy_v003", "v_th"), ("legacy_v005", "v_threshold")):
        with h5py.File(d / f"{name}.old.nir", "w") as f:
            nodes = f.create_group("nodes")
            n0 = nodes.create_group("0")
            n0.create_dataset("type", data="Input", dtype=h5py.string_dtype())
            n0.create_dataset("shape", data=np.array([4]))
            n1 = nodes.create_group("1")
            n1.create_dataset("type", data="Linear", dtype=h5py.string_dtype())
            n1.create_dataset("weights", data=w)
            n1.create_dataset("bias", data=b)
            n2 = nodes.create_group("2")
            n2.create_dataset("type", data="LIF", dtype=h5py.string_dtype())
            n2.create_dataset("tau", data=np.full(5, 2e-3, f32))
            n2.create_dataset("r", data=np.full(5, 20.0, f32))
            n2.create_dataset("v_leak", data=np.zeros(5, f32))
            n2.create_dataset(threshold_field, data=np.full(5, 0.5, f32))
            n3 = nodes.create_group("3")
            n3.create_dataset("type", data="Output", dtype=h5py.string_dtype())
            f.create_dataset("edges", data=np.array([[0, 1], [1, 2], [2, 3]]))
        twin = graph({"0": inp(4), "1": nir.Affine(weight=w, bias=b), "2": lif(5, 20.0),
                      "3": out(5)}, [("0", "1"), ("1", "2"), ("2", "3")])
        nir.write(d / f"{name}.nir", twin)
        r = rng(7)
        json.dump((r.random((STEPS, 4)) < 0.3).astype(float).tolist(),
                  open(d / f"{name}.in.json", "w"))


def graph_inputs(g):
    """name -> shape of the graph's inputs, nested-only graphs included."""
    ins = {k: v for k, v in g.nodes.items() if isinstance(v, nir.Input)}
    if ins:
        return {k: [int(d) for d in v.input_type["input"]] for k, v in ins.items()}
    subs = [v for v in g.nodes.values() if isinstance(v, nir.NIRGraph)]
    return graph_inputs(subs[0])


def write(directory):
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    names = []
    for i, (name, g) in enumerate(networks().items()):
        nir.write(d / f"{name}.nir", g)
        r = rng(100 + i)
        shapes = graph_inputs(g)
        rows = {k: (r.random((STEPS, int(np.prod(s)))) < 0.3).astype(float).tolist()
                for k, s in shapes.items()}
        json.dump(rows if len(rows) > 1 else next(iter(rows.values())),
                  open(d / f"{name}.in.json", "w"))
        names.append(name)
    (d / "names").write_text("\n".join(names) + "\n")
    for name, g in bad_networks().items():
        nir.write(d / f"bad_{name}.nir", g)
    write_legacy(d)


# --- the reference ----------------------------------------------------------

class Flat:
    """A NIR graph flattened: nodes by dotted key, edges between them."""

    def __init__(self, g):
        self.nodes, self.edges = {}, []
        self.inputs, self.outputs = [], []
        self.add(g, "", root=True)

    def add(self, g, prefix, root):
        """Adds graph g's nodes; returns (inputs, outputs) keys of g."""
        ins, outs = [], []
        ends = {}
        for k, node in g.nodes.items():
            key = prefix + k
            if isinstance(node, nir.NIRGraph):
                sub_in, sub_out = self.add(node, key + ".", root=False)
                ends[k] = (sub_in, sub_out)
                continue
            self.nodes[key] = node
            ends[k] = ([key], [key])
            if isinstance(node, nir.Input):
                ins.append(key)
            if isinstance(node, nir.Output):
                outs.append(key)
        for a, b in g.edges:
            self.edges.append((self.end(ends, prefix, a, 1), self.end(ends, prefix, b, 0)))
        if root:
            connected_in = {b for _, b in self.edges}
            connected_out = {a for a, _ in self.edges}
            # A root with no ports of its own uses its subgraphs'.
            self.inputs = ins or [k for k, v in self.nodes.items()
                                  if isinstance(v, nir.Input) and k not in connected_in]
            self.outputs = outs or [k for k, v in self.nodes.items()
                                    if isinstance(v, nir.Output) and k not in connected_out]
        return ins, outs

    @staticmethod
    def end(ends, prefix, name, side):
        if name in ends:
            keys = ends[name][side]
            assert len(keys) == 1, f"{prefix}{name}: several ports, name one"
            return keys[0]
        head, _, rest = name.partition(".")
        assert head in ends and rest, f"no node {prefix}{name}"
        return prefix + name


def conv(x, w, b, stride, pad, dil, groups):
    """PyTorch's convolution of one sample (C, *spatial)."""
    dims = w.ndim - 2
    stride, pad, dil = (np.broadcast_to(np.asarray(v).ravel(), dims) if np.size(v) <= dims
                        else np.asarray(v) for v in (stride, pad, dil))
    xp = np.pad(x, [(0, 0)] + [(int(p), int(p)) for p in pad])
    k = w.shape[2:]
    osz = [(xp.shape[1 + d] - dil[d] * (k[d] - 1) - 1) // stride[d] + 1 for d in range(dims)]
    y = np.zeros((w.shape[0], *osz))
    cin = w.shape[1]
    per = w.shape[0] // groups
    for o in range(w.shape[0]):
        gidx = o // per
        for idx in np.ndindex(*osz):
            acc = 0.0
            for kk in np.ndindex(*k):
                pos = tuple(idx[d] * stride[d] + kk[d] * dil[d] for d in range(dims))
                acc += np.dot(w[(o, slice(None)) + kk],
                              xp[(slice(gidx * cin, (gidx + 1) * cin),) + pos])
            y[(o,) + idx] = acc
    if b is not None:
        y += np.asarray(b, float).reshape(-1, *([1] * dims))
    return y


def pool(x, k, s, p, avg):
    k, s, p = (np.broadcast_to(np.asarray(v).ravel(), 2) for v in (k, s, p))
    xp = np.pad(x, [(0, 0), (int(p[0]), int(p[0])), (int(p[1]), int(p[1]))])
    oh = (xp.shape[1] - k[0]) // s[0] + 1
    ow = (xp.shape[2] - k[1]) // s[1] + 1
    y = np.zeros((x.shape[0], oh, ow))
    for i in range(oh):
        for j in range(ow):
            y[:, i, j] = xp[:, i * s[0]:i * s[0] + k[0], j * s[1]:j * s[1] + k[1]].sum(axis=(1, 2))
    return y / (k[0] * k[1]) if avg else y


def p64(a):
    return np.asarray(a, dtype=f32).astype(float)


def simulate(flat, rows, steps):
    nodes, edges = flat.nodes, flat.edges
    # Layer timing: order the nodes depth-first from the inputs; an edge that
    # closes a cycle (into a node still on the stack) is delayed by one step.
    order, state, delayed = [], {}, set()
    succ = {k: [] for k in nodes}
    for a, b in edges:
        succ[a].append(b)

    def visit(k):
        state[k] = 1
        for b in succ[k]:
            if state.get(b) == 1:
                delayed.add((k, b))
            elif b not in state:
                visit(b)
        state[k] = 2
        order.append(k)
    for k in flat.inputs:
        visit(k)
    for k in nodes:
        if k not in state:
            visit(k)
    order.reverse()
    preds = {k: [] for k in nodes}
    for a, b in edges:
        preds[b].append(a)

    cur, prev, mem = {}, {}, {}
    outs = {k: [] for k in flat.outputs}
    probes = {}
    for t in range(steps):
        for k in order:
            node = nodes[k]
            if k in flat.inputs:
                cur[k] = np.asarray(rows[k][t], float).reshape(
                    [int(d) for d in node.input_type["input"]])
                continue
            x = None
            for a in preds[k]:
                v = prev.get(a) if (a, k) in delayed else cur.get(a)
                if v is None:
                    continue
                x = v if x is None else x + v
            y = step(k, node, x, mem, t)
            cur[k] = y
            if isinstance(node, (nir.LIF, nir.IF, nir.CubaLIF, nir.LI, nir.CubaLI, nir.I)):
                probes.setdefault(k, []).append(mem[k]["v"].ravel().copy())
        for k in flat.outputs:
            outs[k].append(cur[k].ravel().copy())
        prev = dict(cur)
    return outs, probes


def step(k, node, x, mem, t):
    if isinstance(node, (nir.Input, nir.Output)):
        return x
    if isinstance(node, nir.Affine):
        return p64(node.weight) @ x.ravel() + p64(node.bias)
    if isinstance(node, nir.Linear):
        return p64(node.weight) @ x.ravel()
    if isinstance(node, nir.Scale):
        return p64(node.scale) * x
    if isinstance(node, nir.Threshold):
        return (x > p64(node.threshold)).astype(float)
    if isinstance(node, nir.Flatten):
        return x.ravel()
    if isinstance(node, (nir.Conv1d, nir.Conv2d)):
        return conv(x, p64(node.weight), None if node.bias is None else p64(node.bias),
                    node.stride, node.padding, node.dilation, int(node.groups))
    if isinstance(node, (nir.SumPool2d, nir.AvgPool2d)):
        return pool(x, node.kernel_size, node.stride, node.padding,
                    isinstance(node, nir.AvgPool2d))
    if isinstance(node, nir.Delay):
        s = mem.setdefault(k, {"ring": [], "v": np.zeros(0)})
        s["ring"].append(x.copy())
        hold = np.rint(p64(node.delay) / DT).astype(int)
        y = np.zeros_like(x)
        for i, h in enumerate(hold.ravel()):
            if t - h >= 0:
                y.flat[i] = s["ring"][t - h].flat[i]
        return y
    s = mem.setdefault(k, {"v": np.zeros(x.shape), "i": np.zeros(x.shape)})
    v = s["v"]
    if isinstance(node, nir.I):
        v = v + DT * p64(node.r) * x
    elif isinstance(node, nir.IF):
        v = v + DT * p64(node.r) * x
    elif isinstance(node, (nir.LI, nir.LIF)):
        v = v + DT / p64(node.tau) * (p64(node.v_leak) - v + p64(node.r) * x)
    else:  # CubaLI, CubaLIF: the membrane takes the old current
        i_old = s["i"]
        s["i"] = i_old + DT / p64(node.tau_syn) * (-i_old + p64(node.w_in) * x)
        v = v + DT / p64(node.tau_mem) * (p64(node.v_leak) - v + p64(node.r) * i_old)
    if isinstance(node, (nir.IF, nir.LIF, nir.CubaLIF)):
        z = v > p64(node.v_threshold)
        v = np.where(z, p64(node.v_reset), v)
        s["v"] = v
        return z.astype(float)
    s["v"] = v
    return v


def read(path):
    """nir.read, type checks and all. NIR 1.0.7's type inference cannot take
    a nested graph with several Input nodes (edges 'graph.key', the form NIR
    issue #28 settled on), so such a file is read with the checks off."""
    try:
        return nir.read(path)
    except (KeyError, ValueError, NotImplementedError):
        init = nir.NIRGraph.__init__

        def unchecked(self, *args, **kwargs):
            kwargs["type_check"] = False
            init(self, *args, **kwargs)
        nir.NIRGraph.__init__ = unchecked
        try:
            return nir.read(path)
        finally:
            nir.NIRGraph.__init__ = init


def check(directory, name, out_path):
    d = Path(directory)
    g = read(d / f"{name}.nir")
    flat = Flat(g)
    given = json.load(open(d / f"{name}.in.json"))
    rows = given if isinstance(given, dict) else {flat.inputs[0]: given}
    # spikec names a nested input by its path; match by the last component.
    def last(name):
        return name.split(".")[-1]
    rows = {k: next(v for n, v in rows.items() if last(n) == last(k))
            for k in flat.inputs}
    steps = len(next(iter(rows.values())))
    ref, probes = simulate(flat, rows, steps)
    got = json.load(open(out_path))
    bad = 0
    spikes = 0
    for k, series in ref.items():
        short = k.split(".")[-1]
        cand = [n for n in got["outputs"] if n == k or n.split(".")[-1] == short]
        if len(ref) == 1 and len(got["outputs"]) == 1:
            # nir.read gives a root without its own Output one ('output_x').
            cand = list(got["outputs"])
        if len(cand) != 1:
            print(f"{name}: output {k}: spikec has {sorted(got['outputs'])}")
            return 1
        mine = np.array(series)
        theirs = np.array(got["outputs"][cand[0]], float)
        if mine.shape != theirs.shape:
            print(f"{name}: output {k}: shape {theirs.shape}, reference {mine.shape}")
            return 1
        scale = max(1.0, float(np.abs(mine).max()))
        err = np.abs(mine - theirs)
        spikes += int((mine != 0).sum())
        if err.max() > 1e-5 * scale:
            t, e = np.unravel_index(int(err.argmax()), err.shape)
            print(f"{name}: output {k} differs first at step {t}, element {e}: "
                  f"spikec {theirs[t, e]:g}, reference {mine[t, e]:g}")
            bad += 1
    compared = 0
    for k, series in probes.items():
        probe = got.get("probes", {}).get(k + ":v")
        if probe is None:
            continue
        compared += 1
        err = np.abs(np.array(series) - np.array(probe, float))
        if err.max() > 1e-5 * max(1.0, float(np.abs(series).max())):
            print(f"{name}: {k}:v differs by up to {err.max():g}")
            bad += 1
    if bad:
        return 1
    print(f"{name}: agrees with the reference ({steps} steps, {spikes} nonzero "
          f"outputs, {compared} of {len(probes)} membranes probed)")
    return 0


def main():
    if sys.argv[1] == "write":
        write(sys.argv[2])
        return 0
    if sys.argv[1] == "check":
        return check(*sys.argv[2:5])
    if sys.argv[1] == "neurons":
        # The neuron keys of a file, for --probe
        flat = Flat(read(sys.argv[2]))
        print(" ".join(k for k, v in flat.nodes.items()
                       if isinstance(v, (nir.LIF, nir.IF, nir.CubaLIF, nir.LI,
                                         nir.CubaLI, nir.I))))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
