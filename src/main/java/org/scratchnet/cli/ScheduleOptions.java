package org.scratchnet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.schedule.ScheduleSpec.Setting;
import picocli.CommandLine.Option;

/**
 * The learning-rate schedule as options of {@code train}: {@code --schedule NAME} (its default
 * comes from the preset) and the schedules' settings, each default the one {@link ScheduleSpec}
 * states. A setting the chosen schedule does not use is refused in one line: {@code --gamma does
 * not apply to the cosine schedule: it is a setting of step and exponential}.
 */
final class ScheduleOptions {

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "How the learning rate moves over the run: constant, step, exponential, cosine, linear"
                    + " (--lr for --hold epochs, then straight down to --min-lr), onecycle (Smith's one cycle, up to --lr and"
                    + " back down) or plateau (reduce on plateau of the validation loss).")
    String schedule;

    @Option(names = "--warmup", paramLabel = "EPOCHS", converter = OptionTypes.NonNegative.class,
            description = "Epochs (fractions allowed) of linear warm-up to --lr before the schedule runs over the rest"
                    + " (default: " + (int) ScheduleSpec.DEFAULT_WARMUP_EPOCHS + ", none).")
    Double warmup;

    @Option(names = "--step-size", paramLabel = "EPOCHS", converter = OptionTypes.Count.class,
            description = "step: epochs between two decays (default: " + ScheduleSpec.DEFAULT_STEP_SIZE + ").")
    Integer stepSize;

    @Option(names = "--gamma", paramLabel = "G", converter = OptionTypes.Shrink.class,
            description = "step: the factor of each decay (default: " + ScheduleSpec.DEFAULT_STEP_GAMMA + "); exponential:"
                    + " the factor per epoch (default: " + ScheduleSpec.DEFAULT_EXPONENTIAL_GAMMA + ").")
    Double gamma;

    @Option(names = "--min-lr", paramLabel = "RATE", converter = OptionTypes.NonNegative.class,
            description = "cosine, linear: the rate it falls to by the end of the run (default: "
                    + (int) ScheduleSpec.DEFAULT_MIN_LEARNING_RATE + ").")
    Double minLearningRate;

    @Option(names = "--hold", paramLabel = "EPOCHS", converter = OptionTypes.NonNegative.class,
            description = "linear: epochs (fractions allowed) at --lr before the rate starts down (default: "
                    + (int) ScheduleSpec.DEFAULT_HOLD_EPOCHS + ", from the first update).")
    Double hold;

    @Option(names = "--plateau-patience", paramLabel = "N", converter = OptionTypes.Count.class,
            description = "plateau: epochs in a row without a new lowest validation loss before the rate is reduced"
                    + " (default: " + ScheduleSpec.DEFAULT_PATIENCE + ").")
    Integer patience;

    @Option(names = "--plateau-factor", paramLabel = "F", converter = OptionTypes.ProperFraction.class,
            description = "plateau: the factor of each reduction (default: " + ScheduleSpec.DEFAULT_FACTOR + ").")
    Double factor;

    @Option(names = "--cycle-momentum", paramLabel = "MU", converter = OptionTypes.ProperFraction.class,
            description = "onecycle: cycle the momentum against the rate, Smith's cyclical momentum: from the optimiser's own"
                    + " (--momentum, or --beta1 of adam and adamw) down to MU at the peak rate and back (default: not cycled;"
                    + " --beta1 0.95 --cycle-momentum 0.85 is fastai's fit_one_cycle and PyTorch's OneCycleLR).")
    Double cycleMomentum;

    /** The named schedule, else {@code preset}'s, with every setting given on the command line. */
    ScheduleSpec apply(ScheduleSpec preset) {
        ScheduleSpec spec = schedule != null ? ScheduleSpec.parse(schedule) : preset;
        Map<Setting, Number> given = new LinkedHashMap<>();
        given.put(Setting.WARMUP, warmup);
        given.put(Setting.STEP_SIZE, stepSize);
        given.put(Setting.GAMMA, gamma);
        given.put(Setting.MIN_LR, minLearningRate);
        given.put(Setting.PATIENCE, patience);
        given.put(Setting.FACTOR, factor);
        given.put(Setting.HOLD, hold);
        given.put(Setting.CYCLE_MOMENTUM, cycleMomentum);
        for (Map.Entry<Setting, Number> e : given.entrySet()) {
            if (e.getValue() == null) continue;
            String refusal = e.getKey().refusal(spec.name());
            if (refusal != null) throw new UserException(option(e.getKey()) + " " + refusal);
            spec = spec.with(e.getKey(), e.getValue().doubleValue());
        }
        return spec;
    }

    static String option(Setting setting) {
        return "--" + setting.id().replace('_', '-');
    }
}
