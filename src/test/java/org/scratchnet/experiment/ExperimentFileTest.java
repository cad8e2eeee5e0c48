package org.scratchnet.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.config.Recipe;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.EarlyStopping;
import org.scratchnet.train.Keep;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Length;
import org.scratchnet.train.Monitor;
import org.scratchnet.train.Recording;

class ExperimentFileTest {

    private static final String VALID = """
            name: tiny
            title: A tiny experiment
            paper:
              figure: 9
              train_accuracy: 85
              test_accuracy: 84.5
            seeds: [1, 2]
            recipes:
              as_described:
                layers: [784, 10, 10]
                activation: relu
                init: random
                optimizer: gd
                learning_rate: 0.1
                batch: full
                iterations: 500
              done_right:
                layers: [784, 32, 16, 10]
                activation: [tanh, sigmoid]
                dropout: [0.2, 0]
                init: xavier
                optimizer: adam
                learning_rate: 0.001
                batch: 128
                epochs: 3
                record_every: 7
            choices: We chose.
            explanation: |
              Because.
            """;

    @Test
    void readsEveryField() {
        Experiment e = ExperimentFile.parse(VALID, "tiny.yaml");
        assertThat(e.name()).isEqualTo("tiny");
        assertThat(e.paper().figure()).isEqualTo(9);
        assertThat(e.paper().trainAccuracy()).isEqualTo(85.0);
        assertThat(e.paper().testAccuracy()).isEqualTo(84.5);
        assertThat(e.seeds()).containsExactly(1L, 2L);
        assertThat(e.recipes()).extracting(Experiment.NamedRecipe::key).containsExactly("as_described", "done_right");
        assertThat(e.description()).isEmpty();
        assertThat(e.compareWith()).isEmpty();
        Recipe a = e.recipe("as_described").recipe();
        assertThat(a.architecture().sizes()).containsExactly(784, 10, 10);
        assertThat(a.training().fullBatch()).isTrue();
        assertThat(a.training().length()).isEqualTo(Length.iterations(500));
        assertThat(a.training().optimizer()).isEqualTo(OptimizerSpec.gd(0.1f));
        assertThat(a.training().recording()).isEqualTo(Recording.aboutPoints(50));  // the default: about 50 curve points
        assertThat(a.init()).isEqualTo(Initializer.RANDOM);
        Recipe d = e.recipe("done_right").recipe();
        assertThat(d.architecture().activations()).containsExactly(Activation.TANH, Activation.SIGMOID);
        assertThat(d.architecture().dropout()).containsExactly(0.2f, 0f);
        assertThat(d.training().batchSize()).isEqualTo(128);
        assertThat(d.training().length()).isEqualTo(Length.epochs(3));
        assertThat(d.training().optimizer()).isEqualTo(OptimizerSpec.adam(0.001f));
        assertThat(d.training().recording()).isEqualTo(Recording.every(7));
        assertThat(e.explanation()).isEqualTo("Because.");
    }

    @Test
    void activationAndDropoutTakeOneValueForAllHiddenLayersOrOneEach() {
        Experiment e = ExperimentFile.parse(VALID.replace("activation: [tanh, sigmoid]", "activation: tanh")
                .replace("dropout: [0.2, 0]", "dropout: [0.3]"), "tiny.yaml");
        Recipe d = e.recipe("done_right").recipe();
        assertThat(d.architecture().activations()).containsExactly(Activation.TANH, Activation.TANH);
        assertThat(d.architecture().dropout()).containsExactly(0.3f, 0.3f);
        assertThat(e.recipe("as_described").recipe().architecture().dropout()).containsExactly(0f);  // the default
    }

