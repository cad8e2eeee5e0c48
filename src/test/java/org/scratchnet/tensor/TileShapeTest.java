package org.scratchnet.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The tile chooser's rules (KernelContractTest holds every tile to the same results). */
class TileShapeTest {

    @Test
    void avx2KeepsTheSixRowTileWhateverItsCaches() {
        assertThat(TileShape.choose(256, 512 << 10)).isEqualTo(TileShape.SIX_BY_TWO);
        assertThat(TileShape.choose(256, 0)).isEqualTo(TileShape.SIX_BY_TWO);
        assertThat(TileShape.choose(128, 2 << 20)).isEqualTo(TileShape.SIX_BY_TWO);
    }

    @Test
    void avx512TakesTheTwelveRowTileWhenItsL2HoldsItsWorkingSet() {
        assertThat(TileShape.choose(512, 1 << 20)).as("Zen 4 and Zen 5: 1 MiB").isEqualTo(TileShape.TWELVE_BY_TWO);
        assertThat(TileShape.choose(512, 2 << 20)).as("2 MiB").isEqualTo(TileShape.TWELVE_BY_TWO);
        assertThat(TileShape.choose(512, 0)).as("unknown L2").isEqualTo(TileShape.TWELVE_BY_TWO);
        // (2 x 16 + 12) floats per p over 1024 p: 176 KiB, so an L2 under 352 KiB keeps the narrow tile
        assertThat(TileShape.choose(512, 256 << 10)).isEqualTo(TileShape.SIX_BY_TWO);
        assertThat(TileShape.choose(512, 352 << 10)).isEqualTo(TileShape.TWELVE_BY_TWO);
    }

    @Test
    void tilesAreNamedAndParsedByTheirShape() {
        assertThat(TileShape.SIX_BY_TWO).hasToString("6x2");
        assertThat(TileShape.TWELVE_BY_TWO).hasToString("12x2");
        assertThat(TileShape.parse(" 12X2")).isEqualTo(TileShape.TWELVE_BY_TWO);
        assertThatThrownBy(() -> TileShape.parse("8x3")).hasMessageContaining("6x2 or 12x2").hasMessageContaining("'8x3'");
    }

    @Test
    void theRowsOrColumnsSplitLeavesTheBusiestThreadTheSmallerShare() {
        // W2's forward product at batch 128 on 2 threads: 11 strips of 12 rows, 16 panels of 32 columns
        assertThat(VectorKernels.busiestShare(11, 12, 128, 2)).isEqualTo(72.0 / 128);
        assertThat(VectorKernels.busiestShare(16, 32, 512, 2)).isEqualTo(0.5);
        assertThat(VectorKernels.busiestShare(1, 32, 10, 2)).isEqualTo(1.0);
    }
}
