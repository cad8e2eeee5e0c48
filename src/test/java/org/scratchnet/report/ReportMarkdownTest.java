package org.scratchnet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.experiment.ExperimentResult;
import org.scratchnet.plot.TrainingCurves;

/**
 * The report rendered from hand-made results (see {@link HandMadeResults} for every input):
 * each asserted cell is worked out by hand here, so a wrong mean, a population instead of a
 * sample standard deviation, a seed-1 value passed off as a mean or a miscounted divergence fails.
 */
class ReportMarkdownTest {
    private static final List<ExperimentResult> RESULTS = HandMadeResults.all();
    private static final String MD = ReportMarkdown.render(RESULTS, null, null, HandMadeResults.context(false));

    @Test
    void theResultsTableHasAColumnPerRecipeAndNoPaperForExperimentsOfOnesOwn() {
        // plain, train 80, 82, 84: mean 82, sample sd 2; test 84.64, 85.39, 82.17: mean 84.0667, sample sd 1.6848
        // (the population sd would be 1.3757). tuned: seed 2 diverged, so over 99, 98 and 95, 97.
        assertThat(MD).contains("| Experiment | Plain | Tuned | Time per run |\n|---|---|---|---|\n");
        assertThat(MD).contains("| 1. [A toy experiment](#experiment-toy) | 82.00 ± 2.00 / 84.07 ± 1.68 | "
                + "98.50 ± 0.71 / 96.00 ± 1.41 | 25.0 s + 5.0 s |\n");
        assertThat(MD).contains("| 2. [Another toy](#experiment-toy2) | 90.00 ± 0.00 / 86.00 ± 1.00 | – | 10.0 s |\n");
        assertThat(MD).doesNotContain("Paper").doesNotContain("paper").doesNotContain("Reproducing");
    }

    @Test
    void theTitleAndIntroductionComeFromTheFiles() {
        assertThat(MD).startsWith("# Experiments: toy, toy2\n\nThis report runs 2 experiment files: A toy experiment; Another toy. "
                + "Each recipe runs once per seed");
        ReportContext one = new ReportContext(ReportIntro.of(List.of(HandMadeResults.TOY)), "c", "d", false, "data", "sw", 1);
        String md = ReportMarkdown.render(List.of(HandMadeResults.toy()), null, null, one);
        assertThat(md).startsWith("# A toy experiment\n\nWhat a toy shows. Each recipe runs once per seed");
        assertThat(md).contains("**Choices.** We chose small.").contains("**Discussion.** It is a toy.");
    }

    @Test
    void aSectionGivesMeansOfEveryColumnAndCountsDivergedRuns() {
        String plain = HandMadeResults.PLAIN.describe();
        // initial loss (2.6 + 3.6 + 3.2) / 3 = 3.13; weight std means (0.3+0.2+0.1)/3, (0.6+0.3+0.3)/3
        assertThat(MD).contains("| plain: " + plain + " | 82.00 ± 2.00 | 83.00 ± 2.00 | 84.07 ± 1.68 | 3.13 | 0.200, 0.400 | 0 of 3 | 25.0 s |\n");
        // tuned: validation 95.5, 96.5; initial loss over all three runs, the diverged one too: (2.4+2.5+2.3)/3
        assertThat(MD).contains("| tuned: " + HandMadeResults.TUNED.describe()
                + " | 98.50 ± 0.71 | 96.00 ± 0.71 | 96.00 ± 1.41 | 2.40 | 0.500, 0.500 | 1 of 3 | 5.0 s |\n");
        assertThat(MD).contains("Seed 2, tuned: the loss became NaN at iteration 3.");
    }

    @Test
    void theSeedSpreadIsComputedFromTheRuns() {
        assertThat(MD).contains("Test accuracy by seed: plain 84.64, 85.39, 82.17 (range 3.22 points); "
                + "tuned 95.00, diverged, 97.00 (range 2.00 points).");
    }

    @Test
    void aComparisonSaysHowTheDifferenceStandsAgainstTheNoise() {
        // 86.00 - 84.0667 = +1.93, between one (1.68) and two sample sds
        assertThat(MD).contains("**Compared with toy** (test accuracy, this experiment against toy): plain: 86.00 ± 1.00 "
                + "against 84.07 ± 1.68, +1.93 points (between one and two seed-to-seed standard deviations).");
    }

    @Test
    void theBestModelIsChosenByValidationAccuracyAmongRunsThatFinished() {
        BestModel best = BestModel.of(RESULTS);
        // tuned seed 3 has the highest validation accuracy (96.5); the diverged run has none
        assertThat(best.run().experiment()).isEqualTo("toy");
        assertThat(best.run().recipe()).isEqualTo("tuned");
        assertThat(best.run().seed()).isEqualTo(3);
    }

    @Test
    void theCurvesAreTheMeanOverSeedsWithAMinMaxBand() {
        Curves.Set plain = Curves.of(HandMadeResults.toy().runs().get("plain"));
        TrainingCurves.Curve validation = plain.accuracy().get(1);
        assertThat(validation.label()).isEqualTo("validation");
        assertThat(validation.x()).containsExactly(0, 10, 20);
        assertThat(validation.y()).containsExactly(new double[] {0.1, 0.6, 0.83}, within(1e-12));
        assertThat(validation.lower()).containsExactly(0.1, 0.5, 0.81);
        assertThat(validation.upper()).containsExactly(0.1, 0.7, 0.85);
        assertThat(plain.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(plain.band()).isTrue();
        // the diverged seed has no curve: two seeds are drawn
        Curves.Set tuned = Curves.of(HandMadeResults.toy().runs().get("tuned"));
        assertThat(tuned.seeds()).containsExactly(1L, 3L);
        assertThat(tuned.accuracy().get(1).y()).containsExactly(new double[] {0.1, 0.9, 0.96}, within(1e-12));
        assertThat(Report.seedsText(List.of(1L, 2L, 3L))).isEqualTo("1-3");
        assertThat(Report.seedsText(List.of(1L, 3L))).isEqualTo("1, 3");
    }

    @Test
    void aQuickRunSaysSo() {
        String quick = ReportMarkdown.render(RESULTS, null, null, HandMadeResults.context(true));
        assertThat(quick).contains("> **Quick run.**");
        assertThat(MD).doesNotContain("Quick run");
    }

    @Test
    void durationsRoundBeforeTheyChooseTheirUnit() {
        assertThat(ReportMarkdown.duration(0)).isEqualTo("0.0 s");
        assertThat(ReportMarkdown.duration(7.34)).isEqualTo("7.3 s");
        assertThat(ReportMarkdown.duration(59.94)).isEqualTo("59.9 s");
        assertThat(ReportMarkdown.duration(59.96)).isEqualTo("1 min 00 s");
        assertThat(ReportMarkdown.duration(60)).isEqualTo("1 min 00 s");
        assertThat(ReportMarkdown.duration(119.4)).isEqualTo("1 min 59 s");
        assertThat(ReportMarkdown.duration(119.6)).isEqualTo("2 min 00 s");
        assertThat(ReportMarkdown.duration(3599.6)).isEqualTo("1 h 00 min 00 s");
        assertThat(ReportMarkdown.duration(3725)).isEqualTo("1 h 02 min 05 s");
        assertThat(ReportMarkdown.duration(Double.NaN)).isEqualTo("–");
    }
}
