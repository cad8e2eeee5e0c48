package org.scratchnet.train;

import java.util.Locale;
import org.scratchnet.Seeds;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.optim.OptimizerSpec.Setting;
import org.scratchnet.schedule.ScheduleSpec;

/**
 * How to train, by name:
 * <pre>
 *   TrainingConfig config = TrainingConfig.builder()
 *       .optimizer(OptimizerSpec.adam(0.001f))
 *       .schedule(ScheduleSpec.cosine())
 *       .batchSize(64)
 *       .epochs(8)
 *       .seed(42)
 *       .patience(3)                 // stop after 3 epochs without a better validation loss
 *       .build();
 * </pre>
 * Every setting left out takes its default, each stated once below ({@code DEFAULT_*}); together
 * they are ScratchNet's default recipe (the command line's {@code train} without options). The
 * default schedule is one cycle, so a builder that names only an optimiser still trains on a
 * cycle that peaks at its learning rate; {@code .schedule(ScheduleSpec.constant())} keeps the rate
 * fixed.
 *
 * @param optimizer the optimiser and its (base) learning rate α
 * @param schedule  how the learning rate moves from α over the run
 * @param batchSize examples per update; {@value #FULL_BATCH} = the whole training set (full-batch gradient descent)
 * @param length    how many epochs or iterations
 * @param recording how often the history records a row
 * @param seed      seeds the shuffling of mini-batches
 * @param earlyStopping how each epoch is judged on the validation set: when to stop, which weights to keep
 * @param augmentation  how training images are distorted on the fly (never the validation or test images)
 */
