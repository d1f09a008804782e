"""check_eval.py THRESHOLD FLOAT.json QUANT.json EMU.json

Checks spikec eval reports: the float and the quantized accuracy at least
THRESHOLD, and the emulator's run identical to the quantized reference's
(same correct count, confusion matrix, synaptic ops and spikes: the
bit-exact contract). Prints one line per report.
"""
import json
import sys

threshold = float(sys.argv[1])
flt, quant, emu = (json.load(open(p)) for p in sys.argv[2:5])
ok = True
for name, r in (("float", flt), ("quantized", quant), ("emulator", emu)):
    print(f"{name}: {r['correct']}/{r['images']} = {r['accuracy'] * 100:.2f}%")
    if r["accuracy"] < threshold:
        print(f"{name}: accuracy {r['accuracy']:.4f} below {threshold:.4f}")
        ok = False
for key in ("images", "correct", "confusion", "synaptic_ops_per_inference",
            "spikes_per_inference", "drain"):
    if quant[key] != emu[key]:
        print(f"emulator differs from the quantized reference in {key}: "
              f"{emu[key]} vs {quant[key]}")
        ok = False
if ok:
    print("emulator identical to the quantized reference")
sys.exit(0 if ok else 1)
