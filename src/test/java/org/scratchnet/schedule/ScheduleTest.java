package org.scratchnet.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
import org.scratchnet.schedule.ScheduleSpec.Setting;

/**
 * Each schedule's rate at chosen updates (the start, the end of the warm-up, the middle, the end)
 * against its formula worked out by hand, on a run of 10 epochs of 10 updates (t = 1 .. 100) at
 * α = 0.1.
 */
class ScheduleTest {
    private static final float ALPHA = 0.1f;
    private static final int PER_EPOCH = 10;
    private static final int STEPS = 100;

    private static Schedule create(ScheduleSpec spec) {
        return spec.create(ALPHA, PER_EPOCH, STEPS);
    }

    @Test
    void constant() {
        Schedule s = create(ScheduleSpec.constant());
        assertThat(s.rate(1)).isEqualTo(ALPHA);
        assertThat(s.rate(STEPS)).isEqualTo(ALPHA);
        assertThat(s.state()).isEmpty();
    }

    @Test
    void stepDividesEveryStepSizeEpochs() {
        Schedule s = create(ScheduleSpec.step());  // every 3 epochs (30 updates), γ = 0.1
        assertThat(s.rate(1)).isEqualTo(0.1f);
        assertThat(s.rate(30)).isEqualTo(0.1f);                          // the last update of epoch 3
        assertThat(s.rate(31)).isCloseTo(0.01f, within(1e-9f));         // the first of epoch 4
        assertThat(s.rate(61)).isCloseTo(0.001f, within(1e-10f));
        assertThat(s.rate(100)).isCloseTo(0.0001f, within(1e-11f));     // epoch 10: ⌊99 / 30⌋ = 3 decays
    }

    @Test
    void exponentialDecaysByGammaPerEpochSmoothly() {
        Schedule s = create(ScheduleSpec.exponential().with(Setting.GAMMA, 0.5));
        assertThat(s.rate(1)).isEqualTo(0.1f);
        assertThat(s.rate(6)).isCloseTo(0.0707107f, within(1e-7f));    // 0.1 · 0.5^0.5, half-way through epoch 1
        assertThat(s.rate(11)).isCloseTo(0.05f, within(1e-8f));        // epoch 2 starts at α · γ
        assertThat(s.rate(100)).isCloseTo(1.0466538e-4f, within(1e-11f));  // 0.1f · 0.5^9.9
    }

    @Test
    void cosineFallsFromAlphaToTheFloor() {
        Schedule s = create(ScheduleSpec.cosine().with(Setting.MIN_LR, 0.01));
        assertThat(s.rate(1)).isCloseTo(0.1f, within(1e-8f));
        assertThat(s.rate(51)).isCloseTo(0.055f, within(1e-8f));       // cos(π/2) = 0: half-way between α and the floor
        assertThat(s.rate(100)).isCloseTo(0.0100222f, within(1e-8f));  // 0.01 + 0.09 · (1 + cos(0.99π)) / 2
    }

    @Test
    void linearHoldsAlphaThenFallsInAStraightLineToTheFloor() {
        Schedule s = create(ScheduleSpec.linear().with(Setting.MIN_LR, 0.01).with(Setting.HOLD, 5));  // 50 updates at α
        assertThat(s.rate(1)).isEqualTo(0.1f);
        assertThat(s.rate(50)).isEqualTo(0.1f);                         // the hold's last update
        assertThat(s.rate(51)).isCloseTo(0.1f, within(1e-8f));         // the decay's first: 0.01 + 0.09 · 50/50
        assertThat(s.rate(76)).isCloseTo(0.055f, within(1e-8f));       // half-way: 0.01 + 0.09 · 25/50
        assertThat(s.rate(100)).isCloseTo(0.0118f, within(1e-8f));     // 0.01 + 0.09 · 1/50
        Schedule straight = create(ScheduleSpec.linear());              // no hold, to 0: α · (101 - t) / 100
        assertThat(straight.rate(1)).isEqualTo(0.1f);
        assertThat(straight.rate(51)).isCloseTo(0.05f, within(1e-9f));
        assertThat(straight.rate(100)).isCloseTo(0.001f, within(1e-10f));
        assertThat(straight.state()).isEmpty();
    }

