"""Checks the mapping report of place-route.mlir compiled with --profile
against rates measured independently: the input file's events and the
hidden layer's spikes from `spikec simulate --target` (a probe).

Partition (place-route.mlir): core 0 = h0, h1; core 1 = h2; core 2 = o.
Each input element reaches cores 0 and 1 (2 cores off-chip), each hidden
neuron reaches core 2 only (1 other core), o reaches nothing; every
hidden-to-output path is 1 hop. So
  input spikes into cores = 2 x sum(input rates),
  inter-core spikes       = sum(hidden rates) (between cores only),
  placement cost          = 1 hop x sum(hidden rates).

usage: profile_check.py INPUT.json TRACE.json REPORT.json
"""
import json
import sys

inputs = json.load(open(sys.argv[1]))
trace = json.load(open(sys.argv[2]))
report = json.load(open(sys.argv[3]))
steps = len(inputs)
x_rate = sum(sum(1 for v in row if v) for row in inputs) / steps
h_rows = trace["probes"]["h:out"]
h_rate = sum(sum(1 for v in row if v) for row in h_rows) / len(h_rows)
expected_spikes = h_rate
expected_inputs = 2 * x_rate
print(f"rates: inputs {x_rate:g}, hidden {h_rate:g} events per step")
print(f"expected inter-core spikes {expected_spikes:g}, report "
      f"{report['inter_core_spikes']:g}; input spikes {expected_inputs:g}, "
      f"report {report['input_spikes']:g}; rates '{report['rates']}'")
ok = abs(report["inter_core_spikes"] - expected_spikes) < 1e-6
ok &= abs(report["input_spikes"] - expected_inputs) < 1e-6
ok &= report["rates"] == "profile" and h_rate > 0
sys.exit(0 if ok else 1)
