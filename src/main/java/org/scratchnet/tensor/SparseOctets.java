package org.scratchnet.tensor;

/**
 * A mostly-zero matrix X [rows, cols] of pixel levels (every entry q/255 for a whole q in 0..255,
 * as MNIST's are), stored for the products of a narrow first layer, eight rows side by side: an
 * <em>octet</em> of rows, one SIMD vector of eight floats per column. With 512-bit vectors the
 * kernels take sixteen rows side by side instead ({@code lanes} = 16; still called octets here):
 * MNIST then has 1.53 million pairs instead of 2.71 million (409 columns with ink per sixteen
 * images, 362 per eight), so the products load, convert and multiply 43% fewer vectors.
 *
 * <pre>
 *   octet g  = rows lanes·g .. lanes·g + lanes - 1 (the last one padded with zero rows)
 *   a pair   = (octet g, column p) where any of its rows is nonzero, with their levels q
 *   by octet:    pairs of octet g at [octetStart[g], octetStart[g+1]), columns ascending:
 *                column octetColumn[t], levels octetLevels[lanes·t .. lanes·t + lanes)
 *   by column:   within each block b of blockOctets octets ({@value #BLOCK_ROWS} rows), the entries
 *                of group k (columns w·k .. w·k + w - 1, w = groupColumns) at
 *                [blockColumnStart[b·(groups+1) + k], ... + k + 1), octets ascending: octet
 *                b·blockOctets + blockOctet[t], levels of column w·k + c at
 *                blockLevels[lanes·(w·t + c) .. + lanes) (zeros where that column has no ink)
 * </pre>
 * Why: the paper's first layer has 10 outputs. Listing nonzeros one by one ({@link SparseRows})
 * costs an index, a value, two vector loads and their bounds checks for 10 useful multiply-adds,
 * and the processor spends its time on that overhead, not on arithmetic. With the eight rows of
 * an octet in the lanes of one vector, a pair costs one load of eight bytes and ten broadcast
 * weights (or ten vectors of dZ) for 8 x 10 multiply-adds. A pair carries zeros where one of the
 * eight rows has a zero pixel (MNIST's octets have 362 columns with some ink, of which 41% of the
 * lanes are nonzero), yet with fewer loads, bounds checks and branches per multiply-add the
 * products take 40-60% less time than over the lists (measured on MNIST). The levels are stored
 * as bytes, a quarter of the memory a float takes, since the products stream through all of them
 * every pass.
 *
 * <p>The by-column copy, in blocks of {@value #BLOCK_ROWS} rows, serves the weight
 * gradient: a column's sums stay in registers while it runs over the block's octets, whose rows
 * of dZ (20 KB) stay in the first-level cache. With sixteen lanes its entries hold two
 * neighbouring columns ({@code groupColumns} = 2): the gradient's kernel then loads each vector
 * of dZ once for twenty multiply-adds instead of ten. Those loads, not the arithmetic, bound it:
 * a Java array's data starts 16 bytes past a 64-byte line, so every 64-byte load of dZ spans two
 * lines. Neighbouring pixels mostly have ink in the same octets (MNIST's 1,533,397 pairs make
 * 816,516 entries of two columns), so few of the multiply-adds are by zero (6% more of them).
 *
 * <p>It is built from X's lists by rows ({@link SparseRows}) in about twice the time they take
 * to make, so it pays only for an input used many times: the whole training set in full-batch
 * training ({@link SparseRows#expectReuse}). {@link #of} returns null when X holds anything but
 * pixel levels, or is too wide for a column to fit in a char; the kernels then use the lists.
 */
final class SparseOctets {
    /** Rows side by side in a vector, unless the kernels ask for more. */
    static final int LANES = 8;
    /** Rows per block of the by-column copy: the block's dZ, 512 x 10 floats (20 KB), stays in the L1. */
    static final int BLOCK_ROWS = 512;
    /** X[i, p] = level / LEVELS. */
    static final float LEVELS = 255f;
    /** A level is stored as (byte) (level + BYTE_OFFSET), so that 0..255 fits a signed byte. */
    static final int BYTE_OFFSET = -128;

    final int rows;
    final int cols;
    /** Rows side by side: 8 or 16. */
    final int lanes;
    /** Octets per block of the by-column copy. */
    final int blockOctets;
    final int octets;
    final int blocks;
    /** Columns side by side in an entry of the by-column copy: 2 with sixteen lanes, 1 with eight. */
    final int groupColumns;
    /** Groups of groupColumns columns: cols / groupColumns, rounded up. */
    final int groups;
    /** The entries of block b are [blockStart[b], blockStart[b + 1]). */
    final int[] blockStart;
    final int[] octetStart;
    final char[] octetColumn;
    final byte[] octetLevels;
    final int[] blockColumnStart;
    final byte[] blockOctet;
    final byte[] blockLevels;
    /** Entries of groups 0..k-1 over all blocks, k = 0..groups: the weight gradient's work before group k. */
    private final long[] entriesBefore;

