package org.scratchnet.tensor;

/**
 * The nonzero entries of a row-major matrix X [rows, cols], listed by row (CSR) and by column
 * (CSC), for products whose input is mostly zeros: about 80% of MNIST's pixels are 0, so the
 * first layer's forward product X·Wᵀ and its weight gradient dZᵀ·X can skip four fifths of
 * their work and give the same sums (adding 0·w changes nothing).
 *
 * <pre>
 *   by row:     X[i, colIndex[t]] = rowValue[t]   for t in [rowStart[i], rowStart[i+1]),  columns ascending
 *   by column:  X[rowIndex[t], p] = colValue[t]   for t in [colStart[b·cols + p], colStart[b·cols + p + 1]),
 *               rows ascending, in blocks b of blockRows rows (one block unless asked)
 * </pre>
 * The by-column lists come in blocks of rows so that a weight gradient dZᵀ·X can finish one block
 * of rows for every column before the next: the block's rows of dZ then stay in cache, instead
 * of every column sweeping all of dZ (2.4 MB for the paper's full batch of 60,000 x 10).
 * {@link #index} rebuilds the lists in place (arrays grow once and are reused; the by-column
 * list waits until a weight gradient asks for it) and gives up as soon as the matrix proves
 * denser than asked, leaving the dense product to do the job.
 */
public final class SparseRows {
    /**
     * Above this share of nonzeros the dense kernels are faster than skipping zeros. The system
     * property {@code scratchnet.sparse.maxDensity} changes it (0 turns the sparse path off).
     */
    public static final float DEFAULT_MAX_DENSITY = Float.parseFloat(System.getProperty("scratchnet.sparse.maxDensity", "0.5"));

    int rows;
    int cols;
    int nonzeros;
    private boolean columnsListed;
    int blockRows = 1;  // rows per block of the by-column lists
    int blocks = 1;
    float[] dense;
    int[] rowStart = new int[1];
    int[] colIndex = new int[0];
    float[] rowValue = new float[0];
    int[] colStart = new int[1];
    int[] rowIndex = new int[0];
    float[] colValue = new float[0];

