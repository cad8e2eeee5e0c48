package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The members of the first layer's tiles ({@link SparseGroups}) against their definition: a group
 * of three images (or one) lists exactly the pixels any of them has, ascending, the union of their
 * rows' lists ({@link SparseRows}), though read from X itself, and a group of four pixels
 * (or fewer, at the end of a row) exactly the images of a block any of them has, ascending. (The
 * products over them: {@link KernelContractTest}.)
 */
class SparseGroupsTest {

    private static final int[][] SHAPES = {{128, 784}, {130, 785}, {3, 1}, {7, 3}, {300, 61}, {6, 64}, {9, 130}};

    @Test
    void aGroupOfImagesListsExactlyThePixelsAnyOfThemHas() {
        for (int[] s : SHAPES) {
            int rows = s[0], cols = s[1];
            for (int fill : new int[] {0, 1, 5}) {  // all zero, no zero, a fifth nonzero
                float[] X = pixels(rows * cols, fill, new SplittableRandom(rows * 31L + cols + fill));
                if (fill == 5 && X.length > 2) X[2] = -0f;  // not listed, as SparseRows does not list it
                SparseRows listed = new SparseRows();
                assertThat(listed.index(new ReferenceKernels(), X, rows, cols, 1f)).isTrue();
                long[] bits = new long[SparseGroups.bitsFor(cols)];
                int[] into = new int[cols];
                for (int images : new int[] {SparseGroups.IMAGES, 1}) {
                    for (int i0 = 0; i0 + images <= rows; i0 += images) {
                        List<Integer> expected = new ArrayList<>();  // the union of the rows' lists
                        for (int i = i0; i < i0 + images; i++) {
                            for (int t = listed.rowStart[i]; t < listed.rowStart[i + 1]; t++) expected.add(listed.colIndex[t]);
                        }
                        expected = expected.stream().distinct().sorted().toList();
                        int count = SparseTiles.pixelsOfImages(X, cols, i0, images, bits, into);
                        assertThat(Arrays.stream(into, 0, count).boxed().toList()).as("pixels of %d rows from %d of %dx%d filled 1/%d",
                                images, i0, rows, cols, fill).isEqualTo(expected);
                        assertThat(bits).as("the bit set is left empty").containsOnly(0L);
                    }
                }
            }
        }
    }

    @Test
    void aGroupOfPixelsListsExactlyTheImagesOfItsBlockAnyOfThemHas() {
        for (int[] s : SHAPES) {
            int rows = s[0], cols = s[1];
            for (int fill : new int[] {0, 1, 5, 40}) {
                float[] X = pixels(rows * cols, fill, new SplittableRandom(rows * 17L + cols + fill));
                if (fill == 40 && X.length > 2) X[2] = -0f;  // counts as nonzero: it adds only zeros
                int[] into = new int[rows];
                for (int[] block : new int[][] {{0, rows}, {rows / 3, rows / 2}, {rows - 1, rows}}) {
                    for (int p = 0; p < cols; p += SparseGroups.PIXELS) {
                        int width = Math.min(SparseGroups.PIXELS, cols - p);
                        List<Integer> expected = new ArrayList<>();
                        for (int i = block[0]; i < block[1]; i++) {
                            boolean any = false;
                            for (int d = 0; d < width; d++) any |= Float.floatToRawIntBits(X[i * cols + p + d]) != 0;
                            if (any) expected.add(i);
                        }
                        int count = SparseGroups.imagesOfPixels(X, cols, p, width, block[0], block[1], into);
                        assertThat(Arrays.stream(into, 0, count).boxed().toList()).as("images %d..%d of pixels %d.. of %dx%d filled 1/%d",
                                block[0], block[1], p, rows, cols, fill).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void groupingSimilarImagesChangesNoBitOfTheForwardTiles() {
        int n = 2 * SparseTiles.FORWARD_COLUMNS;
        for (int[] s : new int[][] {{300, 784}, {130, 785}, {7, 61}, {3, 1}, {2, 64}}) {
            int rows = s[0], cols = s[1];
            SplittableRandom random = new SplittableRandom(rows * 7L + cols);
            float[] X = new float[rows * cols];
            for (int i = 0; i < rows; i++) {  // strokes of different widths and places, so that the groups differ from neighbours
                int from = random.nextInt(cols), width = 1 + random.nextInt(Math.max(1, cols / 3));
                for (int p = from; p < Math.min(cols, from + width); p++) X[i * cols + p] = random.nextInt(3) == 0 ? 0f : random.nextInt(1, 256) / 255f;
            }
            if (X.length > 5) X[5] = -0f;
            float[] Wt = new float[cols * n], bias = new float[n];
            for (int i = 0; i < Wt.length; i++) Wt[i] = (float) random.nextGaussian();
            for (int j = 0; j < n; j++) bias[j] = (float) random.nextGaussian();
            SparseRows described = new SparseRows();
            assertThat(described.describe(new ReferenceKernels(), X, rows, cols, 1f)).isTrue();
            float[][] C = new float[3][rows * n];
            int units = SparseTiles.rowUnits(rows);
            for (int kind = 0; kind < 3; kind++) {
                Arrays.fill(C[kind], Float.NaN);  // a row no group computed stays NaN
                int[] pixels = new int[cols];
                long[] bits = new long[SparseGroups.bitsFor(cols)];
                SimilarImages similar = new SimilarImages(kind > 0);
                int piece = kind == 2 ? 60 : 5;  // in pieces, as the threads take them; 60 groups: more than one stretch
                for (int g = 0; g < units; g += piece) {
                    SparseTiles.forward(described, Wt, bias, C[kind], n, g, Math.min(units, g + piece), pixels, bits, similar);
                }
            }
            assertThat(C[0]).as("neighbouring rows in groups, %dx%d", rows, cols).doesNotContain(Float.NaN);
            assertThat(C[1]).as("similar images in groups, pieces of 5 groups, %dx%d", rows, cols).isEqualTo(C[0]);
            assertThat(C[2]).as("similar images in groups, pieces of 60 groups, %dx%d", rows, cols).isEqualTo(C[0]);
        }
    }

    /** Zero everywhere (fill 0), nowhere (1), or about one in {@code fill}. */
    private static float[] pixels(int size, int fill, SplittableRandom random) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = fill > 0 && random.nextInt(fill) == 0 ? random.nextInt(1, 256) / 255f : 0f;
        return a;
    }
}
