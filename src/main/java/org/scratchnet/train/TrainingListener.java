package org.scratchnet.train;

/**
 * Hears about training as it goes, for progress bars, logs and the live dashboard. Calls come in
 * the order {@code started}, then for every update {@code updating} (its gradients computed, its
 * weights not yet changed) and {@code batchDone} (after it), with {@code recorded} whenever a
 * history row is made and {@code epochEnded} after the last update of an epoch, then
 * {@code finished}. {@code rateChanged} comes before the update a new rate is first used for, and
 * {@code paused} / {@code resumed} around a pause ({@link TrainingControl}). All on the training
 * thread; a listener may read the network but must change nothing. All methods do nothing by default.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    default void started(long totalSamples, int totalSteps) {}

    /** Update {@code step} is about to be made at {@code rate}: every parameter's gradient is computed. */
    default void updating(int step, float rate) {}

    /** After each update: samples seen so far, the current epoch (1-based) and the batch's loss and accuracy. */
    default void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {}

    default void recorded(History.Row row) {}

    /** Epoch {@code epoch} has ended (after its history row, if one was made there). */
    default void epochEnded(int epoch) {}

    /** A new learning rate is in effect from {@code change.step()} on. */
    default void rateChanged(RateChange change) {}

    /** The run is paused after update {@code step} (0: before its first). */
    default void paused(int step) {}

    /** The run goes on after update {@code step}. */
    default void resumed(int step) {}

    default void finished() {}

    /** Both listeners, {@code first} hearing each call before {@code second}. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override public void started(long totalSamples, int totalSteps) {
                first.started(totalSamples, totalSteps);
                second.started(totalSamples, totalSteps);
            }

            @Override public void updating(int step, float rate) {
                first.updating(step, rate);
                second.updating(step, rate);
            }

            @Override public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                first.batchDone(samplesSeen, epoch, batchLoss, batchAccuracy);
                second.batchDone(samplesSeen, epoch, batchLoss, batchAccuracy);
            }

            @Override public void recorded(History.Row row) {
                first.recorded(row);
                second.recorded(row);
            }

            @Override public void epochEnded(int epoch) {
                first.epochEnded(epoch);
                second.epochEnded(epoch);
            }

            @Override public void rateChanged(RateChange change) {
                first.rateChanged(change);
                second.rateChanged(change);
            }

            @Override public void paused(int step) {
                first.paused(step);
                second.paused(step);
            }

            @Override public void resumed(int step) {
                first.resumed(step);
                second.resumed(step);
            }

            @Override public void finished() {
                first.finished();
                second.finished();
            }
        };
    }
}
