package org.scratchnet.augment;

/**
 * The two passes of the elastic field's separable Gaussian over a square image: {@link #pass}
 * down the columns of an image stored with r rows of zeros above and below it (side² values,
 * then the padding), {@link #alongRows} along the rows of one stored with r zeros left and right
 * of each row:
 * <pre>
 *   pass:       s = w[0] in[j],  then s = fma(w[t], in[j + t side], s) for t = 1 .. 2r;  out[j] = s,   j &lt; side²
 *   alongRows:  s = 0,  then s = fma(w[t], in[y stride + x + t], s) for t = 0 .. 2r;  out[to + y side + x] = s
 * </pre>
 * each step rounded to float once, in this order (a fused multiply-add rounds once: Math.fma in
 * the plain loops, the lanes' fma in the Vector API's, the same bits; it is half the operations
 * of a product and a sum), so that every implementation gives the same bits: {@link #scalar}
 * (plain loops, which the JIT of JDK 17 does not turn into SIMD: it cannot prove that in and out
 * are different arrays), and the Vector API's, 16 lanes at a time, when the JVM has the module
 * ({@link #fastest}).
 */
interface Smoothing {
    void pass(float[] in, float[] w, float[] out, int side);

    /**
     * {@code in} holds side rows of {@code stride} values: r zeros, the row's side values, r zeros
     * (r = {@code radius}); it and {@code pass}'s in may be read a vector's length past their last
     * row. {@code w} is what {@link #rowWeights} made of the taps.
     */
    void alongRows(float[] in, int stride, float[] w, int radius, float[] out, int to, int side);

    /** The 2r + 1 taps in the form this implementation's {@link #alongRows} takes them for rows of side values: made once, by the field. */
    default float[] rowWeights(float[] taps, int side) {
        return taps.clone();
    }

    /** The plain loops: the oracle, and what runs without the Vector API. */
    Smoothing SCALAR = new Smoothing() {
        @Override
        public void pass(float[] in, float[] w, float[] out, int side) {
            int n = side * side;
            float w0 = w[0];
            for (int j = 0; j < n; j++) out[j] = w0 * in[j];
            for (int t = 1; t < w.length; t++) {
                float wt = w[t];
                int offset = t * side;
                for (int j = 0; j < n; j++) out[j] = Math.fma(wt, in[offset + j], out[j]);
            }
        }

        @Override
        public void alongRows(float[] in, int stride, float[] w, int radius, float[] out, int to, int side) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int at = y * stride + x;
                    float sum = 0f;
                    for (int t = 0; t < w.length; t++) sum = Math.fma(w[t], in[at + t], sum);
                    out[to + y * side + x] = sum;
                }
            }
        }
    };

    static Smoothing scalar() {
        return SCALAR;
    }

    /**
     * The SIMD pass when the JVM was started with the Vector API module (the launcher and the build
     * do; a plain {@code java -jar} does not) and {@code scratchnet.kernels=scalar} does not ask for
     * the plain loops, else {@link #scalar}. Found by reflection, so that no class of the Vector
     * API is loaded when the module is absent.
     */
    static Smoothing fastest() {
        return Holder.FASTEST;
    }

    final class Holder {
        private Holder() {}

        static final Smoothing FASTEST = find();

        private static Smoothing find() {
            if ("scalar".equalsIgnoreCase(System.getProperty("scratchnet.kernels", ""))) return SCALAR;
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return SCALAR;
            try {
                return (Smoothing) Class.forName("org.scratchnet.augment.VectorSmoothing").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}
