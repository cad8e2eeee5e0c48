package org.scratchnet.tensor;

/**
 * The matrix kernels a dense network needs, behind one small, replaceable interface.
 *
 * <p>All matrices are contiguous, row-major {@code float[]}. A dense layer's training step uses
 * exactly three products (shapes as {@code [rows, cols]}):
 * <pre>
 *   forward      Z  = X · Wᵀ + b     X [n, in],   W [out, in]  ->  Z  [n, out]    matmulTransB
 *   input grad   dX = dZ · W         dZ [n, out], W [out, in]  ->  dX [n, in]     matmul
 *   weight grad  dW = dZᵀ · X        dZ [n, out], X [n, in]    ->  dW [out, in]   matmulTransA
 * </pre>
 * {@link ReferenceKernels} is the plain, readable implementation and the test oracle for any
 * faster one; {@link ParallelKernels}, the default on a multi-core machine, shares its rows among
 * the cores and gives the same bits. Outputs are overwritten, never accumulated into. Implementations must not allocate
 * per call once warmed up (scratch space may grow once and is then reused).
 */
public interface Kernels {

    /** C[m,n] = A[m,k] · B[n,k]ᵀ, plus {@code bias[n]} added to every row when bias is not null. */
    void matmulTransB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n);

    /** C[m,n] = A[m,k] · B[k,n]. */
    void matmul(float[] A, float[] B, float[] C, int m, int k, int n);

    /** C[m,n] = A[k,m]ᵀ · B[k,n]. */
    void matmulTransA(float[] A, float[] B, float[] C, int k, int m, int n);

    /** A short description for benchmark output, e.g. "ParallelKernels, 2 threads". */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** The best kernels available for {@code threads} threads. */
    static Kernels create(int threads) {
        return threads > 1 ? new ParallelKernels(threads) : new ReferenceKernels();
    }

    /** The kernels in use. Replaceable so that faster kernels can be swapped in and compared. */
    static Kernels current() {
        Kernels own = Holder.thisThread.get();
        return own != null ? own : Holder.current;
    }

    /**
     * Gives the calling thread kernels of its own (null: back to the process-wide ones), so that
     * independent trainings can run side by side, each on its own kernels and threads.
     */
    static void useOnThisThread(Kernels kernels) {
        if (kernels == null) Holder.thisThread.remove();
        else Holder.thisThread.set(kernels);
    }

    static void use(Kernels kernels) {
        Holder.current = kernels;
    }

    /** Holds the process-wide choice of kernels. */
    final class Holder {
        private static final ThreadLocal<Kernels> thisThread = new ThreadLocal<>();
        private static volatile Kernels current = Runtime.getRuntime().availableProcessors() > 1
                ? new ParallelKernels(Runtime.getRuntime().availableProcessors())
                : new ReferenceKernels();

        private Holder() {}
    }
}
