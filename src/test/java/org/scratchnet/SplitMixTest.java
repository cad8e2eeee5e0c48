package org.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SplitMix} draws exactly what {@link SplittableRandom} draws, over millions of draws of
 * every kind training uses and through splits, and its state, once restored, continues the same
 * sequence.
 */
class SplitMixTest {

    private static final int DRAWS = 2_000_000;

    @Test
    void longsIntsAndDoublesAreSplittableRandomsForMillionsOfDraws() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MIN_VALUE, 0x5DEECE66DL}) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix ours = new SplitMix(seed);
            for (int i = 0; i < DRAWS; i++) {
                switch (i % 3) {
                    case 0 -> assertEqual(ours.nextLong(), jdk.nextLong(), seed, i);
                    case 1 -> assertEqual(ours.nextInt(), jdk.nextInt(), seed, i);
                    default -> assertEqual(Double.doubleToRawLongBits(ours.nextDouble()), Double.doubleToRawLongBits(jdk.nextDouble()), seed, i);
                }
            }
        }
    }

    @Test
    void boundedIntsAreSplittableRandomsForEveryKindOfBound() {
        // Powers of two, small and large bounds, and bounds just above 2^30 where rejection is frequent.
        int[] bounds = {1, 2, 3, 7, 10, 64, 1000, 59_999, 60_000, 1 << 20, (1 << 30) + 1, Integer.MAX_VALUE};
        SplittableRandom jdk = new SplittableRandom(42);
        SplitMix ours = new SplitMix(42);
        for (int i = 0; i < DRAWS; i++) {
            int bound = bounds[i % bounds.length];
            assertEqual(ours.nextInt(bound), jdk.nextInt(bound), 42, i);
        }
        // The Fisher-Yates bounds of a shuffle of 60,000, as the trainer draws them.
        for (int n = 60_000; n > 1; n--) assertEqual(ours.nextInt(n), jdk.nextInt(n), 42, n);
    }

    @Test
    void splitGeneratorsAreSplittableRandomsSplits() {
        SplittableRandom jdk = new SplittableRandom(3);
        SplitMix ours = new SplitMix(3);
        for (int s = 0; s < 1000; s++) {
            SplittableRandom jdkChild = jdk.split();
            SplitMix child = ours.split();
            for (int i = 0; i < 100; i++) assertEqual(child.nextLong(), jdkChild.nextLong(), s, i);
            SplittableRandom jdkGrandchild = jdkChild.split();
            SplitMix grandchild = child.split();
            for (int i = 0; i < 100; i++) assertEqual(grandchild.nextInt(1000), jdkGrandchild.nextInt(1000), s, i);
        }
    }

    @Test
    void theDrawAtAnIndexIsTheDrawMadeInTurn() {
        for (long seed : new long[] {0, 42, -7, Long.MIN_VALUE}) {
            SplitMix inTurn = new SplitMix(seed);
            for (int e = 0; e < 100_000; e++) {
                assertThat(SplitMix.doubleAt(seed, e)).as("seed %d draw %d", seed, e).isEqualTo(inTurn.nextDouble());
            }
        }
    }

    @Test
    void aRestoredStateContinuesTheSameSequence() {
        SplitMix a = new SplitMix(9);
        for (int i = 0; i < 12_345; i++) a.nextInt(777);
        SplitMix.State saved = a.state();
        SplitMix b = SplitMix.of(saved);
        for (int i = 0; i < 100_000; i++) assertEqual(b.nextLong(), a.nextLong(), 9, i);
        SplitMix child = a.split();
        SplitMix restoredChild = SplitMix.of(child.state());
        assertThat(restoredChild.nextDouble()).isEqualTo(child.nextDouble());
    }

    @Test
    void skippedDrawsAreTheDrawsNextLongWouldHaveGivenAndTheSequenceGoesOnAfterThem() {
        SplittableRandom jdk = new SplittableRandom(11);
        SplitMix ours = new SplitMix(11);
        SplitMix split = new SplitMix(5).split();  // a gamma other than the golden one
        SplittableRandom jdkSplit = new SplittableRandom(5).split();
        for (int round = 0; round < 200; round++) {
            int count = round % 37;
            long start = ours.skip(count);
            for (int k = 0; k < count; k++) assertEqual(SplitMix.mix64(start + (k + 1) * ours.gamma()), jdk.nextLong(), 11, k);
            assertEqual(ours.nextLong(), jdk.nextLong(), 11, count);
            long s = split.skip(count);
            for (int k = 0; k < count; k++) assertEqual(SplitMix.mix64(s + (k + 1) * split.gamma()), jdkSplit.nextLong(), 5, k);
            assertEqual(split.nextLong(), jdkSplit.nextLong(), 5, count);
        }
    }

    private static void assertEqual(long ours, long jdk, long seed, int draw) {
        if (ours != jdk) throw new AssertionError("seed " + seed + ", draw " + draw + ": SplitMix gave " + ours + ", SplittableRandom " + jdk);
    }

    /**
     * normalAt's numbers are standard normal: over 2,000,000 draws the mean, variance, the share
     * beyond 1.96 and 3, and the third and fourth moments are those of N(0, 1) within a few standard
     * errors; the cosine and sine of one pair (even and odd indices) are uncorrelated; and each is a
     * function of the key and the index alone.
     */
    @Test
    void normalAtDrawsStandardNormalNumbers() {
        int n = 2_000_000;
        long key = 0x5EEDL;
        double sum = 0, squares = 0, cubes = 0, fourths = 0, pairs = 0;
        int beyond196 = 0, beyond3 = 0;
        for (int e = 0; e < n; e++) {
            double z = SplitMix.normalAt(key, e);
            sum += z;
            squares += z * z;
            cubes += z * z * z;
            fourths += z * z * z * z;
            if (Math.abs(z) > 1.96) beyond196++;
            if (Math.abs(z) > 3) beyond3++;
            if ((e & 1) == 1) pairs += z * SplitMix.normalAt(key, e - 1);
        }
        double error = 1 / Math.sqrt(n);
        assertThat(sum / n).isBetween(-5 * error, 5 * error);
        assertThat(squares / n).isBetween(1 - 5 * Math.sqrt(2) * error, 1 + 5 * Math.sqrt(2) * error);
        assertThat(cubes / n).isBetween(-5 * Math.sqrt(15) * error, 5 * Math.sqrt(15) * error);
        assertThat(fourths / n).isBetween(3 - 5 * Math.sqrt(96) * error, 3 + 5 * Math.sqrt(96) * error);
        assertThat((double) beyond196 / n).isBetween(0.05 - 0.001, 0.05 + 0.001);
        assertThat((double) beyond3 / n).isBetween(0.0027 - 0.0002, 0.0027 + 0.0002);
        assertThat(pairs / (n / 2)).isBetween(-5 * Math.sqrt(2) * error, 5 * Math.sqrt(2) * error);
        assertThat(SplitMix.normalAt(key, 12_345)).isEqualTo(SplitMix.normalAt(key, 12_345));
        assertThat(SplitMix.normalAt(key, 12_345)).isNotEqualTo(SplitMix.normalAt(key + 1, 12_345));
    }
}
