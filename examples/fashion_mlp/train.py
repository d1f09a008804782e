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

    /usr/bin/python3 train.py [--epochs 4] [--out mlp.nir]

Plain PyTorch (Debian's python3-torch), one thread.
"""

import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn

from nir_writer import affine_node, input_node, lif_node, output_node, write_nir

DATA = "/usr/share/datasets/fashion-mnist"
DT = 1e-4
BETA = 15.0 / 16.0


def load_idx(name):
    path = os.path.join(DATA, name)
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        raw = f.read()
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


class SpikeFn(torch.autograd.Function):
    """Heaviside forward, fast-sigmoid derivative backward."""

    @staticmethod
    def forward(ctx, v):
        ctx.save_for_backward(v)
        return (v > 0).float()

    @staticmethod
    def backward(ctx, grad):
        (v,) = ctx.saved_tensors
        return grad / (1.0 + 25.0 * v.abs()) ** 2


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
            s1 = SpikeFn.apply(v1 - 1.0)
            v1 = v1 * (1.0 - s1.detach())
            v2 = BETA * v2 + self.fc2(s1)
            s2 = SpikeFn.apply(v2 - 1.0)
            v2 = v2 * (1.0 - s2.detach())
            counts = counts + s2
        return counts


def rate_code(images, steps, gen):
    p = images.float().div(255.0).flatten(1)
    return (torch.rand((steps,) + p.shape, generator=gen) < p).float()


def accuracy(model, images, labels, steps, gen):
    correct = 0
    with torch.no_grad():
        for i in range(0, len(images), 1000):
            counts = model(rate_code(images[i:i + 1000], steps, gen))
            # argmax returns the first maximum: ties go to the lowest index,
            # as spikec eval decides them.
            correct += (counts.argmax(1) == labels[i:i + 1000]).sum().item()
    return correct / len(images)


def save(model, path):
    """Writes the network as NIR (after every epoch, so a long run can be
    stopped with a usable file)."""
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
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--out", default="mlp.nir")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)

    xtr = torch.from_numpy(load_idx("train-images-idx3-ubyte.gz").copy())
    ytr = torch.from_numpy(load_idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.from_numpy(load_idx("t10k-images-idx3-ubyte.gz").copy())
    yte = torch.from_numpy(load_idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))

    model = SpikingMLP(args.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(
        opt, args.epochs * (len(xtr) // 128))
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        start = time.time()
        order = torch.randperm(len(xtr))
        total = 0.0
        for b in range(len(xtr) // 128):
            idx = order[b * 128:(b + 1) * 128]
            counts = model(rate_code(xtr[idx], args.steps, gen))
            # Counts are in [0, T]: scale them to logits of a useful range.
            loss = loss_fn(counts * (10.0 / args.steps), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        acc = accuracy(model, xte, yte, args.steps, gen)
        print(f"epoch {epoch + 1}: loss {total / (len(xtr) // 128):.4f}, "
              f"test accuracy {acc * 100:.2f}% ({time.time() - start:.0f} s), "
              f"wrote {args.out}", flush=True)
        save(model, args.out)


if __name__ == "__main__":
    main()
