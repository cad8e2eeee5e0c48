package org.scratchnet.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exp#exp} on four doubles at a time, for {@link VectorKernels}: the same operations in
 * the same order on each lane (the Horner series with separate multiplies and adds, never fused),
 * so every result is the same bits as the scalar one. Two steps are written differently and
 * give the same numbers:
 * <pre>
 *   k = rint(x / ln 2)         as (t + 1.5·2^52) - 1.5·2^52: adding that constant rounds t to an
 *                              integer, to nearest even, as rint does (exact for |t| < 2^51)
 *   2^k = bits((k + 1023)<<52) with k read from the low bits of t + 1.5·2^52, which hold it in
 *                              two's complement: no double-to-long conversion, which AVX2 lacks
 * </pre>
 * Lanes out of that range (|x| > 708, NaN) are then replaced as the scalar code returns them.
 */
final class VectorExp {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
    static final int LANES = D.length();
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);

    private VectorExp() {}

    /** E[i] = (float) Exp.exp(x[i]) for i in [from, to). */
    static void exp(double[] x, float[] E, int from, int to) {
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            ((FloatVector) exp(DoubleVector.fromArray(D, x, i)).convertShape(VectorOperators.D2F, F, 0)).intoArray(E, i);
        }
        for (; i < to; i++) E[i] = (float) Exp.exp(x[i]);
    }

    private static DoubleVector exp(DoubleVector x) {
        DoubleVector shifted = x.mul(Exp.LOG2_E).add(ROUNDER);
        DoubleVector k = shifted.sub(ROUNDER);
        DoubleVector r = x.sub(k.mul(Exp.LN2_HI)).sub(k.mul(Exp.LN2_LO));
        DoubleVector p = r.mul(Exp.C13).add(Exp.C12).mul(r).add(Exp.C11).mul(r).add(Exp.C10).mul(r).add(Exp.C9)
                .mul(r).add(Exp.C8).mul(r).add(Exp.C7).mul(r).add(Exp.C6).mul(r).add(Exp.C5).mul(r).add(Exp.C4)
                .mul(r).add(Exp.C3).mul(r).add(Exp.C2).mul(r).add(1.0);
        DoubleVector expMinusOne = p.mul(r);
        LongVector kBits = shifted.reinterpretAsLongs().sub(ROUNDER_BITS);  // k as a long
        DoubleVector twoToK = kBits.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector e = expMinusOne.add(1.0).mul(twoToK);
        e = e.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, 709.0));
        e = e.blend(0.0, x.compare(VectorOperators.LT, -708.0));
        VectorMask<Double> nan = x.compare(VectorOperators.NE, x);
        return e.blend(x, nan);
    }
}
