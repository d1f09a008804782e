"""Independent forward-Euler reference for the single-LIF NIR fixtures.

Reads the NIR file with h5py (not with spikec), drives it with the input of
../shared/nir/README.md, integrates DESIGN.md's rule
    v' = v + dt/tau * (v_leak - v + r*x);  spike when v' > v_threshold, v' = v_reset
in float64 and compares with the membrane and spikes spikec printed.

usage: lif_reference.py FILE.nir SPIKEC_OUTPUT.json DT [--write-input PATH]
"""
import json
import sys

import h5py
import numpy as np

PATTERN = ("0 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 0 0 0 1 0 0 0 1 1 0 0 1 "
           "0 1 0 0 1 1 0 1 1 1 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 1 1 1 "
           "1 1 1 1 1 1 1 0 0 0 0 0 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0")


def readme_input():
    """Each of the 100 entries followed by nine zeros: 1000 steps."""
    steps = []
    for v in PATTERN.split():
        steps.append(float(v))
        steps.extend([0.0] * 9)
    return steps


def as_str(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def main():
    if sys.argv[1] == "--write-input":
        json.dump([[x] for x in readme_input()], open(sys.argv[2], "w"))
        return 0
    path, out_path, dt = sys.argv[1], sys.argv[2], float(sys.argv[3])
    nodes = h5py.File(path, "r")["node/nodes"]
    weight, bias, lif = 1.0, 0.0, None
    for key in nodes:
        kind = as_str(nodes[key]["type"][()])
        if kind in ("Affine", "Linear"):
            weight = float(np.asarray(nodes[key]["weight"][()]).ravel()[0])
            if "bias" in nodes[key]:
                bias = float(np.asarray(nodes[key]["bias"][()]).ravel()[0])
        elif kind == "LIF":
            lif = key
    p = {k: float(np.asarray(nodes[lif][k][()]).ravel()[0])
         for k in ("tau", "r", "v_leak", "v_threshold")}
    v_reset = float(np.asarray(nodes[lif]["v_reset"][()]).ravel()[0]) \
        if "v_reset" in nodes[lif] else 0.0
    # spikec stores parameters as f32, as NIR does; use the same values.
    p = {k: float(np.float32(v)) for k, v in p.items()}
    weight, bias = float(np.float32(weight)), float(np.float32(bias))

    v, vs, spikes = 0.0, [], []
    for x in readme_input():
        i = weight * x + bias
        v = v + dt / p["tau"] * (p["v_leak"] - v + p["r"] * i)
        s = v > p["v_threshold"]
        if s:
            v = v_reset
        vs.append(v)
        spikes.append(1.0 if s else 0.0)

    got = json.load(open(out_path))
    out = [row[0] for row in next(iter(got["outputs"].values()))]
    probe = [row[0] for row in got["probes"][lif + ":v"]]
    ref_times = [t for t, s in enumerate(spikes) if s]
    got_times = [t for t, s in enumerate(out) if s]
    if ref_times != got_times:
        print(f"spike times differ:\n  reference {ref_times}\n  spikec    {got_times}")
        return 1
    # Parameters are f32 products in spikec (decay, gain stored as f32), so
    # allow f32 rounding, nothing more.
    err = max(abs(a - b) for a, b in zip(vs, probe))
    scale = max(1.0, max(abs(a) for a in vs))
    if err > 1e-5 * scale:
        print(f"membrane differs: max |error| {err:g} (scale {scale:g})")
        return 1
    print(f"ok: {len(ref_times)} spikes at {ref_times[:8]}..., "
          f"max |dv| {err:.3g} over {len(vs)} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
