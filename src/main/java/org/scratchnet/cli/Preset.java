package org.scratchnet.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.config.Recipe;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.EarlyStopping;
import org.scratchnet.train.Keep;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Length;
import org.scratchnet.train.Monitor;
import org.scratchnet.train.TrainingConfig;

/**
 * Named recipes for {@code train}; any option given on the command line wins over its preset's
 * value, which is the value {@code --help} shows. Each says what it is in {@link #summary}, shown
 * by {@code train --help}; docs/results.md has what each reached, with its command.
 *
 * <ul>
 *   <li>{@code default}: ScratchNet's default {@link Recipe} (its builder's defaults): AdamW over
 *       one cycle of 15 epochs, 98.4-98.6% test accuracy on MNIST.</li>
 *   <li>{@code paper}: the paper's baseline: 784-10-10, ReLU, softmax, uniform random
 *       initialisation in [-0.5, 0.5], full-batch gradient descent, α = 0.1 throughout (no
 *       schedule), 500 iterations; it
 *       keeps the last update's weights, as the paper reports them.</li>
 *   <li>{@code simard2003}: Simard, Steinkraus &amp; Platt (2003), "Best practices for
 *       convolutional neural networks applied to visual document analysis": their fully connected
 *       network, 784-800-10 with cross-entropy, trained on elastic distortions (σ = 4, α = 34),
 *       by gradient descent without momentum or weight decay. The paper: 98.4% without distortions,
 *       98.9% with affine ones, 99.3% with elastic ones. Ours where we do not take the paper's:
 *       ReLU and Kaiming initialisation, batches of 128 at a rate of 0.1 on a cosine schedule,
 *       150 epochs (40 gave 98.60%, still rising; 150 gave 99.21%: docs/results.md).</li>
 *   <li>{@code srivastava2014}: Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov
 *       (2014), "Dropout", their MNIST network of 3 x 1024 ReLU units (98.94% in the paper):
 *       dropout 0.5 on the hidden units, a max-norm constraint (c = 3.5; the paper's range is 3
 *       to 4), dropout 0.2 on the input pixels (each kept with probability 0.8), stochastic
 *       gradient descent with momentum 0.95 on batches of 100 and a decaying rate. What ScratchNet
 *       cannot express, left out rather than imitated: the paper's momentum that rises to 0.95
 *       (here 0.95 from the start). Ours: a rate of 0.01 in PyTorch's form of momentum
 *       (v = μv + g, W -= αv: a step of α/(1-μ) = 0.2), decayed by 0.95 per epoch, Kaiming
 *       initialisation, 50 epochs where the paper trains far longer.</li>
 *   <li>{@code best}: ours without augmentation: 784-1024-1024-10, ReLU, dropout 0.2, Kaiming,
 *       AdamW (weight decay 1e-4) peaking at 0.001 over one cycle of 40 epochs, batches of 128,
 *       keeping the epoch of the highest validation accuracy (not the lowest loss: on
 *       Fashion-MNIST the loss turns up while the accuracy still rises). Dropout 0.5 and the
 *       lowest loss gave 89.71% on Fashion-MNIST and 98.52% on MNIST (seed 42); this gives
 *       90.77% and 90.76%, and 98.62% and 98.67% (seeds 42, 1; docs/results.md).</li>
 *   <li>{@code best-augmented}: ours with distortions: 784-1024-1024-10, ReLU, dropout 0.2,
 *       AdamW peaking at 0.001 over one cycle of 400 epochs, batches of 128, every training image
 *       distorted by {@code augment both}: the affine map at its default strengths, then an elastic
 *       field gentler than Simard's (σ = 5.5, α = 37, ours; displacements about four fifths as
 *       large). With Simard's field (σ = 4, α = 34, until 2026-12-04) 60 epochs gave 99.32% and
 *       99.33% (seeds 42, 1), still rising; 200 gave 99.49%, 99.41% and 99.45% (seeds 42, 1, 2), the validation accuracy still rising
 *       at the cycle's end; 400 gave 99.53%, 99.49%, 99.51% and 99.41% (seeds 42, 1, 2, 3; mean
 *       99.485%) in 22-33 minutes on two cores; {@code --epochs 800} gave 99.53%, 99.53%,
 *       99.49%, 99.51% and 99.48% (seeds 42, 1, 2, 3, 4; mean 99.508%) in 45-51 minutes, too
 *       little gain over seed noise to double the time. The gentler field at 400 epochs beat it on
 *       validation in three of the four seeds' pairs (one equal), and gave 99.51%, 99.58%, 99.49%,
 *       99.55% and 99.64% on test (seeds 8, 42, 1, 2, 3; mean 99.554%) in 24-32 minutes
 *       (docs/results.md).</li>
 *   <li>{@code rasmus2015}: Rasmus, Valpola, Honkala, Berglund &amp; Raiko (2015), "Semi-supervised
 *       learning with ladder networks": the supervised baseline of their Table 1 (0.80% test error,
 *       99.20%, on MNIST without augmentation): 784-1000-500-250-250-250-10 ReLU, batch
 *       normalisation after every dense layer, Gaussian noise of standard deviation 0.3 on the input
 *       pixels and on every layer's normalised values, Adam at 0.002 for 100 epochs and then
 *       linearly to 0 over 50 more, batches of 100. Ours: keeping the epoch of the best validation
 *       accuracy on the held-out images; with {@code --validation 0}, every training image and the
 *       last epoch, as the paper's final figure: 99.12%, 99.17% and 99.18% (seeds 42, 1, 2; mean
 *       99.157%) in 15-17 minutes on two cores; without it, 99.16%, 98.85% and 99.05% (mean 99.02%:
 *       validation picks among late epochs it cannot tell apart). With a cosine decay in place of the paper's schedule
 *       ({@code --schedule cosine}) and 54,000 training images: 99.16%, 98.96% and 99.09% (mean
 *       99.07%; docs/results.md).</li>
 * </ul>
 * All hold out {@link Holdout#VALIDATION} of the training set for validation, and all but
 * {@code paper}, {@code best} and {@code rasmus2015} keep the epoch of the lowest validation loss.
 */
