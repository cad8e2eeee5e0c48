package org.scratchnet.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.scratchnet.SplitMix;

/**
 * Where a random search draws one field's value from, as a sweep file declares it:
 * <pre>
 *   {log_uniform: [a, b]}   e^U(ln a, ln b), 0 &lt; a &lt; b: a rate, a decay (each decade as likely)
 *   {uniform: [a, b]}       U(a, b): a dropout rate
 *   {int_uniform: [a, b]}   a whole number from a to b, each as likely: epochs, units
 *   {choice: [v, w, ...]}   one of the values, each as likely: layer lists, optimisers, batch sizes
 * </pre>
 * A drawn real number is rounded to {@value #DIGITS} significant digits, so that the table and the
 * best recipe show exactly the value the trial ran with.
 */
public sealed interface Distribution {
    int DIGITS = 3;

    /** One value, drawn from {@code random}. */
    Object sample(SplitMix random);

    /** How a figure lays the drawn values out. */
    Sweep.Scale scale();

    record LogUniform(double low, double high) implements Distribution {
        @Override
        public Object sample(SplitMix random) {
            return round(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
        }

        @Override
        public Sweep.Scale scale() {
            return Sweep.Scale.LOG;
        }
    }

    record Uniform(double low, double high) implements Distribution {
        @Override
        public Object sample(SplitMix random) {
            return round(low + random.nextDouble() * (high - low));
        }

        @Override
        public Sweep.Scale scale() {
            return Sweep.Scale.LINEAR;
        }
    }

    record IntUniform(int low, int high) implements Distribution {
        @Override
        public Object sample(SplitMix random) {
            return low + random.nextInt(high - low + 1);
        }

        @Override
        public Sweep.Scale scale() {
            return Sweep.Scale.LINEAR;
        }
    }

    record Choice(List<Object> values) implements Distribution {
        @Override
        public Object sample(SplitMix random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public Sweep.Scale scale() {
            return Grid.scaleOf(values);
        }
    }

    /** {@code x} to {@value #DIGITS} significant digits. */
    static double round(double x) {
        return new BigDecimal(x).round(new MathContext(DIGITS)).doubleValue();
    }
}
