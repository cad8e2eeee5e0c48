package org.scratchnet.tensor;

/**
 * The matrix kernels a dense network needs, behind one small, replaceable interface.
 *
 * <p>All matrices are contiguous, row-major {@code float[]}. Every product writes C [m, n] and
 * takes its sizes in the same order, {@code m, k, n}, with k the length of the sums; the names
 * say what is multiplied. A dense layer's training step uses exactly these three:
 * <pre>
 *   forward      Z  = X · Wᵀ + b     X [n, in],   W [out, in]  ->  Z  [n, out]    aTimesBTransposed(X, W, b, Z, n, in, out)
 *   input grad   dX = dZ · W         dZ [n, out], W [out, in]  ->  dX [n, in]     aTimesB(dZ, W, dX, n, out, in)
 *   weight grad  dW = dZᵀ · X        dZ [n, out], X [n, in]    ->  dW [out, in]   aTransposedTimesB(dZ, X, dW, out, n, in)
 * </pre>
 * {@link ReferenceKernels} is the plain, readable implementation and the test oracle for any
 * faster one; {@link ParallelKernels} shares its rows among the cores and gives the same bits;
 * {@code VectorKernels}, the default when the JVM has the Vector API module (see
 * {@link #create(int)}), uses SIMD registers and both cores and agrees with the reference within
 * float rounding. Every implementation gives the same bits whatever its number of threads.
 * Each of the three products also comes in a fused form that does a layer's element-wise work
 * in the same parallel call: an {@link Epilogue} on its output (the activation after the layer,
 * or the derivative of the one before it), or the column sums of dZ (the bias gradient) beside
 * the weight gradient. Every parallel call is a barrier between the threads (W2's step made
 * twenty); fused or not, the results are the same bits.
 * Outputs are overwritten, never accumulated into. Implementations must not allocate per call
 * once warmed up, beyond the small object that carries a parallel call's operands to its
 * threads (scratch space may grow once and is then reused).
 */
public interface Kernels {

