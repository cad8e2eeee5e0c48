package org.scratchnet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x for many doubles at once, lane for lane the operations of the reference's scalar
 * {@link org.scratchnet.nn.Exp#exp} in the same order, so the same bits (Java's double arithmetic
 * is exactly specified, lanes and scalars alike, and nothing here is fused into an fma):
 * <pre>
 *   k = rint(x / ln 2)        as (x·log2 e + 1.5·2⁵²) - 1.5·2⁵², which rounds to nearest even as rint does for |x·log2 e| < 2⁵¹
 *   r = (x - k·ln2_hi) - k·ln2_lo
 *   e^x = (1 + r·q(r)) · 2^k  q by the same Estrin scheme; 2^k from the bits of k + 1023 + 2⁵², shifted into the exponent
 *   NaN -> NaN, x > 709 -> +∞, x < -708 -> 0, in the scalar's order, by blends
 * </pre>
 * A full-batch step of the paper's baseline takes 600,000 exponentials in its softmax: one at a
 * time they were a fifth of the step. {@code VectorExpTest} checks the bits against the scalar
 * on a million values and every edge.
 */
final class VectorExp {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int N = D.length();
    /** The float species a D2F conversion of a vector of doubles goes to (the preferred one, as every float kernel's: the result fills its lower half). */
    static final VectorSpecies<Float> FLOATS = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;

    // The constants of org.scratchnet.nn.Exp, written the same way (so the same doubles).
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720,
            C7 = 1.0 / 5040, C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800,
            C12 = 1.0 / 479001600, C13 = 1.0 / 6227020800.0;
    /** 1.5·2⁵²: added and taken away, it rounds a double below 2⁵¹ to a whole number, ties to even. */
    private static final double ROUNDER = 0x1.8p52;
    /** 2⁵²: added to a whole number 0..2047, it leaves that number in the low bits of the double. */
    private static final double TWO_52 = 0x1.0p52;

    private VectorExp() {}

    /** x[i] = e^x[i] for i in from..to. */
    static void exp(double[] x, int from, int to) {
        int i = from;
        for (; i + N <= to; i += N) exp(DoubleVector.fromArray(D, x, i)).intoArray(x, i);
        if (i < to) {
            VectorMask<Double> m = D.indexInRange(i, to);
            exp(DoubleVector.fromArray(D, x, i, m)).intoArray(x, i, m);
        }
    }

    /** e^x lane by lane. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector k = x.mul(LOG2_E).add(ROUNDER).sub(ROUNDER);
        DoubleVector r = x.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
        DoubleVector f0 = r.mul(C2).add(1.0).add(r.mul(C4).add(C3).mul(r2));
        DoubleVector f1 = r.mul(C6).add(C5).add(r.mul(C8).add(C7).mul(r2));
        DoubleVector f2 = r.mul(C10).add(C9).add(r.mul(C12).add(C11).mul(r2));
        DoubleVector q = f0.add(f1.mul(r4)).add(f2.add(r4.mul(C13)).mul(r8));
        // (long) (k + 1023) << 52: k + 1023 is 2..2046 where the result is kept, so the low bits of
        // k + 1023 + 2⁵² hold it, and the shift moves them into the exponent and the rest out.
        DoubleVector scale = k.add(1023.0).add(TWO_52).reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        DoubleVector e = q.mul(r).add(1.0).mul(scale);
        e = e.blend(0.0, x.compare(VectorOperators.LT, -708.0));
        e = e.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, 709.0));
        return e.blend(x, x.test(VectorOperators.IS_NAN));
    }
}
