package org.scratchnet.optim;

import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;
import org.scratchnet.tensor.Kernels;

/**
 * Which optimiser to train with, by name, with its learning rate α and hyper-parameters: a value
 * that can be compared, printed and stored, from which {@link #create(Kernels)} builds the
 * optimiser itself (which holds per-weight state and so belongs to one run).
 *
 * <pre>
 *   OptimizerSpec.adam(0.001f)             adam, β1 = 0.9, β2 = 0.999, ε = 1e-8
 *   OptimizerSpec.momentum(0.01f)          momentum, β = 0.9
 *   OptimizerSpec.gd(0.1f)                 W = W - α · dW
 *   OptimizerSpec.parse("sgd", 0.1f)       the names the command line and experiment files accept
 * </pre>
 * Each default hyper-parameter is stated once, below. A hyper-parameter the chosen optimiser does
 * not use is 0 (plain gradient descent has no momentum), so that two specs of the same update are
 * equal.
 *
 * @param name         gd, sgd, momentum or adam ({@link #NAMES}); gd and sgd are the same update,
 *                     kept apart so the summary says the one the user chose
 * @param learningRate α
 * @param momentum     β of momentum
 * @param beta1        Adam's decay of the first moment
 * @param beta2        Adam's decay of the second moment
 * @param epsilon      Adam's guard against dividing by zero
 */
public record OptimizerSpec(String name, float learningRate, float momentum, float beta1, float beta2, float epsilon) {

    /** The optimisers by name, as the command line and experiment files accept them. */
    public static final List<String> NAMES = List.of("gd", "sgd", "momentum", "adam");
    public static final float DEFAULT_MOMENTUM = 0.9f;
    public static final float DEFAULT_BETA1 = 0.9f;
    public static final float DEFAULT_BETA2 = 0.999f;
    public static final float DEFAULT_EPSILON = 1e-8f;

    public OptimizerSpec {
        if (!NAMES.contains(name)) throw unknown(name);
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new UserException("learning rate must be a positive number, got " + learningRate);
        }
        requireDecay("momentum", momentum);
        requireDecay("beta1", beta1);
        requireDecay("beta2", beta2);
        if (!(epsilon >= 0f) || !Float.isFinite(epsilon)) {
            throw new UserException("epsilon must be a small positive number, got " + epsilon);
        }
    }

    /** Plain gradient descent, the paper's update (its equations 13-14). */
    public static OptimizerSpec gd(float learningRate) {
        return new OptimizerSpec("gd", learningRate, 0f, 0f, 0f, 0f);
    }

    /** The same update as {@link #gd}, named as with mini-batches: stochastic gradient descent. */
    public static OptimizerSpec sgd(float learningRate) {
        return new OptimizerSpec("sgd", learningRate, 0f, 0f, 0f, 0f);
    }

    public static OptimizerSpec momentum(float learningRate) {
        return momentum(learningRate, DEFAULT_MOMENTUM);
    }

    public static OptimizerSpec momentum(float learningRate, float momentum) {
        return new OptimizerSpec("momentum", learningRate, momentum, 0f, 0f, 0f);
    }

    public static OptimizerSpec adam(float learningRate) {
        return adam(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public static OptimizerSpec adam(float learningRate, float beta1, float beta2, float epsilon) {
        return new OptimizerSpec("adam", learningRate, 0f, beta1, beta2, epsilon);
    }

    /**
     * The optimiser of this name (any case, spaces around ignored) with its default
     * hyper-parameters: the one place where the names users type are read.
     */
    public static OptimizerSpec parse(String name, float learningRate) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        return switch (id) {
            case "gd" -> gd(learningRate);
            case "sgd" -> sgd(learningRate);
            case "momentum" -> momentum(learningRate);
            case "adam" -> adam(learningRate);
            default -> throw unknown(name);
        };
    }

    /** The same optimiser with another learning rate. */
    public OptimizerSpec withLearningRate(float learningRate) {
        return new OptimizerSpec(name, learningRate, momentum, beta1, beta2, epsilon);
    }

    /** A new optimiser, with no state yet, whose updates run on {@code kernels}. */
    public Optimizer create(Kernels kernels) {
        return switch (name) {
            case "gd", "sgd" -> new GradientDescent(kernels, name, learningRate);
            case "momentum" -> new Momentum(kernels, learningRate, momentum);
            case "adam" -> new Adam(kernels, learningRate, beta1, beta2, epsilon);
            default -> throw new IllegalStateException("no optimiser named " + name);
        };
    }

    /** "adam(lr=0.001, beta1=0.9, beta2=0.999)", as the optimiser built from it describes itself. */
    public String describe() {
        return switch (name) {
            case "momentum" -> "momentum(lr=" + learningRate + ", beta=" + momentum + ")";
            case "adam" -> "adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ")";
            default -> name + "(lr=" + learningRate + ")";
        };
    }

    private static void requireDecay(String what, float value) {
        if (!(value >= 0f && value < 1f)) throw new UserException(what + " must be at least 0 and below 1, got " + value);
    }

    private static UserException unknown(String name) {
        String choices = String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1);
        return new UserException("unknown optimizer '" + name + "': use " + choices);
    }
}
