package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link Kernels}, run against every implementation: {@link ReferenceKernels},
 * {@link ParallelKernels} on 1, 2 and 3 threads, and {@code VectorKernels} on 1, 2 and 3
 * threads with either loop shape ({@link Gemm#INDEXED_LOOPS}) and each register tile
 * ({@link TileShape}: the AVX2 one and the AVX-512 one, both forced whatever this machine is),
 * and with the first layer's products per nonzero ({@link SparseGemm}) and in register tiles
 * ({@link SparseTiles}): the kernels above take this machine's choice, three more the other.
 *
 * <p>The oracle is the exact sum, computed in double from the same float inputs. Every result
 * must lie within the worst-case error of float summation, (terms + 4)·2⁻²⁴·Σ|terms| (Higham's
 * γ bound, whatever the order of the additions and with or without fma; the 4 covers the bias
 * and the octet kernels' division by 255); so any implementation agrees with ReferenceKernels
 * within twice that, which is checked too. Dropping or doubling one term breaks the bound by an
 * order of magnitude on every shape here. Shapes are ragged on purpose: single rows and
 * columns, sizes that are no multiple of any vector width, fewer rows than threads, depths
 * longer than a cache block. Outputs start as NaN, so a kernel that adds into them fails.
 * Beyond rounding: ParallelKernels gives the reference's bits, and each kind of kernels gives
 * the same bits on any number of threads, either loop shape and either tile.
 */
class KernelContractTest {

    private static final ReferenceKernels REFERENCE = new ReferenceKernels();
    /** Every kind of kernels, each on the thread counts and loop shapes it has (the first: the reference). */
    private static final Map<String, List<Named<Kernels>>> KINDS = new HashMap<>();

    static {
        List<Named<Kernels>> scalar = new ArrayList<>(), vector = new ArrayList<>();
        scalar.add(Named.of("reference", REFERENCE));
        for (int threads = 1; threads <= 3; threads++) {
            scalar.add(Named.of("parallel, " + threads + " threads", new ParallelKernels(threads)));
        }
        for (TileShape tile : TileShape.values()) {  // every tile on this machine, whichever the chooser picks here
            for (boolean indexed : new boolean[] {true, false}) {
                for (int threads = 1; threads <= 3; threads++) {
                    vector.add(Named.of("vector, " + threads + " threads, " + (indexed ? "indexed" : "plain") + " loop, tile "
                            + tile, new VectorKernels(threads, indexed, tile)));
                }
            }
        }
        boolean sparseTiles = !VectorKernels.sparseTilesForThisMachine();  // the first layer's other kernels than this machine's
        for (int threads = 1; threads <= 3; threads++) {
            vector.add(Named.of("vector, " + threads + " threads, first layer " + (sparseTiles ? "in tiles" : "per nonzero"),
                    new VectorKernels(threads, Gemm.INDEXED_LOOPS, TileShape.SIX_BY_TWO, sparseTiles)));
        }
        for (int threads = 1; threads <= 3; threads++) {  // products one vector wide in the tiles rather than narrow
            vector.add(Named.of("vector, " + threads + " threads, narrow products in tiles",
                    new VectorKernels(threads, Gemm.INDEXED_LOOPS, TileShape.forThisMachine(VectorKernels.S.vectorBitSize()),
                            VectorKernels.sparseTilesForThisMachine(), false)));
        }
        // The octets of a narrow first layer over a reused input in the lanes this machine does not
        // choose (8 and 16 rows add their sums in another order: a kind of its own).
        List<Named<Kernels>> otherOctets = new ArrayList<>();
        int lanes = VectorKernels.octetLanesForThisMachine() == 16 ? 8 : 16;
        for (int threads = 1; threads <= 3; threads++) {
            otherOctets.add(Named.of("vector, " + threads + " threads, octets of " + lanes + " rows",
                    new VectorKernels(threads, Gemm.INDEXED_LOOPS, TileShape.forThisMachine(VectorKernels.S.vectorBitSize()),
                            VectorKernels.sparseTilesForThisMachine(), true, lanes)));
        }
        KINDS.put("scalar", scalar);
        KINDS.put("vector", vector);
        KINDS.put("vector, other octets", otherOctets);
    }

    static Stream<Named<Kernels>> implementations() {
        return kinds().flatMap(kind -> KINDS.get(kind).stream());
    }

    static Stream<String> kinds() {
        return Stream.of("scalar", "vector", "vector, other octets");
    }

    private static final int[][] SHAPES = {  // m, k, n
            {1, 1, 1}, {1, 784, 10}, {2, 3, 5}, {3, 1, 7}, {7, 13, 5}, {33, 17, 1}, {1, 5, 33}, {5, 1, 100},
            {1, 5, 9}, {9, 1, 4}, {16, 64, 32}, {9, 300, 17}, {128, 784, 256}, {128, 512, 10}, {31, 600, 47},
            {300, 64, 10}, {5, 300, 300}, {1000, 10, 10}, {2, 1100, 3}, {64, 257, 65}, {17, 33, 31}, {96, 520, 200}, {600, 500, 20},
            {130, 128, 512}, {6000, 10, 10}, {10, 6000, 10}, {16, 999, 16}, {3, 2001, 7}, {1001, 16, 16}, {257, 7, 3},
            {8, 40, 12}, {13, 70, 16}};

    /**
     * Batch m of pixel-like rows (k inputs), n outputs, and what the rows hold (pixels when not
     * given). Several blocks of rows or octets in {1100, 40, 9} and on; for the tiles of the first
     * layer (n at least 8 vectors): rows past the last group of three images, pixels past the last
     * group of four, columns past the wide ones, several blocks of rows, empty rows, an all-zero
     * batch and a batch without zeros.
     */
    private static final int[][] SPARSE_SHAPES = {
            {1, 1, 1}, {1, 784, 10}, {3, 7, 5}, {2, 50, 33}, {7, 13, 64}, {8, 50, 10}, {9, 31, 7}, {64, 784, 100},
            {128, 784, 512}, {130, 200, 10}, {5, 784, 10}, {40, 31, 97}, {1, 300, 200}, {300, 20, 1}, {100, 50, 11},
            {511, 60, 10}, {1100, 40, 9}, {4100, 25, 10}, {9000, 60, 10}, {700, 50, 300},
            {130, 785, 256}, {2, 9, 128}, {131, 787, 130}, {1000, 30, 128}, {12, 6, 512},
            {130, 785, 256, Sparse.EMPTY_ROWS}, {31, 40, 300, Sparse.EMPTY_ROWS}, {130, 785, 256, Sparse.ALL_ZERO},
            {7, 50, 130, Sparse.ALL_ZERO}, {130, 785, 256, Sparse.DENSE}, {11, 30, 300, Sparse.DENSE}};

    // ---- the three dense products ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void theThreeProductsGiveTheExactSumsWithinRounding(Kernels kernels) {
        for (int[] s : SHAPES) {
            Dense d = Dense.of(s[0], s[1], s[2]);
            for (DenseProduct p : DenseProduct.values()) {
                for (boolean withBias : p.hasBias ? new boolean[] {true, false} : new boolean[] {false}) {
                    float[] C = p.run(kernels, d, withBias);
                    assertWithinRounding(C, d.exact(p, withBias), d.reference(p, withBias), d.k, p.label(withBias) + " " + d);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void smallProductsComputedByHand(Kernels kernels) {
        // A = [[1,2],[3,4]], B = [[5,6],[7,8]]
        float[] A = {1, 2, 3, 4}, B = {5, 6, 7, 8}, C = new float[4];
        kernels.aTimesBTransposed(A, B, null, C, 2, 2, 2);
        assertThat(C).containsExactly(17f, 23f, 39f, 53f);
        kernels.aTimesBTransposed(A, B, new float[] {0.5f, -1f}, C, 2, 2, 2);
        assertThat(C).containsExactly(17.5f, 22f, 39.5f, 52f);
        kernels.aTimesB(A, B, C, 2, 2, 2);
        assertThat(C).containsExactly(19f, 22f, 43f, 50f);
        kernels.aTimesB(A, B, new float[] {1f, 2f}, C, 2, 2, 2);
        assertThat(C).containsExactly(20f, 24f, 44f, 52f);
        kernels.aTransposedTimesB(A, B, C, 2, 2, 2);
        assertThat(C).containsExactly(26f, 30f, 38f, 44f);
        // [1, 2, 3] [3 x 2] -> 1 x 2, and its transposed forms
        float[] row = {1, 2, 3}, M = {1, 0, 0, 1, 1, 1}, out = new float[2];
        kernels.aTimesB(row, M, out, 1, 3, 2);
        assertThat(out).containsExactly(4f, 5f);
        kernels.aTransposedTimesB(row, M, out, 1, 3, 2);  // row stored [3, 1]: the same product
        assertThat(out).containsExactly(4f, 5f);
        // An all-zero input gives the bias alone.
        float[] Z = {9f, 9f, 9f, 9f};
        kernels.aTimesBTransposed(new float[6], new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, -1f}, Z, 2, 3, 2);
        assertThat(Z).containsExactly(0.5f, -1f, 0.5f, -1f);
    }

    // ---- the first layer's products over listed nonzeros ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void sparseProductsGiveTheDenseResultsWithinRounding(Kernels kernels) {
        for (int[] s : SPARSE_SHAPES) {
            Sparse d = Sparse.of(s);
            for (Listing listing : Listing.values()) {  // reused lists: octets in the SIMD kernels when n <= 10
                SparseRows X = listing.make(kernels, d);
                String what = " " + listing + " " + d;
                for (int twice = 0; twice < 2; twice++) {  // workspaces reused: nothing left behind
                    float[] Z = nans(d.m * d.n);
                    kernels.sparseATimesB(X, d.Wt, d.bias, Z, d.m, d.k, d.n);
                    assertWithinRounding(Z, d.forward, d.referenceForward, d.k, "sparse X·Wᵀ+b" + what);
                    float[] dWt = nans(d.k * d.n);
                    kernels.sparseATransposedTimesB(X, d.dZ, dWt, d.k, d.m, d.n);
                    assertWithinRounding(dWt, d.weightGradient, d.referenceWeightGradient, d.m, "sparse Xᵀ·dZ" + what);
                }
            }
        }
    }

    // ---- one example through a layer ----

    private static final int[][] VECTOR_SHAPES = {  // k inputs, n outputs: below a block, W2's 512, ragged
            {784, 512}, {784, 520}, {512, 512}, {512, 10}, {40, 1}, {300, 130}, {784, 1000}, {3, 700}, {1, 1}};

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void vectorTimesMatrixGivesTheExactSumsWithinRounding(Kernels kernels) {
        for (int[] s : VECTOR_SHAPES) {
            OneExample e = OneExample.of(s[0], s[1]);
            for (boolean withBias : new boolean[] {true, false}) {
                float[] z = nans(e.n);
                kernels.vectorTimesMatrix(e.index, e.value, e.count, e.Bt, withBias ? e.bias : null, z, e.n);
                assertWithinRounding(z, e.exact(withBias), e.reference(withBias), e.count,
                        "x·Wᵀ" + (withBias ? "+b " : " ") + e.k + "x" + e.n);
            }
        }
    }

    // ---- element-wise work and reductions ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void reluBackwardPassesExactlyTheGradientsOfActiveUnits(Kernels kernels) {
        for (int size : new int[] {1, 7, 33, 1000, 100_003}) {  // the last one large enough to be shared
            SplittableRandom random = new SplittableRandom(size);
            float[] A = sparseRandom(size, random), dA = sparseRandom(size, random);
            for (int i = 0; i < size; i += 3) A[i] = -A[i];
            A[0] = -0f;
            if (size > 5) A[5] = Float.NaN;
            float[] dZ = nans(size + 3);
            kernels.reluBackward(A, dA, dZ, size);
            float[] expected = new float[size];
            for (int i = 0; i < size; i++) expected[i] = A[i] > 0f ? dA[i] : 0f;
            assertThat(Arrays.copyOf(dZ, size)).as("relu' on %d", size).isEqualTo(expected);
            assertThat(Float.isNaN(dZ[size])).as("nothing written past the size").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void columnSumsAddTheRowsInOrder(Kernels kernels) {
        int[][] shapes = {{1, 1}, {3, 7}, {128, 10}, {128, 512}, {60_000, 10}, {5, 1000}, {1000, 33}, {0, 4}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1];
            float[] A = sparseRandom(m * n, new SplittableRandom(m + 31L * n));
            float[] expected = new float[n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) expected[j] += A[i * n + j];
            }
            float[] sums = nans(n);
            kernels.columnSums(A, sums, m, n);
            assertThat(sums).as("column sums of %dx%d", m, n).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void forEachRangeAndForEachTaskCoverEveryIndexExactlyOnce(Kernels kernels) {
        for (int total : new int[] {0, 1, 2, 3, 7, 100, (1 << 15) + 3, 100_000}) {
            for (boolean tasks : new boolean[] {false, true}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(total);
                Kernels.Range body = (from, to) -> {
                    assertThat(from).isBetween(0, to);
                    assertThat(to).isLessThanOrEqualTo(total);
                    for (int i = from; i < to; i++) seen.incrementAndGet(i);
                };
                if (tasks) kernels.forEachTask(total, body);
                else kernels.forEachRange(total, body);
                for (int i = 0; i < total; i++) {
                    if (seen.get(i) != 1) {
                        assertThat(seen.get(i)).as("%s(%d): index %d", tasks ? "forEachTask" : "forEachRange", total, i)
                                .isEqualTo(1);
                    }
                }
            }
        }
    }

    // ---- the fused forms: a product with an epilogue, or with the column sums of an operand ----

    /** The shapes of the dense products, and one whose dZ (30,000 x 10) is transposed by rows, not by columns. */
    private static final int[][] FUSED_SHAPES = Stream.concat(Arrays.stream(SHAPES), Stream.of(new int[] {10, 30_000, 16}))
            .toArray(int[][]::new);

    /**
     * A product with an epilogue gives the product's own bits, and the epilogue's output is what
     * the separate pass computes from them, bit for bit: the ReLU, its gradient (against a mask
     * holding -0, NaN and negatives) and a lambda that also counts that it saw every element once.
     * A weight gradient with column sums gives its own bits and those of {@link Kernels#columnSums}.
     * Together with the test below (each kind the same bits on any number of threads), the fused
     * forms give the same bits on any number of threads, and those of the separate calls.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void theFusedFormsGiveTheBitsOfTheProductAndOfTheSeparatePass(Kernels kernels) {
        for (int[] s : FUSED_SHAPES) {
            Dense d = Dense.of(s[0], s[1], s[2]);
            int m = d.m, k = d.k, n = d.n, size = m * n;
            float[] mask = sparseRandom(size, new SplittableRandom(size));
            for (int i = 0; i < size; i += 3) mask[i] = -mask[i];
            mask[0] = -0f;
            if (size > 5) mask[size / 2] = Float.NaN;

            float[] Z = DenseProduct.A_TIMES_B_TRANSPOSED.run(kernels, d, true), fusedZ = nans(size), A = nans(size + 1);
            kernels.aTimesBTransposed(d.A, d.Bt, d.bias, fusedZ, m, k, n, Epilogue.relu(A));
            assertThat(fusedZ).as("Z with the ReLU in its write-out, %s", d).isEqualTo(Z);
            float[] expected = new float[size];
            for (int i = 0; i < size; i++) expected[i] = Math.max(Z[i], 0f);
            assertThat(Arrays.copyOf(A, size)).as("A = max(Z, 0) in Z's write-out, %s", d).isEqualTo(expected);
            assertThat(Float.isNaN(A[size])).as("nothing written past A").isTrue();

            float[] dX = DenseProduct.A_TIMES_B.run(kernels, d, false), fusedDx = nans(size), dZ = nans(size + 1);
            kernels.aTimesB(d.A, d.B, fusedDx, m, k, n, Epilogue.reluGradient(mask, dZ));
            assertThat(fusedDx).as("dX with the ReLU's gradient in its write-out, %s", d).isEqualTo(dX);
            for (int i = 0; i < size; i++) expected[i] = mask[i] > 0f ? dX[i] : 0f;
            assertThat(Arrays.copyOf(dZ, size)).as("dZ = [A > 0] dX in dX's write-out, %s", d).isEqualTo(expected);
            assertThat(Float.isNaN(dZ[size])).as("nothing written past dZ").isTrue();

            float[] halved = nans(size);
            AtomicIntegerArray seen = new AtomicIntegerArray(size);
            kernels.aTimesB(d.A, d.B, fusedDx, m, k, n, (C, from, to) -> {
                for (int i = from; i < to; i++) {
                    halved[i] = C[i] * 0.5f;
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < size; i++) {
                if (seen.get(i) != 1 || Float.floatToRawIntBits(halved[i]) != Float.floatToRawIntBits(dX[i] * 0.5f)) {
                    assertThat(seen.get(i)).as("a lambda epilogue saw element %d of %s once", i, d).isEqualTo(1);
                    assertThat(halved[i]).as("a lambda epilogue at %d of %s", i, d).isEqualTo(dX[i] * 0.5f);
                }
            }

            float[] dW = DenseProduct.A_TRANSPOSED_TIMES_B.run(kernels, d, false), fusedDw = nans(m * n);
            float[] sums = nans(m + 1), separate = new float[m];
            kernels.aTransposedTimesB(d.At, d.B, fusedDw, m, k, n, sums);
            kernels.columnSums(d.At, separate, k, m);
            assertThat(fusedDw).as("Aᵀ·B with the column sums of A, %s", d).isEqualTo(dW);
            assertThat(Arrays.copyOf(sums, m)).as("the column sums of A [%d, %d] beside Aᵀ·B", k, m).isEqualTo(separate);
            assertThat(Float.isNaN(sums[m])).as("nothing written past the sums").isTrue();
        }
        for (int[] s : SPARSE_SHAPES) {
            Sparse d = Sparse.of(s[0], s[1], s[2]);
            for (Listing listing : Listing.values()) {
                float[][] apart = d.run(kernels, listing);
                SparseRows X = listing.make(kernels, d);
                float[] Z = nans(d.m * d.n), A = nans(d.m * d.n), dWt = nans(d.k * d.n), sums = nans(d.n), separate = new float[d.n];
                kernels.sparseATimesB(X, d.Wt, d.bias, Z, d.m, d.k, d.n, Epilogue.relu(A));
                kernels.sparseATransposedTimesB(X, d.dZ, dWt, d.k, d.m, d.n, sums);
                kernels.columnSums(d.dZ, separate, d.m, d.n);
                float[] expected = new float[Z.length];
                for (int i = 0; i < Z.length; i++) expected[i] = Math.max(apart[0][i], 0f);
                String what = d + " " + listing;
                assertThat(Z).as("sparse Z with the ReLU in its write-out, %s", what).isEqualTo(apart[0]);
                assertThat(A).as("A = max(Z, 0) in the sparse Z's write-out, %s", what).isEqualTo(expected);
                assertThat(dWt).as("sparse Xᵀ·dZ with the column sums of dZ, %s", what).isEqualTo(apart[1]);
                assertThat(sums).as("the column sums of dZ beside the sparse Xᵀ·dZ, %s", what).isEqualTo(separate);
            }
        }
    }

    /**
     * A fused form makes no more parallel calls than its product alone (each call a barrier
     * between the threads: saving them is what fusing is for), on W2's shapes and the paper's
     * full batch, for the kernels that run on several threads. VectorKernels' plain loop shape
     * (JDK 17's) sums the columns of A before its product, so there it may cost one call more.
     */
    @org.junit.jupiter.api.Test
    void theFusedFormsMakeNoMoreParallelCallsThanTheProductAlone() {
        List<Kernels> shared = new ArrayList<>();
        for (int threads = 2; threads <= 3; threads++) {
            shared.add(new ParallelKernels(threads));
            for (TileShape tile : TileShape.values()) shared.add(new VectorKernels(threads, true, tile));
        }
        int[][] shapes = {{128, 784, 512}, {128, 512, 512}, {128, 512, 10}, {10, 128, 512}, {512, 128, 512}, {10, 60_000, 16}};
        for (Kernels kernels : shared) {
            for (int[] s : shapes) {
                Dense d = Dense.of(s[0], s[1], s[2]);
                int m = d.m, k = d.k, n = d.n;
                float[] C = new float[m * n], D = new float[m * n], sums = new float[m];
                String what = kernels.describe() + ", " + d;
                assertThat(calls(kernels, () -> kernels.aTimesBTransposed(d.A, d.Bt, d.bias, C, m, k, n, Epilogue.relu(D))))
                        .as("A·Bᵀ+b with the ReLU, %s", what).isEqualTo(calls(kernels, () -> kernels.aTimesBTransposed(d.A, d.Bt, d.bias, C, m, k, n)));
                assertThat(calls(kernels, () -> kernels.aTimesB(d.A, d.B, C, m, k, n, Epilogue.reluGradient(D, D))))
                        .as("A·B with the ReLU's gradient, %s", what).isEqualTo(calls(kernels, () -> kernels.aTimesB(d.A, d.B, C, m, k, n)));
                assertThat(calls(kernels, () -> kernels.aTransposedTimesB(d.At, d.B, C, m, k, n, sums)))
                        .as("Aᵀ·B with the column sums of A, %s", what).isEqualTo(calls(kernels, () -> kernels.aTransposedTimesB(d.At, d.B, C, m, k, n)));
            }
            Sparse d = Sparse.of(128, 784, 512);
            SparseRows X = new SparseRows();
            assertThat(X.index(kernels, d.X, d.m, d.k, 1f)).isTrue();
            float[] Z = new float[d.m * d.n], dWt = new float[d.k * d.n], sums = new float[d.n];
            kernels.sparseATransposedTimesB(X, d.dZ, dWt, d.k, d.m, d.n);  // the by-column lists made once, first
            assertThat(calls(kernels, () -> kernels.sparseATimesB(X, d.Wt, d.bias, Z, d.m, d.k, d.n, Epilogue.relu(Z))))
                    .isEqualTo(calls(kernels, () -> kernels.sparseATimesB(X, d.Wt, d.bias, Z, d.m, d.k, d.n)));
            assertThat(calls(kernels, () -> kernels.sparseATransposedTimesB(X, d.dZ, dWt, d.k, d.m, d.n, sums)))
                    .isEqualTo(calls(kernels, () -> kernels.sparseATransposedTimesB(X, d.dZ, dWt, d.k, d.m, d.n)));
        }
    }

    /**
     * A batch described rather than listed costs no parallel call where the first layer's tiles
     * find their members in X (W2's 512 columns): its forward product is then its only call; with
     * columns past the tiles, or kernels that read the lists, the lists are made when first needed.
     */
    @org.junit.jupiter.api.Test
    void aDescribedBatchIsListedOnlyWhenAProductNeedsTheLists() {
        for (int threads = 2; threads <= 3; threads++) {
            for (boolean tiles : new boolean[] {true, false}) {
                Kernels kernels = new VectorKernels(threads, Gemm.INDEXED_LOOPS, TileShape.TWELVE_BY_TWO, tiles);
                for (int n : new int[] {512, 520}) {
                    Sparse d = Sparse.of(128, 784, n);
                    SparseRows X = new SparseRows();
                    String what = kernels.describe() + ", tiles " + tiles + ", " + n + " columns";
                    long describing = calls(kernels, () -> assertThat(X.describe(kernels, d.X, d.m, d.k, 0.5f)).isTrue());
                    float[] Z = new float[d.m * d.n];
                    long forward = calls(kernels, () -> kernels.sparseATimesB(X, d.Wt, d.bias, Z, d.m, d.k, d.n));
                    if (tiles && n == 512) {
                        assertThat(describing + forward).as("%s: describing and the forward product", what).isEqualTo(1);
                    } else {
                        SparseRows listed = new SparseRows();
                        assertThat(listed.index(kernels, d.X, d.m, d.k, 0.5f)).isTrue();
                        float[] expected = new float[d.m * d.n];
                        long apart = calls(kernels, () -> kernels.sparseATimesB(listed, d.Wt, d.bias, expected, d.m, d.k, d.n));
                        assertThat(describing + forward).as("%s: the lists made by the forward product", what).isGreaterThan(apart);
                    }
                }
                Sparse dense = Sparse.of(130, 785, 256, Sparse.DENSE);
                assertThat(new SparseRows().describe(kernels, dense.X, dense.m, dense.k, 0.5f)).as("a batch without zeros").isFalse();
            }
        }
    }

    private static long calls(Kernels kernels, Runnable call) {
        long before = kernels.parallelCalls();
        call.run();
        return kernels.parallelCalls() - before;
    }

    /** The SIMD epilogues compute lane for lane what the scalar ones do, at -0, NaN and the infinities too. */
    @org.junit.jupiter.api.Test
    void theSimdEpiloguesGiveTheScalarBits() {
        float[] C = {-0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1e-30f, 1e-30f, -3f, 2f,
                Float.MIN_VALUE, -Float.MIN_VALUE, 5f, -5f, 0.25f, -0.25f, 7f, 8f, -9f, 10f, Float.NaN, -0f, 1f, -1f, 0f,
                3f, -3f, 4f, -4f, 6f, -6f, 11f, -11f, 12f, 13f, -13f};
        float[] M = new float[C.length];
        for (int i = 0; i < C.length; i++) M[C.length - 1 - i] = C[i];
        for (int from : new int[] {0, 1, 3}) {
            float[] vector = nans(C.length), scalar = nans(C.length);
            VectorEpilogue.apply(Epilogue.relu(vector), C, from, C.length);
            Epilogue.relu(scalar).apply(C, from, C.length);
            assertThat(vector).as("relu from %d", from).isEqualTo(scalar);
            vector = nans(C.length);
            scalar = nans(C.length);
            VectorEpilogue.apply(Epilogue.reluGradient(M, vector), C, from, C.length);
            Epilogue.reluGradient(M, scalar).apply(C, from, C.length);
            assertThat(vector).as("relu gradient from %d", from).isEqualTo(scalar);
        }
    }

    // ---- the same bits, whatever the threads ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachKindGivesTheSameBitsOnAnyNumberOfThreads(String kind) {
        List<Named<Kernels>> all = KINDS.get(kind);
        Kernels first = all.get(0).getPayload();
        List<Named<Kernels>> others = all.subList(1, all.size());
        for (int[] s : SHAPES) {
            Dense d = Dense.of(s[0], s[1], s[2]);
            for (DenseProduct p : DenseProduct.values()) {
                for (boolean withBias : p.hasBias ? new boolean[] {true, false} : new boolean[] {false}) {
                    float[] expected = p.run(first, d, withBias);
                    for (Named<Kernels> other : others) {
                        assertThat(p.run(other.getPayload(), d, withBias)).as("%s %s: %s against %s", p.label(withBias), d,
                                other.getName(), all.get(0).getName()).isEqualTo(expected);
                    }
                }
            }
        }
        for (int[] s : SPARSE_SHAPES) {
            Sparse d = Sparse.of(s);
            for (Listing listing : Listing.values()) {
                float[][] expected = d.run(first, listing);
                for (Named<Kernels> other : others) {
                    assertThat(d.run(other.getPayload(), listing)).as("sparse pair %s %s: %s against %s", d, listing,
                            other.getName(), all.get(0).getName()).isDeepEqualTo(expected);
                }
                if (listing == Listing.DESCRIBED) {
                    assertThat(expected).as("sparse pair %s described against listed", d).isDeepEqualTo(d.run(first, Listing.LISTED));
                }
            }
        }
        for (int[] s : VECTOR_SHAPES) {
            OneExample e = OneExample.of(s[0], s[1]);
            float[] expected = new float[e.n];
            first.vectorTimesMatrix(e.index, e.value, e.count, e.Bt, e.bias, expected, e.n);
            for (Named<Kernels> other : others) {
                float[] z = new float[e.n];
                other.getPayload().vectorTimesMatrix(e.index, e.value, e.count, e.Bt, e.bias, z, e.n);
                assertThat(z).as("x·Wᵀ+b %dx%d: %s against %s", e.k, e.n, other.getName(), all.get(0).getName())
                        .isEqualTo(expected);
            }
        }
    }

    // ---- shared by two threads ----

    /**
     * Two threads that share one kernels object each get their own results: a call's operands
     * never mix with another's, and scratch that persists across calls is not shared mid-call.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void twoThreadsSharingTheKernelsEachGetTheirOwnResults(Kernels kernels) throws Exception {
        Dense one = Dense.of(128, 784, 256), two = Dense.of(64, 257, 65);
        Sparse sparse = Sparse.of(128, 784, 512);
        OneExample example = OneExample.of(784, 512);
        Callable<List<float[]>> first = () -> workload(kernels, one, sparse, example);
        Callable<List<float[]>> second = () -> workload(kernels, two, sparse, example);
        List<float[]> expectedFirst = first.call(), expectedSecond = second.call();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<float[]>>> runs = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                runs.add(threads.submit(first));
                runs.add(threads.submit(second));
            }
            for (int r = 0; r < runs.size(); r++) {
                List<float[]> expected = r % 2 == 0 ? expectedFirst : expectedSecond;
                List<float[]> actual = runs.get(r).get();
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i)).as("run %d, result %d", r, i).isEqualTo(expected.get(i));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every kind of call, in a row, on the given operands. */
    private static List<float[]> workload(Kernels kernels, Dense d, Sparse s, OneExample e) {
        List<float[]> results = new ArrayList<>();
        for (DenseProduct p : DenseProduct.values()) results.add(p.run(kernels, d, true));
        float[][] pair = s.run(kernels, Listing.DESCRIBED);
        results.add(pair[0]);
        results.add(pair[1]);
        float[] z = new float[e.n];
        kernels.vectorTimesMatrix(e.index, e.value, e.count, e.Bt, e.bias, z, e.n);
        results.add(z);
        int size = d.m * d.k;
        float[] dZ = new float[size];
        kernels.reluBackward(d.A, d.At, dZ, size);
        results.add(dZ);
        float[] sums = new float[d.k];
        kernels.columnSums(d.A, sums, d.m, d.k);
        results.add(sums);
        return results;
    }

    // ---- operands and exact results ----

    /** How a sparse operand's nonzeros are given to the kernels. */
    private enum Listing {
        /** {@link SparseRows#index}: listed before the products. */
        LISTED,
        /** {@link SparseRows#describe}: listed only if a product needs the lists. */
        DESCRIBED,
        /** Listed and promised for reuse: octets in the SIMD kernels when n <= 10. */
        REUSED;

        SparseRows make(Kernels kernels, Sparse d) {
            SparseRows rows = new SparseRows();
            if (this == DESCRIBED) assertThat(rows.describe(kernels, d.X, d.m, d.k, 1f)).isTrue();
            else assertThat(rows.index(kernels, d.X, d.m, d.k, 1f)).isTrue();
            if (this == REUSED) rows.expectReuse();
            return rows;
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The three dense products, by what they multiply. */
    private enum DenseProduct {
        A_TIMES_B_TRANSPOSED(true), A_TIMES_B(true), A_TRANSPOSED_TIMES_B(false);

        final boolean hasBias;

        DenseProduct(boolean hasBias) {
            this.hasBias = hasBias;
        }

        String label(boolean withBias) {
            String name = switch (this) {
                case A_TIMES_B_TRANSPOSED -> "A·Bᵀ";
                case A_TIMES_B -> "A·B";
                case A_TRANSPOSED_TIMES_B -> "Aᵀ·B";
            };
            return withBias ? name + "+b" : name;
        }

        /** C [m, n] from this product of d's operands, into an array that starts as NaN and has no room past its end. */
        float[] run(Kernels kernels, Dense d, boolean withBias) {
            float[] C = nans(d.m * d.n);
            float[] bias = withBias ? d.bias : null;
            switch (this) {
                case A_TIMES_B_TRANSPOSED -> kernels.aTimesBTransposed(d.A, d.Bt, bias, C, d.m, d.k, d.n);
                case A_TIMES_B -> {
                    if (withBias) kernels.aTimesB(d.A, d.B, bias, C, d.m, d.k, d.n);
                    else kernels.aTimesB(d.A, d.B, C, d.m, d.k, d.n);
                }
                case A_TRANSPOSED_TIMES_B -> kernels.aTransposedTimesB(d.At, d.B, C, d.m, d.k, d.n);
            }
            return C;
        }
    }

    /** The exact value of each output element and the sum of its terms' magnitudes. */
    private record Exact(double[] value, double[] magnitude) {}

    /**
     * C(i, j) = bias[j] + Σ_p A[i·ars + p·acs] · B[p·brs + j·bcs], in double: exact for float
     * inputs up to the final rounding of a few hundred bits' worth of terms, far below any float
     * kernel's error.
     */
    private static Exact exact(float[] A, int ars, int acs, float[] B, int brs, int bcs, float[] bias, int m, int k, int n) {
        double[] value = new double[m * n], magnitude = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = bias == null ? 0 : bias[j], abs = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = (double) A[i * ars + p * acs] * B[p * brs + j * bcs];
                    sum += t;
                    abs += Math.abs(t);
                }
                value[i * n + j] = sum;
                magnitude[i * n + j] = abs;
            }
        }
        return new Exact(value, magnitude);
    }

    /**
     * |actual - exact| within the float summation bound of {@code terms} terms, and |actual -
     * reference| within twice that. One assertion per array (per-element ones would take seconds).
     */
    private static void assertWithinRounding(float[] actual, Exact exact, float[] reference, int terms, String what) {
        double u = 0x1p-24 * (terms + 4);
        for (int i = 0; i < exact.value.length; i++) {
            double bound = u * exact.magnitude[i];
            double error = Math.abs(actual[i] - exact.value[i]);
            if (!(error <= bound)) {
                assertThat(error).as("%s at %d: %s against the exact %s (bound %s)", what, i, actual[i], exact.value[i], bound)
                        .isLessThanOrEqualTo(bound);
            }
            double fromReference = Math.abs(actual[i] - reference[i]);
            if (!(fromReference <= 2 * bound)) {
                assertThat(fromReference).as("%s at %d: %s against the reference's %s", what, i, actual[i], reference[i])
                        .isLessThanOrEqualTo(2 * bound);
            }
        }
    }

    /** Dense operands of one shape, made once from a seed, with their exact and reference products. */
    private static final class Dense {
        private static final Map<String, Dense> MADE = new HashMap<>();
        final int m, k, n;
        final float[] A, Bt, B, At, bias;
        private final Map<String, Exact> exact = new HashMap<>();
        private final Map<String, float[]> reference = new HashMap<>();

        private Dense(int m, int k, int n) {
            this.m = m;
            this.k = k;
            this.n = n;
            SplittableRandom random = new SplittableRandom(31L * m + 7L * k + n);
            A = sparseRandom(m * k, random);   // [m, k]
            Bt = sparseRandom(n * k, random);  // [n, k], for A·Bᵀ
            B = sparseRandom(k * n, random);   // [k, n]
            At = sparseRandom(k * m, random);  // [k, m], for Aᵀ·B
            bias = sparseRandom(n, random);
        }

        static Dense of(int m, int k, int n) {
            return MADE.computeIfAbsent(m + "x" + k + "x" + n, key -> new Dense(m, k, n));
        }

        Exact exact(DenseProduct p, boolean withBias) {
            float[] b = withBias ? bias : null;
            return exact.computeIfAbsent(p.label(withBias), key -> switch (p) {
                case A_TIMES_B_TRANSPOSED -> KernelContractTest.exact(A, k, 1, Bt, 1, k, b, m, k, n);
                case A_TIMES_B -> KernelContractTest.exact(A, k, 1, B, n, 1, b, m, k, n);
                case A_TRANSPOSED_TIMES_B -> KernelContractTest.exact(At, 1, m, B, n, 1, null, m, k, n);
            });
        }

        float[] reference(DenseProduct p, boolean withBias) {
            return reference.computeIfAbsent(p.label(withBias), key -> p.run(REFERENCE, this, withBias));
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n;
        }
    }

    /**
     * A batch of pixel-like inputs X [m, k] (80% zeros, levels q/255; or with every third row and
     * the first and last columns empty, or all zero, or no zero at all), a first layer's Wᵀ [k, n],
     * b and dZ [m, n].
     */
    private static final class Sparse {
        static final int PIXELS = 0, EMPTY_ROWS = 1, ALL_ZERO = 2, DENSE = 3;
        private static final Map<String, Sparse> MADE = new HashMap<>();
        final int m, k, n, rows;
        final float[] X, Wt, bias, dZ;
        final Exact forward, weightGradient;
        final float[] referenceForward, referenceWeightGradient;

        private Sparse(int m, int k, int n, int rows) {
            this.m = m;
            this.k = k;
            this.n = n;
            this.rows = rows;
            SplittableRandom random = new SplittableRandom(17L * m + 5L * k + n);
            X = new float[m * k];
            for (int i = 0; i < X.length; i++) {
                int row = i / k, column = i % k;
                boolean empty = rows == ALL_ZERO || rows == EMPTY_ROWS && (row % 3 == 1 || column == 0 || column == k - 1);
                if (!empty) X[i] = rows == DENSE || random.nextInt(5) == 0 ? random.nextInt(1, 256) / 255f : 0f;
            }
            Wt = sparseRandom(k * n, random);
            bias = sparseRandom(n, random);
            dZ = sparseRandom(m * n, random);
            forward = exact(X, k, 1, Wt, n, 1, bias, m, k, n);               // Z = X·Wᵀ + b, Wᵀ [k, n]
            weightGradient = exact(X, 1, k, dZ, n, 1, null, k, m, n);        // dWᵀ = Xᵀ·dZ [k, n]
            referenceForward = new float[m * n];
            REFERENCE.aTimesB(X, Wt, bias, referenceForward, m, k, n);
            referenceWeightGradient = new float[k * n];
            REFERENCE.aTransposedTimesB(X, dZ, referenceWeightGradient, k, m, n);
        }

        /** {m, k, n} or {m, k, n, what the rows hold}. */
        static Sparse of(int... shape) {
            int rows = shape.length > 3 ? shape[3] : PIXELS;
            return MADE.computeIfAbsent(Arrays.toString(shape), key -> new Sparse(shape[0], shape[1], shape[2], rows));
        }

        /** Z and dWᵀ from X listed (or described, or listed for reuse) by these kernels. */
        float[][] run(Kernels kernels, Listing listing) {
            SparseRows rows = listing.make(kernels, this);
            float[] Z = new float[m * n], dWt = new float[k * n];
            kernels.sparseATimesB(rows, Wt, bias, Z, m, k, n);
            kernels.sparseATransposedTimesB(rows, dZ, dWt, k, m, n);
            return new float[][] {Z, dWt};
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n + switch (rows) {
                case EMPTY_ROWS -> " with empty rows";
                case ALL_ZERO -> " all zero";
                case DENSE -> " without zeros";
                default -> "";
            };
        }
    }

    /** One example's nonzero inputs (a quarter of k are zero and not listed), Wᵀ [k, n] and b. */
    private static final class OneExample {
        private static final Map<String, OneExample> MADE = new HashMap<>();
        final int k, n, count;
        final int[] index;
        final float[] value, Bt, bias;
        private final Map<Boolean, Exact> exact = new HashMap<>();
        private final Map<Boolean, float[]> reference = new HashMap<>();

        private OneExample(int k, int n) {
            this.k = k;
            this.n = n;
            SplittableRandom random = new SplittableRandom(13L * k + n);
            Bt = sparseRandom(k * n, random);
            bias = sparseRandom(n, random);
            index = new int[k];
            value = new float[k];
            int c = 0;
            for (int p = 0; p < k; p++) {
                if (random.nextInt(4) == 0) continue;
                index[c] = p;
                value[c++] = (float) random.nextDouble(-1, 1);
            }
            count = c;
        }

        static OneExample of(int k, int n) {
            return MADE.computeIfAbsent(k + "x" + n, key -> new OneExample(k, n));
        }

        Exact exact(boolean withBias) {
            return exact.computeIfAbsent(withBias, b -> {
                float[] rows = new float[count * n];  // the listed rows of Wᵀ, so that the sum has count terms
                for (int t = 0; t < count; t++) System.arraycopy(Bt, index[t] * n, rows, t * n, n);
                return KernelContractTest.exact(value, 0, 1, rows, n, 1, b ? bias : null, 1, count, n);
            });
        }

        float[] reference(boolean withBias) {
            return reference.computeIfAbsent(withBias, b -> {
                float[] z = new float[n];
                REFERENCE.vectorTimesMatrix(index, value, count, Bt, b ? bias : null, z, n);
                return z;
            });
        }
    }

    /** Random values with about half of them exactly zero, as ReLU outputs and MNIST pixels have. */
    static float[] sparseRandom(int size, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = random.nextBoolean() ? 0f : (float) random.nextGaussian();
        return a;
    }

    private static float[] nans(int size) {
        float[] a = new float[size];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
