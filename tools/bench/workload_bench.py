#!/usr/bin/env python3
"""spikec's emulator against Brian2 on the network a user would run on both.

The workload is Brian2's random recurrent LIF network
(../shared/peers/brian2/brian2_lif.py: N neurons, K random outgoing synapses
each, 80% +0.02 / 20% -0.08, tau 20 ms, dt 1 ms, threshold 1, reset 0), and
its spikec twin from the same numpy draws (gen_rec_json.py beside it: the same
connectivity and weights, the LIF written per step as Brian2's Euler step).
In one run, for each size: Brian2 (Debian's python3-brian, cython target,
timed on its run() alone), then spikec compiles the twin for loihi cores on a
mesh large enough for it and emulates it in functional and cycle mode on one
thread and on every core (--threads), timed on the emulator's loop alone
(the report's wall_s). Cycle mode also gives the time per simulated hop. Each side counts its own
synaptic events (spikes x K); the figures are events per second and their
ratios, spikec / Brian2.

With --sanafe=SIM --sanafe-arch=ARCH (SANA-FE's `sim`, built by
../shared/peers/sanafe/build.sh, and its arch/loihi.yaml), the same run also
sets spikec's cycle mode against SANA-FE's `simple` timing model on
SANA-FE's own random network (../shared/peers/sanafe/gen_random.py: N
neurons with a bias each, K random synapses of integer weight; its spikec
twin by net2json.py): SANA-FE timed on its loop (the run summary's
neuron, message, scheduler and energy wall times), spikec on its report's
wall_s, each counting spikes x K events.

  tools/bench/workload_bench.py [--sizes=10000,100000] [--steps=1000,200]
      [--k=100] [--build=build] [--shared=../shared] [--brian2-target=cython]
      [--no-brian2] [--modes=functional,cycle] [--threads=1,N] [--keep=DIR]
      [--sanafe=SIM --sanafe-arch=ARCH]

Brian2 is installed (apt-get, as root) when it is missing; without root the
Brian2 column is left out and the program says why.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def have_brian2():
    return subprocess.run([sys.executable, "-c", "import brian2"],
                          capture_output=True).returncode == 0


def ensure_brian2():
    """True when Brian2 can be imported, installing Debian's package as root."""
    if have_brian2():
        return True
    if os.geteuid() != 0:
        print("Brian2 is missing and this is not root: apt-get install "
              "python3-brian (the Brian2 column is left out)")
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-q", "python3-brian"],
                   env=env, capture_output=True)
    if not have_brian2():
        print("apt-get install python3-brian failed (the Brian2 column is "
              "left out)")
        return False
    return True


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"workload_bench: {' '.join(cmd)} failed:\n{p.stderr}{p.stdout}")
    return p


def mesh_target(n, work):
    """The loihi preset on a square mesh with room for n neurons of fan-in
    about 100 (the synapse memory holds 40-50 such neurons per core)."""
    desc = json.load(open(os.path.join(ROOT, "targets", "loihi.json")))
    per_tile = desc["mesh"]["cores_per_tile"]["value"]
    tiles = math.ceil(n / 32 / per_tile * 1.25)
    side = max(desc["mesh"]["width"]["value"], math.ceil(math.sqrt(tiles)))
    desc["name"] = f"loihi_{side}x{side}"
    desc["mesh"]["width"] = {"value": side, "assumed": "benchmark mesh"}
    desc["mesh"]["height"] = {"value": side, "assumed": "benchmark mesh"}
    desc["mesh"]["cores"] = {"value": side * side * per_tile,
                             "assumed": "benchmark mesh"}
    path = os.path.join(work, desc["name"] + ".json")
    json.dump(desc, open(path, "w"), indent=1)
    return path, side


def brian2(args, n, steps):
    script = os.path.join(args.shared, "peers", "brian2", "brian2_lif.py")
    out = run([sys.executable, script, str(n), str(args.k), str(steps),
               args.brian2_target]).stdout
    m = re.search(r"(\d+) spikes, (\d+) synaptic events, ([0-9.]+) s", out)
    if not m:
        sys.exit(f"workload_bench: unexpected Brian2 output: {out}")
    spikes, events, wall = int(m.group(1)), int(m.group(2)), float(m.group(3))
    return {"spikes": spikes, "events": events, "wall": wall}


