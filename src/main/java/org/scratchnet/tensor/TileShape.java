package org.scratchnet.tensor;

import java.util.Locale;

/**
 * The register tile of the dense products ({@link Gemm}), chosen once when the kernels are made,
 * from the vector width and the caches, so that one jar is right on AVX2, on double-pumped
 * AVX-512 (Zen 4) and on full-width AVX-512 (Zen 5, recent Intel):
 * <pre>
 *   vectors      registers   tile                   in registers
 *   < 512-bit    16          6 rows x 2 vectors     12 accumulators + 2 of B + 1 broadcast = 15
 *   512-bit      32          12 rows x 2 vectors    24 accumulators + 2 of B + 1 broadcast = 27
 * </pre>
 * A tile reads its strip of B (k x 2 vectors) and its rows of A (rows x k) for every p; the wide
 * tile needs them in the L2 for depths up to {@link #DEEPEST} ((2·16 + 12)·4 bytes per p: 176 KiB),
 * so an L2 known to be smaller than twice that keeps the narrow tile. An unknown L2 does not.
 * Whichever the tile, every output element is the same fma chain, so the choice never changes a
 * bit of the results.
 *
 * <p>{@code -Dscratchnet.tile=6x2|12x2} forces a tile (for comparisons); tests force each one.
 */
enum TileShape {
    SIX_BY_TWO(6),
    TWELVE_BY_TWO(WideTiles.ROWS);

    /** Rows of the main tile: the unit of the row split among threads. */
    final int rows;

    TileShape(int rows) {
        this.rows = rows;
    }

    /** Depth of the deepest product the wide tile is sized for (a 1024-unit layer's input). */
    static final int DEEPEST = 1024;

    /** The tile for vectors of {@code vectorBits} bits and an L2 of {@code l2Bytes} per core (0 if unknown). */
    static TileShape choose(int vectorBits, long l2Bytes) {
        if (vectorBits < 512) return SIX_BY_TWO;  // 16 vector registers (AVX2) hold no more than the 6x2 tile
        long wideWorkingSet = (long) DEEPEST * (2 * (vectorBits / 32) + WideTiles.ROWS) * Float.BYTES;
        if (l2Bytes > 0 && l2Bytes < 2 * wideWorkingSet) return SIX_BY_TWO;
        return TWELVE_BY_TWO;
    }

    /** {@code -Dscratchnet.tile} if set, else {@link #choose} for this machine. */
    static TileShape forThisMachine(int vectorBits) {
        String forced = System.getProperty("scratchnet.tile", "");
        if (!forced.isEmpty()) return parse(forced);
        return choose(vectorBits, CpuCaches.read().l2());
    }

    static TileShape parse(String name) {
        for (TileShape t : values()) {
            if (t.toString().equals(name.trim().toLowerCase(Locale.ROOT))) return t;
        }
        throw new IllegalArgumentException("scratchnet.tile takes 6x2 or 12x2, got '" + name + "'");
    }

    /** "6x2" or "12x2". */
    @Override
    public String toString() {
        return rows + "x2";
    }
}