    @Test
    void linearHoldCountsFromTheEndOfTheWarmup() {
        Schedule s = create(ScheduleSpec.linear().with(Setting.MIN_LR, 0.01).with(Setting.HOLD, 5).with(Setting.WARMUP, 2));
        assertThat(s.rate(10)).isCloseTo(0.05f, within(1e-9f));        // warming up: α · 10/20
        assertThat(s.rate(70)).isEqualTo(0.1f);                         // 20 + 50: the hold's last update
        assertThat(s.rate(86)).isCloseTo(0.055f, within(1e-8f));       // its 66th update of 80: 0.01 + 0.09 · (80 - 66 + 1)/30
        assertThat(s.rate(100)).isCloseTo(0.013f, within(1e-8f));      // 0.01 + 0.09 · 1/30
    }

    @Test
    void warmupClimbsLinearlyThenTheScheduleRunsOverTheRest() {
        Schedule s = create(ScheduleSpec.cosine().with(Setting.MIN_LR, 0.01).with(Setting.WARMUP, 2));  // 20 updates
        assertThat(s.rate(1)).isCloseTo(0.005f, within(1e-9f));        // α · 1/20
        assertThat(s.rate(10)).isCloseTo(0.05f, within(1e-9f));        // α · 10/20
        assertThat(s.rate(20)).isCloseTo(0.1f, within(1e-9f));         // the end of the warm-up: α
        assertThat(s.rate(21)).isCloseTo(0.1f, within(1e-8f));         // the cosine's first update
        assertThat(s.rate(61)).isCloseTo(0.055f, within(1e-8f));       // its middle: 40 of its 80 updates
        assertThat(s.rate(100)).isCloseTo(0.0100347f, within(1e-8f));  // 0.01 + 0.09 · (1 + cos(79π/80)) / 2
    }

    @Test
    void aFractionalWarmupRoundsToUpdatesAndIsAtLeastOne() {
        assertThat(ScheduleSpec.constant().with(Setting.WARMUP, 0.25).warmupSteps(PER_EPOCH)).isEqualTo(3);  // 2.5 rounds up
        assertThat(ScheduleSpec.constant().with(Setting.WARMUP, 0.001).warmupSteps(PER_EPOCH)).isEqualTo(1);
        Schedule s = create(ScheduleSpec.constant().with(Setting.WARMUP, 0.25));
        assertThat(s.rate(1)).isCloseTo(0.0333333f, within(1e-7f));
        assertThat(s.rate(3)).isEqualTo(0.1f);
        assertThat(s.rate(4)).isEqualTo(0.1f);
    }

    @Test
    void oneCycleRisesFallsAndAnnihilates() {
        Schedule s = create(ScheduleSpec.oneCycle());  // α_low = 0.01, α_end = 0.0001; up over 45 updates, down over 45
        assertThat(s.rate(1)).isCloseTo(0.01f, within(1e-9f));         // p = 0
        assertThat(s.rate(23)).isCloseTo(0.054f, within(1e-8f));       // p = 0.22: 0.01 + 0.09 · 0.22 / 0.45
        assertThat(s.rate(46)).isCloseTo(0.1f, within(1e-8f));         // p = 0.45: the peak, α
        assertThat(s.rate(68)).isCloseTo(0.056f, within(1e-8f));       // p = 0.67: 0.1 - 0.09 · 0.22 / 0.45
        assertThat(s.rate(91)).isCloseTo(0.01f, within(1e-8f));        // p = 0.9: back at α_low
        assertThat(s.rate(100)).isCloseTo(0.00109f, within(1e-9f));    // p = 0.99: 0.01 - 0.0099 · 0.09 / 0.1
    }

    @Test
    void oneCycleCyclesTheMomentumAgainstTheRateWhenAskedAndElseLeavesItAlone() {
        Schedule plain = create(ScheduleSpec.oneCycle());
        assertThat(plain.cyclesMomentum()).isFalse();
        assertThat(plain.momentum(46, 0.95f)).isEqualTo(0.95f);
        Schedule s = create(ScheduleSpec.oneCycle().with(Setting.CYCLE_MOMENTUM, 0.85));  // from μ = 0.95 down to 0.85 and back
        assertThat(s.cyclesMomentum()).isTrue();
        assertThat(s.momentum(1, 0.95f)).isEqualTo(0.95f);                    // p = 0: the optimiser's own
        assertThat(s.momentum(23, 0.95f)).isCloseTo(0.9011111f, within(1e-7f)); // p = 0.22: 0.95 - 0.1 · 0.22 / 0.45
        assertThat(s.momentum(46, 0.95f)).isCloseTo(0.85f, within(1e-7f));     // p = 0.45: the peak rate, the lowest momentum
        assertThat(s.momentum(68, 0.95f)).isCloseTo(0.8988889f, within(1e-7f)); // p = 0.67: 0.85 + 0.1 · 0.22 / 0.45
        assertThat(s.momentum(91, 0.95f)).isEqualTo(0.95f);                    // p = 0.9: back, and held while the rate annihilates
        assertThat(s.momentum(100, 0.95f)).isEqualTo(0.95f);
        assertThat(s.rate(46)).isEqualTo(plain.rate(46));                      // the rates are those of the plain cycle
        // After a warm-up of 1 epoch (10 updates) the cycle runs over the 90 that remain, counted from 1.
        Schedule warm = create(ScheduleSpec.oneCycle().with(Setting.WARMUP, 1).with(Setting.CYCLE_MOMENTUM, 0.85));
        assertThat(warm.cyclesMomentum()).isTrue();
        assertThat(warm.momentum(5, 0.95f)).isEqualTo(0.95f);
        assertThat(warm.momentum(10 + 41, 0.95f)).isCloseTo(0.8512346f, within(1e-6f));  // p = 40 / 90: 0.95 - 0.1 · 0.444 / 0.45
    }

