package org.scratchnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Counting pairs into the right cell, copies that do not leak, labels out of range rejected. */
class ConfusionMatrixTest {

    @Test
    void countsPairsWithRowsActualAndColumnsPredicted() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 2}, 3);

        assertThat(cm.counts()).isEqualTo(new long[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}});
        assertThat(cm.count(2, 0)).isEqualTo(1);
        assertThat(cm.count(0, 2)).isZero();
        assertThat(cm.total()).isEqualTo(6);
        assertThat(cm.classes()).isEqualTo(3);
    }

    @Test
    void countsReturnsACopy() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.add(1, 1);
        cm.counts()[1][1] = 99;
        assertThat(cm.count(1, 1)).isEqualTo(1);
    }

    @Test
    void rejectsLabelsOutsideTheClassesAndUnpairedArrays() {
        ConfusionMatrix cm = new ConfusionMatrix(10);
        assertThatThrownBy(() -> cm.add(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual class 10").hasMessageContaining("0..9");
        assertThatThrownBy(() -> cm.add(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predicted class -1");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[3], new int[2], 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> new ConfusionMatrix(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
