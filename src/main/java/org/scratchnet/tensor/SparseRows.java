package org.scratchnet.tensor;

/**
 * The nonzero entries of a row-major matrix X [rows, cols], listed by row (CSR) and by column
 * (CSC), for products whose input is mostly zeros: about 80% of MNIST's pixels are 0, so the
 * first layer's forward product X·Wᵀ and its weight gradient dZᵀ·X can skip four fifths of
 * their work and give the same sums (adding 0·w changes nothing).
 *
 * <pre>
 *   by row:     X[i, colIndex[t]] = rowValue[t]   for t in [rowStart[i], rowStart[i+1]),  columns ascending
 *   by column:  X[rowIndex[t], p] = colValue[t]   for t in [colStart[p], colStart[p+1]),  rows ascending
 * </pre>
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
    float[] dense;
    int[] rowStart = new int[1];
    int[] colIndex = new int[0];
    float[] rowValue = new float[0];
    int[] colStart = new int[1];
    int[] rowIndex = new int[0];
    float[] colValue = new float[0];

    /**
     * Lists the nonzeros of X [rows, cols] if at most {@code maxDensity} of them are nonzero;
     * returns whether it did. X must not change while the lists are in use.
     */
    public boolean index(float[] X, int rows, int cols, float maxDensity) {
        long size = (long) rows * cols;
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
        int t = 0;
        rowStart[0] = 0;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int p = 0;
            for (; p < cols; p++) {
                if ((p & 7) == 0 && p + 8 <= cols && allZero(X, base + p)) {  // runs of zero pixels
                    p += 7;
                    continue;
                }
                float x = X[base + p];
                if (x == 0f) continue;
                if (t == capacity) {
                    nonzeros = -1;
                    return false;
                }
                if (t == colIndex.length) grow(Math.min(capacity, Math.max(1024, 2 * t)));
                colIndex[t] = p;
                rowValue[t] = x;
                t++;
            }
            rowStart[i + 1] = t;
        }
        nonzeros = t;
        columnsListed = false;
        return true;
    }

    /** Whether X[at .. at+8) are all +0 (a -0 counts as nonzero, which is harmless). */
    private static boolean allZero(float[] X, int at) {
        return (Float.floatToRawIntBits(X[at]) | Float.floatToRawIntBits(X[at + 1])
                | Float.floatToRawIntBits(X[at + 2]) | Float.floatToRawIntBits(X[at + 3])
                | Float.floatToRawIntBits(X[at + 4]) | Float.floatToRawIntBits(X[at + 5])
                | Float.floatToRawIntBits(X[at + 6]) | Float.floatToRawIntBits(X[at + 7])) == 0;
    }

    /** Makes the by-column lists, on first use after {@link #index} (forward passes do not need them). */
    void listColumns() {
        if (!columnsListed) {
            byColumn();
            columnsListed = true;
        }
    }

    /** The CSC lists from the CSR ones: a counting sort by column that keeps rows ascending. */
    private void byColumn() {
        if (rowIndex.length < nonzeros) {
            rowIndex = new int[colIndex.length];
            colValue = new float[colIndex.length];
        }
        java.util.Arrays.fill(colStart, 0, cols + 1, 0);
        for (int t = 0; t < nonzeros; t++) colStart[colIndex[t] + 1]++;
        for (int p = 0; p < cols; p++) colStart[p + 1] += colStart[p];
        // colStart[p] is used as the fill cursor of column p, then restored.
        for (int i = 0; i < rows; i++) {
            for (int t = rowStart[i]; t < rowStart[i + 1]; t++) {
                int at = colStart[colIndex[t]]++;
                rowIndex[at] = i;
                colValue[at] = rowValue[t];
            }
        }
        for (int p = cols; p > 0; p--) colStart[p] = colStart[p - 1];
        colStart[0] = 0;
    }

    private void grow(int capacity) {
        colIndex = java.util.Arrays.copyOf(colIndex, capacity);
        rowValue = java.util.Arrays.copyOf(rowValue, capacity);
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