    @Test
    void plateauReducesAfterExactlyPatienceEpochsWithoutANewLowestLoss() {
        Schedule s = create(ScheduleSpec.plateau());  // patience 2, factor 0.1
        assertThat(s.watchesValidation()).isTrue();
        s.epochEnded(1.0);   // the first epoch sets the best
        s.epochEnded(0.9);   // better
        s.epochEnded(0.95);  // one epoch without improvement: not yet
        assertThat(s.rate(31)).isEqualTo(0.1f);
        s.epochEnded(0.92);  // the second: reduced
        assertThat(s.rate(41)).isCloseTo(0.01f, within(1e-9f));
        s.epochEnded(0.85);  // a new best resets the count
        s.epochEnded(0.86);
        assertThat(s.rate(61)).isCloseTo(0.01f, within(1e-9f));
        s.epochEnded(0.85);  // equal to the best is no improvement
        assertThat(s.rate(71)).isCloseTo(0.001f, within(1e-10f));
        s.epochEnded(Double.NaN);  // nor is NaN
        s.epochEnded(0.84);
        assertThat(s.rate(91)).isCloseTo(0.001f, within(1e-10f));
        assertThat(s.state()).isEqualTo(Map.of("best_loss", 0.84, "bad_epochs", 0.0, "reductions", 2.0));
    }

