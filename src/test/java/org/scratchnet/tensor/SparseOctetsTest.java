package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scratchnet.tensor.VectorKernelsTest.vector;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eight or sixteen rows side by side: the copies hold exactly X (the products over them: {@link KernelContractTest}). */
class SparseOctetsTest {

    private static final int[][] SHAPES = {  // m (rows), k (columns)
            {1, 1}, {1, 784}, {7, 13}, {8, 50}, {9, 31}, {130, 200}, {511, 60},
            {1100, 40}, {4100, 25}, {300, 20}};  // the last three: several blocks of 512 rows

    /** Pixel levels q/255, about 80% zeros, like MNIST. */
    private static float[] pixels(int size, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = random.nextInt(5) == 0 ? random.nextInt(1, 256) / 255f : 0f;
        return a;
    }

    @Test
    void recognisesPixelLevels() {
        for (int q = 0; q <= 255; q++) assertThat(SparseOctets.level(q / 255f)).isEqualTo(q);
        assertThat(SparseOctets.level(0.5f)).as("127.5/255").isEqualTo(-1);
        assertThat(SparseOctets.level(Math.nextUp(1 / 255f))).isEqualTo(-1);
        assertThat(SparseOctets.level(-1 / 255f)).isEqualTo(-1);
        assertThat(SparseOctets.level(2f)).isEqualTo(-1);
        assertThat(SparseOctets.level(Float.NaN)).isEqualTo(-1);
    }

