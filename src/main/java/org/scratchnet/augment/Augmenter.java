package org.scratchnet.augment;

import org.scratchnet.SplitMix;
import org.scratchnet.UserException;

/**
 * Distorts one training image at a time as an {@link AugmentationSpec} asks: draws the affine map
 * and the elastic field for the image from a generator of its own, then resamples the image once
 * ({@link Bilinear}, SIMD where it can: {@link Resampling}). Each image's generator is seeded from (the run's seed, the epoch, the
 * image's index in the training set) alone ({@link #exampleSeed}), so an image looks the same
 * whichever thread distorts it, in whatever order, ahead of time or not, and in a resumed run:
 * there is no generator state to carry. Not thread-safe: each thread owns an augmenter, whose
 * buffers are made once; {@link #augment} allocates nothing.
 */
public final class Augmenter {
    /** Keeps the augmentation's generators apart from the other users of the run's seed (weights, shuffle, dropout). */
    private static final long SALT = 0x6a09e667f3bcc909L;

    private final AugmentationSpec spec;
    private final int side;
    private final float[] framed;
    private final AffineMap map = new AffineMap();
    private final ElasticField field;
    private final float[] dx;
    private final float[] dy;
    private final Resampling resampling;
    private final SplitMix random = new SplitMix(0);

    /** An augmenter for images of {@code features} pixels, a square (28 x 28 for MNIST), row-major. */
    public Augmenter(AugmentationSpec spec, int features) {
        this.spec = spec;
        this.side = side(features);
        this.framed = new float[Bilinear.framed(side) * Bilinear.framed(side)];
        this.field = spec.elasticUsed() ? new ElasticField(side, spec.sigma(), spec.alpha()) : null;
        this.dx = spec.elasticUsed() ? new float[side * side] : null;
        this.dy = spec.elasticUsed() ? new float[side * side] : null;
        this.resampling = Resampling.fastest(side);
    }

    /** The side of a square image of {@code features} pixels; other shapes are refused in one line. */
    public static int side(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        if (side < 2 || side * side != features) {
            throw new UserException("augmentation distorts square images, and " + features + " features per example are not a"
                    + " square image; train without --augment");
        }
        return side;
    }

    /**
     * Writes the distorted image {@code x[from .. from + side²)} to {@code out[to ..]}, drawn from
     * the generator {@code exampleSeed} seeds. With {@code none}, a copy.
     */
    public void augment(float[] x, int from, float[] out, int to, long exampleSeed) {
        int n = side * side;
        if (!spec.augments()) {
            System.arraycopy(x, from, out, to, n);
            return;
        }
        random.reseed(exampleSeed);
        if (spec.affineUsed()) map.draw(spec, random, side);
        else map.set(0, 0, 0, 1, 0, side);
        Bilinear.frame(x, from, side, framed);
        if (spec.elasticUsed()) field.draw(random, dx, dy);
        resampling.warp(framed, side, map, dx, dy, out, to);  // dx and dy are null without the elastic field
    }

    /** The seed of the generator that distorts training example {@code example} in {@code epoch} of a run seeded {@code seed}. */
    public static long exampleSeed(long seed, int epoch, int example) {
        long s = SplitMix.mix64(seed ^ SALT);
        s = SplitMix.mix64(s + epoch);
        return SplitMix.mix64(s + example);
    }
}
