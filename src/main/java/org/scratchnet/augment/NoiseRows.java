package org.scratchnet.augment;

import org.scratchnet.SplitMix;

/**
 * The elastic field's uniform draws, written into the rows {@link ElasticField} smooths: every
 * value depends on a counter alone, so the draws can be made in any order, a vector at a time,
 * and still be the numbers of one SplitMix generator. Row y of a side x side field takes the
 * generator's 64-bit draws y·h .. y·h + h - 1 after {@code start} (h = ⌈side / 2⌉, draw k being
 * mix64(start + (k + 1) · γ), {@link SplitMix#skip}); each gives two 24-bit uniforms:
 * <pre>
 *   x &lt; h:   bits 40..63 of draw y·h + x          value = bits · 2⁻²³ - 1, uniform in [-1, 1) on a grid of 2⁻²³
 *   x &gt;= h:  bits 16..39 of draw y·h + (x - h)
 * </pre>
 * so each half of a row comes from consecutive draws, which a vector turns into consecutive
 * values with no shuffle. In either of two implementations with the same bits: {@link #SCALAR}
 * (plain loops, the oracle) and the Vector API's ({@link VectorNoiseRows}, {@link #fastest}).
 */
interface NoiseRows {
    /** A 24-bit draw times this is in [0, 2). */
    float UNIT = 0x1.0p-23f;

    /** Fills noise[to + y·stride + x], x, y &lt; side, from the draws that follow {@code start} (those of {@link #draws}). */
    void fill(long start, long gamma, float[] noise, int to, int stride, int side);

    /** How many 64-bit draws a side x side field takes: side · ⌈side / 2⌉. */
    static int draws(int side) {
        return side * half(side);
    }

    /** h = ⌈side / 2⌉: the values of a row taken from the draws' high bits. */
    static int half(int side) {
        return (side + 1) / 2;
    }

    /** The plain loops: the oracle, and what runs without the Vector API. */
    NoiseRows SCALAR = (start, gamma, noise, to, stride, side) -> {
        int h = half(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean high = x < h;
                long k = (long) y * h + (high ? x : x - h);
                long bits = SplitMix.mix64(start + (k + 1) * gamma);
                long v = high ? bits >>> 40 : (bits >>> 16) & 0xFFFFFF;
                noise[to + y * stride + x] = (float) v * UNIT - 1f;
            }
        }
    };

    /** The SIMD draws when the Vector API is there and not refused (the test of {@link Smoothing#fastest}), else {@link #SCALAR}. */
    static NoiseRows fastest() {
        if (Smoothing.fastest() == Smoothing.SCALAR) return SCALAR;
        try {
            return (NoiseRows) Class.forName("org.scratchnet.augment.VectorNoiseRows").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }
}
