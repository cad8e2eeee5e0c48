package org.scratchnet.train;

import org.scratchnet.SplitMix;

/**
 * What a training run has done so far, apart from the network's weights and the optimiser's and
 * schedule's own state: the updates made, the figures gathered since the last history row, the
 * history, the judgement of the epochs and the best epoch's weights, and the order of the
 * examples with the generator that shuffles it. The trainer's loop works on these fields; a
 * {@link Checkpoint} saves and restores them, so that a resumed run takes the very next step.
 */
final class RunState {
    /** Updates made so far (the loop's next step is this + 1). */
    int step;
    long samples;
    double lossSinceRecord;
    long correctSinceRecord;
    long samplesSinceRecord;
    /** Seconds of training before this session (a resumed run's clock continues). */
    double secondsBefore;
    /** The epoch after which early stopping ended the run; 0 while it goes on. */
    int stoppedEpoch;
    History history = new History();
    BestEpoch best;
    /** The best epoch's parameter values, or null when the last update's are kept. */
    float[][] bestWeights;
    /** The examples' order, shuffled in place at the start of each epoch (unused with full batches). */
    int[] order;
    SplitMix shuffle;

    RunState(BestEpoch best, float[][] bestWeights, int[] order, SplitMix shuffle) {
        this.best = best;
        this.bestWeights = bestWeights;
        this.order = order;
        this.shuffle = shuffle;
    }
}
