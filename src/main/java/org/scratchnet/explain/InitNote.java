package org.scratchnet.explain;

import static org.scratchnet.explain.Telling.num;

import org.scratchnet.nn.Initializer;

/**
 * What to say at the first layer's weights about how they were drawn, where the paper's
 * initialisation formulas and the right ones differ: the paper writes Xavier's variance as
 * √(6/(n_in+n_out)) and Kaiming's as √(2/n_in), square roots that belong to the uniform bound and
 * the standard deviation (see {@link Initializer}, and docs/paper/REPORT.md, experiments 5 and 6).
 */
final class InitNote {
    private InitNote() {}

    /** The note for weights of a layer with {@code in} inputs and {@code out} units drawn by {@code init} (null: from a file). */
    static String of(Initializer init, int in, int out) {
        if (init == null) return "";
        String stdXavier = num(Initializer.XAVIER.weightStd(in, out));
        String stdKaiming = num(Initializer.KAIMING.weightStd(in, out));
        return switch (init) {
            case RANDOM -> "The paper's baseline initialisation: W and b uniform in [-0.5, 0.5] (its code's rand - 0.5), std "
                    + num(init.weightStd(in, out)) + " whatever the layer's size; Xavier would give " + stdXavier + " here.";
            case XAVIER, XAVIER_NORMAL -> "Where the paper's text differs: it writes Xavier's variance as √(6/(n_in+n_out)); the"
                    + " right variance is 2/(n_in+n_out) (√(6/(n_in+n_out)) is the uniform bound), std " + stdXavier + " here, which"
                    + " these weights have; read literally (--init paper-xavier) it gives std "
                    + num(Initializer.PAPER_XAVIER.weightStd(in, out)) + ".";
            case KAIMING, KAIMING_UNIFORM -> "Where the paper's text differs: it writes Kaiming's variance as √(2/n_in); the right"
                    + " variance is 2/n_in, std " + stdKaiming + " here, which these weights have; read literally (--init"
                    + " paper-kaiming) it gives std " + num(Initializer.PAPER_KAIMING.weightStd(in, out)) + ".";
            case PAPER_XAVIER -> "The paper's Xavier formula read literally, √(6/(n_in+n_out)) as a variance: std "
                    + num(init.weightStd(in, out)) + ", where the right formula (--init xavier) gives " + stdXavier + ".";
            case PAPER_KAIMING -> "The paper's Kaiming formula read literally, √(2/n_in) as a variance: std "
                    + num(init.weightStd(in, out)) + ", where the right formula (--init kaiming) gives " + stdKaiming + ".";
            case RANDOM_NORMAL -> "Small normal weights, std 0.01, biases 0 (not one of the paper's formulas).";
        };
    }
}
