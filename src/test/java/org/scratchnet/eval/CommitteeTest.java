package org.scratchnet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;

/**
 * A committee against the arithmetic it promises, on real MNIST: K copies of one model are that
 * model to the last bit, and two different models trained on a small slice of the training set
 * give, on all 10,000 test images, the predictions, accuracy, confusion matrix and loss of their
 * probabilities averaged here by hand.
 */
class CommitteeTest {
    @TempDir
    static Path dir;

    static Dataset test;
    static Network a;
    static Network b;

    @BeforeAll
    static void trainTwoSmallModels() {
        Dataset[] mnist = MnistFiles.load(Path.of(System.getProperty("mnist.dir", "../shared/mnist")));
        Dataset slice = mnist[0].head(2000);
        test = mnist[1];
        a = Network.builder(784).dense(32, Activation.RELU).softmax(10).seed(1).build();
        b = Network.builder(784).dense(16, Activation.TANH).softmax(10).seed(2).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.003f)).batchSize(64).epochs(1).seed(1).build();
        new Trainer(config).fit(a, slice, null);
        new Trainer(config.withSeed(2)).fit(b, slice, null);
    }

    /** Every test image's probabilities from {@code p(X, n)}, in chunks. */
    interface Probabilities {
        float[] of(float[] X, int n);
    }

    static float[] all(Probabilities p) {
        float[] out = new float[test.size * 10];
        int chunk = 1000;
        for (int from = 0; from < test.size; from += chunk) {
            int n = Math.min(chunk, test.size - from);
            float[] X = Arrays.copyOfRange(test.x, from * 784, (from + n) * 784);
            System.arraycopy(p.of(X, n), 0, out, from * 10, n * 10);
        }
        return out;
    }

    @Test
    void aCommitteeOfCopiesOfOneModelIsThatModelExactly() {
        Path file = dir.resolve("a.safetensors");
        ModelFile.save(file, a, null);
        List<Network> copies = List.of(ModelFile.load(file).network(), ModelFile.load(file).network(), ModelFile.load(file).network());
        Committee committee = Committee.of(copies);

        assertThat(all(committee::predictProbabilities)).as("the mean of three equal probabilities").isEqualTo(all(a::predictProbabilities));
        Evaluation alone = Evaluation.of(a, test);
        Evaluation together = committee.evaluate(test);
        assertThat(together.predicted()).isEqualTo(alone.predicted());
        assertThat(together.accuracy()).isEqualTo(alone.accuracy());
        assertThat(together.report().toJson().get("confusion_matrix")).usingRecursiveComparison()
                .isEqualTo(alone.report().toJson().get("confusion_matrix"));
        assertThat(together.loss()).isCloseTo(alone.loss(), within(1e-12));
        assertThat(committee.predict(test)).isEqualTo(a.predict(test));
    }

    @Test
    void twoDifferentModelsGiveTheMeanOfTheirProbabilities() {
        float[] pa = all(a::predictProbabilities);
        float[] pb = all(b::predictProbabilities);
        int[] expected = new int[test.size];
        double loss = 0;
        int correct = 0;
        int disagreeWithA = 0;
        for (int i = 0; i < test.size; i++) {
            int best = 0;
            double[] mean = new double[10];
            for (int c = 0; c < 10; c++) mean[c] = ((double) pa[i * 10 + c] + pb[i * 10 + c]) / 2;
            for (int c = 1; c < 10; c++) if ((float) mean[c] > (float) mean[best]) best = c;
            expected[i] = best;
            loss -= Math.log(mean[test.labels[i]]);
            if (best == test.labels[i]) correct++;
            int bestOfA = 0;
            for (int c = 1; c < 10; c++) if (pa[i * 10 + c] > pa[i * 10 + bestOfA]) bestOfA = c;
            if (bestOfA != best) disagreeWithA++;
        }
        Committee committee = Committee.of(List.of(a, b));
        Evaluation e = committee.evaluate(test);

        assertThat(disagreeWithA).as("the committee is not simply model a").isGreaterThan(50);
        assertThat(e.predicted()).isEqualTo(expected);
        assertThat(e.accuracy()).isEqualTo((double) correct / test.size);
        ConfusionMatrix cm = ConfusionMatrix.of(test.labels, expected, 10);
        assertThat(e.report().toJson().get("confusion_matrix")).usingRecursiveComparison()
                .isEqualTo(ClassificationReport.of(cm).toJson().get("confusion_matrix"));
        // Here the loss comes from float probabilities; the committee takes each member's log-probability from its logits.
        assertThat(e.loss()).isCloseTo(loss / test.size, within(1e-5));
        float[] mean = all(committee::predictProbabilities);
        for (int j = 0; j < mean.length; j++) assertThat(mean[j]).isEqualTo((float) (((double) pa[j] + pb[j]) / 2));
    }

    @Test
    void eachMembersEvaluationFromTheCommitteesPassIsTheMembersOwnToTheLastBit() {
        Committee.Evaluations both = Committee.of(List.of(a, b)).evaluateEach(test);
        assertThat(both.members()).hasSize(2);
        Network[] alone = {a, b};
        for (int k = 0; k < 2; k++) {
            Evaluation own = Evaluation.of(alone[k], test);
            Evaluation fromCommittee = both.members().get(k);
            assertThat(fromCommittee.predicted()).as("member %d's predictions", k).isEqualTo(own.predicted());
            assertThat(Double.doubleToRawLongBits(fromCommittee.loss())).as("member %d's loss, bit for bit", k)
                    .isEqualTo(Double.doubleToRawLongBits(own.loss()));
            assertThat(fromCommittee.report().toJson()).usingRecursiveComparison().isEqualTo(own.report().toJson());
        }
        assertThat(both.members().get(0).predicted()).as("the two members differ").isNotEqualTo(both.members().get(1).predicted());
        assertThat(both.committee().predicted()).isEqualTo(Committee.of(List.of(a, b)).evaluate(test).predicted());

        Committee.Evaluations one = Committee.of(List.of(a)).evaluateEach(test);
        assertThat(one.members()).containsExactly(one.committee());
        assertThat(one.committee().predicted()).isEqualTo(Evaluation.of(a, test).predicted());
    }

    @Test
    void membersThatReadOtherInputsOrAnswerOtherClassesAreRefused() {
        Network narrow = Network.builder(100).softmax(10).build();
        Network five = Network.builder(784).softmax(5).build();
        assertThatThrownBy(() -> Committee.of(List.of(a, narrow))).hasMessageContaining("member 1 takes 100 inputs to 10 classes");
        assertThatThrownBy(() -> Committee.of(List.of(a, five))).hasMessageContaining("member 1 takes 784 inputs to 5 classes");
        assertThatThrownBy(() -> Committee.of(List.of())).hasMessageContaining("at least one member");
    }
}
