package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scratchnet.Seeds;
import org.scratchnet.UserException;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;

class TrainingConfigTest {

    @Test
    void theBuilderStartsFromTheDefaultRecipe() {
        TrainingConfig defaults = TrainingConfig.builder().build();
        assertThat(defaults.optimizer()).isEqualTo(OptimizerSpec.adamw(0.003f));
        assertThat(defaults.schedule()).isEqualTo(ScheduleSpec.oneCycle());
        assertThat(defaults.batchSize()).isEqualTo(128);
        assertThat(defaults.length()).isEqualTo(Length.epochs(15));
        assertThat(defaults.recording()).isEqualTo(Recording.everyEpoch());
        assertThat(defaults.seed()).isEqualTo(42).isEqualTo(Seeds.DEFAULT);
        assertThat(defaults.earlyStopping()).isEqualTo(EarlyStopping.DEFAULT);
        assertThat(defaults.earlyStopping().patience()).isEmpty();
        assertThat(defaults.earlyStopping().keep()).isEqualTo(Keep.BEST);
        assertThat(defaults.earlyStopping().monitor()).isEqualTo(Monitor.VAL_LOSS);
    }

    @Test
    void earlyStoppingSettingsAreNamedAndEachReplacesItsOwn() {
        TrainingConfig config = TrainingConfig.builder().patience(3).monitor(Monitor.VAL_ACCURACY).minDelta(0.001).keep(Keep.LAST).build();
        assertThat(config.earlyStopping()).isEqualTo(new EarlyStopping(Monitor.VAL_ACCURACY, java.util.OptionalInt.of(3), 0.001, Keep.LAST));
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.withSeed(3).earlyStopping()).isEqualTo(config.earlyStopping());
        assertThat(config.earlyStopping().describe()).isEqualTo("stop after 3 epochs without val_accuracy improving by more than 0.001; keep the last");
        assertThat(EarlyStopping.DEFAULT.describe()).isEqualTo("keep the best epoch by val_loss");
        assertThat(Monitor.parse(" VAL_ACCURACY ")).isEqualTo(Monitor.VAL_ACCURACY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Monitor.parse("accuracy")).isInstanceOf(org.scratchnet.UserException.class)
                .hasMessage("unknown monitor 'accuracy': use val_loss or val_accuracy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingConfig.builder().patience(0)).isInstanceOf(org.scratchnet.UserException.class)
                .hasMessage("patience must be a positive number of epochs, got 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingConfig.builder().minDelta(-1)).isInstanceOf(org.scratchnet.UserException.class);
    }

    @Test
    void namedSettingsReplaceTheirDefaultOnly() {
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.momentum(0.01f)).batchSize(64).seed(7).build();
        assertThat(config).isEqualTo(new TrainingConfig(OptimizerSpec.momentum(0.01f), TrainingConfig.DEFAULT_SCHEDULE, 64, TrainingConfig.DEFAULT_LENGTH,
                TrainingConfig.DEFAULT_RECORDING, 7, TrainingConfig.DEFAULT_EARLY_STOPPING));
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.withSeed(8)).isEqualTo(config.toBuilder().seed(8).build());
        assertThat(TrainingConfig.builder().iterations(500).build().length()).isEqualTo(Length.iterations(500));
        assertThat(TrainingConfig.builder().fullBatch().build().fullBatch()).isTrue();
    }

    @Test
    void aCycledMomentumNeedsAnOptimiserWithOneAndALowerPeakMomentum() {
        ScheduleSpec cycle = ScheduleSpec.oneCycle().with(ScheduleSpec.Setting.CYCLE_MOMENTUM, 0.85);
        assertThat(TrainingConfig.builder().schedule(cycle).build().schedule().cycleMomentum()).isEqualTo(0.85f);  // adamw's β1 0.9
        assertThat(TrainingConfig.builder().optimizer(OptimizerSpec.momentum(0.01f)).schedule(cycle).build()).isNotNull();
        assertThatThrownBy(() -> TrainingConfig.builder().optimizer(OptimizerSpec.rmsprop(0.001f)).schedule(cycle).build())
                .isInstanceOf(UserException.class)
                .hasMessage("cycle_momentum cycles the optimiser's momentum, and rmsprop has none: use momentum, nesterov, adam or adamw");
        ScheduleSpec high = ScheduleSpec.oneCycle().with(ScheduleSpec.Setting.CYCLE_MOMENTUM, 0.95);
        assertThatThrownBy(() -> TrainingConfig.builder().schedule(high).build()).isInstanceOf(UserException.class)
                .hasMessage("cycle_momentum 0.95 must be below the optimiser's own beta1 0.9, where the cycle starts and ends"
                        + " (it is the momentum at the peak rate); lower it or raise beta1");
        assertThatThrownBy(() -> TrainingConfig.builder().optimizer(OptimizerSpec.nesterov(0.01f)).schedule(high).build())
                .hasMessageContaining("below the optimiser's own momentum 0.9");
    }

    @Test
    void stepsCountEpochsOrIterations() {
        TrainingConfig epochs = TrainingConfig.builder().batchSize(64).epochs(3).build();
        assertThat(epochs.stepsPerEpoch(250)).isEqualTo(4);  // the last batch partial
        assertThat(epochs.totalSteps(250)).isEqualTo(12);
        assertThat(epochs.effectiveBatch(10)).isEqualTo(10);
        TrainingConfig iterations = TrainingConfig.builder().fullBatch().iterations(30).build();
        assertThat(iterations.stepsPerEpoch(250)).isEqualTo(1);
        assertThat(iterations.totalSteps(250)).isEqualTo(30);
        assertThat(iterations.effectiveBatch(250)).isEqualTo(250);
    }

    @Test
    void aRunTooLongToCountIsRefusedNotWrappedRound() {
        TrainingConfig config = TrainingConfig.builder().batchSize(1).epochs(Integer.MAX_VALUE).build();
        assertThatThrownBy(() -> config.totalSteps(10)).isInstanceOf(UserException.class)
                .hasMessageContaining("2,147,483,647 epochs of 10 examples").hasMessageContaining("use fewer epochs");
    }

    @Test
    void recordingResolvesToUpdatesBetweenRows() {
        assertThat(Recording.everyEpoch().interval(120, 12)).isEqualTo(12);
        assertThat(Recording.every(7).interval(120, 12)).isEqualTo(7);
        assertThat(Recording.aboutPoints(50).interval(500, 1)).isEqualTo(10);   // 500 full-batch updates
        assertThat(Recording.aboutPoints(50).interval(422, 422)).isEqualTo(42);  // one epoch: at most 10 points in it
        assertThat(Recording.aboutPoints(50).interval(20, 1)).isEqualTo(1);      // a short run records every update
    }

    @Test
    void lengthsAndRecordingsRefuseNonPositiveCounts() {
        assertThatThrownBy(() -> Length.epochs(0)).isInstanceOf(UserException.class)
                .hasMessage("give a positive number of epochs, got 0");
        assertThatThrownBy(() -> Recording.every(0)).isInstanceOf(UserException.class)
                .hasMessage("record every must be a positive number of updates, got 0");
        assertThatThrownBy(() -> Recording.aboutPoints(-3)).isInstanceOf(UserException.class)
                .hasMessage("record every must be a positive number of points, got -3");
    }

    @Test
    void aLengthReadsAsACount() {
        assertThat(Length.epochs(1).describe()).isEqualTo("1 epoch");
        assertThat(Length.iterations(1500).describe()).isEqualTo("1,500 iterations");
        assertThat(Length.iterations(5).unit().id()).isEqualTo("iterations");
    }
}
