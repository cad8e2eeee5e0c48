package org.scratchnet.data;

import java.util.SplittableRandom;
import org.scratchnet.UserException;

/**
 * Splits a labelled data set in two (e.g. train / validation) keeping each class's share.
 *
 * <p>Stratified: each class is shuffled on its own and round(fraction * classCount) of its
 * examples are held out, so a 10% validation set holds 10% of every digit, not 10% of the data
 * in whatever class mix chance gives. Both parts are then shuffled so classes are mixed. One
 * SplittableRandom(seed) drives every shuffle, in a fixed order, so a seed names a split.
 */
public final class Splits {

    /** The two parts of a split: {@code kept} for training, {@code heldOut} for validation. */
    public record Split(Dataset kept, Dataset heldOut) {}

    private Splits() {}

    /** Holds out {@code fraction} (0 <= fraction < 1) of each class of {@code d}. */
    public static Split stratified(Dataset d, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new UserException("the fraction to hold out must be at least 0 and below 1, found "
                    + fraction + "; use e.g. 0.1 to hold out 10%");
        }
        if (!d.hasLabels()) {
            throw new UserException("cannot split " + d.source + " by class: it has no labels;"
                    + " hold out part of a labelled file instead");
        }
        SplittableRandom rng = new SplittableRandom(seed);

        // Indices of each class, in data order, so that only the seed decides the shuffle.
        int[] counts = d.classCounts();
        int[][] byClass = new int[d.classes][];
        int[] filled = new int[d.classes];
        for (int c = 0; c < d.classes; c++) byClass[c] = new int[counts[c]];
        for (int i = 0; i < d.size; i++) {
            int c = d.labels[i];
            byClass[c][filled[c]++] = i;
        }

        int heldTotal = 0;
        int[] held = new int[d.classes];
        for (int c = 0; c < d.classes; c++) {
            held[c] = (int) Math.round(fraction * counts[c]);
            heldTotal += held[c];
        }
        int[] heldOut = new int[heldTotal];
        int[] kept = new int[d.size - heldTotal];
        int h = 0;
        int k = 0;
        for (int c = 0; c < d.classes; c++) {
            int[] idx = byClass[c];
            shuffle(idx, rng);
            System.arraycopy(idx, 0, heldOut, h, held[c]);
            System.arraycopy(idx, held[c], kept, k, idx.length - held[c]);
            h += held[c];
            k += idx.length - held[c];
        }
        shuffle(kept, rng);
        shuffle(heldOut, rng);

        String how = " (fraction " + fraction + ", seed " + seed + ")";
        return new Split(d.subset(kept, d.source + " kept" + how),
                d.subset(heldOut, d.source + " held out" + how));
    }

    /** Fisher-Yates: every permutation equally likely. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
