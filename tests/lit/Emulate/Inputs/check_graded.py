"""Checks that a readout output of the quantized reference is graded and
tracks the float membrane.

    check_graded.py FLOAT.json QUANT.json REPORT.json OUTPUT POPULATION [TOL]

FLOAT.json: `spikec simulate --sync=hardware` (float), QUANT.json: `spikec
simulate --target=loihi`, REPORT.json its --quant-report (the population's
scale: loihi's S or akida's scale). Prints the number of distinct integer values, how many are
negative, and the correlation of v_int with S * v_float over every step and
neuron. With TOL, also the largest |v_int / S - v| and exit 1 when it
exceeds TOL (a mapping claimed exact).
"""
import json
import math
import sys

f = json.load(open(sys.argv[1]))["outputs"][sys.argv[4]]
q = json.load(open(sys.argv[2]))["outputs"][sys.argv[4]]
report = json.load(open(sys.argv[3]))
(pop,) = [p for g in report["graphs"] for p in g["populations"]
          if p["name"] == sys.argv[5]]
# loihi reports S (integer units per float unit), akida its scale (float
# units per integer unit).
S = pop["S"] if "S" in pop else 1.0 / pop["scale"]
a = [x * S for r in f for x in r]
b = [x for r in q for x in r]
assert len(a) == len(b), "shapes differ"
assert all(float(x).is_integer() for x in b), "quantized values are not integers"
ma, mb = sum(a) / len(a), sum(b) / len(b)
cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
var = math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))
corr = cov / var if var else 0.0
print(f"{sys.argv[4]}: {len(set(b))} distinct values, "
      f"{sum(1 for x in b if x < 0)} negative, correlation {corr:.4f} with the "
      f"float membrane (S = {S})")
if len(sys.argv) > 6:
    tol = float(sys.argv[6])
    worst = max(abs(y / S - x / S) for x, y in zip(a, b))
    print(f"largest |v_int / S - v| {'<=' if worst <= tol else '>'} {tol}")
    sys.exit(0 if worst <= tol else 1)
