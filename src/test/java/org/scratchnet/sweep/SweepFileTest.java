package org.scratchnet.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.ExperimentFile;

/**
 * Sweep files against what they declare: a grid is every combination in the file's order, each
 * trial the recipe the experiment-file reader makes of the base with its values; random draws are
 * the same for the same seed, inside their ranges and rounded as promised; a result file survives
 * a round trip and a cut-short one counts as not run; the best recipe reads back as an experiment
 * file with the very recipe the trial ran; the job scripts' ranges and quoting.
 */
class SweepFileTest {
    static final String BASE = "base: {layers: [784, 32, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 64, epochs: 1}\n";

    @Test
    void aGridIsEveryCombinationFirstFieldSlowestEachReadAsAnExperimentRecipe() {
        Sweep s = SweepFile.parse("name: g\n" + BASE + "grid:\n  learning_rate: [0.001, 0.003, 0.01]\n  layers: [[784, 16, 10], [784, 64, 10]]\n", "g.yaml");
        assertThat(s.search()).isEqualTo(Sweep.Search.GRID);
        assertThat(s.trials()).hasSize(6);
        List<String> order = s.trials().stream().map(Trial::describe).toList();
        assertThat(order).containsExactly(
                "learning_rate 0.001, layers [784, 16, 10]", "learning_rate 0.001, layers [784, 64, 10]",
                "learning_rate 0.003, layers [784, 16, 10]", "learning_rate 0.003, layers [784, 64, 10]",
                "learning_rate 0.01, layers [784, 16, 10]", "learning_rate 0.01, layers [784, 64, 10]");
        assertThat(s.varied()).as("0.001 to 0.01: a decade, drawn on a log axis").containsExactly(new Sweep.Varied("learning_rate", Sweep.Scale.LOG),
                new Sweep.Varied("layers", Sweep.Scale.CATEGORY));
        for (Trial t : s.trials()) {
            assertThat(t.index()).isEqualTo(s.trials().indexOf(t));
            assertThat(t.recipe()).isEqualTo(ExperimentFile.recipe(new LinkedHashMap<>(t.fields()), "x", ""));
            assertThat(t.fields().keySet()).containsExactly("layers", "init", "optimizer", "learning_rate", "batch", "epochs");
        }
        assertThat(s.trials().get(3).recipe().architecture().sizesText()).isEqualTo("784-64-10");
        assertThat(s.trials().get(3).recipe().training().optimizer().learningRate()).isEqualTo(0.003f);
        assertThat(s.seed()).isEqualTo(42);
    }

    @Test
    void theExampleSweepFileReads() {
        Sweep s = SweepFile.read(Path.of("experiments/sweeps/lr-width.yaml"));
        assertThat(s.name()).isEqualTo("lr-width");
        assertThat(s.trials()).hasSize(6);
        assertThat(s.trainImages()).isEqualTo(10_000);
    }

    @Test
    void randomDrawsAreTheSameForASeedInsideTheirRangesAndRounded() {
        String file = "name: r\nseed: 5\n" + BASE + "random:\n  samples: 200\n  seed: 9\n  space:\n"
                + "    learning_rate: {log_uniform: [1e-4, 0.1]}\n    dropout: {uniform: [0, 0.5]}\n"
                + "    epochs: {int_uniform: [1, 3]}\n    batch: [32, 64]\n";
        Sweep a = SweepFile.parse(file, "r.yaml");
        Sweep b = SweepFile.parse(file, "r.yaml");
        Sweep other = SweepFile.parse(file.replace("seed: 9", "seed: 10"), "r.yaml");
        assertThat(a.trials()).hasSize(200);
        assertThat(a.trials().stream().map(Trial::values).toList()).isEqualTo(b.trials().stream().map(Trial::values).toList())
                .isNotEqualTo(other.trials().stream().map(Trial::values).toList());
        assertThat(a.varied()).extracting(Sweep.Varied::scale)
                .containsExactly(Sweep.Scale.LOG, Sweep.Scale.LINEAR, Sweep.Scale.LINEAR, Sweep.Scale.LINEAR);
        int belowOneThousandth = 0;
        java.util.Set<Object> epochs = new java.util.HashSet<>();
        for (Trial t : a.trials()) {
            double lr = (Double) t.values().get("learning_rate");
            double dropout = (Double) t.values().get("dropout");
            assertThat(lr).isBetween(1e-4, 0.1);
            assertThat(dropout).isBetween(0.0, 0.5);
            assertThat(new java.math.BigDecimal(Double.toString(lr)).stripTrailingZeros().precision()).isLessThanOrEqualTo(3);
            assertThat(t.values().get("batch")).isIn(32, 64);
            epochs.add(t.values().get("epochs"));
            if (lr < 1e-3) belowOneThousandth++;
            assertThat(t.recipe().training().optimizer().learningRate()).isEqualTo((float) lr);
        }
        assertThat(epochs).containsExactlyInAnyOrder(1, 2, 3);
        // Log-uniform over three decades: a third of the draws in the first one (200 draws: 67 expected).
        assertThat(belowOneThousandth).isBetween(45, 90);
        assertThat(a.seed()).isEqualTo(5);
    }

