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


def conv2d_node(key, weight, bias=None, stride=1, padding=0):
    """A Conv2d as PyTorch's: weight (C_out, C_in, Kh, Kw), stride and
    padding as ints or pairs, no dilation, one group."""
    pair = lambda x: np.broadcast_to(np.asarray(x, dtype=np.int64), (2,))
    params = {"weight": np.asarray(weight, dtype=np.float32),
              "stride": pair(stride), "padding": pair(padding),
              "dilation": pair(1), "groups": np.int64(1)}
    if bias is not None:
        params["bias"] = np.asarray(bias, dtype=np.float32)
    return (key, "Conv2d", params)


def flatten_node(key, input_shape):
    """Flattens a (C, H, W) tensor, batch-free as NIR graphs store shapes:
    start_dim 0 (the importer's default, 1, keeps C apart)."""
    return (key, "Flatten", {"start_dim": np.int64(0), "end_dim": np.int64(-1),
                             "input_type": np.asarray(input_shape,
                                                      dtype=np.int64)})


def if_node(key, n, r, v_threshold, v_reset=0.0):
    """An IF population of n neurons: dv/dt = r x (r per second, so r =
    1 / dt adds the input with weight 1 per step), a spike when v >
    v_threshold, then v = v_reset. Scalars or (n,) arrays, in float64."""
    full = lambda x: np.broadcast_to(np.asarray(x, dtype=np.float64), (n,)).copy()
    return (key, "IF", {"r": full(r), "v_threshold": full(v_threshold),
                        "v_reset": full(v_reset)})


def compress_nir(path, min_size=1024):
    """Rewrites a NIR file with its numeric datasets of at least min_size
    elements gzip-compressed (HDF5's deflate filter, which spikec's reader
    undoes): mostly-zero weight matrices shrink about tenfold."""
    with h5py.File(path, "r") as src:
        def load(group):
            return {k: load(v) if isinstance(v, h5py.Group) else v[()]
                    for k, v in group.items()}
        tree = load(src)

    def store(group, items):
        for k, v in items.items():
            if isinstance(v, dict):
                store(group.create_group(k), v)
            elif isinstance(v, np.ndarray) and v.dtype.kind in "fiu" and v.size >= min_size:
                group.create_dataset(k, data=v, compression="gzip",
                                     compression_opts=9, shuffle=True)
            elif isinstance(v, (bytes, str)) or (isinstance(v, np.ndarray) and v.dtype.kind == "O"):
                group.create_dataset(k, data=v, dtype=_STR)
            else:
                group.create_dataset(k, data=v)
    with h5py.File(path, "w") as dst:
        store(dst, tree)
