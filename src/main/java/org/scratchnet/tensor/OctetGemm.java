package org.scratchnet.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A narrow first layer's two products over {@link SparseOctets}, for {@link VectorKernels}: the
 * eight rows of an octet are the eight lanes of a vector, and each of the (up to) ten outputs has
 * a vector of sums, one lane per row.
 * <pre>
 *   forward   Z[8g+l, j] = b[j] + (Σ_{pairs (g,p)} q[g,p,l] · Wᵀ[p, j]) / 255      all j at once: 10 vectors
 *   weights   dWᵀ[p, j]  = (Σ_l Σ_{pairs (g,p)} q[g,p,l] · dZ[8g+l, j]) / 255     the lanes summed last
 * </pre>
 * Per pair: one load of eight bytes, widened to floats, then ten FMAs against ten numbers of Wᵀ
 * (forward) or ten vectors of dZ (gradient). Sums are over the whole levels q and divided by 255
 * once at the end, which differs from summing q/255 by rounding only. The order of every sum is
 * fixed by the data (pairs in order, lanes 0..7, blocks in order), and threads split only
 * octets (forward) or columns (gradient), so results are the same bits on any number of threads.
 */
final class OctetGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    static final int LANES = SparseOctets.LANES;
    /** Outputs the kernels compute at once: ten vectors of sums in registers. */
    static final int COLUMNS = 10;
    /** Floats per octet of dZ or of a column's partial sums: COLUMNS vectors of LANES. */
    static final int TILE = COLUMNS * LANES;

    private OctetGemm() {}

    /** Whether the kernels run at full speed here: eight-lane float vectors need 256-bit SIMD. */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    /** The eight levels of pair t as floats (stored with an offset so that 0..255 fits a byte). */
    private static FloatVector levels(byte[] levels, int t) {
        FloatVector shifted = (FloatVector) ByteVector.fromArray(BYTES, levels, t * LANES)
                .convertShape(VectorOperators.B2F, S, 0);
        return shifted.sub(SparseOctets.BYTE_OFFSET);
    }

    /**
     * Rows of octets g0..g1 of C [rows, n] = bias + X·Wᵀ, n ≤ {@link #COLUMNS}, with {@code Wt10}
     * Wᵀ [cols, COLUMNS] (zero-padded past n). {@code lanes} is {@link #TILE} floats of scratch.
     */
    static void forward(SparseOctets X, float[] Wt10, float[] bias, float[] C, int n, int g0, int g1, float[] lanes) {
        for (int g = g0; g < g1; g++) {
            FloatVector z0 = FloatVector.zero(S), z1 = z0, z2 = z0, z3 = z0, z4 = z0, z5 = z0, z6 = z0, z7 = z0, z8 = z0,
                    z9 = z0;
            for (int t = X.octetStart[g], end = X.octetStart[g + 1]; t < end; t++) {
                FloatVector q = levels(X.octetLevels, t);
                int w = X.octetColumn[t] * COLUMNS;
                z0 = q.fma(FloatVector.broadcast(S, Wt10[w]), z0);
                z1 = q.fma(FloatVector.broadcast(S, Wt10[w + 1]), z1);
                z2 = q.fma(FloatVector.broadcast(S, Wt10[w + 2]), z2);
                z3 = q.fma(FloatVector.broadcast(S, Wt10[w + 3]), z3);
                z4 = q.fma(FloatVector.broadcast(S, Wt10[w + 4]), z4);
                z5 = q.fma(FloatVector.broadcast(S, Wt10[w + 5]), z5);
                z6 = q.fma(FloatVector.broadcast(S, Wt10[w + 6]), z6);
                z7 = q.fma(FloatVector.broadcast(S, Wt10[w + 7]), z7);
                z8 = q.fma(FloatVector.broadcast(S, Wt10[w + 8]), z8);
                z9 = q.fma(FloatVector.broadcast(S, Wt10[w + 9]), z9);
            }
            // b[j] + sum / 255 lane by lane, as the scalar division and addition give it
            out(z0, bias, 0, lanes);
            out(z1, bias, 1, lanes);
            out(z2, bias, 2, lanes);
            out(z3, bias, 3, lanes);
            out(z4, bias, 4, lanes);
            out(z5, bias, 5, lanes);
            out(z6, bias, 6, lanes);
            out(z7, bias, 7, lanes);
            out(z8, bias, 8, lanes);
            out(z9, bias, 9, lanes);
            int first = g * LANES, rows = Math.min(LANES, X.rows - first);
            for (int l = 0; l < rows; l++) {  // lane l of output j is row first + l, column j
                int row = (first + l) * n;
                for (int j = 0; j < n; j++) C[row + j] = lanes[j * LANES + l];
            }
        }
    }

    /** Output j's lanes, (bias[j] if any) + z / 255, into {@code lanes}[j·LANES ..]; j past the bias's length is never stored. */
    private static void out(FloatVector z, float[] bias, int j, float[] lanes) {
        FloatVector sum = z.div(SparseOctets.LEVELS);
        if (bias != null && j < bias.length) sum = FloatVector.broadcast(S, bias[j]).add(sum);
        sum.intoArray(lanes, j * LANES);
    }

    /**
     * Rows p0..p1 of C [cols, n] = Xᵀ·dZ (the first layer's dWᵀ), from dZ interleaved by
     * {@link SparseOctets#interleave}. {@code partial} holds each column's ten vectors of lane sums
     * ({@link #TILE} floats per column), which the blocks add to in order; only this call's
     * columns are touched, so threads with different columns share it.
     */
    static void weightGradient(SparseOctets X, float[] dZo, float[] partial, float[] C, int n, int p0, int p1) {
        java.util.Arrays.fill(partial, p0 * TILE, p1 * TILE, 0f);
        for (int b = 0; b < X.blocks; b++) {
            int octets = b * X.blockOctets * TILE;  // the block's first octet in dZo
            int starts = b * (X.groups + 1);  // groups of one column here (eight lanes)
            for (int p = p0; p < p1; p++) {
                int t = X.blockColumnStart[starts + p], end = X.blockColumnStart[starts + p + 1];
                if (t < end) columnInBlock(X, dZo, partial, p * TILE, octets, t, end);
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

    /** partial[at ..] += one column's pairs t..end in a block: ten vectors of sums held in registers. */
    private static void columnInBlock(SparseOctets X, float[] dZo, float[] partial, int at, int octets, int t, int end) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0,
                s9 = s0;
        for (; t < end; t++) {
            FloatVector q = levels(X.blockLevels, t);
            int d = octets + X.blockOctet[t] * TILE;
            s0 = q.fma(FloatVector.fromArray(S, dZo, d), s0);
            s1 = q.fma(FloatVector.fromArray(S, dZo, d + LANES), s1);
            s2 = q.fma(FloatVector.fromArray(S, dZo, d + 2 * LANES), s2);
            s3 = q.fma(FloatVector.fromArray(S, dZo, d + 3 * LANES), s3);
            s4 = q.fma(FloatVector.fromArray(S, dZo, d + 4 * LANES), s4);
            s5 = q.fma(FloatVector.fromArray(S, dZo, d + 5 * LANES), s5);
            s6 = q.fma(FloatVector.fromArray(S, dZo, d + 6 * LANES), s6);
            s7 = q.fma(FloatVector.fromArray(S, dZo, d + 7 * LANES), s7);
            s8 = q.fma(FloatVector.fromArray(S, dZo, d + 8 * LANES), s8);
            s9 = q.fma(FloatVector.fromArray(S, dZo, d + 9 * LANES), s9);
        }
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
    }
}