    /**
     * Lists the nonzeros of X [rows, cols] if at most {@code maxDensity} of them are nonzero;
     * returns whether it did. X must not change while the lists are in use. A batch (up to a few
     * million entries) is listed by all the threads of {@code kernels}, each row into a slot
     * of its own, then packed together; a larger matrix (a whole training set, listed once) row
     * after row. Either way the lists are the same.
     */
    public boolean index(Kernels kernels, float[] X, int rows, int cols, float maxDensity) {
        long size = (long) rows * cols;
        pending = null;
        if (maxDensity <= 0f) {
            nonzeros = -1;
            return false;
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) Math.ceil(size * (double) maxDensity));
        this.rows = rows;
        this.cols = cols;
        this.dense = X;
        if (rowStart.length < rows + 1) rowStart = new int[rows + 1];
        if (colStart.length < cols + 1) colStart = new int[cols + 1];
        rowStart[0] = 0;
        columnsListed = false;
        reused = false;
        octets = null;
        octetsTried = false;
        if (kernels.threads() > 1 && rows >= PARALLEL_MIN_ROWS && (long) rows * (cols + 1) <= PARALLEL_MAX_SLOTS) {
            return indexInParallel(kernels, X, rows, cols, capacity);
        }
        int t = 0;
        for (int i = 0; i < rows; i++) {
            if (colIndex.length < t + cols) grow((int) Math.max(t + cols, Math.min((long) capacity + cols, 2L * (t + cols))));
            t = listRow(X, i * cols, cols, colIndex, rowValue, t);
            if (t > capacity) {
                nonzeros = -1;
                return false;
            }
            rowStart[i + 1] = t;
        }
        nonzeros = t;
        return true;
    }

    /**
     * {@link #index} for a batch, listing the rows only if a product asks for them: kernels whose
     * first-layer products find each tile's nonzeros in X itself ({@link Kernels#findsNonzerosInInput})
     * need no lists, and listing a batch of 1000 MNIST images took two parallel calls and about a
     * tenth of its inference. Whether X is sparse enough is then judged from a sample of
     * {@link #SAMPLE_ROWS} rows spread over it (all of them if it has no more), so a wrong guess
     * costs speed, never a result: both products are exact whichever way X goes. Until the rows
     * are listed, the count of nonzeros is the sample's estimate. Other kernels: {@link #index}.
     */
    public boolean describe(Kernels kernels, float[] X, int rows, int cols, float maxDensity) {
        if (!kernels.findsNonzerosInInput()) return index(kernels, X, rows, cols, maxDensity);
        pending = null;
        if (maxDensity <= 0f) {
            nonzeros = -1;
            return false;
        }
        this.rows = rows;
        this.cols = cols;
        this.dense = X;
        columnsListed = false;
        reused = false;
        octets = null;
        octetsTried = false;
        int sampled = Math.min(rows, SAMPLE_ROWS);
        long counted = 0;
        for (int s = 0; s < sampled; s++) counted += countRow(X, (int) ((long) s * rows / sampled) * cols, cols);
        long estimate = sampled == 0 ? 0 : counted * rows / sampled;
        if (estimate > Math.ceil((long) rows * cols * (double) maxDensity)) {
            nonzeros = -1;
            return false;
        }
        nonzeros = (int) Math.min(Integer.MAX_VALUE - 8, estimate);
        pending = kernels;
        return true;
    }

    /** Rows {@link #describe} counts to judge a batch's density. */
    static final int SAMPLE_ROWS = 16;

    /** The kernels that are to list the rows when a product first needs them ({@link #describe}), or null. */
    private Kernels pending;

    /** Lists the rows now if {@link #describe} left them for later; a product that reads the lists calls this first. */
    void listRowsIfPending() {
        if (pending == null) return;
        Kernels kernels = pending;
        index(kernels, dense, rows, cols, 1f);
    }

    /** How many of X[base .. base+cols) are nonzero (as {@link #listRow} counts them). */
    private static int countRow(float[] X, int base, int cols) {
        int c = 0;
        for (int p = 0; p < cols; p++) c += X[base + p] != 0f ? 1 : 0;
        return c;
    }

    /** Fewest rows, and most row slots, for which {@link #index} lists the rows on all threads. */
    private static final int PARALLEL_MIN_ROWS = 64;
    private static final long PARALLEL_MAX_SLOTS = 1L << 22;
    /** Each row's list on its own, at row·(cols + 1), before they are packed together. */
    private int[] slotIndex = new int[0];
    private float[] slotValue = new float[0];

    private boolean indexInParallel(Kernels kernels, float[] X, int rows, int cols, int capacity) {
        int slots = rows * (cols + 1);
        if (slotIndex.length < slots) {
            slotIndex = new int[slots];
            slotValue = new float[slots];
        }
        kernels.forEachTask(rows, (from, to) -> listRows(X, cols, from, to));  // rowStart[i + 1] = how many row i has
        for (int i = 0; i < rows; i++) rowStart[i + 1] += rowStart[i];
        int t = rowStart[rows];
        if (t > capacity) {
            nonzeros = -1;
            return false;
        }
        if (colIndex.length < t) grow(t);
        kernels.forEachTask(rows, (from, to) -> packRows(cols, from, to));
        nonzeros = t;
        return true;
    }

    /** Lists the rows from..to of X [rows, cols] each into its slot; rowStart[i + 1] = row i's count. */
    private void listRows(float[] X, int cols, int from, int to) {
        int stride = cols + 1;  // the slot past a full row takes listRow's last, discarded write
        for (int i = from; i < to; i++) {
            rowStart[i + 1] = listRow(X, i * cols, cols, slotIndex, slotValue, i * stride) - i * stride;
        }
    }

    /** Copies the rows from..to from their slots to their place in the lists. */
    private void packRows(int cols, int from, int to) {
        int stride = cols + 1;
        for (int i = from; i < to; i++) {
            int count = rowStart[i + 1] - rowStart[i];
            System.arraycopy(slotIndex, i * stride, colIndex, rowStart[i], count);
            System.arraycopy(slotValue, i * stride, rowValue, rowStart[i], count);
        }
    }

    /**
     * Lists the nonzeros of the row X[base .. base+cols) into index/value from slot t and returns
     * the next free slot. Every pixel of a run of eight that is not all zero is written, and kept
     * only if nonzero: no branch on the unpredictable edge of a pen stroke. So up to one slot past
     * the last one kept is written too; there must be room for cols + 1.
     */
    private static int listRow(float[] X, int base, int cols, int[] index, float[] value, int t) {
        int p = 0;
        for (; p + 8 <= cols; p += 8) {
            if (allZero(X, base + p)) continue;  // runs of zero pixels
            t = listOne(X[base + p], p, index, value, t);
            t = listOne(X[base + p + 1], p + 1, index, value, t);
            t = listOne(X[base + p + 2], p + 2, index, value, t);
            t = listOne(X[base + p + 3], p + 3, index, value, t);
            t = listOne(X[base + p + 4], p + 4, index, value, t);
            t = listOne(X[base + p + 5], p + 5, index, value, t);
            t = listOne(X[base + p + 6], p + 6, index, value, t);
            t = listOne(X[base + p + 7], p + 7, index, value, t);
        }
        for (; p < cols; p++) t = listOne(X[base + p], p, index, value, t);
        return t;
    }

    private static int listOne(float x, int p, int[] index, float[] value, int t) {
        index[t] = p;
        value[t] = x;
        return x != 0f ? t + 1 : t;
    }

    /** Whether X[at .. at+8) are all +0 (a -0 counts as nonzero, which is harmless). */
    private static boolean allZero(float[] X, int at) {
        return (Float.floatToRawIntBits(X[at]) | Float.floatToRawIntBits(X[at + 1])
                | Float.floatToRawIntBits(X[at + 2]) | Float.floatToRawIntBits(X[at + 3])
                | Float.floatToRawIntBits(X[at + 4]) | Float.floatToRawIntBits(X[at + 5])
                | Float.floatToRawIntBits(X[at + 6]) | Float.floatToRawIntBits(X[at + 7])) == 0;
    }

    /**
     * Makes the by-column lists in blocks of {@code blockRows} rows, on first use after
     * {@link #index} (forward passes do not need them) or when asked for other blocks, sharing the
     * columns among the threads of {@code kernels}.
     */
    void listColumns(int blockRows, Kernels kernels) {
        listRowsIfPending();
        int b = Math.max(1, Math.min(blockRows, rows));
        if (!columnsListed || this.blockRows != b) {
            byColumn(b, kernels);
            columnsListed = true;
        }
    }

    /** Column ranges the threads take in turn when they list by column together. */
    private static final int COLUMN_PIECES = 16;
    /** Fewest nonzeros worth listing by column on several threads. */
    private static final int PARALLEL_MIN_NONZEROS = 4096;

    /**
     * The CSC lists from the CSR ones: a counting sort by (block, column) that keeps rows
     * ascending. Threads take ranges of columns: a row's columns ascend, so each thread's share of
     * a row is one stretch of its list, and no two threads touch the same (block, column) list.
     */
    private void byColumn(int blockRows, Kernels kernels) {
        this.blockRows = blockRows;
        this.blocks = rows == 0 ? 1 : (rows - 1) / blockRows + 1;
        int keys = blocks * cols;
        if (colStart.length < keys + 1) colStart = new int[keys + 1];
        if (rowIndex.length < nonzeros) {
            rowIndex = new int[colIndex.length];
            colValue = new float[colIndex.length];
        }
        java.util.Arrays.fill(colStart, 0, keys + 1, 0);
        boolean shared = kernels.threads() > 1 && nonzeros >= PARALLEL_MIN_NONZEROS;
        int cols = this.cols;
        if (shared) kernels.forEachTask(COLUMN_PIECES, (c0, c1) -> countColumns(c0 * cols / COLUMN_PIECES, c1 * cols / COLUMN_PIECES));
        else countColumns(0, cols);
        for (int key = 0; key < keys; key++) colStart[key + 1] += colStart[key];
        // colStart[key] is used as the fill cursor of its list, then restored.
        if (shared) kernels.forEachTask(COLUMN_PIECES, (c0, c1) -> fillColumns(c0 * cols / COLUMN_PIECES, c1 * cols / COLUMN_PIECES));
        else fillColumns(0, cols);
        for (int key = keys; key > 0; key--) colStart[key] = colStart[key - 1];
        colStart[0] = 0;
    }

    /** colStart[key + 1] = how many nonzeros list {@code key} gets, for the columns p0..p1. */
    private void countColumns(int p0, int p1) {
        for (int i = 0; i < rows; i++) {
            int base = i / blockRows * cols + 1;
            for (int t = firstAtLeast(i, p0), end = firstAtLeast(i, p1); t < end; t++) colStart[base + colIndex[t]]++;
        }
    }

    /** Writes the nonzeros of the columns p0..p1 into their lists, rows ascending. */
    private void fillColumns(int p0, int p1) {
        for (int i = 0; i < rows; i++) {
            int base = i / blockRows * cols;
            for (int t = firstAtLeast(i, p0), end = firstAtLeast(i, p1); t < end; t++) {
                int at = colStart[base + colIndex[t]]++;
                rowIndex[at] = i;
                colValue[at] = rowValue[t];
            }
        }
    }

    /** The first slot of row i's list whose column is at least p (the row's end if none is). */
    private int firstAtLeast(int i, int p) {
        int lo = rowStart[i], hi = rowStart[i + 1];
        if (p <= 0) return lo;
        if (p >= cols) return hi;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (colIndex[mid] < p) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void grow(int capacity) {
        colIndex = java.util.Arrays.copyOf(colIndex, capacity);
        rowValue = java.util.Arrays.copyOf(rowValue, capacity);
    }

    private boolean reused;        // expectReuse() since the last index()
    private SparseOctets octets;   // made on first use if reused
    private boolean octetsTried;
    private int octetLanes;        // the lanes octets was made for

    /**
     * Promises that these lists (until the next {@link #index}) will serve many products, as a
     * whole training set does in full-batch training: the kernels may then build a copy that
     * takes longer to make and is faster to use ({@link SparseOctets}).
     */
    public void expectReuse() {
        reused = true;
    }

    /**
     * The octet copy of X with {@code lanes} rows side by side if the lists are to be reused and X
     * holds pixel levels, else null; built on first call (again if other kernels ask for other lanes).
     */
    SparseOctets octets(Kernels kernels, int lanes) {
        if (!reused || nonzeros < 0) return null;
        listRowsIfPending();
        if (!octetsTried || octetLanes != lanes) {
            octetsTried = true;
            octetLanes = lanes;
            octets = SparseOctets.of(this, kernels, lanes);
        }
        return octets;
    }

    /** The matrix these lists were made from. */
    public float[] dense() {
        return dense;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The share of nonzero entries, or 1 if the last {@link #index} gave up. */
    public float density() {
        return nonzeros < 0 ? 1f : rows == 0 || cols == 0 ? 0f : (float) nonzeros / ((float) rows * cols);
    }
}
