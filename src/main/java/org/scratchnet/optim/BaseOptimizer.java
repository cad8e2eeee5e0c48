package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;
import org.scratchnet.tensor.Kernels;

/**
 * What every optimiser here shares: its spec, the current learning rate α, its {@link State},
 * the kernels its element-wise loops run on, and the order of one step: count the update, apply
 * the optimiser's own rule ({@link #update}), then project the weights back under the max-norm
 * constraint when the spec asks for one.
 */
abstract class BaseOptimizer implements Optimizer {
    final Kernels kernels;
    final OptimizerSpec spec;
    final State state;
    private final MaxNorm maxNorm;
    /** α of the next update: the spec's rate until a schedule sets another. */
    float alpha;
    /** μ (momentum, nesterov) or β1 (adam, adamw) of the next update: the spec's until a schedule cycles it; 0 for the others. */
    float momentum;

    BaseOptimizer(Kernels kernels, OptimizerSpec spec, String... stateNames) {
        this.kernels = kernels;
        this.spec = spec;
        this.state = new State(stateNames);
        this.maxNorm = spec.maxNorm() > 0 ? new MaxNorm(spec.maxNorm()) : null;
        this.alpha = spec.learningRate();
        this.momentum = spec.cyclableMomentum();
    }

    /** The rule itself, for update number {@code t} (1 for the first), on the state's arrays [name][parameter]. */
    abstract void update(List<Parameter> parameters, float[][][] state, long t);

    /** Work on the elements [from, to) of parameter number k of the list. */
    @FunctionalInterface
    interface ParameterRange {
        void run(int k, int from, int to);
    }

    /** Where each parameter of the last list ends when they are laid end to end (reused). */
    private long[] ends = new long[0];

    /**
     * Runs {@code body} over every element of every parameter in one call of the kernels' threads:
     * the parameters laid end to end and cut into ranges, each range given to {@code body} a
     * parameter at a time. A step then hands work to the threads once instead of once per
     * parameter (six times for a network of three layers), and the small biases ride along with
     * the weights instead of each running on the calling thread alone. For element-wise rules
     * only: the cut cannot change a bit.
     */
    final void forEachElement(List<Parameter> parameters, ParameterRange body) {
        int count = parameters.size();
        if (ends.length != count) ends = new long[count];
        long[] ends = this.ends;
        long total = 0;
        for (int k = 0; k < count; k++) ends[k] = total += parameters.get(k).size();
        if (total > Integer.MAX_VALUE) {  // more floats than one range can count: a call per parameter
            for (int k = 0; k < count; k++) {
                int p = k;
                kernels.forEachRange(parameters.get(k).size(), (from, to) -> body.run(p, from, to));
            }
            return;
        }
        kernels.forEachRange((int) total, (from, to) -> {
            long at = from;
            for (int k = 0; k < count && at < to; k++) {
                if (ends[k] <= at) continue;  // a parameter before the range, or an empty one
                long start = ends[k] - parameters.get(k).size();
                long end = Math.min(to, ends[k]);
                body.run(k, (int) (at - start), (int) (end - start));
                at = end;
            }
        });
    }

    @Override
    public final void step(List<Parameter> parameters) {
        float[][][] arrays = state.forParameters(parameters);
        long t = state.advance();
        update(parameters, arrays, t);
        if (maxNorm != null) maxNorm.apply(parameters, kernels);
    }

    @Override
    public final void setLearningRate(float alpha) {
        // 0 is allowed: a schedule may decay that far, and an update of zero is still an update.
        if (!(alpha >= 0f) || !Float.isFinite(alpha)) throw new IllegalArgumentException("a learning rate must be finite and not negative, got " + alpha);
        this.alpha = alpha;
    }

    @Override
    public final float learningRate() {
        return alpha;
    }

    @Override
    public final void setMomentum(float momentum) {
        if (spec.cyclableMomentum() == 0f) throw new UnsupportedOperationException(spec.name() + " has no momentum to set");
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("a momentum must be at least 0 and below 1, got " + momentum);
        this.momentum = momentum;
    }

    @Override
    public final float momentum() {
        return momentum;
    }

    @Override
    public final OptimizerSpec spec() {
        return spec;
    }

    @Override
    public final State state() {
        return state;
    }
}
