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
 *   floor          = max(1e-2 · s, 3e-4)      s = the largest |numeric| among the tensor's checked entries
 * </pre>
 * for a sample of the entries of every parameter tensor. The network computes in float32, so h
 * is large (1e-2 by default) to keep rounding far below the step's effect; a correct derivative
 * then lands below 1e-2 (float32 rounding and the O(h²) term) and a wrong one near 0.1..1.
 *
 * <p>The floor keeps an entry whose gradient is near zero from dividing noise by noise. It scales
 * with the tensor's gradients (an entry a hundred times smaller than the tensor's largest is
 * judged by its absolute error against that scale, which is also the scale of the O(h²) term),
 * down to 3e-4, the float32 resolution of these differences: on small random-normal networks,
 * where the step h is as large as the weights, correct gradients differ from the finite
 * differences by up to 1e-5 (over 60 seeds of the gradcheck command's networks, a lower bound of
 * 2e-4 already fails a correct network at 5.2e-2). The fixed floor of 1e-3 it replaces passed an
 * analytic gradient of zero, or ten times too small, wherever the true one was below 5e-5; these
 * now fail from about 1.5e-5 (a zero gives an error of |numeric| / 3e-4, above 5e-2), and s comes
 * from the finite differences alone, so a wrong analytic gradient cannot lower the bar. Below
 * that, float32 finite differences cannot tell a gradient from zero.
 *
 * <p>ReLU has a kink at 0: an entry whose ±h step moves any unit across it is not a fair test of
 * the derivative and is skipped (and counted), not failed. Dropout masks are frozen so the loss
 * is one fixed function of θ.
 */
public final class GradientCheck {

    /** The worst relative error in one parameter tensor, over {@code checked} sampled entries. */
    public record Result(String parameter, double worstRelativeError, int checked, int skippedAtKink) {}

    /**
     * The worst relative error a correct network stays below (what {@code gradcheck} and
     * {@code explain} fail above): correct derivatives land below 1e-2, a wrong one near 0.1..1.
     */
    public static final double THRESHOLD = 5e-2;

    /** h, the finite differences' step: large, as float32 needs (see above). */
    public static final double DEFAULT_STEP = 1e-2;

    /** The floor, as a share of the largest |numeric| of the tensor. */
    static final double SCALE_FRACTION = 1e-2;
    /** The floor's least value: the float32 resolution of the finite differences (see above). */
    static final double RESOLUTION = 3e-4;

    private final double h;
    private final int samplesPerTensor;

    public GradientCheck(double h, int samplesPerTensor) {
        this.h = h;
        this.samplesPerTensor = samplesPerTensor;
    }

    public GradientCheck() {
        this(DEFAULT_STEP, 30);
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
                int count = Math.min(samplesPerTensor, p.size());
                int[] entries = new int[count];
                double[] numeric = new double[count];
                int checked = 0;
                int skipped = 0;
                double scale = 0;
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
                    entries[checked] = i;
                    numeric[checked] = (plus - minus) / ((double) up - down);
                    scale = Math.max(scale, Math.abs(numeric[checked]));
                    checked++;
                }
                double floor = Math.max(SCALE_FRACTION * scale, RESOLUTION);
                double worst = 0;
                for (int c = 0; c < checked; c++) {
                    double a = grad[entries[c]];
                    worst = Math.max(worst, Math.abs(a - numeric[c]) / Math.max(Math.abs(a) + Math.abs(numeric[c]), floor));
                }
                results.add(new Result(p.name, worst, checked, skipped));
            }
            return results;
        } finally {
            model.freezeDropoutMasks(false);
        }
    }
}
