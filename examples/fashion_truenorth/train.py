"""Trains a TrueNorth-shaped spiking network on Fashion-MNIST and writes it
as NIR.

TrueNorth's rules (targets/MODELS.md, "Legalizing for truenorth"): a
neuron reads at most 256 axons, has at most 4 weight levels, and a core
block of 256 neurons receives one axon per (pre neuron, axon type) its
neurons use, at most 256. With ternary weights {-1, 0, +1} (two types) a
core block can therefore see at most 128 pre neurons with both signs. The
network is built from pieces that each fit one core:

    image 28 x 28, rate-coded
    9 patches of 11 x 11 pixels (a 3 x 3 grid at offsets 0, 8, 17)
    per patch p: l1_p, 128 IF neurons, ternary over the patch's 121 pixels
                 (242 axons)
                 l2_p, 14 IF neurons, ternary over l1_p's 128 (256 axons)
    out: 10 IF neurons, ternary over the 9 x 14 = 126 l2 neurons (252 axons)

Each IF neuron j integrates v += t_j . x per step (t_j its ternary codes),
spikes when v > theta_j and resets to 0. Training keeps a latent weight per
synapse and uses TWN's ternarization per neuron (Li et al. 2016: codes
sign(w) where |w| > 0.7 mean|w|, scale a_j = mean of the kept |w|) with a
straight-through gradient: v += a_j t_j . x against threshold 1, which is
the same neuron as t_j . x against theta_j = 1 / a_j. The file holds the
codes and theta_j moved to m + 1/2, m = floor(1 / a_j): the potential is an
integer, so that changes no decision, and TrueNorth's integer threshold
(alpha = floor(S theta) + 1 at any scale S) takes exactly the same ones.

    /usr/bin/python3 train.py [--epochs 6] [--steps 25]
        [--out fashion_truenorth.nir] [--train-limit N]

Plain PyTorch (Debian's python3-torch), one thread.
"""

import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "fashion_mlp"))
from fmnist_common import add_training_args, fit, spike  # noqa: E402
from nir_writer import (affine_node, compress_nir, if_node,  # noqa: E402
                        input_node, output_node, write_nir)

DT = 1e-4
PATCH = 11
OFFSETS = (0, 8, 17)
H1, H2 = 128, 14


def patch_pixels():
    """(9, 121) indices into the flattened image, one row per patch."""
    rows = []
    for r0 in OFFSETS:
        for c0 in OFFSETS:
            rows.append([(r0 + r) * 28 + c0 + c
                         for r in range(PATCH) for c in range(PATCH)])
    return torch.tensor(rows)


def ternarize(w, dim):
    """TWN: (codes in {-1, 0, 1}, per-neuron scale) of latent weights w,
    reduced over the input dimension `dim`."""
    delta = 0.7 * w.abs().mean(dim, keepdim=True)
    codes = torch.sign(w) * (w.abs() > delta)
    kept = codes.abs()
    scale = (w.abs() * kept).sum(dim, keepdim=True) / kept.sum(dim, keepdim=True).clamp(min=1)
    return codes, scale


def fake_ternary(w, dim):
    """a t on the forward pass, the identity's gradient to w."""
    codes, scale = ternarize(w.detach(), dim)
    return w + (codes * scale - w).detach()


class PatchNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("pixels", patch_pixels())
        p = len(self.pixels)
        self.w1 = nn.Parameter(torch.randn(p, PATCH * PATCH, H1) * 0.1)
        self.w2 = nn.Parameter(torch.randn(p, H1, H2) * 0.1)
        self.w3 = nn.Parameter(torch.randn(p * H2, 10) * 0.1)

    def forward(self, x):
        """x: (T, B, 784) spikes; returns output spike counts (B, 10). Layer
        timing (a spike reaches the next layer in the same step), IF with
        reset to 0, as spikec's float reference runs the file."""
        steps, batch = x.shape[0], x.shape[1]
        xp = x[:, :, self.pixels]  # (T, B, 9, 121)
        w1 = fake_ternary(self.w1, 1)
        w2 = fake_ternary(self.w2, 1)
        w3 = fake_ternary(self.w3, 0)
        p = len(self.pixels)
        v1 = torch.zeros(batch, p, H1)
        v2 = torch.zeros(batch, p, H2)
        v3 = torch.zeros(batch, 10)
        counts = 0
        for t in range(steps):
            v1 = v1 + torch.einsum("bpi,pih->bph", xp[t], w1)
            s1 = spike(v1 - 1.0)
            v1 = v1 * (1.0 - s1.detach())
            v2 = v2 + torch.einsum("bph,phk->bpk", s1, w2)
            s2 = spike(v2 - 1.0)
            v2 = v2 * (1.0 - s2.detach())
            v3 = v3 + s2.reshape(batch, p * H2) @ w3
            s3 = spike(v3 - 1.0)
            v3 = v3 * (1.0 - s3.detach())
            counts = counts + s3
        return counts


def codes_and_thresholds(w, dim):
    """The ternary codes (float64 numpy) and per-neuron thresholds
    floor(1 / a) + 1/2."""
    codes, scale = ternarize(w.detach().double(), dim)
    theta = torch.floor(1.0 / scale) + 0.5
    return codes.numpy(), theta.squeeze(dim).numpy()


def save(model, path):
    """l1_p reads the whole image through a Linear whose weights outside
    the patch are 0 (no synapse); out sums its 9 Linear inputs. The mostly
    zero matrices are stored compressed."""
    r = 1.0 / DT  # dv/dt = r x: weight 1 per step
    c1, t1 = codes_and_thresholds(model.w1, 1)
    c2, t2 = codes_and_thresholds(model.w2, 1)
    c3, t3 = codes_and_thresholds(model.w3, 0)
    nodes = [input_node("input", [784]), if_node("out", 10, r, t3),
             output_node("output", [10])]
    edges = [("out", "output")]
    for p, pixels in enumerate(model.pixels.tolist()):
        full = np.zeros((H1, 784))
        full[:, pixels] = c1[p].T
        nodes += [affine_node("fc1_%d" % p, full),
                  if_node("l1_%d" % p, H1, r, t1[p]),
                  affine_node("fc2_%d" % p, c2[p].T),
                  if_node("l2_%d" % p, H2, r, t2[p]),
                  affine_node("fc3_%d" % p, c3[p * H2:(p + 1) * H2].T)]
        edges += [("input", "fc1_%d" % p), ("fc1_%d" % p, "l1_%d" % p),
                  ("l1_%d" % p, "fc2_%d" % p), ("fc2_%d" % p, "l2_%d" % p),
                  ("l2_%d" % p, "fc3_%d" % p), ("fc3_%d" % p, "out")]
    write_nir(path, nodes, edges)
    compress_nir(path)


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, epochs=6, steps=25, out="fashion_truenorth.nir")
    args = ap.parse_args()
    torch.manual_seed(0)
    fit(PatchNet(), args, save)


if __name__ == "__main__":
    main()
