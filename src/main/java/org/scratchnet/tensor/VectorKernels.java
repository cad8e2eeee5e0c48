package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD matrix products with the JDK's Vector API, register-tiled, cache-blocked and shared among
 * the cores by a long-lived {@link WorkerPool}. Only {@link Kernels#create} makes one, after
 * {@link VectorSupport} has checked that the module is there.
 *
 * <p>All three products are one routine, {@link Gemm#run}: C = init + A·B with B [k, n] row-major
 * and A read through two strides, so that Aᵀ costs nothing. The forward product X·Wᵀ first
 * packs Wᵀ into column panels (a cost of out·in against n·out·in multiply-adds).
 *
 * <p>Every output element is the chain {@code c = fma(A[i,p], B[p,j], c)} for p = 0, 1, ..., k-1,
 * starting from the bias or zero, whatever the tile, block or thread that computes it. Work is
 * split among threads only over output elements, so results are the same bits on any number of
 * threads, and differ from {@link ReferenceKernels} (separate multiply and add) only by rounding.
 */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** Below this many multiply-adds a product runs on the calling thread alone. */
    private static final long PARALLEL_THRESHOLD = 1L << 16;

    private final WorkerPool pool;
    private float[] packed = new float[0];

    // The operands of the current call, read by the tasks (one call at a time).
    private float[] A, B, bias, C;
    private int ars, acs, k, m, n;
    private boolean isPacked;
    private final WorkerPool.RangeTask rowTask = (u0, u1) -> gemm(u0 * Gemm.MR, Math.min(m, u1 * Gemm.MR), 0, n);
    private final WorkerPool.RangeTask columnTask = (u0, u1) -> gemm(0, m, u0 * Gemm.NR, Math.min(n, u1 * Gemm.NR));
    private final WorkerPool.RangeTask packTask = (q0, q1) -> Gemm.pack(B, packed, n, k, q0, q1);

    VectorKernels(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.pool = new WorkerPool(threads - 1);
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public String describe() {
        return "vector " + S.vectorBitSize() + "-bit, " + threads() + (threads() == 1 ? " thread" : " threads");
    }

    @Override
    public synchronized void matmulTransB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        int size = Gemm.packedSize(k, n);
        if (packed.length < size) packed = new float[size];
        int panels = (n + Gemm.NR - 1) / Gemm.NR;
        this.B = B;
        this.n = n;
        this.k = k;
        try {
            if (threads() > 1 && panels > 1 && (long) k * n >= 1 << 14) pool.run(packTask, panels);
            else Gemm.pack(B, packed, n, k, 0, panels);
        } finally {
            this.B = null;
        }
        product(A, k, 1, packed, true, bias, C, m, k, n);
    }

    @Override
    public synchronized void matmul(float[] A, float[] B, float[] C, int m, int k, int n) {
        product(A, k, 1, B, false, null, C, m, k, n);
    }

    @Override
    public synchronized void matmulTransA(float[] A, float[] B, float[] C, int k, int m, int n) {
        product(A, 1, m, B, false, null, C, m, k, n);
    }

    private void gemm(int i0, int i1, int j0, int j1) {
        if (isPacked) Gemm.runPacked(A, ars, acs, B, bias, C, n, k, i0, i1, j0, j1);
        else Gemm.run(A, ars, acs, B, n, bias, C, n, k, i0, i1, j0, j1);
    }

    /**
     * C[m,n] = bias + A·B with A(i,p) = A[i*ars + p*acs] and B [k, n] row-major or packed,
     * split among the threads.
     */
    private void product(float[] A, int ars, int acs, float[] B, boolean isPacked, float[] bias, float[] C,
                         int m, int k, int n) {
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) C[i * n + j] = bias == null ? 0f : bias[j];
            }
            return;
        }
        int threads = threads();
        int rowUnits = (m + Gemm.MR - 1) / Gemm.MR;
        int columnUnits = (n + Gemm.NR - 1) / Gemm.NR;
        this.A = A;
        this.ars = ars;
        this.acs = acs;
        this.B = B;
        this.bias = bias;
        this.C = C;
        this.k = k;
        this.m = m;
        this.n = n;
        this.isPacked = isPacked;
        try {
            if (threads == 1 || (long) m * k * n < PARALLEL_THRESHOLD || (rowUnits < threads && columnUnits < threads)) {
                gemm(0, m, 0, n);
                return;
            }
            // Rows when there are enough for every thread to get several tiles, else columns.
            if (rowUnits >= 4 * threads || rowUnits >= columnUnits) pool.run(rowTask, rowUnits);
            else pool.run(columnTask, columnUnits);
        } finally {
            this.A = this.B = this.bias = this.C = null;
        }
    }
}
