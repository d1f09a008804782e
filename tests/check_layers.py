#!/usr/bin/env python3
"""Fails when a lower layer of spikec includes or links a higher one.

The layers, lowest first (DESIGN.md section 9). A file may include, and a
program may link, its own layer and those below:
  support   plain C++ every layer shares (support/)
  targets   target descriptions, the hardware image, and each chip's
            folder (targets/<chip>/: its fixed-point models, parameters
            and population kernels) but for its compiler/
  passes    also each chip's targets/<chip>/compiler/ (its snn-quantize
            backend and legalization, built into SpikecPasses)
  emulator  the kernels, the image executor, spike files, spikec-cosim:
            no MLIR (LLVM's Support library is allowed everywhere)
  dialect   snn and nc, the importers, and what runs on their ops: the
            reference engines and the spike files' MLIR adaptor
  passes    transforms, the snn -> nc conversion, mapping
  explore   designing networks with the chip in the loop (explore/): it
            compiles and emulates candidates
  tools     the drivers, benchmarks and tests

Usage: check_layers.py SOURCE_DIR [BUILD_DIR]. With BUILD_DIR (a Ninja
build), every program's link line is checked too: the layer of a program is
the highest of its sources, and every library it links (MLIR's counting as
the dialect layer) must be at or below it; and ldd must show no MLIR in
spikec-cosim.
"""

import glob
import os
import re
import subprocess
import sys

LAYERS = ["support", "targets", "emulator", "dialect", "passes", "explore",
          "tools"]

# Where each layer lives; the longest matching prefix wins.
PLACES = {
    "support/": "support",
    "targets/": "targets",
    "emulator/": "emulator",
    "emulator/include/spikec/Reference/": "dialect",
    "emulator/lib/Reference/": "dialect",
    "emulator/bench/reference_bench.cpp": "dialect",
    "emulator/include/spikec/IO/SpikeFiles.h": "dialect",
    "emulator/lib/IO/SpikeFiles.cpp": "dialect",
    "rtl/": "emulator",
    "dialect/": "dialect",
    "passes/": "passes",
    "explore/": "explore",
    "tools/": "tools",
    "tests/": "tools",
}

# A chip's folder holds two layers (docs/chips.md): its compiler/ is the
# passes layer, the rest the targets layer.
CHIP_COMPILER = re.compile(r"targets/[^/]+/compiler/")

# Headers not in the source tree, by include path: MLIR's and the
# TableGen-generated ones.
GENERATED = {
    "mlir/": "dialect",
    "spikec/Dialect/": "dialect",
    "spikec/Passes/": "passes",
    "spikec/Version.inc": "tools",
}

INCLUDE_ROOTS = [
    "support/include",
    "targets/include",
    "targets/*/include",
    "emulator/include",
    "dialect/include",
    "passes/include",
    "passes/lib",
    "passes/lib/Conversion/SNNToNC",
    "explore/include",
]

SOURCE_EXTENSIONS = (".h", ".hpp", ".cpp", ".cc")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def layer_of(rel):
    """The layer of a path relative to the source directory, or None."""
    if CHIP_COMPILER.match(rel):
        return "passes"
    best = None
    for prefix, layer in PLACES.items():
        if rel.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return PLACES[best] if best else None


def rank(layer):
    return LAYERS.index(layer)


def resolve(src, including_dir, name):
    """The layer of an included header, or None for system and LLVM ones."""
    roots = [p for r in INCLUDE_ROOTS for p in sorted(glob.glob(os.path.join(src, r)))]
    for base in [including_dir] + roots:
        path = os.path.join(base, name)
        if os.path.isfile(path):
            return layer_of(os.path.relpath(os.path.realpath(path), src))
    for prefix, layer in GENERATED.items():
        if name.startswith(prefix):
            return layer
    return None


def check_includes(src):
    problems = []
    for top in sorted({p.split("/")[0] for p in PLACES}):
        for root, dirs, files in os.walk(os.path.join(src, top)):
            dirs.sort()
            for f in sorted(files):
                if not f.endswith(SOURCE_EXTENSIONS):
                    continue
                path = os.path.join(root, f)
                rel = os.path.relpath(path, src)
                mine = layer_of(rel)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    for n, line in enumerate(fh, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        theirs = resolve(src, root, m.group(1))
                        if theirs and rank(theirs) > rank(mine):
                            problems.append(
                                f"{rel}:{n}: the {mine} layer includes "
                                f"{m.group(1)} of the {theirs} layer")
    return problems


def ninja_statements(build):
    """(outputs, rule, inputs, variables) of each build statement."""
    text = open(os.path.join(build, "build.ninja")).read().replace("$\n", "")
    stmt = None
    for line in text.splitlines():
        if line.startswith("build "):
            if stmt:
                yield stmt
            head, _, inputs = line[len("build "):].partition(": ")
            rule, _, inputs = inputs.partition(" ")
            stmt = (head.split(), rule, inputs.split("||")[0].split(), {})
        elif stmt and line.startswith("  ") and " = " in line:
            key, _, value = line.strip().partition(" = ")
            stmt[3][key] = value
        elif not line.startswith("  "):
            if stmt:
                yield stmt
            stmt = None
    if stmt:
        yield stmt


def check_links(src, build):
    statements = list(ninja_statements(build))
    source_of = {}  # object file -> source, relative to the source directory
    for outs, rule, ins, _ in statements:
        if rule.startswith("CXX_COMPILER") and ins:
            source_of[outs[0]] = os.path.relpath(ins[0], src)

    def layer_of_objects(objects):
        layers = [layer_of(source_of.get(o, "")) for o in objects]
        layers = [l for l in layers if l]
        return max(layers, key=rank) if layers else None

    library_layer = {}
    for outs, rule, ins, _ in statements:
        if rule.startswith("CXX_STATIC_LIBRARY_LINKER"):
            library_layer[outs[0]] = layer_of_objects(ins)

    problems = []
    for outs, rule, ins, variables in statements:
        if not rule.startswith("CXX_EXECUTABLE_LINKER"):
            continue
        mine = layer_of_objects(ins)
        if not mine:
            continue
        for lib in variables.get("LINK_LIBRARIES", "").split():
            theirs = library_layer.get(lib)
            if "libMLIR" in os.path.basename(lib):
                theirs = "dialect"
            if theirs and rank(theirs) > rank(mine):
                problems.append(f"{outs[0]}: a program of the {mine} layer "
                                f"links {lib} of the {theirs} layer")
    return problems


def check_ldd(build):
    cosim = os.path.join(build, "bin", "spikec-cosim")
    if not os.path.exists(cosim):
        return []
    out = subprocess.run(["ldd", cosim], capture_output=True, text=True).stdout
    return [f"ldd {cosim}: {l.strip()}" for l in out.splitlines()
            if "mlir" in l.lower()]


def main():
    src = os.path.realpath(sys.argv[1])
    problems = check_includes(src)
    if len(sys.argv) > 2:
        build = os.path.realpath(sys.argv[2])
        if os.path.exists(os.path.join(build, "build.ninja")):
            problems += check_links(src, build)
        else:
            print(f"{build}: no build.ninja, link lines not checked (the "
                  f"check reads Ninja's)")
        problems += check_ldd(build)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} dependencies run upward; layers, lowest "
              f"first: {', '.join(LAYERS)} (tests/check_layers.py)")
        return 1
    print("layers: every include and link points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
