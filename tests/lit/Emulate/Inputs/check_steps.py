"""Checks the per-step figures of a cycle-mode report against values worked
out by hand: each argument is NS:PJ for one step, in order.

usage: check_steps.py REPORT.json NS:PJ ...
"""
import json
import math
import sys

steps = json.load(open(sys.argv[1]))["cycle"]["steps"]
expected = [tuple(float(x) for x in a.split(":")) for a in sys.argv[2:]]
ok = len(steps) == len(expected)
for t, (step, (ns, pj)) in enumerate(zip(steps, expected)):
    got_ns, got_pj = step["s"] * 1e9, step["energy_pj"]
    good = math.isclose(got_ns, ns, rel_tol=1e-9) and math.isclose(got_pj, pj, rel_tol=1e-9)
    good &= step["cycles"] == math.ceil(ns - 1e-9)
    print(f"step {t}: {got_ns:g} ns, {step['cycles']} cycles, {got_pj:g} pJ"
          f"{'' if good else f' (expected {ns:g} ns, {pj:g} pJ)'}")
    ok &= good
sys.exit(0 if ok else 1)
