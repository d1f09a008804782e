"""Checks on an image written as JSON (spikec compile --emit=image-json).

usage: image_checks.py one-type IMAGE.json
         every axon's synapses share one axon type (a TrueNorth axon has
         one type G); prints the axons per core and the types in use
       image_checks.py synapse-bits IMAGE.json QUANT_REPORT.json
         the synapse bits the image holds equal the sum, over the tables of
         the quantizer's report, of synapses x weight bits
"""
import json
import sys


def one_type(image):
    ok = True
    for core in image["cores"]:
        used = set()
        for a, axon in enumerate(core["axons"]):
            types = set(axon.get("types", [0]))
            used |= types
            if len(types) != 1:
                print(f"core {core['id']}: axon {a} mixes types {sorted(types)}")
                ok = False
        print(f"core {core['id']}: {len(core['axons'])} axons, types {sorted(used)}")
    return ok


def synapse_bits(image, report):
    held = sum(len(axon["targets"]) * core["groups"][axon["group"]]["weight_bits"]
               for core in image["cores"] for axon in core["axons"])
    tables = [t for g in report["graphs"] for p in g["populations"]
              for t in p.get("tables", [])]
    expected = sum(t["synapses"] * t["weight_bits"] for t in tables)
    print(f"image {held} synapse bits, report {expected}")
    return held == expected and held > 0


if __name__ == "__main__":
    image = json.load(open(sys.argv[2]))
    if sys.argv[1] == "one-type":
        ok = one_type(image)
    else:
        ok = synapse_bits(image, json.load(open(sys.argv[3])))
    sys.exit(0 if ok else 1)
