package org.scratchnet.nn;

/**
 * The natural logarithm, for the loss, written as {@link Exp} is: plain double arithmetic (no
 * intrinsic the JIT might swap in), so the same bits interpreted or compiled, on every JVM, and
 * a SIMD twin ({@code tensor/VectorLog}) that gives them lane by lane. {@link StrictMath#log} is
 * as reproducible but one value at a time: the paper's baseline takes 60,000 logarithms per step.
 *
 * <pre>
 *   x = 2^k · m              k and m from x's bits, m in [√2/2, √2)
 *   ln m = 2 atanh s          f = m - 1,  s = f / (2 + f),  |s| ≤ 0.1716
 *        = 2s + s · R(s²)     R(z) = 2z/3 + 2z²/5 + ... + 2z⁹/19   (truncation below 2z¹⁰/21 ≈ 5e-17)
 *        = f - (h - s · (h + R))                  h = f²/2, since 2s = f - s·f and s·f = h - s·h
 *   ln x = k · ln2_hi + (f - (h - (s · (h + R) + k · ln2_lo)))
 * </pre>
 * f = m - 1 is exact (m and 1 are within a factor of two) and carries the result; the rest is a
 * correction about f/2 times smaller, so its rounding errors barely reach the result. ln 2 is
 * split as in {@link Exp}, so that k · ln2_hi is exact. Accuracy: within one unit in the last
 * place of StrictMath's (LogTest), far beyond what a loss over float probabilities needs.
 * Subnormal x are scaled by 2⁵⁴ first; x < 0 and NaN give NaN, ±0 gives -∞, +∞ gives +∞.
 */
public final class Log {
    private static final double LN2_HI = 6.93147180369123816490e-01;  // ln 2, upper bits (as in Exp)
    private static final double LN2_LO = 1.90821492927058770002e-10;  // ln 2 - LN2_HI
    private static final double SQRT2 = 1.4142135623730951;
    /** 2⁵⁴: subnormals times this are normal, exactly. */
    private static final double TWO_54 = 0x1.0p54;
    /** The mantissa of a double, and the exponent bits of 1.0. */
    private static final long MANTISSA = 0x000f_ffff_ffff_ffffL, ONE = 0x3ff0_0000_0000_0000L;
    // 2/(2i+1), i = 1..9: the series' coefficients, written out so that the JIT sees constants
    private static final double R1 = 2.0 / 3, R2 = 2.0 / 5, R3 = 2.0 / 7, R4 = 2.0 / 9, R5 = 2.0 / 11, R6 = 2.0 / 13,
            R7 = 2.0 / 15, R8 = 2.0 / 17, R9 = 2.0 / 19;

    private Log() {}

    public static double log(double x) {
        if (x != x || x < 0) return Double.NaN;
        if (x == 0) return Double.NEGATIVE_INFINITY;
        if (x == Double.POSITIVE_INFINITY) return x;
        double k = -1023;
        if (x < Double.MIN_NORMAL) {
            x *= TWO_54;
            k -= 54;
        }
        long bits = Double.doubleToRawLongBits(x);
        k += (double) (bits >>> 52);  // the biased exponent: x is positive, so no sign bit
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE);  // in [1, 2)
        if (m > SQRT2) {
            m *= 0.5;
            k += 1;
        }
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double h = 0.5 * f * f;
        double correction = h - (s * (h + series(s * s)) + k * LN2_LO);
        return k * LN2_HI + (f - correction);
    }

    /** x[i] = ln x[i] for i in from..to. */
    public static void log(double[] x, int from, int to) {
        for (int i = from; i < to; i++) x[i] = log(x[i]);
    }

    /** R(z) = z · (R1 + R2 z + ... + R9 z⁸), by Estrin's scheme (as {@link Exp}'s series, for the same reason). */
    private static double series(double z) {
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        double g0 = (R1 + R2 * z) + (R3 + R4 * z) * z2;
        double g1 = (R5 + R6 * z) + (R7 + R8 * z) * z2;
        return ((g0 + g1 * z4) + R9 * z8) * z;
    }
}
