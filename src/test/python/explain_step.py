#!/usr/bin/env python3
"""Recomputes every number of `scratchnet explain --json` with numpy, independently of ScratchNet.

From the JSON's batch (X, labels), its weights and biases before the step (W, b), the learning
rate and, for layers with dropout, the dropout masks (random draws, taken as given; the batch's
own mask for input dropout), this script computes in float64, with the paper's equations written
in numpy, one example per row:

    A[0] = X * mask[0]                     (mask[0] = 1 without input dropout)
    Z[l] = A[l-1] W[l]^T + b[l]           A[l] = g(Z[l]) * mask[l]      A[L] = softmax(Z[L])
    L = -(1/m) sum_i log A[L][i, y_i]
    dZ[L] = A[L] - Y                       (the paper's: no 1/m)
    dW[l] = (1/m) dZ[l]^T A[l-1]           db[l] = (1/m) sum_i dZ[l][i]
    dZ[l-1] = (dZ[l] W[l]) * mask[l-1] * g'(Z[l-1])
    W[l] := W[l] - alpha dW[l]             b[l] := b[l] - alpha db[l]

and compares each with what ScratchNet wrote: Z, A, loss, dZ, dW, db, W_updated and b_updated of
every layer, each hidden layer's dA[l] = dZ[l+1] W[l+1], and A[0] with input dropout. The error
of a quantity is its largest absolute difference divided by its largest magnitude (at least
1e-12); ScratchNet computes in float32, so agreement is about 1e-6.

Usage: explain_step.py STEP.json [--tolerance 1e-5]
Prints one line per quantity and exits 1 if any error is above the tolerance.
"""
import argparse
import json
import sys

import numpy as np


def as_float32(values):
    """The float32 numbers ScratchNet holds, in float64 for the arithmetic."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(np.float64)),
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-z)), lambda z, a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
}


def recompute(step):
    X = as_float32(step["batch"]["X"])
    y = np.asarray(step["batch"]["labels"], dtype=np.int64)
    m = X.shape[0]
    alpha = float(np.float32(step["learning_rate"]))
    layers = step["layers"]
    ours = []

    # forward
    batch = step["batch"]
    A_prev = X * as_float32(batch["dropout_mask"]) if "dropout_mask" in batch else X
    for layer in layers:
        W, b = as_float32(layer["W"]), as_float32(layer["b"])
        Z = A_prev @ W.T + b
        if layer["activation"] == "softmax":
            e = np.exp(Z - Z.max(axis=1, keepdims=True))
            g_of_Z = e / e.sum(axis=1, keepdims=True)
            mask = np.ones_like(Z)
        else:
            g_of_Z = ACTIVATIONS[layer["activation"]][0](Z)
            mask = as_float32(layer["dropout_mask"]) if "dropout_mask" in layer else np.ones_like(Z)
        ours.append({"A_prev": A_prev, "W": W, "b": b, "Z": Z, "g": g_of_Z, "mask": mask, "A": g_of_Z * mask})
        A_prev = g_of_Z * mask
    P = ours[-1]["A"]
    loss = -np.mean(np.log(P[np.arange(m), y]))

    # backward, in the paper's form: dZ without 1/m, dW and db with it
    Y = np.zeros_like(P)
    Y[np.arange(m), y] = 1.0
    dZ = P - Y
    for l in range(len(layers) - 1, -1, -1):
        q = ours[l]
        q["dZ"] = dZ
        q["dW"] = dZ.T @ q["A_prev"] / m
        q["db"] = dZ.sum(axis=0) / m
        q["W_updated"] = q["W"] - alpha * q["dW"]
        q["b_updated"] = q["b"] - alpha * q["db"]
        if l > 0:
            below = ours[l - 1]
            dA = dZ @ q["W"]
            below["dA"] = dA
            derivative = ACTIVATIONS[layers[l - 1]["activation"]][1]
            dZ = dA * below["mask"] * derivative(below["Z"], below["g"])
    return loss, ours[0]["A_prev"], ours


def error(expected, given):
    expected = np.asarray(expected, dtype=np.float64)
    given = np.asarray(given, dtype=np.float64)
    if expected.shape != given.shape:
        raise SystemExit(f"shape {given.shape} where {expected.shape} was expected")
    scale = max(float(np.max(np.abs(expected))), 1e-12)
    return float(np.max(np.abs(expected - given))) / scale


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    with open(args.step, encoding="utf-8") as f:
        step = json.load(f)

    loss, A0, ours = recompute(step)
    rows = [("loss", abs(loss - step["loss"]) / max(abs(loss), 1.0))]
    if "dropout_mask" in step["batch"]:
        rows.append(("A[0]", error(A0, step["batch"]["A"])))
    for l, (q, layer) in enumerate(zip(ours, step["layers"]), start=1):
        for key in ("Z", "A", "dA", "dZ", "dW", "db", "W_updated", "b_updated"):
            if key == "dA" and l == len(ours):
                continue  # the output layer has no dA: its gradient starts at dZ = A - Y
            rows.append((f"{key}[{l}]", error(q[key], layer[key])))

    worst = max(e for _, e in rows)
    for name, e in rows:
        print(f"{name:14s} {e:.2e}{'  TOO FAR' if e > args.tolerance else ''}")
    if worst > args.tolerance:
        print(f"numpy disagrees: worst {worst:.2e} of a quantity's scale, tolerance {args.tolerance:.0e}")
        sys.exit(1)
    print(f"all {len(rows)} quantities agree with numpy: worst {worst:.2e} of a quantity's scale "
          f"(tolerance {args.tolerance:.0e})")


if __name__ == "__main__":
    main()
