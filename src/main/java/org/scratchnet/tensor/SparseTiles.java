package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer's two products as register tiles over groups of its input ({@link SparseGroups}),
 * for vectors of 512 bits (32 registers; {@link VectorKernels} keeps {@link SparseGemm}'s
 * per-row and per-pixel kernels on narrower ones):
 * <pre>
 *   forward   Z[i, :]   = b + Σ_p X[i,p] · Wᵀ[p, :]   three images at a time, over the pixels any of them has:
 *                                                     3 x 8 vectors of sums, each vector of Wᵀ read once for 3 FMAs
 *   weights   dWᵀ[p, :] =     Σ_i X[i,p] · dZ[i, :]   four pixels at a time, over the images any of them has:
 *                                                     4 x 4 vectors of sums, each vector of dZ read once for 4 FMAs
 * </pre>
 * Per nonzero, {@link SparseGemm} loads an index, a value and eight vectors (of Wᵀ: 1.6 MB for
 * W2's 784 x 512, more than the 1 MiB L2 a core of the Zen 5 has here) for eight FMAs, and runs
 * at a fifth of the dense products' speed per useful FLOP. A tile shares each loaded vector among its group and multiplies the zeros of
 * the group too: on MNIST batches three neighbouring images' union holds 55% of their nonzeros
 * (so 1.8 FMAs per useful one), three similar ones' ({@link SimilarImages}, what the forward
 * tiles take) 64%, four neighbouring pixels' union 67% (pixels next to each other are nonzero
 * together). Measured on the Zen 5 (docs/kernels.md) both run about 1.4x faster than
 * the per-nonzero kernels. A zero term adds an exact zero, so every output is the same fma chain
 * as in {@link SparseGemm} with zeros in between: the same bits.
 *
 * <p>The tiles cover the columns of the wide groups ({@link SparseGemm#wideGroups}: whole
 * multiples of 8 vectors); the rows past the last group of three go through
 * {@link SparseGemm#rowBlock}, pixels past the last group of four through a one-pixel tile, and
 * the columns past the wide groups through {@link SparseGemm}'s narrow kernels. What computes
 * an output depends only on the shapes, never on the threads.
 */
final class SparseTiles {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();
    /** Columns of a forward tile: one wide group of {@link SparseGemm}. */
    static final int FORWARD_COLUMNS = SparseGemm.GROUP * SparseGemm.NR;
    /** Columns of a weight-gradient tile. */
    static final int GRADIENT_COLUMNS = 4 * L;
    static final int IMAGES = SparseGroups.IMAGES;
    static final int PIXELS = SparseGroups.PIXELS;

    private SparseTiles() {}

    /** The forward product's rows in units: the groups of {@link #IMAGES} images, then one unit for the rows past them. */
    static int rowUnits(int m) {
        return m / IMAGES + (m % IMAGES != 0 ? 1 : 0);
    }

    /**
     * Row units g0..g1 ({@link #rowUnits}) of C = bias + X·Wᵀ over the wide columns. The units'
     * whole groups are taken in stretches of {@link SimilarImages#STRETCH} rows, each put into
     * groups of similar images ({@code similar}: fewer pixels per group); a group lists its pixels
     * into {@code pixels} (X.cols ints) and runs through all its blocks of columns in turn, so that
     * each row of Wᵀ it reads is one stretch of memory (2 KB for W2's 512 columns) and the group's
     * values stay in the L1. (Blocks of columns in the outer loop, so that a block of Wᵀ of 400 KB
     * served all images from the L2, ran 10% slower.) The rows past the last group go one by one,
     * over their own nonzeros ({@code bits}: see {@link #pixelsOfImages}): the fma chain of
     * {@link SparseGemm#rowBlock}. X's lists of rows are not read, so they need not be made.
     */
    static void forward(SparseRows X, float[] Wt, float[] bias, float[] C, int n, int g0, int g1, int[] pixels, long[] bits,
                        SimilarImages similar) {
        int m = X.rows, k = X.cols, wide = SparseGemm.wideGroups(n) * FORWARD_COLUMNS;
        float[] x = X.dense;
        int whole = Math.min(g1, m / IMAGES), perStretch = SimilarImages.STRETCH / IMAGES;
        for (int s0 = g0; s0 < whole; s0 += perStretch) {
            int groups = Math.min(perStretch, whole - s0), i0 = s0 * IMAGES;
            similar.group(x, k, i0, groups * IMAGES);
            for (int g = 0; g < groups; g++) {
                int count = similar.pixelsOfGroup(g, pixels);
                int ia = similar.row(i0, g, 0), ib = similar.row(i0, g, 1), ic = similar.row(i0, g, 2);
                for (int j = 0; j < wide; j += FORWARD_COLUMNS) tile3x8(x, k, pixels, 0, count, Wt, bias, C, n, ia, ib, ic, j);
            }
        }
        for (int g = Math.max(g0, whole); g < g1; g++) {
            for (int i = g * IMAGES; i < m; i++) {
                int count = pixelsOfImages(x, k, i, 1, bits, pixels);
                for (int j = 0; j < wide; j += FORWARD_COLUMNS) tile1x8(x, k, pixels, count, Wt, bias, C, n, i, j);
            }
        }
    }

    /**
     * Writes the pixels at which any of the rows i0 .. i0 + images - 1 of X [rows, k] is nonzero
     * ({@code != 0f}, as {@link SparseRows} lists them: the same pixels as the union of the rows'
     * lists) into {@code into}, ascending, and returns how many: a vector of each row compared
     * with zero at a time, the lanes' marks gathered in {@code bits} ({@link SparseGroups#bitsFor}
     * longs, all zero, and left so), then read out in order. (A lane count that divides 64 keeps
     * each vector's marks inside one long.)
     */
    static int pixelsOfImages(float[] x, int k, int i0, int images, long[] bits, int[] into) {
        int r = i0 * k, p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            // The marks are ORed as longs: a mask carried from one iteration to the next is boxed
            // (1.5 MB of garbage a batch of 1000 when it was).
            long any = 0L;
            for (int i = 0; i < images; i++) any |= FloatVector.fromArray(S, x, r + i * k + p).compare(VectorOperators.NE, 0f).toLong();
            bits[p >>> 6] |= any << (p & 63);
        }
        for (; p < k; p++) {
            boolean any = false;
            for (int i = 0; i < images; i++) any |= x[r + i * k + p] != 0f;
            if (any) bits[p >>> 6] |= 1L << p;
        }
        int u = 0;
        for (int w = 0, words = SparseGroups.bitsFor(k); w < words; w++) {
            long b = bits[w];
            bits[w] = 0L;
            while (b != 0L) {
                into[u++] = (w << 6) + Long.numberOfTrailingZeros(b);
                b &= b - 1;
            }
        }
        return u;
    }

    /** Groups of {@link #PIXELS} pixels of a k-pixel input (the last may have fewer). */
    static int pixelGroups(int k) {
        return (k + PIXELS - 1) / PIXELS;
    }

    /**
     * Pixel groups q0..q1 ({@link #pixelGroups}) of C = Xᵀ·dZ (the first layer's dWᵀ [k, n]) over
     * the wide columns, in blocks of {@code blockRows} rows (the first block stores, later ones
     * add; dZ's block stays in the L2). A group lists its images into {@code images} (blockRows
     * ints) and runs through all its blocks of columns in turn, as the forward's groups of images
     * do, so that each row of dZ it reads is one stretch of memory (blocks of columns in the outer
     * loop, so that dZ's block of 32 KiB stayed in the L1, ran 15-20% slower).
     */
    static void weightGradient(float[] dZ, SparseRows X, float[] C, int n, int q0, int q1, int blockRows, int[] images) {
        int m = X.rows, k = X.cols, wide = SparseGemm.wideGroups(n) * FORWARD_COLUMNS;
        for (int r0 = 0; r0 < Math.max(m, 1); r0 += blockRows) {
            int r1 = Math.min(m, r0 + blockRows);
            boolean add = r0 > 0;
            for (int q = q0; q < q1; q++) {
                int p = q * PIXELS, width = Math.min(PIXELS, k - p);
                int count = SparseGroups.imagesOfPixels(X.dense, k, p, width, r0, r1, images);
                for (int j = 0; j < wide; j += GRADIENT_COLUMNS) {
                    if (width == PIXELS) tile4x4(X.dense, k, images, 0, count, dZ, C, n, p, j, add);
                    else for (int pp = p; pp < k; pp++) tile1x4(X.dense, k, images, 0, count, dZ, C, n, pp, j, add);
                }
            }
        }
    }

    /**
     * C[i, j .. j+8L] = bias + Σ over the group's pixels p of X[i, p] · Wᵀ[p, j ..] for its rows
     * i = ia, ib, ic: 24 accumulators (three rows of eight vectors), each vector of Wᵀ loaded once
     * for three FMAs.
     */
    private static void tile3x8(float[] x, int k, int[] pixel, int t0, int t1, float[] Wt, float[] bias, float[] C, int n,
                                int ia, int ib, int ic, int j) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        if (bias != null) {
            a0 = FloatVector.fromArray(S, bias, j);
            a1 = FloatVector.fromArray(S, bias, j + L);
            a2 = FloatVector.fromArray(S, bias, j + 2 * L);
            a3 = FloatVector.fromArray(S, bias, j + 3 * L);
            a4 = FloatVector.fromArray(S, bias, j + 4 * L);
            a5 = FloatVector.fromArray(S, bias, j + 5 * L);
            a6 = FloatVector.fromArray(S, bias, j + 6 * L);
            a7 = FloatVector.fromArray(S, bias, j + 7 * L);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S);
        }
        FloatVector b0 = a0, b1 = a1, b2 = a2, b3 = a3, b4 = a4, b5 = a5, b6 = a6, b7 = a7;
        FloatVector c0 = a0, c1 = a1, c2 = a2, c3 = a3, c4 = a4, c5 = a5, c6 = a6, c7 = a7;
        int r0 = ia * k, r1 = ib * k, r2 = ic * k;
        for (int t = t0; t < t1; t++) {
            int p = pixel[t], o = p * n + j;
            FloatVector x0 = FloatVector.broadcast(S, x[r0 + p]), x1 = FloatVector.broadcast(S, x[r1 + p]),
                    x2 = FloatVector.broadcast(S, x[r2 + p]);
            FloatVector w = FloatVector.fromArray(S, Wt, o);
            a0 = x0.fma(w, a0);
            b0 = x1.fma(w, b0);
            c0 = x2.fma(w, c0);
            w = FloatVector.fromArray(S, Wt, o + L);
            a1 = x0.fma(w, a1);
            b1 = x1.fma(w, b1);
            c1 = x2.fma(w, c1);
            w = FloatVector.fromArray(S, Wt, o + 2 * L);
            a2 = x0.fma(w, a2);
            b2 = x1.fma(w, b2);
            c2 = x2.fma(w, c2);
            w = FloatVector.fromArray(S, Wt, o + 3 * L);
            a3 = x0.fma(w, a3);
            b3 = x1.fma(w, b3);
            c3 = x2.fma(w, c3);
            w = FloatVector.fromArray(S, Wt, o + 4 * L);
            a4 = x0.fma(w, a4);
            b4 = x1.fma(w, b4);
            c4 = x2.fma(w, c4);
            w = FloatVector.fromArray(S, Wt, o + 5 * L);
            a5 = x0.fma(w, a5);
            b5 = x1.fma(w, b5);
            c5 = x2.fma(w, c5);
            w = FloatVector.fromArray(S, Wt, o + 6 * L);
            a6 = x0.fma(w, a6);
            b6 = x1.fma(w, b6);
            c6 = x2.fma(w, c6);
            w = FloatVector.fromArray(S, Wt, o + 7 * L);
            a7 = x0.fma(w, a7);
            b7 = x1.fma(w, b7);
            c7 = x2.fma(w, c7);
        }
        int c = ia * n + j;
        a0.intoArray(C, c);
        a1.intoArray(C, c + L);
        a2.intoArray(C, c + 2 * L);
        a3.intoArray(C, c + 3 * L);
        a4.intoArray(C, c + 4 * L);
        a5.intoArray(C, c + 5 * L);
        a6.intoArray(C, c + 6 * L);
        a7.intoArray(C, c + 7 * L);
        c = ib * n + j;
        b0.intoArray(C, c);
        b1.intoArray(C, c + L);
        b2.intoArray(C, c + 2 * L);
        b3.intoArray(C, c + 3 * L);
        b4.intoArray(C, c + 4 * L);
        b5.intoArray(C, c + 5 * L);
        b6.intoArray(C, c + 6 * L);
        b7.intoArray(C, c + 7 * L);
        c = ic * n + j;
        c0.intoArray(C, c);
        c1.intoArray(C, c + L);
        c2.intoArray(C, c + 2 * L);
        c3.intoArray(C, c + 3 * L);
        c4.intoArray(C, c + 4 * L);
        c5.intoArray(C, c + 5 * L);
        c6.intoArray(C, c + 6 * L);
        c7.intoArray(C, c + 7 * L);
    }

    /**
     * C[i, j .. j+8L] = bias + Σ over the row's nonzero pixels p of X[i, p] · Wᵀ[p, j ..], in
     * ascending order: {@link SparseGemm#rowBlock}'s fma chain, read from X rather than its list.
     */
    private static void tile1x8(float[] x, int k, int[] pixel, int count, float[] Wt, float[] bias, float[] C, int n, int i, int j) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (bias != null) {
            c0 = FloatVector.fromArray(S, bias, j);
            c1 = FloatVector.fromArray(S, bias, j + L);
            c2 = FloatVector.fromArray(S, bias, j + 2 * L);
            c3 = FloatVector.fromArray(S, bias, j + 3 * L);
            c4 = FloatVector.fromArray(S, bias, j + 4 * L);
            c5 = FloatVector.fromArray(S, bias, j + 5 * L);
            c6 = FloatVector.fromArray(S, bias, j + 6 * L);
            c7 = FloatVector.fromArray(S, bias, j + 7 * L);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = FloatVector.zero(S);
        }
        int r = i * k;
        for (int t = 0; t < count; t++) {
            int p = pixel[t], o = p * n + j;
            FloatVector v = FloatVector.broadcast(S, x[r + p]);
            c0 = v.fma(FloatVector.fromArray(S, Wt, o), c0);
            c1 = v.fma(FloatVector.fromArray(S, Wt, o + L), c1);
            c2 = v.fma(FloatVector.fromArray(S, Wt, o + 2 * L), c2);
            c3 = v.fma(FloatVector.fromArray(S, Wt, o + 3 * L), c3);
            c4 = v.fma(FloatVector.fromArray(S, Wt, o + 4 * L), c4);
            c5 = v.fma(FloatVector.fromArray(S, Wt, o + 5 * L), c5);
            c6 = v.fma(FloatVector.fromArray(S, Wt, o + 6 * L), c6);
            c7 = v.fma(FloatVector.fromArray(S, Wt, o + 7 * L), c7);
        }
        int c = i * n + j;
        c0.intoArray(C, c);
        c1.intoArray(C, c + L);
        c2.intoArray(C, c + 2 * L);
        c3.intoArray(C, c + 3 * L);
        c4.intoArray(C, c + 4 * L);
        c5.intoArray(C, c + 5 * L);
        c6.intoArray(C, c + 6 * L);
        c7.intoArray(C, c + 7 * L);
    }

    /**
     * dWᵀ[p .. p+3, j .. j+4L] (+)= Σ over the group's images i of X[i, p..p+3] · dZ[i, j ..]: 16
     * accumulators (four pixels of four vectors), each vector of dZ loaded once for four FMAs.
     */
    private static void tile4x4(float[] x, int k, int[] image, int t0, int t1, float[] dZ, float[] C, int n, int p, int j,
                                boolean add) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, d0 = a0, d1 = a0, d2 = a0, d3 = a0;
        for (int t = t0; t < t1; t++) {
            int i = image[t], o = i * n + j, q = i * k + p;
            FloatVector z0 = FloatVector.fromArray(S, dZ, o), z1 = FloatVector.fromArray(S, dZ, o + L),
                    z2 = FloatVector.fromArray(S, dZ, o + 2 * L), z3 = FloatVector.fromArray(S, dZ, o + 3 * L);
            FloatVector v = FloatVector.broadcast(S, x[q]);
            a0 = v.fma(z0, a0);
            a1 = v.fma(z1, a1);
            a2 = v.fma(z2, a2);
            a3 = v.fma(z3, a3);
            v = FloatVector.broadcast(S, x[q + 1]);
            b0 = v.fma(z0, b0);
            b1 = v.fma(z1, b1);
            b2 = v.fma(z2, b2);
            b3 = v.fma(z3, b3);
            v = FloatVector.broadcast(S, x[q + 2]);
            c0 = v.fma(z0, c0);
            c1 = v.fma(z1, c1);
            c2 = v.fma(z2, c2);
            c3 = v.fma(z3, c3);
            v = FloatVector.broadcast(S, x[q + 3]);
            d0 = v.fma(z0, d0);
            d1 = v.fma(z1, d1);
            d2 = v.fma(z2, d2);
            d3 = v.fma(z3, d3);
        }
        int c = p * n + j;
        if (add) {
            a0 = FloatVector.fromArray(S, C, c).add(a0);
            a1 = FloatVector.fromArray(S, C, c + L).add(a1);
            a2 = FloatVector.fromArray(S, C, c + 2 * L).add(a2);
            a3 = FloatVector.fromArray(S, C, c + 3 * L).add(a3);
            b0 = FloatVector.fromArray(S, C, c + 1 * n).add(b0);
            b1 = FloatVector.fromArray(S, C, c + 1 * n + L).add(b1);
            b2 = FloatVector.fromArray(S, C, c + 1 * n + 2 * L).add(b2);
            b3 = FloatVector.fromArray(S, C, c + 1 * n + 3 * L).add(b3);
            c0 = FloatVector.fromArray(S, C, c + 2 * n).add(c0);
            c1 = FloatVector.fromArray(S, C, c + 2 * n + L).add(c1);
            c2 = FloatVector.fromArray(S, C, c + 2 * n + 2 * L).add(c2);
            c3 = FloatVector.fromArray(S, C, c + 2 * n + 3 * L).add(c3);
            d0 = FloatVector.fromArray(S, C, c + 3 * n).add(d0);
            d1 = FloatVector.fromArray(S, C, c + 3 * n + L).add(d1);
            d2 = FloatVector.fromArray(S, C, c + 3 * n + 2 * L).add(d2);
            d3 = FloatVector.fromArray(S, C, c + 3 * n + 3 * L).add(d3);
        }
        a0.intoArray(C, c);
        a1.intoArray(C, c + L);
        a2.intoArray(C, c + 2 * L);
        a3.intoArray(C, c + 3 * L);
        b0.intoArray(C, c + 1 * n);
        b1.intoArray(C, c + 1 * n + L);
        b2.intoArray(C, c + 1 * n + 2 * L);
        b3.intoArray(C, c + 1 * n + 3 * L);
        c0.intoArray(C, c + 2 * n);
        c1.intoArray(C, c + 2 * n + L);
        c2.intoArray(C, c + 2 * n + 2 * L);
        c3.intoArray(C, c + 2 * n + 3 * L);
        d0.intoArray(C, c + 3 * n);
        d1.intoArray(C, c + 3 * n + L);
        d2.intoArray(C, c + 3 * n + 2 * L);
        d3.intoArray(C, c + 3 * n + 3 * L);
    }

    /** The same for the one pixel p of a partial group (k not a multiple of {@link #PIXELS}). */
    private static void tile1x4(float[] x, int k, int[] image, int t0, int t1, float[] dZ, float[] C, int n, int p, int j,
                                boolean add) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int t = t0; t < t1; t++) {
            int i = image[t], o = i * n + j;
            FloatVector v = FloatVector.broadcast(S, x[i * k + p]);
            a0 = v.fma(FloatVector.fromArray(S, dZ, o), a0);
            a1 = v.fma(FloatVector.fromArray(S, dZ, o + L), a1);
            a2 = v.fma(FloatVector.fromArray(S, dZ, o + 2 * L), a2);
            a3 = v.fma(FloatVector.fromArray(S, dZ, o + 3 * L), a3);
        }
        int c = p * n + j;
        if (add) {
            a0 = FloatVector.fromArray(S, C, c).add(a0);
            a1 = FloatVector.fromArray(S, C, c + L).add(a1);
            a2 = FloatVector.fromArray(S, C, c + 2 * L).add(a2);
            a3 = FloatVector.fromArray(S, C, c + 3 * L).add(a3);
        }
        a0.intoArray(C, c);
        a1.intoArray(C, c + L);
        a2.intoArray(C, c + 2 * L);
        a3.intoArray(C, c + 3 * L);
    }
}
