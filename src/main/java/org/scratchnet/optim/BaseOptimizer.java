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

    BaseOptimizer(Kernels kernels, OptimizerSpec spec, String... stateNames) {
        this.kernels = kernels;
        this.spec = spec;
        this.state = new State(stateNames);
        this.maxNorm = spec.maxNorm() > 0 ? new MaxNorm(spec.maxNorm()) : null;
        this.alpha = spec.learningRate();
    }

    /** The rule itself, for update number {@code t} (1 for the first), on the state's arrays [name][parameter]. */
    abstract void update(List<Parameter> parameters, float[][][] state, long t);

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
    public final OptimizerSpec spec() {
        return spec;
    }

    @Override
    public final State state() {
        return state;
    }
}
