package org.scratchnet.io;

import org.scratchnet.OneLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Network;

/**
 * Saves and loads a {@link Network} as a safetensors file that other ecosystems can read.
 *
 * <p>Tensors: {@code layers.{i}.weight} [out, in] and {@code layers.{i}.bias} [out] for the i-th
 * dense layer, as PyTorch's Linear stores them. {@code __metadata__} (strings only) holds
 * {@code format=scratchnet}, {@code format_version}, the architecture ({@code layer_sizes},
 * {@code activations}, {@code dropout}, {@code input_dropout}: the last two for training only,
 * "0" when a file from before input dropout has none; {@code noise} and {@code batch_norm} when
 * the network was trained with them, for the record: a network trained with batch normalisation
 * is saved with it folded into its dense layers, {@link Network#folded()}), the input {@code preprocessing}, and whatever
 * provenance the caller adds (training options, seed, metrics). Loading checks the format
 * marker, its version and every tensor's shape, and names what is wrong.
 */
public final class ModelFile {
    public static final String FORMAT = "scratchnet";
    public static final String FORMAT_VERSION = "1";
    public static final String PREPROCESSING =
            "28x28 grayscale, white digit on black, row-major; pixel value / 255 -> [0, 1]";

    /**
     * A loaded model: the network, the metadata it was saved with, and where each layer's W and b
     * lie in the file (so that an ONNX export can point into it instead of copying the weights).
     */
    public record Loaded(Network network, Map<String, String> metadata, Layout layout) {
        public Loaded(Network network, Map<String, String> metadata) {
            this(network, metadata, null);
        }
    }

    /** The byte position of W[l] and b[l] in {@code file} (little-endian float32 from there). */
    public record Layout(Path file, long[] weightPositions, long[] biasPositions) {
        static Layout of(SafeTensors.Contents contents, int depth, java.util.function.IntFunction<String> weight,
                         java.util.function.IntFunction<String> bias) {
            long[] w = new long[depth], b = new long[depth];
            for (int l = 0; l < depth; l++) {
                w[l] = contents.positions().get(weight.apply(l));
                b[l] = contents.positions().get(bias.apply(l));
            }
            return new Layout(contents.file(), w, b);
        }
    }

    private ModelFile() {}

    public static void save(Path file, Network net, Map<String, String> provenance) {
        AtomicFiles.write(file, writer(net, provenance));
    }

    /** What {@link #save} writes, for saving a model together with other files ({@link AtomicFiles#writeAll}). */
    public static AtomicFiles.Writer writer(Network trained, Map<String, String> provenance) {
        return writer(trained.folded(), trained.architecture(), provenance);  // a plain network: the normalisation folded in
    }

    /**
     * The same for {@code net}, already {@link Network#folded()}, of a network trained as {@code training}
     * says (its noise and batch normalisation are recorded in the metadata).
     */
    public static AtomicFiles.Writer writer(Network net, Architecture training, Map<String, String> provenance) {
        if (!net.batchNorms().isEmpty()) throw new IllegalArgumentException("save the folded network: Network.folded()");
        Architecture a = net.architecture();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("layer_sizes", a.sizesText());
        meta.put("activations", a.activationsText());
        meta.put("dropout", a.dropoutText());
        meta.put("input_dropout", a.inputDropoutText());
        // How it was trained, for the reader: neither changes what the file computes.
        if (training.noise() > 0f) meta.put("noise", Float.toString(training.noise()));
        if (training.batchNorm()) meta.put("batch_norm", "folded into the dense layers");
        meta.put("preprocessing", PREPROCESSING);
        if (provenance != null) provenance.forEach(meta::putIfAbsent);
        List<Tensor> tensors = new ArrayList<>();
        int[] sizes = a.sizes();
        for (int l = 0; l < net.depth(); l++) {
            tensors.add(new Tensor(weightName(l), new int[] {sizes[l + 1], sizes[l]}, net.weights(l)));  // [out, in]
            tensors.add(new Tensor(biasName(l), new int[] {sizes[l + 1]}, net.bias(l)));
        }
        return SafeTensors.writer(tensors, meta);
    }

    /**
     * Loads and checks a model file: the format marker and version, the architecture metadata
     * (strictly: counts, names, sizes), every tensor's shape against it before any network is
     * allocated, finite weights, and numeric provenance. Each problem is one line naming the file.
     */
    public static Loaded load(Path file) {
        return load(file, FastEngine.shared());
    }

