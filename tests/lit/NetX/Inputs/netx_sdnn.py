"""Sigma-delta netx networks against Lava's recordings (pilotnet_sdnn.test).

  tinynet GTS OUT.net   writes the sigma-delta tinynet of lava-dl's
                        test_blocks.py TestSDNBlocks as a netx file: an SDNN
                        input 3x16x16, its conv (24x6x6, stride 2, vth 20,
                        layer1_kernel, layer1_bias), flatten, and its dense
                        Sigma (100, layer2_weight), all from GTS.
  bias NPY OUT.npy      the sample of input.npy (x, y, c, 1) as the input
                        layer's bias, (x, y, c).
  zeros N STEPS OUT.npy an input of STEPS rows of N zeros.
  pilotnet GTS RUN.npy  PilotNet SDNN's output, its input layer's output
                        (act0) and layers 1 and 2's sigma against Lava's.
  tinynet-gts GTS RUN.npy  the tinynet's layer 1 output (Lava ran 1 step)
                        and layer 3's sigma (16 steps) against Lava's.
  negatives RUN.npy PROBE  how many values of a probe are negative.

Values are compared exactly; a count is printed per recording.
"""
import sys

import h5py
import numpy as np


def load_run(path):
    import json
    # spikec writes probes and outputs to JSON next to the .npy name.
    with open(path) as f:
        return json.load(f)


def probe(run, name):
    return np.array(run["probes"][name], dtype=np.int64)


def compare(what, mine, lava, steps):
    eq = int((mine == lava).sum())
    print(f"{what}: {eq}/{lava.size} equal ({steps})")
    if eq != lava.size:
        bad = np.argwhere(mine != lava)[:5]
        print(f"  first differences at {bad.tolist()}")
    return eq == lava.size


def cyx(rec, t):
    """Lava's (x, y, c) recording at step t in spikec's (c, y, x) order."""
    return rec[..., t].transpose(2, 1, 0).reshape(-1)


def tinynet(gts, out):
    kernel = np.load(gts + "/layer1_kernel.npy")  # Lava's (out, x, y, in)
    # netx reads the file's (out, in, h, w) as w[:, :, ::-1, ::-1]
    # transposed (0, 3, 2, 1) (hdf5.py create_conv); invert that.
    weight = kernel.transpose(0, 3, 2, 1)[:, :, ::-1, ::-1]
    dense = np.load(gts + "/layer2_weight.npy")  # inputs in (x, y, c) order
    # netx flattens (c, y, x) (out.transpose([2, 1, 0]).flatten()).
    x, y, c = np.meshgrid(np.arange(6), np.arange(6), np.arange(24),
                          indexing="ij")
    order = np.empty(864, dtype=np.int64)
    order[((c * 6 + y) * 6 + x).reshape(-1)] = ((x * 6 + y) * 24 + c).reshape(-1)
    dense = dense[:, order]
    with h5py.File(out, "w") as f:
        def neuron(g, **extra):
            n = g.create_group("neuron")
            n["type"] = np.bytes_("SDNN")
            n["activation"] = np.bytes_("relu")
            for k, v in extra.items():
                n[k] = v
        g = f.create_group("layer/0")
        g["type"] = [np.bytes_("input")]
        g["shape"] = np.array([3, 16, 16])
        neuron(g, vThMant=20)
        g = f.create_group("layer/1")
        g["type"] = [np.bytes_("conv")]
        g["shape"] = np.array([24, 6, 6])
        g["weight"] = weight.astype(np.float32)
        g["bias"] = np.load(gts + "/layer1_bias.npy").astype(np.float32)
        g["stride"] = np.array([2, 2])
        g["padding"] = np.array([0, 0])
        g["dilation"] = np.array([1, 1])
        g["groups"] = 1
        neuron(g, vThMant=20)
        g = f.create_group("layer/2")
        g["type"] = [np.bytes_("flatten")]
        g["shape"] = np.array([864, 1, 1])
        g = f.create_group("layer/3")
        g["type"] = [np.bytes_("dense")]
        g["shape"] = np.array([100])
        g["inFeatures"] = 864
        g["outFeatures"] = 100
        g["weight"] = dense.astype(np.float32)
        neuron(g, vThMant=0, sigma_output=True)


