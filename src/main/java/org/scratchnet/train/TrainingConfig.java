package org.scratchnet.train;

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
        int batch = effectiveBatch(n);
        return (n + batch - 1) / batch;
    }

    public int effectiveBatch(int n) {
        return batchSize == 0 ? n : Math.min(batchSize, n);
    }

    public int totalSteps(int n) {
        return iterations > 0 ? iterations : epochs * stepsPerEpoch(n);
    }
}
