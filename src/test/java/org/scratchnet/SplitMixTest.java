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
}
