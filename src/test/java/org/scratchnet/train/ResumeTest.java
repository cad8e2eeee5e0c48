package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;

/**
 * Exact resume on real MNIST: a run stopped after some update (mid-epoch, at an epoch's end, in
 * its first or last epoch) and continued from its checkpoint by a new trainer and a new network
 * ends with the same bits, in every weight and bias, as the run that was never stopped, and with
 * the same history (but its clock). For every optimiser and every schedule, with and without
 * dropout (whose masks come from generators the checkpoint restores), with the best epoch judged
 * and kept, and with the training images distorted on the fly (prepared ahead by a thread that a
 * stop ends mid-epoch). 1,000 images in batches of 50: 20 updates an epoch, 3 epochs.
 */
class ResumeTest {
    private static final int EPOCHS = 3;
    private static final int STEPS_PER_EPOCH = 20;

    @TempDir
    Path dir;

    private static Dataset train() {
        return Mnist.get()[0].head(1_000);
    }

    private static Dataset validation() {
        Dataset all = Mnist.get()[0];
        return all.subset(IntStream.range(all.size - 500, all.size).toArray(), "the last 500 training images");
    }

    private static Network network(float dropout) {
        return network(dropout, 0f);
    }

    /** The same with {@code inputDropout} of the pixels dropped before the first layer. */
    private static Network network(float dropout, float inputDropout) {
        var b = Network.builder(784).inputDropout(inputDropout).dense(32, Activation.RELU);
        if (dropout > 0) b.dropout(dropout);
        return b.dense(16, Activation.TANH).softmax(10).init(Initializer.KAIMING).seed(11).build();
    }

    private static TrainingConfig config(OptimizerSpec optimizer, ScheduleSpec schedule) {
        return TrainingConfig.builder().optimizer(optimizer).schedule(schedule).batchSize(50).epochs(EPOCHS).seed(11).build();
    }

    /** The run that was never stopped: its network, and its history. */
    private static Network uninterrupted(TrainingConfig config, float dropout, float inputDropout, List<History.Row> rows) {
        return uninterrupted(config, () -> network(dropout, inputDropout), rows);
    }

    private static Network uninterrupted(TrainingConfig config, Supplier<Network> network, List<History.Row> rows) {
        Network net = network.get();
        rows.addAll(new Trainer(config).fit(net, train(), validation()).rows());
        return net;
    }

