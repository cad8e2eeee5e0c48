package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;

/**
 * Splits.stratified: each class keeps its share (within one example), the parts are disjoint and
 * together are the whole, a seed always gives the same split and another seed a different one.
 * Examples are identified by a pixel that holds their index, so they can be traced through subset().
 */
class SplitsTest {

    /** n examples with one feature = index/n and a label pattern giving unequal class sizes. */
    private static Dataset indexed(int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = (i * i + i / 3) % 10;
        }
        return new Dataset(x, y, n, 1, 10, "indexed");
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> s = new HashSet<>();
        for (float v : d.x) s.add((int) v);
        return s;
    }

    @Test
    void classSharesArePreservedWithinOneExample() {
        Dataset d = indexed(1003);
        Splits.Split s = Splits.stratified(d, 0.1, 42);
        int[] all = d.classCounts();
        int[] held = s.heldOut().classCounts();
        int[] kept = s.kept().classCounts();
        for (int c = 0; c < 10; c++) {
            assertThat((double) held[c]).as("class %d held out", c).isCloseTo(0.1 * all[c], org.assertj.core.data.Offset.offset(1.0));
            assertThat(kept[c] + held[c]).isEqualTo(all[c]);
        }
        // exactly round(fraction * count) per class
        for (int c = 0; c < 10; c++) assertThat(held[c]).isEqualTo((int) Math.round(0.1 * all[c]));
    }

    @Test
    void partsAreDisjointAndCoverEverything() {
        Dataset d = indexed(500);
        Splits.Split s = Splits.stratified(d, 0.25, 7);
        Set<Integer> kept = ids(s.kept());
        Set<Integer> held = ids(s.heldOut());
        assertThat(kept).hasSize(s.kept().size).doesNotContainAnyElementsOf(held);
        Set<Integer> union = new HashSet<>(kept);
        union.addAll(held);
        assertThat(union).hasSize(500);
        // labels travel with their examples
        for (Dataset part : new Dataset[] {s.kept(), s.heldOut()}) {
            for (int i = 0; i < part.size; i++) assertThat(part.labels[i]).isEqualTo(d.labels[(int) part.x[i]]);
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset d = indexed(400);
        Splits.Split a = Splits.stratified(d, 0.2, 1);
        Splits.Split b = Splits.stratified(d, 0.2, 1);
        Splits.Split c = Splits.stratified(d, 0.2, 2);
        assertThat(a.heldOut().x).isEqualTo(b.heldOut().x);
        assertThat(a.kept().x).isEqualTo(b.kept().x);
        assertThat(Arrays.equals(a.heldOut().x, c.heldOut().x)).isFalse();
    }

    @Test
    void classesAreMixedNotGroupedInEachPart() {
        Splits.Split s = Splits.stratified(indexed(1000), 0.2, 3);
        int changes = 0;
        int[] y = s.kept().labels;
        for (int i = 1; i < y.length; i++) if (y[i] != y[i - 1]) changes++;
        assertThat(changes).as("label changes in kept part").isGreaterThan(y.length / 2);
    }

    @Test
    void fractionZeroHoldsOutNothing() {
        Splits.Split s = Splits.stratified(indexed(50), 0.0, 9);
        assertThat(s.heldOut().size).isZero();
        assertThat(s.kept().size).isEqualTo(50);
    }

    @Test
    void realMnistTenPercentValidation() {
        Dataset train = TestData.mnist()[0];
        Splits.Split s = Splits.stratified(train, 0.1, 1234);
        assertThat(s.heldOut().size).isEqualTo(6000);
        assertThat(s.heldOut().classCounts()[1]).isEqualTo(674); // round(0.1 * 6742)
        assertThat(s.kept().size).isEqualTo(54000);
    }

    @Test
    void fractionOutsideZeroToOneIsRefused() {
        Dataset d = indexed(10);
        for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Splits.stratified(d, bad, 0))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("at least 0 and below 1, found " + bad);
        }
    }

    @Test
    void unlabelledDataIsRefused() {
        Dataset d = new Dataset(new float[4], null, 4, 1, 10, "test.csv");
        assertThatThrownBy(() -> Splits.stratified(d, 0.5, 0))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("test.csv").hasMessageContaining("no labels");
    }
}
