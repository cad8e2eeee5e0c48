package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;

/**
 * Real MNIST, end to end, against pinned results: the training loss of the last recorded row, and
 * the loss and accuracy on the 10,000 test images after training. An accuracy floor let broken
 * networks through (the full-batch run below cleared its former floor of 0.5 with no hidden
 * layer, with ReLU' = 1, with a first-layer gradient ten times too large and with no bias
 * gradient); a pinned value does not.
 *
 * <p>Why the tolerance can be tight: a run is deterministic, the same bits on any number of
 * threads (measured on 1 and 2), and the plain reference kernels, which sum in another order,
 * moved every loss below by at most 1.4e-8 of itself and no test prediction. So a loss must match
 * to {@value #LOSS_RELATIVE} of itself (1,400 times that rounding) and the accuracy to
 * {@value #ACCURACY_IMAGES} test images. Faults injected to measure this (no hidden layer, ReLU' = 1,
 * a first-layer gradient ten times too large or 255 times too small, no bias gradient) moved a
 * loss of every run by at least 1.8e-4 of itself, the smallest being the Adam runs, whose steps
 * hardly depend on the gradients' size. A change that only reorders float sums may move these
 * values by rounding, never by more: if one fails after such a change, check that the difference
 * is rounding-sized before pinning the new values.
 *
 * <p>The pinned numbers were printed by these tests ({@code mvn -B -q test -Dtest=MnistIntegrationTest}
 * prints "pinned ..." lines) on the code of 2026-12-02 (commit 79111d7), never typed in by hand.
 */
class MnistIntegrationTest {

    static final double LOSS_RELATIVE = 2e-5;
    static final int ACCURACY_IMAGES = 2;

    /** What a run ends with: the last history row's training loss, the test set's loss and accuracy. */
    record Outcome(double trainLoss, double testLoss, double testAccuracy) {}

    static Outcome train(Network net, TrainingConfig config, Dataset train, String name) {
        List<History.Row> rows = new Trainer(config).fit(net, train, null).rows();
        Evaluation e = Evaluation.of(net, Mnist.get()[1]);
        Outcome o = new Outcome(rows.get(rows.size() - 1).trainLoss(), e.loss(), e.accuracy());
        System.out.printf(java.util.Locale.ROOT, "pinned %s: new Outcome(%.9f, %.9f, %.4f)%n", name, o.trainLoss(), o.testLoss(), o.testAccuracy());
        return o;
    }

    static void assertPinned(Outcome actual, Outcome pinned) {
        assertThat(actual.trainLoss()).as("training loss").isCloseTo(pinned.trainLoss(), within(LOSS_RELATIVE * pinned.trainLoss()));
        assertThat(actual.testLoss()).as("test loss").isCloseTo(pinned.testLoss(), within(LOSS_RELATIVE * pinned.testLoss()));
        assertThat(actual.testAccuracy()).as("test accuracy").isCloseTo(pinned.testAccuracy(), within(ACCURACY_IMAGES / 10_000.0 + 1e-12));
    }

    /** The paper's preset: 784-10-10, random init, full-batch gradient descent (lr 0.1), 100 updates on the first 10,000 images. */
    @Test
    void fullBatchGradientDescentGivesThePinnedResults() {
        Network net = Network.builder(784).dense(10, Activation.RELU).softmax(10).init(Initializer.RANDOM).seed(1).build();
        Outcome o = train(net, TrainingConfig.builder().optimizer(OptimizerSpec.gd(0.1f)).fullBatch().iterations(100).schedule(ScheduleSpec.constant()).seed(1).build(), Mnist.get()[0].head(10_000), "full-batch gd");
        assertPinned(o, new Outcome(1.163658918, 1.167171122, 0.6137));
    }

    /** Mini-batches of 64, plain SGD (lr 0.1), one epoch of the first 10,000 images: sees the gradients' size directly. */
    @Test
    void miniBatchSgdGivesThePinnedResults() {
        Network net = Network.builder(784).dense(32, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(42).build();
        Outcome o = train(net, TrainingConfig.builder().optimizer(OptimizerSpec.sgd(0.1f)).batchSize(64).epochs(1).schedule(ScheduleSpec.constant()).seed(42).build(), Mnist.get()[0].head(10_000), "mini-batch sgd");
        assertPinned(o, new Outcome(0.757085473, 0.441361232, 0.8732));
    }

    /** The same with Adam (lr 1e-3), whose steps hardly depend on the gradients' size: only pinned values see a scale fault. */
    @Test
    void miniBatchAdamGivesThePinnedResults() {
        Network net = Network.builder(784).dense(32, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(42).build();
        Outcome o = train(net, TrainingConfig.builder().optimizer(OptimizerSpec.adam(1e-3f)).batchSize(64).epochs(1).schedule(ScheduleSpec.constant()).seed(42).build(), Mnist.get()[0].head(10_000), "mini-batch adam");
        assertPinned(o, new Outcome(0.895289033, 0.441002816, 0.8859));
    }

    /** 784-128-10, Adam, batches of 128, three epochs of all 60,000 images: the pinned run reaches 96.8%. */
    @Test
    void adamMlpGivesThePinnedResultsAfterThreeEpochs() {
        Network net = Network.builder(784).dense(128, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(42).build();
        Outcome o = train(net, TrainingConfig.builder().optimizer(OptimizerSpec.adam(1e-3f)).batchSize(128).epochs(3).schedule(ScheduleSpec.constant()).seed(42).build(), Mnist.get()[0], "784-128-10 adam 3 epochs");
        assertPinned(o, new Outcome(0.114426745, 0.107781062, 0.9683));
    }
}
