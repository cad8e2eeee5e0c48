package org.scratchnet.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OctetGemm} for octets of sixteen rows ({@link SparseOctets} with 16 lanes), in 512-bit
 * vectors. Sixteen images share more of their pixels' pairs than eight (1.53 million pairs on
 * MNIST against 2.71 million), so about 43% fewer vectors are loaded, converted and multiplied.
 * The rows of an octet are the lanes of a vector, and each of the (up to) ten outputs has a
 * vector of sums, one lane per row:
 * <pre>
 *   forward   Z[16g+l, j] = b[j] + (Σ_{pairs (g,p)} q[g,p,l] · Wᵀ[p, j]) / 255      all j at once: 10 vectors
 *   weights   dWᵀ[p, j]  = (Σ_l Σ_{pairs (g,p)} q[g,p,l] · dZ[16g+l, j]) / 255     the lanes summed last
 * </pre>
 * Both products run over the by-column copy, whose entries hold two neighbouring columns
 * ({@link SparseOctets#groupColumns}): per entry one load of thirty-two bytes, widened to two
 * vectors of floats, then twenty FMAs, against twenty weights held in registers (forward, the
 * sums of a block's octets in the L1) or against ten vectors of dZ each loaded once for both
 * columns (gradient, the sums in registers). Sums are over the whole levels q and divided by 255
 * once at the end, which differs from summing q/255 by rounding only. The order of every sum is
 * fixed by the data (columns ascending, octets ascending, lanes 0..15, blocks in order), and
 * threads split only blocks of rows (forward) or groups of columns (gradient), so results are the
 * same bits on any number of threads.
 */
final class OctetGemm16 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    static final int LANES = 16;
    /** Outputs the kernels compute at once: ten vectors of sums in registers. */
    static final int COLUMNS = 10;
    /** Floats per octet of dZ or of a column's partial sums: COLUMNS vectors of LANES. */
    static final int TILE = COLUMNS * LANES;

    private OctetGemm16() {}

    /** Whether the kernels run at full speed here: sixteen-lane float vectors need 512-bit SIMD. */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    /** The sixteen levels of pair t as floats (stored with an offset so that 0..255 fits a byte). */
    private static FloatVector levels(byte[] levels, int t) {
        FloatVector shifted = (FloatVector) ByteVector.fromArray(BYTES, levels, t * LANES)
                .convertShape(VectorOperators.B2F, S, 0);
        return shifted.sub(SparseOctets.BYTE_OFFSET);
    }

    /** Floats of scratch {@link #forward} takes: a block's sums, {@link SparseOctets#BLOCK_ROWS} rows of COLUMNS. */
    static final int SCRATCH = SparseOctets.BLOCK_ROWS * COLUMNS;

    /**
     * Rows of blocks b0..b1 ({@link SparseOctets#BLOCK_ROWS} rows each) of C [rows, n] = bias + X·Wᵀ,
     * n ≤ {@link #COLUMNS}, from the by-column copy: with {@code Wt10} Wᵀ [2·groups, COLUMNS]
     * (zero-padded past n and past the last column), each group's twenty weights are broadcast
     * once into registers, and each of its entries adds its two columns to its octet's ten vectors
     * of sums, which stay in {@code sums} ({@link #SCRATCH} floats, 20 KB: in the L1). Per entry:
     * twenty FMAs, ten loads and ten stores of sums, no load of a weight (over the octets' pairs:
     * ten FMAs and ten weights loaded and broadcast per pair). Each row's sum still runs over its columns in ascending order (the entries' two
     * columns in turn, the groups in order), adding products by the level 0 where a column has no
     * ink in the octet: the same bits as over the octet's pairs, but for the sign of a zero sum.
     */
    static void forward(SparseOctets X, float[] Wt10, float[] bias, float[] C, int n, int b0, int b1, float[] sums) {
        for (int b = b0; b < b1; b++) {
            int g0 = b * X.blockOctets, octets = Math.min(X.octets, g0 + X.blockOctets) - g0;
            java.util.Arrays.fill(sums, 0, octets * TILE, 0f);
            int starts = b * (X.groups + 1);
            for (int k = 0; k < X.groups; k++) {
                int t = X.blockColumnStart[starts + k], end = X.blockColumnStart[starts + k + 1];
                if (t < end) columnPairForward(X, Wt10, sums, 2 * k * COLUMNS, t, end);
            }
            for (int g = 0; g < octets; g++) {
                // b[j] + sum / 255 lane by lane, as the scalar division and addition give it
                for (int j = 0; j < n; j++) out(sums, g * TILE + j * LANES, bias, j);
                int first = (g0 + g) * LANES, rows = Math.min(LANES, X.rows - first);
                for (int l = 0; l < rows; l++) {  // lane l of output j is row first + l, column j
                    int row = (first + l) * n;
                    for (int j = 0; j < n; j++) C[row + j] = sums[g * TILE + j * LANES + l];
                }
            }
        }
    }

    /** sums[at ..] = (bias[j] if any) + sums[at ..] / 255, one output's sixteen lanes. */
    private static void out(float[] sums, int at, float[] bias, int j) {
        FloatVector sum = FloatVector.fromArray(S, sums, at).div(SparseOctets.LEVELS);
        if (bias != null && j < bias.length) sum = FloatVector.broadcast(S, bias[j]).add(sum);
        sum.intoArray(sums, at);
    }

    /**
     * The sums of the octets of entries t..end of one group (columns whose weights are
     * Wt10[w ..] and Wt10[w + COLUMNS ..]) += each entry's two columns, one after the other.
     */
    private static void columnPairForward(SparseOctets X, float[] Wt10, float[] sums, int w, int t, int end) {
        FloatVector a0 = FloatVector.broadcast(S, Wt10[w]), a1 = FloatVector.broadcast(S, Wt10[w + 1]), a2 = FloatVector.broadcast(S, Wt10[w + 2]), a3 = FloatVector.broadcast(S, Wt10[w + 3]), a4 = FloatVector.broadcast(S, Wt10[w + 4]);
        FloatVector a5 = FloatVector.broadcast(S, Wt10[w + 5]), a6 = FloatVector.broadcast(S, Wt10[w + 6]), a7 = FloatVector.broadcast(S, Wt10[w + 7]), a8 = FloatVector.broadcast(S, Wt10[w + 8]), a9 = FloatVector.broadcast(S, Wt10[w + 9]);
        FloatVector c0 = FloatVector.broadcast(S, Wt10[w + COLUMNS]), c1 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 1]), c2 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 2]), c3 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 3]), c4 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 4]);
        FloatVector c5 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 5]), c6 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 6]), c7 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 7]), c8 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 8]), c9 = FloatVector.broadcast(S, Wt10[w + COLUMNS + 9]);
        for (; t < end; t++) {
            FloatVector q = levels(X.blockLevels, 2 * t), r = levels(X.blockLevels, 2 * t + 1);
            int d = X.blockOctet[t] * TILE;
            r.fma(c0, q.fma(a0, FloatVector.fromArray(S, sums, d))).intoArray(sums, d);
            r.fma(c1, q.fma(a1, FloatVector.fromArray(S, sums, d + LANES))).intoArray(sums, d + LANES);
            r.fma(c2, q.fma(a2, FloatVector.fromArray(S, sums, d + 2 * LANES))).intoArray(sums, d + 2 * LANES);
            r.fma(c3, q.fma(a3, FloatVector.fromArray(S, sums, d + 3 * LANES))).intoArray(sums, d + 3 * LANES);
            r.fma(c4, q.fma(a4, FloatVector.fromArray(S, sums, d + 4 * LANES))).intoArray(sums, d + 4 * LANES);
            r.fma(c5, q.fma(a5, FloatVector.fromArray(S, sums, d + 5 * LANES))).intoArray(sums, d + 5 * LANES);
            r.fma(c6, q.fma(a6, FloatVector.fromArray(S, sums, d + 6 * LANES))).intoArray(sums, d + 6 * LANES);
            r.fma(c7, q.fma(a7, FloatVector.fromArray(S, sums, d + 7 * LANES))).intoArray(sums, d + 7 * LANES);
            r.fma(c8, q.fma(a8, FloatVector.fromArray(S, sums, d + 8 * LANES))).intoArray(sums, d + 8 * LANES);
            r.fma(c9, q.fma(a9, FloatVector.fromArray(S, sums, d + 9 * LANES))).intoArray(sums, d + 9 * LANES);
        }
    }

    /**
     * Where lane l of output j sits in an octet's rows of dZ [rows, n]: GATHER[n][j·LANES + l] =
     * l·n + j, for n = 1..{@link #COLUMNS}.
     */
    private static final int[][] GATHER = new int[COLUMNS + 1][];

    static {
        for (int n = 1; n <= COLUMNS; n++) {
            GATHER[n] = new int[COLUMNS * LANES];
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < LANES; l++) GATHER[n][j * LANES + l] = l * n + j;
            }
        }
    }

    /**
     * {@link SparseOctets#interleave} for octets g0..g1 of sixteen rows, the same floats: each
     * output's sixteen lanes gathered from the octet's rows in one load, not one by one (the
     * paper's full batch: 600,000 of them per step).
     */
    static void interleave(float[] dZ, int rows, int n, float[] dZo, int g0, int g1) {
        int whole = Math.min(g1, rows / LANES);  // octets with all sixteen rows
        int g = g0;
        if (n >= 1 && n <= COLUMNS) {
            int[] gather = GATHER[n];
            FloatVector zero = FloatVector.zero(S);
            for (; g < whole; g++) {
                int at = g * TILE, from = g * LANES * n;
                for (int j = 0; j < n; j++) FloatVector.fromArray(S, dZ, from, gather, j * LANES).intoArray(dZo, at + j * LANES);
                for (int j = n; j < COLUMNS; j++) zero.intoArray(dZo, at + j * LANES);
            }
        }
        if (g < g1) SparseOctets.interleave(dZ, rows, n, dZo, g, g1, LANES);
    }

    /**
     * The rows of C [cols, n] = Xᵀ·dZ (the first layer's dWᵀ) of the groups of two columns k0..k1
     * (columns 2·k0 .. 2·k1, {@link SparseOctets#groupColumns}), from dZ interleaved by
     * {@link SparseOctets#interleave}. {@code partial} holds each column's ten vectors of lane sums
     * ({@link #TILE} floats per column), which the blocks add to in order; only this call's
     * columns are touched, so threads with different groups share it.
     */
    static void weightGradient(SparseOctets X, float[] dZo, float[] partial, float[] C, int n, int k0, int k1) {
        int p0 = 2 * k0, p1 = Math.min(X.cols, 2 * k1);
        java.util.Arrays.fill(partial, p0 * TILE, 2 * k1 * TILE, 0f);
        for (int b = 0; b < X.blocks; b++) {
            int octets = b * X.blockOctets * TILE;  // the block's first octet in dZo
            int starts = b * (X.groups + 1);
            for (int k = k0; k < k1; k++) {
                int t = X.blockColumnStart[starts + k], end = X.blockColumnStart[starts + k + 1];
                if (t < end) columnPairInBlock(X, dZo, partial, 2 * k * TILE, octets, t, end);
            }
        }
        for (int p = p0; p < p1; p++) {
            for (int j = 0; j < n; j++) {
                int at = p * TILE + j * LANES;
                float sum = 0f;
                for (int l = 0; l < LANES; l++) sum += partial[at + l];
                C[p * n + j] = sum / SparseOctets.LEVELS;
            }
        }
    }

    /**
     * partial[at ..] += two columns' entries t..end in a block: twenty vectors of sums held in
     * registers, each vector of dZ loaded once for both columns (a column without ink in an
     * octet has levels 0 there, which add nothing).
     */
    private static void columnPairInBlock(SparseOctets X, float[] dZo, float[] partial, int at, int octets, int t, int end) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0,
                s9 = s0;
        FloatVector u0 = s0, u1 = s0, u2 = s0, u3 = s0, u4 = s0, u5 = s0, u6 = s0, u7 = s0, u8 = s0, u9 = s0;
        for (; t < end; t++) {
            FloatVector q = levels(X.blockLevels, 2 * t), r = levels(X.blockLevels, 2 * t + 1);
            int d = octets + X.blockOctet[t] * TILE;
            FloatVector dz = FloatVector.fromArray(S, dZo, d);
            s0 = q.fma(dz, s0);
            u0 = r.fma(dz, u0);
            dz = FloatVector.fromArray(S, dZo, d + LANES);
            s1 = q.fma(dz, s1);
            u1 = r.fma(dz, u1);
            dz = FloatVector.fromArray(S, dZo, d + 2 * LANES);
            s2 = q.fma(dz, s2);
            u2 = r.fma(dz, u2);
            dz = FloatVector.fromArray(S, dZo, d + 3 * LANES);
            s3 = q.fma(dz, s3);
            u3 = r.fma(dz, u3);
            dz = FloatVector.fromArray(S, dZo, d + 4 * LANES);
            s4 = q.fma(dz, s4);
            u4 = r.fma(dz, u4);
            dz = FloatVector.fromArray(S, dZo, d + 5 * LANES);
            s5 = q.fma(dz, s5);
            u5 = r.fma(dz, u5);
            dz = FloatVector.fromArray(S, dZo, d + 6 * LANES);
            s6 = q.fma(dz, s6);
            u6 = r.fma(dz, u6);
            dz = FloatVector.fromArray(S, dZo, d + 7 * LANES);
            s7 = q.fma(dz, s7);
            u7 = r.fma(dz, u7);
            dz = FloatVector.fromArray(S, dZo, d + 8 * LANES);
            s8 = q.fma(dz, s8);
            u8 = r.fma(dz, u8);
            dz = FloatVector.fromArray(S, dZo, d + 9 * LANES);
            s9 = q.fma(dz, s9);
            u9 = r.fma(dz, u9);
        }
        // Written out, not in a helper taking the vectors: C2 would not inline one that large and would box them.
        FloatVector.fromArray(S, partial, at).add(s0).intoArray(partial, at);
        FloatVector.fromArray(S, partial, at + LANES).add(s1).intoArray(partial, at + LANES);
        FloatVector.fromArray(S, partial, at + 2 * LANES).add(s2).intoArray(partial, at + 2 * LANES);
        FloatVector.fromArray(S, partial, at + 3 * LANES).add(s3).intoArray(partial, at + 3 * LANES);
        FloatVector.fromArray(S, partial, at + 4 * LANES).add(s4).intoArray(partial, at + 4 * LANES);
        FloatVector.fromArray(S, partial, at + 5 * LANES).add(s5).intoArray(partial, at + 5 * LANES);
        FloatVector.fromArray(S, partial, at + 6 * LANES).add(s6).intoArray(partial, at + 6 * LANES);
        FloatVector.fromArray(S, partial, at + 7 * LANES).add(s7).intoArray(partial, at + 7 * LANES);
        FloatVector.fromArray(S, partial, at + 8 * LANES).add(s8).intoArray(partial, at + 8 * LANES);
        FloatVector.fromArray(S, partial, at + 9 * LANES).add(s9).intoArray(partial, at + 9 * LANES);
        FloatVector.fromArray(S, partial, at + TILE).add(u0).intoArray(partial, at + TILE);
        FloatVector.fromArray(S, partial, at + TILE + LANES).add(u1).intoArray(partial, at + TILE + LANES);
        FloatVector.fromArray(S, partial, at + TILE + 2 * LANES).add(u2).intoArray(partial, at + TILE + 2 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 3 * LANES).add(u3).intoArray(partial, at + TILE + 3 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 4 * LANES).add(u4).intoArray(partial, at + TILE + 4 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 5 * LANES).add(u5).intoArray(partial, at + TILE + 5 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 6 * LANES).add(u6).intoArray(partial, at + TILE + 6 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 7 * LANES).add(u7).intoArray(partial, at + TILE + 7 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 8 * LANES).add(u8).intoArray(partial, at + TILE + 8 * LANES);
        FloatVector.fromArray(S, partial, at + TILE + 9 * LANES).add(u9).intoArray(partial, at + TILE + 9 * LANES);
    }
}
