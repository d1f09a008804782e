"""A classifier that ends in a membrane readout, as Norse's and snnTorch's
do (fashion_mlp's architecture, smaller: 64 inputs, 32 LIF, 4 LI), and a
synthetic labelled dataset for it in IDX files.

usage: membrane_data.py NET.json IMAGES LABELS COUNT

Class c has a seeded random prototype (8 x 8 pixels, about 40% on); an
image of class c is its prototype with 15% of the pixels flipped, each on
pixel of intensity 96..255 (latency coding turns brighter pixels into
earlier spikes). Hidden neuron h is a matched filter of prototype h % 4
(+0.25 on its pixels, -0.125 off them); readout c sums the hidden neurons
of class c (+0.5) and of the others (-0.125). Every weight is a multiple
of 1/8 and the decays are 15/16 (lif) and 7/8 (li), which loihi's 12-bit
decays express exactly.
"""
import gzip
import json
import random
import struct
import sys

net_path, images_path, labels_path, count = (sys.argv[1], sys.argv[2],
                                             sys.argv[3], int(sys.argv[4]))
rng = random.Random(20261207)
classes, side, hidden = 4, 8, 32
pixels = side * side
protos = [[1 if rng.random() < 0.4 else 0 for _ in range(pixels)]
          for _ in range(classes)]
w1 = [[0.25 if protos[h % classes][i] else -0.125 for i in range(pixels)]
      for h in range(hidden)]
w2 = [[0.5 if h % classes == c else -0.125 for h in range(hidden)]
      for c in range(classes)]
net = {
    "name": "membrane_mlp",
    "inputs": [{"name": "pixels", "size": pixels}],
    "populations": [
        {"name": "hidden", "model": "lif", "size": hidden,
         "params": {"decay": 0.9375, "gain": 1.0, "v_threshold": 1.0}},
        {"name": "readout", "model": "li", "size": classes,
         "params": {"decay": 0.875, "gain": 1.0}},
    ],
    "projections": [
        {"name": "fc1", "from": "pixels", "to": "hidden", "kind": "dense",
         "weight": w1},
        {"name": "fc2", "from": "hidden", "to": "readout", "kind": "dense",
         "weight": w2},
    ],
    "outputs": [{"name": "classes", "from": "readout"}],
}
json.dump(net, open(net_path, "w"))

images, labels = bytearray(), bytearray()
for k in range(count):
    c = rng.randrange(classes)
    for i in range(pixels):
        on = protos[c][i] ^ (rng.random() < 0.15)
        images.append(rng.randrange(96, 256) if on else 0)
    labels.append(c)


def idx(path, dims, data):
    raw = bytes([0, 0, 8, len(dims)]) + b"".join(
        struct.pack(">I", d) for d in dims) + bytes(data)
    with (gzip.open if path.endswith(".gz") else open)(path, "wb") as f:
        f.write(raw)


idx(images_path, [count, side, side], images)
idx(labels_path, [count], labels)