    @Test
    void bothCopiesHoldExactlyTheMatrix() {
        SplittableRandom random = new SplittableRandom(5);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1];
            float[] X = pixels(m * k, random);
            for (Kernels kernels : new Kernels[] {new ReferenceKernels(), vector(3)}) {
              for (int lanes : new int[] {8, 16}) {
                SparseOctets o = octets(X, m, k, kernels, lanes);
                assertThat(o).isNotNull();
                assertThat(o.lanes).isEqualTo(lanes);
                String what = m + "x" + k + " in " + lanes + " lanes on " + kernels.describe();
                assertThat(o.pairs()).as("pairs " + what).isEqualTo(inkedPairs(X, m, k, lanes));
                assertThat(rebuildByOctet(o)).as("by octet " + what).isEqualTo(X);
                assertThat(rebuildByColumn(o)).as("by column " + what).isEqualTo(X);
              }
            }
        }
    }

    /** (octet, column) pairs where any of the octet's rows is nonzero, counted on the dense matrix. */
    private static int inkedPairs(float[] X, int rows, int cols, int lanes) {
        int pairs = 0;
        for (int first = 0; first < rows; first += lanes) {
            for (int p = 0; p < cols; p++) {
                boolean any = false;
                for (int i = first; i < Math.min(rows, first + lanes); i++) any |= X[i * cols + p] != 0f;
                if (any) pairs++;
            }
        }
        return pairs;
    }

    /** X from the by-octet copy, checking that each octet's columns ascend and have some ink. */
    private static float[] rebuildByOctet(SparseOctets o) {
        float[] X = new float[o.rows * o.cols];
        for (int g = 0; g < o.octets; g++) {
            int previous = -1;
            for (int t = o.octetStart[g]; t < o.octetStart[g + 1]; t++) {
                int p = o.octetColumn[t];
                assertThat(p).isGreaterThan(previous);
                previous = p;
                boolean any = false;
                for (int l = 0; l < o.lanes; l++) {
                    int q = o.octetLevels[t * o.lanes + l] - SparseOctets.BYTE_OFFSET;
                    int row = g * o.lanes + l;
                    if (row < o.rows) X[row * o.cols + p] = q / 255f;
                    else assertThat(q).as("padding row").isZero();
                    any |= q != 0;
                }
                assertThat(any).as("a pair with no ink").isTrue();
            }
        }
        return X;
    }

    /**
     * X from the by-column copy, checking that each block's octets ascend within a group of
     * columns, that every entry has ink in one of its columns, and that the blocks' entries are
     * contiguous and in order.
     */
    private static float[] rebuildByColumn(SparseOctets o) {
        assertThat(o.groupColumns).as("columns per entry").isEqualTo(o.lanes == 16 ? 2 : 1);
        assertThat(o.groups).isEqualTo((o.cols + o.groupColumns - 1) / o.groupColumns);
        float[] X = new float[o.rows * o.cols];
        int entryLevels = o.groupColumns * o.lanes;
        for (int b = 0; b < o.blocks; b++) {
            int starts = b * (o.groups + 1);
            assertThat(o.blockColumnStart[starts]).as("block " + b + "'s first entry").isEqualTo(o.blockStart[b]);
            assertThat(o.blockColumnStart[starts + o.groups]).as("block " + b + "'s end").isEqualTo(o.blockStart[b + 1]);
            for (int k = 0; k < o.groups; k++) {
                int previous = -1;
                for (int t = o.blockColumnStart[starts + k]; t < o.blockColumnStart[starts + k + 1]; t++) {
                    int g = b * o.blockOctets + o.blockOctet[t];
                    assertThat(g).isGreaterThan(previous);
                    previous = g;
                    boolean any = false;
                    for (int c = 0; c < o.groupColumns; c++) {
                        int p = k * o.groupColumns + c;
                        for (int l = 0; l < o.lanes; l++) {
                            int row = g * o.lanes + l;
                            int q = o.blockLevels[t * entryLevels + c * o.lanes + l] - SparseOctets.BYTE_OFFSET;
                            any |= q != 0;
                            if (row < o.rows && p < o.cols) X[row * o.cols + p] = q / 255f;
                            else assertThat(q).as("padding row or column").isZero();
                        }
                    }
                    assertThat(any).as("an entry with no ink").isTrue();
                }
            }
        }
        return X;
    }

    @Test
    void refusesAnythingButPixelLevels() {
        float[] X = {0, 1 / 255f, 0, 0.5f, 0, 0};
        assertThat(octets(X, 2, 3, new ReferenceKernels(), 8)).isNull();
        assertThat(octets(X, 2, 3, new ReferenceKernels(), 16)).isNull();
        float[] negative = {0, -1 / 255f, 0, 0};
        assertThat(octets(negative, 2, 2, new ReferenceKernels(), 8)).isNull();
    }

    private static SparseOctets octets(float[] X, int rows, int cols, Kernels kernels, int lanes) {
        SparseRows lists = new SparseRows();
        assertThat(lists.index(new ReferenceKernels(), X, rows, cols, 1f)).isTrue();
        return SparseOctets.of(lists, kernels, lanes);
    }

    @Test
    void areMadeOnlyForListsThatWillBeReused() {
        float[] X = pixels(64 * 20, new SplittableRandom(1));
        SparseRows rows = new SparseRows();
        Kernels kernels = vector(2);
        assertThat(rows.index(new ReferenceKernels(), X, 64, 20, 1f)).isTrue();
        assertThat(rows.octets(kernels, 8)).as("a batch's lists, used once").isNull();
        rows.expectReuse();
        assertThat(rows.octets(kernels, 8)).isNotNull();
        assertThat(rows.octets(kernels, 16).lanes).as("asked for other lanes: made again").isEqualTo(16);
        assertThat(rows.octets(kernels, 16)).as("kept").isSameAs(rows.octets(kernels, 16));
        assertThat(rows.index(new ReferenceKernels(), X, 64, 20, 1f)).isTrue();
        assertThat(rows.octets(kernels, 8)).as("listed again: the promise is withdrawn").isNull();
    }

    @Test
    void cutsTheGroupsIntoRunsOfAboutEqualWork() {
        // Ink only in the right-hand columns: cutting by count of groups would give one run all the work.
        int m = 1100, k = 60;
        float[] X = pixels(m * k, new SplittableRandom(3));
        for (int i = 0; i < m; i++) java.util.Arrays.fill(X, i * k, i * k + 40, 0f);
        for (int lanes : new int[] {8, 16}) {
            SparseOctets o = octets(X, m, k, new ReferenceKernels(), lanes);
            long[] perGroup = new long[o.groups];
            long total = 0, largest = 0;
            for (int b = 0; b < o.blocks; b++) {
                int starts = b * (o.groups + 1);
                for (int g = 0; g < o.groups; g++) perGroup[g] += o.blockColumnStart[starts + g + 1] - o.blockColumnStart[starts + g];
            }
            for (long e : perGroup) {
                total += e;
                largest = Math.max(largest, e);
            }
            for (int pieces : new int[] {1, 2, 3, 7}) {
                int[] cuts = new int[pieces + 1];
                o.cutGroups(cuts, pieces);
                assertThat(cuts[0]).isZero();
                assertThat(cuts[pieces]).isEqualTo(o.groups);
                for (int u = 0; u < pieces; u++) {
                    assertThat(cuts[u + 1]).as("run %d of %d", u, pieces).isGreaterThanOrEqualTo(cuts[u]);
                    long work = 0;
                    for (int g = cuts[u]; g < cuts[u + 1]; g++) work += perGroup[g];
                    assertThat(Math.abs(work - total / pieces)).as("run %d of %d in %d lanes", u, pieces, lanes)
                            .isLessThanOrEqualTo(largest);
                }
            }
        }
    }
}
