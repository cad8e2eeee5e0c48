package org.scratchnet.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Dense;
import org.scratchnet.nn.Network;

/**
 * Saves and loads a {@link Network} as a safetensors file that other ecosystems can read.
 *
 * <p>Tensors: {@code layers.{i}.weight} [out, in] and {@code layers.{i}.bias} [out] for the i-th
 * dense layer, as PyTorch's Linear stores them. {@code __metadata__} (strings only) holds
 * {@code format=scratchnet}, {@code format_version}, the architecture ({@code layer_sizes},
 * {@code activations}, {@code dropout}), the input {@code preprocessing}, and whatever
 * provenance the caller adds (training options, seed, metrics). Loading checks the format
 * marker, its version and every tensor's shape, and names what is wrong.
 */
public final class ModelFile {
    public static final String FORMAT = "scratchnet";
    public static final String FORMAT_VERSION = "1";
    public static final String PREPROCESSING =
            "28x28 grayscale, white digit on black, row-major; pixel value / 255 -> [0, 1]";

    /** A loaded model: the network and the metadata it was saved with. */
    public record Loaded(Network network, Map<String, String> metadata) {}

    private ModelFile() {}

    public static void save(Path file, Network net, Map<String, String> provenance) {
        AtomicFiles.write(file, writer(net, provenance));
    }

    /** What {@link #save} writes, for saving a model together with other files ({@link AtomicFiles#writeAll}). */
    public static AtomicFiles.Writer writer(Network net, Map<String, String> provenance) {
        Architecture a = net.architecture();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("layer_sizes", a.sizesText());
        meta.put("activations", a.activationsText());
        meta.put("dropout", a.dropoutText());
        meta.put("preprocessing", PREPROCESSING);
        if (provenance != null) provenance.forEach(meta::putIfAbsent);
        List<Tensor> tensors = new ArrayList<>();
        for (Dense d : net.denseLayers()) {
            tensors.add(new Tensor(d.W.name, new int[] {d.outputSize(), d.inputSize()}, d.weightMatrix()));  // [out, in]
            tensors.add(new Tensor(d.b.name, d.b.shape, d.b.value));
        }
        return SafeTensors.writer(tensors, meta);
    }

    public static Loaded load(Path file) {
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> meta = contents.metadata();
        String what = file + " is not a ScratchNet model";
        if (!FORMAT.equals(meta.get("format"))) {
            throw new UserException(what + ": its metadata has no format=scratchnet marker; train one with 'scratchnet train'");
        }
        if (!FORMAT_VERSION.equals(meta.get("format_version"))) {
            throw new UserException(file + " has ScratchNet model format version " + meta.get("format_version")
                    + ", this build reads version " + FORMAT_VERSION + "; use a matching ScratchNet release");
        }
        Architecture architecture;
        try {
            architecture = Architecture.parse(require(meta, "layer_sizes", file), require(meta, "activations", file),
                    meta.getOrDefault("dropout", ""));
        } catch (NumberFormatException e) {
            throw new UserException(what + ": its architecture metadata is malformed (" + e.getMessage() + ")");
        } catch (UserException e) {
            throw new UserException(what + ": " + e.getMessage());
        }
        Network net = Network.empty(architecture);
        for (Dense d : net.denseLayers()) {
            d.setWeightMatrix(contents.require(d.W.name, new int[] {d.outputSize(), d.inputSize()}).data());
            copy(contents.require(d.b.name, d.b.shape).data(), d.b.value);
        }
        if (contents.tensors().size() != 2 * net.denseLayers().size()) {
            throw new UserException(what + ": it holds " + contents.tensors().size() + " tensors, expected "
                    + 2 * net.denseLayers().size() + " for layers " + architecture.sizesText());
        }
        return new Loaded(net, meta);
    }

    private static String require(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) throw new UserException(file + " is not a ScratchNet model: its metadata lacks '" + key + "'");
        return v;
    }

    private static void copy(float[] from, float[] to) {
        System.arraycopy(from, 0, to, 0, to.length);
    }
}
