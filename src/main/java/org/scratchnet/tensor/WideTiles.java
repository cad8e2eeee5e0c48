package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s register tile for the 32 vector registers of AVX-512 ({@link TileShape#TWELVE_BY_TWO}):
 * twelve rows by two vectors of columns, 24 accumulators, two vectors of B and one broadcast in
 * flight (27 registers). Against the six-row tile it reads each vector of B once per 24 FMAs
 * instead of 12, so a pass down the rows streams the strip of B half as often, and it issues
 * 14 loads per 24 FMAs instead of 8 per 12. The same fma chain per output element as every other
 * tile (bias, then p = 0..k-1), so the bits do not depend on the tile. Written out by hand (no
 * arrays of vectors): the JIT keeps named locals in registers.
 */
final class WideTiles {
    static final VectorSpecies<Float> S = Gemm.S;
    static final int L = Gemm.L;
    static final int NR = Gemm.NR;
    /** Rows of the wide tile. */
    static final int ROWS = 12;

    private WideTiles() {}

    /** Rows i..i+11, columns j..j+w of C = bias + A·B, A through two strides, B [k, bRowStride] from bBase. */
    static void tile12x2(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
            float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c0_0, c0_1;
        FloatVector c1_0, c1_1;
        FloatVector c2_0, c2_1;
        FloatVector c3_0, c3_1;
        FloatVector c4_0, c4_1;
        FloatVector c5_0, c5_1;
        FloatVector c6_0, c6_1;
        FloatVector c7_0, c7_1;
        FloatVector c8_0, c8_1;
        FloatVector c9_0, c9_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        if (bias != null) {
            c0_0 = c1_0 = c2_0 = c3_0 = c4_0 = c5_0 = c6_0 = c7_0 = c8_0 = c9_0 = c10_0 = c11_0 = FloatVector.fromArray(S, bias, j);
            c0_1 = c1_1 = c2_1 = c3_1 = c4_1 = c5_1 = c6_1 = c7_1 = c8_1 = c9_1 = c10_1 = c11_1 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c0_0 = c0_1 = c1_0 = c1_1 = c2_0 = c2_1 = c3_0 = c3_1 = c4_0 = c4_1 = c5_0 = c5_1 = c6_0 = c6_1 = c7_0 = c7_1 = c8_0 = c8_1 = c9_0 = c9_1 = c10_0 = c10_1 = c11_0 = c11_1 = FloatVector.zero(S);
        }
        int a = i * aRowStride;
        int b = bBase;
        for (int p = 0; p < k; p++, a += aColumnStride, b += bRowStride) {
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[a]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, A[a + aRowStride]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, A[a + 2 * aRowStride]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, A[a + 3 * aRowStride]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, A[a + 4 * aRowStride]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, A[a + 5 * aRowStride]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, A[a + 6 * aRowStride]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, A[a + 7 * aRowStride]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, A[a + 8 * aRowStride]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, A[a + 9 * aRowStride]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, A[a + 10 * aRowStride]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, A[a + 11 * aRowStride]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c0_0.intoArray(C, c);
            c0_1.intoArray(C, c + L);
            c1_0.intoArray(C, c + cRowStride);
            c1_1.intoArray(C, c + cRowStride + L);
            c2_0.intoArray(C, c + 2 * cRowStride);
            c2_1.intoArray(C, c + 2 * cRowStride + L);
            c3_0.intoArray(C, c + 3 * cRowStride);
            c3_1.intoArray(C, c + 3 * cRowStride + L);
            c4_0.intoArray(C, c + 4 * cRowStride);
            c4_1.intoArray(C, c + 4 * cRowStride + L);
            c5_0.intoArray(C, c + 5 * cRowStride);
            c5_1.intoArray(C, c + 5 * cRowStride + L);
            c6_0.intoArray(C, c + 6 * cRowStride);
            c6_1.intoArray(C, c + 6 * cRowStride + L);
            c7_0.intoArray(C, c + 7 * cRowStride);
            c7_1.intoArray(C, c + 7 * cRowStride + L);
            c8_0.intoArray(C, c + 8 * cRowStride);
            c8_1.intoArray(C, c + 8 * cRowStride + L);
            c9_0.intoArray(C, c + 9 * cRowStride);
            c9_1.intoArray(C, c + 9 * cRowStride + L);
            c10_0.intoArray(C, c + 10 * cRowStride);
            c10_1.intoArray(C, c + 10 * cRowStride + L);
            c11_0.intoArray(C, c + 11 * cRowStride);
            c11_1.intoArray(C, c + 11 * cRowStride + L);
        } else {
            c0_0.intoArray(edge, 0 * L);
            c0_1.intoArray(edge, 1 * L);
            c1_0.intoArray(edge, 2 * L);
            c1_1.intoArray(edge, 3 * L);
            c2_0.intoArray(edge, 4 * L);
            c2_1.intoArray(edge, 5 * L);
            c3_0.intoArray(edge, 6 * L);
            c3_1.intoArray(edge, 7 * L);
            c4_0.intoArray(edge, 8 * L);
            c4_1.intoArray(edge, 9 * L);
            c5_0.intoArray(edge, 10 * L);
            c5_1.intoArray(edge, 11 * L);
            c6_0.intoArray(edge, 12 * L);
            c6_1.intoArray(edge, 13 * L);
            c7_0.intoArray(edge, 14 * L);
            c7_1.intoArray(edge, 15 * L);
            c8_0.intoArray(edge, 16 * L);
            c8_1.intoArray(edge, 17 * L);
            c9_0.intoArray(edge, 18 * L);
            c9_1.intoArray(edge, 19 * L);
            c10_0.intoArray(edge, 20 * L);
            c10_1.intoArray(edge, 21 * L);
            c11_0.intoArray(edge, 22 * L);
            c11_1.intoArray(edge, 23 * L);
            Gemm.copyEdge(edge, C, c, cRowStride, 12, w);
        }
    }

    /** The same for A row-major and B packed in panels (bRowStride = NR): the indexed loop of {@link Gemm#INDEXED_LOOPS}. */
    static void tile12x2Packed(float[] A, int aRowStride, int aColumnStride, float[] B, int bBase, int bRowStride,
            float[] bias, float[] C, int cRowStride, int i, int j, int w, int k, float[] edge) {
        FloatVector c0_0, c0_1;
        FloatVector c1_0, c1_1;
        FloatVector c2_0, c2_1;
        FloatVector c3_0, c3_1;
        FloatVector c4_0, c4_1;
        FloatVector c5_0, c5_1;
        FloatVector c6_0, c6_1;
        FloatVector c7_0, c7_1;
        FloatVector c8_0, c8_1;
        FloatVector c9_0, c9_1;
        FloatVector c10_0, c10_1;
        FloatVector c11_0, c11_1;
        if (bias != null) {
            c0_0 = c1_0 = c2_0 = c3_0 = c4_0 = c5_0 = c6_0 = c7_0 = c8_0 = c9_0 = c10_0 = c11_0 = FloatVector.fromArray(S, bias, j);
            c0_1 = c1_1 = c2_1 = c3_1 = c4_1 = c5_1 = c6_1 = c7_1 = c8_1 = c9_1 = c10_1 = c11_1 = FloatVector.fromArray(S, bias, j + L);
        } else {
            c0_0 = c0_1 = c1_0 = c1_1 = c2_0 = c2_1 = c3_0 = c3_1 = c4_0 = c4_1 = c5_0 = c5_1 = c6_0 = c6_1 = c7_0 = c7_1 = c8_0 = c8_1 = c9_0 = c9_1 = c10_0 = c10_1 = c11_0 = c11_1 = FloatVector.zero(S);
        }
        // A row-major and B in panels: every index is p plus a constant (no bounds checks in the loop).
        int r0 = i * aRowStride;
        int r1 = r0 + aRowStride;
        int r2 = r1 + aRowStride;
        int r3 = r2 + aRowStride;
        int r4 = r3 + aRowStride;
        int r5 = r4 + aRowStride;
        int r6 = r5 + aRowStride;
        int r7 = r6 + aRowStride;
        int r8 = r7 + aRowStride;
        int r9 = r8 + aRowStride;
        int r10 = r9 + aRowStride;
        int r11 = r10 + aRowStride;
        for (int p = 0; p < k; p++) {
            int b = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, B, b);
            FloatVector b1 = FloatVector.fromArray(S, B, b + L);
            FloatVector a0 = FloatVector.broadcast(S, A[r0 + p]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, A[r1 + p]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, A[r2 + p]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, A[r3 + p]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, A[r4 + p]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, A[r5 + p]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, A[r6 + p]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, A[r7 + p]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, A[r8 + p]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, A[r9 + p]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, A[r10 + p]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, A[r11 + p]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        int c = i * cRowStride + j;
        if (w == NR) {
            c0_0.intoArray(C, c);
            c0_1.intoArray(C, c + L);
            c1_0.intoArray(C, c + cRowStride);
            c1_1.intoArray(C, c + cRowStride + L);
            c2_0.intoArray(C, c + 2 * cRowStride);
            c2_1.intoArray(C, c + 2 * cRowStride + L);
            c3_0.intoArray(C, c + 3 * cRowStride);
            c3_1.intoArray(C, c + 3 * cRowStride + L);
            c4_0.intoArray(C, c + 4 * cRowStride);
            c4_1.intoArray(C, c + 4 * cRowStride + L);
            c5_0.intoArray(C, c + 5 * cRowStride);
            c5_1.intoArray(C, c + 5 * cRowStride + L);
            c6_0.intoArray(C, c + 6 * cRowStride);
            c6_1.intoArray(C, c + 6 * cRowStride + L);
            c7_0.intoArray(C, c + 7 * cRowStride);
            c7_1.intoArray(C, c + 7 * cRowStride + L);
            c8_0.intoArray(C, c + 8 * cRowStride);
            c8_1.intoArray(C, c + 8 * cRowStride + L);
            c9_0.intoArray(C, c + 9 * cRowStride);
            c9_1.intoArray(C, c + 9 * cRowStride + L);
            c10_0.intoArray(C, c + 10 * cRowStride);
            c10_1.intoArray(C, c + 10 * cRowStride + L);
            c11_0.intoArray(C, c + 11 * cRowStride);
            c11_1.intoArray(C, c + 11 * cRowStride + L);
        } else {
            c0_0.intoArray(edge, 0 * L);
            c0_1.intoArray(edge, 1 * L);
            c1_0.intoArray(edge, 2 * L);
            c1_1.intoArray(edge, 3 * L);
            c2_0.intoArray(edge, 4 * L);
            c2_1.intoArray(edge, 5 * L);
            c3_0.intoArray(edge, 6 * L);
            c3_1.intoArray(edge, 7 * L);
            c4_0.intoArray(edge, 8 * L);
            c4_1.intoArray(edge, 9 * L);
            c5_0.intoArray(edge, 10 * L);
            c5_1.intoArray(edge, 11 * L);
            c6_0.intoArray(edge, 12 * L);
            c6_1.intoArray(edge, 13 * L);
            c7_0.intoArray(edge, 14 * L);
            c7_1.intoArray(edge, 15 * L);
            c8_0.intoArray(edge, 16 * L);
            c8_1.intoArray(edge, 17 * L);
            c9_0.intoArray(edge, 18 * L);
            c9_1.intoArray(edge, 19 * L);
            c10_0.intoArray(edge, 20 * L);
            c10_1.intoArray(edge, 21 * L);
            c11_0.intoArray(edge, 22 * L);
            c11_1.intoArray(edge, 23 * L);
            Gemm.copyEdge(edge, C, c, cRowStride, 12, w);
        }
    }
}
