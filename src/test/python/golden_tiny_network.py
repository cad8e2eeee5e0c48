#!/usr/bin/env python3
"""Golden values for a tiny network, computed by PyTorch: an oracle independent of ScratchNet.

What it computes
  The network 6-5-4-4-3 (hidden layers ReLU, tanh, sigmoid; softmax output with mean
  cross-entropy), its weights written out below (no random generator involved), on two batches of
  four labelled examples:
    "sparse pixels": pixel levels q/255 as MNIST holds them, 17 of 24 entries exactly zero and one
                     example all zeros (a blank image), so the fast engine's first layer takes
                     its sparse path (and, in full-batch training, its pixel-level "octet" path);
    "dense":         every entry nonzero, so that layer takes its dense path.
  For each batch it records the hidden activations, logits, probabilities, mean loss, every
  weight and bias gradient (weights in PyTorch's layout [out, in]), the parameters after one
  step of SGD (learning rate 0.1) and after two steps of Adam (learning rate 0.01, betas 0.9 and
  0.999, eps 1e-8) on that batch, each step on the full batch.
  GoldenTinyNetworkTest (src/test/java/org/scratchnet/nn/) builds the same network in ScratchNet,
  on the reference engine and on the fast one, and compares every number.

Precision
  The weights and inputs are first rounded to float32 (ScratchNet's type), then everything is
  computed in float64, so the fixture holds the exact result for the very numbers ScratchNet
  starts from; what remains is ScratchNet's own float32 rounding. The float32 values are written
  in full (e.g. 0.20000000298023224 for 0.2f) so that reading them back is exact.
  The script checks that no ReLU input lies within 0.01 of its kink at any of the evaluated
  points, so float rounding cannot flip a ReLU and the comparison stays meaningful.

How to regenerate (needs PyTorch; the tests do not)
  Debian: apt-get install python3-torch, then from the repository's root:
    /usr/bin/python3 src/test/python/golden_tiny_network.py
  It rewrites src/test/resources/fixtures/golden/tiny_network.json. Made with torch 1.13.
"""

import json
import os

import torch

SIZES = [6, 5, 4, 4, 3]
ACTIVATIONS = ["relu", "tanh", "sigmoid"]

# W[l] as [out, in] (PyTorch's Linear.weight), b[l] as [out]
WEIGHTS = [
    [[0.23, 0.71, 0.50, -0.49, -0.56, 0.67],
     [-0.89, 0.58, 0.43, -0.06, -0.35, -0.40],
     [-0.44, -0.10, 0.01, 0.10, 0.89, 0.53],
     [0.22, 0.88, -0.51, -0.61, 0.20, -0.82],
     [-0.84, 0.03, -0.06, 0.75, 0.23, 0.03]],
    [[-0.54, -0.23, -0.89, 0.59, -0.62],
     [-0.42, 0.68, 0.02, 0.62, 0.25],
     [0.44, -0.74, 0.07, 0.01, 0.67],
     [-0.25, 0.18, -0.79, -0.20, -0.32]],
    [[0.16, 0.19, 0.25, 0.32],
     [-0.63, -0.11, -0.47, -0.18],
     [-0.73, 0.84, -0.51, 0.31],
     [-0.36, 0.67, 0.29, -0.66]],
    [[-0.64, -0.55, 0.77, 0.09],
     [-0.58, 0.69, 0.25, 0.13],
     [-0.22, -0.16, -0.47, -0.83]],
]
BIASES = [
    [0.25, -0.15, -0.39, 0.28, 0.12],
    [-0.21, 0.19, -0.07, 0.29],
    [0.21, 0.27, 0.24, 0.04],
    [0.23, -0.02, 0.03],
]

# pixel levels q (the input is q/255, as ScratchNet's readers compute it in float32)
SPARSE_LEVELS = [
    [0, 0, 51, 0, 230, 0],
    [128, 0, 0, 0, 0, 255],
    [0, 0, 0, 0, 0, 0],
    [26, 77, 0, 179, 0, 0],
]
DENSE_INPUTS = [
    [0.5, -1.2, 0.8, 0.3, -0.7, 1.1],
    [-0.4, 1.2, -1.5, 0.6, 0.2, -0.3],
    [1.3, 0.1, 0.4, -0.9, 1.0, 0.7],
    [-0.6, -0.8, 0.3, 1.4, -0.2, 0.5],
]
LABELS = {"sparse pixels": [2, 0, 1, 2], "dense": [1, 2, 0, 0]}

