"""Checks that an output is an input shifted in time: OUT[name][t][i] ==
IN[t - shift_i][i] (0 before), element by element.

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
# SHIFT: one number, or one per element ("5,6,7,8").
shifts = [int(x) for x in sys.argv[4].split(",")]
events = 0
for t, row in enumerate(out):
    for i, x in enumerate(row):
        shift = shifts[i] if len(shifts) > 1 else shifts[0]
        y = rows[t - shift][i] if t >= shift else 0
        if (x != 0) != (y != 0):
            sys.exit(f"{sys.argv[3]}: step {t}, element {i}: {x}, expected "
                     f"{y} (input step {t - shift})")
        events += x != 0
if events == 0:
    sys.exit(f"{sys.argv[3]}: no events")
print(f"{sys.argv[3]}: {events} events, the input {sys.argv[4]} steps later")
