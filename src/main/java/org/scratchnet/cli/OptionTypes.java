package org.scratchnet.cli;

import java.util.Locale;
import org.scratchnet.UserException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The kinds of number the options take, each with its range stated once, as picocli converters.
 *
 * <p>An option declares its kind ({@code converter = OptionTypes.Count.class}) instead of a bare
 * {@code int}, so a value out of range ({@code --iterations -5}, {@code --lr NaN},
 * {@code --test-fraction 1}) is refused while the command line is parsed, before any work, with
 * one line that names the option, its range and what was given:
 * {@code --iterations must be a whole number from 1 to 2147483647, got '-5'}. {@link Main} puts
 * the option's name in front of the converter's message. Values that picocli does not parse
 * (the items of a list such as {@code --dropout 0.2,0.1}, or a preset's values) go through the
 * same kinds with {@link Kind#parse(String, String)}, which throws the same message as a
 * {@link UserException}.
 */
final class OptionTypes {
    private OptionTypes() {}

    /** A kind of value: how to read it and the range it must lie in. */
    abstract static class Kind<T> implements ITypeConverter<T> {
        /** The allowed values in words, e.g. "a whole number from 1 to 2147483647". */
        abstract String range();

        /** The value, or null if the text is not one of the allowed values. */
        abstract T read(String text);

        @Override
        public T convert(String text) {
            T value = read(text.trim());
            if (value == null) throw new TypeConversionException(complaint(text));
            return value;
        }

        /** Reads a value that picocli did not parse; {@code option} names it in the message. */
        T parse(String option, String text) {
            T value = read(text.trim());
            if (value == null) throw new UserException(option + " " + complaint(text));
            return value;
        }

        String complaint(String text) {
            return "must be " + range() + ", got '" + text + "'";
        }
    }

    /** Whole numbers from {@code min} to {@code max}. */
    abstract static class Whole extends Kind<Integer> {
        private final int min;
        private final int max;

        Whole(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        String range() {
            return "a whole number from " + min + " to " + max;
        }

        @Override
        Integer read(String text) {
            try {
                int v = Integer.parseInt(text);
                return v >= min && v <= max ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** How many times to do something: epochs, iterations, rows. */
    static final class Count extends Whole {
        static final Count INSTANCE = new Count();

        public Count() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** Threads or runs side by side: at least one, and not so many that the machine drowns. */
    static final class Threads extends Whole {
        static final int MAX = 1024;

        public Threads() {
            super(1, MAX);
        }
    }

    /** Rows or columns of a grid of 28x28 digits: at most 100, a 2800-pixel side. */
    static final class GridSide extends Whole {
        public GridSide() {
            super(1, 100);
        }
    }

    /** A layer's number of units. */
    static final class LayerSize extends Whole {
        static final LayerSize INSTANCE = new LayerSize();

        public LayerSize() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** Examples per update, or "full" (also 0) for the whole training set; 0 stands for full. */
    static final class Batch extends Kind<Integer> {
        static final Batch INSTANCE = new Batch();
        private final Whole size = new Whole(0, Integer.MAX_VALUE) {};

        @Override
        String range() {
            return "a whole number of examples from 1 to " + Integer.MAX_VALUE + ", or full (also 0) for the whole training set";
        }

        @Override
        Integer read(String text) {
            return text.equalsIgnoreCase("full") ? Integer.valueOf(0) : size.read(text);
        }
    }

    /** The examples of an explained step: it is for reading, and its JSON holds every number (784 per image). */
    static final class ExplainedBatch extends Whole {
        static final int MAX = 1000;

        public ExplainedBatch() {
            super(1, MAX);
        }
    }

    /** Any whole number: a seed. */
    static final class Seed extends Kind<Long> {
        @Override
        String range() {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }

        @Override
        Long read(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Real numbers in an interval; NaN and the infinities never belong to one. */
    abstract static class Real extends Kind<Double> {
        private final double min;
        private final boolean minIncluded;
        private final double max;
        private final boolean maxIncluded;

        Real(double min, boolean minIncluded, double max, boolean maxIncluded) {
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.maxIncluded = maxIncluded;
        }

        @Override
        String range() {
            String lower = (minIncluded ? "of at least " : "above ") + number(min);
            if (max == Double.MAX_VALUE) return "a finite number " + lower;
            return "a number " + lower + (maxIncluded ? " and at most " : " and below ") + number(max);
        }

        @Override
        Double read(String text) {
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(v)) return null;
            boolean aboveMin = minIncluded ? v >= min : v > min;
            boolean belowMax = maxIncluded ? v <= max : v < max;
            return aboveMin && belowMax ? v : null;
        }

        private static String number(double v) {
            return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
        }
    }

    /** A share of a data set held out or dropped, possibly none: [0, 1). */
    static final class Fraction extends Real {
        public Fraction() {
            super(0, true, 1, false);
        }
    }

    /** A share that must hold something and leave something: (0, 1). */
    static final class ProperFraction extends Real {
        public ProperFraction() {
            super(0, false, 1, false);
        }
    }

    /** A dropout rate: the share of units zeroed, [0, 1). */
    static final class DropoutRate extends Real {
        static final DropoutRate INSTANCE = new DropoutRate();

        public DropoutRate() {
            super(0, true, 1, false);
        }
    }

    /** A finite number above zero: a learning rate, a tolerance, a speed. */
    static final class Positive extends Real {
        public Positive() {
            super(0, false, Double.MAX_VALUE, true);
        }
    }

    /** A finite number of at least zero: a tolerance that may be none. */
    static final class NonNegative extends Real {
        public NonNegative() {
            super(0, true, Double.MAX_VALUE, true);
        }
    }

    /** A factor that shrinks or keeps: (0, 1], a schedule's gamma. */
    static final class Shrink extends Real {
        public Shrink() {
            super(0, false, 1, true);
        }
    }

    /**
     * A float in a real interval (the optimisers compute in float): read as a double, rounded to
     * float, and the rounded value checked again, so 0.99999999 (1.0 as a float) is not a decay
     * below 1 and 1e-50 (0 as a float) is not a positive rate.
     */
    abstract static class FloatIn extends Kind<Float> {
        private final Real real;

        FloatIn(Real real) {
            this.real = real;
        }

        @Override
        String range() {
            return real.range();
        }

        @Override
        Float read(String text) {
            Double v = real.read(text);
            if (v == null) return null;
            float f = v.floatValue();
            return real.read(Float.toString(f)) != null ? f : null;
        }
    }

    /** A finite float above zero (a learning rate is a float in the optimisers), a max-norm. */
    static final class PositiveFloat extends FloatIn {
        public PositiveFloat() {
            super(new Positive());
        }
    }

    /** The standard deviation of Gaussian noise: a float in [0, 10] (pixels and normalised values are of order 1). */
    static final class Noise extends FloatIn {
        public Noise() {
            super(new NoiseLevel());
        }
    }

    /** [0, 10]: a standard deviation of noise on values of order 1. */
    static final class NoiseLevel extends Real {
        public NoiseLevel() {
            super(0, true, 10, true);
        }
    }

    /** A finite float of at least zero: a weight decay, an epsilon. */
    static final class NonNegativeFloat extends FloatIn {
        public NonNegativeFloat() {
            super(new NonNegative());
        }
    }

    /** A running average's decay, [0, 1): momentum, Adam's betas, RMSprop's rho. */
    static final class Decay extends FloatIn {
        public Decay() {
            super(new Fraction());
        }
    }

    /** A TCP port to listen on; 0 asks the system for any free one. */
    static final class Port extends Whole {
        public Port() {
            super(0, 65535);
        }
    }

    /** A time limit in whole seconds: at least one, at most an hour. */
    static final class Seconds extends Whole {
        public Seconds() {
            super(1, 3600);
        }
    }
}