def pilotnet(gts, run):
    r = load_run(run)
    ok = True
    out = np.array(r["outputs"]["output"], dtype=np.int64)[:, 0]
    lava = np.load(gts + "/output.npy")[0].astype(np.int64)
    n = lava.size
    ok &= compare("output", out[:n], lava, f"steps 0..{n - 1}")
    T = out.size
    # act0: the input layer's graded spikes; sigma1/2: layers 1 and 2's
    # sigma, recorded over 20 steps.
    for name, rec in (("layer0:out", "act0"), ("layer1:sigma", "sigma1"),
                      ("layer2:sigma", "sigma2")):
        lava = np.load(f"{gts}/{rec}.npy").astype(np.int64)
        steps = min(T, lava.shape[-1])
        mine = probe(r, name)[:steps]
        want = np.stack([cyx(lava, t) for t in range(steps)])
        ok &= compare(f"{rec} ({name})", mine, want, f"steps 0..{steps - 1}")
    print("ok" if ok else "MISMATCH")


def tinynet_gts(gts, run):
    r = load_run(run)
    ok = True
    # test_conv ran 1 step: only layer1.npy's first column is Lava's.
    lava1 = np.load(gts + "/layer1.npy").astype(np.int64)
    ok &= compare("layer1 (conv) output", probe(r, "layer1:out")[:1],
                  cyx(lava1, 0)[None], "step 0, the step Lava ran")
    # test_dense fed layer1.npy (zero after step 0) to the Sigma: 16 steps.
    lava2 = np.load(gts + "/layer2.npy").astype(np.int64).T
    mine = np.array(r["outputs"]["output"], dtype=np.int64)[:lava2.shape[0]]
    eq = int((mine == lava2).sum())
    print(f"layer3 (dense sigma) output: {eq}/{lava2.size} equal "
          f"(steps 0..{lava2.shape[0] - 1})")
    # The differences are explained only if: test_dense built its Dense
    # without input_message_bits (0: unary), so Lava read layer1's graded
    # payloads as spikes (s_in.astype(bool)); a netx network passes the
    # SDNN's messageBits (16) and the payloads are multiplied, as spikec
    # does. Both sides are recomputed from Lava's own files.
    w = np.load(gts + "/layer2_weight.npy").astype(np.int64)
    l1 = lava1[..., 0].reshape(-1)  # test_dense's (x, y, c) flattening
    unary = bool((lava2[1:] == w @ (l1 != 0)).all() and not lava2[0].any())
    graded = bool((mine[1:] == (w @ l1)).all() and not mine[0].any())
    print(f"layer3: Lava's recording is W . (layer1 != 0), a unary input: "
          f"{unary}; spikec's is W . layer1, the graded input: {graded}")
    ok &= unary and graded
    print("ok" if ok else "MISMATCH")


def main():
    cmd = sys.argv[1]
    if cmd == "tinynet":
        tinynet(sys.argv[2], sys.argv[3])
    elif cmd == "bias":
        np.save(sys.argv[3], np.load(sys.argv[2])[..., 0])
    elif cmd == "zeros":
        np.save(sys.argv[4], np.zeros((int(sys.argv[3]), int(sys.argv[2])),
                                      np.int8))
    elif cmd == "pilotnet":
        pilotnet(sys.argv[2], sys.argv[3])
    elif cmd == "tinynet-gts":
        tinynet_gts(sys.argv[2], sys.argv[3])
    elif cmd == "negatives":
        r = load_run(sys.argv[2])
        v = probe(r, sys.argv[3])
        print(f"{sys.argv[3]}: {int((v < 0).sum())} negative values")
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
