"""Checks a cycle-mode report's energy against SANA-FE's own output for the
same network and constants: its totals by share (synapse, soma, network)
and in all, each within a relative tolerance.

SANA-FE's shares are sums of spikec's kinds: synapse = synaptic_ops; soma =
neuron_updates + soma_spikes; network = spikes_out + host_packets + hops.

usage: check_sanafe.py REPORT.json TOTAL_NJ:TOL SYNAPSE_NJ:TOL SOMA_NJ:TOL NETWORK_NJ:TOL
"""
import json
import sys

e = json.load(open(sys.argv[1]))["cycle"]["energy_pj"]
got = {
    "total": e["total"],
    "synapse": e["synaptic_ops"],
    "soma": e["neuron_updates"] + e["soma_spikes"],
    "network": e["spikes_out"] + e["host_packets"] + e["hops"],
}
ok = True
for name, arg in zip(("total", "synapse", "soma", "network"), sys.argv[2:]):
    want, tol = (float(x) for x in arg.split(":"))
    have = got[name] / 1000.0
    rel = abs(have - want) / want
    good = rel <= tol
    print(f"{name}: {have:.2f} nJ, SANA-FE {want:.2f} nJ, {100 * rel:.2f}% "
          f"{'ok' if good else f'(more than {100 * tol:g}%)'}")
    ok &= good
sys.exit(0 if ok else 1)
