package org.scratchnet.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Agreement;
import org.scratchnet.eval.Committee;
import org.scratchnet.eval.ConfidentMistakes;
import org.scratchnet.eval.ConfusionMatrix;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Network;
import org.scratchnet.plot.ConfusionHeatmap;
import org.scratchnet.plot.DigitGallery;
import org.scratchnet.plot.Figure;
import org.scratchnet.plot.WeightImages;

/**
 * What the model card page and {@code GET /api/model} show: the architecture, the parameter
 * count, the provenance and metrics recorded in the model file, the model measured on its test
 * set now, and the report's three figures made for this model (the confusion matrix as a heatmap,
 * the most confidently misclassified test digits, the first layer's weights as images).
 *
 * <p>For a committee, each member's card (its architecture, parameters, recorded metrics,
 * provenance, and its accuracy and loss measured now) under {@code members}, how the members
 * agree ({@link Agreement}), and the committee's own measurement and figures (the first layer's
 * weights are the first member's); the top-level fields that describe one network's file
 * ({@code architecture}, {@code recorded_metrics}, {@code provenance}, {@code format_version})
 * are null there.
 *
 * <p>The evaluation runs once, when the server starts (a second or two for MNIST's 10,000 test
 * images, most of it the JIT's), so a test set that does not fit the model is an error at start-up. The figures are
 * drawn on the first request for them, as PNG in memory, and kept: the disk is never touched.
 */
final class ModelCard {
    /** Figure names, as in {@code /api/figures/NAME.png}. */
    static final String CONFUSION = "confusion", MISCLASSIFIED = "misclassified", WEIGHTS = "weights";
    static final List<String> FIGURES = List.of(CONFUSION, MISCLASSIFIED, WEIGHTS);
    /** Metadata describing the network or the file format, shown in the architecture instead. */
    private static final Set<String> STRUCTURE = Set.of("format", "format_version", "layer_sizes", "activations", "dropout",
            "input_dropout", "preprocessing");
    private static final List<String> RECORDED_METRICS = List.of("test_accuracy", "train_accuracy", "training_seconds");
    private static final int GALLERY = 24;
    private static final int WEIGHT_UNITS = 64;

    /** A labelled test set and, for people, what it is ("MNIST's test set (10,000 images)"). */
    record TestSet(Dataset data, String description) {}

    private final String modelName;
    private final List<WebServer.Member> members;
    private final Predictor predictor;
    private final TestSet test;
    private final Committee.Evaluations evaluations;
    private final Evaluation evaluation;
    private final Map<String, Object> json;
    private final Map<String, byte[]> figures = new LinkedHashMap<>();  // guarded by this

    ModelCard(String modelName, List<WebServer.Member> members, Predictor predictor, TestSet test) {
        this.modelName = modelName;
        this.members = List.copyOf(members);
        this.predictor = predictor;
        this.test = test;
        this.evaluations = predictor.use(committee -> committee.evaluateEach(test.data()));
        this.evaluation = evaluations.committee();
        this.json = members.size() == 1 ? json(members.get(0).metadata()) : committeeJson();
    }

    /** The card as JSON (made once; the same map every time). */
    Map<String, Object> json() {
        return json;
    }

    double testAccuracy() {
        return evaluation.accuracy();
    }

    /** The PNG of figure {@code name} (one of {@link #FIGURES}), drawn on first use; null if this model has none. */
    synchronized byte[] figure(String name) {
        if (!figures.containsKey(name)) {
            Figure f = draw(name);
            figures.put(name, f == null ? null : f.png());
        }
        return figures.get(name);
    }

    private Figure draw(String name) {
        return predictor.use(committee -> switch (name) {
            case CONFUSION -> ConfusionHeatmap.figure("Confusion matrix on the test set",
                    ConfusionMatrix.of(test.data().labels, evaluation.predicted(), committee.classes()));
            case MISCLASSIFIED -> {
                List<DigitGallery.Tile> tiles = new ArrayList<>();
                for (ConfidentMistakes.Mistake m : ConfidentMistakes.of(committee, test.data(), evaluation.predicted(), GALLERY)) {
                    tiles.add(new DigitGallery.Tile(ConfidentMistakes.pixels(test.data(), m.index()), m.caption()));
                }
                yield tiles.isEmpty() ? null
                        : DigitGallery.figure("Most confidently misclassified test digits", tiles, 8);
            }
            case WEIGHTS -> {
                Network first = committee.members().get(0);
                yield squareInput(first.inputSize())
                        ? WeightImages.figure("First-layer weights" + (members.size() == 1 ? "" : " of member 1, " + members.get(0).name())
                                + ", one 28x28 image per hidden unit", first.weights(0), first.architecture().sizes()[1],
                                first.inputSize(), WEIGHT_UNITS)
                        : null;
            }
            default -> throw new IllegalArgumentException("no figure named " + name);
        });
    }

