"""Compares the outputs of `spikec simulate --target` (the quantized
reference) and `spikec emulate` (the emulator on the compiled image).

    compare.py REF.json EMU.json [REF-SUMMARY EMU-SUMMARY]

Prints, per output, the steps, the spikes (nonzero values) of each run and
the number of values that differ, and with the two --summary texts their
totals line ("synaptic events A, neuron updates B, spikes C"). Exits 1 when
any value or total differs, when the outputs are not the same set, or when
the reference is silent (no spike at all, in the totals when given, else
in the outputs: a test that could not fail).
"""
import json
import re
import sys


def totals(path):
    with open(path) as f:
        m = re.search(r"synaptic events (\d+), neuron updates (\d+), spikes (\d+)",
                      f.read())
    if not m:
        sys.exit(f"{path}: no totals line")
    return tuple(int(g) for g in m.groups())


def main():
    ref = json.load(open(sys.argv[1]))
    emu = json.load(open(sys.argv[2]))
    ok = True
    if ref["timesteps"] != emu["timesteps"]:
        print(f"timesteps differ: {ref['timesteps']} vs {emu['timesteps']}")
        ok = False
    if sorted(ref["outputs"]) != sorted(emu["outputs"]):
        print(f"outputs differ: {sorted(ref['outputs'])} vs {sorted(emu['outputs'])}")
        sys.exit(1)
    spikes = 0
    for name in sorted(ref["outputs"]):
        a, b = ref["outputs"][name], emu["outputs"][name]
        if len(a) != len(b) or any(len(r) != len(s) for r, s in zip(a, b)):
            print(f"{name}: shapes differ")
            ok = False
            continue
        n_ref = sum(x != 0 for r in a for x in r)
        n_emu = sum(x != 0 for r in b for x in r)
        diff = sum(x != y for r, s in zip(a, b) for x, y in zip(r, s))
        spikes += n_ref
        print(f"{name}: {len(a)} steps, reference {n_ref} spikes, "
              f"emulator {n_emu}, {diff} differ")
        ok = ok and diff == 0
    if len(sys.argv) > 4:
        t_ref, t_emu = totals(sys.argv[3]), totals(sys.argv[4])
        print("totals: reference synaptic events %d, neuron updates %d, "
              "spikes %d" % t_ref)
        print("totals: emulator synaptic events %d, neuron updates %d, "
              "spikes %d" % t_emu)
        ok = ok and t_ref == t_emu
        spikes = t_ref[2]
    if spikes == 0:
        print("the reference is silent")
        ok = False
    print("identical" if ok else "DIFFERENT")
    sys.exit(0 if ok else 1)


main()
