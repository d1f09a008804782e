"""Trains a spiking 784-256-10 MLP on Fashion-MNIST and writes it as NIR.

The network is exactly what spikec's float reference runs (DESIGN.md
section 3, layer timing): per step t, with x_t the rate-coded image,
    v1 = beta v1 + W1 x_t + b1;  s1 = v1 > 1;  v1 = 0 where s1
    v2 = beta v2 + W2 s1  + b2;  s2 = v2 > 1;  v2 = 0 where s2
and the class is the output neuron with the most spikes over T steps.
In NIR terms that is LIF with tau = dt / (1 - beta), r = tau / dt (so the
input enters with weight 1), v_leak = 0, v_threshold = 1, v_reset = 0 at
spikec's default dt = 1e-4 s. beta = 15/16 is exact in binary and in Loihi's
12-bit decay (dv = 256). The spike's gradient is a fast-sigmoid surrogate.

    /usr/bin/python3 train.py [--epochs 4] [--out mlp.nir] [--init mlp.nir]

--init continues from the weights of an earlier run's NIR file.

Plain PyTorch (Debian's python3-torch), one thread; the training loop, the
surrogate and the rate coding are fmnist_common.py's.
"""

import argparse
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fmnist_common import (add_training_args, fit,  # noqa: E402
                           load_nir_weights, spike)
from nir_writer import (affine_node, input_node, lif_node,  # noqa: E402
                        output_node, write_nir)

DT = 1e-4
BETA = 15.0 / 16.0


class SpikingMLP(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.fc1 = nn.Linear(784, hidden)
        self.fc2 = nn.Linear(hidden, 10)

    def forward(self, x):
        """x: (T, B, 784) spikes; returns output spike counts (B, 10)."""
        v1 = torch.zeros(x.shape[1], self.fc1.out_features)
        v2 = torch.zeros(x.shape[1], 10)
        counts = 0
        for t in range(x.shape[0]):
            v1 = BETA * v1 + self.fc1(x[t])
            s1 = spike(v1 - 1.0)
            v1 = v1 * (1.0 - s1.detach())
            v2 = BETA * v2 + self.fc2(s1)
            s2 = spike(v2 - 1.0)
            v2 = v2 * (1.0 - s2.detach())
            counts = counts + s2
        return counts


def save(model, path):
    """Writes the network as NIR."""
    tau = DT / (1.0 - BETA)
    r = tau / DT
    h = model.fc1.out_features
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    write_nir(path, [
        input_node("input", [784]),
        affine_node("fc1", sd["fc1.weight"], sd["fc1.bias"]),
        lif_node("lif1", h, tau, r, 1.0),
        affine_node("fc2", sd["fc2.weight"], sd["fc2.bias"]),
        lif_node("lif2", 10, tau, r, 1.0),
        output_node("output", [10]),
    ], [("input", "fc1"), ("fc1", "lif1"), ("lif1", "fc2"), ("fc2", "lif2"),
        ("lif2", "output")])


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, epochs=4, steps=25, out="mlp.nir")
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--init", help="continue from this NIR file's weights")
    args = ap.parse_args()
    torch.manual_seed(0)  # the initial weights, so that a rerun repeats
    model = SpikingMLP(args.hidden)
    if args.init:
        load_nir_weights(model, args.init, {"fc1": "fc1", "fc2": "fc2"})
    fit(model, args, save)


if __name__ == "__main__":
    main()
