package org.scratchnet.train;

/**
 * Hears about training as it goes, for progress bars and logs. Calls come in the order
 * {@code started}, then {@code batchDone} after every update with {@code recorded} whenever a
 * history row is made, then {@code finished}. All methods do nothing by default.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    default void started(long totalSamples, int totalSteps) {}

    /** After each update: samples seen so far, the current epoch (1-based) and the batch's loss and accuracy. */
    default void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {}

    default void recorded(History.Row row) {}

    default void finished() {}
}
