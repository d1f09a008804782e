"""An independent reference for lava-dl netx networks on Loihi.

Reads the .net file with h5py and runs Lava's bit-accurate CUBA LIF
(lava/proc/lif/models.py, PyLifModelBitAcc, formulas as in targets/MODELS.md)
behind Dense layers (the sum of the integer weights of the active inputs,
shifted left by act_shift = 6 in the neuron). Timing is the hardware
convention spikec uses: every layer delivers one step later.

  lava_cuba.py --write-input NET IN.json [SEED [P]]   100 steps, p = 0.1
  lava_cuba.py NET IN.json OUT.json               compare every layer's spikes
  lava_cuba.py --write-bad-layer OUT.net          a netx file with a conv layer
"""
import json
import sys

import h5py
import numpy as np

STEPS = 100
P = 0.1
UV_MAX = 2 ** 23              # max_uv_val
V_LIMIT = 2 ** 23 - 1         # pos/neg_voltage_limit
DECAY_SHIFT = 12
DECAY_UNITY = 2 ** 12
ACT_SHIFT = 6
VTH_SHIFT = 6


def read_net(path):
    layers = []
    with h5py.File(path, "r") as f:
        group = f["layer"]
        for key in sorted(group.keys(), key=int):
            g = group[key]
            kind = np.asarray(g["type"][()]).ravel()[0]
            kind = kind.decode() if isinstance(kind, bytes) else str(kind)
            assert kind == "dense", kind
            n = g["neuron"]
            ntype = n["type"][()]
            ntype = ntype.decode() if isinstance(ntype, bytes) else str(ntype)
            assert ntype in ("CUBA", "LOIHI"), ntype
            w = np.asarray(g["weight"][()], dtype=np.float64)
            assert np.all(w == np.round(w))
            layers.append(dict(
                weight=w.astype(np.int64),
                # netx: du = iDecay - 1, dv = vDecay, vth = vThMant, no bias.
                du=int(n["iDecay"][()]) - 1,
                dv=int(n["vDecay"][()]),
                vth=int(n["vThMant"][()])))
    return layers


def trunc_shift(x):
    return np.sign(x) * np.right_shift(np.abs(x), DECAY_SHIFT)


def cuba_step(layer, state, a_in):
    """PyLifModelBitAcc: subthr_dynamics, spiking_activation, reset_voltage."""
    u, v = state
    assert np.all(np.abs(a_in) < 2 ** 15), "dendritic sum beyond 16 bits"
    decay_u = layer["du"] + 1                              # ds_offset = 1
    decayed_curr = trunc_shift(u * (DECAY_UNITY - decay_u))
    decayed_curr = decayed_curr + np.left_shift(a_in, ACT_SHIFT)
    u = np.where(decayed_curr > UV_MAX, decayed_curr - 2 * UV_MAX,
                 decayed_curr)
    u = np.where(u <= -UV_MAX, u + 2 * UV_MAX, u)
    decayed_volt = trunc_shift(v * (DECAY_UNITY - layer["dv"]))  # dm_offset 0
    v = np.clip(decayed_volt + u, -V_LIMIT, V_LIMIT)       # bias = 0
    spikes = v > (layer["vth"] << VTH_SHIFT)
    v = np.where(spikes, 0, v)
    state[0], state[1] = u, v
    return spikes.astype(np.int64)


def run(layers, x):
    T = x.shape[0]
    states = [[np.zeros(l["weight"].shape[0], np.int64),
               np.zeros(l["weight"].shape[0], np.int64)] for l in layers]
    # prev[i]: what feeds layer i, as it was one step ago (input for i = 0).
    prev = [np.zeros(layers[0]["weight"].shape[1], np.int64)] + \
           [np.zeros(l["weight"].shape[0], np.int64) for l in layers[:-1]]
    out = [np.zeros((T, l["weight"].shape[0]), np.int64) for l in layers]
    for t in range(T):
        now = [x[t]]
        for i, layer in enumerate(layers):
            a = layer["weight"] @ prev[i]                  # Dense, bit-accurate
            s = cuba_step(layer, states[i], a)
            out[i][t] = s
            now.append(s)
        prev = now[:len(layers)]
    return out


def main(argv):
    if argv[1] == "--write-input":
        layers = read_net(argv[2])
        seed = int(argv[4]) if len(argv) > 4 else 7
        p = float(argv[5]) if len(argv) > 5 else P
        rng = np.random.default_rng(seed)
        x = (rng.random((STEPS, layers[0]["weight"].shape[1])) < p)
        with open(argv[3], "w") as f:
            json.dump(x.astype(int).tolist(), f)
        return 0
    if argv[1] == "--write-bad-layer":
        with h5py.File(argv[2], "w") as f:
            g = f.create_group("layer/0")
            g["type"] = np.array([b"conv"], dtype="S10")
            g["inFeatures"] = 4
            g["outFeatures"] = 2
            g["weight"] = np.zeros((2, 4), np.float32)
            n = g.create_group("neuron")
            n["type"] = "CUBA"
            n["iDecay"] = 4096
            n["vDecay"] = 400
            n["vThMant"] = 6
        with h5py.File(argv[2].replace(".net", "_neuron.net"), "w") as f:
            g = f.create_group("layer/0")
            g["type"] = np.array([b"dense"], dtype="S10")
            g["inFeatures"] = 4
            g["outFeatures"] = 2
            g["weight"] = np.zeros((2, 4), np.float32)
            n = g.create_group("neuron")
            n["type"] = "SDNN"
        return 0
    layers = read_net(argv[1])
    with open(argv[2]) as f:
        x = np.array(json.load(f), dtype=np.int64)
    with open(argv[3]) as f:
        trace = json.load(f)
    ref = run(layers, x)
    total = 0
    for i, spikes in enumerate(ref):
        got = np.array(trace["probes"]["layer%d:out" % i], dtype=np.int64)
        if got.shape != spikes.shape:
            print("layer %d: shape %s, expected %s" % (i, got.shape,
                                                       spikes.shape))
            return 1
        bad = np.argwhere(got != spikes)
        if len(bad):
            t, n = bad[0]
            print("layer %d: %d mismatches, first at step %d neuron %d "
                  "(spikec %d, lava %d)" % (i, len(bad), t, n, got[t, n],
                                           spikes[t, n]))
            return 1
        total += int(spikes.sum())
    out = np.array(trace["outputs"]["output"], dtype=np.int64)
    if not np.array_equal(out, ref[-1]):
        print("output differs from the last layer's spikes")
        return 1
    print("ok: %d spikes, layer spikes %s" %
          (total, [int(s.sum()) for s in ref]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
