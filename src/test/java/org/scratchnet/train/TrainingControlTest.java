package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;

/**
 * What the live dashboard's controls do to a run, on real MNIST (1,000 images in batches of 50:
 * 20 updates an epoch, 3 epochs): a run paused and resumed ends with the same bits as one never
 * paused, and holds still while paused; a new learning rate reaches the very next update (with
 * plain gradient descent, W changes by exactly α dW at the rate asked), scales the schedule from
 * there and is recorded; and a run whose rate was changed, stopped and resumed from its checkpoint
 * ends with the same bits as the run never stopped, because the change is in the checkpoint.
 */
class TrainingControlTest {
    @TempDir
    Path dir;

    private static Dataset train() {
        return Mnist.get()[0].head(1_000);
    }

    private static Dataset validation() {
        Dataset all = Mnist.get()[0];
        return all.subset(IntStream.range(all.size - 500, all.size).toArray(), "the last 500 training images");
    }

    private static Network network() {
        return Network.builder(784).dense(32, Activation.RELU).dropout(0.2f).dense(16, Activation.TANH).softmax(10)
                .init(Initializer.KAIMING).seed(3).build();
    }

    private static TrainingConfig config(OptimizerSpec optimizer) {
        return TrainingConfig.builder().optimizer(optimizer).schedule(ScheduleSpec.parse("cosine")).batchSize(50).epochs(3)
                .recording(Recording.every(1)).seed(3).build();
    }

