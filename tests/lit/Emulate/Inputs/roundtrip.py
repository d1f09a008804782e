"""One network through the compiler and the emulator, against the quantized
reference.

    roundtrip.py WORK NET TARGET [--opt=FLAG]... [--input=FILE]
                 [--steps=N] [--p=P] [--seed=S]

Runs, printing each command (WORK is a path prefix for the files):
  spikec compile NET FLAGS --target=TARGET -o WORK.simg
  spikec simulate NET FLAGS --target=TARGET --input=IN --summary ...
  spikec emulate WORK.simg --input=IN --summary ...
  spikec emulate WORK.simg --input=IN --mode=cycle --target=TARGET ...
  compare.py (outputs value for value, and the totals)
and exits with compare.py's status, or 1 when cycle mode's outputs are not
functional mode's, byte for byte. Without --input, IN is random: read
from the image (`spikec info --json`), an input without an encoder gets
events (1 with probability P, default 0.2, else 0), an input with one
values uniform in [0, 1) held for 5 steps (so delta encoders see changes),
N steps (default 100), seed S (default 1).
"""
import argparse
import json
import os
import random
import subprocess
import sys


def run(cmd, stdout=None):
    print("$ " + " ".join(cmd) + (" > " + stdout if stdout else ""), flush=True)
    with open(stdout, "w") if stdout else open(os.devnull, "w") as out:
        if subprocess.call(cmd, stdout=out) != 0:
            sys.exit(f"failed: {' '.join(cmd)}")


def random_input(image_json, path, steps, seed, p):
    image = json.load(open(image_json))
    rng = random.Random(seed)
    out = {}
    for inp in image["inputs"]:
        rows = []
        for t in range(steps):
            if inp["encoder"] is None:
                rows.append([1 if rng.random() < p else 0
                             for _ in range(inp["width"])])
            elif t % 5 == 0:
                rows.append([round(rng.random(), 3)
                             for _ in range(inp["width"])])
            else:
                rows.append(list(rows[-1]))
        out[inp["name"]] = rows
    json.dump(out, open(path, "w"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("net")
    ap.add_argument("target")
    ap.add_argument("--opt", action="append", default=[])
    ap.add_argument("--input")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--p", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    w = a.work
    target = "--target=" + a.target
    run(["spikec", "compile", a.net, *a.opt, target, "--quiet", "-o", w + ".simg"])
    inp = a.input
    if not inp:
        run(["spikec", "info", w + ".simg", "--json"], w + ".image.json")
        inp = w + ".in.json"
        random_input(w + ".image.json", inp, a.steps, a.seed, a.p)
    run(["spikec", "simulate", a.net, *a.opt, target, "--input=" + inp,
         "--output=" + w + ".ref.json", "--summary"], w + ".ref.txt")
    run(["spikec", "emulate", w + ".simg", "--input=" + inp,
         "--output=" + w + ".emu.json", "--summary"], w + ".emu.txt")
    run(["spikec", "emulate", w + ".simg", "--input=" + inp, "--mode=cycle",
         target, "--output=" + w + ".cycle.json", "--report=" + w +
         ".cycle-report.json"])
    compare = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "compare.py")
    sys.stdout.flush()
    status = subprocess.call([sys.executable, compare, w + ".ref.json",
                              w + ".emu.json", w + ".ref.txt", w + ".emu.txt"])
    same = open(w + ".cycle.json").read() == open(w + ".emu.json").read()
    steps = len(json.load(open(w + ".cycle-report.json"))["cycle"]["steps"])
    print(f"cycle mode: {steps} steps priced, outputs "
          f"{'identical to' if same else 'DIFFERENT from'} functional mode")
    sys.exit(status if same else 1)

main()
