package org.scratchnet.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;

/**
 * Which learning-rate schedule to train with, by name, with its settings: a value that can be
 * compared, printed and stored, from which {@link #create} builds the schedule for a run once its
 * length is known (warm-up and step sizes are given in epochs; schedules count updates).
 *
 * <pre>
 *   ScheduleSpec.constant()                                     α throughout
 *   ScheduleSpec.cosine().with(Setting.WARMUP, 1)               one epoch of linear warm-up, then cosine to 0
 *   ScheduleSpec.parse("step").with(Setting.GAMMA, 0.5)         the names the command line and experiment files accept
 * </pre>
 * The schedules, each in a file of its own with its formula in its header: constant
 * ({@link Constant}), step ({@link StepDecay}), exponential ({@link ExponentialDecay}), cosine
 * ({@link Cosine}), linear (a constant rate, then a linear decay: {@link Linear}), onecycle
 * ({@link OneCycle}) and plateau ({@link Plateau}, reduce on plateau of the validation loss); any of
 * them after a linear warm-up ({@link Warmup}). Each default is stated
 * once, below ({@code DEFAULT_*}). A setting the schedule does not use is 0, so that two specs of
 * the same schedule are equal; {@link #with} refuses to set one, in one line.
 *
 * @param name            one of {@link #NAMES}
 * @param warmupEpochs    epochs (fractions allowed) of linear warm-up from α/W to α; 0 = none
 * @param stepSize        step: epochs between two decays
 * @param gamma           step: the factor of each decay; exponential: the factor per epoch
 * @param minLearningRate cosine, linear: the floor the rate falls to at the end of the run
 * @param patience        plateau: epochs without a new lowest validation loss before a reduction
 * @param factor          plateau: the factor of each reduction
 * @param holdEpochs      linear: epochs (fractions allowed, after any warm-up) at α before the decay
 * @param cycleMomentum   onecycle: the momentum (μ, or Adam's β1) at the peak rate, the optimiser's own
 *                        at the cycle's ends ({@link OneCycle}); 0 = the momentum is not cycled
 */
