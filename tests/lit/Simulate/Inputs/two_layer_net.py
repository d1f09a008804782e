"""The network description shared by the two-layer test networks
(akida_mlp.py, truenorth_mlp.py): input -> hidden -> classes, both layers IF
with subtract reset and threshold 1, a rate-encoded input, one image held for
every step."""
import json


def write_two_layer(net_path, in_path, steps, rng, *, name, input_name,
                    encoder, fc1, fc2):
    neuron = {"gain": 1.0, "v_threshold": 1.0}
    hidden, inputs = len(fc1), len(fc1[0])
    net = {
        "name": name,
        "inputs": [{"name": input_name, "size": inputs, "encoder": encoder}],
        "populations": [
            {"name": "hidden", "model": "if", "size": hidden,
             "params": neuron, "reset": "subtract"},
            {"name": "classes", "model": "if", "size": len(fc2),
             "params": neuron, "reset": "subtract"},
        ],
        "projections": [
            {"name": "fc1", "from": input_name, "to": "hidden",
             "kind": "dense", "weight": fc1},
            {"name": "fc2", "from": "hidden", "to": "classes",
             "kind": "dense", "weight": fc2},
        ],
        "outputs": [{"name": "out", "from": "classes"}],
    }
    json.dump(net, open(net_path, "w"))
    image = [rng.random() for _ in range(inputs)]
    json.dump([image] * steps, open(in_path, "w"))
