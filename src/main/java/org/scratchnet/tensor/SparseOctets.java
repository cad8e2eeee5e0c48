package org.scratchnet.tensor;

/**
 * A mostly-zero matrix X [rows, cols] of pixel levels (every entry q/255 for a whole q in 0..255,
 * as MNIST's are), stored for the products of a narrow first layer, eight rows side by side: an
 * <em>octet</em> of rows, one SIMD vector of eight floats per column.
 *
 * <pre>
 *   octet g  = rows 8g .. 8g+7 (the last one padded with zero rows)
 *   a pair   = (octet g, column p) where any of the eight is nonzero, with their eight levels q
 *   by octet:    pairs of octet g at [octetStart[g], octetStart[g+1]), columns ascending:
 *                column octetColumn[t], levels octetLevels[8t .. 8t+8)
 *   by column:   within each block b of {@value #BLOCK_OCTETS} octets, pairs of column p at
 *                [blockColumnStart[b·(cols+1) + p], ... + p + 1), octets ascending:
 *                octet b·{@value #BLOCK_OCTETS} + blockOctet[t], levels blockLevels[8t .. 8t+8)
 * </pre>
 * Why: the paper's first layer has 10 outputs. Listing nonzeros one by one ({@link SparseRows})
 * costs an index, a value, two vector loads and their bounds checks for 10 useful multiply-adds,
 * and the processor spends its time on that overhead, not on arithmetic. With the eight rows of
 * an octet in the lanes of one vector, a pair costs one load for 8 x 10 multiply-adds. A pair
 * carries zeros where one of the eight rows has a zero pixel (MNIST's octets have 362 columns with
 * some ink, of which 41% of the lanes are nonzero), but that still does about half the work per
 * image. The levels are stored as bytes, a quarter of the memory a float takes, since the
 * products stream through all of them every pass.
 *
 * <p>The by-column copy, in blocks of {@value #BLOCK_OCTETS} octets (512 rows), serves the weight
 * gradient: a column's sums stay in registers while it runs over the block's octets, whose rows
 * of dZ (20 KB) stay in the first-level cache.
 *
 * <p>Building takes two passes over X, so it pays only for an input used many times: the
 * whole training set in full-batch training ({@link SparseRows#expectReuse}). {@link #of}
 * returns null when X holds anything but pixel levels, or is too wide for a column to fit in a
 * char; the kernels then use the lists of {@link SparseRows}.
 */
final class SparseOctets {
    /** Rows side by side in a vector. */
    static final int LANES = 8;
    /** Octets per block of the by-column copy. */
    static final int BLOCK_OCTETS = 64;
    /** X[i, p] = level / LEVELS. */
    static final float LEVELS = 255f;
    /** A level is stored as (byte) (level + BYTE_OFFSET), so that 0..255 fits a signed byte. */
    static final int BYTE_OFFSET = -128;

    final int rows;
    final int cols;
    final int octets;
    final int blocks;
    final int[] octetStart;
    final char[] octetColumn;
    final byte[] octetLevels;
    final int[] blockColumnStart;
    final byte[] blockOctet;
    final byte[] blockLevels;

    /**
     * X [rows, cols] as octets, built on the threads of {@code kernels}; null if X holds values
     * other than pixel levels, or is wider than a char can index.
     */
    static SparseOctets of(float[] X, int rows, int cols, Kernels kernels) {
        if (cols > Character.MAX_VALUE || rows <= 0 || cols <= 0) return null;
        int octets = (rows + LANES - 1) / LANES;
        int[] octetStart = new int[octets + 1];
        // Each octet's count of pairs lands at octetStart[g + 1] (-1 for a value that is no
        // pixel level); the running sum then makes them starts.
        kernels.forEachTask(octets, (g0, g1) -> countPairs(X, rows, cols, octetStart, g0, g1));
        long total = 0;
        for (int g = 0; g < octets; g++) {
            if (octetStart[g + 1] < 0) return null;
            total += octetStart[g + 1];
            if (total * LANES > Integer.MAX_VALUE - 8) return null;
            octetStart[g + 1] = (int) total;
        }
        return new SparseOctets(X, rows, cols, octetStart, kernels);
    }