    /** C[m,n] = A[m,k] · B[n,k]ᵀ, plus {@code bias[n]} added to every row when bias is not null. */
    void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n);

    /** C[m,n] = A[m,k] · B[k,n]. */
    void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n);

    /** C[m,n] = A[k,m]ᵀ · B[k,n]: A is stored [k, m], as a batch of k examples. */
    void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n);

    /**
     * {@link #aTimesBTransposed}, then {@code then} on every element of C, in the same parallel
     * call (null: nothing): a dense layer's forward product with the activation after it.
     */
    default void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
        aTimesBTransposed(A, B, bias, C, m, k, n);
        if (then != null) then.apply(C, 0, m * n);
    }

    /**
     * {@link #aTimesB}, then {@code then} on every element of C, in the same parallel call (null:
     * nothing): a layer's input gradient dX = dZ·W with the derivative of the activation before it.
     */
    default void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n, Epilogue then) {
        aTimesB(A, B, C, m, k, n);
        if (then != null) then.apply(C, 0, m * n);
    }

    /**
     * {@link #aTransposedTimesB} and, in the same call, {@code columnSumsOfA[i] = Σ_p A[p, i]}
     * (A [k, m], the rows added in order, as {@link #columnSums} does; null: none): a layer's
     * weight gradient dW = dZᵀ·X with its bias gradient db = Σ_rows dZ.
     */
    default void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n, float[] columnSumsOfA) {
        if (columnSumsOfA != null) columnSums(A, columnSumsOfA, k, m);
        aTransposedTimesB(A, B, C, m, k, n);
    }

    /** C[m,n] = A[m,k] · B[k,n] + bias[n] (bias added to every row; null for none). */
    default void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        aTimesB(A, B, C, m, k, n);
        if (bias != null) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) C[i * n + j] += bias[j];
            }
        }
    }

    /**
     * {@link #aTimesB} with bias for an A whose nonzeros {@link SparseRows} has listed: the first
     * layer's forward pass, Z = X · Wᵀ + b with Wᵀ [k, n] stored as such. The same result as the
     * dense product, within rounding; fast kernels do only the work of the nonzeros.
     */
    default void sparseATimesB(SparseRows A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        aTimesB(A.dense(), B, bias, C, m, k, n);
    }

    /**
     * {@link #aTransposedTimesB} for an A listed by {@link SparseRows}: C[m,n] = A[k,m]ᵀ · B[k,n], the
     * first layer's weight gradient dWᵀ = Xᵀ · dZ.
     */
    default void sparseATransposedTimesB(SparseRows A, float[] B, float[] C, int m, int k, int n) {
        aTransposedTimesB(A.dense(), B, C, m, k, n);
    }

    /** {@link #sparseATimesB}, then {@code then} on every element of C, in the same parallel call (null: nothing). */
    default void sparseATimesB(SparseRows A, float[] B, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
        sparseATimesB(A, B, bias, C, m, k, n);
        if (then != null) then.apply(C, 0, m * n);
    }

    /**
     * {@link #sparseATransposedTimesB} and, in the same call, {@code columnSumsOfB[j] = Σ_p B[p, j]}
     * (B [k, n], the rows added in order; null: none): the first layer's dWᵀ = Xᵀ·dZ with its
     * bias gradient db = Σ_rows dZ.
     */
    default void sparseATransposedTimesB(SparseRows A, float[] B, float[] C, int m, int k, int n, float[] columnSumsOfB) {
        if (columnSumsOfB != null) columnSums(B, columnSumsOfB, k, n);
        sparseATransposedTimesB(A, B, C, m, k, n);
    }

    /**
     * One example through a layer, from the list of its nonzero inputs:
     * z[n] = bias[n] + Σ_t value[t] · Bt[index[t]·n .. index[t]·n + n) for t < count, with
     * Bt = Wᵀ [k, n] row-major (bias may be null). The zero inputs (most pixels, the ReLU units
     * that are off) cost nothing. Fast kernels may share a wide layer's columns among their
     * threads (each core then reads only its share of the weights); results are the same bits.
     */
    default void vectorTimesMatrix(int[] index, float[] value, int count, float[] Bt, float[] bias, float[] z, int n) {
        if (bias != null) System.arraycopy(bias, 0, z, 0, n);
        else java.util.Arrays.fill(z, 0, n, 0f);
        for (int t = 0; t < count; t++) {
            float xp = value[t];
            int row = index[t] * n;
            for (int j = 0; j < n; j++) z[j] += xp * Bt[row + j];
        }
    }

    /** dZ[i] = A[i] > 0 ? dA[i] : 0 for i < size: the ReLU's backward pass, read from its output A. */
    default void reluBackward(float[] A, float[] dA, float[] dZ, int size) {
        for (int i = 0; i < size; i++) dZ[i] = A[i] > 0f ? dA[i] : 0f;
    }

    /** sums[j] = Σ_i A[i, j] for A [m, n], adding the rows in order (a bias gradient). */
    default void columnSums(float[] A, float[] sums, int m, int n) {
        java.util.Arrays.fill(sums, 0, n, 0f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) sums[j] += A[i * n + j];
        }
    }

    /**
     * x[i] = e^x[i] for i in from..to, with the bits of the reference's {@link org.scratchnet.nn.Exp}
     * (the softmax's exponentials). On the calling thread alone: element-wise work called from
     * inside a share of {@link #forEachRange}.
     */
    default void exp(double[] x, int from, int to) {
        org.scratchnet.nn.Exp.exp(x, from, to);
    }

    /**
     * x[i] = ln x[i] for i in from..to, with the bits of the reference's {@link org.scratchnet.nn.Log}
     * (the loss's logarithms). On the calling thread alone, like {@link #exp}.
     */
    default void log(double[] x, int from, int to) {
        org.scratchnet.nn.Log.log(x, from, to);
    }

    /**
     * The softmax of as many of the rows [from, to) of Z [*, classes] as these kernels take at
     * once, none by default: per row i, argmax[i] = the first largest logit, sums[i] =
     * Σ_c e^(Z_ic - max) in double in class order, and A_ic = (float) e^(Z_ic - max) ·
     * (float) (1 / sums[i]), with the bits of the reference
     * ({@link org.scratchnet.nn.SoftmaxCrossEntropy#forwardRows}). {@code work} is room the
     * kernels may use at [from·classes, to·classes). Returns the first row left to the caller.
     * On the calling thread alone, like {@link #exp}.
     */
    default int softmaxRows(float[] Z, int classes, float[] A, int[] argmax, double[] sums, double[] work, int from, int to) {
        return from;
    }

    /**
     * Runs {@code body} over [0, total) cut into contiguous ranges, one per thread of these kernels
     * (element-wise work such as an optimiser's update, whose result cannot depend on the cut).
     */
    default void forEachRange(int total, Range body) {
        body.run(0, total);
    }

    /**
     * Runs {@code body} over [0, count) cut into contiguous ranges shared among the threads,
     * however small count is: for coarse tasks (rows of a batch) whose results do not depend on
     * the cut. The body must not call back into these kernels.
     */
    default void forEachTask(int count, Range body) {
        body.run(0, count);
    }

    /**
     * Whether these kernels' first-layer products ({@link #sparseATimesB},
     * {@link #sparseATransposedTimesB}) find the nonzeros of each of their tiles in the dense input
     * themselves, so that {@link SparseRows#describe} need not list a batch's rows beforehand.
     */
    default boolean findsNonzerosInInput() {
        return false;
    }

    /**
     * How many parallel calls these kernels have made so far: each hands work to the other
     * threads and waits for them (a barrier). For profiles and tests; 0 on one thread.
     */
    default long parallelCalls() {
        return 0;
    }

    /** How many threads these kernels share their work among. */
    default int threads() {
        return 1;
    }

    /**
     * Gives these kernels' threads {@code work} to do while they wait (a worker between parallel
     * calls, the caller for the workers' last pieces), one unit at a time, until it has no unit
     * left or is replaced; null: none. For work independent of the kernels' own, such as the next
     * batch's distortions. Kernels without threads of their own ignore it: whoever gave the work
     * must finish what is left of it.
     */
    default void fillWaitsWith(WaitWork work) {
    }

    /** Work done in small units in the waits of the kernels' threads ({@link #fillWaitsWith}). */
    @FunctionalInterface
    interface WaitWork {
        /**
         * Runs one unit as thread number {@code slice} of the kernels (0 = the caller; for
         * per-thread buffers), or returns false at once if none is left. Must not call the kernels.
         */
        boolean runOne(int slice);
    }

    /** Work on the elements [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** What these kernels are, for benchmark output: e.g. "vector 256-bit, 2 threads". */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * The fastest kernels available for {@code threads} threads: the SIMD kernels when the JVM was
     * started with {@code --add-modules jdk.incubator.vector} (the launcher and the tests do), else
     * the scalar ones. The system property {@code scratchnet.kernels=scalar} forces the scalar ones.
     */
    static Kernels create(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (VectorSupport.available()) {
            Kernels simd = VectorSupport.create(threads);
            if (simd != null) return simd;
        }
        return threads > 1 ? new ParallelKernels(threads) : new ReferenceKernels();
    }
}
