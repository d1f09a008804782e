"""A cuba_lif population with a projection bias (into its synaptic
current), per-step parameters: syn_decay 0.75, syn_gain 0.25, decay 0.875,
gain 1, threshold 1, bias 0.4 on neuron 0 and 0 on neuron 1; 2 event
inputs with weight 1.5 each (identity).

usage: cuba_bias.py NET.json
"""
import json
import sys

net = {
    "name": "cuba_bias",
    "inputs": [{"name": "x", "size": 2}],
    "populations": [
        {"name": "c", "model": "cuba_lif", "size": 2,
         "params": {"syn_decay": 0.75, "syn_gain": 0.25, "decay": 0.875,
                    "gain": 1.0, "v_threshold": 1.0}},
    ],
    "projections": [
        {"name": "fc", "from": "x", "to": "c", "kind": "dense",
         "weight": [[1.5, 0.0], [0.0, 1.5]], "bias": [0.4, 0.0]},
    ],
    "outputs": [{"name": "s", "from": "c"}],
}
json.dump(net, open(sys.argv[1], "w"))
