package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Epilogue}s on a block of C for {@link VectorKernels}: the ReLU and its gradient in SIMD
 * registers (lane for lane what their scalar loops compute: {@code max} is {@link Math#max}, the
 * gradient a select, so the same bits), any other epilogue through its own loop.
 */
final class VectorEpilogue {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();

    private VectorEpilogue() {}

    /**
     * {@code then} on rows i0..i1, columns j0..j1 of C [., n]: one stretch when the rows are whole,
     * else row by row, the kind of epilogue told apart once (a panel of W2's is 128 rows of two
     * vectors: a test per row cost as much as the work).
     */
    static void apply(Epilogue then, float[] C, int n, int i0, int i1, int j0, int j1) {
        if (j0 == 0 && j1 == n) {
            apply(then, C, i0 * n, i1 * n);
        } else if (then instanceof Epilogue.Relu r) {
            for (int i = i0, o = i0 * n; i < i1; i++, o += n) relu(C, r.A(), o + j0, o + j1);
        } else if (then instanceof Epilogue.ReluGradient g) {
            for (int i = i0, o = i0 * n; i < i1; i++, o += n) reluGradient(g.A(), C, g.dZ(), o + j0, o + j1);
        } else {
            for (int i = i0, o = i0 * n; i < i1; i++, o += n) then.apply(C, o + j0, o + j1);
        }
    }

    /** {@code then} on the elements from..to of C. */
    static void apply(Epilogue then, float[] C, int from, int to) {
        if (then instanceof Epilogue.Relu r) relu(C, r.A(), from, to);
        else if (then instanceof Epilogue.ReluGradient g) reluGradient(g.A(), C, g.dZ(), from, to);
        else then.apply(C, from, to);
    }

    /** A[i] = max(Z[i], 0). */
    private static void relu(float[] Z, float[] A, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) FloatVector.fromArray(S, Z, i).max(0f).intoArray(A, i);
        for (; i < to; i++) A[i] = Math.max(Z[i], 0f);
    }

    /** dZ[i] = A[i] > 0 ? dA[i] : 0. */
    static void reluGradient(float[] A, float[] dA, float[] dZ, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (int end = to - L; i <= end; i += L) {
            FloatVector a = FloatVector.fromArray(S, A, i);
            zero.blend(FloatVector.fromArray(S, dA, i), a.compare(VectorOperators.GT, 0f)).intoArray(dZ, i);
        }
        for (; i < to; i++) dZ[i] = A[i] > 0f ? dA[i] : 0f;
    }
}
