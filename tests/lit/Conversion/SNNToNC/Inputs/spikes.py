"""Seeded random spike rows for a network's single input.

usage: spikes.py OUT.json WIDTH STEPS PROBABILITY SEED
"""
import json
import random
import sys

out, width, steps, p, seed = sys.argv[1:]
rng = random.Random(int(seed))
rows = [[1.0 if rng.random() < float(p) else 0.0 for _ in range(int(width))]
        for _ in range(int(steps))]
json.dump(rows, open(out, "w"))
