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
    private float[] transposed = new float[0];

    // The operands of the current call, read by the row tasks (one call at a time).
    private float[] A, B, bias, C;
    private int k, m, n;
    private final WorkerPool.RangeTask transBTask =
            (i0, i1) -> ReferenceKernels.transBRows(A, transposed, bias, C, k, n, i0, i1);
    private final WorkerPool.RangeTask nnBiasTask =
            (i0, i1) -> ReferenceKernels.transBRows(A, B, bias, C, k, n, i0, i1);
    private final WorkerPool.RangeTask nnTask = (i0, i1) -> ReferenceKernels.nnRows(A, B, C, k, n, i0, i1);
    private final WorkerPool.RangeTask tnTask = (i0, i1) -> ReferenceKernels.tnRows(A, B, C, k, m, n, i0, i1);

    public ParallelKernels(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.pool = new WorkerPool(threads - 1);
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public String describe() {
        return "scalar, " + threads() + (threads() == 1 ? " thread" : " threads");
    }

    @Override
    public synchronized void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        if (transposed.length < k * n) transposed = new float[k * n];
        ReferenceKernels.transpose(B, transposed, n, k);
        set(A, null, bias, C, k, m, n);
        split(transBTask, m, (long) m * k * n);
    }

    @Override
    public synchronized void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        set(A, B, null, C, k, m, n);
        split(nnTask, m, (long) m * k * n);
    }

    @Override
    public synchronized void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        set(A, B, bias, C, k, m, n);
        split(nnBiasTask, m, (long) m * k * n);
    }

    @Override
    public synchronized void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        set(A, B, null, C, k, m, n);
        split(tnTask, m, (long) m * k * n);
    }

    @Override
    public void forEachTask(int count, Range body) {
        if (pool.threads() == 1 || count < 2) body.run(0, count);
        else pool.runRanges(body, count);
    }

    private void set(float[] A, float[] B, float[] bias, float[] C, int k, int m, int n) {
        this.A = A;
        this.B = B;
        this.bias = bias;
        this.C = C;
        this.k = k;
        this.m = m;
        this.n = n;
    }

    private void split(WorkerPool.RangeTask task, int rows, long work) {
        if (pool.threads() == 1 || work < PARALLEL_THRESHOLD || rows < 2) task.run(0, rows);
        else pool.run(task, rows);
        A = B = bias = C = null;
    }
}