public record ScheduleSpec(String name, double warmupEpochs, int stepSize, float gamma, float minLearningRate,
                           int patience, float factor, double holdEpochs, float cycleMomentum) {

    /** The schedules by name, as the command line and experiment files accept them. */
    public static final List<String> NAMES = List.of("constant", "step", "exponential", "cosine", "linear", "onecycle", "plateau");
    public static final double DEFAULT_WARMUP_EPOCHS = 0;
    public static final int DEFAULT_STEP_SIZE = 3;
    /** Step decay divides the rate by 10 at each step, as PyTorch's StepLR does by default. */
    public static final float DEFAULT_STEP_GAMMA = 0.1f;
    public static final float DEFAULT_EXPONENTIAL_GAMMA = 0.8f;
    public static final float DEFAULT_MIN_LEARNING_RATE = 0f;
    public static final int DEFAULT_PATIENCE = 2;
    public static final float DEFAULT_FACTOR = 0.1f;
    /** The linear schedule decays from the first update unless told to hold α first. */
    public static final double DEFAULT_HOLD_EPOCHS = 0;
    /** One cycle leaves the momentum alone unless asked to cycle it. */
    public static final float DEFAULT_CYCLE_MOMENTUM = 0f;

    /** The settings by name (as experiment files spell them), and the schedules that use each. */
    public enum Setting {
        WARMUP("warmup", NAMES.toArray(new String[0])),
        STEP_SIZE("step_size", "step"),
        GAMMA("gamma", "step", "exponential"),
        MIN_LR("min_lr", "cosine", "linear"),
        PATIENCE("plateau_patience", "plateau"),
        FACTOR("plateau_factor", "plateau"),
        HOLD("hold", "linear"),
        CYCLE_MOMENTUM("cycle_momentum", "onecycle");

        private final String id;
        private final List<String> usedBy;

        Setting(String id, String... usedBy) {
            this.id = id;
            this.usedBy = List.of(usedBy);
        }

        /** The name experiment files use, e.g. "step_size". */
        public String id() {
            return id;
        }

        public boolean appliesTo(String schedule) {
            return usedBy.contains(schedule);
        }

        /** Null if {@code schedule} uses this setting, else why not: "does not apply to the cosine schedule: it is a setting of step and exponential". */
        public String refusal(String schedule) {
            return appliesTo(schedule) ? null : "does not apply to the " + schedule + " schedule: it is a setting of " + either(usedBy, "and");
        }
    }

    public ScheduleSpec {
        if (!NAMES.contains(name)) throw unknown(name);
        if (!(warmupEpochs >= 0) || !Double.isFinite(warmupEpochs)) {
            throw new UserException("warmup must be a number of epochs of at least 0, got " + warmupEpochs);
        }
        if (name.equals("step") && stepSize < 1) throw new UserException("step_size must be a whole number of epochs from 1, got " + stepSize);
        if (Setting.GAMMA.appliesTo(name) && !(gamma > 0f && gamma <= 1f)) {
            throw new UserException("gamma must be above 0 and at most 1, got " + gamma);
        }
        if (!(minLearningRate >= 0f) || !Float.isFinite(minLearningRate)) {
            throw new UserException("min_lr must be a number of at least 0, got " + minLearningRate);
        }
        if (name.equals("plateau") && patience < 1) throw new UserException("plateau_patience must be a whole number of epochs from 1, got " + patience);
        if (name.equals("plateau") && !(factor > 0f && factor < 1f)) {
            throw new UserException("plateau_factor must be above 0 and below 1, got " + factor);
        }
        if (!(holdEpochs >= 0) || !Double.isFinite(holdEpochs)) {
            throw new UserException("hold must be a number of epochs of at least 0, got " + holdEpochs);
        }
        if (!(cycleMomentum >= 0f && cycleMomentum < 1f)) {
            throw new UserException("cycle_momentum must be above 0 and below 1 (the momentum at the peak rate), got " + cycleMomentum);
        }
    }

    /** The settings a schedule has before any is changed: its defaults, and 0 where it has no such setting. */
    private ScheduleSpec(String name, int stepSize, float gamma, float minLearningRate, int patience, float factor, double holdEpochs) {
        this(name, DEFAULT_WARMUP_EPOCHS, stepSize, gamma, minLearningRate, patience, factor, holdEpochs, DEFAULT_CYCLE_MOMENTUM);
    }

    public static ScheduleSpec constant() {
        return new ScheduleSpec("constant", 0, 0f, 0f, 0, 0f, 0);
    }

    public static ScheduleSpec step() {
        return new ScheduleSpec("step", DEFAULT_STEP_SIZE, DEFAULT_STEP_GAMMA, 0f, 0, 0f, 0);
    }

    public static ScheduleSpec exponential() {
        return new ScheduleSpec("exponential", 0, DEFAULT_EXPONENTIAL_GAMMA, 0f, 0, 0f, 0);
    }

    public static ScheduleSpec cosine() {
        return new ScheduleSpec("cosine", 0, 0f, DEFAULT_MIN_LEARNING_RATE, 0, 0f, 0);
    }

    public static ScheduleSpec linear() {
        return new ScheduleSpec("linear", 0, 0f, DEFAULT_MIN_LEARNING_RATE, 0, 0f, DEFAULT_HOLD_EPOCHS);
    }

    public static ScheduleSpec oneCycle() {
        return new ScheduleSpec("onecycle", 0, 0f, 0f, 0, 0f, 0);
    }

    public static ScheduleSpec plateau() {
        return new ScheduleSpec("plateau", 0, 0f, 0f, DEFAULT_PATIENCE, DEFAULT_FACTOR, 0);
    }

    /** The schedule of this name (any case; one-cycle and one_cycle also name onecycle) with its default settings. */
    public static ScheduleSpec parse(String name) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        return switch (id) {
            case "constant" -> constant();
            case "step" -> step();
            case "exponential" -> exponential();
            case "cosine" -> cosine();
            case "linear" -> linear();
            case "onecycle", "one-cycle", "one_cycle" -> oneCycle();
            case "plateau" -> plateau();
            default -> throw unknown(name);
        };
    }

    /**
     * The same schedule with {@code setting} at {@code value}; a setting this schedule does not use
     * is refused ("gamma does not apply to the cosine schedule: ..."), as is a value out of range.
     */
    public ScheduleSpec with(Setting setting, double value) {
        String refusal = setting.refusal(name);
        if (refusal != null) throw new UserException(setting.id() + " " + refusal);
        float m = cycleMomentum;
        return switch (setting) {
            case WARMUP -> new ScheduleSpec(name, value, stepSize, gamma, minLearningRate, patience, factor, holdEpochs, m);
            case STEP_SIZE -> new ScheduleSpec(name, warmupEpochs, whole(setting, value), gamma, minLearningRate, patience, factor, holdEpochs, m);
            case GAMMA -> new ScheduleSpec(name, warmupEpochs, stepSize, (float) value, minLearningRate, patience, factor, holdEpochs, m);
            case MIN_LR -> new ScheduleSpec(name, warmupEpochs, stepSize, gamma, (float) value, patience, factor, holdEpochs, m);
            case PATIENCE -> new ScheduleSpec(name, warmupEpochs, stepSize, gamma, minLearningRate, whole(setting, value), factor, holdEpochs, m);
            case FACTOR -> new ScheduleSpec(name, warmupEpochs, stepSize, gamma, minLearningRate, patience, (float) value, holdEpochs, m);
            case HOLD -> new ScheduleSpec(name, warmupEpochs, stepSize, gamma, minLearningRate, patience, factor, value, m);
            case CYCLE_MOMENTUM -> {
                if (value == 0) throw new UserException("cycle_momentum must be above 0 and below 1 (the momentum at the peak rate), got 0");
                yield new ScheduleSpec(name, warmupEpochs, stepSize, gamma, minLearningRate, patience, factor, holdEpochs, (float) value);
            }
        };
    }

    /** The warm-up's length in updates: at least one when there is a warm-up at all. */
    public int warmupSteps(int stepsPerEpoch) {
        if (warmupEpochs == 0) return 0;
        return Math.max(1, updates(warmupEpochs, stepsPerEpoch));
    }

    /** A length in epochs (fractions allowed) as a whole number of updates, rounded, at most Integer.MAX_VALUE. */
    private static int updates(double epochs, int stepsPerEpoch) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(epochs * stepsPerEpoch));
    }

    /**
     * The schedule for a run of {@code totalSteps} updates, {@code stepsPerEpoch} per epoch, whose
     * optimiser's base rate is {@code alpha}. A warm-up as long as the run, or a floor above α, is
     * refused in one line.
     */
    public Schedule create(float alpha, int stepsPerEpoch, int totalSteps) {
        int warmup = warmupSteps(stepsPerEpoch);
        if (warmup >= totalSteps) {
            throw new UserException(String.format(Locale.ROOT, "a %s-epoch warm-up (%,d updates) leaves nothing of the run's %,d"
                    + " updates to schedule; use a shorter warm-up or a longer run", number(warmupEpochs), warmup, totalSteps));
        }
        if (Setting.MIN_LR.appliesTo(name) && minLearningRate > alpha) {
            throw new UserException("the " + name + " schedule's floor min_lr " + minLearningRate + " is above the learning rate "
                    + alpha + "; give a floor below it");
        }
        int steps = totalSteps - warmup;
        int hold = name.equals("linear") ? updates(holdEpochs, stepsPerEpoch) : 0;
        if (hold >= steps) {
            throw new UserException(String.format(Locale.ROOT, "a hold of %s epochs (%,d updates) leaves nothing of the run's %,d"
                    + " updates%s to decay; use a shorter hold or a longer run", number(holdEpochs), hold, steps,
                    warmup > 0 ? " after its warm-up" : ""));
        }
        Schedule after = switch (name) {
            case "constant" -> new Constant(alpha);
            case "step" -> new StepDecay(alpha, gamma, (int) Math.min(Integer.MAX_VALUE, (long) stepSize * stepsPerEpoch));
            case "exponential" -> new ExponentialDecay(alpha, gamma, stepsPerEpoch);
            case "cosine" -> new Cosine(alpha, minLearningRate, steps);
            case "linear" -> new Linear(alpha, minLearningRate, hold, steps);
            case "onecycle" -> new OneCycle(alpha, steps, cycleMomentum);
            case "plateau" -> new Plateau(alpha, patience, factor);
            default -> throw new IllegalStateException("no schedule named " + name);
        };
        return warmup > 0 ? new Warmup(alpha, warmup, after) : after;
    }

    /** "constant", "cosine(min_lr=0.0, warmup=1)", "step(step_size=3, gamma=0.1)": the settings that shape it. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (Setting.STEP_SIZE.appliesTo(name)) parts.add("step_size=" + stepSize);
        if (Setting.GAMMA.appliesTo(name)) parts.add("gamma=" + gamma);
        if (Setting.MIN_LR.appliesTo(name)) parts.add("min_lr=" + minLearningRate);
        if (Setting.PATIENCE.appliesTo(name)) parts.add("patience=" + patience);
        if (Setting.FACTOR.appliesTo(name)) parts.add("factor=" + factor);
        if (Setting.HOLD.appliesTo(name)) parts.add("hold=" + number(holdEpochs));
        if (cycleMomentum > 0f) parts.add("cycle_momentum=" + cycleMomentum);
        if (warmupEpochs > 0) parts.add("warmup=" + number(warmupEpochs));
        return parts.isEmpty() ? name : name + "(" + String.join(", ", parts) + ")";
    }

    /**
     * The record's own text, but with the hold and the cycled momentum only where they are set:
     * checkpoints compare this text to know their run, and those saved before the linear schedule
     * or cycle_momentum existed must still resume.
     */
    @Override
    public String toString() {
        return "ScheduleSpec[name=" + name + ", warmupEpochs=" + warmupEpochs + ", stepSize=" + stepSize + ", gamma=" + gamma
                + ", minLearningRate=" + minLearningRate + ", patience=" + patience + ", factor=" + factor
                + (holdEpochs == 0 ? "" : ", holdEpochs=" + holdEpochs)
                + (cycleMomentum == 0f ? "" : ", cycleMomentum=" + cycleMomentum) + "]";
    }

    private static int whole(Setting setting, double value) {
        if (value != Math.rint(value) || value < 1 || value > Integer.MAX_VALUE) {
            throw new UserException(setting.id() + " must be a whole number of epochs from 1, got " + number(value));
        }
        return (int) value;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String either(List<String> names, String conjunction) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + conjunction + " " + names.get(names.size() - 1);
    }

    private static UserException unknown(String name) {
        return new UserException("unknown schedule '" + name + "': use " + either(NAMES, "or"));
    }
}