enum Preset {
    DEFAULT(Recipe.builder().build(), "ScratchNet's default recipe (98.4-98.6% on MNIST)."),
    PAPER(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 10, 10}, new Activation[] {Activation.RELU}, new float[] {0f}))
            .init(Initializer.RANDOM)
            .optimizer(OptimizerSpec.gd(0.1f)).schedule(ScheduleSpec.constant()).fullBatch().iterations(500)
            .keep(Keep.LAST)
            .build(), "the paper's baseline (85% in the paper), keeping the last update's weights."),
    SIMARD2003(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 800, 10}, new Activation[] {Activation.RELU}, new float[] {0f}))
            .optimizer(OptimizerSpec.sgd(0.1f)).schedule(ScheduleSpec.cosine()).batchSize(128).epochs(150)
            .augmentation(AugmentationSpec.elastic())
            .build(), "Simard et al. 2003's 800 hidden units on elastic distortions (sigma 4, alpha 34), gradient descent"
            + " without momentum (the paper: 98.4% plain, 98.9% affine, 99.3% elastic); ours: ReLU, Kaiming, rate 0.1 on a"
            + " cosine, batches of 128, 150 epochs."),
    SRIVASTAVA2014(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 1024, 1024, 1024, 10},
                    new Activation[] {Activation.RELU, Activation.RELU, Activation.RELU}, new float[] {0.5f, 0.5f, 0.5f}, 0.2f))
            .optimizer(OptimizerSpec.momentum(0.01f, 0.95f).with(OptimizerSpec.Setting.MAX_NORM, 3.5f))
            .schedule(ScheduleSpec.exponential().with(ScheduleSpec.Setting.GAMMA, 0.95)).batchSize(100).epochs(50)
            .build(), "Srivastava et al. 2014's dropout network, 3 x 1024 ReLU, dropout 0.5, input dropout 0.2, max-norm 3.5,"
            + " momentum 0.95, batches of 100 (the paper: 98.94%); not expressible here: the paper's momentum ramp; ours:"
            + " rate 0.01 decayed by 0.95 per epoch, Kaiming, 50 epochs."),
    BEST(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 1024, 1024, 10}, new Activation[] {Activation.RELU, Activation.RELU},
                    new float[] {0.2f, 0.2f}))
            .optimizer(OptimizerSpec.adamw(0.001f)).schedule(ScheduleSpec.oneCycle()).batchSize(128).epochs(40)
            .earlyStopping(EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY))
            .build(), "ours without augmentation: 2 x 1024 ReLU, dropout 0.2, AdamW over one cycle of 40 epochs, keeping the"
            + " epoch of the best validation accuracy."),
    BEST_AUGMENTED(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 1024, 1024, 10}, new Activation[] {Activation.RELU, Activation.RELU},
                    new float[] {0.2f, 0.2f}))
            .optimizer(OptimizerSpec.adamw(0.001f)).schedule(ScheduleSpec.oneCycle()).batchSize(128).epochs(400)
            .augmentation(AugmentationSpec.both().with(AugmentationSpec.Setting.SIGMA, 5.5).with(AugmentationSpec.Setting.ALPHA, 37))
            .build(), "ours with distortions: 2 x 1024 ReLU, dropout 0.2, AdamW over one cycle of 400 epochs, augment both with"
            + " a gentler elastic field than Simard's (sigma 5.5, alpha 37)."),
    RASMUS2015(Recipe.builder()
            .architecture(new Architecture(new int[] {784, 1000, 500, 250, 250, 250, 10},
                    new Activation[] {Activation.RELU, Activation.RELU, Activation.RELU, Activation.RELU, Activation.RELU},
                    new float[] {0f, 0f, 0f, 0f, 0f}).withNoise(0.3f).withBatchNorm(true))
            .optimizer(OptimizerSpec.adam(0.002f)).schedule(ScheduleSpec.linear().with(ScheduleSpec.Setting.HOLD, 100))
            .batchSize(100).epochs(150)
            .earlyStopping(EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY))
            .build(), "Rasmus et al. 2015's supervised baseline without augmentation (the paper: 99.20%): 784-1000-500-250-250-"
            + "250-10 ReLU, batch normalisation, Gaussian noise 0.3 on the input and every layer, Adam at 0.002 for 100 epochs,"
            + " then linearly to 0 over 50 more, batches of 100; ours: keeping the epoch of the best validation accuracy"
            + " (--validation 0 trains on every training image, as the paper's final figure does, and keeps the last).");

    /** The options a preset sets, in the order --help lists them. */
    static final List<String> OPTIONS = List.of("--layers", "--activation", "--init", "--dropout", "--input-dropout",
            "--noise", "--batch-norm", "--optimizer", "--lr", "--momentum", "--max-norm", "--schedule", "--gamma", "--hold", "--augment", "--elastic-sigma",
            "--elastic-alpha", "--batch", "--epochs",
            "--iterations", "--validation", "--monitor", "--keep");

    final Recipe recipe;
    /** What the preset is, in a sentence or two for {@code --help}: the paper's settings and ours. */
    final String summary;

    Preset(Recipe recipe, String summary) {
        this.recipe = recipe;
        this.summary = summary;
    }

    /** The name {@code --preset} takes: "best-augmented" for BEST_AUGMENTED. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The preset named {@code name} (any case), or a one-line error naming the presets. */
    static Preset parse(String name) {
        for (Preset p : values()) if (p.id().equalsIgnoreCase(name.trim())) return p;
        throw new UserException("unknown preset '" + name + "': use " + names());
    }

    /** "default, paper, simard2003, srivastava2014, best or best-augmented". */
    static String names() {
        List<String> ids = Arrays.stream(values()).map(Preset::id).toList();
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }

    /**
     * The value this preset gives {@code option} (one of {@link #OPTIONS}), as it would be typed
     * on the command line, or null where the preset leaves the option unused (the paper's preset
     * counts iterations, not epochs; a momentum, a max-norm or a gamma the preset's optimiser or
     * schedule does not have; an elastic field's setting without elastic distortions).
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
            case "--input-dropout" -> a.inputDropoutText();
            case "--noise" -> a.noise() == 0f ? "0" : Float.toString(a.noise());
            case "--batch-norm" -> Boolean.toString(a.batchNorm());
            case "--optimizer" -> t.optimizer().name();
            case "--lr" -> Float.toString(t.optimizer().learningRate());
            case "--momentum" -> OptimizerSpec.Setting.MOMENTUM.appliesTo(t.optimizer().name())
                    ? Float.toString(t.optimizer().momentum()) : null;
            case "--max-norm" -> t.optimizer().maxNorm() > 0 ? Float.toString(t.optimizer().maxNorm()) : null;
            case "--schedule" -> t.schedule().name();
            case "--gamma" -> ScheduleSpec.Setting.GAMMA.appliesTo(t.schedule().name()) ? Float.toString(t.schedule().gamma()) : null;
            case "--hold" -> ScheduleSpec.Setting.HOLD.appliesTo(t.schedule().name())
                    ? java.math.BigDecimal.valueOf(t.schedule().holdEpochs()).stripTrailingZeros().toPlainString() : null;
            case "--augment" -> t.augmentation().name();
            case "--elastic-sigma" -> shown(t.augmentation(), AugmentationSpec.Setting.SIGMA);
            case "--elastic-alpha" -> shown(t.augmentation(), AugmentationSpec.Setting.ALPHA);
            case "--batch" -> t.fullBatch() ? "full" : Integer.toString(t.batchSize());
            case "--epochs" -> length.inEpochs() ? Integer.toString(length.count()) : null;
            case "--iterations" -> length.inEpochs() ? null : Integer.toString(length.count());
            case "--validation" -> Double.toString(Holdout.VALIDATION);
            case "--monitor" -> t.earlyStopping().monitor().id();
            case "--keep" -> t.earlyStopping().keep().id();
            default -> throw new IllegalArgumentException("no preset sets " + option);
        };
    }

    /** A distortion's strength as typed, or null when the preset's kind of augmentation has no such setting. */
    private static String shown(AugmentationSpec augmentation, AugmentationSpec.Setting setting) {
        return setting.appliesTo(augmentation.name()) ? Float.toString(augmentation.value(setting)) : null;
    }

    /** "relu" when every hidden layer has the same value, else "relu,tanh": one for all, or one per layer. */
    private static String oneOrEach(List<String> values) {
        return values.stream().distinct().count() == 1 ? values.get(0) : String.join(",", values);
    }
}
