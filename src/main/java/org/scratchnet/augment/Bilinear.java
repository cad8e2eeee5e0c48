package org.scratchnet.augment;

/**
 * Resampling a square image at points between its pixels, by bilinear interpolation, with 0 (no
 * ink) outside the image:
 * <pre>
 *   I(x, y) = (1-fy) · [(1-fx) I(x0, y0) + fx I(x0+1, y0)] + fy · [(1-fx) I(x0, y0+1) + fx I(x0+1, y0+1)]
 *   x0 = ⌊x⌋, fx = x - x0 (likewise y), computed as lerps: a + f (b - a)
 * </pre>
 * The image is first copied into a buffer with a frame of zeros (one pixel left and above, two
 * right and below), and every point is clamped to [-1, side], where the image is 0 already: no
 * test per read, and exactly the value of the zero-extended image. At whole-pixel points (f = 0)
 * the value is the pixel's, to the bit.
 *
 * <p>A value below half a grey level ({@link #FAINTEST}, 0.5/255 of full scale) is set to 0: the
 * images are 8-bit grey levels scaled to [0, 1], so such a value cannot be told from 0 in the data
 * the network is given, and the first layer, which skips zeros, need not pay for it. A pixel of an
 * original image is 0 or at least 1/255, so a distortion of no strength still gives the image.
 */
final class Bilinear {
    private Bilinear() {}

    /** Half a grey level of 8-bit images scaled to [0, 1]: resampled values below it are 0. */
    static final float FAINTEST = 0.5f / 255f;

    /** v, or 0 if it is below {@link #FAINTEST}. */
    static float kept(float v) {
        return v < FAINTEST ? 0f : v;
    }

    /** The width (and height) of the framed copy of a side x side image. */
    static int framed(int side) {
        return side + 3;
    }

    /** Copies image {@code x[from .. from + side²)} into the frame (whose border stays 0). */
    static void frame(float[] x, int from, int side, float[] framed) {
        int w = framed(side);
        for (int y = 0; y < side; y++) System.arraycopy(x, from + y * side, framed, (y + 1) * w + 1, side);
    }

    /** out[to + y·side + x] = the framed image at m(x, y), {@link #kept}. */
    static void warp(float[] framed, int side, AffineMap m, float[] out, int to) {
        for (int y = 0, i = 0; y < side; y++) {
            for (int x = 0; x < side; x++, i++) {
                out[to + i] = kept(at(framed, side, m.a11 * x + m.a12 * y + m.bx, m.a21 * x + m.a22 * y + m.by));
            }
        }
    }

    /** out[to + y·side + x] = the framed image at m((x, y) + (dx, dy)[y·side + x]), {@link #kept}: the field displaces, then the map. */
    static void warp(float[] framed, int side, AffineMap m, float[] dx, float[] dy, float[] out, int to) {
        for (int y = 0, i = 0; y < side; y++) {
            for (int x = 0; x < side; x++, i++) {
                float u = x + dx[i];
                float v = y + dy[i];
                out[to + i] = kept(at(framed, side, m.a11 * u + m.a12 * v + m.bx, m.a21 * u + m.a22 * v + m.by));
            }
        }
    }

    /** The image at (sx, sy), in the original's pixel coordinates. */
    static float at(float[] framed, int side, float sx, float sy) {
        int w = framed(side);
        // Clamped by plain comparisons: Math.min and Math.max, which must order -0 and NaN, made the
        // whole resampling 30% slower (the same bits: no point is NaN, and -0 + 1 is 1).
        float fx = (sx < -1f ? -1f : sx > side ? side : sx) + 1f;  // in the frame's coordinates, 0 .. side + 1
        float fy = (sy < -1f ? -1f : sy > side ? side : sy) + 1f;
        int x0 = (int) fx;  // truncation is floor here: fx >= 0
        int y0 = (int) fy;
        fx -= x0;
        fy -= y0;
        int k = y0 * w + x0;
        float top = framed[k] + fx * (framed[k + 1] - framed[k]);
        float bottom = framed[k + w] + fx * (framed[k + w + 1] - framed[k + w]);
        return top + fy * (bottom - top);
    }
}