    @Test
    void plateauStateRestoresIntoANewSchedule() {
        Schedule first = create(ScheduleSpec.plateau().with(Setting.PATIENCE, 3).with(Setting.FACTOR, 0.5));
        for (double loss : new double[] {1.0, 1.1, 1.2}) first.epochEnded(loss);
        Schedule second = create(ScheduleSpec.plateau().with(Setting.PATIENCE, 3).with(Setting.FACTOR, 0.5));
        second.restore(first.state());
        assertThat(second.state()).isEqualTo(first.state());
        second.epochEnded(1.3);  // the third bad epoch counted across the restore
        assertThat(second.rate(50)).isEqualTo(0.05f);
        assertThatThrownBy(() -> create(ScheduleSpec.cosine()).restore(first.state())).isInstanceOf(IllegalArgumentException.class);
        // Before the first epoch's end the best loss is +∞, which a checkpoint's strict JSON holds as null and reads back as NaN.
        Schedule fresh = create(ScheduleSpec.plateau());
        fresh.restore(Map.of("best_loss", Double.NaN, "bad_epochs", 0.0, "reductions", 0.0));
        assertThat(fresh.state()).isEqualTo(create(ScheduleSpec.plateau()).state());
        fresh.epochEnded(2.0);  // a first loss is a new best, as in a run never stopped
        assertThat(fresh.state()).containsEntry("best_loss", 2.0).containsEntry("bad_epochs", 0.0);
        for (Map<String, Double> bad : List.of(Map.of("best_loss", 1.0, "bad_epochs", 0.0, "reductions", -1.0),
                Map.of("best_loss", 1.0, "bad_epochs", 2.0, "reductions", 0.0), Map.of("best_loss", 1.0, "bad_epochs", 0.5, "reductions", 0.0))) {
            assertThatThrownBy(() -> create(ScheduleSpec.plateau()).restore(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void settingsAreReachedByNameAndRefusedWhereTheScheduleDoesNotUseThem() {
        assertThat(ScheduleSpec.parse(" One-Cycle ")).isEqualTo(ScheduleSpec.oneCycle());
        assertThat(ScheduleSpec.NAMES).allSatisfy(name -> assertThat(ScheduleSpec.parse(name).name()).isEqualTo(name));
        assertThat(ScheduleSpec.step().with(Setting.STEP_SIZE, 2).with(Setting.GAMMA, 0.5).describe())
                .isEqualTo("step(step_size=2, gamma=0.5)");
        assertThat(ScheduleSpec.cosine().with(Setting.WARMUP, 0.5).describe()).isEqualTo("cosine(min_lr=0.0, warmup=0.5)");
        assertThat(ScheduleSpec.oneCycle().describe()).isEqualTo("onecycle");
        assertThat(ScheduleSpec.linear().with(Setting.HOLD, 100).describe()).isEqualTo("linear(min_lr=0.0, hold=100)");
        assertThatThrownBy(() -> ScheduleSpec.cosine().with(Setting.HOLD, 3)).isInstanceOf(UserException.class)
                .hasMessage("hold does not apply to the cosine schedule: it is a setting of linear");
        assertThatThrownBy(() -> ScheduleSpec.linear().with(Setting.HOLD, -1)).hasMessage("hold must be a number of epochs of at least 0, got -1.0");
        assertThatThrownBy(() -> ScheduleSpec.parse("triangle")).isInstanceOf(UserException.class)
                .hasMessage("unknown schedule 'triangle': use constant, step, exponential, cosine, linear, onecycle or plateau");
        assertThatThrownBy(() -> ScheduleSpec.cosine().with(Setting.GAMMA, 0.5)).isInstanceOf(UserException.class)
                .hasMessage("gamma does not apply to the cosine schedule: it is a setting of step and exponential");
        assertThatThrownBy(() -> ScheduleSpec.step().with(Setting.STEP_SIZE, 1.5))
                .hasMessage("step_size must be a whole number of epochs from 1, got 1.5");
        assertThatThrownBy(() -> ScheduleSpec.plateau().with(Setting.FACTOR, 1)).hasMessage("plateau_factor must be above 0 and below 1, got 1.0");
        assertThat(ScheduleSpec.oneCycle().with(Setting.CYCLE_MOMENTUM, 0.85).describe()).isEqualTo("onecycle(cycle_momentum=0.85)");
        assertThatThrownBy(() -> ScheduleSpec.cosine().with(Setting.CYCLE_MOMENTUM, 0.85))
                .hasMessage("cycle_momentum does not apply to the cosine schedule: it is a setting of onecycle");
        assertThatThrownBy(() -> ScheduleSpec.oneCycle().with(Setting.CYCLE_MOMENTUM, 1))
                .hasMessage("cycle_momentum must be above 0 and below 1 (the momentum at the peak rate), got 1.0");
        assertThatThrownBy(() -> ScheduleSpec.oneCycle().with(Setting.CYCLE_MOMENTUM, 0))
                .hasMessage("cycle_momentum must be above 0 and below 1 (the momentum at the peak rate), got 0");
    }

    @Test
    void aWarmupAsLongAsTheRunOrAFloorAboveAlphaIsRefused() {
        assertThatThrownBy(() -> create(ScheduleSpec.constant().with(Setting.WARMUP, 10))).isInstanceOf(UserException.class)
                .hasMessage("a 10-epoch warm-up (100 updates) leaves nothing of the run's 100 updates to schedule;"
                        + " use a shorter warm-up or a longer run");
        assertThatThrownBy(() -> create(ScheduleSpec.cosine().with(Setting.MIN_LR, 0.5))).isInstanceOf(UserException.class)
                .hasMessageContaining("floor min_lr 0.5 is above the learning rate 0.1");
        assertThatThrownBy(() -> create(ScheduleSpec.linear().with(Setting.HOLD, 8).with(Setting.WARMUP, 2))).isInstanceOf(UserException.class)
                .hasMessage("a hold of 8 epochs (80 updates) leaves nothing of the run's 80 updates after its warm-up to decay;"
                        + " use a shorter hold or a longer run");
    }

    /** Checkpoints compare this text to know their run: a schedule's must read as it did before the hold existed. */
    @Test
    void theTextCheckpointsCompareIsUnchangedForTheSchedulesThatHaveNoHold() {
        assertThat(ScheduleSpec.cosine().with(Setting.WARMUP, 1).toString()).isEqualTo("ScheduleSpec[name=cosine, warmupEpochs=1.0,"
                + " stepSize=0, gamma=0.0, minLearningRate=0.0, patience=0, factor=0.0]");
        assertThat(ScheduleSpec.linear().with(Setting.HOLD, 100).toString()).isEqualTo("ScheduleSpec[name=linear, warmupEpochs=0.0,"
                + " stepSize=0, gamma=0.0, minLearningRate=0.0, patience=0, factor=0.0, holdEpochs=100.0]");
    }
}
