package org.scratchnet.augment;

/**
 * The bilinear resampling of a framed image at the points an affine map (and, if given, an
 * elastic field) sends each output pixel to, {@link Bilinear}'s equations (values below half a
 * grey level set to 0), in either of two
 * implementations that give the same bits: {@link #scalar} (the plain loops of {@link Bilinear},
 * the oracle) and the Vector API's ({@link VectorResampling}, a vector of output pixels at a
 * time, its four neighbours read by gathers) when the JVM has the module ({@link #fastest}).
 * An instance holds scratch space: one per thread, like the {@link Augmenter} that owns it.
 */
interface Resampling {
    /**
     * out[to + y·side + x] = the framed image at m((x, y) + (dx, dy)[y·side + x]), or at m(x, y)
     * if dx and dy are null.
     */
    void warp(float[] framed, int side, AffineMap m, float[] dx, float[] dy, float[] out, int to);

    /** The plain loops: the oracle, and what runs without the Vector API. */
    Resampling SCALAR = (framed, side, m, dx, dy, out, to) -> {
        if (dx == null) Bilinear.warp(framed, side, m, out, to);
        else Bilinear.warp(framed, side, m, dx, dy, out, to);
    };

    static Resampling scalar() {
        return SCALAR;
    }

    /**
     * A new SIMD resampling of side x side images when the JVM was started with the Vector API
     * module and {@code scratchnet.kernels=scalar} does not ask for the plain loops (the same test
     * as {@link Smoothing#fastest}), else {@link #scalar}. Found by reflection, so that no class of
     * the Vector API is loaded when the module is absent.
     */
    static Resampling fastest(int side) {
        if (Smoothing.fastest() == Smoothing.SCALAR) return SCALAR;  // no Vector API, or the plain loops asked for
        try {
            return (Resampling) Class.forName("org.scratchnet.augment.VectorResampling").getDeclaredConstructor(int.class).newInstance(side);
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }
}
