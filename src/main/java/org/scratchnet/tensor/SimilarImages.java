package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Puts the rows of a stretch of the first layer's input into groups of {@link SparseGroups#IMAGES}
 * images that share their pixels, for {@link SparseTiles}' forward tiles: a tile multiplies every
 * pixel any of its images has, zeros included, so the smaller the union the fewer vectors of Wᵀ
 * it reads and the fewer FMAs it runs. Three neighbouring rows of an MNIST batch share 56% of
 * their nonzeros side by side (a tile's FMAs, 1.79 per useful one); grouped as below, 63-64%
 * (1.57; about 12% fewer vectors of Wᵀ read, in stretches of 42 groups): the forward tiles
 * 1.06-1.10x faster at batch 1000 on the Zen 5, one thread (docs/benchmarks.md).
 * <pre>
 *   marks[r]   the pixels at which row r is nonzero, a bit set of k bits ({@code != 0f}, as {@link SparseRows} lists them)
 *   sketch[r]  one bit per vector of pixels (lane group q: bit q mod 64) at which row r has any nonzero
 *   groups     greedy: the first row not yet grouped, then the one whose sketch adds the fewest bits
 *              to the group's, twice (the first of equals)
 * </pre>
 * The grouping changes which zeros a row's sum skips, never its value: every output is the fma
 * chain over its row's nonzero pixels ascending, with exact zeros added in between (see
 * {@link SparseTiles}), so the results do not depend on it, nor on the stretches the threads
 * take. One instance per thread, reused: nothing is allocated per call once it has grown.
 */
final class SimilarImages {
    static final VectorSpecies<Float> S = VectorKernels.S;
    static final int L = S.length();
    static final int IMAGES = SparseGroups.IMAGES;
    /**
     * Rows grouped together: 42 groups. Longer stretches group a little better (63% of a tile's
     * sums useful at 42 groups, 64% at 333) but keep more rows of X in the cache beside Wᵀ.
     */
    static final int STRETCH = 42 * IMAGES;

    private long[] marks = new long[0];
    private final long[] sketch = new long[STRETCH];
    /** The stretch's rows (relative to its first), in group order once {@link #group} has run. */
    private final int[] order = new int[STRETCH];
    private int words;
    /** Whether to group similar images (false: each three neighbouring rows, as before; for tests and profiles). */
    private final boolean similar;

    SimilarImages() {
        this(true);
    }

    SimilarImages(boolean similar) {
        this.similar = similar;
    }

    /**
     * Marks rows i0 .. i0 + rows - 1 of x [.., k] ({@code rows} at most {@link #STRETCH}, a multiple
     * of {@link SparseGroups#IMAGES}) and orders them into groups; {@link #row} then gives group g's rows.
     */
    void group(float[] x, int k, int i0, int rows) {
        words = SparseGroups.bitsFor(k);
        if (marks.length < STRETCH * words) marks = new long[STRETCH * words];
        for (int r = 0; r < rows; r++) mark(x, k, i0 + r, r);
        for (int r = 0; r < rows; r++) order[r] = r;
        for (int g = 0; similar && g < rows; g += IMAGES) {
            long union = sketch[order[g]];
            for (int member = 1; member < IMAGES; member++) {
                int best = g + member;
                int fewest = Long.bitCount(union | sketch[order[best]]);
                for (int c = best + 1; c < rows && fewest > Long.bitCount(union); c++) {
                    int added = Long.bitCount(union | sketch[order[c]]);
                    if (added < fewest) {
                        fewest = added;
                        best = c;
                    }
                }
                int chosen = order[best];
                order[best] = order[g + member];
                order[g + member] = chosen;
                union |= sketch[chosen];
            }
        }
    }

    /** The row of x (absolute) that is member {@code member} of group g of the stretch starting at row i0. */
    int row(int i0, int g, int member) {
        return i0 + order[g * IMAGES + member];
    }

    /** Writes the pixels at which any row of group g is nonzero into {@code into}, ascending, and returns how many. */
    int pixelsOfGroup(int g, int[] into) {
        int a = order[g * IMAGES] * words, b = order[g * IMAGES + 1] * words, c = order[g * IMAGES + 2] * words;
        int u = 0;
        for (int w = 0; w < words; w++) {
            long bits = marks[a + w] | marks[b + w] | marks[c + w];
            while (bits != 0L) {
                into[u++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        return u;
    }

    /** marks and sketch of row i of x, kept as row r of the stretch. (A lane count that divides 64 keeps each vector's marks inside one long.) */
    private void mark(float[] x, int k, int i, int r) {
        int base = i * k, at = r * words, p = 0;
        long s = 0L;
        for (int w = 0; w < words; w++) marks[at + w] = 0L;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            long m = FloatVector.fromArray(S, x, base + p).compare(VectorOperators.NE, 0f).toLong();
            marks[at + (p >>> 6)] |= m << (p & 63);
            s |= (m != 0L ? 1L : 0L) << (p / L);
        }
        for (; p < k; p++) {
            if (x[base + p] != 0f) {
                marks[at + (p >>> 6)] |= 1L << p;
                s |= 1L << (p / L);
            }
        }
        sketch[r] = s;
    }
}
