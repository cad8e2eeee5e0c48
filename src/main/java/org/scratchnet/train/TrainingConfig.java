package org.scratchnet.train;

import java.util.Locale;
import org.scratchnet.UserException;

/**
 * How to train: optimiser, learning rate α, batch size, length and seed.
 *
 * @param optimizer   gd, sgd, momentum or adam
 * @param learningRate α
 * @param batchSize   examples per update; 0 means the whole training set (full-batch gradient descent)
 * @param epochs      passes over the training set (used when iterations is 0)
 * @param iterations  number of updates; when positive it overrides epochs
 * @param recordEvery record a history row every this many updates; 0 means once per epoch
 * @param seed        seeds the shuffling of mini-batches
 */
public record TrainingConfig(String optimizer, float learningRate, int batchSize, int epochs, int iterations,
                             int recordEvery, long seed) {

    public TrainingConfig {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new UserException("learning rate must be a positive number, got " + learningRate);
        }
        if (batchSize < 0) throw new UserException("batch size must be positive (or 0 / full for the whole set), got " + batchSize);
        if (epochs <= 0 && iterations <= 0) throw new UserException("give a positive number of epochs or iterations");
        if (recordEvery < 0) throw new UserException("recordEvery must be 0 or positive, got " + recordEvery);
    }

    /** Updates per epoch for a training set of {@code n} examples. */
    public int stepsPerEpoch(int n) {
        if (n <= 0) throw new UserException("the training set is empty: there is nothing to train on");
        int batch = effectiveBatch(n);
        return (n + batch - 1) / batch;
    }

    public int effectiveBatch(int n) {
        return batchSize == 0 ? n : Math.min(batchSize, n);
    }

    /**
     * Updates in the whole run on {@code n} examples. Counted in long, so that a product beyond
     * what the training loop can count is refused instead of wrapping round to a run that trains
     * nothing or far too little.
     */
    public int totalSteps(int n) {
        long total = iterations > 0 ? iterations : (long) epochs * stepsPerEpoch(n);
        if (total > Integer.MAX_VALUE) {
            throw new UserException(String.format(Locale.ROOT, "%,d epochs of %,d examples in batches of %,d make %,d updates, "
                    + "more than the %,d one run can count; use fewer epochs or larger batches", epochs, n,
                    effectiveBatch(n), total, Integer.MAX_VALUE));
        }
        return (int) total;
    }
}
