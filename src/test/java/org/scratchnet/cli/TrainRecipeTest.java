package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
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
import picocli.CommandLine;

/** How train's options and presets become the {@link Recipe} it trains, without training. */
class TrainRecipeTest {

    private static Recipe recipe(String... args) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args);
        return train.recipe();
    }

    @Test
    void withoutOptionsTrainUsesTheLibrarysDefaultRecipe() {
        assertThat(recipe()).isEqualTo(Recipe.builder().build());
        assertThat(Preset.DEFAULT.recipe).isEqualTo(Recipe.builder().build());
    }

    @Test
    void thePaperPresetIsTheBaselineRecordedEveryTenUpdates() {
        Recipe paper = recipe("--preset", "paper");
        assertThat(paper.describe()).isEqualTo("784-10-10 relu, init random; gd(lr=0.1), full batch, 500 iterations");
        assertThat(paper.training().recording()).isEqualTo(Recording.every(TrainCommand.FULL_BATCH_RECORD_EVERY));
        assertThat(paper.training().seed()).isEqualTo(42);
        assertThat(paper.training().earlyStopping()).as("the paper reports its last update's model")
                .isEqualTo(EarlyStopping.DEFAULT.withKeep(Keep.LAST));
    }

    @Test
    void earlyStoppingOptionsReplaceTheirOwnSettingOnly() {
        assertThat(recipe().training().earlyStopping()).isEqualTo(EarlyStopping.DEFAULT);
        assertThat(recipe("--patience", "3").training().earlyStopping()).isEqualTo(EarlyStopping.DEFAULT.withPatience(3));
        assertThat(recipe("--monitor", "val_accuracy", "--min-delta", "0.001", "--keep", "last").training().earlyStopping())
                .isEqualTo(EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY).withMinDelta(0.001).withKeep(Keep.LAST));
        assertThat(recipe("--preset", "paper", "--keep", "best").training().earlyStopping()).isEqualTo(EarlyStopping.DEFAULT);
    }

    @Test
    void eachOptionReplacesItsOwnSettingOnly() {
        assertThat(recipe("--lr", "0.5", "--preset", "paper").training().optimizer()).isEqualTo(OptimizerSpec.gd(0.5f));
        assertThat(recipe("--optimizer", "momentum").training().optimizer()).isEqualTo(OptimizerSpec.momentum(0.003f));  // the preset's rate
        assertThat(recipe("--optimizer", " SGD ", "--lr", "0.1").training().optimizer()).isEqualTo(OptimizerSpec.sgd(0.1f));
        assertThat(recipe("--preset", "paper", "--epochs", "2").training().length()).isEqualTo(Length.epochs(2));
        assertThat(recipe("--epochs", "2", "--iterations", "9").training().length()).isEqualTo(Length.iterations(9));
        assertThat(recipe("--init", "xavier").init()).isEqualTo(Initializer.XAVIER);
        assertThat(recipe("--seed", "7").training().seed()).isEqualTo(7);
        Recipe small = recipe("--layers", "784,32,16,10", "--activation", "tanh", "--dropout", "0.1,0");
        assertThat(small.architecture().sizes()).containsExactly(784, 32, 16, 10);
        assertThat(small.architecture().activations()).containsExactly(Activation.TANH, Activation.TANH);
        assertThat(small.architecture().dropout()).containsExactly(0.1f, 0f);
    }

    @Test
    void fullBatchesRecordEveryTenUpdatesUnlessToldOtherwise() {
        assertThat(recipe("--batch", "full").training().recording()).isEqualTo(Recording.every(10));
        assertThat(recipe("--batch", "64").training().recording()).isEqualTo(Recording.everyEpoch());
        assertThat(recipe("--preset", "paper", "--batch", "64").training().recording()).isEqualTo(Recording.everyEpoch());
        assertThat(recipe("--batch", "full", "--record-every", "3").training().recording()).isEqualTo(Recording.every(3));
    }

    @Test
    void optimiserAndScheduleOptionsReachTheirSettingsByName() {
        assertThat(recipe("--optimizer", "adamw", "--lr", "0.002", "--beta2", "0.99", "--eps", "1e-7", "--weight-decay", "0.001",
                "--max-norm", "3").training().optimizer()).isEqualTo(OptimizerSpec.adamw(0.002f, 0.001f)
                .with(OptimizerSpec.Setting.BETA2, 0.99f).with(OptimizerSpec.Setting.EPSILON, 1e-7f).with(OptimizerSpec.Setting.MAX_NORM, 3f));
        assertThat(recipe("--optimizer", "nesterov", "--momentum", "0.95").training().optimizer())
                .isEqualTo(OptimizerSpec.nesterov(0.003f).with(OptimizerSpec.Setting.MOMENTUM, 0.95f));
        assertThat(recipe("--optimizer", "rmsprop", "--rho", "0.99").training().optimizer())
                .isEqualTo(OptimizerSpec.rmsprop(0.003f).with(OptimizerSpec.Setting.RHO, 0.99f));
        assertThat(recipe("--preset", "paper", "--weight-decay", "0.01").training().optimizer())
                .isEqualTo(OptimizerSpec.gd(0.1f).with(OptimizerSpec.Setting.WEIGHT_DECAY, 0.01f));
        assertThat(recipe("--schedule", "step", "--step-size", "2", "--gamma", "0.5", "--warmup", "0.5").training().schedule())
                .isEqualTo(ScheduleSpec.step().with(ScheduleSpec.Setting.STEP_SIZE, 2).with(ScheduleSpec.Setting.GAMMA, 0.5)
                        .with(ScheduleSpec.Setting.WARMUP, 0.5));
        assertThat(recipe("--schedule", "plateau", "--plateau-patience", "4", "--plateau-factor", "0.5").training().schedule())
                .isEqualTo(ScheduleSpec.plateau().with(ScheduleSpec.Setting.PATIENCE, 4).with(ScheduleSpec.Setting.FACTOR, 0.5));
        assertThat(recipe("--schedule", "cosine", "--min-lr", "1e-5").training().schedule())
                .isEqualTo(ScheduleSpec.cosine().with(ScheduleSpec.Setting.MIN_LR, 1e-5));
        assertThat(recipe("--schedule", "linear", "--hold", "7.5", "--min-lr", "1e-5").training().schedule())
                .isEqualTo(ScheduleSpec.linear().with(ScheduleSpec.Setting.HOLD, 7.5).with(ScheduleSpec.Setting.MIN_LR, 1e-5));
        assertThat(recipe("--preset", "rasmus2015", "--hold", "120").training().schedule())
                .isEqualTo(ScheduleSpec.linear().with(ScheduleSpec.Setting.HOLD, 120));
        assertThat(recipe("--beta1", "0.95", "--cycle-momentum", "0.85").training().schedule())
                .isEqualTo(ScheduleSpec.oneCycle().with(ScheduleSpec.Setting.CYCLE_MOMENTUM, 0.85));
        // Settings without --schedule change the preset's own schedule.
        assertThat(recipe("--preset", "paper", "--warmup", "2").training().schedule())
                .isEqualTo(Preset.PAPER.recipe.training().schedule().with(ScheduleSpec.Setting.WARMUP, 2));
        assertThat(recipe("--preset", "paper").training().schedule()).isEqualTo(ScheduleSpec.constant());
    }

    @Test
    void aSettingTheChosenOptimiserOrScheduleDoesNotUseIsRefusedNotIgnored() {
        assertThatThrownBy(() -> recipe("--optimizer", "sgd", "--beta1", "0.8")).isInstanceOf(UserException.class)
                .hasMessage("--beta1 does not apply to sgd: it is a setting of adam and adamw");
        assertThatThrownBy(() -> recipe("--preset", "paper", "--momentum", "0.9")).isInstanceOf(UserException.class)
                .hasMessage("--momentum does not apply to gd: it is a setting of momentum and nesterov");
        assertThatThrownBy(() -> recipe("--optimizer", "momentum", "--eps", "1e-6")).isInstanceOf(UserException.class)
                .hasMessage("--eps does not apply to momentum: it is a setting of rmsprop, adam and adamw");
        assertThatThrownBy(() -> recipe("--schedule", "onecycle", "--min-lr", "0")).isInstanceOf(UserException.class)
                .hasMessage("--min-lr does not apply to the onecycle schedule: it is a setting of cosine and linear");
        assertThatThrownBy(() -> recipe("--schedule", "exponential", "--step-size", "2")).isInstanceOf(UserException.class)
                .hasMessage("--step-size does not apply to the exponential schedule: it is a setting of step");
    }

    @Test
    void aNameNoOptimiserOrPresetHasIsOneLine() {
        assertThatThrownBy(() -> recipe("--optimizer", "adagrad")).isInstanceOf(UserException.class)
                .hasMessage("unknown optimizer 'adagrad': use gd, sgd, momentum, nesterov, rmsprop, adam or adamw");
        assertThatThrownBy(() -> recipe("--preset", "fast")).isInstanceOf(UserException.class)
                .hasMessage("unknown preset 'fast': use default, paper, simard2003, srivastava2014, best, best-augmented or rasmus2015");
    }
}
