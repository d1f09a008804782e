"""Trains a spiking CNN on Fashion-MNIST and writes it as NIR.

The network is exactly what spikec's float reference runs (DESIGN.md
section 3, layer timing): per step t, with x_t the rate-coded 1x28x28 image,
    v1 = beta v1 + conv1(x_t);  s1 = v1 > 1;  v1 = 0 where s1  (C1x14x14)
    v2 = beta v2 + conv2(s1);   s2 = v2 > 1;  v2 = 0 where s2  (C2x7x7)
    v3 = beta v3 + fc3(s2);     s3 = v3 > 1;  v3 = 0 where s3  (10)
and the class is the output neuron with the most spikes over T steps.
conv1 and conv2 are 3x3, stride 2, padding 1, with a bias per channel; fc3
reads the C2x7x7 spikes flattened in (C, H, W) order. In NIR terms each
layer is Conv2d (or Flatten and Affine) followed by LIF with
tau = dt / (1 - beta), r = tau / dt (the input enters with weight 1),
v_leak = 0, v_threshold = 1, v_reset = 0 at spikec's default dt = 1e-4 s.
beta = 15/16 is exact in binary and in Loihi's 12-bit decay (dv = 256).
The spike's gradient is a fast-sigmoid surrogate.

A feed-forward network with layer timing can be run layer by layer: each
convolution is applied to all T steps at once (one large batched call) and
only the LIF recurrences loop over time; that is the same arithmetic as the
step-by-step loop and much cheaper on one CPU thread.

    /usr/bin/python3 train.py [--epochs 8] [--out cnn.nir] [--train-limit N]

Plain PyTorch (Debian's python3-torch), one thread.
"""

import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "fashion_mlp"))
from fmnist_common import add_training_args, fit, spike  # noqa: E402
from nir_writer import (affine_node, conv2d_node, flatten_node,  # noqa: E402
                        input_node, lif_node, output_node, write_nir)

DT = 1e-4
BETA = 15.0 / 16.0


def lif(currents):
    """currents: (T, B, ...) inputs; returns the (T, B, ...) spikes of a LIF
    layer with decay BETA, threshold 1 and reset to 0."""
    # unbind, not currents[t]: indexing's backward writes a full (T, B, ...)
    # zero tensor per step, T^2 work.
    v = torch.zeros_like(currents[0])
    out = []
    for current in currents.unbind(0):
        v = BETA * v + current
        s = spike(v - 1.0)
        v = v * (1.0 - s.detach())
        out.append(s)
    return torch.stack(out)


class SpikingCNN(nn.Module):
    def __init__(self, c1, c2):
        super().__init__()
        self.conv1 = nn.Conv2d(1, c1, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(c1, c2, 3, stride=2, padding=1)
        self.fc3 = nn.Linear(c2 * 7 * 7, 10)

    def forward(self, x):
        """x: (T, B, 784) spikes; returns output spike counts (B, 10)."""
        T, B = x.shape[:2]
        x = x.view(T, B, 1, 28, 28)
        s1 = lif(self.conv1(x.flatten(0, 1)).unflatten(0, (T, B)))
        s2 = lif(self.conv2(s1.flatten(0, 1)).unflatten(0, (T, B)))
        s3 = lif(self.fc3(s2.flatten(2)))
        return s3.sum(0)


def shift(images, gen, most=2):
    """Random translations by up to `most` pixels (zeros shifted in): the
    augmentation that a 28x28 conv net gains most from."""
    padded = F.pad(images, (most, most, most, most))
    out = torch.empty_like(images)
    d = torch.randint(0, 2 * most + 1, (len(images), 2), generator=gen)
    for k in range(len(images)):
        dy, dx = d[k].tolist()
        out[k] = padded[k, dy:dy + 28, dx:dx + 28]
    return out


def save(model, path):
    """Writes the network as NIR (after every epoch, so a long run can be
    stopped with a usable file)."""
    tau = DT / (1.0 - BETA)
    r = tau / DT
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    c1, c2 = model.conv1.out_channels, model.conv2.out_channels
    write_nir(path, [
        input_node("input", [1, 28, 28]),
        conv2d_node("conv1", sd["conv1.weight"], sd["conv1.bias"], 2, 1),
        lif_node("lif1", c1 * 14 * 14, tau, r, 1.0),
        conv2d_node("conv2", sd["conv2.weight"], sd["conv2.bias"], 2, 1),
        lif_node("lif2", c2 * 7 * 7, tau, r, 1.0),
        flatten_node("flat", [c2, 7, 7]),
        affine_node("fc3", sd["fc3.weight"], sd["fc3.bias"]),
        lif_node("lif3", 10, tau, r, 1.0),
        output_node("output", [10]),
    ], [("input", "conv1"), ("conv1", "lif1"), ("lif1", "conv2"),
        ("conv2", "lif2"), ("lif2", "flat"), ("flat", "fc3"), ("fc3", "lif3"),
        ("lif3", "output")])


def main():
    # glibc returns each freed block over its mmap threshold to the kernel,
    # so every step's large activations page-fault afresh (a 7x slowdown at
    # T = 25, measured); high thresholds keep them in the heap.
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        os.environ["MALLOC_MMAP_THRESHOLD_"] = str(1 << 32)
        os.environ["MALLOC_TRIM_THRESHOLD_"] = str(1 << 32)
        os.execv(sys.executable, [sys.executable] + sys.argv)
    ap = argparse.ArgumentParser()
    add_training_args(ap, epochs=8, steps=25, out="cnn.nir")
    ap.set_defaults(lr=2e-3)
    ap.add_argument("--c1", type=int, default=24)
    ap.add_argument("--c2", type=int, default=48)
    ap.add_argument("--shift", type=int, default=2,
                    help="random shifts of up to this many pixels (0: none)")
    args = ap.parse_args()
    model = SpikingCNN(args.c1, args.c2)
    augment = None
    if args.shift:
        augment = lambda images, gen: shift(images, gen, args.shift)  # noqa
    fit(model, args, save, augment)


if __name__ == "__main__":
    main()
