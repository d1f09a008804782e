"""Checks that a readout output of the quantized reference is graded and
tracks the float membrane.

    check_graded.py FLOAT.json QUANT.json REPORT.json OUTPUT POPULATION

FLOAT.json: `spikec simulate --sync=hardware` (float), QUANT.json: `spikec
simulate --target=loihi`, REPORT.json its --quant-report (the population's
scale S). Prints the number of distinct integer values, how many are
negative, and the correlation of v_int with S * v_float over every step and
neuron.
"""
import json
import math
import sys

f = json.load(open(sys.argv[1]))["outputs"][sys.argv[4]]
q = json.load(open(sys.argv[2]))["outputs"][sys.argv[4]]
report = json.load(open(sys.argv[3]))
(pop,) = [p for g in report["graphs"] for p in g["populations"]
          if p["name"] == sys.argv[5]]
S = pop["S"]
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
