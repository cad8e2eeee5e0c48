package org.scratchnet.tensor;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GFLOP/s of the three dense-layer products, and of the first layer's zero-skipping pair, per
 * shape and kernel. The {@code flops} counter is in FLOP/s (2·m·k·n per product, the dense count
 * even for the sparse pair, so the numbers compare with the dense ones); divide by 1e9.
 *
 * <pre>
 *   forward   Z  = X·Wᵀ + b    X [m,k], W [n,k]      aTimesBTransposed
 *   inputGrad dX = dZ·W        dZ [m,n], W [n,k]     aTimesB
 *   weightGrad dW = dZᵀ·X      dZ [m,n], X [m,k]     aTransposedTimesB
 *   sparse*   the first layer's pair, X 80% zeros listed by SparseRows and Wᵀ [k,n] stored:
 *             Z = X·Wᵀ + b (sparseATimesB), dWᵀ = Xᵀ·dZ (sparseATransposedTimesB)
 *   octet*    the same pair over lists promised to be reused (SparseRows.expectReuse), as in
 *             full-batch training: the SIMD kernels then use SparseOctets when n ≤ 10
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
@State(Scope.Benchmark)
public class KernelBenchmark {

    /** m x k -> n: W2's layers at batch 128, W1's full batch (60,000 images into 10 units). */
    @Param({"128x784x512", "128x512x512", "128x512x10", "60000x784x10"})
    public String shape;

    /** vector = Kernels.create (SIMD when the module is there), reference = ReferenceKernels. */
    @Param({"vector", "reference"})
    public String kernel;

    @Param({"1", "2"})
    public int threads;

    /** The vector kernels' register tile: auto = TileShape's choice for this machine, else 6x2 or 12x2 forced. */
    @Param({"auto"})
    public String tile;

    int m, k, n;
    Kernels kernels;
    float[] X, W, bias, Z, dZ, dX, dW;
    SparseRows rows = new SparseRows();
    SparseRows reused = new SparseRows();

    @Setup(Level.Trial)
    public void setUp() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        k = Integer.parseInt(s[1]);
        n = Integer.parseInt(s[2]);
        kernels = kernel.equals("reference") ? (threads == 1 ? new ReferenceKernels() : new ParallelKernels(threads))
                : tile.equals("auto") ? Kernels.create(threads)
                : new VectorKernels(threads, Gemm.INDEXED_LOOPS, TileShape.parse(tile));
        SplittableRandom random = new SplittableRandom(1);
        X = new float[m * k];
        for (int i = 0; i < X.length; i++) X[i] = random.nextInt(5) == 0 ? (random.nextInt(255) + 1) / 255f : 0f;
        W = gaussian(n * k, random);
        bias = gaussian(n, random);
        dZ = gaussian(m * n + 64, random);
        Z = new float[m * n];
        dX = new float[m * k];
        dW = new float[n * k];
        rows.index(new ReferenceKernels(), X, m, k, 1f);
        reused.index(new ReferenceKernels(), X, m, k, 1f);
        reused.expectReuse();
    }

    private static float[] gaussian(int size, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = (float) random.nextGaussian();
        return a;
    }

    /** FLOP/s, as a JMH secondary result. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flops {
        public double flops;
    }

    private double flops() {
        return 2.0 * m * k * n;
    }

    @Benchmark
    public float[] forward(Flops f) {
        kernels.aTimesBTransposed(X, W, bias, Z, m, k, n);
        f.flops += flops();
        return Z;
    }

    @Benchmark
    public float[] inputGradient(Flops f) {
        kernels.aTimesB(dZ, W, dX, m, n, k);
        f.flops += flops();
        return dX;
    }

    @Benchmark
    public float[] weightGradient(Flops f) {
        kernels.aTransposedTimesB(dZ, X, dW, n, m, k);
        f.flops += flops();
        return dW;
    }

    @Benchmark
    public float[] sparseForward(Flops f) {
        kernels.sparseATimesB(rows, W, bias, Z, m, k, n);  // W's numbers read as the stored Wᵀ [k, n] of a first layer
        f.flops += flops();
        return Z;
    }

    @Benchmark
    public float[] sparseWeightGradient(Flops f) {
        kernels.sparseATransposedTimesB(rows, dZ, dW, k, m, n);  // dWᵀ = Xᵀ·dZ [k, n]
        f.flops += flops();
        return dW;
    }

    @Benchmark
    public float[] octetForward(Flops f) {
        kernels.sparseATimesB(reused, W, bias, Z, m, k, n);
        f.flops += flops();
        return Z;
    }

    @Benchmark
    public float[] octetWeightGradient(Flops f) {
        kernels.sparseATransposedTimesB(reused, dZ, dW, k, m, n);
        f.flops += flops();
        return dW;
    }
}
