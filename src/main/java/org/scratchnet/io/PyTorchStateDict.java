package org.scratchnet.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Network;

/**
 * Loads the safetensors state dict of a PyTorch {@code nn.Sequential} of Linear layers and
 * activations, such as
 * <pre>
 *   nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))   # + nn.Softmax(-1) or not
 *   safetensors.torch.save_file(model.state_dict(), "mlp.safetensors")
 * </pre>
 * whose tensors are {@code 0.weight} [out, in], {@code 0.bias}, {@code 2.weight}, ... : the l-th
 * Linear is module 2l, an activation (which has no tensors) between each two. The file does not
 * say which activations it had, so the caller gives the architecture (--layers, --activation)
 * and every tensor is checked against it, shape by shape, before any network is allocated; no
 * other tensor may be in the file. The weights are Linear's own layout, [out, in], as ScratchNet's.
 */
public final class PyTorchStateDict {
    /** What the metadata of a model loaded this way says it was, for 'info'-like output and provenance. */
    public static final String FORMAT = "pytorch-state-dict";

    private PyTorchStateDict() {}

    /** The name of W[l]: module 2l of the Sequential. */
    public static String weightName(int l) {
        return 2 * l + ".weight";
    }

    public static String biasName(int l) {
        return 2 * l + ".bias";
    }

    public static ModelFile.Loaded load(Path file, Architecture declared, Engine engine) {
        SafeTensors.Contents contents = SafeTensors.read(file);
        if (ModelFile.FORMAT.equals(contents.metadata().get("format"))) {
            throw new UserException(file + " is a ScratchNet model, which records its own layers and activations;"
                    + " leave out --layers and --activation");
        }
        int[] sizes = declared.sizes();
        int depth = sizes.length - 1;
        if (!contents.tensors().containsKey(weightName(0))) {
            throw new UserException(file + " is not the state dict of a PyTorch nn.Sequential of Linear layers: it has no"
                    + " tensor '" + weightName(0) + "' (it holds " + names(contents) + ")");
        }
        for (int l = 0; l < depth; l++) {
            if (!contents.tensors().containsKey(weightName(l))) {
                throw new UserException(file + " has no tensor '" + weightName(l) + "' for layer " + (l + 1) + " of --layers "
                        + declared.sizesText().replace('-', ',') + " (it holds " + names(contents) + "); the Linear layers"
                        + " must be modules 0, 2, 4, ... of the nn.Sequential, an activation between each two");
            }
            contents.require(weightName(l), sizes[l + 1], sizes[l]);
            contents.require(biasName(l), sizes[l + 1]);
        }
        if (contents.tensors().size() != 2 * depth) {
            throw new UserException(file + " holds " + contents.tensors().size() + " tensors (" + names(contents)
                    + ") but --layers " + declared.sizesText().replace('-', ',') + " has " + depth + " Linear layers, "
                    + 2 * depth + " tensors; give the sizes of all its Linear layers");
        }
        for (Tensor t : contents.tensors().values()) ModelFile.requireFinite(file, t);

        Network net = Network.empty(declared, engine);
        for (int l = 0; l < depth; l++) {
            net.setWeights(l, contents.tensors().get(weightName(l)).data());
            net.setBias(l, contents.tensors().get(biasName(l)).data());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("layer_sizes", declared.sizesText());
        meta.put("activations", declared.activationsText());
        meta.put("dropout", declared.dropoutText());
        meta.put("preprocessing", ModelFile.PREPROCESSING);
        meta.put("source", "PyTorch state dict " + file.getFileName());
        contents.metadata().forEach((k, v) -> meta.putIfAbsent("pytorch_" + k, v));
        return new ModelFile.Loaded(net, meta, ModelFile.Layout.of(contents, depth, PyTorchStateDict::weightName,
                PyTorchStateDict::biasName));
    }

    private static String names(SafeTensors.Contents contents) {
        if (contents.tensors().isEmpty()) return "no tensors";
        String all = String.join(", ", contents.tensors().keySet());
        return all.length() > 200 ? all.substring(0, 200) + "..." : all;
    }
}
