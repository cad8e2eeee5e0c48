package org.scratchnet.augment;

import org.scratchnet.SplitMix;

/**
 * Simard, Steinkraus and Platt's elastic displacement field ("Best Practices for Convolutional
 * Neural Networks Applied to Visual Document Analysis", ICDAR 2003, section 2):
 * <pre>
 *   Δx(x, y), Δy(x, y) ~ U(-1, 1)            independently for every pixel
 *   Δx ← α · (G_σ * Δx),  Δy ← α · (G_σ * Δy)  G_σ a Gaussian of standard deviation σ pixels, summing to 1
 * </pre>
 * The Gaussian is separable, G_σ(x, y) = g(x) g(y), so each field is smoothed along x, then along
 * y, with the 1-D kernel g(t) ∝ exp(-t² / 2σ²) for |t| ≤ r = ⌈3σ⌉ (what lies beyond 3σ weighs 0.27%
 * of the whole), normalised to sum 1. Outside the image the random field is 0, as with
 * scipy.ndimage.gaussian_filter(mode="constant"), the form the paper is usually reimplemented in.
 * α is folded into the second pass's weights. Interior values of the smoothed field have standard
 * deviation α · (Σ g²) / √3 (with σ = 4, α = 34: 1.38 pixels).
 *
 * <p>The draws ({@link NoiseRows}: counter-based, a vector of them at a time where it can) fill
 * rows stored with r zeros left and right; the first pass smooths along those rows (x), into a
 * buffer with r rows of zeros above and below, whose pass smooths down its columns (y): out[j] =
 * fma(g[t], in[j + t · side], out[j]), element by element ({@link Smoothing}, SIMD where it can).
 * Nothing is transposed (two transposes took a sixth of an elastic distortion's time). Every
 * buffer is made once; {@link #draw} allocates nothing.
 */
final class ElasticField {
    /** Room past the last row of {@link #noise} and {@link #half} for the widest vector's reads (the lanes past a row's end are not kept). */
    private static final int VECTOR_SLACK = 64;

    private final int side;
    private final int radius;
    /** g, summing to 1 (the first pass), in the form the smoothing's {@link Smoothing#alongRows} takes. */
    private final float[] g;
    /** α · g (the second pass). */
    private final float[] alphaG;
    /** side rows of {@link #stride}: the draws at r .. r+side-1 of each row; the rest stays 0 (and a vector's slack past the end). */
    private final float[] noise;
    /** side + 2r, a row of {@link #noise}. */
    private final int stride;
    /** (side + 2r) x side: the first pass's result (smoothed along x) in rows r .. r+side-1; the rest stays 0 (and a vector's slack). */
    private final float[] half;
    private final Smoothing smoothing;
    private final NoiseRows draws;

    ElasticField(int side, double sigma, double alpha) {
        this(side, sigma, alpha, Smoothing.fastest(), NoiseRows.fastest());
    }

    ElasticField(int side, double sigma, double alpha, Smoothing smoothing, NoiseRows draws) {
        this.side = side;
        this.smoothing = smoothing;
        this.draws = draws;
        this.radius = radius(sigma);
        this.g = smoothing.rowWeights(kernel(sigma, 1), side);
        this.alphaG = kernel(sigma, alpha);
        this.stride = side + 2 * radius;
        this.noise = new float[side * stride + VECTOR_SLACK];
        this.half = new float[(side + 2 * radius) * side + VECTOR_SLACK];
    }

    /** r = ⌈3σ⌉, at least 1. */
    static int radius(double sigma) {
        return (int) Math.max(1, Math.ceil(3 * sigma));
    }

    /** scale · g(t) for t = -r .. r, g normalised to sum 1 (in double, then rounded to float). */
    static float[] kernel(double sigma, double scale) {
        int r = radius(sigma);
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            w[t + r] = StrictMath.exp(-(double) t * t / (2 * sigma * sigma));
            sum += w[t + r];
        }
        float[] k = new float[w.length];
        for (int i = 0; i < w.length; i++) k[i] = (float) (scale * w[i] / sum);
        return k;
    }

    /** Fills dx and dy (side x side, row-major) with a fresh field from {@code random}, which moves past the draws they took. */
    void draw(SplitMix random, float[] dx, float[] dy) {
        int count = NoiseRows.draws(side);
        one(random.skip(count), random.gamma(), dx);
        one(random.skip(count), random.gamma(), dy);
    }

    private void one(long start, long gamma, float[] out) {
        draws.fill(start, gamma, noise, radius, stride, side);
        smoothing.alongRows(noise, stride, g, radius, half, radius * side, side);  // along x
        smoothing.pass(half, alphaG, out, side);  // along y, scaled by α
    }
}
