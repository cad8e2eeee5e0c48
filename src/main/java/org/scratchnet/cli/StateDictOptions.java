package org.scratchnet.cli;

import java.nio.file.Path;
import org.scratchnet.UserException;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Architecture;
import picocli.CommandLine.Option;

/**
 * {@code --layers} and {@code --activation} for commands that read a model: with them the model
 * file is the safetensors state dict of a PyTorch nn.Sequential ({@code 0.weight}, {@code 0.bias},
 * {@code 2.weight}, ...), which records its shapes but not its activations. Both are required
 * together, since a guessed activation would give wrong answers without an error.
 */
final class StateDictOptions {

    @Option(names = "--layers", paramLabel = "SIZES",
            description = "With a PyTorch state dict as the model: its layer sizes, input to output, e.g. 784,128,10.")
    String layers;

    @Option(names = "--activation", paramLabel = "NAMES",
            description = "With --layers: its hidden activations, relu, sigmoid or tanh; one for all or one per hidden layer.")
    String activation;

    /** The architecture the user declared, or null for a ScratchNet model file. */
    Architecture declared() {
        if (layers == null && activation == null) return null;
        if (layers == null || activation == null) {
            throw new UserException("--layers and --activation go together: they say what a PyTorch state dict is"
                    + " (its file records the shapes but not the activations); give both, or neither for a ScratchNet model");
        }
        return LayerOptions.parse(layers, activation, true, "0", false);
    }

    /** The model in {@code file}: a ScratchNet model, or the state dict these options describe. */
    ModelFile.Loaded load(Path file) {
        return ModelFile.load(file, declared());
    }
}
