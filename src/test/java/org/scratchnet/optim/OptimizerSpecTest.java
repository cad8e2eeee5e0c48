package org.scratchnet.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

class OptimizerSpecTest {

    @Test
    void parseKnowsTheNamesInAnyCaseAndFillsTheDefaultHyperParameters() {
        assertThat(OptimizerSpec.parse("gd", 0.1f)).isEqualTo(OptimizerSpec.gd(0.1f));
        assertThat(OptimizerSpec.parse(" SGD ", 0.1f)).isEqualTo(OptimizerSpec.sgd(0.1f));
        assertThat(OptimizerSpec.parse("Momentum", 0.01f)).isEqualTo(new OptimizerSpec("momentum", 0.01f, 0.9f, 0f, 0f, 0f));
        assertThat(OptimizerSpec.parse("adam", 0.001f)).isEqualTo(new OptimizerSpec("adam", 0.001f, 0f, 0.9f, 0.999f, 1e-8f));
        assertThat(OptimizerSpec.NAMES).allSatisfy(name -> assertThat(OptimizerSpec.parse(name, 1f).name()).isEqualTo(name));
    }

    @Test
    void anUnknownNameIsOneLineNamingTheChoices() {
        assertThatThrownBy(() -> OptimizerSpec.parse("rmsprop", 0.1f)).isInstanceOf(UserException.class)
                .hasMessage("unknown optimizer 'rmsprop': use gd, sgd, momentum or adam");
        assertThatThrownBy(() -> new OptimizerSpec("Adam", 0.1f, 0f, 0.9f, 0.999f, 1e-8f)).isInstanceOf(UserException.class)
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
        assertThat(OptimizerSpec.adam(0.1f).create(kernels)).isInstanceOf(Adam.class);
    }

    @Test
    void theSpecDescribesItselfAsTheOptimiserItBuildsDoes() {
        // gd and sgd are the same update; the summary says the one the user chose.
        assertThat(OptimizerSpec.parse(" SGD ", 0.1f).describe()).isEqualTo("sgd(lr=0.1)");
        assertThat(OptimizerSpec.gd(0.1f).describe()).isEqualTo("gd(lr=0.1)");
        assertThat(OptimizerSpec.momentum(0.01f).describe()).isEqualTo("momentum(lr=0.01, beta=0.9)");
        assertThat(OptimizerSpec.adam(0.001f).describe()).isEqualTo("adam(lr=0.001, beta1=0.9, beta2=0.999)");
        for (OptimizerSpec spec : new OptimizerSpec[] {OptimizerSpec.gd(0.5f), OptimizerSpec.sgd(0.25f),
                OptimizerSpec.momentum(0.01f, 0.5f), OptimizerSpec.adam(0.002f, 0.8f, 0.99f, 1e-7f)}) {
            assertThat(spec.describe()).isEqualTo(spec.create(new ReferenceKernels()).describe());
        }
    }

    @Test
    void withLearningRateKeepsTheOtherSettings() {
        OptimizerSpec slow = OptimizerSpec.momentum(0.1f, 0.5f).withLearningRate(0.01f);
        assertThat(slow).isEqualTo(OptimizerSpec.momentum(0.01f, 0.5f));
    }
}
