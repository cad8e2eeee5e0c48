package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.config.Recipe;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.EarlyStopping;
import org.scratchnet.train.Length;
import org.scratchnet.train.Monitor;
import org.scratchnet.train.TrainingConfig;
import picocli.CommandLine;

/**
 * The records' presets (issue 18): each is what its documentation in {@link Preset} and
 * docs/results.md says, field by field, and an option given beside it wins over its value.
 */
class PresetTest {

    private static Recipe recipe(String... args) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args);
        return train.recipe();
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetIsReachedByItsNameInAnyCaseAndIsWhatTrainRuns(Preset p) {
        assertThat(Preset.parse(p.id())).isSameAs(p);
        assertThat(Preset.parse(" " + p.id().toUpperCase() + " ")).isSameAs(p);
        Recipe run = recipe("--preset", p.id());
        assertThat(run.architecture()).isEqualTo(p.recipe.architecture());
        assertThat(run.init()).isEqualTo(p.recipe.init());
        TrainingConfig t = run.training(), preset = p.recipe.training();
        assertThat(t.optimizer()).isEqualTo(preset.optimizer());
        assertThat(t.schedule()).isEqualTo(preset.schedule());
        assertThat(t.batchSize()).isEqualTo(preset.batchSize());
        assertThat(t.length()).isEqualTo(preset.length());
        assertThat(t.earlyStopping()).isEqualTo(preset.earlyStopping());
        assertThat(t.augmentation()).isEqualTo(preset.augmentation());
        assertThat(p.summary).endsWith(".");
    }

    @Test
    void anUnknownPresetIsRefusedNamingEveryPreset() {
        assertThatThrownBy(() -> Preset.parse("hinton2012")).isInstanceOf(UserException.class)
                .hasMessage("unknown preset 'hinton2012': use default, paper, simard2003, srivastava2014, best, best-augmented or rasmus2015");
    }

    @Test
    void rasmus2015IsTheLadderPapersSupervisedBaselineWithBatchNormalisationAndNoise() {
        Recipe r = Preset.RASMUS2015.recipe;
        assertThat(r.architecture().sizes()).containsExactly(784, 1000, 500, 250, 250, 250, 10);
        assertThat(r.architecture().activations()).containsOnly(Activation.RELU);
        assertThat(r.architecture().dropout()).containsOnly(0f);
        assertThat(r.architecture().inputDropout()).isZero();
        assertThat(r.architecture().noise()).isEqualTo(0.3f);
        assertThat(r.architecture().batchNorm()).isTrue();
        OptimizerSpec adam = r.training().optimizer();
        assertThat(adam.name()).isEqualTo("adam");
        assertThat(adam.learningRate()).isEqualTo(0.002f);
        assertThat(adam.weightDecay()).isZero();
        assertThat(r.training().schedule()).isEqualTo(ScheduleSpec.linear().with(ScheduleSpec.Setting.HOLD, 100));  // the paper's: 100 epochs at α, then down to 0 over 50
        assertThat(r.training().batchSize()).isEqualTo(100);
        assertThat(r.training().length()).isEqualTo(Length.epochs(150));
        assertThat(r.training().augmentation().augments()).isFalse();
        assertThat(r.training().earlyStopping().monitor()).isEqualTo(Monitor.VAL_ACCURACY);
        // Options beside it win, one by one: a preset's normalisation can be switched off.
        Recipe plain = recipe("--preset", "rasmus2015", "--batch-norm=false", "--noise", "0");
        assertThat(plain.architecture().batchNorm()).isFalse();
        assertThat(plain.architecture().noise()).isZero();
        assertThat(plain.architecture().sizes()).containsExactly(784, 1000, 500, 250, 250, 250, 10);
        assertThat(recipe("--batch-norm").architecture().batchNorm()).isTrue();
        assertThat(recipe().architecture().batchNorm()).isFalse();
    }

    @Test
    void simard2003IsAnEightHundredUnitNetworkOnThePapersElasticDistortionsWithoutMomentum() {
        Recipe r = Preset.SIMARD2003.recipe;
        assertThat(r.architecture().sizes()).containsExactly(784, 800, 10);
        assertThat(r.architecture().activations()).containsExactly(Activation.RELU);
        assertThat(r.architecture().dropout()).containsExactly(0f);
        assertThat(r.init()).isEqualTo(Initializer.KAIMING);
        AugmentationSpec elastic = r.training().augmentation();
        assertThat(elastic.name()).isEqualTo("elastic");
        assertThat(elastic.sigma()).isEqualTo(4f);  // the paper's σ and α
        assertThat(elastic.alpha()).isEqualTo(34f);
        OptimizerSpec sgd = r.training().optimizer();
        assertThat(sgd.name()).isEqualTo("sgd");
        assertThat(sgd.learningRate()).isEqualTo(0.1f);
        assertThat(sgd.momentum()).isZero();
        assertThat(sgd.weightDecay()).isZero();
        assertThat(r.training().schedule()).isEqualTo(ScheduleSpec.cosine());
        assertThat(r.training().batchSize()).isEqualTo(128);
        assertThat(r.training().length()).isEqualTo(Length.epochs(150));
    }

    @Test
    void srivastava2014IsThreeTimes1024ReluWithDropoutHalfMaxNormAndHighMomentum() {
        Recipe r = Preset.SRIVASTAVA2014.recipe;
        assertThat(r.architecture().sizes()).containsExactly(784, 1024, 1024, 1024, 10);
        assertThat(r.architecture().activations()).containsOnly(Activation.RELU);
        assertThat(r.architecture().dropout()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(r.architecture().inputDropout()).isEqualTo(0.2f);  // each pixel kept with probability 0.8
        OptimizerSpec momentum = r.training().optimizer();
        assertThat(momentum.name()).isEqualTo("momentum");
        assertThat(momentum.momentum()).isEqualTo(0.95f);
        assertThat(momentum.maxNorm()).isBetween(3f, 4f);  // the paper's range for c
        assertThat(momentum.learningRate()).isEqualTo(0.01f);
        assertThat(momentum.weightDecay()).isZero();
        assertThat(r.training().schedule().name()).isEqualTo("exponential");
        assertThat(r.training().schedule().gamma()).isEqualTo(0.95f);
        assertThat(r.training().batchSize()).isEqualTo(100);
        assertThat(r.training().length()).isEqualTo(Length.epochs(50));
        assertThat(r.training().augmentation()).isEqualTo(AugmentationSpec.none());
    }

    @Test
    void bestIsOursWithoutAugmentationAndBestAugmentedAddsBothDistortions() {
        Recipe best = Preset.BEST.recipe;
        assertThat(best.architecture().sizes()).containsExactly(784, 1024, 1024, 10);
        assertThat(best.architecture().dropout()).containsExactly(0.2f, 0.2f);
        assertThat(best.training().optimizer()).isEqualTo(OptimizerSpec.adamw(0.001f));
        assertThat(best.training().schedule()).isEqualTo(ScheduleSpec.oneCycle());
        assertThat(best.training().length()).isEqualTo(Length.epochs(40));
        assertThat(best.training().augmentation().augments()).isFalse();

        Recipe augmented = Preset.BEST_AUGMENTED.recipe;
        assertThat(augmented.architecture().sizes()).containsExactly(784, 1024, 1024, 10);
        assertThat(augmented.architecture().dropout()).containsExactly(0.2f, 0.2f);
        assertThat(augmented.training().optimizer()).isEqualTo(OptimizerSpec.adamw(0.001f));
        assertThat(augmented.training().length()).isEqualTo(Length.epochs(400));
        AugmentationSpec distortions = augmented.training().augmentation();
        assertThat(distortions.name()).isEqualTo("both");
        assertThat(distortions.sigma()).isEqualTo(5.5f);  // a gentler elastic field than Simard's σ 4, α 34: docs/results.md
        assertThat(distortions.alpha()).isEqualTo(37f);
        assertThat(distortions.with(AugmentationSpec.Setting.SIGMA, AugmentationSpec.DEFAULT_SIGMA)
                .with(AugmentationSpec.Setting.ALPHA, AugmentationSpec.DEFAULT_ALPHA)).as("the affine part at its defaults")
                .isEqualTo(AugmentationSpec.both());
        assertThat(Preset.BEST_AUGMENTED.shown("--elastic-sigma")).isEqualTo("5.5");
        assertThat(Preset.BEST_AUGMENTED.shown("--elastic-alpha")).isEqualTo("37.0");
        assertThat(Preset.SIMARD2003.shown("--elastic-sigma")).isEqualTo("4.0");
        assertThat(Preset.BEST.shown("--elastic-sigma")).as("no elastic field to set").isNull();
        for (Preset p : Preset.values()) {
            if (p != Preset.SRIVASTAVA2014) assertThat(p.recipe.architecture().inputDropout()).as("%s drops no pixel", p.id()).isZero();
        }
        assertThat(best.training().earlyStopping()).as("best keeps the best epoch by validation accuracy")
                .isEqualTo(EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY));
        for (Preset p : new Preset[] {Preset.SIMARD2003, Preset.SRIVASTAVA2014, Preset.BEST_AUGMENTED}) {
            assertThat(p.recipe.training().earlyStopping()).as("%s keeps the best epoch by validation loss", p.id())
                    .isEqualTo(EarlyStopping.DEFAULT);
        }
    }

    @Test
    void optionsGivenBesideAPresetWinOverItsValues() {
        Recipe r = recipe("--preset", "srivastava2014", "--layers", "784,64,10", "--dropout", "0.3", "--momentum", "0.9",
                "--gamma", "0.5", "--epochs", "2", "--batch", "32");
        assertThat(r.architecture().sizes()).containsExactly(784, 64, 10);
        assertThat(r.architecture().dropout()).containsExactly(0.3f);
        assertThat(r.training().optimizer()).isEqualTo(Preset.SRIVASTAVA2014.recipe.training().optimizer()
                .with(OptimizerSpec.Setting.MOMENTUM, 0.9f));  // the preset's max-norm stays
        assertThat(r.training().schedule().gamma()).isEqualTo(0.5f);
        assertThat(r.training().length()).isEqualTo(Length.epochs(2));
        assertThat(r.training().batchSize()).isEqualTo(32);
        assertThat(r.architecture().inputDropout()).as("the preset's input dropout stays").isEqualTo(0.2f);
        assertThat(recipe("--preset", "srivastava2014", "--input-dropout", "0").architecture().inputDropout()).isZero();
        assertThat(recipe("--input-dropout", "0.1").architecture().inputDropout()).isEqualTo(0.1f);
        assertThat(Preset.SRIVASTAVA2014.shown("--input-dropout")).isEqualTo("0.2");
        assertThat(Preset.DEFAULT.shown("--input-dropout")).isEqualTo("0");

        assertThat(recipe("--preset", "best-augmented", "--augment", "none").training().augmentation())
                .isEqualTo(AugmentationSpec.none());
        assertThat(recipe("--preset", "simard2003", "--augment", "affine").training().augmentation())
                .isEqualTo(AugmentationSpec.affine());
        AugmentationSpec gentleField = AugmentationSpec.elastic().with(AugmentationSpec.Setting.SIGMA, 5.5)
                .with(AugmentationSpec.Setting.ALPHA, 37);
        assertThat(recipe("--preset", "best-augmented", "--augment", "elastic").training().augmentation())
                .as("a kind named beside a preset keeps the preset's strengths it shares").isEqualTo(gentleField);
        assertThat(recipe("--preset", "best-augmented", "--augment", "elastic", "--elastic-alpha", "30").training().augmentation())
                .isEqualTo(gentleField.with(AugmentationSpec.Setting.ALPHA, 30));
        assertThat(recipe("--preset", "best-augmented", "--augment", "affine").training().augmentation())
                .isEqualTo(AugmentationSpec.affine());
        assertThat(recipe("--preset", "best-augmented", "--augment", "both").training().augmentation())
                .isEqualTo(Preset.BEST_AUGMENTED.recipe.training().augmentation());
        assertThat(recipe("--preset", "simard2003", "--augment", "both").training().augmentation())
                .as("Simard's field is the default one").isEqualTo(AugmentationSpec.both());
        assertThat(recipe("--augment", "elastic").training().augmentation()).isEqualTo(AugmentationSpec.elastic());
        assertThat(recipe("--preset", "simard2003", "--elastic-alpha", "30").training().augmentation())
                .isEqualTo(AugmentationSpec.elastic().with(AugmentationSpec.Setting.ALPHA, 30));
        assertThat(recipe("--preset", "best", "--lr", "0.002", "--optimizer", "adam").training().optimizer())
                .isEqualTo(OptimizerSpec.adam(0.002f));
        assertThat(recipe("--preset", "best").training().earlyStopping().monitor()).isEqualTo(Monitor.VAL_ACCURACY);
        assertThat(recipe("--preset", "best", "--monitor", "val_loss").training().earlyStopping().monitor())
                .isEqualTo(Monitor.VAL_LOSS);
        assertThat(Preset.BEST.shown("--monitor")).isEqualTo("val_accuracy");
    }

    @Test
    void srivastava2014sInputDropoutIsTrainedWithAndRecordedInTheModelAndShownByInfo(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        CliEndToEndTest.Result r = CliEndToEndTest.run("train", "--data", CliEndToEndTest.MNIST.toString(), "--preset",
                "srivastava2014", "--layers", "784,32,10", "--iterations", "20", "--out", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(j.get("input_dropout").getAsDouble()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        ModelFile.Loaded loaded = ModelFile.load(model);
        assertThat(loaded.metadata()).containsEntry("input_dropout", "0.2");
        assertThat(loaded.network().architecture().inputDropout()).isEqualTo(0.2f);
        CliEndToEndTest.Result info = CliEndToEndTest.run("info", model.toString(), "--json");
        assertThat(info.code()).as(info.err()).isZero();
        JsonObject shown = JsonParser.parseString(info.out()).getAsJsonObject();
        assertThat(shown.get("input_dropout").getAsDouble()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(shown.getAsJsonObject("provenance").has("input_dropout")).as("shown as the network's, not as provenance").isFalse();
        assertThat(CliEndToEndTest.run("info", model.toString()).out()).contains("Input dropout: 0.2 of the pixels dropped in training");
    }

    @Test
    void anAugmentedPresetTrainsOnDistortedImagesThroughTheCommandLine(@TempDir Path dir) {
        Path model = dir.resolve("m.safetensors");
        CliEndToEndTest.Result r = CliEndToEndTest.run("train", "--data", CliEndToEndTest.MNIST.toString(), "--preset",
                "best-augmented", "--layers", "784,32,10", "--iterations", "20", "--out", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        String both = Preset.BEST_AUGMENTED.recipe.training().augmentation().describe();
        assertThat(both).isEqualTo("both(shift=2, rotation=10, scaling=0.1, shear=10, sigma=5.5, alpha=37)");
        assertThat(j.get("augmentation").getAsString()).isEqualTo(both);
        assertThat(j.get("optimizer").getAsString()).isEqualTo("adamw");
        assertThat(j.get("learning_rate").getAsDouble()).isEqualTo(0.001, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ModelFile.load(model).metadata()).containsEntry("augmentation", both).containsEntry("preset", "best-augmented");
    }
}