public record TrainingConfig(OptimizerSpec optimizer, ScheduleSpec schedule, int batchSize, Length length, Recording recording,
                             long seed, EarlyStopping earlyStopping, AugmentationSpec augmentation) {

    /** The batch size that means the whole training set: full-batch gradient descent. */
    public static final int FULL_BATCH = 0;

    /**
     * AdamW at a peak of 0.003 over one cycle of 15 epochs: 98.62% on MNIST's test set with the
     * default network and seed (98.39-98.62% over seeds 42, 1 and 2, each keeping its best epoch),
     * where Adam at a constant 0.001 for 8 epochs gave 97.96%. The README has the measurements.
     */
    public static final OptimizerSpec DEFAULT_OPTIMIZER = OptimizerSpec.adamw(0.003f);
    public static final ScheduleSpec DEFAULT_SCHEDULE = ScheduleSpec.oneCycle();
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final Length DEFAULT_LENGTH = Length.epochs(15);
    public static final Recording DEFAULT_RECORDING = Recording.everyEpoch();
    public static final long DEFAULT_SEED = Seeds.DEFAULT;
    /** Its own defaults: watch val_loss, never stop early, keep the best epoch's weights (restore-best). */
    public static final EarlyStopping DEFAULT_EARLY_STOPPING = EarlyStopping.DEFAULT;
    /** The images as they are. */
    public static final AugmentationSpec DEFAULT_AUGMENTATION = AugmentationSpec.none();

    public TrainingConfig {
        if (optimizer == null || schedule == null || length == null || recording == null || earlyStopping == null
                || augmentation == null) {
            throw new IllegalArgumentException("a training configuration needs an optimizer, a schedule, a length, a recording,"
                    + " early stopping and augmentation settings");
        }
        if (batchSize < 0) throw new UserException("batch size must be positive (or 0 / full for the whole set), got " + batchSize);
        float low = schedule.cycleMomentum();
        if (low > 0f) {
            float base = optimizer.cyclableMomentum();
            if (base == 0f) {
                throw new UserException("cycle_momentum cycles the optimiser's momentum, and " + optimizer.name()
                        + " has none: use momentum, nesterov, adam or adamw");
            }
            if (low >= base) {
                String own = Setting.BETA1.appliesTo(optimizer.name()) ? "beta1" : "momentum";
                throw new UserException("cycle_momentum " + low + " must be below the optimiser's own " + own + " " + base
                        + ", where the cycle starts and ends (it is the momentum at the peak rate); lower it or raise " + own);
            }
        }
    }

    /** A configuration without augmentation (as before augmentation existed). */
    public TrainingConfig(OptimizerSpec optimizer, ScheduleSpec schedule, int batchSize, Length length, Recording recording,
                          long seed, EarlyStopping earlyStopping) {
        this(optimizer, schedule, batchSize, length, recording, seed, earlyStopping, DEFAULT_AUGMENTATION);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration, to change some of its settings. */
    public Builder toBuilder() {
        return new Builder().optimizer(optimizer).schedule(schedule).batchSize(batchSize).length(length).recording(recording).seed(seed)
                .earlyStopping(earlyStopping).augmentation(augmentation);
    }

    /** The same configuration with another seed. */
    public TrainingConfig withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    public boolean fullBatch() {
        return batchSize == FULL_BATCH;
    }

    /** Updates per epoch for a training set of {@code n} examples. */
    public int stepsPerEpoch(int n) {
        if (n <= 0) throw new UserException("the training set is empty: there is nothing to train on");
        int batch = effectiveBatch(n);
        return (n + batch - 1) / batch;
    }

    public int effectiveBatch(int n) {
        return fullBatch() ? n : Math.min(batchSize, n);
    }

    /**
     * Updates in the whole run on {@code n} examples. A product beyond what the training loop can
     * count is refused instead of wrapping round to a run that trains nothing or far too little.
     */
    public int totalSteps(int n) {
        long total = length.steps(stepsPerEpoch(n));
        if (total > Integer.MAX_VALUE) {
            throw new UserException(String.format(Locale.ROOT, "%,d epochs of %,d examples in batches of %,d make %,d updates, "
                    + "more than the %,d one run can count; use fewer epochs or larger batches", length.count(), n,
                    effectiveBatch(n), total, Integer.MAX_VALUE));
        }
        return (int) total;
    }

    /** Updates between two rows of the history on {@code n} examples. */
    public int recordInterval(int n) {
        return recording.interval(totalSteps(n), stepsPerEpoch(n));
    }

    /** Named settings, each starting at its default. */
    public static final class Builder {
        private OptimizerSpec optimizer = DEFAULT_OPTIMIZER;
        private ScheduleSpec schedule = DEFAULT_SCHEDULE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Length length = DEFAULT_LENGTH;
        private Recording recording = DEFAULT_RECORDING;
        private long seed = DEFAULT_SEED;
        private EarlyStopping earlyStopping = DEFAULT_EARLY_STOPPING;
        private AugmentationSpec augmentation = DEFAULT_AUGMENTATION;

        private Builder() {}

        public Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder schedule(ScheduleSpec schedule) {
            this.schedule = schedule;
            return this;
        }

        /** Examples per update; {@value TrainingConfig#FULL_BATCH} for the whole training set. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Every update on the whole training set: full-batch gradient descent. */
        public Builder fullBatch() {
            return batchSize(FULL_BATCH);
        }

        public Builder length(Length length) {
            this.length = length;
            return this;
        }

        public Builder epochs(int epochs) {
            return length(Length.epochs(epochs));
        }

        public Builder iterations(int iterations) {
            return length(Length.iterations(iterations));
        }

        public Builder recording(Recording recording) {
            this.recording = recording;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Every early-stopping setting at once. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** Stop after this many epochs in a row without improvement on the validation set. */
        public Builder patience(int epochs) {
            return earlyStopping(earlyStopping.withPatience(epochs));
        }

        /** The validation quantity that judges each epoch. */
        public Builder monitor(Monitor monitor) {
            return earlyStopping(earlyStopping.withMonitor(monitor));
        }

        /** How much the monitored quantity must improve to count. */
        public Builder minDelta(double minDelta) {
            return earlyStopping(earlyStopping.withMinDelta(minDelta));
        }

        /** End with the best epoch's weights or the last update's. */
        public Builder keep(Keep keep) {
            return earlyStopping(earlyStopping.withKeep(keep));
        }

        /** How training images are distorted on the fly ({@link AugmentationSpec#none()}: not at all). */
        public Builder augmentation(AugmentationSpec augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(optimizer, schedule, batchSize, length, recording, seed, earlyStopping, augmentation);
        }
    }
}
