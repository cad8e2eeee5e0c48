package org.scratchnet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.scratchnet.nn.Log;

/**
 * ln x for many doubles at once, lane for lane the operations of the reference's scalar
 * {@link org.scratchnet.nn.Log#log} in the same order, so the same bits (nothing is fused into an
 * fma), as {@link VectorExp} is to {@link org.scratchnet.nn.Exp}:
 * <pre>
 *   k = biased exponent - 1023                the exponent's bits put in 2⁵² + e, less 2⁵² + 1023
 *   m = x's mantissa with 1.0's exponent, halved (and k + 1) where above √2
 *   ln x = k·ln2_hi + (f - (h - (s·(h + R(s²)) + k·ln2_lo))),  f = m - 1,  s = f / (2 + f),  h = f²/2
 * </pre>
 * Only vectors whose every lane is a positive normal finite double take that path; the others
 * (a subnormal, zero, a negative, an infinity or NaN in some lane: never seen in a loss, whose
 * logarithms are of sums in [1, classes]) and a tail shorter than a vector go to the scalar
 * reference itself. That keeps the lanes' method under C2's size limit for hot inlining (325
 * bytes of bytecode): with the special cases as blends it was 436 bytes, was not inlined into its
 * loop, and every vector it returned was boxed, which made a whole step of the paper's baseline
 * a fifth slower in most JVMs. The loss takes one logarithm per example (the log of its row's Σ e^z); the
 * paper's full batch has 60,000 of them per step. {@code VectorLogTest} checks the bits against the scalar.
 */
final class VectorLog {
    private static final VectorSpecies<Double> D = VectorExp.D;
    private static final int N = D.length();

    // The constants of org.scratchnet.nn.Log, written the same way (so the same doubles).
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = 1.4142135623730951;
    private static final long MANTISSA = 0x000f_ffff_ffff_ffffL, ONE = 0x3ff0_0000_0000_0000L;
    private static final double R1 = 2.0 / 3, R2 = 2.0 / 5, R3 = 2.0 / 7, R4 = 2.0 / 9, R5 = 2.0 / 11, R6 = 2.0 / 13,
            R7 = 2.0 / 15, R8 = 2.0 / 17, R9 = 2.0 / 19;
    /** 2⁵²: with a whole number 0..2047 in its low mantissa bits, it is 2⁵² plus that number. */
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1.0p52);
    /** 2⁵² plus the exponent's bias: taken from the above, it leaves the unbiased exponent, exactly. */
    private static final double TWO_52_AND_BIAS = 0x1.0p52 + 1023;

    private VectorLog() {}

    /** x[i] = ln x[i] for i in from..to. */
    static void log(double[] x, int from, int to) {
        int i = from;
        for (; i + N <= to; i += N) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            if (normal(v)) logNormal(v).intoArray(x, i);
            else Log.log(x, i, i + N);
        }
        Log.log(x, i, to);  // fewer than a vector's lanes left
    }

    /** Every lane a positive normal finite double (NaN fails both comparisons). */
    private static boolean normal(DoubleVector x) {
        return x.compare(VectorOperators.GE, Double.MIN_NORMAL).and(x.compare(VectorOperators.LE, Double.MAX_VALUE)).allTrue();
    }

    /** ln x lane by lane, for positive normal finite lanes. */
    static DoubleVector logNormal(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        // (double) (bits >>> 52) - 1023: the biased exponent put in the low bits of 2⁵², which is then taken away with the bias
        DoubleVector k = bits.lanewise(VectorOperators.LSHR, 52).or(TWO_52_BITS).reinterpretAsDoubles().sub(TWO_52_AND_BIAS);
        DoubleVector m = bits.and(MANTISSA).or(ONE).reinterpretAsDoubles();
        VectorMask<Double> above = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), above);
        k = k.blend(k.add(1.0), above);
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector h = f.mul(0.5).mul(f);
        DoubleVector z = s.mul(s);
        DoubleVector z2 = z.mul(z), z4 = z2.mul(z2), z8 = z4.mul(z4);
        DoubleVector g0 = z.mul(R2).add(R1).add(z.mul(R4).add(R3).mul(z2));
        DoubleVector g1 = z.mul(R6).add(R5).add(z.mul(R8).add(R7).mul(z2));
        DoubleVector series = g0.add(g1.mul(z4)).add(z8.mul(R9)).mul(z);
        DoubleVector correction = h.sub(s.mul(h.add(series)).add(k.mul(LN2_LO)));
        return k.mul(LN2_HI).add(f.sub(correction));
    }
}