    @Test
    void aRandomSearchNeverDrawsTheSameTrialTwiceAndRefusesMoreSamplesThanItsSpaceHolds() {
        // Six combinations and six samples: drawn independently, six would almost surely repeat one (1 - 6!/6^6 = 98%).
        String file = "name: r\n" + BASE + "random:\n  samples: 6\n  seed: 3\n  space:\n"
                + "    epochs: {int_uniform: [1, 3]}\n    batch: [32, 64, 32]\n";
        Sweep s = SweepFile.parse(file, "r.yaml");
        assertThat(s.trials().stream().map(Trial::values).distinct()).hasSize(6);
        assertThatThrownBy(() -> SweepFile.parse(file.replace("samples: 6", "samples: 7"), "r.yaml"))
                .hasMessage("r.yaml: random.samples is 7, but the space holds only 6 different combinations: ask for at most 6,"
                        + " or search them all with grid");
        // A real range rounded to three digits holds few values when it is narrow: the search says so rather than loop.
        assertThatThrownBy(() -> SweepFile.parse("name: r\n" + BASE + "random: {samples: 50, space: {dropout: {uniform: [0.1, 0.104]}}}\n",
                "r.yaml")).hasMessage("r.yaml: random.samples is 50, but only 5 different combinations came out of 10,006 draws:"
                        + " widen the space or ask for fewer");
    }

