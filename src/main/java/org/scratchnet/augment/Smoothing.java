package org.scratchnet.augment;

/**
 * The two passes of the elastic field's separable Gaussian over a square image: {@link #pass}
 * down the columns of an image stored with r rows of zeros above and below it (side² values,
 * then the padding), {@link #alongRows} along the rows of one stored with r zeros left and right
 * of each row:
 * <pre>
 *   pass:       out[j] = (((w[0] in[j] + w[1] in[j + side]) + w[2] in[j + 2 side]) + ...) + w[2r] in[j + 2r side],   j &lt; side²
 *   alongRows:  out[to + y side + x] = ((w[0] in[y stride + x] + w[1] in[y stride + x + 1]) + ...) + w[2r] in[y stride + x + 2r]
 * </pre>
 * each product and each sum rounded to float in this order, so that every implementation gives
 * the same bits: {@link #scalar} (plain loops, which the JIT of JDK 17 does not turn into SIMD:
 * it cannot prove that in and out are different arrays), and the Vector API's, 16 lanes of
 * products and sums (never a fused multiply-add, which rounds once), when the JVM has the module
 * ({@link #fastest}).
 */
interface Smoothing {
    void pass(float[] in, float[] w, float[] out, int side);

    /** in holds side rows of {@code stride} values (and may be read a vector's length past its last row). */
    void alongRows(float[] in, int stride, float[] w, float[] out, int to, int side);

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
                for (int j = 0; j < n; j++) out[j] += wt * in[offset + j];
            }
        }

        @Override
        public void alongRows(float[] in, int stride, float[] w, float[] out, int to, int side) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int at = y * stride + x;
                    float sum = w[0] * in[at];
                    for (int t = 1; t < w.length; t++) sum += w[t] * in[at + t];
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
