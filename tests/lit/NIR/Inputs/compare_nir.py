"""Compares two NIR files node by node: same keys, kinds and edges, and every
parameter equal at f32 precision (spikec keeps parameters as f32). Nested
graphs are compared by their flattened keys, as spikec imports them. An
Output's `shape` may differ in singleton dimensions only (Rockpool writes
[1, 1, 1] for one neuron), since it is not a parameter.

usage: compare_nir.py ORIGINAL.nir EXPORTED.nir
"""
import sys

import h5py
import numpy as np


def as_str(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def flatten(group, prefix=""):
    """{key: {field: array}} and edges (as a set) with nested graphs inlined."""
    nodes, edges = {}, set()
    inner_ports = {}
    for key in group["nodes"]:
        node = group["nodes"][key]
        kind = as_str(node["type"][()])
        if kind == "NIRGraph":
            sub_nodes, sub_edges, ports = flatten(node, prefix + key + ".")
            nodes.update(sub_nodes)
            edges |= sub_edges
            inner_ports[key] = ports
            continue
        nodes[prefix + key] = {f: node[f][()] for f in node if f != "type"}
        nodes[prefix + key]["type"] = kind
    raw = [(as_str(a), as_str(b)) for a, b in group["edges"][()]]
    keys = set(group["nodes"].keys())
    named = {x for e in raw for x in e}
    # snnTorch's nested graphs name 'lif' in edges for the group 'lif1': map
    # a name that is no node to the one unconnected node it prefixes.
    fix = {}
    for name in named - keys:
        cands = [k for k in keys - named if k.startswith(name)]
        if len(cands) == 1:
            fix[name] = cands[0]
    for a, b in raw:
        edges.add((fix.get(a, a), fix.get(b, b)))
    # Resolve edges into/out of nested graphs to their Input/Output nodes and
    # prefix the rest.
    resolved = set()
    for a, b in edges:
        if "." in a or "." in b:
            resolved.add((a, b))
            continue
        if a in inner_ports:
            a = inner_ports[a]["out"]
        else:
            a = prefix + a
        if b in inner_ports:
            b = inner_ports[b]["in"]
        else:
            b = prefix + b
        resolved.add((a, b))
    ins = [k for k, v in nodes.items() if v["type"] == "Input" and k.startswith(prefix)
           and k.count(".") == prefix.count(".")]
    outs = [k for k, v in nodes.items() if v["type"] == "Output" and k.startswith(prefix)
            and k.count(".") == prefix.count(".")]
    return nodes, resolved, {"in": ins[0] if ins else None, "out": outs[0] if outs else None}


def passthrough(nodes, edges):
    """Removes nested Input/Output nodes (pure pass-throughs) from the graph."""
    for key in [k for k, v in nodes.items()
                if "." in k and v["type"] in ("Input", "Output")]:
        ins = [a for a, b in edges if b == key]
        outs = [b for a, b in edges if a == key]
        edges = {(a, b) for a, b in edges if key not in (a, b)}
        edges |= {(a, b) for a in ins for b in outs}
        del nodes[key]
    return nodes, edges


def main():
    a_nodes, a_edges, _ = flatten(h5py.File(sys.argv[1], "r")["node"])
    b_nodes, b_edges, _ = flatten(h5py.File(sys.argv[2], "r")["node"])
    a_nodes, a_edges = passthrough(a_nodes, a_edges)
    problems = []
    if set(a_nodes) != set(b_nodes):
        problems.append(f"node keys differ: {sorted(set(a_nodes) ^ set(b_nodes))}")
    for key in sorted(set(a_nodes) & set(b_nodes)):
        a, b = a_nodes[key], b_nodes[key]
        if a["type"] != b["type"]:
            problems.append(f"{key}: type {a['type']} vs {b['type']}")
            continue
        for field in sorted(set(a) | set(b)):
            if field == "type":
                continue
            if field not in a or field not in b:
                problems.append(f"{key}.{field}: only in {'original' if field in a else 'export'}")
                continue
            x, y = np.asarray(a[field]), np.asarray(b[field])
            if a["type"] == "Output" and field == "shape":
                if np.prod(x) != np.prod(y):
                    problems.append(f"{key}.shape: {x} vs {y}")
                continue
            if x.dtype.kind in "fc":
                x = x.astype(np.float32)
                y = y.astype(np.float32)
            if x.shape != y.shape:
                problems.append(f"{key}.{field}: shape {x.shape} vs {y.shape}")
            elif not np.array_equal(x, y):
                problems.append(f"{key}.{field}: values differ (max {np.max(np.abs(x - y))})")
    if a_edges != b_edges:
        problems.append(f"edges differ: {sorted(a_edges ^ b_edges)}")
    for p in problems:
        print(p)
    if not problems:
        print(f"identical: {len(a_nodes)} nodes, {len(a_edges)} edges")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
