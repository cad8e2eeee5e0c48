package org.scratchnet.tensor;

/**
 * The reference kernels with their output rows shared among the cores by a long-lived
 * {@link WorkerPool}. Every output element is computed by the same loop as in
 * {@link ReferenceKernels}, so the results are identical bit for bit, whatever the number of
 * threads. Small products run on the calling thread alone, where waking helpers would cost more
 * than it saves.
 */
public final class ParallelKernels implements Kernels {
    /** Below this many multiply-adds a product is not worth splitting. */
    private static final long PARALLEL_THRESHOLD = 1L << 17;

    private final WorkerPool pool;
    /** Bᵀ for {@link #aTimesBTransposed}; grows once to the largest weight matrix, then is reused. */
    private float[] transposed = new float[0];

    public ParallelKernels(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.pool = new WorkerPool(threads - 1);
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public void fillWaitsWith(WaitWork work) {
        pool.fillWaitsWith(work);
    }

    @Override
    public long parallelCalls() {
        return pool.calls();
    }

    @Override
    public String describe() {
        return "scalar, " + threads() + (threads() == 1 ? " thread" : " threads");
    }

    // Each product hands its rows to the threads as a lambda that captures its own operands: one
    // small object per call, which the JMH harness shows costs nothing measurable (docs/kernels.md).

    @Override
    public void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        aTimesBTransposed(A, B, bias, C, m, k, n, null);
    }

    /** {@code then} runs on each thread's rows of C right after it computed them. */
    @Override
    public synchronized void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n,
                                               Epilogue then) {
        if (transposed.length < k * n) transposed = new float[k * n];
        float[] Bt = transposed;
        ReferenceKernels.transpose(B, Bt, n, k);
        shareRows(m, (long) m * k * n, (i0, i1) -> {
            ReferenceKernels.rowsOfATimesB(A, Bt, bias, C, k, n, i0, i1);
            if (then != null) then.apply(C, i0 * n, i1 * n);
        });
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        aTimesB(A, B, C, m, k, n, null);
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n, Epilogue then) {
        shareRows(m, (long) m * k * n, (i0, i1) -> {
            ReferenceKernels.rowsOfATimesB(A, B, null, C, k, n, i0, i1);
            if (then != null) then.apply(C, i0 * n, i1 * n);
        });
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        shareRows(m, (long) m * k * n, (i0, i1) -> ReferenceKernels.rowsOfATimesB(A, B, bias, C, k, n, i0, i1));
    }

    @Override
    public void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        aTransposedTimesB(A, B, C, m, k, n, null);
    }

    /** Row i of C is column i of A: a thread adds up the columns of A of its own rows, in row order. */
    @Override
    public void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n, float[] columnSumsOfA) {
        shareRows(m, (long) m * k * n, (i0, i1) -> {
            if (columnSumsOfA != null) columnSums(A, columnSumsOfA, k, m, i0, i1);
            ReferenceKernels.rowsOfATransposedTimesB(A, B, C, m, k, n, i0, i1);
        });
    }

    /** sums[j] = Σ_i A[i, j] for A [rows, n] and the columns j0..j1, the rows in order. */
    private static void columnSums(float[] A, float[] sums, int rows, int n, int j0, int j1) {
        java.util.Arrays.fill(sums, j0, j1, 0f);
        for (int i = 0; i < rows; i++) {
            for (int j = j0; j < j1; j++) sums[j] += A[i * n + j];
        }
    }

    @Override
    public void forEachTask(int count, Range body) {
        if (pool.threads() == 1 || count < 2) body.run(0, count);
        else pool.runRanges(body, count);
    }

    /** Runs {@code rows} over [0, rows) on all threads, or on the calling thread alone if the product is small. */
    private void shareRows(int rows, long work, Range task) {
        if (pool.threads() == 1 || work < PARALLEL_THRESHOLD || rows < 2) task.run(0, rows);
        else pool.runRanges(task, rows);
    }
}
