package org.scratchnet.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scratchnet.nn.Differentiable;
import org.scratchnet.nn.Parameter;

/**
 * Compares the analytic gradients of backpropagation with centred finite differences:
 *
 * <pre>
 *   dL/dθ ≈ (L(θ + h) - L(θ - h)) / 2h
 *   relative error = |analytic - numeric| / max(|analytic| + |numeric|, floor)
 * </pre>
 * for a sample of the entries of every parameter tensor. The network computes in float32, so h
 * is large (1e-2 by default) to keep rounding far below the step's effect; a correct derivative
 * then lands below 1e-2 (float32 rounding and the O(h²) term) and a wrong one near 0.1..1. ReLU has a kink at 0: an entry whose
 * ±h step moves any unit across it is not a fair test of the derivative and is skipped (and
 * counted), not failed. Dropout masks are frozen so the loss is one fixed function of θ.
 */
public final class GradientCheck {

    /** The worst relative error in one parameter tensor, over {@code checked} sampled entries. */
    public record Result(String parameter, double worstRelativeError, int checked, int skippedAtKink) {}

    private final double h;
    private final double floor;
    private final int samplesPerTensor;

    public GradientCheck(double h, double floor, int samplesPerTensor) {
        this.h = h;
        this.floor = floor;
        this.samplesPerTensor = samplesPerTensor;
    }

    public GradientCheck() {
        this(1e-2, 1e-3, 30);
    }

    public List<Result> check(Differentiable model, float[] X, int[] y, int n, long seed) {
        model.freezeDropoutMasks(false);
        model.computeGradients(X, y, 0, n);  // draws the dropout masks once
        model.freezeDropoutMasks(true);
        try {
            model.computeGradients(X, y, 0, n);  // analytic gradients under the frozen masks
            long pattern = model.kinkPattern();
            List<float[]> analytic = new ArrayList<>();
            for (Parameter p : model.parameters()) analytic.add(p.grad.clone());

            List<Result> results = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(seed);
            int k = 0;
            for (Parameter p : model.parameters()) {
                float[] grad = analytic.get(k++);
                double worst = 0;
                int checked = 0;
                int skipped = 0;
                int count = Math.min(samplesPerTensor, p.size());
                for (int s = 0; s < count; s++) {
                    int i = count == p.size() ? s : random.nextInt(p.size());
                    float original = p.value[i];
                    float up = (float) (original + h);
                    float down = (float) (original - h);
                    p.value[i] = up;
                    double plus = model.computeGradients(X, y, 0, n) / n;
                    boolean smooth = model.kinkPattern() == pattern;
                    p.value[i] = down;
                    double minus = model.computeGradients(X, y, 0, n) / n;
                    smooth &= model.kinkPattern() == pattern;
                    p.value[i] = original;
                    if (!smooth) {
                        skipped++;
                        continue;
                    }
                    double numeric = (plus - minus) / ((double) up - down);
                    double error = Math.abs(grad[i] - numeric) / Math.max(Math.abs(grad[i]) + Math.abs(numeric), floor);
                    worst = Math.max(worst, error);
                    checked++;
                }
                results.add(new Result(p.name, worst, checked, skipped));
            }
            return results;
        } finally {
            model.freezeDropoutMasks(false);
        }
    }
}
