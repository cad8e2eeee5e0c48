package org.scratchnet.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;

/**
 * A small Python file that rebuilds a ScratchNet network in PyTorch: an {@code nn.Sequential} of
 * Linear layers (modules 0, 2, 4, ...), their activations, and a final Softmax, with the weights
 * read from the model's safetensors file (its tensors renamed to PyTorch's {@code 0.weight},
 * {@code 2.weight}, ...; both store W as [out, in]). It reads safetensors with Python's standard
 * library, so it needs only torch, and it runs on its own: {@code python3 FILE.py --input X.f32}
 * prints the probabilities of each row of a raw float32 file, which is how the tests compare it
 * with ScratchNet.
 */
public final class PyTorchScript {
    private PyTorchScript() {}

    /**
     * @param modelPath   the safetensors file, as the script should find it: relative to the
     *                    script's own folder, or absolute
     * @param weightNames the name of W[l] in that file, per layer
     * @param biasNames   the name of b[l]
     * @param metadata    provenance, copied into the docstring
     */
    public static String of(Architecture a, String modelPath, List<String> weightNames, List<String> biasNames,
                            Map<String, String> metadata) {
        List<String> activations = new ArrayList<>();
        for (Activation f : a.activations()) activations.add(f.id());
        StringBuilder provenance = new StringBuilder();
        metadata.forEach((k, v) -> provenance.append("    ").append(k).append(": ")
                .append(v.replace("\\", "/").replace("\"\"\"", "'''").replace('\n', ' ')).append('\n'));
        return TEMPLATE
                .replace("@ARCHITECTURE@", a.toString())
                .replace("@INPUT_DOC@", OnnxModel.inputDoc(a.inputSize()))
                .replace("@PROVENANCE@", provenance.toString())
                .replace("@MODEL_PATH@", pythonString(modelPath))
                .replace("@LAYER_SIZES@", a.sizesText().replace("-", ", "))
                .replace("@ACTIVATIONS@", pythonList(activations))
                .replace("@WEIGHT_NAMES@", pythonList(weightNames))
                .replace("@BIAS_NAMES@", pythonList(biasNames));
    }

    private static String pythonList(List<String> items) {
        List<String> quoted = new ArrayList<>();
        for (String s : items) quoted.add(pythonString(s));
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A Python string literal: JSON's escaping is valid Python. */
    private static String pythonString(String s) {
        return new com.google.gson.Gson().toJson(s);
    }

    private static final String TEMPLATE = """
            #!/usr/bin/env python3
            \"""A ScratchNet network in PyTorch: @ARCHITECTURE@.

            Written by 'scratchnet export --pytorch'. It builds the matching nn.Sequential
            (Linear layers are modules 0, 2, 4, ..., each followed by its activation; the last
            module is Softmax, so the output is probabilities; dropout is for training only and
            left out) and loads the weights from the ScratchNet model file, a safetensors file
            read here with the standard library: tensor WEIGHT_NAMES[l] becomes module 2l's
            weight ([out, in] in both), BIAS_NAMES[l] its bias.

            Input: @INPUT_DOC@
            Output: the probability of each class, one row per image.

            Use:
                python3 THIS.py                          # load the model, print it
                python3 THIS.py --input X.f32            # probabilities of each row of raw float32 pixels
                from THIS import load; model = load()   # in your own code (load("other.safetensors"))
                model[:-1](x)                           # the logits, without the final Softmax

            Provenance of the model:
            @PROVENANCE@\"""

            import argparse
            import json
            import os
            import struct
            import sys

            import torch
            from torch import nn

            MODEL_FILE = @MODEL_PATH@  # relative to this file's folder unless absolute
            LAYER_SIZES = [@LAYER_SIZES@]
            ACTIVATIONS = @ACTIVATIONS@  # one per hidden layer
            WEIGHT_NAMES = @WEIGHT_NAMES@
            BIAS_NAMES = @BIAS_NAMES@
            MODULES = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


            def build():
                \"""The network with fresh weights: Linear, activation, ..., Linear, Softmax.\"""
                modules = []
                for l in range(len(LAYER_SIZES) - 1):
                    modules.append(nn.Linear(LAYER_SIZES[l], LAYER_SIZES[l + 1]))
                    modules.append(MODULES[ACTIVATIONS[l]]() if l < len(ACTIVATIONS) else nn.Softmax(dim=-1))
                return nn.Sequential(*modules)


            def read_safetensors(path):
                \"""name -> float32 tensor: an 8-byte little-endian header length, a JSON header, the data.\"""
                with open(path, "rb") as f:
                    (n,) = struct.unpack("<Q", f.read(8))
                    header = json.loads(f.read(n))
                    data = f.read()
                tensors = {}
                for name, entry in header.items():
                    if name == "__metadata__":
                        continue
                    if entry["dtype"] != "F32":
                        raise ValueError(f"{path}: tensor {name} is {entry['dtype']}, expected F32")
                    begin, end = entry["data_offsets"]
                    values = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32)  # little-endian, as x86 and ARM
                    tensors[name] = values.reshape(entry["shape"])
                return tensors


            def load(path=None):
                \"""The network with the model file's weights, in evaluation mode.\"""
                if path is None:
                    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), MODEL_FILE)
                tensors = read_safetensors(path)
                state = {}
                for l, (w, b) in enumerate(zip(WEIGHT_NAMES, BIAS_NAMES)):
                    state[f"{2 * l}.weight"] = tensors[w]
                    state[f"{2 * l}.bias"] = tensors[b]
                model = build()
                model.load_state_dict(state)  # strict: every name and every shape must match
                return model.eval()


            def main():
                parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
                parser.add_argument("--model", help="the safetensors file (default: MODEL_FILE beside this script)")
                parser.add_argument("--input", help="raw little-endian float32 rows of %d values; prints each row's probabilities"
                                    % LAYER_SIZES[0])
                args = parser.parse_args()
                model = load(args.model)
                if args.input is None:
                    print(model)
                    return
                with open(args.input, "rb") as f:
                    x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(-1, LAYER_SIZES[0])
                with torch.no_grad():
                    p = model(x)
                for row in p.tolist():
                    print(",".join(repr(v) for v in row))


            if __name__ == "__main__":
                sys.exit(main())
            """;
}
