"""What the Fashion-MNIST training scripts share: the IDX files, loading
an earlier run's weights, the surrogate spike, rate coding, test accuracy
and the training loop.

Plain PyTorch (Debian's python3-torch) and numpy; the scripts in
examples/fashion_* import it (sys.path has this directory).
"""

import gzip
import os
import time

import h5py
import numpy as np
import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"


def load_idx(name):
    """An IDX file of Debian's dataset-fashion-mnist as a numpy array."""
    path = os.path.join(DATA, name)
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        raw = f.read()
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_split(split):
    """(images uint8 (N, 28, 28), labels int64 (N,)) of "train" or "t10k"."""
    x = torch.from_numpy(load_idx(f"{split}-images-idx3-ubyte.gz").copy())
    y = torch.from_numpy(load_idx(f"{split}-labels-idx1-ubyte.gz").astype(np.int64))
    return x, y


def load_nir_weights(model, path, names):
    """Continues from an earlier run (--init): copies the weight and bias of
    each NIR node in names (NIR node name -> the model's module path) into
    the model. The architecture must match; load_state_dict names any
    missing, extra or misshapen parameter."""
    with h5py.File(path, "r") as f:
        nodes = f["node/nodes"]
        state = {f"{ours}.{p}": torch.from_numpy(nodes[node][p][()])
                 for node, ours in names.items() for p in ("weight", "bias")}
    model.load_state_dict(state)


class SpikeFn(torch.autograd.Function):
    """Heaviside forward (a spike when v > 0), fast-sigmoid derivative
    1 / (1 + slope |v|)^2 backward."""

    @staticmethod
    def forward(ctx, v, slope):
        ctx.save_for_backward(v)
        ctx.slope = slope
        return (v > 0).float()

    @staticmethod
    def backward(ctx, grad):
        (v,) = ctx.saved_tensors
        return grad / (1.0 + ctx.slope * v.abs()) ** 2, None


def spike(v, slope=25.0):
    """A spike where v > 0. The MLP's slope 25 suits a membrane that
    integrates; a stateless layer, whose potential jumps every step, learns
    better with a wider surrogate (a smaller slope)."""
    return SpikeFn.apply(v, slope)


def rate_code(images, steps, gen):
    """(steps, B, 784) Bernoulli spikes with p = pixel / 255, as spikec eval
    --encode=rate draws them (with another random source)."""
    p = images.float().div(255.0).flatten(1)
    return (torch.rand((steps,) + p.shape, generator=gen) < p).float()


def accuracy(model, images, labels, steps, gen):
    """Test accuracy of a model that maps (steps, B, 784) spikes to (B, 10)
    output spike counts; argmax takes the first maximum, so ties go to the
    lowest class, as spikec eval decides them."""
    correct = 0
    with torch.no_grad():
        for i in range(0, len(images), 1000):
            counts = model(rate_code(images[i:i + 1000], steps, gen))
            correct += (counts.argmax(1) == labels[i:i + 1000]).sum().item()
    return correct / len(images)


def blas_libraries():
    """The BLAS shared libraries this process loaded, in load order (torch's
    Linear layers run on the first; Debian's python3-torch takes whatever the
    libblas.so.3 alternative names: the slow reference BLAS unless an
    OpenBLAS package is installed)."""
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = os.path.realpath(line.split()[-1])
            if "blas" in os.path.basename(path) and path not in found:
                found.append(path)
    return ", ".join(found) or "none found"


def train_step(model, opt, images, labels, args, augment, gen):
    """One batch: augment (when given), rate-code, cross-entropy on the
    output spike counts scaled to logits of a useful range, an optimizer
    step. Returns the loss."""
    images = augment(images, gen) if augment else images
    counts = model(rate_code(images, args.steps, gen))
    loss = nn.functional.cross_entropy(counts * (10.0 / args.steps), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


def bench(model, xtr, ytr, args, augment, gen):
    """Prints the CPU time per training batch (forward, backward and Adam
    step) over args.bench batches after one warm-up batch."""
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    times = []
    for b in range(args.bench + 1):
        start = time.process_time()
        batch = slice(b * 128, (b + 1) * 128)
        train_step(model, opt, xtr[batch], ytr[batch], args, augment, gen)
        times.append(time.process_time() - start)
    per_batch = sum(times[1:]) / args.bench
    print(f"{per_batch:.3f} s of CPU per batch of 128 ({args.steps} steps, "
          f"mean of {args.bench} after a warm-up), one thread, BLAS "
          f"{blas_libraries()}")


def fit(model, args, save, augment=None):
    """Adam with a cosine schedule, batch 128, cross-entropy on the output
    spike counts (scaled to logits of a useful range); after every epoch the
    test accuracy is printed and save(model, args.out) writes the NIR file,
    so that a long run can be stopped with a usable one. args: epochs,
    steps, lr, out, train_limit (0: all 60000 images), bench (K > 0: only
    time K batches). augment(images, gen), when given, transforms every
    training batch's uint8 images."""
    torch.set_num_threads(1)
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    xtr, ytr = load_split("train")
    if args.train_limit:
        xtr, ytr = xtr[:args.train_limit], ytr[:args.train_limit]
    if args.bench:
        return bench(model, xtr, ytr, args, augment, gen)
    xte, yte = load_split("t10k")
    batches = len(xtr) // 128
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.epochs * batches)
    for epoch in range(args.epochs):
        start = time.time()
        model.train()
        order = torch.randperm(len(xtr))
        total = 0.0
        for b in range(batches):
            idx = order[b * 128:(b + 1) * 128]
            total += train_step(model, opt, xtr[idx], ytr[idx], args,
                                augment, gen)
            sched.step()
            if (b + 1) % 100 == 0:
                print(f"  batch {b + 1}/{batches}: loss {total / (b + 1):.4f} "
                      f"({time.time() - start:.0f} s)", flush=True)
        model.eval()
        acc = accuracy(model, xte, yte, args.steps, gen)
        save(model, args.out)
        print(f"epoch {epoch + 1}: loss {total / batches:.4f}, "
              f"test accuracy {acc * 100:.2f}% ({time.time() - start:.0f} s), "
              f"wrote {args.out}", flush=True)


def add_training_args(ap, epochs, steps, out):
    """The command-line options fit() reads."""
    ap.add_argument("--epochs", type=int, default=epochs)
    ap.add_argument("--steps", type=int, default=steps)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--out", default=out)
    ap.add_argument("--train-limit", type=int, default=0,
                    help="train on the first N images only (a quick check)")
    ap.add_argument("--bench", type=int, default=0, metavar="K",
                    help="time K training batches and exit (no training)")
