"""Checks that snn-quantize kept weights on a grid exact.

Usage: exact_scale.py NET.json REPORT.json FLOAT.out.json QUANT.out.json UNIT

Recomputes every weight from the network description (not from spikec's
output) at the report's scale S and weight exponent e: S w / (UNIT 2^e) must
be an integer within the 8-bit range for every synapse, and the quantized
spikes must equal the float reference's step for step.
"""

import json
import sys

net, report, fl, qu, unit = sys.argv[1:6]
unit = float(unit)
net = json.load(open(net))
pops = {p["name"]: p for p in json.load(open(report))["graphs"][0]["populations"]}
for proj in net["projections"]:
    pop = pops[proj["to"]]
    (table,) = [t for t in pop["tables"] if t["source"] == proj["from"]]
    lsb = unit * 2 ** table["weight_exp"]
    qs = [pop["S"] * w / lsb for row in proj["weight"] for w in row]
    off = max(abs(q - round(q)) for q in qs)
    span = max(abs(round(q)) for q in qs)
    print(f"{proj['name']}: S {pop['S']} weight_exp {table['weight_exp']}: "
          f"largest |q - round(q)| {off:.3g}, largest |q| {span} "
          f"({'exact' if off < 1e-9 and span <= 128 else 'NOT exact'})")
f = json.load(open(fl))["outputs"]
q = json.load(open(qu))["outputs"]
for name in sorted(f):
    total = sum(map(sum, f[name]))
    differ = sum(a != b for ra, rb in zip(f[name], q[name]) for a, b in zip(ra, rb))
    print(f"{name}: float {total} spikes, {differ} differ")
