package org.scratchnet.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scratchnet.augment.AugmentationSpec.Setting;

class AugmentationSpecTest {

    private static final AugmentationSpec GENTLE_BOTH = AugmentationSpec.both().with(Setting.SHIFT, 3).with(Setting.SIGMA, 5.5)
            .with(Setting.ALPHA, 37);

    @Test
    void keepingTakesTheOtherKindsStrengthsWhereTheKindsShareASetting() {
        assertThat(AugmentationSpec.elastic().keeping(GENTLE_BOTH))
                .isEqualTo(AugmentationSpec.elastic().with(Setting.SIGMA, 5.5).with(Setting.ALPHA, 37));
        assertThat(AugmentationSpec.affine().keeping(GENTLE_BOTH)).isEqualTo(AugmentationSpec.affine().with(Setting.SHIFT, 3));
        assertThat(AugmentationSpec.both().keeping(GENTLE_BOTH)).isEqualTo(GENTLE_BOTH);
        assertThat(AugmentationSpec.both().keeping(AugmentationSpec.elastic().with(Setting.ALPHA, 30)))
                .as("the elastic part kept, the affine part at its defaults")
                .isEqualTo(AugmentationSpec.both().with(Setting.ALPHA, 30));
    }

    @Test
    void keepingNothingSharedLeavesTheKindAtItsDefaults() {
        assertThat(AugmentationSpec.affine().keeping(AugmentationSpec.elastic().with(Setting.SIGMA, 6))).isEqualTo(AugmentationSpec.affine());
        assertThat(AugmentationSpec.elastic().keeping(AugmentationSpec.none())).isEqualTo(AugmentationSpec.elastic());
        assertThat(AugmentationSpec.none().keeping(GENTLE_BOTH)).isEqualTo(AugmentationSpec.none());
    }

    @Test
    void valueReadsEachSettingAndZeroForOneTheKindDoesNotUse() {
        for (Setting s : Setting.values()) {
            assertThat(AugmentationSpec.none().value(s)).as(s.id()).isZero();
        }
        assertThat(GENTLE_BOTH.value(Setting.SHIFT)).isEqualTo(3f);
        assertThat(GENTLE_BOTH.value(Setting.ROTATION)).isEqualTo(AugmentationSpec.DEFAULT_ROTATION);
        assertThat(GENTLE_BOTH.value(Setting.SCALING)).isEqualTo(AugmentationSpec.DEFAULT_SCALING);
        assertThat(GENTLE_BOTH.value(Setting.SHEAR)).isEqualTo(AugmentationSpec.DEFAULT_SHEAR);
        assertThat(GENTLE_BOTH.value(Setting.SIGMA)).isEqualTo(5.5f);
        assertThat(GENTLE_BOTH.value(Setting.ALPHA)).isEqualTo(37f);
        assertThat(AugmentationSpec.affine().value(Setting.SIGMA)).isZero();
    }
}
