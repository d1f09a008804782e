"""A small NIR (HDF5) writer: the layout spikec's importer reads.

/version is a string; /node is a group with type "NIRGraph", a group "nodes"
(one group per node: a string "type" and its parameters as datasets) and
"edges", an (E, 2) array of variable-length UTF-8 strings (source, target).
Parameters follow NIR 1.0: Affine weight is (out, in) and y = W x + b; LIF is
tau dv/dt = (v_leak - v) + r x, a spike when v > v_threshold, then v = v_reset.
Time constants are in seconds; spikec discretizes them with its --dt.
"""

import h5py
import numpy as np

_STR = h5py.string_dtype("utf-8")


def _node(nodes, key, kind, **params):
    g = nodes.create_group(key)
    g.create_dataset("type", data=kind, dtype=_STR)
    for name, value in params.items():
        g.create_dataset(name, data=value)
    return g


def write_nir(path, nodes, edges):
    """nodes: [(key, type, {param: array})]; edges: [(source, target)]."""
    with h5py.File(path, "w") as f:
        f.create_dataset("version", data="1.0.0", dtype=_STR)
        graph = f.create_group("node")
        graph.create_dataset("type", data="NIRGraph", dtype=_STR)
        group = graph.create_group("nodes")
        for key, kind, params in nodes:
            _node(group, key, kind, **params)
        graph.create_dataset("edges", data=np.array(edges, dtype=object),
                             dtype=_STR)


def input_node(key, shape):
    return (key, "Input", {"shape": np.asarray(shape, dtype=np.int64)})


def output_node(key, shape):
    return (key, "Output", {"shape": np.asarray(shape, dtype=np.int64)})


def affine_node(key, weight, bias=None):
    params = {"weight": np.asarray(weight, dtype=np.float32)}
    if bias is not None:
        params["bias"] = np.asarray(bias, dtype=np.float32)
        return (key, "Affine", params)
    return (key, "Linear", params)


def lif_node(key, n, tau, r, v_threshold, v_leak=0.0, v_reset=0.0):
    """A LIF population of n neurons; scalars are broadcast to (n,), in
    float64 so that dt / tau is what the caller meant."""
    full = lambda x: np.full((n,), x, dtype=np.float64)
    return (key, "LIF", {"tau": full(tau), "r": full(r),
                         "v_leak": full(v_leak),
                         "v_threshold": full(v_threshold),
                         "v_reset": full(v_reset)})
