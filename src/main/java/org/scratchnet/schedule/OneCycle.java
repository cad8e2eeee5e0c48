package org.scratchnet.schedule;

/**
 * The one-cycle policy of Leslie Smith (2018), "A disciplined approach to neural network
 * hyper-parameters: Part 1", section 4.1: one cycle of two equal linear steps, from a low rate up
 * to the maximum α and back, then, for the last updates, a fall to far below the low rate; and,
 * when asked, the same paper's cyclical momentum: the momentum the other way, from the
 * optimiser's own μ (or Adam's β1) down to μ_low at the peak rate and back up, then held.
 * <pre>
 *   p = (t - 1) / n                          t = 1 .. n, the run's position in [0, 1)
 *   α_low = α / DIVISOR,  α_end = α_low / ANNIHILATION
 *   p &lt; RISE:              α(t) = α_low + (α - α_low) · p / RISE            μ(t) = μ - (μ - μ_low) · p / RISE
 *   p &lt; 2 · RISE:          α(t) = α - (α - α_low) · (p - RISE) / RISE      μ(t) = μ_low + (μ - μ_low) · (p - RISE) / RISE
 *   after:                 α(t) = α_low - (α_low - α_end) · (p - 2 · RISE) / (1 - 2 · RISE)    μ(t) = μ
 * </pre>
 * The paper's cycle spans slightly less than the run, the rest annihilating the rate "several
 * orders of magnitude"; its ranges are about a tenth of the maximum up to the maximum (0.08-0.8,
 * 0.1-1), and momentum's 0.95 down to 0.85 (fastai's default; PyTorch's OneCycleLR cycles between
 * the same two, Adam's β1 among them): Smith found momentum falling while the rate climbs better
 * than a constant momentum or one that rises with the rate. Without μ_low (0) the momentum is left
 * alone.
 */
record OneCycle(float alpha, int steps, float lowMomentum) implements Schedule {
    /** The cycle starts and ends at α / 10. */
    static final double DIVISOR = 10;
    /** Rising over 45% of the run, falling over the next 45%. */
    static final double RISE = 0.45;
    /** The last 10% falls from α / 10 to α / 1,000. */
    static final double ANNIHILATION = 100;

    /** The rate alone cycles. */
    OneCycle(float alpha, int steps) {
        this(alpha, steps, 0f);
    }

    @Override
    public float rate(int step) {
        double p = (double) (step - 1) / steps;
        double low = alpha / DIVISOR;
        double end = low / ANNIHILATION;
        double r;
        if (p < RISE) r = low + (alpha - low) * p / RISE;
        else if (p < 2 * RISE) r = alpha - (alpha - low) * (p - RISE) / RISE;
        else r = low - (low - end) * (p - 2 * RISE) / (1 - 2 * RISE);
        return (float) r;
    }

    @Override
    public boolean cyclesMomentum() {
        return lowMomentum > 0f;
    }

    @Override
    public float momentum(int step, float base) {
        if (!cyclesMomentum()) return base;
        double p = (double) (step - 1) / steps;
        double m;
        if (p < RISE) m = base - (base - lowMomentum) * p / RISE;
        else if (p < 2 * RISE) m = lowMomentum + (base - lowMomentum) * (p - RISE) / RISE;
        else m = base;
        return (float) m;
    }
}
