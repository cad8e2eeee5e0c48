package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Early stopping's judgement on scripted validation sequences, with no network: which epoch is
 * best and after which epoch the patience runs out, for improving, flat and worsening runs, the
 * two directions (the loss falls, the accuracy rises) and the min delta.
 */
class BestEpochTest {

    /** What judging a whole sequence ends with: the best epoch and the epoch at which the run would stop (0: never). */
    record Verdict(int best, int stoppedAfter, List<Integer> improvedAt) {}

    /** Judges one value per epoch as the monitored quantity (the other figure is NaN, as the monitor never reads it). */
    private static Verdict judge(EarlyStopping rule, double... values) {
        BestEpoch judge = new BestEpoch(rule);
        List<Integer> improved = new ArrayList<>();
        for (int e = 1; e <= values.length; e++) {
            boolean better = rule.monitor() == Monitor.VAL_LOSS ? judge.judge(e, values[e - 1], Double.NaN)
                    : judge.judge(e, Double.NaN, values[e - 1]);
            if (better) improved.add(e);
            if (judge.patienceRanOut()) return new Verdict(judge.epoch(), e, improved);
        }
        return new Verdict(judge.epoch(), 0, improved);
    }

    private static final EarlyStopping LOSS = EarlyStopping.DEFAULT;
    private static final EarlyStopping ACCURACY = EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY);

    @Test
    void anImprovingRunImprovesEveryEpochAndNeverStops() {
        assertThat(judge(LOSS.withPatience(1), 0.9, 0.7, 0.5, 0.4)).isEqualTo(new Verdict(4, 0, List.of(1, 2, 3, 4)));
    }

    @Test
    void aPlateauStopsOncePatienceEpochsInARowFailedToImprove() {
        assertThat(judge(LOSS.withPatience(2), 0.9, 0.5, 0.5, 0.5, 0.5)).isEqualTo(new Verdict(2, 4, List.of(1, 2)));
        assertThat(judge(LOSS.withPatience(3), 0.9, 0.5, 0.5, 0.5, 0.5)).isEqualTo(new Verdict(2, 5, List.of(1, 2)));
    }

    @Test
    void aWorseningRunKeepsItsFirstEpochAsTheBest() {
        assertThat(judge(LOSS.withPatience(2), 0.3, 0.4, 0.5, 0.6)).isEqualTo(new Verdict(1, 3, List.of(1)));
    }

    @Test
    void anImprovementResetsThePatience() {
        // Two bad epochs, a new best at 4, then two more bad ones: patience 3 never runs out.
        assertThat(judge(LOSS.withPatience(3), 0.5, 0.6, 0.7, 0.4, 0.45, 0.41)).isEqualTo(new Verdict(4, 0, List.of(1, 4)));
    }

    @Test
    void theLossIsMinimisedAndTheAccuracyMaximised() {
        double[] values = {0.90, 0.95, 0.93, 0.96, 0.80};
        assertThat(judge(ACCURACY, values).best()).isEqualTo(4);
        assertThat(judge(LOSS, values).best()).isEqualTo(5);
        assertThat(judge(ACCURACY.withPatience(1), 0.90, 0.95, 0.93)).isEqualTo(new Verdict(2, 3, List.of(1, 2)));
        assertThat(judge(LOSS.withPatience(1), 0.90, 0.95, 0.93)).isEqualTo(new Verdict(1, 2, List.of(1)));
    }

    @Test
    void aChangeNoLargerThanMinDeltaIsNoImprovement() {
        EarlyStopping loss = LOSS.withMinDelta(0.01).withPatience(3);
        // 0.995 and 0.992 are within 0.01 of 1.0; 0.985 is beyond it.
        assertThat(judge(loss, 1.0, 0.995, 0.992, 0.985)).isEqualTo(new Verdict(4, 0, List.of(1, 4)));
        assertThat(judge(loss, 1.0, 0.995, 0.9925, 0.991)).isEqualTo(new Verdict(1, 4, List.of(1)));
        EarlyStopping accuracy = ACCURACY.withMinDelta(0.005);
        assertThat(judge(accuracy, 0.900, 0.904, 0.906).improvedAt()).containsExactly(1, 3);
        assertThat(judge(ACCURACY, 0.900, 0.904, 0.906).improvedAt()).containsExactly(1, 2, 3);
    }

    @Test
    void theFirstEpochIsAlwaysJudgedAndNaNNeverImproves() {
        // No epoch 0 can be "best" (DL4J's early stopping picked epoch 0): the first finite value is.
        assertThat(judge(LOSS, 2.3).best()).isEqualTo(1);
        assertThat(judge(LOSS, Double.NaN, 2.0, Double.NaN)).isEqualTo(new Verdict(2, 0, List.of(2)));
        BestEpoch none = new BestEpoch(LOSS);
        assertThat(none.epoch()).isZero();
        assertThat(none.patienceRanOut()).isFalse();
    }

    @Test
    void withoutPatienceTheRunNeverStops() {
        assertThat(judge(LOSS, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)).isEqualTo(new Verdict(1, 0, List.of(1)));
    }

    @Test
    void theJudgementResumesFromItsState() {
        BestEpoch first = new BestEpoch(LOSS.withPatience(2));
        first.judge(1, 0.5, 0.8);
        first.judge(2, 0.6, 0.8);
        BestEpoch resumed = new BestEpoch(LOSS.withPatience(2), first.state());
        assertThat(resumed.judge(3, 0.7, 0.8)).isFalse();
        assertThat(resumed.patienceRanOut()).isTrue();
        assertThat(resumed.state()).isEqualTo(new BestEpoch.State(1, 0.5, 0.8, 2));
    }
}
