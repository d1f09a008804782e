#!/usr/bin/env python3
"""Compares a quantized run (spikec simulate --target) with float runs.

  odin_compare.py exact Q.json F.json
      every output row equal (a network the target holds exactly, float run
      with --sync=hardware); prints "exact: N spikes".
  odin_compare.py delayed Q.json F.json D
      Q's row t equals F's row t - D (zero for t < D): a layer-timed float run
      seen through D hardware edges; prints the spike counts of both and the
      largest count difference, which is at most D per neuron.
  odin_compare.py counts Q.json F.json BOUND FIRST
      per output neuron: |count(Q) - count(F)| <= BOUND and the first FIRST
      spike steps equal; prints both counts.
  odin_compare.py range F.json PROBE LO HI
      every value of the float probe lies in [LO, HI]; prints its range.
"""
import json
import sys


def rows(path):
    with open(path) as f:
        d = json.load(f)
    (name, r), = d["outputs"].items()
    return r


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def counts(r):
    return [sum(int(row[i]) for row in r) for i in range(len(r[0]))]


def main(argv):
    mode = argv[1]
    if mode == "range":
        with open(argv[2]) as f:
            vals = [x for row in json.load(f)["probes"][argv[3]] for x in row]
        lo, hi = float(argv[4]), float(argv[5])
        if min(vals) < lo or max(vals) > hi:
            fail(f"{argv[3]} spans [{min(vals)}, {max(vals)}], outside [{lo}, {hi}]")
        print(f"range {argv[3]}: [{min(vals)}, {max(vals)}] within [{lo}, {hi}]")
        return
    q, f = rows(argv[2]), rows(argv[3])
    if len(q) != len(f):
        fail(f"{len(q)} vs {len(f)} steps")
    if mode == "exact":
        for t, (a, b) in enumerate(zip(q, f)):
            if a != b:
                fail(f"step {t}: {a} vs {b}")
        print(f"exact: {sum(counts(q))} spikes")
    elif mode == "delayed":
        d = int(argv[4])
        zero = [0] * len(q[0])
        for t in range(len(q)):
            want = f[t - d] if t >= d else zero
            if q[t] != want:
                fail(f"step {t}: {q[t]} vs float step {t - d}: {want}")
        cq, cf = counts(q), counts(f)
        diff = max(abs(a - b) for a, b in zip(cq, cf))
        print(f"delayed by {d}: quantized {cq} float {cf} max difference {diff}")
    elif mode == "counts":
        bound, first = int(argv[4]), int(argv[5])
        cq, cf = counts(q), counts(f)
        for i, (a, b) in enumerate(zip(cq, cf)):
            if abs(a - b) > bound:
                fail(f"neuron {i}: {a} vs {b} spikes, bound {bound}")
            tq = [t for t, row in enumerate(q) if row[i]][:first]
            tf = [t for t, row in enumerate(f) if row[i]][:first]
            if tq != tf:
                fail(f"neuron {i}: first spikes {tq} vs {tf}")
        print(f"counts within {bound}: quantized {cq} float {cf}")
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main(sys.argv)