    /**
     * X [rows, cols], as {@code X} lists it by rows, in octets, built on the threads of
     * {@code kernels}; null if X holds values other than pixel levels, or is wider than a char
     * can index.
     */
    static SparseOctets of(SparseRows X, Kernels kernels) {
        return of(X, kernels, LANES);
    }

    /** The same with {@code lanes} rows side by side (8 or 16). */
    static SparseOctets of(SparseRows X, Kernels kernels, int lanes) {
        if (lanes != 8 && lanes != 16) throw new IllegalArgumentException("octets of 8 or 16 rows, not " + lanes);
        if (X.cols > Character.MAX_VALUE || X.rows <= 0 || X.cols <= 0 || X.nonzeros < 0) return null;
        int octets = (X.rows + lanes - 1) / lanes;
        int[] octetStart = new int[octets + 1];
        // Each octet's count of pairs lands at octetStart[g + 1] (-1 for a value that is no
        // pixel level); the running sum then makes them starts.
        kernels.forEachTask(octets, (g0, g1) -> countPairs(X, lanes, octetStart, g0, g1));
        long total = 0;
        for (int g = 0; g < octets; g++) {
            if (octetStart[g + 1] < 0) return null;
            total += octetStart[g + 1];
            if (total * lanes > Integer.MAX_VALUE - 16) return null;
            octetStart[g + 1] = (int) total;
        }
        return new SparseOctets(X, lanes, octetStart, kernels);
    }

    private SparseOctets(SparseRows X, int lanes, int[] octetStart, Kernels kernels) {
        this.rows = X.rows;
        this.cols = X.cols;
        this.lanes = lanes;
        this.blockOctets = BLOCK_ROWS / lanes;
        this.octets = octetStart.length - 1;
        this.blocks = (octets + blockOctets - 1) / blockOctets;
        this.octetStart = octetStart;
        this.groupColumns = lanes == 16 ? 2 : 1;
        this.groups = (cols + groupColumns - 1) / groupColumns;
        int pairs = octetStart[octets];
        this.octetColumn = new char[pairs];
        this.octetLevels = new byte[pairs * lanes];
        kernels.forEachTask(octets, (g0, g1) -> fillPairs(X, g0, g1));
        this.blockStart = new int[blocks + 1];
        this.blockColumnStart = new int[blocks * (groups + 1)];
        kernels.forEachTask(blocks, this::countEntries);
        for (int b = 0; b < blocks; b++) blockStart[b + 1] += blockStart[b];
        int entries = blockStart[blocks];
        this.blockOctet = new byte[entries];
        this.blockLevels = new byte[entries * groupColumns * lanes];
        kernels.forEachTask(blocks, this::sortBlocks);
        this.entriesBefore = new long[groups + 1];
        for (int b = 0; b < blocks; b++) {
            int starts = b * (groups + 1);
            for (int k = 0; k < groups; k++) entriesBefore[k + 1] += blockColumnStart[starts + k + 1] - blockColumnStart[starts + k];
        }
        for (int k = 0; k < groups; k++) entriesBefore[k + 1] += entriesBefore[k];
    }

    /**
     * Cuts the groups into {@code pieces} runs of about equal work (entries): run u is groups
     * [cuts[u], cuts[u + 1]), cuts[0] = 0, cuts[pieces] = groups.
     */
    void cutGroups(int[] cuts, int pieces) {
        long total = entriesBefore[groups];
        cuts[0] = 0;
        for (int u = 1, k = 0; u < pieces; u++) {
            long target = total * u / pieces;
            while (k < groups && entriesBefore[k] < target) k++;
            cuts[u] = k;
        }
        cuts[pieces] = groups;
    }

    /** A pair's eight levels read or written as one long. */
    private static final java.lang.invoke.VarHandle EIGHT_LEVELS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
    /** Eight levels 0, as stored. */
    private static final long ALL_ZERO = 0x0101010101010101L * (BYTE_OFFSET & 0xFF);

    /** The level q of x = q / 255 (0..255), or -1 if x is no pixel level. */
    static int level(float x) {
        if (!(x >= 0f && x <= 1f)) return -1;
        int q = Math.round(x * LEVELS);
        return q / LEVELS == x ? q : -1;
    }

    /**
     * octetStart[g + 1] = the columns where any row of octet g is nonzero (the union of their
     * lists), or -1 if a value is no pixel level.
     */
    private static void countPairs(SparseRows X, int lanes, int[] octetStart, int g0, int g1) {
        int[] seenIn = new int[X.cols];  // the last octet that listed each column
        java.util.Arrays.fill(seenIn, -1);
        for (int g = g0; g < g1; g++) {
            int count = 0;
            for (int i = g * lanes, last = Math.min(X.rows, i + lanes); i < last; i++) {
                for (int t = X.rowStart[i]; t < X.rowStart[i + 1]; t++) {
                    if (level(X.rowValue[t]) < 0) {
                        octetStart[g + 1] = -1;
                        return;
                    }
                    int p = X.colIndex[t];
                    if (seenIn[p] != g) {
                        seenIn[p] = g;
                        count++;
                    }
                }
            }
            octetStart[g + 1] = count;
        }
    }

