"""Writes small broken NIR files into the folder given, one per error case
of errors.test. Each starts from a valid Input -> Affine -> LIF -> Output
graph and breaks one thing."""
import os
import sys

import h5py
import numpy as np


def graph(path, version="0.2.0", nodes=None, edges=None):
    f = h5py.File(path, "w")
    f["version"] = version
    g = f.create_group("node")
    g["type"] = "NIRGraph"
    n = g.create_group("nodes")
    for key, fields in nodes.items():
        grp = n.create_group(key)
        for name, value in fields.items():
            grp[name] = value
    g["edges"] = np.array(edges, dtype=object).astype("S") if edges else np.zeros((0, 2), "S1")
    f.close()


def base(**changes):
    nodes = {
        "in": {"type": "Input", "shape": np.array([2])},
        "fc": {"type": "Affine", "weight": np.ones((3, 2), np.float32),
               "bias": np.zeros(3, np.float32)},
        "lif": {"type": "LIF", "tau": np.full(3, 0.01, np.float32),
                "r": np.ones(3, np.float32), "v_leak": np.zeros(3, np.float32),
                "v_threshold": np.ones(3, np.float32)},
        "out": {"type": "Output", "shape": np.array([3])},
    }
    for key, fields in changes.items():
        if fields is None:
            del nodes[key]
        else:
            nodes[key] = fields
    return nodes


EDGES = [["in", "fc"], ["fc", "lif"], ["lif", "out"]]


def main():
    d = sys.argv[1]
    p = lambda name: os.path.join(d, name)
    lif = base()["lif"]

    no_type = dict(lif)
    del no_type["type"]
    graph(p("no_type.nir"), nodes=base(lif=no_type), edges=EDGES)
    graph(p("unknown_type.nir"), nodes=base(lif=dict(lif, type="Quantum")), edges=EDGES)
    graph(p("dangling_edge.nir"), nodes=base(), edges=[["in", "fc"], ["lif", "nowhere"], ["fc", "lif"]])
    graph(p("bad_weight.nir"), nodes=base(lif=dict(lif, tau=np.array([0.01, 0.02, 0.03], np.float32)),
                                          fc={"type": "Affine", "weight": np.ones((4, 2), np.float32)},
                                          out={"type": "Output", "shape": np.array([4])}), edges=EDGES)
    graph(p("weight_rank.nir"), nodes=base(fc={"type": "Affine", "weight": np.ones(6, np.float32)}), edges=EDGES)
    w = np.ones((3, 2), np.float32)
    w[0, 1] = np.nan
    graph(p("nan_weight.nir"), nodes=base(fc={"type": "Affine", "weight": w}), edges=EDGES)
    graph(p("bad_version.nir"), version="7.3", nodes=base(), edges=EDGES)
    graph(p("no_input_edge.nir"), nodes=base(), edges=[["lif", "out"], ["in", "fc"]])
    graph(p("tau_in_steps.nir"), nodes=base(lif=dict(lif, tau=np.full(3, 20.0, np.float32))), edges=EDGES)
    # tau = dt = 1e-4 s meant, but 1e-4 is no f32.
    graph(p("tau_near_dt.nir"), nodes=base(lif=dict(lif, tau=np.full(3, 1e-4, np.float32))), edges=EDGES)
    # Integers no int64 holds (the fuzzer's nir_tree found the conversions
    # undefined): a shape and a convolution's stride of 1e300.
    graph(p("shape_huge.nir"), nodes=base(**{"in": {"type": "Input", "shape": np.array([1e300])}}),
          edges=EDGES)
    conv = {"type": "Conv1d", "weight": np.ones((2, 2, 1), np.float32), "bias": np.zeros(2, np.float32),
            "stride": np.array([1e300]), "padding": np.array([0]), "dilation": np.array([1]),
            "groups": np.array(1), "input_shape": np.array([4])}
    graph(p("stride_huge.nir"),
          nodes={"in": {"type": "Input", "shape": np.array([2, 4])}, "conv": conv,
                 "out": {"type": "Output", "shape": np.array([2, 4])}},
          edges=[["in", "conv"], ["conv", "out"]])
    # A stride of 0: shapes are inferred at import, before the verifier
    # (nir_tree found the division by 0).
    graph(p("stride_zero.nir"),
          nodes={"in": {"type": "Input", "shape": np.array([2, 4])},
                 "conv": {**conv, "stride": np.array([0])},
                 "out": {"type": "Output", "shape": np.array([2, 4])}},
          edges=[["in", "conv"], ["conv", "out"]])


if __name__ == "__main__":
    main()
