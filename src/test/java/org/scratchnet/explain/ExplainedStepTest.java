package org.scratchnet.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scratchnet.data.Dataset;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Mnist;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;

/**
 * The explained step is the first step of training: a {@link Trainer} with the same seed, batch
 * size and learning rate, run for one iteration on a network built the same way from MNIST's
 * training set, ends with the very weights, biases and gradients the explanation shows (bit for
 * bit: the same reference layers and the same update, on the same rows), with and without
 * dropout, with input dropout and at another depth. The explanation's own forms hold too: dZ[L] is A[L] - Y (the
 * paper's, without 1/m), the layer below's dZ is m times what the network handed its Dense
 * layer, and the gradient check of the step passes.
 */
class ExplainedStepTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0f}),
                        Initializer.KAIMING, 8, 3L),
                Arguments.of(new Architecture(new int[] {784, 12, 8, 10}, new Activation[] {Activation.TANH, Activation.SIGMOID},
                        new float[] {0.3f, 0.2f}), Initializer.XAVIER, 5, 11L),
                Arguments.of(new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0.2f}, 0.2f),
                        Initializer.KAIMING, 6, 5L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theExplainedStepIsTheFirstStepOfTrainingWithTheSameSeed(Architecture architecture, Initializer init, int m, long seed) {
        Dataset train = Mnist.get()[0];
        float alpha = 0.1f;
        Explanation e = Explanation.of(() -> Network.create(architecture, init, seed, Engine.reference()),
                FirstBatch.of(train, m, seed), alpha, new Explanation.Origin("init " + init.id(), init, "MNIST", seed));

        Network trained = Network.create(architecture, init, seed, Engine.reference());
        TrainingConfig oneStep = TrainingConfig.builder().optimizer(OptimizerSpec.gd(alpha)).schedule(ScheduleSpec.constant())
                .batchSize(m).iterations(1).seed(seed).build();  // at α itself, as the explained step
        new Trainer(oneStep).fit(trained, train, null);

        Step step = e.step();
        assertThat(step.depth()).isEqualTo(trained.depth());
        for (int l = 1; l <= step.depth(); l++) {
            Step.LayerStep s = step.layer(l);
            assertThat(s.WUpdated()).as("W[%d] after the step", l).containsExactly(trained.weights(l - 1));
            assertThat(s.bUpdated()).as("b[%d] after the step", l).containsExactly(trained.bias(l - 1));
            assertThat(s.dW()).as("dW[%d]", l).containsExactly(trained.weightGradient(l - 1));
            assertThat(s.db()).as("db[%d]", l).containsExactly(trained.biasGradient(l - 1));
            assertThat(s.WUpdated()).as("the step moved W[%d]", l).isNotEqualTo(s.W());
        }

        // dZ[L] = A[L] - Y, the paper's form; the loss is the mean -log of the true class's probability.
        Step.LayerStep out = step.layer(step.depth());
        int C = out.out();
        double loss = 0;
        for (int i = 0; i < m; i++) {
            int y = step.batch().labels()[i];
            loss -= Math.log(out.A()[i * C + y]) / m;
            for (int c = 0; c < C; c++) {
                assertThat(out.dZ()[i * C + c]).isCloseTo(out.A()[i * C + c] - (c == y ? 1f : 0f), within(1e-6f));
            }
        }
        assertThat(step.loss()).isCloseTo(loss, within(1e-6));
        // db = (1/m) Σ dZ, the paper's dZ carrying no 1/m
        for (int j = 0; j < C; j++) {
            double sum = 0;
            for (int i = 0; i < m; i++) sum += out.dZ()[i * C + j];
            assertThat((double) out.db()[j]).isCloseTo(sum / m, within(1e-6));
        }
        assertThat(e.check().passed()).as("gradient check: %s", e.check().results()).isTrue();
        for (var r : e.check().results()) assertThat(r.checked()).as(r.parameter()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyFrameHasItsEquationShapeAndMeaning(Architecture architecture, Initializer init, int m, long seed) {
        Explanation e = Explanation.of(() -> Network.create(architecture, init, seed, Engine.reference()),
                FirstBatch.of(Mnist.get()[0], m, seed), 0.1f, new Explanation.Origin("init " + init.id(), init, "MNIST", seed));
        List<Frame> frames = e.frames();
        for (int k = 1; k <= 14; k++) {
            String number = "(" + k + ")";
            assertThat(frames).as("equation %s", number).anyMatch(f -> f.number().startsWith(number));
        }
        for (Frame f : frames) {
            assertThat(f.meaning()).as(f.formula()).isNotBlank().endsWith(".");
            assertThat(f.values()).as(f.formula()).isNotEmpty();
        }
        String text = TerminalText.of(e);
        assertThat(text).contains(e.step().depth() == 2 ? "(3)  Z[2] = A[1]·W[2]ᵀ + b[2]   [" + m + " x 10]"
                : "(3) for layer 3  Z[3] = A[2]·W[3]ᵀ + b[3]   [" + m + " x 10]");
        assertThat(text).contains("softmax-derivative step", init == Initializer.XAVIER ? "Xavier's variance" : "Kaiming's variance",
                "the gradients above are right");
    }

    /**
     * With input dropout the first layer reads A[0] = X ⊙ M[0], not X: the mask holds 0 and 1/(1 - rate)
     * only, drops some of the batch's ink, and Z[1] is A[0]·W[1]ᵀ + b[1]; the walk shows the frame.
     */
    @Test
    void inputDropoutShowsTheMaskedInputTheFirstLayerRead() {
        Architecture architecture = new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0f}, 0.2f);
        int m = 6;
        FirstBatch batch = FirstBatch.of(Mnist.get()[0], m, 5L);
        Explanation e = Explanation.of(() -> Network.create(architecture, Initializer.KAIMING, 5L, Engine.reference()), batch, 0.1f,
                new Explanation.Origin("init kaiming", Initializer.KAIMING, "MNIST", 5L));
        Step step = e.step();
        assertThat(step.inputDropped()).isTrue();
        float[] mask = step.inputMask();
        float[] X = batch.X();
        int dropped = 0;
        for (int i = 0; i < mask.length; i++) {
            assertThat(mask[i]).as("mask entry %d", i).isIn(0f, 1f / 0.8f);
            assertThat(step.A0()[i]).as("A[0] entry %d", i).isEqualTo(X[i] * mask[i]);
            if (X[i] != 0f && mask[i] == 0f) dropped++;
        }
        assertThat(dropped).as("ink dropped").isPositive();
        Step.LayerStep first = step.layer(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < first.out(); j++) {
                double z = first.b()[j];
                for (int k = 0; k < first.in(); k++) z += (double) step.A0()[i * first.in() + k] * first.W()[j * first.in() + k];
                assertThat((double) first.Z()[i * first.out() + j]).isCloseTo(z, within(1e-4));
            }
        }
        assertThat(e.frames()).anyMatch(f -> f.formula().equals("A[0] = X ⊙ M[0]") && f.matrix().key().equals("A"));
        assertThat(e.header().get(0)).contains("input dropout 0.2");
        assertThat(e.check().passed()).as("gradient check: %s", e.check().results()).isTrue();
    }

    /**
     * The server's /learn explains a reference copy of the served model ({@code copyOn}, as
     * serve's LearnStep does): a model trained with input dropout keeps it, and the step shows
     * its mask, the same in the step and in its gradient check.
     */
    @Test
    void aReferenceCopyOfAModelWithInputDropoutShowsItsMask() {
        Architecture architecture = new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0f}, 0.2f);
        Network served = Network.create(architecture, Initializer.KAIMING, 9L, FastEngine.shared());
        Explanation e = Explanation.of(() -> served.copyOn(Engine.reference()), FirstBatch.of(Mnist.get()[0], 8, 42L), 0.1f,
                new Explanation.Origin("the weights of model.bin", null, "MNIST", 42L));
        assertThat(e.step().inputDropped()).isTrue();
        assertThat(e.frames().get(0).formula()).isEqualTo("X");
        assertThat(e.frames().get(1).formula()).isEqualTo("A[0] = X ⊙ M[0]");
        assertThat(e.check().passed()).as("gradient check: %s", e.check().results()).isTrue();
    }

    /** Batch normalisation and noise have no equations in the walk: such a network is refused, naming them, before any work. */
    @Test
    void aNetworkWithBatchNormalisationOrNoiseIsRefusedInOneLine() {
        Dataset train = Mnist.get()[0];
        for (boolean batchNorm : new boolean[] {true, false}) {
            float noise = batchNorm ? 0f : 0.3f;
            Architecture architecture = new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU}, new float[] {0f},
                    0f, noise, batchNorm);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Explanation.of(() -> Network.create(architecture,
                            Initializer.KAIMING, 3, Engine.reference()), FirstBatch.of(train, 4, 3L), 0.1f,
                            new Explanation.Origin("init kaiming", Initializer.KAIMING, "MNIST", 3L)))
                    .isInstanceOf(org.scratchnet.UserException.class)
                    .hasMessage("one training step is explained for dense layers, their activations and dropout; 784-16-10 also has "
                            + (batchNorm ? "batch normalisation" : "Gaussian noise") + ", whose equations the walk does not show");
        }
    }
}
