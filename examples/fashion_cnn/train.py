"""Trains a spiking CNN on Fashion-MNIST and writes it as NIR.

The network is exactly what spikec's float reference runs (DESIGN.md
section 3, layer timing): per step t, with x_t the rate-coded 1x28x28 image,
    v1 = beta v1 + conv1(x_t);  s1 = v1 > 1;  v1 = 0 where s1  (C1x14x14)
    v2 = beta v2 + conv2(s1);   s2 = v2 > 1;  v2 = 0 where s2  (C2x7x7)
    v3 = beta v3 + fc3(s2);     s3 = v3 > 1;  v3 = 0 where s3  (H)
    v4 = beta v4 + fc4(s3);     s4 = v4 > 1;  v4 = 0 where s4  (10)
and the class is the output neuron with the most spikes over T steps.
conv1 is K1xK1 (5x5 by default), stride 2, padding K1 // 2; conv2 3x3,
stride 2, padding 1; both with a bias per channel; fc3 reads the C2x7x7
spikes flattened in (C, H, W) order (--hidden 0 leaves out the hidden
layer: fc3 then has the 10 outputs). In NIR terms each layer is Conv2d (or
Flatten and Affine) followed by LIF with tau = dt / (1 - beta), r = tau / dt
(the input enters with weight 1), v_leak = 0, v_threshold = 1, v_reset = 0
at spikec's default dt = 1e-4 s. beta = 15/16 is exact in binary and in
Loihi's 12-bit decay (dv = 256). The spike's gradient is a fast-sigmoid
surrogate.

A feed-forward network with layer timing can be run layer by layer: each
convolution or affine map is applied to all T steps at once (one large
batched call) and only the LIF recurrences loop over time; that is the same
arithmetic as the step-by-step loop and much cheaper on one CPU thread.

    /usr/bin/python3 train.py [--epochs 18] [--out cnn.nir] [--init cnn.nir]
                              [--k1 5] [--c1 32] [--c2 64] [--hidden 256]
                              [--shift 1] [--train-limit N] [--bench K]

--init continues from the weights of an earlier run's NIR file. Plain
PyTorch (Debian's python3-torch), one thread; install libopenblas0-serial
first (README.md: a batch took 6.7x the CPU on the reference BLAS).
"""

import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "fashion_mlp"))
from fmnist_common import (add_training_args, fit,  # noqa: E402
                           load_nir_weights)
from nir_writer import (affine_node, compress_nir, conv2d_node,  # noqa: E402
                        flatten_node, input_node, lif_node, output_node,
                        write_nir)

DT = 1e-4
BETA = 15.0 / 16.0
SLOPE = 25.0


class LIF(torch.autograd.Function):
    """A LIF layer over all T steps in one autograd node: decay BETA,
    threshold 1, reset to 0, the fast-sigmoid surrogate (slope 25) for the
    spike, and no gradient through the reset (as fmnist_common.spike with a
    detached reset). One node instead of four per step: the same numbers,
    less memory and about 10% less time."""

    @staticmethod
    def forward(ctx, currents):
        spikes = torch.empty_like(currents)
        potentials = torch.empty_like(currents)
        v = torch.zeros_like(currents[0])
        for t in range(currents.shape[0]):
            v.mul_(BETA).add_(currents[t])
            potentials[t] = v
            spikes[t] = v > 1.0
            v.mul_(1.0 - spikes[t])
        ctx.save_for_backward(potentials, spikes)
        return spikes

    @staticmethod
    def backward(ctx, grad):
        potentials, spikes = ctx.saved_tensors
        out = torch.empty_like(grad)
        # dL/dv_t = dL/ds_t sg(v_t - 1) + dL/dv_{t+1} BETA (1 - s_t).
        gv = torch.zeros_like(grad[0])
        for t in range(grad.shape[0] - 1, -1, -1):
            sg = (potentials[t] - 1.0).abs_().mul_(SLOPE).add_(1.0).pow_(-2)
            gv.mul_(1.0 - spikes[t]).mul_(BETA).addcmul_(grad[t], sg)
            out[t] = gv
        return out


def lif(currents):
    """currents: (T, B, ...) inputs; returns the (T, B, ...) spikes."""
    return LIF.apply(currents)


