package org.scratchnet.optim;

import java.util.ArrayList;
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
 *   OptimizerSpec.adam(0.001f)                                  adam, β1 = 0.9, β2 = 0.999, ε = 1e-8
 *   OptimizerSpec.parse("adamw", 0.001f)                        the names the command line and experiment files accept
 *   OptimizerSpec.parse("nesterov", 0.01f).with(Setting.MOMENTUM, 0.95f)
 *   OptimizerSpec.adam(0.001f).with(Setting.MAX_NORM, 3f)       any optimiser, weights kept within norm 3 per unit
 * </pre>
 * The optimisers, in order of increasing complexity, each in a file of its own with its paper's
 * update rule in its header: gd and sgd ({@link GradientDescent}, the same update, kept apart so
 * the summary says the one the user chose), momentum ({@link Momentum}), nesterov
 * ({@link Nesterov}), rmsprop ({@link RmsProp}), adam ({@link Adam}) and adamw ({@link AdamW}).
 * Each default hyper-parameter is stated once, below ({@code DEFAULT_*}). A hyper-parameter the
 * chosen optimiser does not use is 0 (plain gradient descent has no momentum), so that two specs of
 * the same update are equal; {@link #with} refuses to set one, in one line that says which
 * optimisers use it.
 *
 * @param name         one of {@link #NAMES}
 * @param learningRate α (the base rate: a schedule moves it from here)
 * @param momentum     μ, the velocity's decay, of momentum and nesterov
 * @param beta1        Adam's decay of the first moment
 * @param beta2        Adam's decay of the second moment
 * @param epsilon      the guard against dividing by zero of rmsprop, adam and adamw
 * @param rho          RMSprop's decay of the squared-gradient average
 * @param weightDecay  λ: an L2 penalty's gradient λ · W added to dW, except in adamw, where it is
 *                     the decoupled decay of Loshchilov &amp; Hutter (W shrinks by η · λ · W per update)
 * @param maxNorm      c of the max-norm constraint on each hidden unit's incoming weights; 0 = none
 */
public record OptimizerSpec(String name, float learningRate, float momentum, float beta1, float beta2, float epsilon,
                            float rho, float weightDecay, float maxNorm) {

    /** The optimisers by name, as the command line and experiment files accept them. */
    public static final List<String> NAMES = List.of("gd", "sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw");
    public static final float DEFAULT_MOMENTUM = 0.9f;
    public static final float DEFAULT_BETA1 = 0.9f;
    public static final float DEFAULT_BETA2 = 0.999f;
    public static final float DEFAULT_EPSILON = 1e-8f;
    /** Hinton's lecture: MeanSquare = 0.9 MeanSquare + 0.1 g². */
    public static final float DEFAULT_RHO = 0.9f;
    /** No L2 penalty unless asked for. */
    public static final float DEFAULT_WEIGHT_DECAY = 0f;
    /** AdamW's λ: per update, every weight shrinks by 1e-4 of itself (times the schedule's multiplier). */
    public static final float DEFAULT_ADAMW_WEIGHT_DECAY = 1e-4f;
    /** No max-norm constraint unless asked for. */
    public static final float DEFAULT_MAX_NORM = 0f;

    /** The hyper-parameters by name (as experiment files spell them), and the optimisers that use each. */
    public enum Setting {
        MOMENTUM("momentum", "momentum", "nesterov"),
        BETA1("beta1", "adam", "adamw"),
        BETA2("beta2", "adam", "adamw"),
        EPSILON("epsilon", "rmsprop", "adam", "adamw"),
        RHO("rho", "rmsprop"),
        WEIGHT_DECAY("weight_decay", NAMES.toArray(new String[0])),
        MAX_NORM("max_norm", NAMES.toArray(new String[0]));

        private final String id;
        private final List<String> usedBy;

        Setting(String id, String... usedBy) {
            this.id = id;
            this.usedBy = List.of(usedBy);
        }

        /** The name experiment files use, e.g. "weight_decay". */
        public String id() {
            return id;
        }

        public boolean appliesTo(String optimizer) {
            return usedBy.contains(optimizer);
        }

        /**
         * Null if {@code optimizer} uses this setting, else why not, to follow the setting's name:
         * "does not apply to sgd: it is a setting of adam and adamw".
         */
        public String refusal(String optimizer) {
            return appliesTo(optimizer) ? null : "does not apply to " + optimizer + ": it is a setting of " + either(usedBy, "and");
        }
    }

    /** The momentum a schedule may cycle: μ of momentum and nesterov, β1 of adam and adamw; 0 for gd, sgd and rmsprop. */
    public float cyclableMomentum() {
        if (Setting.MOMENTUM.appliesTo(name)) return momentum;
        return Setting.BETA1.appliesTo(name) ? beta1 : 0f;
    }

    public OptimizerSpec {
        if (!NAMES.contains(name)) throw unknown(name);
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new UserException("learning rate must be a positive number, got " + learningRate);
        }
        requireDecay("momentum", momentum);
        requireDecay("beta1", beta1);
        requireDecay("beta2", beta2);
        requireDecay("rho", rho);
        requireNotNegative("epsilon", epsilon, "a small positive number");
        requireNotNegative("weight_decay", weightDecay, "a number of at least 0");
        requireNotNegative("max_norm", maxNorm, "a positive number (or 0 for no constraint)");
    }

    /** Plain gradient descent, the paper's update (its equations 13-14). */
    public static OptimizerSpec gd(float learningRate) {
        return plain("gd", learningRate);
    }

    /** The same update as {@link #gd}, named as with mini-batches: stochastic gradient descent. */
    public static OptimizerSpec sgd(float learningRate) {
        return plain("sgd", learningRate);
    }

    public static OptimizerSpec momentum(float learningRate) {
        return momentum(learningRate, DEFAULT_MOMENTUM);
    }

    public static OptimizerSpec momentum(float learningRate, float momentum) {
        return new OptimizerSpec("momentum", learningRate, momentum, 0f, 0f, 0f, 0f, DEFAULT_WEIGHT_DECAY, DEFAULT_MAX_NORM);
    }

    public static OptimizerSpec nesterov(float learningRate) {
        return new OptimizerSpec("nesterov", learningRate, DEFAULT_MOMENTUM, 0f, 0f, 0f, 0f, DEFAULT_WEIGHT_DECAY, DEFAULT_MAX_NORM);
    }

    public static OptimizerSpec rmsprop(float learningRate) {
        return new OptimizerSpec("rmsprop", learningRate, 0f, 0f, 0f, DEFAULT_EPSILON, DEFAULT_RHO, DEFAULT_WEIGHT_DECAY,
                DEFAULT_MAX_NORM);
    }

    public static OptimizerSpec adam(float learningRate) {
        return adam(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    public static OptimizerSpec adam(float learningRate, float beta1, float beta2, float epsilon) {
        return new OptimizerSpec("adam", learningRate, 0f, beta1, beta2, epsilon, 0f, DEFAULT_WEIGHT_DECAY, DEFAULT_MAX_NORM);
    }

    public static OptimizerSpec adamw(float learningRate) {
        return adamw(learningRate, DEFAULT_ADAMW_WEIGHT_DECAY);
    }

    public static OptimizerSpec adamw(float learningRate, float weightDecay) {
        return new OptimizerSpec("adamw", learningRate, 0f, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0f, weightDecay,
                DEFAULT_MAX_NORM);
    }

    private static OptimizerSpec plain(String name, float learningRate) {
        return new OptimizerSpec(name, learningRate, 0f, 0f, 0f, 0f, 0f, DEFAULT_WEIGHT_DECAY, DEFAULT_MAX_NORM);
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
            case "nesterov" -> nesterov(learningRate);
            case "rmsprop" -> rmsprop(learningRate);
            case "adam" -> adam(learningRate);
            case "adamw" -> adamw(learningRate);
            default -> throw unknown(name);
        };
    }

    /** The same optimiser with another learning rate. */
    public OptimizerSpec withLearningRate(float learningRate) {
        return new OptimizerSpec(name, learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, maxNorm);
    }

    /**
     * The same optimiser with {@code setting} at {@code value}; a setting this optimiser does not
     * use is refused ("beta1 does not apply to sgd: it is a setting of adam and adamw"), as is a
     * value out of its range.
     */
    public OptimizerSpec with(Setting setting, float value) {
        String refusal = setting.refusal(name);
        if (refusal != null) throw new UserException(setting.id() + " " + refusal);
        return switch (setting) {
            case MOMENTUM -> new OptimizerSpec(name, learningRate, value, beta1, beta2, epsilon, rho, weightDecay, maxNorm);
            case BETA1 -> new OptimizerSpec(name, learningRate, momentum, value, beta2, epsilon, rho, weightDecay, maxNorm);
            case BETA2 -> new OptimizerSpec(name, learningRate, momentum, beta1, value, epsilon, rho, weightDecay, maxNorm);
            case EPSILON -> new OptimizerSpec(name, learningRate, momentum, beta1, beta2, value, rho, weightDecay, maxNorm);
            case RHO -> new OptimizerSpec(name, learningRate, momentum, beta1, beta2, epsilon, value, weightDecay, maxNorm);
            case WEIGHT_DECAY -> new OptimizerSpec(name, learningRate, momentum, beta1, beta2, epsilon, rho, value, maxNorm);
            case MAX_NORM -> new OptimizerSpec(name, learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, value);
        };
    }

    /** A new optimiser, with no state yet, whose updates run on {@code kernels}. */
    public Optimizer create(Kernels kernels) {
        return switch (name) {
            case "gd", "sgd" -> new GradientDescent(kernels, this);
            case "momentum" -> new Momentum(kernels, this);
            case "nesterov" -> new Nesterov(kernels, this);
            case "rmsprop" -> new RmsProp(kernels, this);
            case "adam" -> new Adam(kernels, this);
            case "adamw" -> new AdamW(kernels, this);
            default -> throw new IllegalStateException("no optimiser named " + name);
        };
    }

    /**
     * "adam(lr=0.001, beta1=0.9, beta2=0.999)": the name, α and the settings that shape the
     * update, with epsilon only when it is not the default, weight decay only when there is some
     * (always for adamw), and max_norm only when there is a constraint.
     */
    public String describe() {
        List<String> parts = new ArrayList<>(List.of("lr=" + learningRate));
        if (Setting.MOMENTUM.appliesTo(name)) parts.add("momentum=" + momentum);
        if (Setting.RHO.appliesTo(name)) parts.add("rho=" + rho);
        if (Setting.BETA1.appliesTo(name)) parts.add("beta1=" + beta1);
        if (Setting.BETA2.appliesTo(name)) parts.add("beta2=" + beta2);
        if (Setting.EPSILON.appliesTo(name) && epsilon != DEFAULT_EPSILON) parts.add("eps=" + epsilon);
        if (weightDecay > 0 || name.equals("adamw")) parts.add("weight_decay=" + weightDecay);
        if (maxNorm > 0) parts.add("max_norm=" + maxNorm);
        return name + "(" + String.join(", ", parts) + ")";
    }

    private static void requireDecay(String what, float value) {
        if (!(value >= 0f && value < 1f)) throw new UserException(what + " must be at least 0 and below 1, got " + value);
    }

    private static void requireNotNegative(String what, float value, String range) {
        if (!(value >= 0f) || !Float.isFinite(value)) throw new UserException(what + " must be " + range + ", got " + value);
    }

    private static String either(List<String> names, String conjunction) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + conjunction + " " + names.get(names.size() - 1);
    }

    private static UserException unknown(String name) {
        return new UserException("unknown optimizer '" + name + "': use " + either(NAMES, "or"));
    }
}
