package org.scratchnet.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;
import org.scratchnet.config.Recipe;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.Keep;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Length;
import org.scratchnet.train.TrainingConfig;

/**
 * Named recipes for {@code train}; any option given on the command line wins over its preset's
 * value, which is the value {@code --help} shows.
 *
 * <ul>
 *   <li>{@code default}: ScratchNet's default {@link Recipe} (its builder's defaults): AdamW over
 *       one cycle of 15 epochs, 98.4-98.6% test accuracy on MNIST.</li>
 *   <li>{@code paper}: the paper's baseline: 784-10-10, ReLU, softmax, uniform random
 *       initialisation in [-0.5, 0.5], full-batch gradient descent, α = 0.1 throughout (no
 *       schedule), 500 iterations; it
 *       keeps the last update's weights, as the paper reports them.</li>
 * </ul>
 * Both hold out {@link Holdout#VALIDATION} of the training set for validation curves.
 */
enum Preset {
    DEFAULT(Recipe.builder().build()),
    PAPER(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 10, 10}, new Activation[] {Activation.RELU}, new float[] {0f}))
            .init(Initializer.RANDOM)
            .optimizer(OptimizerSpec.gd(0.1f)).schedule(ScheduleSpec.constant()).fullBatch().iterations(500)
            .keep(Keep.LAST)
            .build());

    /** The options a preset sets, in the order --help lists them. */
    static final List<String> OPTIONS = List.of("--layers", "--activation", "--init", "--dropout",
            "--optimizer", "--lr", "--schedule", "--batch", "--epochs", "--iterations", "--validation", "--keep");

    final Recipe recipe;

    Preset(Recipe recipe) {
        this.recipe = recipe;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset named {@code name} (any case), or a one-line error naming the presets. */
    static Preset parse(String name) {
        for (Preset p : values()) if (p.id().equalsIgnoreCase(name.trim())) return p;
        throw new UserException("unknown preset '" + name + "': use default or paper");
    }

    /**
     * The value this preset gives {@code option} (one of {@link #OPTIONS}), as it would be typed
     * on the command line, or null where the preset leaves the option unused (the paper's preset
     * counts iterations, not epochs).
     */
    String shown(String option) {
        Architecture a = recipe.architecture();
        TrainingConfig t = recipe.training();
        Length length = t.length();
        return switch (option) {
            case "--layers" -> a.sizesText().replace('-', ',');
            case "--activation" -> oneOrEach(Arrays.stream(a.activations()).map(Activation::id).toList());
            case "--init" -> recipe.init().id();
            case "--dropout" -> oneOrEach(List.of(a.dropoutText().split(",")));
            case "--optimizer" -> t.optimizer().name();
            case "--lr" -> Float.toString(t.optimizer().learningRate());
            case "--schedule" -> t.schedule().name();
            case "--batch" -> t.fullBatch() ? "full" : Integer.toString(t.batchSize());
            case "--epochs" -> length.inEpochs() ? Integer.toString(length.count()) : null;
            case "--iterations" -> length.inEpochs() ? null : Integer.toString(length.count());
            case "--validation" -> Double.toString(Holdout.VALIDATION);
            case "--keep" -> t.earlyStopping().keep().id();
            default -> throw new IllegalArgumentException("no preset sets " + option);
        };
    }

    /** "relu" when every hidden layer has the same value, else "relu,tanh": one for all, or one per layer. */
    private static String oneOrEach(List<String> values) {
        return values.stream().distinct().count() == 1 ? values.get(0) : String.join(",", values);
    }
}
