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
 * images) and of one image through W2, in the order the network makes them: what a parallel
 * call's operands object costs is seen here, against all the work around it. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per step (divide by
 * {@link #STEP_CALLS}) or per image (by {@link #IMAGE_CALLS}); see docs/kernels.md.
 *
 * <pre>
 *   forward    list X's nonzeros; Z1 = X·W1ᵀ + b1 (sparse, W1ᵀ stored); A1 = relu(Z1);
 *              Z2 = A1·W2ᵀ + b2; A2 = relu(Z2); Z3 = A2·W3ᵀ + b3; dZ3 = softmax(Z3) - Y (per row)
 *   backward   db3, dW3 = dZ3ᵀ·A2, dA2 = dZ3·W3; dZ2 = relu'(dA2); db2, dW2 = dZ2ᵀ·A1, dA1 = dZ2·W2;
 *              dZ1 = relu'(dA1); db1, dW1ᵀ = Xᵀ·dZ1 (sparse)
 *   update     W -= α·dW for the six parameters, element-wise on the kernels' threads
 *   one image  z = x·Wᵀ + b for the three layers from the lists of nonzero inputs
 * </pre>
 * The element-wise bodies (ReLU, softmax, update) are simple stand-ins for the network's, enough
 * to make the same calls of the same sizes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
@State(Scope.Benchmark)
public class TrainingStepBenchmark {
    /** Kernel calls per {@link #trainingStep}: 1 listing, 6 products, 2 sparse products, 3 column sums, 2 ReLU backward, 2 ReLU forward, 1 softmax, 6 updates. */
    public static final int STEP_CALLS = 23;
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
    float[] Z1, A1, Z2, A2, Z3, dZ3, dA2, dZ2, dA1, dZ1;
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
        SparseRows listed = nonzeros.index(K, X, n, IN, SparseRows.DEFAULT_MAX_DENSITY) ? nonzeros : null;
        if (listed != null) K.sparseATimesB(listed, W1t, b1, Z1, n, IN, HIDDEN);
        else K.aTimesB(X, W1t, b1, Z1, n, IN, HIDDEN);
        K.forEachRange(n * HIDDEN, relu1);
        K.aTimesBTransposed(A1, W2, b2, Z2, n, HIDDEN, HIDDEN);
        K.forEachRange(n * HIDDEN, relu2);
        K.aTimesBTransposed(A2, W3, b3, Z3, n, HIDDEN, CLASSES);
        K.forEachRange(n, softmax);
        // backward
        K.columnSums(dZ3, db3, n, CLASSES);
        K.aTransposedTimesB(dZ3, A2, dW3, CLASSES, n, HIDDEN);
        K.aTimesB(dZ3, W3, dA2, n, CLASSES, HIDDEN);
        K.reluBackward(A2, dA2, dZ2, n * HIDDEN);
        K.columnSums(dZ2, db2, n, HIDDEN);
        K.aTransposedTimesB(dZ2, A1, dW2, HIDDEN, n, HIDDEN);
        K.aTimesB(dZ2, W2, dA1, n, HIDDEN, HIDDEN);
        K.reluBackward(A1, dA1, dZ1, n * HIDDEN);
        K.columnSums(dZ1, db1, n, HIDDEN);
        if (listed != null) K.sparseATransposedTimesB(listed, dZ1, dW1t, IN, n, HIDDEN);
        else K.aTransposedTimesB(X, dZ1, dW1t, IN, n, HIDDEN);
        // update
        for (int p = 0; p < updates.length; p++) K.forEachRange(parameters[p].length, updates[p]);
        return W3;
    }

    // The element-wise bodies, made once as the network's layers make theirs, so that the
    // benchmark itself allocates nothing per step.
    Kernels.Range relu1, relu2, softmax;
    float[][] parameters;
    Kernels.Range[] updates;

    private void makeBodies() {
        relu1 = relu(Z1, A1);
        relu2 = relu(Z2, A2);
        softmax = (from, to) -> softmaxGradient(Z3, dZ3, from, to);
        parameters = new float[][] {W1t, b1, W2, b2, W3, b3};
        float[][] gradients = {dW1t, db1, dW2, db2, dW3, db3};
        updates = new Kernels.Range[parameters.length];
        for (int p = 0; p < updates.length; p++) updates[p] = update(parameters[p], gradients[p]);
    }

    private static Kernels.Range relu(float[] Z, float[] A) {
        return (from, to) -> {
            for (int i = from; i < to; i++) A[i] = Math.max(Z[i], 0f);
        };
    }

    /** W -= α·dW with a tiny α, so that the weights stay as they are for every step measured. */
    private static Kernels.Range update(float[] W, float[] dW) {
        return (from, to) -> {
            for (int i = from; i < to; i++) W[i] -= 1e-30f * dW[i];
        };
    }

    /** dZ = softmax(Z) - Y for rows from..to, Y the one-hot class (row mod 10). */
    private static void softmaxGradient(float[] Z, float[] dZ, int from, int to) {
        for (int i = from; i < to; i++) {
            int o = i * CLASSES;
            float max = Float.NEGATIVE_INFINITY, sum = 0f;
            for (int j = 0; j < CLASSES; j++) max = Math.max(max, Z[o + j]);
            for (int j = 0; j < CLASSES; j++) sum += (dZ[o + j] = (float) Math.exp(Z[o + j] - max));
            for (int j = 0; j < CLASSES; j++) dZ[o + j] = dZ[o + j] / sum / BATCH;
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
