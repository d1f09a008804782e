"""Checks that an output is an input shifted in time: OUT[name][t] ==
IN[t - shift] (0 before), element by element.

    check_shift.py OUT.json IN.json NAME SHIFT
Prints the events compared; exits 1 on a difference or when there are no
events (a check that could not fail).
"""
import json
import sys

out = json.load(open(sys.argv[1]))["outputs"][sys.argv[3]]
rows = json.load(open(sys.argv[2]))
if isinstance(rows, dict):
    (rows,) = rows.values()
shift = int(sys.argv[4])
events = 0
for t, row in enumerate(out):
    want = rows[t - shift] if t >= shift else [0] * len(row)
    for i, (x, y) in enumerate(zip(row, want)):
        if (x != 0) != (y != 0):
            sys.exit(f"{sys.argv[3]}: step {t}, element {i}: {x}, expected "
                     f"{y} (input step {t - shift})")
        events += x != 0
if events == 0:
    sys.exit(f"{sys.argv[3]}: no events")
print(f"{sys.argv[3]}: {events} events, the input {shift} steps later")