    /** The pairs of octets g0..g1, columns ascending; a lane whose row has a zero there gets level 0. */
    private void fillPairs(SparseRows X, int g0, int g1) {
        int[] seenIn = new int[cols];
        int[] pairOf = new int[cols];  // the pair of column p in the current octet
        java.util.Arrays.fill(seenIn, -1);
        for (int g = g0; g < g1; g++) {
            int first = g * lanes, last = Math.min(X.rows, first + lanes);
            for (int i = first; i < last; i++) {
                for (int t = X.rowStart[i]; t < X.rowStart[i + 1]; t++) seenIn[X.colIndex[t]] = g;
            }
            for (int p = 0, t = octetStart[g]; p < cols; p++) {
                if (seenIn[p] != g) continue;
                octetColumn[t] = (char) p;
                pairOf[p] = t;
                for (int l = 0; l < lanes; l += 8) EIGHT_LEVELS.set(octetLevels, t * lanes + l, ALL_ZERO);
                t++;
            }
            for (int i = first; i < last; i++) {
                for (int t = X.rowStart[i]; t < X.rowStart[i + 1]; t++) {
                    octetLevels[pairOf[X.colIndex[t]] * lanes + i - first] = (byte) (level(X.rowValue[t]) + BYTE_OFFSET);
                }
            }
        }
    }

    /**
     * For blocks b0..b1: blockStart[b + 1] = the block's entries in the by-column copy, and
     * blockColumnStart[b·(groups+1) + k + 1] = those of group k (the octets with ink in any of its
     * columns). An octet's pairs ascend by column, so a group's columns are neighbours there.
     */
    private void countEntries(int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            int starts = b * (groups + 1), entries = 0;
            for (int g = b * blockOctets, g1 = Math.min(octets, g + blockOctets); g < g1; g++) {
                for (int t = octetStart[g], previous = -1; t < octetStart[g + 1]; t++) {
                    int k = octetColumn[t] / groupColumns;
                    if (k == previous) continue;
                    previous = k;
                    blockColumnStart[starts + k + 1]++;
                    entries++;
                }
            }
            blockStart[b + 1] = entries;
        }
    }

    /**
     * The by-column copy of blocks b0..b1: a counting sort of each block's pairs by group of
     * columns, octets ascending, the pairs of one octet and group in one entry.
     */
    private void sortBlocks(int b0, int b1) {
        int w = groupColumns, entryLevels = w * lanes;
        for (int b = b0; b < b1; b++) {
            int g0 = b * blockOctets, g1 = Math.min(octets, g0 + blockOctets);
            int starts = b * (groups + 1);
            blockColumnStart[starts] = blockStart[b];
            for (int k = 0; k < groups; k++) blockColumnStart[starts + k + 1] += blockColumnStart[starts + k];
            // blockColumnStart[starts + k] serves as group k's fill cursor, then is restored.
            for (int g = g0; g < g1; g++) {
                int at = -1, previous = -1;
                for (int t = octetStart[g]; t < octetStart[g + 1]; t++) {
                    int p = octetColumn[t], k = p / w;
                    if (k != previous) {
                        previous = k;
                        at = blockColumnStart[starts + k]++;
                        blockOctet[at] = (byte) (g - g0);
                        for (int l = 0; l < entryLevels; l += 8) EIGHT_LEVELS.set(blockLevels, at * entryLevels + l, ALL_ZERO);
                    }
                    int to = at * entryLevels + (p - k * w) * lanes;
                    for (int l = 0; l < lanes; l += 8) {
                        EIGHT_LEVELS.set(blockLevels, to + l, (long) EIGHT_LEVELS.get(octetLevels, t * lanes + l));
                    }
                }
            }
            for (int k = groups; k > 0; k--) blockColumnStart[starts + k] = blockColumnStart[starts + k - 1];
            blockColumnStart[starts] = blockStart[b];
        }
    }

    /** Pairs of (octet, column) stored. */
    int pairs() {
        return octetStart[octets];
    }

    /**
     * dZ [rows, n] into {@code dZo} octet by octet, for octets g0..g1, each {@code lanes} rows
     * ({@link OctetGemm#LANES} or {@link OctetGemm16#LANES}) and ten columns:
     * dZo[g·10·lanes + j·lanes + l] = dZ[lanes·g + l, j], zero past the last row and past column
     * n, so that a vector load gives output j of the octet's rows (both octet products' weight
     * gradients read it).
     */
    static void interleave(float[] dZ, int rows, int n, float[] dZo, int g0, int g1, int lanes) {
        int tile = OctetGemm.COLUMNS * lanes;
        for (int g = g0; g < g1; g++) {
            int at = g * tile;
            for (int j = 0; j < OctetGemm.COLUMNS; j++) {
                for (int l = 0; l < lanes; l++) {
                    int i = g * lanes + l;
                    dZo[at + j * lanes + l] = j < n && i < rows ? dZ[i * n + j] : 0f;
                }
            }
        }
    }
}