def spikec(args, n, steps, work):
    net = os.path.join(work, f"rec{n}.json")
    run([sys.executable, os.path.join(args.shared, "peers", "brian2",
                                      "gen_rec_json.py"),
         str(n), str(args.k), net])
    return emulate(args, n, steps, net, work, args.modes, args.threads)


def emulate(args, n, steps, net, work, modes, thread_counts):
    """Compiles `net` (n neurons) for a loihi mesh and emulates `steps` steps
    of zero input in each mode on each thread count."""
    target, side = mesh_target(n, work)
    image = os.path.join(work, f"rec{n}.simg")
    spikec_bin = os.path.join(args.build, "bin", "spikec")
    t0 = time.perf_counter()
    run([spikec_bin, "compile", net, f"--target={target}", "--dt=1e-3",
         "--quiet", "-o", image])
    compile_s = time.perf_counter() - t0
    inputs = os.path.join(work, f"in{steps}.json")
    json.dump([[0]] * steps, open(inputs, "w"))
    result = {"compile": compile_s, "mesh": f"{side}x{side}"}
    for mode in modes:
        for threads in thread_counts:
            report = os.path.join(work, f"r{n}_{mode}_{threads}.json")
            run([spikec_bin, "emulate", image, f"--input={inputs}",
                 f"--mode={mode}", f"--threads={threads}", f"--report={report}",
                 "--output=" + os.path.join(work, "out.json")])
            r = json.load(open(report))
            mesh = r.get("cycle", {}).get("mesh", {})
            result[(mode, threads)] = {
                "spikes": r["activity"]["spikes"],
                "events": r["activity"]["synaptic_events"],
                "packets": r["activity"]["packets"],
                "hops": mesh.get("hops_ew", 0) + mesh.get("hops_ns", 0),
                "wall": r["run"]["wall_s"]}
    return result


