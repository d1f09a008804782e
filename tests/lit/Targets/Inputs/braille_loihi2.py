"""The Braille RNNs of examples/nir as trained, on loihi and loihi2.

    braille_loihi2.py EXAMPLES_DIR WORK_DIR

For each network: loihi must refuse it; on loihi2 the compiled image must
give the quantized reference's outputs in both emulator modes, and each
output's spike count must lie within 3 of the float reference's (hardware
timing). Prints one line per network; spikec comes from PATH.
"""
import json
import os
import subprocess
import sys

examples, work = sys.argv[1], sys.argv[2]
inputs = os.path.join(examples, "inputs", "braille_random_256.json")
NETWORKS = [("braille_rnn.nir", ["--dt=1e-4"]),
            ("braille_rnn_nobias.nir", ["--dt=1e-4", "--nir-subtract-reset"])]


def spikec(*args, ok=True):
    run = subprocess.run(["spikec", *args], capture_output=True, text=True)
    if ok and run.returncode != 0:
        sys.exit(f"spikec {' '.join(args)} failed:\n{run.stderr}")
    return run


def outputs(path):
    with open(path) as f:
        return json.load(f)["outputs"]["output"]


for name, flags in NETWORKS:
    net = os.path.join(examples, "nir", name)
    out = lambda tag: os.path.join(work, f"{name}.{tag}.json")
    refused = spikec("compile", net, *flags, "--target=loihi", "-o",
                     os.path.join(work, "refused.simg"), ok=False)
    loihi_refuses = (refused.returncode != 0 and "error:" in refused.stderr
                     and not os.path.exists(os.path.join(work, "refused.simg")))
    spikec("simulate", net, *flags, "--sync=hardware", f"--input={inputs}",
           "-o", out("float"))
    spikec("simulate", net, *flags, "--target=loihi2", f"--input={inputs}",
           "-o", out("quantized"))
    image = os.path.join(work, name + ".simg")
    spikec("compile", net, *flags, "--target=loihi2", "--quiet", "-o", image)
    spikec("emulate", image, f"--input={inputs}", f"--output={out('functional')}")
    spikec("emulate", image, "--mode=cycle", f"--input={inputs}",
           f"--output={out('cycle')}")
    q = outputs(out("quantized"))
    same = q == outputs(out("functional")) == outputs(out("cycle"))
    counts = lambda rows: [sum(col) for col in zip(*rows)]
    near = all(abs(a - b) <= 3 for a, b in
               zip(counts(outputs(out("float"))), counts(q)))
    spiking = sum(counts(q)) > 0
    label = " ".join([name] + [f for f in flags if f != "--dt=1e-4"])
    print(f"{label}: {'loihi refuses it' if loihi_refuses else 'loihi runs it'}; "
          f"loihi2: image == quantized in both modes: {same and spiking}; "
          f"counts within 3 of float: {near}")
