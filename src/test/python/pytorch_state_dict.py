#!/usr/bin/env python3
"""A model trained in PyTorch, for ScratchNet to load: the fixture of PyTorchStateDictTest.

What it does
  Trains nn.Sequential(Linear(784, 32), Tanh(), Linear(32, 16), ReLU(), Linear(16, 10)) in
  PyTorch for two epochs of Adam on the first 10,000 MNIST training images (seed 0, a few
  seconds), then writes
    src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.safetensors
        its state_dict (0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias), written with the
        standard library in the safetensors layout that safetensors.torch.save_file produces;
    src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.json
        PyTorch's own answers on MNIST's 10,000 test images: the predicted class of each (a
        string of digits), the softmax probabilities of the first 200 (float32 values written
        in full), and the accuracy.
  PyTorchStateDictTest loads the state dict into ScratchNet with --layers 784,32,16,10
  --activation tanh,relu and compares.

Inputs are MNIST's pixel bytes / 255 as float32, as ScratchNet reads them; MNIST is read from
../shared/mnist (gzip IDX files) with the standard library.

How to regenerate (needs PyTorch; the tests do not)
  Debian: apt-get install python3-torch, then from the repository's root:
    /usr/bin/python3 src/test/python/pytorch_state_dict.py
  Made with torch 1.13.
"""

import gzip
import json
import os
import struct

import torch
from torch import nn

MNIST = os.path.join("..", "shared", "mnist")
OUT = os.path.join("src", "test", "resources", "fixtures", "pytorch")
NAME = "mlp-784-32-16-10-tanh-relu"


def idx(name):
    with gzip.open(os.path.join(MNIST, name), "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(count, rows * cols)
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


def write_safetensors(path, tensors, metadata):
    """The safetensors layout: 8-byte little-endian header length, JSON header (padded to 8), data."""
    header = {"__metadata__": metadata}
    data = bytearray()
    for name, t in tensors.items():
        raw = t.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)


def main():
    torch.manual_seed(0)
    x_train = idx("train-images-idx3-ubyte.gz")[:10000].float() / 255
    y_train = idx("train-labels-idx1-ubyte.gz")[:10000]
    x_test = idx("t10k-images-idx3-ubyte.gz").float() / 255
    y_test = idx("t10k-labels-idx1-ubyte.gz")

    model = nn.Sequential(nn.Linear(784, 32), nn.Tanh(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.003)
    loss = nn.CrossEntropyLoss()
    for epoch in range(2):
        order = torch.randperm(len(x_train))
        for i in range(0, len(order), 100):
            batch = order[i:i + 100]
            optimizer.zero_grad()
            loss(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()

    model.eval()
    with torch.no_grad():
        p = torch.softmax(model(x_test), dim=-1)
    predicted = p.argmax(dim=1)
    accuracy = (predicted == y_test).float().mean().item()

    os.makedirs(OUT, exist_ok=True)
    write_safetensors(os.path.join(OUT, NAME + ".safetensors"), model.state_dict(),
                      {"format": "pt", "trained_by": "src/test/python/pytorch_state_dict.py"})
    fixture = {
        "layers": "784,32,16,10",
        "activation": "tanh,relu",
        "torch_version": torch.__version__,
        "test_accuracy": accuracy,
        "predictions": "".join(str(c) for c in predicted.tolist()),
        "probabilities": [[float(v) for v in row] for row in p[:200].tolist()],
    }
    with open(os.path.join(OUT, NAME + ".json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"test accuracy {accuracy:.4f}; wrote {OUT}/{NAME}.safetensors and .json")


if __name__ == "__main__":
    main()
