package org.scratchnet.config;

import java.util.Arrays;
import java.util.Locale;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.EarlyStopping;
import org.scratchnet.train.Keep;
import org.scratchnet.train.Length;
import org.scratchnet.train.Recording;
import org.scratchnet.train.TrainingConfig;

/**
 * A complete training recipe: the network's shape, how its weights start, and how it is trained.
 * The command line's presets and every recipe of an experiment file are one of these.
 * <pre>
 *   Recipe paper = Recipe.builder()
 *       .architecture(new Architecture(new int[] {784, 10, 10}, new Activation[] {Activation.RELU}, new float[] {0f}))
 *       .init(Initializer.RANDOM)
 *       .optimizer(OptimizerSpec.gd(0.1f)).schedule(ScheduleSpec.constant()).fullBatch().iterations(500)
 *       .build();
 * </pre>
 * Settings left out take their defaults: {@link #DEFAULT_ARCHITECTURE}, {@link #DEFAULT_INIT} and
 * {@link TrainingConfig}'s; together they are ScratchNet's default recipe.
 *
 * @param training how to train, including the seed of the batch order (also the weights' seed in {@link #network()})
 */
public record Recipe(Architecture architecture, Initializer init, TrainingConfig training) {

    /** 784-256-128-10, ReLU, inverted dropout 0.2 after each hidden layer: with the default training, 98.4-98.6% on MNIST. */
    public static final Architecture DEFAULT_ARCHITECTURE = new Architecture(new int[] {784, 256, 128, 10},
            new Activation[] {Activation.RELU, Activation.RELU}, new float[] {0.2f, 0.2f});
    public static final Initializer DEFAULT_INIT = Initializer.KAIMING;

    public Recipe {
        if (architecture == null || init == null || training == null) {
            throw new IllegalArgumentException("a recipe needs an architecture, an initializer and a training configuration");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this recipe, to change some of its settings. */
    public Builder toBuilder() {
        return new Builder().architecture(architecture).init(init).training(training);
    }

    /** The same recipe with another seed. */
    public Recipe withSeed(long seed) {
        return new Recipe(architecture, init, training.withSeed(seed));
    }

    /** A new network of this shape on the fast engine, its weights drawn by {@link #init()} from the recipe's seed. */
    public Network network() {
        return Network.create(architecture, init, training.seed());
    }

    /** The same on {@code engine}. */
    public Network network(Engine engine) {
        return Network.create(architecture, init, training.seed(), engine);
    }

    /**
     * "784-10-10 relu, init random; gd(lr=0.1), full batch, 500 iterations"; a schedule other than
     * the constant rate follows the optimiser ("adam(lr=0.001, ...), cosine(min_lr=0.0), batch 128, 8 epochs").
     */
    public String describe() {
        Activation[] a = architecture.activations();
        String activations = a.length == 0 ? "no hidden layer" : distinct(a);
        String dropout = "";
        for (float r : architecture.dropout()) if (r > 0) dropout = ", dropout " + architecture.dropoutText();
        if (architecture.inputDropout() > 0) dropout += ", input dropout " + architecture.inputDropoutText();
        if (architecture.noise() > 0) dropout += ", noise " + architecture.noise();
        if (architecture.batchNorm()) dropout += ", batch norm";
        String schedule = training.schedule().equals(ScheduleSpec.constant()) ? "" : ", " + training.schedule().describe();
        String augmentation = training.augmentation().augments() ? ", augment " + training.augmentation().describe() : "";
        return String.format(Locale.ROOT, "%s %s%s, init %s; %s%s, %s, %s%s", architecture.sizesText(), activations,
                dropout, init.id(), training.optimizer().describe(), schedule,
                training.fullBatch() ? "full batch" : "batch " + training.batchSize(), training.length().describe(), augmentation);
    }

    private static String distinct(Activation[] a) {
        return Arrays.stream(a).allMatch(x -> x == a[0]) ? a[0].id()
                : String.join(",", Arrays.stream(a).map(Activation::id).toArray(String[]::new));
    }

    /** Named settings, each starting at its default; the training settings go to a {@link TrainingConfig.Builder}. */
    public static final class Builder {
        private Architecture architecture = DEFAULT_ARCHITECTURE;
        private Initializer init = DEFAULT_INIT;
        private TrainingConfig.Builder training = TrainingConfig.builder();

        private Builder() {}

        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        public Builder init(Initializer init) {
            this.init = init;
            return this;
        }

        /** Every training setting at once. */
        public Builder training(TrainingConfig training) {
            this.training = training.toBuilder();
            return this;
        }

        public Builder optimizer(OptimizerSpec optimizer) {
            training.optimizer(optimizer);
            return this;
        }

        public Builder schedule(ScheduleSpec schedule) {
            training.schedule(schedule);
            return this;
        }

        public Builder batchSize(int batchSize) {
            training.batchSize(batchSize);
            return this;
        }

        public Builder fullBatch() {
            training.fullBatch();
            return this;
        }

        public Builder length(Length length) {
            training.length(length);
            return this;
        }

        public Builder epochs(int epochs) {
            training.epochs(epochs);
            return this;
        }

        public Builder iterations(int iterations) {
            training.iterations(iterations);
            return this;
        }

        public Builder recording(Recording recording) {
            training.recording(recording);
            return this;
        }

        public Builder seed(long seed) {
            training.seed(seed);
            return this;
        }

        public Builder earlyStopping(EarlyStopping earlyStopping) {
            training.earlyStopping(earlyStopping);
            return this;
        }

        public Builder augmentation(AugmentationSpec augmentation) {
            training.augmentation(augmentation);
            return this;
        }

        public Builder keep(Keep keep) {
            training.keep(keep);
            return this;
        }

        public Recipe build() {
            return new Recipe(architecture, init, training.build());
        }
    }
}
