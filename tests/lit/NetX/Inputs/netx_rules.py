#!/usr/bin/python3
"""Checks netx's synapse rules on a spikec run of a small netx file, with
numpy from the file alone: for every layer with iDecay 4096 (u holds only
this step's input), u(t) = 64 * a(t), where a(t) sums weight * spike of the
layer before at step t - 1 - delay, as Lava's Dense, DelayDense and Conv
deliver (one step of buffering, then the delay). pool is slayer's sum pool:
one kernel for every channel. Neurons are in the file's (c, y, x) order.

  netx_rules.py NET RUN     RUN.probe.layer<k>.{out,u}.npy from spikec
"""
import sys

import h5py
import numpy as np


def kind(g):
    t = np.asarray(g["type"][()]).ravel()[0]
    return t.decode() if isinstance(t, bytes) else str(t)


def pair(g, name, default):
    if name not in g:
        return (default, default)
    v = np.asarray(g[name][()]).ravel()
    return (int(v[0]), int(v[-1]))


def conv(x, w, stride, pad, dil, groups):
    """x (C, H, W), w (Co, C / groups, kh, kw): torch's conv2d."""
    c, h, wd = x.shape
    co, cig, kh, kw = w.shape
    xp = np.zeros((c, h + 2 * pad[0], wd + 2 * pad[1]), np.int64)
    xp[:, pad[0]:pad[0] + h, pad[1]:pad[1] + wd] = x
    ho = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    wo = (wd + 2 * pad[1] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((co, ho, wo), np.int64)
    cog = co // groups
    for o in range(co):
        g = o // cog
        for i in range(cig):
            for ky in range(kh):
                for kx in range(kw):
                    y0, x0 = ky * dil[0], kx * dil[1]
                    out[o] += w[o, i, ky, kx] * xp[
                        g * cig + i,
                        y0:y0 + stride[0] * (ho - 1) + 1:stride[0],
                        x0:x0 + stride[1] * (wo - 1) + 1:stride[1]]
    return out


def main():
    net, run = sys.argv[1], sys.argv[2]
    f = h5py.File(net, "r")
    keys = sorted(f["layer"].keys(), key=int)
    prev = None  # (key, (c, h, w))
    checked = 0
    for key in keys:
        g = f["layer"][key]
        t = kind(g)
        shape = tuple(int(v) for v in np.asarray(g["shape"][()]).ravel())
        if t == "input":
            prev = (key, shape)
            continue
        if t == "flatten":
            continue
        assert int(g["neuron/iDecay"][()]) == 4096, "u must hold one step"
        s = np.load(f"{run}.probe.layer{prev[0]}.out.npy").astype(np.int64)
        u = np.load(f"{run}.probe.layer{key}.u.npy").astype(np.int64)
        T = s.shape[0]
        if t == "dense":
            n_out = int(g["outFeatures"][()])
            w = np.asarray(g["weight"][()], np.int64).reshape(n_out, -1)
            d = np.zeros_like(w)
            if "delay" in g:
                dv = np.asarray(g["delay"][()], np.int64).ravel()
                d = (np.broadcast_to(dv.reshape(-1, 1), w.shape)
                     if dv.size == w.shape[0] else
                     np.broadcast_to(dv.reshape(1, -1), w.shape))
            a = np.zeros((T, n_out), np.int64)
            for step in range(T):
                for k in np.unique(d):
                    src = step - 1 - int(k)
                    if src >= 0:
                        a[step] += np.where(d == k, w, 0) @ s[src]
        else:
            cin, h, wd = prev[1]
            if t == "pool":
                kh, kw = pair(g, "kernelSize", 1)
                k = np.asarray(g["weight"][()], np.int64).reshape(kh, kw)
                w = np.zeros((cin, 1, kh, kw), np.int64)
                w[:, 0] = k
                groups = cin
            else:
                w = np.asarray(g["weight"][()], np.int64)
                w = w.reshape(w.shape[:4])
                groups = int(g["groups"][()]) if "groups" in g else 1
            a = np.zeros((T, int(np.prod(shape))), np.int64)
            for step in range(1, T):
                a[step] = conv(s[step - 1].reshape(cin, h, wd), w,
                               pair(g, "stride", 1), pair(g, "padding", 0),
                               pair(g, "dilation", 1), groups).ravel()
        bad = int(np.sum(u != 64 * a))
        fired = int(np.sum(s))
        print(f"layer{key} ({t}): u = 64 * netx's synaptic sum at "
              f"{u.size - bad} of {u.size} neuron-steps ({fired} input "
              f"spikes)")
        if bad:
            sys.exit(1)
        checked += 1
        prev = (key, shape)
    print(f"ok: {checked} layers")


if __name__ == "__main__":
    main()
