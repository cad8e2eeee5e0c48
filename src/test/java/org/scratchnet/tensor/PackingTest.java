package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The copies the dense products make of their operands, against their definitions, to the bit:
 * Wᵀ in panels ({@link Gemm#pack}), B in panels ({@link Gemm#packRows}), both whole or one panel
 * into a buffer of its own, and the transposition of A ({@link Gemm#transposeColumnsOf}), whole or
 * by pieces of rows or columns. On a machine with 16-lane vectors these run through
 * {@link Transpose16}'s blocks, with the ragged edges (sizes that are no multiple of 16 or of a
 * panel) copied one float at a time; elsewhere all of it is the scalar copy.
 */
class PackingTest {
    private static final int NR = Gemm.NR;
    private static final int[][] SHAPES = {  // k, n
            {1, 1}, {16, 16}, {16, 32}, {17, 33}, {31, 64}, {64, 512}, {512, 512}, {520, 200}, {100, 10}, {48, 95},
            {784, 512}, {3, 70}};

    @Test
    void wTransposedInPanelsIsTheDefinitionWholeOrOnePanelAtATime() {
        for (int[] s : SHAPES) {
            int k = s[0], n = s[1], panels = (n + NR - 1) / NR;
            float[] W = random(n * k, k * 31 + n);
            float[] whole = new float[Gemm.packedSize(k, n)];
            java.util.Arrays.fill(whole, Float.NaN);
            Gemm.pack(W, whole, k, n, 0, panels);
            for (int q = 0; q < panels; q++) {
                for (int p = 0; p < k; p++) {
                    for (int jj = 0; jj < NR; jj++) {
                        int j = q * NR + jj;
                        float expected = j < n ? W[j * k + p] : 0f;
                        assertThat(whole[q * k * NR + p * NR + jj]).as("pack %dx%d panel %d row %d col %d", k, n, q, p, jj)
                                .isEqualTo(expected);
                    }
                }
                float[] one = new float[k * NR];
                java.util.Arrays.fill(one, Float.NaN);
                Gemm.pack(W, one, q, k, n, q, q + 1);
                assertThat(one).as("pack %dx%d panel %d alone", k, n, q)
                        .isEqualTo(java.util.Arrays.copyOfRange(whole, q * k * NR, (q + 1) * k * NR));
            }
        }
    }

    @Test
    void bInPanelsIsTheDefinitionWholeOrOnePanelAtATime() {
        for (int[] s : SHAPES) {
            int k = s[0], n = s[1], panels = (n + NR - 1) / NR;
            float[] B = random(k * n, k * 17 + n);
            float[] whole = new float[Gemm.packedSize(k, n)];
            java.util.Arrays.fill(whole, Float.NaN);
            Gemm.packRows(B, whole, k, n, 0, panels);
            for (int q = 0; q < panels; q++) {
                for (int p = 0; p < k; p++) {
                    for (int jj = 0; jj < NR; jj++) {
                        int j = q * NR + jj;
                        float expected = j < n ? B[p * n + j] : 0f;
                        assertThat(whole[q * k * NR + p * NR + jj]).as("packRows %dx%d panel %d row %d col %d", k, n, q, p, jj)
                                .isEqualTo(expected);
                    }
                }
                float[] one = new float[k * NR];
                Gemm.packRows(B, one, q, k, n, q, q + 1, 0, k);
                assertThat(one).as("packRows %dx%d panel %d alone", k, n, q)
                        .isEqualTo(java.util.Arrays.copyOfRange(whole, q * k * NR, (q + 1) * k * NR));
            }
        }
    }

    @Test
    void aTransposedIsTheDefinitionWholeOrByPiecesOfRowsOrColumns() {
        for (int[] s : SHAPES) {
            int k = s[0], m = s[1];  // A [k, m] -> At [m, k]
            float[] A = random(k * m, k * 7 + m);
            float[] whole = new float[k * m], byRows = new float[k * m], byColumns = new float[k * m];
            Gemm.transpose(A, whole, m, k);
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    assertThat(whole[i * k + p]).as("transpose %dx%d at %d,%d", k, m, i, p).isEqualTo(A[p * m + i]);
                }
            }
            for (int p0 = 0; p0 < k; p0 += 37) Gemm.transpose(A, byRows, m, k, p0, Math.min(k, p0 + 37));
            for (int i0 = 0; i0 < m; i0 += 40) Gemm.transposeColumnsOf(A, byColumns, m, k, 0, k, i0, Math.min(m, i0 + 40));
            assertThat(byRows).as("transpose %dx%d by pieces of 37 rows", k, m).isEqualTo(whole);
            assertThat(byColumns).as("transpose %dx%d by pieces of 40 columns", k, m).isEqualTo(whole);
        }
    }

    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
