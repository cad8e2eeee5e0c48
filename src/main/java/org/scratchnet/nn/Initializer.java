package org.scratchnet.nn;

import java.util.Locale;
import org.scratchnet.SplitMix;
import org.scratchnet.UserException;

/**
 * How a dense layer's weights W [out, in] start, each with its textbook formula
 * (n_in = fan-in, n_out = fan-out).
 *
 * <pre>
 *   random           W ~ U(-0.5, 0.5),  b ~ U(-0.5, 0.5)        the paper's baseline (numpy rand - 0.5)
 *   random-normal    W ~ N(0, 0.01²)                           small scaled normal
 *   xavier           W ~ U(-√(6/(n_in+n_out)), +√(6/(n_in+n_out)))   Glorot &amp; Bengio 2010, Var = 2/(n_in+n_out)
 *   xavier-normal    W ~ N(0, 2/(n_in+n_out))
 *   kaiming          W ~ N(0, 2/n_in)                          He et al. 2015, for ReLU
 *   kaiming-uniform  W ~ U(-√(6/n_in), +√(6/n_in))             Var = 2/n_in
 *   paper-xavier     W ~ N(0, √(6/(n_in+n_out)))   the paper's formula read literally: √(6/(n_in+n_out)) as a variance
 *   paper-kaiming    W ~ N(0, √(2/n_in))           the paper's formula read literally: √(2/n_in) as a variance
 * </pre>
 * The paper writes Xavier as Var(W) = √(6/(n_in+n_out)) and Kaiming as Var(W) = √(2/n_in); the
 * square roots belong to the uniform bound and the standard deviation respectively. Read as
 * variances they make the weights several times too large: for 784 -> 10, std 0.29 instead of
 * 0.050 (Xavier) and 0.22 instead of 0.050 (Kaiming). The two "paper-"
 * variants keep that reading so the paper's experiments can be reproduced as described.
 * Biases start at zero except for {@code random}, which follows the paper's code.
 */
public enum Initializer {
    RANDOM("random"),
    RANDOM_NORMAL("random-normal"),
    XAVIER("xavier"),
    XAVIER_NORMAL("xavier-normal"),
    KAIMING("kaiming"),
    KAIMING_UNIFORM("kaiming-uniform"),
    PAPER_XAVIER("paper-xavier"),
    PAPER_KAIMING("paper-kaiming");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Initializer parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Initializer init : values()) if (init.id.equals(t)) return init;
        StringBuilder names = new StringBuilder();
        for (Initializer init : values()) names.append(names.length() == 0 ? "" : ", ").append(init.id);
        throw new UserException("unknown initialiser '" + text + "': use one of " + names);
    }

    /** Fills W [out, in] and b [out] of one dense layer. */
    public void initialise(float[] W, float[] b, int in, int out, SplitMix random) {
        switch (this) {
            case RANDOM:
                uniform(W, 0.5, random);
                uniform(b, 0.5, random);
                return;
            case RANDOM_NORMAL:
                normal(W, 0.01, random);
                break;
            case XAVIER:
                uniform(W, Math.sqrt(6.0 / (in + out)), random);
                break;
            case XAVIER_NORMAL:
                normal(W, Math.sqrt(2.0 / (in + out)), random);
                break;
            case KAIMING:
                normal(W, Math.sqrt(2.0 / in), random);
                break;
            case KAIMING_UNIFORM:
                uniform(W, Math.sqrt(6.0 / in), random);
                break;
            case PAPER_XAVIER:   // variance = √(6/(in+out)), so std = its square root
                normal(W, Math.sqrt(Math.sqrt(6.0 / (in + out))), random);
                break;
            case PAPER_KAIMING:  // variance = √(2/in)
                normal(W, Math.sqrt(Math.sqrt(2.0 / in)), random);
                break;
            default:
                throw new AssertionError(this);
        }
        java.util.Arrays.fill(b, 0f);
    }

    /** The standard deviation of the weights this initialiser draws, for tests and reports. */
    public double weightStd(int in, int out) {
        switch (this) {
            case RANDOM: return 1.0 / Math.sqrt(12.0);  // U(-a, a) has variance a²/3, a = 0.5
            case RANDOM_NORMAL: return 0.01;
            case XAVIER: case XAVIER_NORMAL: return Math.sqrt(2.0 / (in + out));
            case KAIMING: case KAIMING_UNIFORM: return Math.sqrt(2.0 / in);
            case PAPER_XAVIER: return Math.sqrt(Math.sqrt(6.0 / (in + out)));
            case PAPER_KAIMING: return Math.sqrt(Math.sqrt(2.0 / in));
            default: throw new AssertionError(this);
        }
    }

    private static void uniform(float[] w, double bound, SplitMix random) {
        for (int i = 0; i < w.length; i++) w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }

    private static void normal(float[] w, double std, SplitMix random) {
        // Box-Muller, two normals per pair of uniforms; the generator has no nextGaussian.
        for (int i = 0; i < w.length; i += 2) {
            double u1 = 1.0 - random.nextDouble();  // in (0, 1], so log is finite
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2.0 * StrictMath.log(u1));
            w[i] = (float) (std * r * StrictMath.cos(2 * Math.PI * u2));
            if (i + 1 < w.length) w[i + 1] = (float) (std * r * StrictMath.sin(2 * Math.PI * u2));
        }
    }
}