SGD_LEARNING_RATE = 0.1
ADAM = {"learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "steps": 2}
KINK_MARGIN = 0.01
OUT = os.path.join("src", "test", "resources", "fixtures", "golden", "tiny_network.json")


def f32(values):
    """The values as ScratchNet holds them (float32), widened to float64 for the computation."""
    return torch.tensor(values, dtype=torch.float32).to(torch.float64)


def network():
    layers = []
    for l in range(len(SIZES) - 1):
        linear = torch.nn.Linear(SIZES[l], SIZES[l + 1]).to(torch.float64)
        with torch.no_grad():
            linear.weight.copy_(f32(WEIGHTS[l]))
            linear.bias.copy_(f32(BIASES[l]))
        layers.append(linear)
    return layers


ACTIVATION = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}


def forward(layers, x):
    """Returns (hidden activations A1..A3, logits, pre-activations of the ReLU layer)."""
    hidden, relu_inputs = [], []
    a = x
    for l, linear in enumerate(layers):
        z = linear(a)
        if l == len(layers) - 1:
            return hidden, z, relu_inputs
        if ACTIVATIONS[l] == "relu":
            relu_inputs.append(z)
        a = ACTIVATION[ACTIVATIONS[l]](z)
        hidden.append(a)


def check_away_from_kinks(layers, x, when):
    _, _, relu_inputs = forward(layers, x)
    for z in relu_inputs:
        closest = z.abs().min().item()
        assert closest > KINK_MARGIN, f"a ReLU input is {closest:.3g} from its kink {when}: change the weights"


def parameters_of(layers):
    return {"weights": [l.weight.tolist() for l in layers], "biases": [l.bias.tolist() for l in layers]}


def train(x, y, make_optimizer, steps, name):
    layers = network()
    optimizer = make_optimizer([p for l in layers for p in l.parameters()])
    for step in range(steps):
        optimizer.zero_grad()
        _, logits, _ = forward(layers, x)
        torch.nn.functional.cross_entropy(logits, y).backward()
        optimizer.step()
        check_away_from_kinks(layers, x, f"after {name} step {step + 1}")
    return parameters_of(layers)


def case(name, inputs):
    x = f32(inputs)
    y = torch.tensor(LABELS[name])
    layers = network()
    check_away_from_kinks(layers, x, "at the start")
    hidden, logits, _ = forward(layers, x)
    loss = torch.nn.functional.cross_entropy(logits, y)  # mean over the batch
    loss.backward()
    sgd = train(x, y, lambda p: torch.optim.SGD(p, lr=SGD_LEARNING_RATE), 1, "SGD")
    adam = train(x, y, lambda p: torch.optim.Adam(p, lr=ADAM["learning_rate"], betas=(ADAM["beta1"], ADAM["beta2"]),
                                                  eps=ADAM["epsilon"]), ADAM["steps"], "Adam")
    return {
        "name": name,
        "x": x.tolist(),
        "labels": LABELS[name],
        "hidden_activations": [a.tolist() for a in hidden],
        "logits": logits.tolist(),
        "probabilities": torch.softmax(logits, dim=1).tolist(),
        "loss": loss.item(),
        "weight_gradients": [l.weight.grad.tolist() for l in layers],
        "bias_gradients": [l.bias.grad.tolist() for l in layers],
        "after_sgd": dict({"learning_rate": SGD_LEARNING_RATE, "steps": 1}, **sgd),
        "after_adam": dict(ADAM, **adam),
    }


def main():
    sparse = (torch.tensor(SPARSE_LEVELS, dtype=torch.float32) / torch.tensor(255, dtype=torch.float32)).tolist()
    fixture = {
        "about": "Golden values from PyTorch for GoldenTinyNetworkTest; made by src/test/python/golden_tiny_network.py "
                 "(see its header), do not edit by hand.",
        "torch_version": torch.__version__,
        "sizes": SIZES,
        "activations": ACTIVATIONS,
        "weights": [f32(w).tolist() for w in WEIGHTS],
        "biases": [f32(b).tolist() for b in BIASES],
        "cases": [case("sparse pixels", sparse), case("dense", DENSE_INPUTS)],
    }
    with open(OUT, "w") as out:
        json.dump(fixture, out, indent=1, allow_nan=False)
        out.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
