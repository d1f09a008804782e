"""Trains a stateless spiking MLP for akida with 4-bit weights on
Fashion-MNIST and writes it as NIR.

Every layer is a LIF with decay 0 (tau = dt, r = 1): per step t, with x_t
the rate-coded image,
    h_t = [W1 x_t + b1 > 1]      (hidden, 1-bit spikes)
    o_t = [W2 h_t + b2 > 1]      (10 outputs)
and the class is the output neuron with the most spikes over T steps. No
state survives a step, which is akida's own model (an event frame in, a
quantized activation out, the potentials cleared): snn-quantize maps it
exactly (targets/MODELS.md, "Quantizing for akida": lif with decay 0).

The weights are trained on akida's 4-bit code points: per layer a scale s
(code_scale) and W = s k with k an integer in [-7, 7], rounded to nearest
in the forward pass with a straight-through gradient. Some weight is on
code 7, so s is what the quantizer picks as sigma (max|W| / 7); the file
holds exactly those values, and the quantizer recovers k; each bias is moved to the middle of its interval
between two integer potentials (which changes no decision on the grid), so
the float reference and the integer threshold agree without a rounding tie.

    /usr/bin/python3 train.py --epochs 5 --steps 4 --hidden 512 --lr 2e-3
        [--out fashion_akida.nir] [--train-limit N]

(the steps of one image are independent, so 4 while training and 16 at
test time are the same network with a smaller and a larger vote.)

Plain PyTorch (Debian's python3-torch), one thread.
"""

import argparse
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "fashion_mlp"))
from fmnist_common import add_training_args, fit, spike  # noqa: E402
from nir_writer import (affine_node, compress_nir, input_node,  # noqa: E402
                        lif_node, output_node, write_nir)

# The frame: tau = dt makes the LIF's decay 1 - dt / tau exactly 0 only when
# tau, which spikec keeps as an f32, equals dt; 1e-4 is not an f32, 2^-10 s
# (about 1 ms) is. So every spikec command on this file takes
# --dt=0.0009765625.
DT = 2.0 ** -10
LEVELS = 7  # 4-bit symmetric code points [-7, 7]
SLOPE = 5.0  # the surrogate's: a stateless potential is rarely near 1


def code_scale(w):
    """Per layer: the float value of one weight code. max|W| / 7 would let
    a few large weights push most others to codes 0 and +-1; 3 standard
    deviations / 7 clips the outliers to +-7 instead (about 0.3% of a
    Gaussian layer's weights); the smaller of the two, so that some weight
    is on code 7 and the quantizer's sigma, max|W| / 7, is this s again."""
    w = w.detach()
    return torch.minimum(3.0 * w.std(), w.abs().max()) / LEVELS


def fake_quant(w):
    """W on the grid s k, k in [-7, 7]; straight-through gradient."""
    s = code_scale(w)
    q = torch.clamp(torch.round(w / s), -LEVELS, LEVELS) * s
    return w + (q - w).detach()


class AkidaMLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.fcs = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        # PyTorch's default init gives a per-step potential of spread ~0.3
        # against the threshold 1, where the surrogate's gradient is
        # small: start 3x wider.
        with torch.no_grad():
            for fc in self.fcs:
                fc.weight.mul_(3.0)

    def forward(self, x):
        """x: (T, B, 784) spikes; returns output spike counts (B, 10). The
        steps are independent, so they run as one batch."""
        steps, batch = x.shape[0], x.shape[1]
        s = x.reshape(steps * batch, -1)
        for fc in self.fcs:
            s = spike(nn.functional.linear(s, fake_quant(fc.weight), fc.bias) - 1.0,
                      SLOPE)
        return s.reshape(steps, batch, -1).sum(0)


def grid(fc):
    """The layer's weights on the 4-bit grid and its bias moved to the
    middle of its interval: with s the code scale and m = floor((1 - b) /
    s), a neuron spikes iff its integer potential k . x >= m + 1 iff
    s (k . x) + b > 1 for any b in (1 - s (m + 1), 1 - s m]; we write
    b = 1 - s (m + 1/2)."""
    w = fc.weight.detach().double()
    s = code_scale(w)
    k = torch.clamp(torch.round(w / s), -LEVELS, LEVELS)
    m = torch.floor((1.0 - fc.bias.detach().double()) / s)
    return (k * s).numpy(), (1.0 - s * (m + 0.5)).numpy()


def save(model, path):
    nodes = [input_node("input", [784])]
    edges = []
    prev = "input"
    for i, fc in enumerate(model.fcs, 1):
        w, b = grid(fc)
        nodes += [affine_node(f"fc{i}", w, b),
                  lif_node(f"lif{i}", fc.out_features, DT, 1.0, 1.0)]
        edges += [(prev, f"fc{i}"), (f"fc{i}", f"lif{i}")]
        prev = f"lif{i}"
    nodes.append(output_node("output", [10]))
    edges.append((prev, "output"))
    write_nir(path, nodes, edges)
    compress_nir(path)


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, epochs=5, steps=4, out="fashion_akida.nir")
    ap.add_argument("--hidden", default="512",
                    help="hidden layer sizes, comma-separated")
    args = ap.parse_args()
    sizes = [784] + [int(h) for h in args.hidden.split(",")] + [10]
    torch.manual_seed(0)
    fit(AkidaMLP(sizes), args, save)


if __name__ == "__main__":
    main()
