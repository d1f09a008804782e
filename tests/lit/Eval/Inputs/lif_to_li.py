"""Copies a NIR file, replacing one LIF node by an LI node with the same
tau, r and v_leak (no threshold, no reset): the trained network with a
membrane readout in place of its spiking output layer.

usage: lif_to_li.py IN.nir OUT.nir NODE
"""
import shutil
import sys

import h5py

src, dst, node = sys.argv[1:4]
shutil.copyfile(src, dst)
with h5py.File(dst, "r+") as f:
    g = f["node/nodes"][node]
    if g["type"][()] not in (b"LIF", "LIF"):
        sys.exit(f"{node} is {g['type'][()]!r}, not LIF")
    for key in ("v_threshold", "v_reset"):
        if key in g:
            del g[key]
    del g["type"]
    g["type"] = "LI"
