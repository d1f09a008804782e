"""Checks spikec-cosim's per-core figures against the emulator's own cycle-mode
report of the same run (`spikec emulate --mode=cycle --report`).

    check_report.py COSIM.txt REPORT.json IMAGE.json SPIKE_OUT_CYCLES

- Each co-simulated core's spike count (counted from the RTL's spike port)
  must equal the report's activity.per_core spikes.
- The busiest core's busy time (cycle.cores.busiest.busy_s; the targets
  here run at 1 GHz, so ns = cycles) must equal the RTL's cycles for that
  core plus SPIKE_OUT_CYCLES per packet it sent: the cycle model keeps a core
  busy until its last packet has left (CycleModel.h), the RTL core stops at
  its neuron phase. Packets = spikes x r when every neuron of the core has r
  routes; otherwise the busy time is not checked, and the line says so.
Prints what it compared; exits 1 on the first disagreement.
"""
import json
import re
import sys

cosim_txt, report_path, image_path, spike_out = sys.argv[1:5]
spike_out = int(spike_out)
cores = {}
for line in open(cosim_txt):
    m = re.match(r"core (\d+): (\d+) steps, (\d+) spikes, (\d+) synaptic ops, "
                 r"(\d+) cycles", line)
    if m:
        c, _, spikes, _, cycles = map(int, m.groups())
        cores[c] = (spikes, cycles)
if not cores:
    sys.exit("no core lines in " + cosim_txt)
report = json.load(open(report_path))
image = json.load(open(image_path))

per_core = {e["core"]: e["spikes"] for e in report["activity"]["per_core"]}
for c, (spikes, _) in cores.items():
    if per_core[c] != spikes:
        sys.exit(f"core {c}: rtl {spikes} spikes, report {per_core[c]}")
print(f"spikes agree with the report on {len(cores)} cores")

busiest = report["cycle"]["cores"]["busiest"]
b = busiest["core"]
busy = round(busiest["busy_s"] * 1e9)
routes = {len(r) for r in image["cores"][b]["routes"]}
if b not in cores or len(routes) != 1:
    print(f"busiest core {b}: busy time not checked (not co-simulated, or "
          f"its neurons have {sorted(routes)} routes)")
    sys.exit(0)
r = routes.pop()
spikes, cycles = cores[b]
expected = cycles + spike_out * spikes * r
print(f"busiest core {b}: rtl {cycles} cycles + {spike_out} x {spikes} spikes "
      f"x {r} routes = {expected}, report busy {busy}")
sys.exit(0 if expected == busy else 1)