    /** Calls {@code action} once, after update {@code after}. */
    private static TrainingListener after(int after, Runnable action) {
        AtomicInteger updates = new AtomicInteger();
        return new TrainingListener() {
            @Override
            public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                if (updates.incrementAndGet() == after) action.run();
            }
        };
    }

    private static void assertSameBits(Network expected, Network actual) {
        for (int l = 0; l < expected.depth(); l++) {
            assertThat(actual.weights(l)).as("W[%d]", l).isEqualTo(expected.weights(l));
            assertThat(actual.bias(l)).as("b[%d]", l).isEqualTo(expected.bias(l));
        }
    }

    private static List<History.Row> withoutClock(List<History.Row> rows) {
        return rows.stream().map(r -> new History.Row(r.iteration(), r.epoch(), r.samples(), r.trainLoss(), r.trainAccuracy(),
                r.validationLoss(), r.validationAccuracy(), 0, r.learningRate())).toList();
    }

    @Test
    void aRunPausedAndResumedHoldsStillAndEndsWithTheSameBitsAsOneNeverPaused() throws Exception {
        TrainingConfig config = config(OptimizerSpec.adam(0.003f));
        Network plain = network();
        History plainHistory = new Trainer(config).fit(plain, train(), validation());

        TrainingControl control = new TrainingControl();
        CountDownLatch held = new CountDownLatch(1);
        AtomicInteger updates = new AtomicInteger();
        List<String> heard = new ArrayList<>();
        TrainingListener listener = TrainingListener.both(after(7, control::pause), new TrainingListener() {
            @Override public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                updates.incrementAndGet();
            }

            @Override public void paused(int step) {
                heard.add("paused after " + step);
                held.countDown();
            }

            @Override public void resumed(int step) {
                heard.add("resumed after " + step);
            }
        });
        Network paused = network();
        Trainer trainer = new Trainer(config).control(control).listener(listener);
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> trainer.fit(paused, train(), validation()));
        assertThat(held.await(60, TimeUnit.SECONDS)).as("the run pauses").isTrue();
        Thread.sleep(300);
        assertThat(updates.get()).as("no update while paused").isEqualTo(7);
        assertThat(run).isNotDone();
        control.resume();
        History pausedHistory = run.get(60, TimeUnit.SECONDS);

        assertThat(heard).containsExactly("paused after 7", "resumed after 7");
        assertThat(control.heldNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertSameBits(plain, paused);
        assertThat(withoutClock(pausedHistory.rows())).isEqualTo(withoutClock(plainHistory.rows()));
        assertThat(pausedHistory.rateChanges()).isEmpty();
    }

    @Test
    void aNewRateReachesTheNextUpdateScalesTheScheduleFromThereAndIsRecorded() {
        TrainingConfig config = config(OptimizerSpec.sgd(0.1f));
        History unchanged = new Trainer(config).fit(network(), train(), validation());
        float[] scheduled = new float[61];
        for (History.Row r : unchanged.rows()) scheduled[r.iteration()] = (float) r.learningRate();

        TrainingControl control = new TrainingControl();
        Network net = network();
        // Plain gradient descent: update 6 must make W[3] into W - 0.02 dW (within float rounding).
        float[][] seen = new float[3][];
        float[] rateOfStep6 = new float[1];
        int[] step = {0};
        TrainingListener watch = new TrainingListener() {
            @Override public void updating(int s, float rate) {
                step[0] = s;
                if (s == 6) {
                    seen[0] = net.weights(2);
                    seen[1] = net.weightGradient(2);
                    rateOfStep6[0] = rate;
                }
            }

            @Override public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                if (step[0] == 6) seen[2] = net.weights(2);
            }
        };
        History changed = new Trainer(config).control(control).listener(TrainingListener.both(after(5, () -> control.requestRate(0.02)),
                watch)).fit(net, train(), validation());

        assertThat(changed.rateChanges()).containsExactly(new RateChange(6, 0.02f, scheduled[6]));
        assertThat(rateOfStep6[0]).isEqualTo(0.02f);
        double scale = (double) 0.02f / scheduled[6];  // the float asked for, over the schedule's rate
        for (History.Row r : changed.rows()) {
            float expected = r.iteration() < 6 ? scheduled[r.iteration()] : (float) (scale * scheduled[r.iteration()]);
            assertThat((float) r.learningRate()).as("the rate of update %d", r.iteration()).isEqualTo(expected);
        }
        assertThat(scheduled[60]).isLessThan(scheduled[6]);  // cosine: the changed rate decays with it

        float[] W = seen[0];
        float[] dW = seen[1];
        float[] after = seen[2];
        for (int k = 0; k < W.length; k++) assertThat(after[k]).as("weight %d", k).isCloseTo(W[k] - 0.02f * dW[k], within(1e-6f));
    }

    @Test
    void aRunWhoseRateWasChangedResumesFromItsCheckpointToTheBit() {
        TrainingConfig config = config(OptimizerSpec.adam(0.003f));
        Network withChange = network();
        TrainingControl control = new TrainingControl();
        History expected = new Trainer(config).control(control).listener(after(4, () -> control.requestRate(0.0005)))
                .fit(withChange, train(), validation());
        Network without = network();
        new Trainer(config).fit(without, train(), validation());
        assertThat(withChange.weights(0)).as("the change changes the run").isNotEqualTo(without.weights(0));

        Path file = dir.resolve("run.checkpoint");
        TrainingControl first = new TrainingControl();
        Trainer stopped = new Trainer(config).control(first).checkpoints(file, List.of("--test"));
        stopped.listener(TrainingListener.both(after(4, () -> first.requestRate(0.0005)), after(27, stopped::requestStop)));
        assertThat(stopped.fit(network(), train(), validation()).interruptedAfterStep()).hasValue(27);

        Network resumed = network();
        History h = new Trainer(config).resumeFrom(Checkpoint.read(file)).fit(resumed, train(), validation());
        assertSameBits(withChange, resumed);
        assertThat(h.rateChanges()).containsExactly(new RateChange(5, 0.0005f, expected.rateChanges().get(0).scheduled()));
        assertThat(withoutClock(h.rows())).isEqualTo(withoutClock(expected.rows()));
    }

    @Test
    void ratesThatAreNotNumbersInRangeAreRefused() {
        TrainingControl control = new TrainingControl();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.1, 0, 1e-12, 11, 1e9}) {
            assertThatThrownBy(() -> control.requestRate(bad)).as("%s", bad).isInstanceOf(UserException.class)
                    .hasMessageStartingWith("a learning rate must be a number from 1.0E-8 to 10.0, got");
        }
        control.requestRate(10);
        assertThat(control.takeRequestedRate()).isEqualTo(10f);
        assertThat(control.takeRequestedRate()).isNull();
    }

    /** A change asked where the schedule's rate has underflowed to 0 holds the rate asked (0 cannot be scaled), never NaN. */
    @Test
    void aRateAskedWhereTheScheduleGivesZeroHoldsFromThere() {
        java.util.List<RateChange> changes = java.util.List.of(new RateChange(7, 0.01f, 0f));
        assertThat(RateChange.rate(changes, 0f)).isEqualTo(0.01f);
        assertThat(RateChange.rate(changes, 0.5f)).isEqualTo(0.01f);
        assertThat(changes.get(0).describe()).isEqualTo("update 7: 0.01 (held: the schedule's rate was 0)");
        assertThat(RateChange.rate(java.util.List.of(new RateChange(7, 0.01f, 0.02f)), 0.01f)).isEqualTo(0.005f);
    }
}
