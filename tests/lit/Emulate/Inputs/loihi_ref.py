"""An independent executor of a loihi hardware image, written from
targets/MODELS.md ("loihi", "Readouts") and docs/image-format.md alone, in
plain Python integers: every core's compartments (model loihi) and readout
compartments (model loihi_readout), dendrite groups with weight_exp and
delay, routes, hardware timing.

    loihi_ref.py IMAGE.json IN.json OUT.json

IMAGE.json is `spikec info --json`; IN.json the input rows (a list of rows,
or {"name": rows}) of events for inputs without an encoder. Writes
{"timesteps": T, "outputs": {name: rows}} as `spikec emulate` does, so the
two can be compared value for value.
"""
import json
import sys

MAX_UV = 1 << 23
MAX_V = MAX_UV - 1


def trunc0_shift12(x):
    """sign(x) * (|x| >> 12): the decay's rounding toward zero."""
    return -((-x) >> 12) if x < 0 else x >> 12


def wrap16(x):
    x &= 0xFFFF
    return x - 0x10000 if x >= 0x8000 else x


def sat32(x):
    return max(-(1 << 31), min((1 << 31) - 1, x))


def shift_exp(x, e):
    """x << e for e >= 0, floor(x / 2^-e) otherwise."""
    return x << e if e >= 0 else x >> -e


def param(core, name, n):
    p = core["params"][name]
    return p[n] if isinstance(p, list) else p


def main():
    image = json.load(open(sys.argv[1]))
    rows = json.load(open(sys.argv[2]))
    if isinstance(rows, list):
        (inp,) = image["inputs"]
        rows = {inp["name"]: rows}
    steps = len(next(iter(rows.values())))
    cores = image["cores"]
    for c in cores:
        if c["model"] not in ("loihi", "loihi_readout"):
            sys.exit(f"core {c['id']}: model {c['model']} is not loihi")
        for inp in image["inputs"]:
            if inp["encoder"] is not None:
                sys.exit(f"input {inp['name']} has an encoder")
    state = [{"u": [0] * c["neurons"], "v": [0] * c["neurons"],
              "r": [0] * c["neurons"], "out": [0] * c["neurons"]}
             for c in cores]
    # pending[(step, core)] = list of (axon, value)
    pending = {}

    def send(dest, t, value):
        core, axon = dest
        delay = cores[core]["groups"][cores[core]["axons"][axon]["group"]]["delay"]
        pending.setdefault((t + 1 + delay, core), []).append((axon, value))

    outputs = {o["name"]: [] for o in image["outputs"]}
    for t in range(steps):
        for inp in image["inputs"]:
            for e, x in enumerate(rows[inp["name"]][t]):
                if x != 0:
                    for d in inp["destinations"][e]:
                        send(d, t, int(x))
        for ci, c in enumerate(cores):
            n = c["neurons"]
            groups = c["groups"]
            acc = [[0] * n for _ in groups]
            for axon, value in pending.pop((t, ci), []):
                a = c["axons"][axon]
                for tgt, w in zip(a["targets"], a["weights"]):
                    acc[a["group"]][tgt] += value * w
            s = state[ci]
            readout = c["model"] == "loihi_readout"
            for j in range(n):
                total = sum(sat32(shift_exp(acc[g][j], groups[g]["weight_exp"]))
                            for g in range(len(groups)))
                a = wrap16(sat32(total))
                du, dv = param(c, "du", j), param(c, "dv", j)
                bias = param(c, "bias_mant", j) << param(c, "bias_exp", j)
                u = trunc0_shift12(s["u"][j] * (4096 - (du + 1))) + a * 64
                if u > MAX_UV:
                    u -= 2 * MAX_UV
                elif u <= -MAX_UV:
                    u += 2 * MAX_UV
                s["u"][j] = u
                if s["r"][j] > 0:
                    s["r"][j] -= 1
                else:
                    v = trunc0_shift12(s["v"][j] * (4096 - dv)) + u + bias
                    s["v"][j] = max(-MAX_V, min(MAX_V, v))
                if readout:
                    s["out"][j] = s["v"][j]
                    continue
                spike = s["v"][j] > (param(c, "vth_mant", j) << 6)
                s["out"][j] = int(spike)
                if spike:
                    s["v"][j] = 0
                    s["r"][j] = param(c, "refractory_delay", j)
        for ci, c in enumerate(cores):
            if c["model"] == "loihi_readout":
                if any(c["routes"]):
                    sys.exit(f"core {ci}: a readout core has routes")
                continue
            for j, o in enumerate(state[ci]["out"]):
                if o:
                    for d in c["routes"][j]:
                        send(d, t, o)
        for o in image["outputs"]:
            outputs[o["name"]].append(
                [state[c]["out"][j] for c, j in o["sources"]])
    json.dump({"timesteps": steps, "outputs": outputs}, open(sys.argv[3], "w"))


main()