    @Test
    void aResultFileSurvivesARoundTripAndACutShortOneIsNotARun(@TempDir Path dir) throws Exception {
        Sweep s = SweepFile.parse("name: g\n" + BASE + "grid: {learning_rate: [0.001, 0.003]}\n", "g.yaml");
        Trial t = s.trials().get(1);
        List<Map<String, Object>> history = new ArrayList<>();
        history.add(new LinkedHashMap<>(Map.of("epoch", 1, "validation_accuracy", 0.5)));
        TrialResult r = new TrialResult(s.name(), s.title(), 1, 2, "grid", s.varied(), t.values(), t.fields(), 42, "MNIST", 90, 10,
                TrialResult.plan(s, t, "MNIST"), TrialResult.FINISHED, 0.9, 0.3, 0.95, 1, null, 1.5, null, history);
        r.write(dir);
        Path file = TrialResult.file(dir, 1);
        assertThat(file.getFileName().toString()).isEqualTo("trial-0001.json");
        TrialResult back = TrialResult.read(file);
        assertThat(back).isEqualTo(r);
        assertThat(back.plan()).isEqualTo(TrialResult.plan(s, t, "MNIST")).isNotEqualTo(TrialResult.plan(s, t, "other data"));

        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 40));
        assertThat(TrialResult.read(file)).as("cut short").isNull();
        Files.writeString(file, new String(whole).replace("\"complete\": true", "\"complete\": false"));
        assertThat(TrialResult.read(file)).as("not complete").isNull();
        Files.write(TrialResult.file(dir, 0), whole);
        assertThat(TrialResult.read(TrialResult.file(dir, 0))).as("another trial's content under this name").isNull();
    }

    @Test
    void theBestRecipeReadsBackAsAnExperimentWithTheTrialsRecipe(@TempDir Path dir) throws Exception {
        Sweep s = SweepFile.parse("name: g\n" + BASE + "grid:\n  learning_rate: [0.00012, 0.003]\n  dropout: [0.25]\n"
                + "  layers: [[784, 64, 32, 10]]\n  optimizer: [adamw]\n", "g.yaml");
        Trial t = s.trials().get(0);
        TrialResult r = new TrialResult(s.name(), "A title: with a colon", 0, 2, "grid", s.varied(), t.values(), t.fields(), 7,
                "MNIST", 90, 10, "plan", TrialResult.FINISHED, 0.9, 0.3, 0.95, 1, null, 1.5, null, List.of());
        Path file = dir.resolve(BestRecipe.FILE);
        Files.writeString(file, BestRecipe.yaml(r));
        Experiment e = ExperimentFile.read(file);
        assertThat(e.name()).isEqualTo("g-best");
        assertThat(e.seeds()).containsExactly(7L);
        assertThat(e.recipes()).hasSize(1);
        assertThat(e.recipes().get(0).recipe()).isEqualTo(t.recipe());
    }

    @Test
    void inputDropoutIsASettingASweepVaries() {
        Sweep s = SweepFile.parse("name: g\n" + BASE + "grid:\n  input_dropout: [0, 0.2]\n", "g.yaml");
        assertThat(s.trials()).extracting(t -> t.recipe().architecture().inputDropout()).containsExactly(0f, 0.2f);
        Sweep r = SweepFile.parse("name: r\n" + BASE + "random: {samples: 5, space: {input_dropout: {uniform: [0.1, 0.3]}}}\n", "r.yaml");
        for (Trial t : r.trials()) assertThat(t.recipe().architecture().inputDropout()).isBetween(0.1f, 0.3f);
        assertThatThrownBy(() -> SweepFile.parse("name: g\n" + BASE + "grid: {input_dropout: [0.2, 1]}\n", "g.yaml"))
                .hasMessage("g.yaml: trial 1 (input_dropout 1): input_dropout is a rate in [0, 1), got 1.0");
    }

    @Test
    void badFilesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SweepFile.parse("name: g\n" + BASE + "grid: {learning_rate: [0.1, -1]}\n", "g.yaml"))
                .hasMessage("g.yaml: trial 1 (learning_rate -1): learning_rate must be a positive number, got -1.0");
        assertThatThrownBy(() -> SweepFile.parse("name: g\n" + BASE + "random: {samples: 3, space: {dropout: {uniform: [0.5, 0.1]}}}\n", "g.yaml"))
                .hasMessageStartingWith("g.yaml: random.space.dropout.uniform must be a range [low, high] with low < high");
        assertThatThrownBy(() -> SweepFile.parse("name: g\n" + BASE + "grid: {learning_rate: [0.1]}\nrandom: {samples: 1}\n", "g.yaml"))
                .hasMessageContaining("cannot both be given");
        assertThatThrownBy(() -> SweepFile.parse("name: g\n" + BASE, "g.yaml")).hasMessageContaining("give the values to vary");
    }

    @Test
    void jobScriptsListTheTrialsAsRangesAndQuoteWhatTheShellWouldSplit() {
        assertThat(JobScripts.ranges(List.of(7, 0, 1, 2, 3, 5, 8, 9))).isEqualTo("0-3,5,7-9");
        assertThat(JobScripts.ranges(List.of(4))).isEqualTo("4");
        assertThat(JobScripts.shellWord("/data/mnist")).isEqualTo("/data/mnist");
        assertThat(JobScripts.shellWord("my sweep's dir")).isEqualTo("'my sweep'\\''s dir'");
        assertThat(JobScripts.shell(List.of("java", "--trial", "N", "a b"), "N")).isEqualTo("java --trial \"${SLURM_ARRAY_TASK_ID}\" 'a b'");
    }
}
