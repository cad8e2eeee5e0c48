package org.scratchnet.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
import org.scratchnet.optim.OptimizerSpec.Setting;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

class OptimizerSpecTest {

    @Test
    void parseKnowsTheNamesInAnyCaseAndFillsTheDefaultHyperParameters() {
        assertThat(OptimizerSpec.parse("gd", 0.1f)).isEqualTo(OptimizerSpec.gd(0.1f));
        assertThat(OptimizerSpec.parse(" SGD ", 0.1f)).isEqualTo(OptimizerSpec.sgd(0.1f));
        assertThat(OptimizerSpec.parse("Momentum", 0.01f)).isEqualTo(new OptimizerSpec("momentum", 0.01f, 0.9f, 0f, 0f, 0f, 0f, 0f, 0f));
        assertThat(OptimizerSpec.parse("nesterov", 0.01f)).isEqualTo(new OptimizerSpec("nesterov", 0.01f, 0.9f, 0f, 0f, 0f, 0f, 0f, 0f));
        assertThat(OptimizerSpec.parse("RMSprop", 0.01f)).isEqualTo(new OptimizerSpec("rmsprop", 0.01f, 0f, 0f, 0f, 1e-8f, 0.9f, 0f, 0f));
        assertThat(OptimizerSpec.parse("adam", 0.001f)).isEqualTo(new OptimizerSpec("adam", 0.001f, 0f, 0.9f, 0.999f, 1e-8f, 0f, 0f, 0f));
        assertThat(OptimizerSpec.parse("adamw", 0.001f)).isEqualTo(new OptimizerSpec("adamw", 0.001f, 0f, 0.9f, 0.999f, 1e-8f, 0f,
                OptimizerSpec.DEFAULT_ADAMW_WEIGHT_DECAY, 0f));
        assertThat(OptimizerSpec.NAMES).allSatisfy(name -> assertThat(OptimizerSpec.parse(name, 1f).name()).isEqualTo(name));
    }

    @Test
    void anUnknownNameIsOneLineNamingTheChoices() {
        assertThatThrownBy(() -> OptimizerSpec.parse("adagrad", 0.1f)).isInstanceOf(UserException.class)
                .hasMessage("unknown optimizer 'adagrad': use gd, sgd, momentum, nesterov, rmsprop, adam or adamw");
        assertThatThrownBy(() -> new OptimizerSpec("Adam", 0.1f, 0f, 0.9f, 0.999f, 1e-8f, 0f, 0f, 0f)).isInstanceOf(UserException.class)
                .hasMessageContaining("'Adam'");
    }

