"""Compares `spikec eval --report` figures.

    same_figures.py A.json B.json [--accuracy]
        the same correct count (with --accuracy only that), ties and
        confusion matrix; exits 1 otherwise
    same_figures.py A.json "correct N of M, ties K"
        the report's figures against a reference's line (float_ref.py eval)
Prints what it compared.
"""
import json
import re
import sys

a = json.load(open(sys.argv[1]))
if sys.argv[2].endswith(".json"):
    b = json.load(open(sys.argv[2]))
    keys = ["images", "correct"] if "--accuracy" in sys.argv else [
        "images", "correct", "ties", "confusion"]
else:
    m = re.fullmatch(r"correct (\d+) of (\d+), ties (\d+)", sys.argv[2].strip())
    if not m:
        sys.exit(f"not a reference line: {sys.argv[2]!r}")
    b = {"correct": int(m[1]), "images": int(m[2]), "ties": int(m[3])}
    keys = ["images", "correct", "ties"]
bad = [k for k in keys if a.get(k) != b.get(k)]
for k in keys:
    if k != "confusion":
        print(f"{k}: {a.get(k)} vs {b.get(k)}")
if bad:
    sys.exit("differ: " + ", ".join(bad))
print("same")
