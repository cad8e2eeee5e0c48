package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.UserException;
import org.scratchnet.eval.Committee;
import org.scratchnet.export.OnnxModel;
import org.scratchnet.export.PyTorchScript;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.io.Printable;
import org.scratchnet.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scratchnet export}: a model for other runtimes. {@code --onnx} writes an ONNX graph
 * ({@link OnnxModel}) for ONNX Runtime and the tools that read ONNX; {@code --external-data}
 * leaves the weights in the model's safetensors file and points at them. {@code --pytorch} writes
 * a Python file that rebuilds the network as a PyTorch nn.Sequential ({@link PyTorchScript}).
 * Several models (checked together as {@code evaluate} checks a committee) go to one ONNX graph
 * that averages their probabilities.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a model for ONNX Runtime (--onnx) or PyTorch (--pytorch).")
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", arity = "1..*", description = "A model saved by 'scratchnet train' (or a PyTorch state dict"
            + " with --layers/--activation). Several, with --onnx: one ONNX graph of their committee, the mean of their probabilities.")
    List<Path> models;

    @Option(names = "--onnx", paramLabel = "FILE", description = "Write the network as an ONNX model (opset " + OnnxModel.OPSET + ") here.")
    Path onnx;

    @Option(names = "--external-data", description = "With --onnx: leave the weights in MODEL and point at them"
            + " (ONNX external data; MODEL must stay in the ONNX file's folder or below it).")
    boolean externalData;

    @Option(names = "--pytorch", paramLabel = "FILE", description = "Write a Python file (.py) that builds the network in PyTorch"
            + " and loads MODEL's weights.")
    Path pytorch;

    @Mixin
    StateDictOptions stateDict;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (onnx == null && pytorch == null) throw new UserException("say what to export: --onnx FILE.onnx, --pytorch FILE.py, or both");
        if (externalData && onnx == null) throw new UserException("--external-data goes with --onnx");
        if (models.size() > 1 && pytorch != null) {
            throw new UserException("--pytorch writes one network, and " + models.size() + " models were given; export each"
                    + " member on its own, or the committee with --onnx (one graph that averages their probabilities)");
        }
        OutputFiles check = OutputFiles.check();
        for (Path m : models) check.input("MODEL", m);
        check.file("--onnx", onnx).file("--pytorch", pytorch).verify();
        List<String> locations = new ArrayList<>();
        for (Path m : models) locations.add(externalData ? relativeLocation(onnx, m) : null);
        if (models.size() > 1) return committee(CommitteeModels.load(models, stateDict), locations);

        Path model = models.get(0);
        String location = locations.get(0);
        ModelFile.Loaded loaded = stateDict.load(model);
        Network net = loaded.network();
        Map<String, String> metadata = new LinkedHashMap<>(loaded.metadata());
        metadata.put("exported_from", model.getFileName().toString());

        List<AtomicFiles.Output> outputs = new ArrayList<>();
        if (onnx != null) {
            byte[] bytes = OnnxModel.of(net, metadata, version(), external(loaded, location));
            outputs.add(new AtomicFiles.Output(onnx, out -> out.write(bytes)));
        }
        if (pytorch != null) {
            String script = PyTorchScript.of(net.architecture(), scriptModelPath(pytorch, model),
                    names(loaded, true), names(loaded, false), metadata);
            outputs.add(new AtomicFiles.Output(pytorch, AtomicFiles.text(script)));
        }
        AtomicFiles.writeAll(outputs);

        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", model.toString());
            result.put("architecture", net.architecture().toString());
            result.put("onnx", onnx == null ? null : onnx.toString());
            result.put("onnx_opset", onnx == null ? null : OnnxModel.OPSET);
            result.put("external_data", location);
            result.put("pytorch", pytorch == null ? null : pytorch.toString());
            Json.print(result);
        } else {
            if (onnx != null) {
                System.out.printf(Locale.ROOT, "Wrote %s: ONNX opset %d, input '%s' [%s, %d], output '%s' [%s, %d]%s%n",
                        onnx, OnnxModel.OPSET, OnnxModel.INPUT, OnnxModel.BATCH, net.inputSize(), OnnxModel.OUTPUT,
                        OnnxModel.BATCH, net.classes(), location == null ? "" : "; weights read from " + location);
            }
            if (pytorch != null) {
                System.out.printf(Locale.ROOT, "Wrote %s: a PyTorch nn.Sequential (%s) loading %s; run: python3 %s --input X.f32%n",
                        pytorch, net.architecture(), model.getFileName(), pytorch);
            }
        }
        return 0;
    }

    /**
     * Several models: one ONNX graph of their committee ({@link OnnxModel#of(List, Map, String)}),
     * each member's metadata under {@code member<k>.} (k from 1) beside what the committee is.
     */
    private int committee(List<CommitteeModels.Member> members, List<String> locations) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("committee", Committee.COMBINATION);
        metadata.put("members", String.join(", ", members.stream().map(m -> m.file().toString()).toList()));
        List<OnnxModel.Member> networks = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            CommitteeModels.Member m = members.get(k);
            String prefix = "member" + (k + 1) + ".";
            m.metadata().forEach((key, value) -> metadata.put(prefix + key, value));
            metadata.put(prefix + "exported_from", m.file().getFileName().toString());
            networks.add(new OnnxModel.Member(m.network(), external(m.loaded(), locations.get(k))));
        }
        byte[] bytes = OnnxModel.of(networks, metadata, version());
        AtomicFiles.writeAll(List.of(new AtomicFiles.Output(onnx, out -> out.write(bytes))));
        Network first = members.get(0).network();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", null);
            result.put("architecture", null);
            List<Map<String, Object>> listed = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("model", members.get(k).file().toString());
                member.put("architecture", members.get(k).network().architecture().toString());
                member.put("external_data", locations.get(k));
                listed.add(member);
            }
            result.put("members", listed);
            result.put("committee", Committee.COMBINATION);
            result.put("onnx", onnx.toString());
            result.put("onnx_opset", OnnxModel.OPSET);
            result.put("external_data", null);
            result.put("pytorch", null);
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Wrote %s: ONNX opset %d, a committee of %d networks (the mean of their probabilities),"
                    + " input '%s' [%s, %d], output '%s' [%s, %d]%s%n", onnx, OnnxModel.OPSET, members.size(), OnnxModel.INPUT,
                    OnnxModel.BATCH, first.inputSize(), OnnxModel.OUTPUT, OnnxModel.BATCH, first.classes(),
                    externalData ? "; weights read from " + String.join(", ", locations) : "");
        }
        return 0;
    }

    /** Where the weights of a loaded model are for ONNX external data at {@code location}, or null to put them inside. */
    private static OnnxModel.ExternalData external(ModelFile.Loaded loaded, String location) {
        return location == null ? null
                : new OnnxModel.ExternalData(location, loaded.layout().weightPositions(), loaded.layout().biasPositions());
    }

    /** The tensor names of W[l] (or b[l]) in the model file, ScratchNet's or PyTorch's. */
    private static List<String> names(ModelFile.Loaded loaded, boolean weights) {
        boolean scratchnet = ModelFile.FORMAT.equals(loaded.metadata().get("format"));
        List<String> names = new ArrayList<>();
        for (int l = 0; l < loaded.network().depth(); l++) {
            int module = scratchnet ? l : 2 * l;
            names.add((scratchnet ? "layers." : "") + module + (weights ? ".weight" : ".bias"));
        }
        return names;
    }

    /**
     * MODEL's path relative to the ONNX file's folder, as ONNX external data needs it: runtimes
     * refuse a location outside the model's folder, so MODEL must be in it or below it.
     */
    static String relativeLocation(Path onnxFile, Path modelFile) {
        Path folder = onnxFile.toAbsolutePath().normalize().getParent();
        Path target = modelFile.toAbsolutePath().normalize();
        if (!target.startsWith(folder)) {
            throw new UserException("--external-data needs MODEL " + Printable.path(modelFile) + " in the folder of --onnx "
                    + Printable.path(onnxFile) + " or below it (ONNX runtimes read external data only from there);"
                    + " write the ONNX file beside the model, or leave out --external-data");
        }
        return folder.relativize(target).toString().replace('\\', '/');
    }

    /** Where the Python file finds the model: relative to its own folder when that is possible. */
    private static String scriptModelPath(Path script, Path modelFile) {
        Path folder = script.toAbsolutePath().normalize().getParent();
        Path target = modelFile.toAbsolutePath().normalize();
        try {
            return folder.relativize(target).toString();
        } catch (IllegalArgumentException e) {
            return target.toString();
        }
    }

    private static String version() {
        String v = ExportCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