    /** {@link #load(Path)} into a network on {@code engine}. */
    public static Loaded load(Path file, Engine engine) {
        requireNotCheckpoint(file);
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> meta = contents.metadata();
        String what = file + " is not a ScratchNet model";
        if (!FORMAT.equals(meta.get("format"))) {
            throw new UserException(what + ": its metadata has no format=scratchnet marker; train one with 'scratchnet train'"
                    + (contents.tensors().containsKey(PyTorchStateDict.weightName(0))
                    ? ", or, for this PyTorch state dict, say what it is with --layers and --activation" : ""));
        }
        checkVersion(file, meta.get("format_version"));
        Architecture architecture;
        try {
            architecture = Architecture.parse(require(meta, "layer_sizes", file), require(meta, "activations", file),
                    meta.getOrDefault("dropout", ""), meta.getOrDefault("input_dropout", "0"));  // none in files from before it
        } catch (UserException e) {
            // The message quotes the file's own text, which may hold line breaks (found by ModelFileFuzzTest).
            throw new UserException(what + ": its metadata is malformed: " + OneLine.excerpt(e.getMessage(), 300));
        }
        // Shapes first: metadata claiming a huge layer must meet the tensors before memory is spent on it.
        int[] sizes = architecture.sizes();
        for (int l = 0; l + 1 < sizes.length; l++) {
            contents.require(weightName(l), sizes[l + 1], sizes[l]);
            contents.require(biasName(l), sizes[l + 1]);
        }
        if (contents.tensors().size() != 2 * (sizes.length - 1)) {
            throw new UserException(what + ": it holds " + contents.tensors().size() + " tensors, expected "
                    + 2 * (sizes.length - 1) + " for layers " + architecture.sizesText());
        }
        for (Tensor t : contents.tensors().values()) requireFinite(file, t);
        for (String key : NUMERIC_METADATA) requireNumber(file, meta, key);

        Network net = Network.empty(architecture, engine);
        for (int l = 0; l < net.depth(); l++) {
            net.setWeights(l, contents.tensors().get(weightName(l)).data());
            net.setBias(l, contents.tensors().get(biasName(l)).data());
        }
        return new Loaded(net, meta, Layout.of(contents, net.depth(), ModelFile::weightName, ModelFile::biasName));
    }

    /**
     * A ScratchNet model file, or, when {@code declared} is given (the user's --layers and
     * --activation), a PyTorch state dict of that architecture ({@link PyTorchStateDict}).
     */
    public static Loaded load(Path file, Architecture declared) {
        if (declared == null) return load(file);
        requireNotCheckpoint(file);
        return PyTorchStateDict.load(file, declared, FastEngine.shared());
    }

    /**
     * The training checkpoint beside a model (NAME.checkpoint) is easily taken for it; said plainly,
     * instead of a safetensors header that does not parse.
     */
    private static void requireNotCheckpoint(Path file) {
        if (CheckpointFile.startsLikeOne(file)) {
            throw new UserException(file + " is a training checkpoint, not a model: continue its run with 'scratchnet train"
                    + " --resume " + file + "', or give the model (.safetensors) that train saves when it ends");
        }
    }

    /** The name of W[l] in a model file, PyTorch's for an nn.Sequential of Linear layers called "layers". */
    static String weightName(int l) {
        return "layers." + l + ".weight";
    }

    static String biasName(int l) {
        return "layers." + l + ".bias";
    }

    /** Provenance entries that are numbers when present, so readers such as 'evaluate --json' can rely on it. */
    static final List<String> NUMERIC_METADATA = List.of("test_accuracy", "train_accuracy", "learning_rate",
            "training_seconds", "seed");

    private static void checkVersion(Path file, String version) {
        if (FORMAT_VERSION.equals(version)) return;
        int v;
        try {
            v = Integer.parseInt(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            throw new UserException(file + " has an unknown ScratchNet model format version '" + version
                    + "' (this build reads version " + FORMAT_VERSION + "); the file is damaged or not from ScratchNet");
        }
        if (v > Integer.parseInt(FORMAT_VERSION)) {
            throw new UserException(file + " was saved by a newer ScratchNet (model format version " + v
                    + "; this build reads version " + FORMAT_VERSION + "); update ScratchNet to load it");
        }
        throw new UserException(file + " has ScratchNet model format version " + v + ", which no release wrote"
                + " (this build reads version " + FORMAT_VERSION + "); the file is damaged");
    }

    /** NaN or infinite weights come from a diverged training run; such a model predicts nothing. */
    static void requireFinite(Path file, Tensor t) {
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new UserException(file + ": tensor '" + t.name() + "' holds " + v[i] + " at index " + i
                        + " (of " + v.length + " values); the model is broken (did its training diverge?), train it again");
            }
        }
    }

    private static void requireNumber(Path file, Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) return;
        try {
            if (Double.isFinite(Double.parseDouble(v.strip()))) return;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserException(file + ": its metadata " + key + " '" + v + "' is not a number;"
                + " the file was edited or damaged");
    }

    private static String require(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) throw new UserException(file + " is not a ScratchNet model: its metadata lacks '" + key + "'");
        return v;
    }
}
