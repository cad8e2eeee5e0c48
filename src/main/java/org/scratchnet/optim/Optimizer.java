package org.scratchnet.optim;

import java.util.List;
import org.scratchnet.nn.Parameter;

/**
 * Updates parameters from their gradients. Computing gradients (the network's backward pass)
 * and applying them (here) are separate steps. The calls come in this order, once per batch:
 * {@link #setLearningRate} (the run's schedule gives α for this update; {@link #setMomentum} too, when
 * it cycles the momentum), then {@link #step}, after
 * the batch's gradients are in {@link Parameter#grad}. The parameter list must be the same, in the
 * same order, on every call: optimisers with state keep it per position, all of it in
 * {@link #state()}. An {@link OptimizerSpec} names one and builds it.
 */
public interface Optimizer {

    /** One update of every parameter, with the current learning rate; then the weight constraint, if any. */
    void step(List<Parameter> parameters);

    /** α for the next updates (the spec's learning rate until a schedule sets another). */
    void setLearningRate(float alpha);

    float learningRate();

    /**
     * μ (momentum, nesterov) or Adam's β1 (adam, adamw) for the next updates, for a schedule that
     * cycles it (the spec's until then); optimisers without one (gd, sgd, rmsprop) refuse.
     */
    void setMomentum(float momentum);

    /** The momentum of the next update: μ or β1, 0 for optimisers without one. */
    float momentum();

    /** The spec this optimiser was built from (its hyper-parameters, and the base learning rate). */
    OptimizerSpec spec();

    /** Everything about this optimiser that changes as it trains, for checkpoints. */
    State state();

    /** How many arrays of state, each the size of the parameters, this optimiser keeps (for memory checks). */
    default int statePerParameter() {
        return state().names().size();
    }

    /** e.g. "adam(lr=0.001, beta1=0.9, beta2=0.999)", as its spec describes it. */
    default String describe() {
        return spec().describe();
    }
}