    @Test
    void inputDropoutIsOneRateForThePixelsNoneUnlessGiven() {
        Experiment e = ExperimentFile.parse(VALID.replace("dropout: [0.2, 0]", "dropout: [0.2, 0]\n    input_dropout: 0.2"), "tiny.yaml");
        assertThat(e.recipe("done_right").recipe().architecture().inputDropout()).isEqualTo(0.2f);
        assertThat(e.recipe("as_described").recipe().architecture().inputDropout()).isZero();
        for (String bad : new String[] {"1", "-0.1", ".nan", "0.99999999"}) {
            assertError(VALID.replace("dropout: [0.2, 0]", "dropout: [0.2, 0]\n    input_dropout: " + bad),
                    "tiny.yaml: recipes.done_right.input_dropout is a rate in [0, 1), got ");
        }
    }

    @Test
    void everyPaperExperimentParsesAndIsComplete() {
        List<Experiment> all = PaperExperiments.load();
        assertThat(all).hasSize(6);
        assertThat(all).extracting(Experiment::name).doesNotHaveDuplicates();
        for (Experiment e : all) {
            assertThat(e.paper().figure()).as(e.name()).isBetween(9, 13);
            assertThat(e.seeds()).as(e.name()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(e.recipes()).extracting(Experiment.NamedRecipe::key).as(e.name()).containsExactly("as_described", "done_right");
            Recipe asDescribed = e.recipe("as_described").recipe();
            assertThat(asDescribed.training().optimizer()).as(e.name()).isEqualTo(OptimizerSpec.gd(0.1f));
            assertThat(asDescribed.training().fullBatch()).as(e.name()).isTrue();
            assertThat(e.choices()).as(e.name()).isNotBlank();
            assertThat(e.explanation()).as(e.name()).isNotBlank();
        }
        ExperimentFile.checkTogether(all);  // names distinct, every compare_with among them
    }

    @Test
    void earlyStoppingFieldsReplaceTheirDefaultsAndThePaperKeepsItsLastModels() {
        Experiment e = ExperimentFile.parse(VALID.replace("    record_every: 7\n",
                "    record_every: 7\n    keep: last\n    monitor: val_accuracy\n    patience: 3\n    min_delta: 0.01\n"), "tiny.yaml");
        assertThat(e.recipe("done_right").recipe().training().earlyStopping()).isEqualTo(EarlyStopping.DEFAULT
                .withKeep(Keep.LAST).withMonitor(Monitor.VAL_ACCURACY).withPatience(3).withMinDelta(0.01));
        assertThat(e.recipe("as_described").recipe().training().earlyStopping()).isEqualTo(EarlyStopping.DEFAULT);
        for (Experiment paper : PaperExperiments.load()) {
            for (Experiment.NamedRecipe r : paper.recipes()) {
                assertThat(r.recipe().training().earlyStopping()).as(paper.name() + " " + r.key()).isEqualTo(EarlyStopping.DEFAULT.withKeep(Keep.LAST));
            }
        }
        assertError(VALID.replace("    record_every: 7\n", "    keep: first\n"),
                "tiny.yaml: recipes.done_right.keep unknown choice 'first' for the model to keep: use best or last");
        assertError(VALID.replace("    record_every: 7\n", "    monitor: loss\n"),
                "tiny.yaml: recipes.done_right.monitor unknown monitor 'loss': use val_loss or val_accuracy");
        assertError(VALID.replace("    record_every: 7\n", "    patience: 0\n"), "tiny.yaml: recipes.done_right.patience must be a positive integer");
        assertError(VALID.replace("    record_every: 7\n", "    min_delta: -1\n"), "tiny.yaml: recipes.done_right.min_delta must be a finite number of at least 0");
    }

    @Test
    void theRepositoryCopiesAreTheBundledOnes() throws Exception {
        // The files in experiments/paper/ are what the jar bundles; reading them from disk must agree.
        for (String f : PaperExperiments.FILES) {
            Experiment fromDisk = ExperimentFile.read(Path.of("experiments/paper", f));
            assertThat(fromDisk.name()).isEqualTo(ExperimentFile.readResource(PaperExperiments.FOLDER + f).name());
        }
    }

    @Test
    void aMisspeltFieldIsNamed() {
        assertError(VALID.replace("learning_rate: 0.1", "learnig_rate: 0.1"),
                "tiny.yaml: recipes.as_described.learnig_rate is not a known field (did you mean learning_rate?); recipes.as_described takes activation, augment, batch, ");
    }

    @Test
    void badValuesNameTheirField() {
        assertError(VALID.replace("learning_rate: 0.1", "learning_rate: fast"),
                "tiny.yaml: recipes.as_described.learning_rate must be a number, got 'fast'");
        assertError(VALID.replace("learning_rate: 0.1", "learning_rate: -1"),
                "tiny.yaml: recipes.as_described.learning_rate must be a positive number, got -1.0");
        assertError(VALID.replace("init: random", "init: glorot"), "tiny.yaml: recipes.as_described.init unknown initialiser 'glorot'");
        assertError(VALID.replace("optimizer: gd", "optimizer: lbfgs"), "tiny.yaml: recipes.as_described.optimizer unknown optimizer 'lbfgs'");
        assertError(VALID.replace("batch: full", "batch: half"), "tiny.yaml: recipes.as_described.batch must be a positive integer, got 'half'");
        assertError(VALID.replace("layers: [784, 10, 10]", "layers: 784"), "tiny.yaml: recipes.as_described.layers must list the layer sizes");
        assertError(VALID.replace("dropout: [0.2, 0]", "dropout: [0.2, 0, 0.1]"),
                "tiny.yaml: recipes.done_right.dropout has 3 rates but the network has 2 hidden layers; give one rate for all or one per hidden layer");
        assertError(VALID.replace("dropout: [0.2, 0]", "dropout: 1.5"), "tiny.yaml: recipes.done_right.dropout is a rate in [0, 1), got 1.5");
        assertError(VALID.replace("activation: relu", "activation: swish"), "tiny.yaml: recipes.as_described.activation ");
        assertError(VALID.replace("activation: relu", "activation:"), "tiny.yaml: recipes.as_described.activation ");
        assertError(VALID.replace("dropout: [0.2, 0]", "dropout: [0.2, ~]"), "tiny.yaml: recipes.done_right.dropout must be a number, got nothing");
        assertError(VALID.replace("seeds: [1, 2]", "seeds: [1, 1]"), "tiny.yaml: seeds lists seed 1 twice");
        assertError(VALID.replace("seeds: [1, 2]", "seeds: []"), "tiny.yaml: seeds must be a list of one or more integers");
        assertError(VALID.replace("test_accuracy: 84.5", "test_accuracy: 184.5"), "tiny.yaml: paper.test_accuracy is a percentage");
        assertError(VALID.replace("name: tiny", "name: Tiny Net"), "tiny.yaml: name must be a short slug");
    }

    @Test
    void optimiserAndScheduleSettingsAreReachedByName() {
        Experiment e = ExperimentFile.parse(VALID.replace("""
                    optimizer: adam
                    learning_rate: 0.001
                """, """
                    optimizer: adamw
                    learning_rate: 0.001
                    beta2: 0.99
                    weight_decay: 0.0005
                    max_norm: 3
                    schedule: cosine
                    warmup: 0.5
                    min_lr: 0.00001
                """), "tiny.yaml");
        Recipe d = e.recipe("done_right").recipe();
        assertThat(d.training().optimizer()).isEqualTo(OptimizerSpec.adamw(0.001f, 0.0005f)
                .with(OptimizerSpec.Setting.BETA2, 0.99f).with(OptimizerSpec.Setting.MAX_NORM, 3f));
        assertThat(d.training().schedule()).isEqualTo(ScheduleSpec.cosine().with(ScheduleSpec.Setting.WARMUP, 0.5)
                .with(ScheduleSpec.Setting.MIN_LR, 0.00001f));
        assertThat(ExperimentFile.parse(VALID.replace("optimizer: gd", "optimizer: gd\n    schedule: linear\n    hold: 100"), "tiny.yaml")
                .recipe("as_described").recipe().training().schedule()).isEqualTo(ScheduleSpec.linear().with(ScheduleSpec.Setting.HOLD, 100));
        assertThat(ExperimentFile.parse(VALID.replace("optimizer: gd", "optimizer: nesterov\n    schedule: onecycle\n    cycle_momentum: 0.8"),
                "tiny.yaml").recipe("as_described").recipe().training().schedule())
                .isEqualTo(ScheduleSpec.oneCycle().with(ScheduleSpec.Setting.CYCLE_MOMENTUM, 0.8));
        // A recipe that names no schedule runs at a constant rate, as files did before schedules.
        assertThat(e.recipe("as_described").recipe().training().schedule()).isEqualTo(ScheduleSpec.constant());
        assertThat(ExperimentFile.parse(VALID.replace("optimizer: gd", "optimizer: nesterov\n    momentum: 0.5"), "tiny.yaml")
                .recipe("as_described").recipe().training().optimizer()).isEqualTo(OptimizerSpec.nesterov(0.1f)
                .with(OptimizerSpec.Setting.MOMENTUM, 0.5f));
    }

    @Test
    void augmentationIsReachedByNameAndCheckedLikeTheOtherSettings() {
        Experiment e = ExperimentFile.parse(VALID.replace("optimizer: adam", "optimizer: adam\n    augment: both\n    rotation: 15\n"
                + "    elastic_alpha: 30"), "tiny.yaml");
        assertThat(e.recipe("done_right").recipe().training().augmentation()).isEqualTo(AugmentationSpec.both()
                .with(AugmentationSpec.Setting.ROTATION, 15).with(AugmentationSpec.Setting.ALPHA, 30));
        assertThat(e.recipe("done_right").recipe().describe()).endsWith(", augment both(shift=2, rotation=15, scaling=0.1, shear=10,"
                + " sigma=4, alpha=30)");
        // A recipe that names no augmentation trains on the images as they are.
        assertThat(e.recipe("as_described").recipe().training().augmentation()).isEqualTo(AugmentationSpec.none());
        assertError(VALID.replace("optimizer: adam", "optimizer: adam\n    augment: affine\n    elastic_sigma: 3"),
                "tiny.yaml: recipes.done_right.elastic_sigma does not apply to augment affine: it is a setting of elastic and both");
        assertError(VALID.replace("optimizer: adam", "optimizer: adam\n    augment: elastic\n    elastic_sigma: 0"),
                "tiny.yaml: recipes.done_right.elastic_sigma must be a number above 0 and at most 14 (pixels), got 0");
        assertError(VALID.replace("optimizer: adam", "optimizer: adam\n    augment: wobbly"),
                "tiny.yaml: recipes.done_right.augment unknown augmentation 'wobbly': use none, affine, elastic or both");
    }

    @Test
    void aSettingTheOptimiserOrScheduleDoesNotUseIsRefusedByName() {
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    beta1: 0.9"),
                "tiny.yaml: recipes.as_described.beta1 does not apply to gd: it is a setting of adam and adamw");
        assertError(VALID.replace("optimizer: adam", "optimizer: adam\n    beta1: 1.5"),
                "tiny.yaml: recipes.done_right.beta1 must be at least 0 and below 1, got 1.5");
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    gamma: 0.5"),
                "tiny.yaml: recipes.as_described.gamma does not apply to the constant schedule: it is a setting of step and exponential");
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    schedule: triangle"),
                "tiny.yaml: recipes.as_described.schedule unknown schedule 'triangle'");
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    schedule: onecycle\n    cycle_momentum: 0.8"),
                "tiny.yaml: recipes.as_described.cycle_momentum cycles the optimiser's momentum, and gd has none: use momentum, nesterov, adam or adamw");
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    schedule: cosine\n    hold: 3"),
                "tiny.yaml: recipes.as_described.hold does not apply to the cosine schedule: it is a setting of linear");
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    schedule: step\n    step_size: 0.5"),
                "tiny.yaml: recipes.as_described.step_size must be a whole number of epochs from 1, got 0.5");
        assertError(VALID.replace("optimizer: gd", "optimizer: gd\n    weight_decay: fast"),
                "tiny.yaml: recipes.as_described.weight_decay must be a number, got 'fast'");
    }

    @Test
    void missingOrDoubledLengthIsAnError() {
        assertError(VALID.replace("    iterations: 500\n", ""), "tiny.yaml: recipes.as_described.iterations give exactly one of iterations");
        assertError(VALID.replace("    iterations: 500\n", "    iterations: 500\n    epochs: 2\n"),
                "tiny.yaml: recipes.as_described.iterations give exactly one of iterations");
        assertError(VALID.replace("    optimizer: gd\n", ""), "tiny.yaml: recipes.as_described.optimizer is missing");
        assertError(VALID.substring(0, VALID.indexOf("recipes:")), "tiny.yaml: recipes is missing");
    }

    @Test
    void brokenYamlIsOneLine() {
        assertThatThrownBy(() -> ExperimentFile.parse("name: [unclosed", "bad.yaml"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("bad.yaml is not valid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertError("just text", "bad.yaml: the file must be a set of 'key: value' fields");
    }

    @Test
    void numbersAndTagsYamlCannotReadAreOneLine() {
        // Found by ExperimentFileFuzzTest: YAML reads 1:30 as 90, and SnakeYAML overflowed on a huge first part.
        assertThatThrownBy(() -> ExperimentFile.parse("name: tiny\nseeds: 244444444444444444444444444:1\n", "bad.yaml"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("bad.yaml is not valid YAML: a number too large to read")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ExperimentFile.parse("name: tiny\nseeds: !!binary \"@@@@\"\n", "bad.yaml"))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("bad.yaml is not valid YAML: a tagged value cannot be read");
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> ExperimentFile.read(dir.resolve("nope.yaml")))
                .isInstanceOf(UserException.class).hasMessageContaining("nope.yaml does not exist");
    }

    @Test
    void textThatIsNotUtf8IsReportedWithItsLineColumnAndBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "name: x\ntitle: Br\u00fcnn\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ExperimentFile.read(f)).isInstanceOf(UserException.class)
                .hasMessage(f + " is not UTF-8 text: byte FC at line 2, column 10 (byte offset 17) is not valid UTF-8;"
                        + " save the file as UTF-8");
    }

    @Test
    void aFolderOrAnOversizedFileIsNotReadAsAnExperiment(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ExperimentFile.read(dir)).isInstanceOf(UserException.class)
                .hasMessageContaining("it is a folder");
        Path big = Files.write(dir.resolve("big.yaml"), new byte[(int) ExperimentFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ExperimentFile.read(big)).isInstanceOf(UserException.class)
                .hasMessageContaining("larger than 1024 KB");
    }

    @Test
    void quickKeepsOneSeedAndShortensRuns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, VALID);
        Experiment q = ExperimentFile.read(f).quick(30);
        assertThat(q.seeds()).containsExactly(1L);
        assertThat(q.recipe("as_described").recipe().training().length()).isEqualTo(Length.iterations(30));
        assertThat(q.recipe("done_right").recipe().training().length()).isEqualTo(Length.epochs(1));
        assertThat(q.recipe("done_right").recipe().training().recording()).isEqualTo(Recording.aboutPoints(50));
    }

    @Test
    void aFileOfOnesOwnNamesItsRecipesAndNeedsNoPaper() {
        Experiment e = ExperimentFile.parse("""
                name: widths
                title: How wide a hidden layer pays
                description: |
                  Three widths,
                  one optimiser.
                seeds: [4]
                recipes:
                  narrow: {layers: [784, 16, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 128, epochs: 1}
                  mid_64: {layers: [784, 64, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 128, epochs: 1}
                  wide-256: {layers: [784, 256, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 128, epochs: 1}
                """, "widths.yaml");
        assertThat(e.hasPaper()).isFalse();
        assertThat(e.paper()).isNull();
        assertThat(e.description()).isEqualTo("Three widths,\none optimiser.");
        assertThat(e.recipes()).extracting(Experiment.NamedRecipe::key).containsExactly("narrow", "mid_64", "wide-256");
        assertThat(e.recipe("mid_64").label()).isEqualTo("mid 64");
        assertThat(e.recipe("mid_64").slug()).isEqualTo("mid-64");
        assertThat(e.recipe("wide-256").recipe().architecture().sizes()).containsExactly(784, 256, 10);
        assertThat(e.choices()).isEmpty();
    }

    @Test
    void theFirstFormatWithTopLevelRecipesStillReads() {
        String legacy = VALID.replace("recipes:\n", "").replace("\n  as_described:", "\nas_described:")
                .replace("\n  done_right:", "\ndone_right:").replaceAll("\n    ", "\n  ");
        Experiment e = ExperimentFile.parse(legacy, "tiny.yaml");
        assertThat(e.recipes()).extracting(Experiment.NamedRecipe::key).containsExactly("as_described", "done_right");
        assertThat(e.recipe("done_right").recipe().training().length()).isEqualTo(Length.epochs(3));
        assertError(legacy.replace("learning_rate: 0.1\n", "learning_rate: fast\n"),
                "tiny.yaml: as_described.learning_rate must be a number, got 'fast'");
        assertError(legacy.replace("\ndone_right:", "\nrecipes: {}\ndone_right:"),
                "tiny.yaml: as_described belongs under recipes:");
    }

    @Test
    void recipeNamesAndComparisonsAreChecked() {
        assertError(VALID.replace("  done_right:", "  Done Right:"), "tiny.yaml: recipes.Done Right is not a usable recipe name");
        assertError(VALID.substring(0, VALID.indexOf("recipes:")) + "recipes: {}\n", "tiny.yaml: recipes must name at least one recipe");
        assertError(VALID.substring(0, VALID.indexOf("recipes:")) + "recipes: [a, b]\n",
                "tiny.yaml: recipes must be a set of 'key: value' fields");
        assertError(VALID + "compare_with: tiny\n", "tiny.yaml: compare_with must name another experiment");
        Experiment tiny = ExperimentFile.parse(VALID + "compare_with: base\n", "tiny.yaml");
        assertThatThrownBy(() -> ExperimentFile.checkTogether(List.of(tiny)))
                .isInstanceOf(UserException.class)
                .hasMessage("tiny.yaml: compare_with names 'base', which is not among the experiments of this run; "
                        + "run its file too, or drop compare_with");
        Experiment again = ExperimentFile.parse(VALID, "copy.yaml");
        assertThatThrownBy(() -> ExperimentFile.checkTogether(List.of(tiny, again)))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("copy.yaml: name 'tiny' is also the name of tiny.yaml");
    }

    @Test
    void aValueQuotedInAnErrorIsOneShortLine() {
        // Found by the fuzzer: a document that is one multi-line string was quoted whole, line breaks and all.
        String text = "'\\E]\\E]]\n\n\n" + "x".repeat(500) + "\n\\E]'";
        assertThatThrownBy(() -> ExperimentFile.parse(text, "bad.yaml"))
                .isInstanceOf(UserException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("\\n\\n")
                .hasMessageContaining("characters)")
                .matches(e -> e.getMessage().length() < 200, "shorter than 200 characters");
    }

    private static void assertError(String yaml, String messageStart) {
        String source = yaml.startsWith("just") || yaml.startsWith("name: [") ? "bad.yaml" : "tiny.yaml";
        assertThatThrownBy(() -> ExperimentFile.parse(yaml, source))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith(messageStart);
    }
}
