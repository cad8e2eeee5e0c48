package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.Count;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.config.Recipe;
import org.scratchnet.data.Dataset;
import org.scratchnet.io.OutputFiles;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.plot.LearningRateCurve;
import org.scratchnet.train.LearningRateFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet lr-find}: the learning-rate range test on the training data, for the network
 * and optimiser that {@code train} would use with the same options. Prints the suggested rate,
 * draws the curve with {@code --plot}, and saves no network.
 */
@Command(name = "lr-find", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find a learning rate: train briefly while the rate grows exponentially, and suggest the rate where"
                + " the smoothed loss falls fastest (Smith's range test, as fastai's and Lightning's lr_find).",
                "Nothing is saved but the plot."})
final class LrFindCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    TestFractionOption testFraction;

    @Option(names = "--layers", paramLabel = "SIZES", description = "Layer sizes, input to output (default: train's).")
    String layers;

    @Option(names = "--activation", paramLabel = "NAMES", description = "Hidden activation(s), as for train.")
    String activation;

    @Option(names = "--dropout", paramLabel = "RATES", description = "Dropout rate(s) after the hidden layers, as for train.")
    String dropout;

    @Option(names = "--input-dropout", paramLabel = "RATE", converter = OptionTypes.DropoutRate.class,
            description = "Dropout rate on the input pixels, as for train (default: none).")
    Double inputDropout;

    @Option(names = "--noise", paramLabel = "SIGMA", converter = OptionTypes.Noise.class,
            description = "Gaussian noise on the input pixels and every layer, as for train (default: none).")
    Float noise;

    @Option(names = "--batch-norm", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Batch normalisation after every dense layer, as for train (default: off).")
    Boolean batchNorm;

    @Option(names = "--init", paramLabel = "NAME", description = "Weight initialiser, as for train.")
    String init;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "The optimiser whose rate to find (default: train's).")
    String optimizer;

    @Mixin
    OptimizerOptions optimizerOptions;

    @Option(names = "--batch", paramLabel = "N", converter = OptionTypes.Batch.class, description = "Examples per update (default: train's).")
    Integer batch;

    @Mixin
    AugmentOptions augmentOptions;

    @Option(names = "--start", paramLabel = "ALPHA", converter = OptionTypes.Positive.class,
            defaultValue = "" + LearningRateFinder.DEFAULT_START, description = "The first rate (default: ${DEFAULT-VALUE}).")
    double start;

    @Option(names = "--end", paramLabel = "ALPHA", converter = OptionTypes.Positive.class,
            defaultValue = "" + LearningRateFinder.DEFAULT_END, description = "The last rate (default: ${DEFAULT-VALUE}).")
    double end;

    @Option(names = "--steps", paramLabel = "N", converter = OptionTypes.Count.class,
            defaultValue = "" + LearningRateFinder.DEFAULT_STEPS, description = "Updates from --start to --end (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + org.scratchnet.Seeds.DEFAULT, converter = OptionTypes.Seed.class,
            description = "Seed for the weights, dropout and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Draw the curve into FILE.png and FILE.svg (a .png or .svg ending is dropped).")
    Path plot;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        if (!(end > start)) throw new UserException("--end must be above --start, got --start " + start + " and --end " + end);
        if (steps < 2) throw new UserException("--steps must be at least 2, got " + steps);
        AugmentationSpec augmentation = augmentOptions.apply(Preset.DEFAULT.recipe.training().augmentation());
        Path png = plot == null ? null : plotFile(".png");
        Path svg = plot == null ? null : plotFile(".svg");
        OutputFiles check = data.addInputsTo(OutputFiles.check());
        if (plot != null) check.file("--plot", png).file("the SVG beside --plot", svg);
        check.verify();

        Recipe base = Preset.DEFAULT.recipe;
        Architecture architecture = LayerOptions.parse(layers != null ? layers : Preset.DEFAULT.shown("--layers"),
                activation != null ? activation : Preset.DEFAULT.shown("--activation"), activation != null,
                dropout != null ? dropout : Preset.DEFAULT.shown("--dropout"), dropout != null)
                .withInputDropout(inputDropout != null ? inputDropout.floatValue() : base.architecture().inputDropout())
                .withNoise(noise != null ? noise : base.architecture().noise())
                .withBatchNorm(batchNorm != null ? batchNorm : base.architecture().batchNorm());
        OptimizerSpec spec = optimizerOptions.apply(optimizer != null
                ? OptimizerSpec.parse(optimizer, base.training().optimizer().learningRate()) : base.training().optimizer());
        int batchSize = batch != null ? batch : base.training().batchSize();
        Dataset train = data.trainAndTest(testFraction, seed).train();
        if (architecture.inputSize() != train.features || architecture.classes() != train.classes) {
            throw new UserException("--layers " + architecture.sizesText().replace('-', ',') + " does not fit the data: it has "
                    + Count.of(train.features, "input") + " and " + Count.of(train.classes, "class", "classes"));
        }
        Network net = Network.create(architecture, init != null ? Initializer.parse(init) : base.init(), seed);
        LearningRateFinder.Result result = LearningRateFinder.run(net, train, spec, batchSize, seed, augmentation, start, end, steps);
        List<Path> figures = plot == null ? List.of() : LearningRateCurve.write(result, png.toAbsolutePath().getParent(),
                name(png));

        List<LearningRateFinder.Point> points = result.points();
        LearningRateFinder.Point last = points.isEmpty() ? null : points.get(points.size() - 1);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("suggested_learning_rate", result.suggestion());
            out.put("optimizer", spec.name());
            out.put("layers", architecture.sizesText());
            out.put("network", architecture.toString());
            out.put("batch_size", batchSize);
            out.put("augmentation", augmentation.describe());
            out.put("start", start);
            out.put("end", end);
            out.put("steps", steps);
            out.put("updates", points.size());
            out.put("diverged", result.diverged());
            List<Double> rates = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            List<Double> smoothed = new ArrayList<>();
            for (LearningRateFinder.Point p : points) {
                rates.add(p.rate());
                losses.add(p.loss());
                smoothed.add(p.smoothed());
            }
            out.put("rates", rates);
            out.put("losses", losses);
            out.put("smoothed_losses", smoothed);
            if (plot != null) out.put("plot", figures.stream().map(Path::toString).toList());
            Json.print(out);
            return 0;
        }
        System.out.printf(Locale.ROOT, "Range test: %s, %s, batch %s, rates %.3g to %.3g over %,d updates on %,d examples%s%n",
                architecture, spec.describe(), batchSize == 0 ? "full" : batchSize, start, end, steps, train.size,
                augmentation.augments() ? ", augment " + augmentation.describe() : "");
        if (result.diverged() && last != null) {
            System.out.printf(Locale.ROOT, "Stopped after %,d updates, at rate %.3g: the smoothed loss passed %.0fx its lowest%n",
                    points.size(), last.rate(), 4.0);
        }
        if (Double.isFinite(result.suggestion())) {
            System.out.printf(Locale.ROOT, "Suggested learning rate: %.3g (where the smoothed loss falls fastest); use it with"
                    + " train --lr%n", result.suggestion());
        } else {
            System.out.println("No suggestion: the curve is too short to have a steepest descent; start lower (--start) or take"
                    + " more --steps");
        }
        if (!figures.isEmpty()) System.out.println("Plot: " + String.join(", ", figures.stream().map(Path::toString).toList()));
        return 0;
    }

    /** --plot FILE as FILE.png / FILE.svg, an ending of either dropped first. */
    private Path plotFile(String ending) {
        String name = plot.getFileName() == null ? "" : plot.getFileName().toString();
        String stem = name.endsWith(".png") || name.endsWith(".svg") ? name.substring(0, name.length() - 4) : name;
        if (stem.isEmpty()) throw new UserException("--plot needs a file name, got '" + plot + "'");
        return plot.resolveSibling(stem + ending);
    }

    private static String name(Path png) {
        String n = png.getFileName().toString();
        return n.substring(0, n.length() - ".png".length());
    }
}
