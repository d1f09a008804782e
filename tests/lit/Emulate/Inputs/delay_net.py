"""A network with a delay: 4 event inputs into 4 IF neurons (identity
weights, threshold 0.5: each input event makes a spike), whose spikes go
through a delay of 3 steps into 4 more IF neurons. So with hardware timing
a_t = x_(t-1) and b_t = a_(t-1-3) = x_(t-5); with layer timing a_t = x_t
and b_t = x_(t-3).

usage: delay_net.py NET.json [STEPS]   (one number, or one per element:
"0,1,2,5")
"""
import json
import sys

steps = sys.argv[2] if len(sys.argv) > 2 else "3"
steps = [int(x) for x in steps.split(",")]
steps = steps[0] if len(steps) == 1 else steps
eye = [[1.0 if i == j else 0.0 for j in range(4)] for i in range(4)]
ifp = {"gain": 1.0, "v_threshold": 0.5}
net = {
    "name": "delays",
    "inputs": [{"name": "x", "size": 4}],
    "populations": [
        {"name": "a", "model": "if", "size": 4, "params": ifp},
        {"name": "b", "model": "if", "size": 4, "params": ifp},
    ],
    "projections": [
        {"name": "in", "from": "x", "to": "a", "kind": "dense", "weight": eye},
        {"name": "late", "from": "a", "to": "b", "kind": "delay",
         "steps": steps},
    ],
    "outputs": [{"name": "a_out", "from": "a"}, {"name": "b_out", "from": "b"}],
}
json.dump(net, open(sys.argv[1], "w"))
