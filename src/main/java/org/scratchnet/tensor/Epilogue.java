package org.scratchnet.tensor;

/**
 * Element-wise work on a product's output C, done where C is written: by the thread that
 * computed a block of C, right after it, while the block is still in that core's cache, and in
 * the same parallel call. A layer's activation, or its derivative, then costs no parallel call of
 * its own (every call is a barrier between the threads: W2's step made 20). It computes what the
 * separate pass would, from the same numbers: the same bits.
 * <pre>
 *   relu(A)              A[i] = max(C[i], 0)               A = ReLU(Z), C = Z = X·Wᵀ + b
 *   reluGradient(A, dZ)  dZ[i] = A[i] > 0 ? C[i] : 0       dZ = dA ⊙ [A > 0], C = dA = dZ'·W'
 *   a lambda             anything else element-wise (the fast engine's sigmoid and tanh)
 * </pre>
 * The arrays it writes and reads have C's shape, and index i runs over C's elements.
 */
@FunctionalInterface
public interface Epilogue {

    /** Does its work on the elements [from, to) of C, which the product has just written. */
    void apply(float[] C, int from, int to);

    /** A[i] = max(C[i], 0): the ReLU after a dense layer, from the layer's Z. */
    static Epilogue relu(float[] A) {
        return new Relu(A);
    }

    /** dZ[i] = A[i] > 0 ? C[i] : 0: the ReLU's backward pass, from its output A and C = dA. */
    static Epilogue reluGradient(float[] A, float[] dZ) {
        return new ReluGradient(A, dZ);
    }

    /** See {@link #relu}; a type of its own so that SIMD kernels can recognise it and use their vector form. */
    record Relu(float[] A) implements Epilogue {
        @Override
        public void apply(float[] C, int from, int to) {
            for (int i = from; i < to; i++) A[i] = Math.max(C[i], 0f);
        }
    }

    /** See {@link #reluGradient}; recognised by SIMD kernels like {@link Relu}. */
    record ReluGradient(float[] A, float[] dZ) implements Epilogue {
        @Override
        public void apply(float[] C, int from, int to) {
            for (int i = from; i < to; i++) dZ[i] = A[i] > 0f ? C[i] : 0f;
        }
    }
}