    private static boolean squareInput(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n;
    }

    /** The card of one model. */
    private Map<String, Object> json(Map<String, String> metadata) {
        Network net = predictor.use(committee -> committee.members().get(0));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", modelName);
        putNetwork(out, net);
        out.put("input_size", net.inputSize());
        out.put("classes", net.classes());
        out.put("preprocessing", metadata.get("preprocessing"));
        putFile(out, metadata);
        out.put("test", measured());
        out.put("figures", figureUrls(net));
        return out;
    }

    /** The card of a committee: the same keys (those of one network's file null), then the members and their agreement. */
    private Map<String, Object> committeeJson() {
        List<Network> nets = predictor.use(committee -> committee.members());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", modelName);
        out.put("architecture", null);
        long parameters = 0;
        for (Network net : nets) parameters += net.parameterCount();
        out.put("parameters", parameters);
        out.put("input_size", nets.get(0).inputSize());
        out.put("classes", nets.get(0).classes());
        out.put("preprocessing", members.get(0).metadata().get("preprocessing"));  // the same for every member (serve checks)
        out.put("recorded_metrics", null);
        out.put("provenance", null);
        out.put("format_version", null);
        out.put("test", measured());
        out.put("figures", figureUrls(nets.get(0)));
        out.put("committee", Committee.COMBINATION);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            WebServer.Member m = members.get(k);
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("model", m.name());
            putNetwork(member, nets.get(k));
            putFile(member, m.metadata());
            member.put("test_accuracy", evaluations.members().get(k).accuracy());
            member.put("test_loss", evaluations.members().get(k).loss());
            listed.add(member);
        }
        out.put("members", listed);
        out.put("agreement", Agreement.of(test.data().labels, evaluations.members().stream().map(Evaluation::predicted).toList(),
                evaluation.predicted()).toJson());
        return out;
    }

    /** A network's architecture and parameter count. */
    private static void putNetwork(Map<String, Object> out, Network net) {
        Architecture a = net.architecture();
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("layers", a.sizesText());
        architecture.put("activations", a.activationsText());
        architecture.put("dropout", a.dropoutText());
        architecture.put("input_dropout", a.inputDropout());  // training only, as dropout: inference ignores both
        architecture.put("per_layer", perLayer(a));
        out.put("architecture", architecture);
        out.put("parameters", net.parameterCount());
    }

    /** What a model file records: the metrics measured when it was trained, its provenance, its format's version. */
    private static void putFile(Map<String, Object> out, Map<String, String> metadata) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        for (String k : RECORDED_METRICS) if (metadata.containsKey(k)) recorded.put(k, number(metadata.get(k)));
        out.put("recorded_metrics", recorded);
        Map<String, String> provenance = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!STRUCTURE.contains(k) && !RECORDED_METRICS.contains(k)) provenance.put(k, v);
        });
        out.put("provenance", provenance);
        out.put("format_version", metadata.get("format_version"));
    }

    /** The model (or committee) measured on the test set now. */
    private Map<String, Object> measured() {
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("data", test.description());
        measured.put("examples", test.data().size);
        measured.put("loss", evaluation.loss());
        measured.putAll(evaluation.report().toJson());
        return measured;
    }

    private Map<String, Object> figureUrls(Network first) {
        Map<String, Object> figureUrls = new LinkedHashMap<>();
        figureUrls.put("confusion_matrix", "/api/figures/" + CONFUSION + ".png");
        figureUrls.put("misclassified", evaluation.accuracy() < 1 ? "/api/figures/" + MISCLASSIFIED + ".png" : null);
        figureUrls.put("first_layer_weights", squareInput(first.inputSize()) ? "/api/figures/" + WEIGHTS + ".png" : null);
        return figureUrls;
    }

    /** The learning rate's changes the first member's training recorded (its history's marks), or null. */
    String learningRateChanges() {
        return members.get(0).metadata().get("learning_rate_changes");
    }

    /** One entry per dense layer: its shape, activation, the dropout after it, and its parameter count. */
    private static List<Map<String, Object>> perLayer(Architecture a) {
        int[] sizes = a.sizes();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            boolean hidden = i + 2 < sizes.length;
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", i + 1);
            layer.put("inputs", sizes[i]);
            layer.put("outputs", sizes[i + 1]);
            layer.put("activation", hidden ? a.activations()[i].id() : "softmax");
            layer.put("dropout", hidden ? a.dropout()[i] : 0f);
            layer.put("parameters", (long) sizes[i] * sizes[i + 1] + sizes[i + 1]);
            out.add(layer);
        }
        return out;
    }

    /** A metadata number, or null when it is not a finite number (the loader has checked the ones it knows). */
    private static Double number(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
