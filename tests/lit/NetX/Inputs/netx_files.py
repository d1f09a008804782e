#!/usr/bin/python3
"""Writes small lava-dl netx files, as lava-dl's slayer exports them, for the
import tests: a valid one (ok.net: input 1x4x4 with a neuron, conv 2x3x3,
flatten, dense 8 -> 3 with delays, pool variant) and one broken copy per
malformation, each named after it.

  netx_files.py OUTDIR
"""
import os
import sys

import h5py
import numpy as np


def neuron(g, **over):
    n = g.create_group("neuron")
    values = dict(type="LOIHI", iDecay=4096, vDecay=1024, vThMant=25,
                  refDelay=1)
    values.update(over)
    for k, v in values.items():
        if v is not None:
            n[k] = v


def kind(g, name):
    g.create_dataset("type", (1,), "S10", [name.encode()])


def base(f, *, conv_weight=None, conv_shape=(2, 2, 2), dense_in=8,
         bias=None, dense_weight=None, delay=None, input_neuron=True,
         flatten=True, layer1="conv", neuron_over=None, input_shape=(1, 4, 4)):
    g = f.create_group("layer/0")
    kind(g, "input")
    g["shape"] = np.array(input_shape, np.int64)
    g["weight"] = np.float32(36)  # Lava's transform, not applied
    g["bias"] = np.float32(34)
    if input_neuron:
        neuron(g)
    g = f.create_group("layer/1")
    kind(g, layer1)
    g["shape"] = np.array(conv_shape)
    g["stride"] = np.array([1, 1])
    g["padding"] = np.array([0, 0])
    g["dilation"] = np.array([1, 1])
    g["groups"] = 1
    g["kernelSize"] = np.array([3, 3])
    if layer1 == "pool":
        g["weight"] = np.full((1, 1, 3, 3), 2, np.float32)
    else:
        w = np.arange(18, dtype=np.float32).reshape(2, 1, 3, 3) - 8
        g["weight"] = w if conv_weight is None else conv_weight
        g["bias"] = np.array([3, -2], np.float32) if bias is None else bias
    neuron(g, **(neuron_over or {}))
    k = 2
    if flatten:
        g = f.create_group(f"layer/{k}")
        kind(g, "flatten")
        g["shape"] = np.array([1, 1, int(np.prod(conv_shape))])
        k += 1
    g = f.create_group(f"layer/{k}")
    kind(g, "dense")
    g["shape"] = np.array([3, 1, 1])
    g["inFeatures"] = dense_in
    g["outFeatures"] = 3
    g["weight"] = (np.arange(24, dtype=np.float32).reshape(3, 8) % 7 - 3
                   if dense_weight is None else dense_weight)
    g["bias"] = np.array([0, 1, 2], np.float32)
    if delay is not None:
        g["delay"] = delay
    neuron(g)


CASES = {
    "ok": dict(),
    "ok_delay": dict(delay=np.array([0, 2, 0], np.float32)),
    "pool": dict(layer1="pool", conv_shape=(1, 2, 2), dense_in=4,
                 dense_weight=np.array([[1, -2, 3, 4]] * 3, np.float32)),
    "conv_weight": dict(conv_weight=np.zeros((2, 3, 3, 3), np.float32)),
    "conv_shape": dict(conv_shape=(2, 3, 3), dense_in=18),
    "dense_in": dict(dense_in=9),
    "bias_range": dict(bias=np.array([5000, 0], np.float32)),
    "bias_fraction": dict(bias=np.array([0.5, 0], np.float32)),
    "weight_fraction": dict(dense_weight=np.full((3, 8), 0.25, np.float32)),
    "weight_range": dict(dense_weight=np.full((3, 8), 301, np.float32)),
    "delay_shape": dict(delay=np.zeros(5, np.float32)),
    "delay_negative": dict(delay=np.array([-1, 0, 0], np.float32)),
    "no_flatten": dict(flatten=False),
    "idecay": dict(neuron_over=dict(iDecay=0)),
    "graded": dict(neuron_over=dict(gradedSpike=1)),
    "rf": dict(neuron_over=dict(type="RF_IZ")),
    "mixed": dict(neuron_over=dict(type="SDNN")),
    "unknown_neuron": dict(neuron_over=dict(type="ALIF")),
    "no_vth": dict(neuron_over=dict(vThMant=None)),
    "no_input_neuron": dict(input_neuron=False),
    # Sizes no chip holds (the importer refuses them before allocating).
    "huge_input": dict(input_shape=(3, 5000, 5000)),
    "huge_host_input": dict(input_shape=(3, 5000, 5000), input_neuron=False),
    "overflow_input": dict(input_shape=(10**9, 10**9, 10**9)),
}


def main():
    out = sys.argv[1]
    for name, args in CASES.items():
        with h5py.File(os.path.join(out, name + ".net"), "w") as f:
            base(f, **args)
    # Layers spikec refuses by type.
    for name in ("average", "convT", "dense_rec"):
        with h5py.File(os.path.join(out, name + ".net"), "w") as f:
            base(f)
            del f["layer/3/type"]
            kind(f["layer/3"], name)
    with h5py.File(os.path.join(out, "huge_dense.net"), "w") as f:
        base(f)
        del f["layer/3/outFeatures"]
        f["layer/3/outFeatures"] = 10**9
    with h5py.File(os.path.join(out, "no_neuron.net"), "w") as f:
        base(f)
        del f["layer/3/neuron"]
    # A flat input layer (shape (16,)) straight into a dense layer; its bias
    # is Lava's (16,) array.
    with h5py.File(os.path.join(out, "flat.net"), "w") as f:
        g = f.create_group("layer/0")
        kind(g, "input")
        g["shape"] = np.array([16])
        neuron(g)
        g = f.create_group("layer/1")
        kind(g, "dense")
        g["inFeatures"] = 16
        g["outFeatures"] = 2
        g["weight"] = np.ones((2, 16), np.float32)
        neuron(g)
    np.save(os.path.join(out, "bias_flat.npy"), np.arange(16) * 2)
    # Input biases: the right shape (x, y, c) = (4, 4, 1) and a wrong one.
    np.save(os.path.join(out, "bias_ok.npy"),
            (np.arange(16).reshape(4, 4, 1) * 3).astype(np.int64))
    np.save(os.path.join(out, "bias_bad_shape.npy"), np.zeros((1, 4, 4)))


if __name__ == "__main__":
    main()
