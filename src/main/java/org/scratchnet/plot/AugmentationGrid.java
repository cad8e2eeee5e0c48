package org.scratchnet.plot;

import java.util.ArrayList;
import java.util.List;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.augment.Augmenter;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.DigitGrid;

/**
 * What augmentation does to the training images: one row per digit, the original first, then the
 * variants training would see in epochs 1, 2, ... of a run with the same seed (each image's
 * distortion depends only on the seed, the epoch and the image: {@link Augmenter#exampleSeed}).
 * Drawn as a {@link DigitGallery}.
 */
public final class AugmentationGrid {
    private AugmentationGrid() {}

    /** {@code rows} digits of {@code d} chosen by {@code seed}, each with {@code variants} distorted copies beside it. */
    public static Figure figure(Dataset d, AugmentationSpec spec, int rows, int variants, long seed) {
        int[] chosen = DigitGrid.pick(d.size, rows, seed);
        Augmenter augmenter = new Augmenter(spec, d.features);
        float[] image = new float[d.features];
        List<DigitGallery.Tile> tiles = new ArrayList<>();
        for (int i : chosen) {
            tiles.add(new DigitGallery.Tile(clamped(d.x, i * d.features, d.features), d.hasLabels() ? "digit " + d.labels[i] : "original"));
            for (int epoch = 1; epoch <= variants; epoch++) {
                augmenter.augment(d.x, i * d.features, image, 0, Augmenter.exampleSeed(seed, epoch, i));
                tiles.add(new DigitGallery.Tile(clamped(image, 0, d.features), "epoch " + epoch));
            }
        }
        return DigitGallery.figure("Augmentation " + spec.describe() + ", seed " + seed + ": originals, then each epoch's", tiles,
                variants + 1);
    }

    /** The pixels in [0, 1] (interpolation can overshoot by a rounding). */
    private static float[] clamped(float[] x, int from, int n) {
        float[] p = new float[n];
        for (int k = 0; k < n; k++) p[k] = Math.max(0f, Math.min(1f, x[from + k]));
        return p;
    }
}