    @Test
    void outOfRangeSettingsAreOneLineUserErrors() {
        assertThatThrownBy(() -> OptimizerSpec.adam(-1f)).isInstanceOf(UserException.class)
                .hasMessage("learning rate must be a positive number, got -1.0");
        assertThatThrownBy(() -> OptimizerSpec.adam(Float.POSITIVE_INFINITY)).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> OptimizerSpec.momentum(0.1f, 1f)).isInstanceOf(UserException.class)
                .hasMessage("momentum must be at least 0 and below 1, got 1.0");
        assertThatThrownBy(() -> OptimizerSpec.adam(0.1f, 0.9f, 1.5f, 1e-8f)).isInstanceOf(UserException.class)
                .hasMessageContaining("beta2");
        assertThatThrownBy(() -> OptimizerSpec.adam(0.1f, 0.9f, 0.999f, Float.NaN)).isInstanceOf(UserException.class)
                .hasMessageContaining("epsilon");
    }

    @Test
    void createBuildsTheOptimiserTheSpecNames() {
        Kernels kernels = new ReferenceKernels();
        assertThat(OptimizerSpec.gd(0.1f).create(kernels)).isInstanceOf(GradientDescent.class);
        assertThat(OptimizerSpec.sgd(0.1f).create(kernels)).isInstanceOf(GradientDescent.class);
        assertThat(OptimizerSpec.momentum(0.1f).create(kernels)).isInstanceOf(Momentum.class);
        assertThat(OptimizerSpec.nesterov(0.1f).create(kernels)).isInstanceOf(Nesterov.class);
        assertThat(OptimizerSpec.rmsprop(0.1f).create(kernels)).isInstanceOf(RmsProp.class);
        assertThat(OptimizerSpec.adam(0.1f).create(kernels)).isInstanceOf(Adam.class);
        assertThat(OptimizerSpec.adamw(0.1f).create(kernels)).isInstanceOf(AdamW.class);
        assertThat(OptimizerSpec.adamw(0.1f).create(kernels).state().names()).containsExactly("m", "v");
        assertThat(OptimizerSpec.nesterov(0.1f).create(kernels).statePerParameter()).isEqualTo(1);
        assertThat(OptimizerSpec.gd(0.1f).create(kernels).statePerParameter()).isZero();
    }

    @Test
    void settingsAreReachedByNameAndRefusedWhereTheOptimiserDoesNotUseThem() {
        OptimizerSpec adam = OptimizerSpec.adam(0.001f);
        assertThat(adam.with(Setting.BETA1, 0.8f).with(Setting.BETA2, 0.99f).with(Setting.EPSILON, 1e-7f))
                .isEqualTo(OptimizerSpec.adam(0.001f, 0.8f, 0.99f, 1e-7f));
        assertThat(OptimizerSpec.nesterov(0.01f).with(Setting.MOMENTUM, 0.5f).momentum()).isEqualTo(0.5f);
        assertThat(OptimizerSpec.rmsprop(0.01f).with(Setting.RHO, 0.99f).rho()).isEqualTo(0.99f);
        assertThat(OptimizerSpec.gd(0.1f).with(Setting.MAX_NORM, 3f).maxNorm()).isEqualTo(3f);
        assertThat(OptimizerSpec.adamw(0.001f).with(Setting.WEIGHT_DECAY, 0.05f)).isEqualTo(OptimizerSpec.adamw(0.001f, 0.05f));
        assertThatThrownBy(() -> OptimizerSpec.sgd(0.1f).with(Setting.BETA1, 0.9f)).isInstanceOf(UserException.class)
                .hasMessage("beta1 does not apply to sgd: it is a setting of adam and adamw");
        assertThatThrownBy(() -> adam.with(Setting.MOMENTUM, 0.9f)).isInstanceOf(UserException.class)
                .hasMessage("momentum does not apply to adam: it is a setting of momentum and nesterov");
        assertThatThrownBy(() -> adam.with(Setting.RHO, 0.9f)).hasMessage("rho does not apply to adam: it is a setting of rmsprop");
        assertThatThrownBy(() -> adam.with(Setting.BETA1, 1f)).hasMessage("beta1 must be at least 0 and below 1, got 1.0");
        assertThatThrownBy(() -> adam.with(Setting.WEIGHT_DECAY, -1f)).hasMessage("weight_decay must be a number of at least 0, got -1.0");
        for (String name : OptimizerSpec.NAMES) {
            assertThat(Setting.WEIGHT_DECAY.appliesTo(name)).isTrue();
            assertThat(Setting.MAX_NORM.appliesTo(name)).isTrue();
        }
    }

    @Test
    void theSpecDescribesItselfAsTheOptimiserItBuildsDoes() {
        // gd and sgd are the same update; the summary says the one the user chose.
        assertThat(OptimizerSpec.parse(" SGD ", 0.1f).describe()).isEqualTo("sgd(lr=0.1)");
        assertThat(OptimizerSpec.gd(0.1f).describe()).isEqualTo("gd(lr=0.1)");
        assertThat(OptimizerSpec.momentum(0.01f).describe()).isEqualTo("momentum(lr=0.01, momentum=0.9)");
        assertThat(OptimizerSpec.adam(0.001f).describe()).isEqualTo("adam(lr=0.001, beta1=0.9, beta2=0.999)");
        assertThat(OptimizerSpec.adamw(0.001f, 0.01f).with(Setting.MAX_NORM, 3f).describe())
                .isEqualTo("adamw(lr=0.001, beta1=0.9, beta2=0.999, weight_decay=0.01, max_norm=3.0)");
        assertThat(OptimizerSpec.rmsprop(0.001f).with(Setting.EPSILON, 1e-6f).describe()).isEqualTo("rmsprop(lr=0.001, rho=0.9, eps=1.0E-6)");
        for (OptimizerSpec spec : new OptimizerSpec[] {OptimizerSpec.gd(0.5f), OptimizerSpec.sgd(0.25f),
                OptimizerSpec.momentum(0.01f, 0.5f), OptimizerSpec.adam(0.002f, 0.8f, 0.99f, 1e-7f), OptimizerSpec.nesterov(0.1f),
                OptimizerSpec.rmsprop(0.1f), OptimizerSpec.adamw(0.1f)}) {
            assertThat(spec.describe()).isEqualTo(spec.create(new ReferenceKernels()).describe());
        }
    }

    @Test
    void withLearningRateKeepsTheOtherSettings() {
        OptimizerSpec slow = OptimizerSpec.momentum(0.1f, 0.5f).withLearningRate(0.01f);
        assertThat(slow).isEqualTo(OptimizerSpec.momentum(0.01f, 0.5f));
    }
}
