package org.scratchnet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.optim.OptimizerSpec.Setting;
import picocli.CommandLine.Option;

/**
 * The optimiser's hyper-parameters as options of {@code train}. Each default is the one
 * {@link OptimizerSpec} states (shown in --help from its constants); an option the chosen optimiser
 * does not use is refused in one line instead of being ignored: {@code --beta1 does not apply to
 * sgd: it is a setting of adam and adamw}.
 */
final class OptimizerOptions {

    @Option(names = "--momentum", paramLabel = "MU", converter = OptionTypes.Decay.class,
            description = "The velocity's decay of momentum and nesterov (default: " + OptimizerSpec.DEFAULT_MOMENTUM + ").")
    Float momentum;

    @Option(names = "--beta1", paramLabel = "BETA", converter = OptionTypes.Decay.class,
            description = "The first moment's decay of adam and adamw (default: " + OptimizerSpec.DEFAULT_BETA1 + ").")
    Float beta1;

    @Option(names = "--beta2", paramLabel = "BETA", converter = OptionTypes.Decay.class,
            description = "The second moment's decay of adam and adamw (default: " + OptimizerSpec.DEFAULT_BETA2 + ").")
    Float beta2;

    @Option(names = "--eps", paramLabel = "EPS", converter = OptionTypes.NonNegativeFloat.class,
            description = "The guard against dividing by zero of rmsprop, adam and adamw (default: " + OptimizerSpec.DEFAULT_EPSILON + ").")
    Float epsilon;

    @Option(names = "--rho", paramLabel = "RHO", converter = OptionTypes.Decay.class,
            description = "The squared-gradient average's decay of rmsprop (default: " + OptimizerSpec.DEFAULT_RHO + ").")
    Float rho;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", converter = OptionTypes.NonNegativeFloat.class,
            description = "Weight decay: an L2 penalty (LAMBDA times W added to the gradient), or with adamw the decoupled"
                    + " decay of Loshchilov and Hutter (W shrinks by LAMBDA times W each update, times the schedule's"
                    + " multiplier) (default: " + OptimizerSpec.DEFAULT_WEIGHT_DECAY + "; adamw: "
                    + OptimizerSpec.DEFAULT_ADAMW_WEIGHT_DECAY + ").")
    Float weightDecay;

    @Option(names = "--max-norm", paramLabel = "C", converter = OptionTypes.PositiveFloat.class,
            description = "After each update, rescale every hidden unit's incoming weights to norm C where larger"
                    + " (Srivastava et al. 2014; default: no constraint).")
    Float maxNorm;

    /** {@code spec} with every hyper-parameter given on the command line; one the optimiser does not use is refused. */
    OptimizerSpec apply(OptimizerSpec spec) {
        Map<Setting, Float> given = new LinkedHashMap<>();
        given.put(Setting.MOMENTUM, momentum);
        given.put(Setting.BETA1, beta1);
        given.put(Setting.BETA2, beta2);
        given.put(Setting.EPSILON, epsilon);
        given.put(Setting.RHO, rho);
        given.put(Setting.WEIGHT_DECAY, weightDecay);
        given.put(Setting.MAX_NORM, maxNorm);
        for (Map.Entry<Setting, Float> e : given.entrySet()) {
            if (e.getValue() == null) continue;
            String refusal = e.getKey().refusal(spec.name());
            if (refusal != null) throw new UserException(option(e.getKey()) + " " + refusal);
            spec = spec.with(e.getKey(), e.getValue());
        }
        return spec;
    }

    static String option(Setting setting) {
        return setting == Setting.EPSILON ? "--eps" : "--" + setting.id().replace('_', '-');
    }
}
