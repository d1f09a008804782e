"""Random Braille-like input (seeded) and a plausibility check of a run.

usage: braille_check.py --write-input PATH STEPS
       braille_check.py RUN.json   # prints spike counts, fails on silence or saturation
"""
import json
import random
import sys


def main():
    if sys.argv[1] == "--write-input":
        rng = random.Random(2026)
        steps = int(sys.argv[3])
        rows = [[1.0 if rng.random() < 0.2 else 0.0 for _ in range(12)]
                for _ in range(steps)]
        json.dump(rows, open(sys.argv[2], "w"))
        return 0
    run = json.load(open(sys.argv[1]))
    for name, rows in list(run["outputs"].items()) + list(run["probes"].items()):
        total = sum(sum(r) for r in rows)
        cells = len(rows) * len(rows[0])
        print(f"{name}: {int(total)} spikes in {cells} neuron-steps")
        if total == 0 or total == cells:
            print(f"{name}: implausible activity")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