    private SparseOctets(float[] X, int rows, int cols, int[] octetStart, Kernels kernels) {
        this.rows = rows;
        this.cols = cols;
        this.octets = octetStart.length - 1;
        this.blocks = (octets + BLOCK_OCTETS - 1) / BLOCK_OCTETS;
        this.octetStart = octetStart;
        int pairs = octetStart[octets];
        this.octetColumn = new char[pairs];
        this.octetLevels = new byte[pairs * LANES];
        this.blockColumnStart = new int[blocks * (cols + 1)];
        this.blockOctet = new byte[pairs];
        this.blockLevels = new byte[pairs * LANES];
        kernels.forEachTask(octets, (g0, g1) -> fillPairs(X, g0, g1));
        kernels.forEachTask(blocks, this::sortBlocks);
    }

    /** The level q of x = q / 255 (0..255), or -1 if x is no pixel level. */
    static int level(float x) {
        if (!(x >= 0f && x <= 1f)) return -1;
        int q = Math.round(x * LEVELS);
        return q / LEVELS == x ? q : -1;
    }

    /** octetStart[g + 1] = the columns where any row of octet g is nonzero, or -1 if one is no level. */
    private static void countPairs(float[] X, int rows, int cols, int[] octetStart, int g0, int g1) {
        for (int g = g0; g < g1; g++) {
            int first = g * LANES, lanes = Math.min(LANES, rows - first), count = 0;
            for (int p = 0; p < cols; p++) {
                boolean any = false;
                for (int l = 0; l < lanes; l++) {
                    float x = X[(first + l) * cols + p];
                    if (x == 0f) continue;
                    if (level(x) < 0) {
                        octetStart[g + 1] = -1;
                        return;
                    }
                    any = true;
                }
                if (any) count++;
            }
            octetStart[g + 1] = count;
        }
    }

    private void fillPairs(float[] X, int g0, int g1) {
        for (int g = g0; g < g1; g++) {
            int first = g * LANES, lanes = Math.min(LANES, rows - first), t = octetStart[g];
            for (int p = 0; p < cols; p++) {
                boolean any = false;
                for (int l = 0; l < lanes; l++) any |= X[(first + l) * cols + p] != 0f;
                if (!any) continue;
                octetColumn[t] = (char) p;
                for (int l = 0; l < LANES; l++) {
                    int q = l < lanes ? level(X[(first + l) * cols + p]) : 0;
                    octetLevels[t * LANES + l] = (byte) (q + BYTE_OFFSET);
                }
                t++;
            }
        }
    }

    /**
     * The by-column copy of blocks b0..b1: a counting sort of each block's pairs by column, octets
     * ascending. A block's pairs keep the range of positions they have in the by-octet copy.
     */
    private void sortBlocks(int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            int g0 = b * BLOCK_OCTETS, g1 = Math.min(octets, g0 + BLOCK_OCTETS);
            int starts = b * (cols + 1);
            for (int t = octetStart[g0]; t < octetStart[g1]; t++) blockColumnStart[starts + octetColumn[t] + 1]++;
            blockColumnStart[starts] = octetStart[g0];
            for (int p = 0; p < cols; p++) blockColumnStart[starts + p + 1] += blockColumnStart[starts + p];
            // blockColumnStart[starts + p] serves as column p's fill cursor, then is restored.
            for (int g = g0; g < g1; g++) {
                for (int t = octetStart[g]; t < octetStart[g + 1]; t++) {
                    int at = blockColumnStart[starts + octetColumn[t]]++;
                    blockOctet[at] = (byte) (g - g0);
                    System.arraycopy(octetLevels, t * LANES, blockLevels, at * LANES, LANES);
                }
            }
            for (int p = cols; p > 0; p--) blockColumnStart[starts + p] = blockColumnStart[starts + p - 1];
            blockColumnStart[starts] = octetStart[g0];
        }
    }

    /** Pairs of (octet, column) stored. */
    int pairs() {
        return octetStart[octets];
    }
}