class SpikingCNN(nn.Module):
    def __init__(self, k1, c1, c2, hidden):
        super().__init__()
        self.conv1 = nn.Conv2d(1, c1, k1, stride=2, padding=k1 // 2)
        self.conv2 = nn.Conv2d(c1, c2, 3, stride=2, padding=1)
        sizes = [c2 * 7 * 7] + ([hidden] if hidden else []) + [10]
        self.fcs = nn.ModuleList(nn.Linear(a, b)
                                 for a, b in zip(sizes, sizes[1:]))

    def forward(self, x):
        """x: (T, B, 784) spikes; returns output spike counts (B, 10)."""
        T, B = x.shape[:2]
        x = x.view(T, B, 1, 28, 28)
        s = lif(self.conv1(x.flatten(0, 1)).unflatten(0, (T, B)))
        s = lif(self.conv2(s.flatten(0, 1)).unflatten(0, (T, B))).flatten(2)
        for fc in self.fcs:
            s = lif(fc(s))
        return s.sum(0)


def shift(images, gen, most):
    """Random translations by up to `most` pixels (zeros shifted in): the
    augmentation that a 28x28 conv net gains most from."""
    padded = F.pad(images, (most, most, most, most))
    out = torch.empty_like(images)
    d = torch.randint(0, 2 * most + 1, (len(images), 2), generator=gen)
    for k in range(len(images)):
        dy, dx = d[k].tolist()
        out[k] = padded[k, dy:dy + 28, dx:dx + 28]
    return out


def nir_names(model):
    """NIR node name -> module path, for load_nir_weights."""
    names = {"conv1": "conv1", "conv2": "conv2"}
    names.update({f"fc{i + 3}": f"fcs.{i}" for i in range(len(model.fcs))})
    return names


def save(model, path):
    """Writes the network as NIR (after every epoch, so a long run can be
    stopped with a usable file)."""
    tau = DT / (1.0 - BETA)
    r = tau / DT
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    c1, c2 = model.conv1.out_channels, model.conv2.out_channels
    nodes = [
        input_node("input", [1, 28, 28]),
        conv2d_node("conv1", sd["conv1.weight"], sd["conv1.bias"], 2,
                    model.conv1.padding[0]),
        lif_node("lif1", c1 * 14 * 14, tau, r, 1.0),
        conv2d_node("conv2", sd["conv2.weight"], sd["conv2.bias"], 2, 1),
        lif_node("lif2", c2 * 7 * 7, tau, r, 1.0),
        flatten_node("flat", [c2, 7, 7]),
    ]
    chain = ["input", "conv1", "lif1", "conv2", "lif2", "flat"]
    for i, fc in enumerate(model.fcs, start=3):
        nodes += [affine_node(f"fc{i}", sd[f"fcs.{i - 3}.weight"],
                              sd[f"fcs.{i - 3}.bias"]),
                  lif_node(f"lif{i}", fc.out_features, tau, r, 1.0)]
        chain += [f"fc{i}", f"lif{i}"]
    nodes.append(output_node("output", [10]))
    chain.append("output")
    write_nir(path, nodes, list(zip(chain, chain[1:])))
    compress_nir(path)


def main():
    # glibc returns each freed block over its mmap threshold to the kernel,
    # so every step's large activations page-fault afresh (a 7x slowdown at
    # T = 25, measured); high thresholds keep them in the heap.
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        os.environ["MALLOC_MMAP_THRESHOLD_"] = str(1 << 32)
        os.environ["MALLOC_TRIM_THRESHOLD_"] = str(1 << 32)
        os.execv(sys.executable, [sys.executable] + sys.argv)
    ap = argparse.ArgumentParser()
    add_training_args(ap, epochs=18, steps=25, out="cnn.nir")
    ap.set_defaults(lr=2e-3)
    ap.add_argument("--k1", type=int, default=5,
                    help="conv1's kernel size (odd; stride 2)")
    ap.add_argument("--c1", type=int, default=32)
    ap.add_argument("--c2", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=256,
                    help="LIF neurons of a hidden fully connected layer "
                         "(0: conv2 feeds the 10 outputs directly)")
    ap.add_argument("--shift", type=int, default=1,
                    help="random shifts of up to this many pixels (0: none)")
    ap.add_argument("--init", help="continue from this NIR file's weights")
    args = ap.parse_args()
    torch.manual_seed(0)  # the initial weights, so that a rerun repeats
    model = SpikingCNN(args.k1, args.c1, args.c2, args.hidden)
    if args.init:
        load_nir_weights(model, args.init, nir_names(model))
    augment = None
    if args.shift:
        augment = lambda images, gen: shift(images, gen, args.shift)  # noqa
    fit(model, args, save, augment)


if __name__ == "__main__":
    main()
