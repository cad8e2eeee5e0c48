package org.scratchnet.explain;

import java.util.List;
import org.scratchnet.check.GradientCheck;
import org.scratchnet.nn.Network;

/**
 * The explanation's last section: the analytic gradients of the explained step against centred
 * finite differences ({@link GradientCheck}), on a twin of the network (built the same way, so
 * the same weights and the same dropout masks: the check's first pass draws the masks the step
 * drew, then holds them). Passes when every tensor's worst relative error is at most
 * {@link GradientCheck#THRESHOLD}.
 *
 * @param results one per parameter tensor, W[1], b[1], W[2], ...
 */
public record SelfCheck(List<GradientCheck.Result> results, double threshold) {

    /** Entries sampled per tensor: enough to reach the first layer's few nonzero pixel columns. */
    static final int SAMPLES_PER_TENSOR = 60;

    /** Checks {@code twin}, a network equal to the explained one before its step, on the step's batch. */
    public static SelfCheck of(Network twin, FirstBatch batch, long seed) {
        List<GradientCheck.Result> results = new GradientCheck(GradientCheck.DEFAULT_STEP, SAMPLES_PER_TENSOR)
                .check(twin, batch.X(), batch.labels(), batch.m(), seed);
        return new SelfCheck(List.copyOf(results), GradientCheck.THRESHOLD);
    }

    public double worst() {
        double worst = 0;
        for (GradientCheck.Result r : results) worst = Math.max(worst, r.worstRelativeError());
        return worst;
    }

    public boolean passed() {
        return worst() <= threshold;
    }

    /** The tensor with the worst relative error. */
    public GradientCheck.Result worstTensor() {
        GradientCheck.Result worst = results.get(0);
        for (GradientCheck.Result r : results) if (r.worstRelativeError() > worst.worstRelativeError()) worst = r;
        return worst;
    }
}
