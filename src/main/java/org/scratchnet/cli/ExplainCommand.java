package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scratchnet.Count;
import org.scratchnet.Seeds;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.explain.Explanation;
import org.scratchnet.explain.FirstBatch;
import org.scratchnet.explain.StepJson;
import org.scratchnet.explain.TerminalText;
import org.scratchnet.io.AtomicFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.serve.LearnPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet explain}: one training step of a small network on a seeded mini-batch of real
 * images, walked through in the paper's notation with the reference network's own numbers, and
 * checked against finite differences (exit code 1 if that fails). The network options are
 * train's, read by the same code ({@link LayerOptions}, {@link Initializer#parse}); what is not
 * given is the paper's baseline ({@link Preset#PAPER}), the network the paper's equations describe.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain one training step of a network on a mini-batch of real images, in the paper's notation:"
                + " every quantity of the forward pass, the loss, the backward pass and the update, with its equation,"
                + " shape, telling values and meaning, then a gradient check of that very step (exit code 1 if it fails).",
                "Options not given take the paper's baseline network and learning rate (as train --preset paper);"
                        + " --from MODEL starts from a trained model's weights instead."})
final class ExplainCommand implements Callable<Integer> {
    static final int DEFAULT_BATCH = 8;

    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--from", paramLabel = "MODEL",
            description = "Start from a saved model's weights (a .safetensors file that train wrote) instead of fresh ones:"
                    + " its network, dropout included, so --layers, --activation, --init, --dropout and --input-dropout are"
                    + " the model's and are refused beside it.")
    Path from;

    @Option(names = "--layers", paramLabel = "SIZES", description = "Layer sizes, input to output, e.g. 784,16,10 (default: the paper's).")
    String layers;

    @Option(names = "--activation", paramLabel = "NAMES",
            description = "Hidden activation: relu, sigmoid or tanh; one for all hidden layers or one per layer (default: the paper's).")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", description = "Weight initialiser, as for train (default: the paper's).")
    String init;

    @Option(names = "--dropout", paramLabel = "RATES", description = "Dropout rate after each hidden layer, one for all or one per layer (default: the paper's).")
    String dropout;

    @Option(names = "--input-dropout", paramLabel = "RATE", converter = OptionTypes.DropoutRate.class,
            description = "Dropout rate on the input pixels, as for train: the step shows A[0] = X ⊙ M[0] (default: the paper's, none).")
    Double inputDropout;

    @Option(names = "--lr", paramLabel = "ALPHA", converter = OptionTypes.PositiveFloat.class,
            description = "Learning rate α of the gradient-descent step (default: the paper's).")
    Float learningRate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + DEFAULT_BATCH, converter = OptionTypes.ExplainedBatch.class,
            description = "Examples in the mini-batch, at most " + OptionTypes.ExplainedBatch.MAX + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Seeds.DEFAULT, converter = OptionTypes.Seed.class,
            description = "Seed for the weights, the dropout masks and the batch (the first a trainer with this seed draws; default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print every number of the step as one JSON object on stdout instead of the walk.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the step as a web page to step through, each matrix drawn as a heatmap (one file that works offline).")
    Path html;

    @Override
    public Integer call() {
        data.addInputsTo(OutputFiles.check()).input("--from", from).file("--html", html).verify();
        if (from != null) {
            String[][] given = {{"--layers", layers}, {"--activation", activation}, {"--init", init}, {"--dropout", dropout},
                {"--input-dropout", inputDropout == null ? null : inputDropout.toString()}};
            for (String[] g : given) {
                if (g[1] != null) throw new UserException(g[0] + " is the model's with --from " + from + "; leave it out");
            }
        }
        ModelFile.Loaded model = from == null ? null : ModelFile.load(from);
        Preset paper = Preset.PAPER;
        Architecture architecture = model != null ? model.network().architecture()
                : LayerOptions.parse(or(layers, paper.shown("--layers")), or(activation, paper.shown("--activation")),
                        activation != null, or(dropout, paper.shown("--dropout")), dropout != null)
                .withInputDropout(inputDropout != null ? inputDropout.floatValue() : paper.recipe.architecture().inputDropout());
        Initializer initializer = Initializer.parse(or(init, paper.shown("--init")));
        float alpha = learningRate != null ? learningRate : paper.recipe.training().optimizer().learningRate();

        Dataset train = data.trainAndTest(testFraction, seed).train();
        if (architecture.inputSize() != train.features || architecture.classes() != train.classes) {
            throw new UserException((model != null ? "the model " + from + "'s layers " : "--layers ")
                    + architecture.sizesText().replace('-', ',') + " do" + (model != null ? "" : "es") + " not fit the data: it has "
                    + Count.of(train.features, "input") + " and " + Count.of(train.classes, "class", "classes")
                    + ", so the first size must be " + train.features + " and the last " + train.classes);
        }
        if (batch > train.size) {
            throw new UserException("--batch " + batch + " is more than the " + Count.of(train.size, "training example")
                    + " there are; give at most " + train.size);
        }
        FirstBatch first = FirstBatch.of(train, batch, seed);
        String what = data.csv != null ? String.format(Locale.ROOT, "the %,d training rows of %s", train.size, data.name())
                : String.format(Locale.ROOT, "MNIST's %,d training images", train.size);
        Explanation.Origin origin = model != null ? new Explanation.Origin("the weights of " + from.getFileName(), null, what, seed)
                : new Explanation.Origin("init " + initializer.id() + ", seed " + seed, initializer, what, seed);
        Explanation explanation = Explanation.of(() -> model != null ? model.network().copyOn(Engine.reference())
                : Network.create(architecture, initializer, seed, Engine.reference()), first, alpha, origin);

        if (html != null) AtomicFiles.writeString(html, LearnPage.html(explanation));
        if (json) {
            System.out.println(Json.toLine(StepJson.of(explanation)));
        } else {
            System.out.print(TerminalText.of(explanation));
            if (html != null) System.out.println("\nWrote the step as a page to step through: " + html);
        }
        return explanation.check().passed() ? 0 : 1;
    }

    private static String or(String given, String preset) {
        return given != null ? given : preset;
    }
}