    /** Trains with checkpoints to {@code file}, asking to stop after update {@code stopAfter}; returns the history. */
    private static History stoppedAfter(Trainer trainer, Network net, int stopAfter) {
        int[] updates = {0};
        trainer.listener(new TrainingListener() {
            @Override
            public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                if (++updates[0] == stopAfter) trainer.requestStop();
            }
        });
        return trainer.fit(net, train(), validation());
    }

    private void assertResumesExactly(TrainingConfig config, float dropout, int... stops) {
        assertResumesExactly(config, dropout, 0f, stops);
    }

    private void assertResumesExactly(TrainingConfig config, float dropout, float inputDropout, int... stops) {
        assertResumesExactly(config, () -> network(dropout, inputDropout), stops);
    }

    /** Stopped after each of {@code stops} and resumed, a new {@code network} each time: the bits of the run never stopped. */
    private void assertResumesExactly(TrainingConfig config, Supplier<Network> network, int... stops) {
        List<History.Row> expectedRows = new ArrayList<>();
        Network expected = uninterrupted(config, network, expectedRows);

        Path file = dir.resolve("run.checkpoint");
        Checkpoint from = null;
        int done = 0;
        for (int stop : stops) {
            Trainer trainer = new Trainer(config).checkpoints(file, List.of("--test", "run"));
            if (from != null) trainer.resumeFrom(from);
            History h = stoppedAfter(trainer, network.get(), stop - done);
            assertThat(h.interruptedAfterStep()).as("stopped after update %d", stop).hasValue(stop);
            from = Checkpoint.read(file);
            assertThat(from.step()).isEqualTo(stop);
            assertThat(from.options()).containsExactly("--test", "run");
            done = stop;
        }
        Network resumed = network.get();  // its own fresh weights, all replaced by the checkpoint's
        History h = new Trainer(config).resumeFrom(from).fit(resumed, train(), validation());

        for (int l = 0; l < expected.depth(); l++) {
            assertThat(resumed.weights(l)).as("W[%d] after resuming at %s", l, java.util.Arrays.toString(stops)).isEqualTo(expected.weights(l));
            assertThat(resumed.bias(l)).as("b[%d]", l).isEqualTo(expected.bias(l));
        }
        for (int k = 0; k < expected.parameters().size(); k++) {
            assertThat(resumed.parameters().get(k).value).as("parameter %s", expected.parameters().get(k).name)
                    .isEqualTo(expected.parameters().get(k).value);
        }
        for (int k = 0; k < expected.buffers().size(); k++) {
            assertThat(resumed.buffers().get(k)).as("buffer %d (running statistics)", k).isEqualTo(expected.buffers().get(k));
        }
        assertThat(withoutClock(h.rows())).isEqualTo(withoutClock(expectedRows));
    }

    private static List<History.Row> withoutClock(List<History.Row> rows) {
        return rows.stream().map(r -> new History.Row(r.iteration(), r.epoch(), r.samples(), r.trainLoss(), r.trainAccuracy(),
                r.validationLoss(), r.validationAccuracy(), 0, r.learningRate())).toList();
    }

    static Stream<Arguments> optimisersWithAndWithoutDropout() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : OptimizerSpec.NAMES) {
            float rate = name.equals("gd") || name.equals("sgd") || name.equals("momentum") || name.equals("nesterov") ? 0.05f : 0.002f;
            for (float dropout : new float[] {0f, 0.3f}) cases.add(Arguments.of(OptimizerSpec.parse(name, rate), dropout));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("optimisersWithAndWithoutDropout")
    void everyOptimiserResumesToTheBitMidEpochAndAtAnEpochsEnd(OptimizerSpec optimizer, float dropout) {
        TrainingConfig config = config(optimizer, ScheduleSpec.constant());
        assertResumesExactly(config, dropout, 7);                      // mid-epoch, in the first epoch
        assertResumesExactly(config, dropout, STEPS_PER_EPOCH);        // at the end of the first epoch
        assertResumesExactly(config, dropout, 13, 2 * STEPS_PER_EPOCH + 5);  // stopped twice: resumed runs checkpoint too
    }

    static Stream<ScheduleSpec> schedules() {
        return ScheduleSpec.NAMES.stream().map(ScheduleSpec::parse);
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void everyScheduleResumesToTheBit(ScheduleSpec schedule) {
        TrainingConfig config = config(OptimizerSpec.adam(0.003f), schedule);
        assertResumesExactly(config, 0.2f, 7);  // in the first epoch: reduce-on-plateau has judged none yet (its best is +∞)
        assertResumesExactly(config, 0.2f, 27);
        assertResumesExactly(config, 0.2f, 2 * STEPS_PER_EPOCH);
    }

    /**
     * One cycle with cycle_momentum: the momentum of each update comes from the schedule, so a run
     * resumed mid-cycle goes on with the momentum the uninterrupted run had there. And the cycle
     * is not a no-op: the same run with the momentum held ends elsewhere.
     */
    @Test
    void aRunWhoseMomentumCyclesResumesToTheBitAndDiffersFromOneWhoseMomentumIsHeld() {
        ScheduleSpec cycle = ScheduleSpec.oneCycle().with(ScheduleSpec.Setting.CYCLE_MOMENTUM, 0.8);
        OptimizerSpec adamw = OptimizerSpec.adamw(0.003f).with(OptimizerSpec.Setting.BETA1, 0.95f);
        assertResumesExactly(config(adamw, cycle), 0.2f, 27);
        assertResumesExactly(config(OptimizerSpec.nesterov(0.05f), cycle), 0f, 13);

        Network cycled = uninterrupted(config(adamw, cycle), 0.2f, 0f, new ArrayList<>());
        Network held = uninterrupted(config(adamw, ScheduleSpec.oneCycle()), 0.2f, 0f, new ArrayList<>());
        assertThat(cycled.weights(0)).isNotEqualTo(held.weights(0));
    }

    @Test
    void aRunWithInputDropoutResumesToTheBit() {
        TrainingConfig config = config(OptimizerSpec.momentum(0.05f, 0.9f), ScheduleSpec.constant());
        assertResumesExactly(config, 0.3f, 0.2f, 7);                               // mid-epoch
        assertResumesExactly(config, 0f, 0.2f, 13, 2 * STEPS_PER_EPOCH + 5);       // input dropout alone, stopped twice
        // The masks' generator is a piece of the checkpoint: a resumed network that starts it afresh diverges.
        Path file = dir.resolve("fresh.checkpoint");
        stoppedAfter(new Trainer(config).checkpoints(file, List.of()), network(0f, 0.2f), 7);
        Network uninterrupted = uninterrupted(config, 0f, 0.2f, new ArrayList<>());
        Network resumed = network(0f, 0.2f);
        Trainer trainer = new Trainer(config).resumeFrom(Checkpoint.read(file));
        trainer.listener(new TrainingListener() {
            private boolean first = true;

            @Override
            public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                if (first) resumed.dropoutGenerators().get(0).restore(new org.scratchnet.SplitMix(1).state());
                first = false;
            }
        });
        trainer.fit(resumed, train(), validation());
        assertThat(resumed.weights(0)).isNotEqualTo(uninterrupted.weights(0));
    }

    /**
     * Batch normalisation's running statistics (kept beside the weights, and in the best epoch's copy)
     * and the noise's generators are pieces of the checkpoint: a run with both resumes to the bit,
     * mid-epoch and at an epoch's end, with the best epoch judged and kept.
     */
    @Test
    void aRunWithBatchNormalisationAndNoiseResumesToTheBit() {
        Supplier<Network> network = () -> Network.builder(784).noise(0.3f).batchNorm().dense(32, Activation.RELU)
                .dense(16, Activation.TANH).softmax(10).init(Initializer.KAIMING).seed(11).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.002f)).schedule(ScheduleSpec.cosine())
                .batchSize(50).epochs(EPOCHS).seed(11).earlyStopping(EarlyStopping.DEFAULT.withMonitor(Monitor.VAL_ACCURACY)).build();
        assertResumesExactly(config, network, 7);
        assertResumesExactly(config, network, STEPS_PER_EPOCH, 2 * STEPS_PER_EPOCH + 5);
    }

    @Test
    void anAugmentedRunResumesToTheBitMidEpoch() {
        for (AugmentationSpec spec : new AugmentationSpec[] {AugmentationSpec.affine(), AugmentationSpec.both()}) {
            TrainingConfig config = config(OptimizerSpec.adamw(0.003f), ScheduleSpec.oneCycle()).toBuilder().augmentation(spec).build();
            assertResumesExactly(config, 0.2f, 7);                            // mid-epoch: the preparer was a batch ahead
            assertResumesExactly(config, 0.2f, 13, STEPS_PER_EPOCH + 11);      // stopped twice, in two epochs
        }
    }

    @Test
    void aCheckpointOfAnotherAugmentationIsRefused() {
        TrainingConfig plain = config(OptimizerSpec.adam(0.003f), ScheduleSpec.constant());
        Path file = dir.resolve("run.checkpoint");
        stoppedAfter(new Trainer(plain).checkpoints(file, List.of()), network(0f), 5);
        TrainingConfig augmented = plain.toBuilder().augmentation(AugmentationSpec.elastic()).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Trainer(augmented).resumeFrom(Checkpoint.read(file))
                        .fit(network(0f), train(), validation()))
                .isInstanceOf(org.scratchnet.UserException.class).hasMessageContaining("augmentation");
    }

    @Test
    void aRunStoppedEarlyResumesToItsEndAndKeepsItsBestEpoch() {
        TrainingConfig config = config(OptimizerSpec.adam(0.02f), ScheduleSpec.constant()).toBuilder().epochs(8).patience(1).build();
        assertResumesExactly(config, 0f, 5);
    }
}