def sanafe(args, n, steps, work):
    """SANA-FE simple against spikec cycle, one thread each, on SANA-FE's
    random network of n neurons."""
    prefix = os.path.join(work, f"sf{n}")
    gen = os.path.join(args.shared, "peers", "sanafe")
    run([sys.executable, os.path.join(gen, "gen_random.py"), str(n),
         str(args.k), "1", prefix, "128", "net"])
    run([sys.executable, os.path.join(gen, "net2json.py"), prefix + ".net",
         prefix + ".json"])
    out = os.path.join(work, f"sf{n}.out")
    os.makedirs(out, exist_ok=True)
    # Its netlist format: at 100k its YAML reader needs more than 24 GB.
    run([args.sanafe, "-n", "-t", "simple", "-o", out, args.sanafe_arch,
         prefix + ".net", str(steps)])
    summary = {}
    for line in open(os.path.join(out, "run_summary.yaml")):
        m = re.match(r"\s*(\w+):\s*([0-9.eE+-]+)\s*$", line)
        if m:
            summary[m.group(1)] = float(m.group(2))
    loop = sum(summary[k] for k in ("neuron_processing", "message_processing",
                                    "scheduler", "energy"))
    # Its total_spikes counts spikes reaching synapses; neurons fired are
    # the spikes.
    sf = {"spikes": int(summary["total_neurons_fired"]), "wall": loop}
    sf["events"] = sf["spikes"] * args.k
    sc = emulate(args, n, steps, prefix + ".json", work, ["cycle"], [1])
    c = sc[("cycle", 1)]
    # spikes x K on both sides: the twin drops the weights that are 0, which
    # SANA-FE's sparse edges keep and read.
    c["events"] = c["spikes"] * args.k
    ratio = (c["events"] / c["wall"]) / (sf["events"] / sf["wall"])
    print(f"N={n} K={args.k} T={steps}, SANA-FE's random network "
          f"(spikec on {sc['mesh']} tiles)")
    print(f"  SANA-FE simple   : {sf['spikes']:>9} spikes, {sf['events']:>11} "
          f"events in {sf['wall']:.2f} s: {sf['events'] / sf['wall']:.3e}/s")
    print(f"  spikec cycle, 1t : {c['spikes']:>9} spikes, {c['events']:>11} "
          f"events in {c['wall']:.2f} s: {c['events'] / c['wall']:.3e}/s = "
          f"{ratio:.3g}x SANA-FE simple"
          + (f", {c['wall'] / c['hops'] * 1e9:.1f} ns/hop" if c["hops"] else ""))
    sys.stdout.flush()
    return sf, c, ratio


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--steps", default="1000,200",
                    help="steps per size (one value: all sizes)")
    ap.add_argument("--k", type=int, default=100)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--brian2-target", default="cython")
    ap.add_argument("--no-brian2", action="store_true")
    ap.add_argument("--modes", default="functional,cycle",
                    help="emulator modes to run")
    ap.add_argument("--threads", default=f"1,{os.cpu_count() or 1}",
                    help="emulator thread counts to run (default: 1 and "
                         "every core)")
    ap.add_argument("--keep", help="keep the generated files in this folder")
    ap.add_argument("--sanafe", help="SANA-FE's sim, to run beside")
    ap.add_argument("--sanafe-arch", help="its arch/loihi.yaml")
    args = ap.parse_args()
    if bool(args.sanafe) != bool(args.sanafe_arch):
        sys.exit("workload_bench: --sanafe and --sanafe-arch go together")
    args.modes = args.modes.split(",")
    args.threads = sorted({int(t) for t in args.threads.split(",")})
    if min(args.threads) < 1:
        sys.exit("workload_bench: --threads takes counts >= 1")
    if not set(args.modes) <= {"functional", "cycle"}:
        sys.exit("workload_bench: --modes takes functional and/or cycle")
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = [int(s) for s in args.steps.split(",")]
    if len(steps) == 1:
        steps *= len(sizes)
    if len(steps) != len(sizes):
        sys.exit("workload_bench: --steps needs one value or one per size")
    with_brian2 = not args.no_brian2 and ensure_brian2()

    work = args.keep or tempfile.mkdtemp(prefix="spikec-workload-")
    os.makedirs(work, exist_ok=True)
    rows, sf_rows = [], []
    try:
        for n, t in zip(sizes, steps):
            b = brian2(args, n, t) if with_brian2 else None
            s = spikec(args, n, t, work)
            rows.append((n, t, b, s))
            report_row(n, t, b, s, args.k, args.modes)
            if args.sanafe:
                sf_rows.append((n, t) + sanafe(args, n, t, work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    columns = [(m, t) for m in args.modes for t in args.threads]
    print("| network | Brian2 events/s | " + " | ".join(
        f"spikec {m}, {t} thread{'s' if t > 1 else ''}" for m, t in columns)
          + " |")
    print("|---|---:|" + "---:|" * len(columns))
    for n, t, b, s in rows:
        be = b["events"] / b["wall"] if b else None
        cells = []
        for key in columns:
            e = s[key]["events"] / s[key]["wall"]
            cells.append(f"{e:.3g}" + (f" ({e / be:.3g}x)" if be else ""))
        print(f"| {n} x {args.k}, {t} steps | "
              f"{f'{be:.3g}' if be else '-'} | " + " | ".join(cells) + " |")
    if sf_rows:
        print()
        print("| SANA-FE's network | SANA-FE simple events/s | spikec cycle, "
              "1 thread |")
        print("|---|---:|---:|")
        for n, t, sf, c, ratio in sf_rows:
            print(f"| {n} x {args.k}, {t} steps | "
                  f"{sf['events'] / sf['wall']:.3g} | "
                  f"{c['events'] / c['wall']:.3g} ({ratio:.3g}x) |")


def report_row(n, t, b, s, k, modes):
    print(f"N={n} K={k} T={t} (loihi cores, {s['mesh']} tiles; compile "
          f"{s['compile']:.1f} s)")
    if b:
        print(f"  brian2:            {b['spikes']:>9} spikes "
              f"({b['spikes'] / n / t:.4f}/neuron/step), {b['events']:>11} "
              f"events in {b['wall']:.2f} s: {b['events'] / b['wall']:.3e}/s")
    for key, m in s.items():
        if not isinstance(key, tuple):
            continue
        mode, threads = key
        label = f"{mode}, {threads}t"
        hop = (f", {m['wall'] / m['hops'] * 1e9:.1f} ns/hop ({m['hops']} hops)"
               if m["hops"] else "")
        print(f"  spikec {label:<14}: {m['spikes']:>9} spikes "
              f"({m['spikes'] / n / t:.4f}/neuron/step), {m['events']:>11} "
              f"events, {m['packets']} packets in {m['wall']:.2f} s: "
              f"{m['events'] / m['wall']:.3e}/s"
              + (f" = {m['events'] / m['wall'] / (b['events'] / b['wall']):.3g}"
                 f"x Brian2" if b else "") + hop)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
