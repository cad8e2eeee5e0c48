package org.scratchnet.tensor;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The kernel calls of one W2 training step (784-512-512-10, ReLU, a batch of 128 MNIST-like
 * images) and of one image through W2, in the order the fast engine makes them (each activation
 * in the write-out of the product before it, each derivative in the next layer's input gradient,
 * each bias gradient beside its weight gradient, one update over every parameter): what a
 * parallel call's operands object costs is seen here, against all the work around it. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per step (divide by
 * {@link #STEP_CALLS}) or per image (by {@link #IMAGE_CALLS}); see docs/kernels.md.
 *
 * <pre>
 *   forward    describe X (list its nonzeros only if the kernels need lists); Z1 = X·W1ᵀ + b1 then A1 = relu(Z1) (sparse, W1ᵀ stored);
 *              Z2 = A1·W2ᵀ + b2 then A2 = relu(Z2); Z3 = A2·W3ᵀ + b3; P = softmax(Z3) (per row)
 *   backward   dZ3 = P - Y (per row); dW3 = dZ3ᵀ·A2 with db3; dA2 = dZ3·W3 then dZ2 = relu'(dA2); dW2 = dZ2ᵀ·A1 with db2;
 *              dA1 = dZ2·W2 then dZ1 = relu'(dA1); dW1ᵀ = Xᵀ·dZ1 with db1 (sparse)
 *   update     W -= α·dW for the six parameters, in one element-wise call on the kernels' threads
 *   one image  z = x·Wᵀ + b for the three layers from the lists of nonzero inputs
 * </pre>
 * The element-wise bodies (softmax, update) are simple stand-ins for the network's, enough to
 * make the same calls of the same sizes. FusedLayersTest counts the network's own calls per W2
 * step; this benchmark makes as many.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
@State(Scope.Benchmark)
public class TrainingStepBenchmark {
    /**
     * Kernel calls per {@link #trainingStep}, as the vector kernels on two threads count them
     * ({@code Kernels.parallelCalls}): 3 products forward and 2 input
     * gradients (the ReLUs and their derivatives in them), 3 weight gradients (the bias gradients
     * in them), 1 update. The first layer's tiles find the pixels in X themselves, so the batch is
     * not listed (2 calls more on kernels that need the lists); the softmax's 128 rows run on the
     * caller, too few to share. The network's step makes one call more, gathering the batch
     * (FusedLayersTest counts them).
     */
    public static final int STEP_CALLS = 9;
    /** Kernel calls per {@link #oneImage}. */
    public static final int IMAGE_CALLS = 3;

    static final int BATCH = 128, IN = 784, HIDDEN = 512, CLASSES = 10;

    /** vector = Kernels.create (SIMD when the module is there), scalar = ReferenceKernels / ParallelKernels. */
    @Param({"vector", "scalar"})
    public String kernel;

    @Param({"1", "2"})
    public int threads;

    /** The vector kernels' register tile: auto = TileShape's choice for this machine, else 6x2 or 12x2 forced. */
    @Param({"auto"})
    public String tile;

    Kernels kernels;
    final SparseRows nonzeros = new SparseRows();
    float[] X, W1t, b1, W2, b2, W3, b3;
    float[] Z1, A1, Z2, A2, Z3, P3, dZ3, dA2, dZ2, dA1, dZ1;
    float[] dW1t, db1, dW2, db2, dW3, db3;
    float[] x;
    int[] index1, index2, index3;
    float[] value1, value2, value3, z1, z2, z3;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = kernel.equals("scalar") ? (threads == 1 ? new ReferenceKernels() : new ParallelKernels(threads))
                : tile.equals("auto") ? Kernels.create(threads)
                : new VectorKernels(threads, Gemm.INDEXED_LOOPS, TileShape.parse(tile));
        SplittableRandom random = new SplittableRandom(1);
        X = new float[BATCH * IN];
        for (int i = 0; i < X.length; i++) X[i] = random.nextInt(5) == 0 ? random.nextInt(1, 256) / 255f : 0f;
        W1t = gaussian(IN * HIDDEN, 0.05, random);
        W2 = gaussian(HIDDEN * HIDDEN, 0.06, random);
        W3 = gaussian(CLASSES * HIDDEN, 0.06, random);
        b1 = gaussian(HIDDEN, 0.01, random);
        b2 = gaussian(HIDDEN, 0.01, random);
        b3 = gaussian(CLASSES, 0.01, random);
        // Room past the end, as the network's workspaces have, so the SIMD kernels copy nothing.
        Z1 = new float[BATCH * HIDDEN + 64];
        A1 = new float[BATCH * HIDDEN + 64];
        Z2 = new float[BATCH * HIDDEN + 64];
        A2 = new float[BATCH * HIDDEN + 64];
        Z3 = new float[BATCH * CLASSES + 64];
        P3 = new float[BATCH * CLASSES + 64];
        dZ3 = new float[BATCH * CLASSES + 64];
        dA2 = new float[BATCH * HIDDEN + 64];
        dZ2 = new float[BATCH * HIDDEN + 64];
        dA1 = new float[BATCH * HIDDEN + 64];
        dZ1 = new float[BATCH * HIDDEN + 64];
        dW1t = new float[IN * HIDDEN];
        dW2 = new float[HIDDEN * HIDDEN];
        dW3 = new float[CLASSES * HIDDEN];
        db1 = new float[HIDDEN];
        db2 = new float[HIDDEN];
        db3 = new float[CLASSES];
        x = java.util.Arrays.copyOf(X, IN);
        index1 = new int[IN];
        value1 = new float[IN];
        index2 = new int[HIDDEN];
        index3 = new int[HIDDEN];
        value2 = new float[HIDDEN];
        value3 = new float[HIDDEN];
        z1 = new float[HIDDEN];
        z2 = new float[HIDDEN];
        z3 = new float[CLASSES];
        // W2 and W3 as a snapshot for one image stores them: transposed, [in, out].
        W2t = new float[HIDDEN * HIDDEN];
        W3t = new float[HIDDEN * CLASSES];
        ReferenceKernels.transpose(W2, W2t, HIDDEN, HIDDEN);
        ReferenceKernels.transpose(W3, W3t, CLASSES, HIDDEN);
        makeBodies();
    }

    float[] W2t, W3t;

    private static float[] gaussian(int size, double scale, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = (float) (scale * random.nextGaussian());
        return a;
    }

    @Benchmark
    public float[] trainingStep() {
        Kernels K = kernels;
        int n = BATCH;
        // forward
        SparseRows listed = nonzeros.describe(K, X, n, IN, SparseRows.DEFAULT_MAX_DENSITY) ? nonzeros : null;
        if (listed != null) K.sparseATimesB(listed, W1t, b1, Z1, n, IN, HIDDEN, relu1);
        else {  // not with this X (a fifth of its pixels are nonzero), but as the network would
            K.aTimesB(X, W1t, b1, Z1, n, IN, HIDDEN);
            K.forEachRange(n * HIDDEN, (from, to) -> relu1.apply(Z1, from, to));
        }
        K.aTimesBTransposed(A1, W2, b2, Z2, n, HIDDEN, HIDDEN, relu2);
        K.aTimesBTransposed(A2, W3, b3, Z3, n, HIDDEN, CLASSES);
        K.forEachRange(n, softmax);
        // backward
        K.forEachRange(n, softmaxGradient);
        K.aTransposedTimesB(dZ3, A2, dW3, CLASSES, n, HIDDEN, db3);
        K.aTimesB(dZ3, W3, dA2, n, CLASSES, HIDDEN, reluGradient2);
        K.aTransposedTimesB(dZ2, A1, dW2, HIDDEN, n, HIDDEN, db2);
        K.aTimesB(dZ2, W2, dA1, n, HIDDEN, HIDDEN, reluGradient1);
        if (listed != null) K.sparseATransposedTimesB(listed, dZ1, dW1t, IN, n, HIDDEN, db1);
        else {
            K.aTransposedTimesB(X, dZ1, dW1t, IN, n, HIDDEN);
            K.columnSums(dZ1, db1, n, HIDDEN);
        }
        // update
        K.forEachRange(parameterCount, update);
        return W3;
    }

    // The element-wise bodies, made once as the network's layers make theirs, so that the
    // benchmark itself allocates nothing per step.
    Epilogue relu1, relu2, reluGradient1, reluGradient2;
    Kernels.Range softmax, softmaxGradient, update;
    int parameterCount;

    private void makeBodies() {
        relu1 = Epilogue.relu(A1);
        relu2 = Epilogue.relu(A2);
        reluGradient1 = Epilogue.reluGradient(A1, dZ1);
        reluGradient2 = Epilogue.reluGradient(A2, dZ2);
        softmax = (from, to) -> softmax(Z3, P3, from, to);
        softmaxGradient = (from, to) -> softmaxGradient(P3, dZ3, from, to);
        float[][] parameters = {W1t, b1, W2, b2, W3, b3};
        float[][] gradients = {dW1t, db1, dW2, db2, dW3, db3};
        int[] start = new int[parameters.length + 1];
        for (int p = 0; p < parameters.length; p++) start[p + 1] = start[p] + parameters[p].length;
        parameterCount = start[parameters.length];
        update = (from, to) -> update(parameters, gradients, start, from, to);
    }

    /**
     * W -= α·dW over the elements [from, to) of all parameters laid end to end, with a tiny α so
     * that the weights stay as they are for every step measured.
     */
    private static void update(float[][] W, float[][] dW, int[] start, int from, int to) {
        for (int p = 0; p < W.length; p++) {
            int lo = Math.max(from, start[p]) - start[p], hi = Math.min(to, start[p + 1]) - start[p];
            for (int i = lo; i < hi; i++) W[p][i] -= 1e-30f * dW[p][i];
        }
    }

    /** P = softmax(Z) for rows from..to. */
    private static void softmax(float[] Z, float[] P, int from, int to) {
        for (int i = from; i < to; i++) {
            int o = i * CLASSES;
            float max = Float.NEGATIVE_INFINITY, sum = 0f;
            for (int j = 0; j < CLASSES; j++) max = Math.max(max, Z[o + j]);
            for (int j = 0; j < CLASSES; j++) sum += (P[o + j] = (float) Math.exp(Z[o + j] - max));
            for (int j = 0; j < CLASSES; j++) P[o + j] /= sum;
        }
    }

    /** dZ = (P - Y) / batch for rows from..to, Y the one-hot class (row mod 10). */
    private static void softmaxGradient(float[] P, float[] dZ, int from, int to) {
        for (int i = from; i < to; i++) {
            int o = i * CLASSES;
            for (int j = 0; j < CLASSES; j++) dZ[o + j] = P[o + j] / BATCH;
            dZ[o + i % CLASSES] -= 1f / BATCH;
        }
    }

    @Benchmark
    public float[] oneImage() {
        Kernels K = kernels;
        int count = list(x, IN, index1, value1);
        K.vectorTimesMatrix(index1, value1, count, W1t, b1, z1, HIDDEN);
        count = listPositive(z1, HIDDEN, index2, value2);
        K.vectorTimesMatrix(index2, value2, count, W2t, b2, z2, HIDDEN);
        count = listPositive(z2, HIDDEN, index3, value3);
        K.vectorTimesMatrix(index3, value3, count, W3t, b3, z3, CLASSES);
        return z3;
    }

    /** The nonzeros of v [size], as a list. */
    private static int list(float[] v, int size, int[] index, float[] value) {
        int count = 0;
        for (int p = 0; p < size; p++) {
            if (v[p] != 0f) {
                index[count] = p;
                value[count++] = v[p];
            }
        }
        return count;
    }

    /** The units of z [size] that a ReLU lets through, as a list. */
    private static int listPositive(float[] z, int size, int[] index, float[] value) {
        int count = 0;
        for (int p = 0; p < size; p++) {
            if (z[p] > 0f) {
                index[count] = p;
                value[count++] = z[p];
            }
        }
        return count;
    }
}
