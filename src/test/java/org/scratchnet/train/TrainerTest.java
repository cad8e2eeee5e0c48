package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.Schedule;
import org.scratchnet.schedule.ScheduleSpec;

class TrainerTest {

    /** n examples of f features: class c has mean +4 on feature c, noise N(0,1). */
    static Dataset blobs(int n, int f, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < f; j++) x[i * f + j] = (float) r.nextGaussian() + (j == y[i] ? 4f : 0f);
        }
        return new Dataset(x, y, n, f, classes, "blobs");
    }

    static Network net(int in, int classes) {
        return Network.builder(in).dense(16, Activation.RELU).softmax(classes).init(Initializer.KAIMING).seed(3).build();
    }

    @Test
    void hugeLearningRateDivergesWithAClearError() {
        Dataset data = blobs(200, 8, 4, 1);
        Trainer trainer = new Trainer(fullBatch(OptimizerSpec.gd(1e6f), 50));
        assertThatThrownBy(() -> trainer.fit(net(8, 4), data, null))
                .isInstanceOf(TrainingDivergedException.class)
                .isInstanceOf(UserException.class)
                .hasMessageContaining("diverged").hasMessageContaining("learning rate");
    }

    @Test
    void aFiniteButExplodedLossAlsoStopsTraining() {
        Dataset data = blobs(200, 8, 4, 1);
        Network net = net(8, 4);
        // Blown-up weights give logits near 1e8: the loss is finite but means nothing any more.
        float[] W = new float[4 * net.architecture().sizes()[1]];
        java.util.Arrays.fill(W, 1e7f);
        java.util.Arrays.fill(W, 0, 16, -1e7f);
        net.setWeights(1, W);
        Trainer trainer = new Trainer(fullBatch(OptimizerSpec.gd(1e-6f), 5));
        assertThatThrownBy(() -> trainer.fit(net, data, null))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("iteration 1");
    }

    @Test
    void mismatchedInputSizeIsAUserError() {
        Dataset data = blobs(20, 8, 4, 1);
        Trainer trainer = new Trainer(TrainingConfig.builder().optimizer(OptimizerSpec.adam(1e-3f)).batchSize(10).epochs(1).seed(1).build());
        assertThatThrownBy(() -> trainer.fit(net(9, 4), data, null))
                .isInstanceOf(UserException.class).hasMessageContaining("9 inputs").hasMessageContaining("8 features");
    }

    @Test
    void miniBatchRecordsOneRowPerEpoch() {
        Dataset data = blobs(250, 8, 4, 1);  // 4 steps per epoch of 64, the last one partial
        History h = new Trainer(TrainingConfig.builder().optimizer(OptimizerSpec.adam(1e-2f)).schedule(ScheduleSpec.constant()).batchSize(64)
                .epochs(3).seed(1).build()).fit(net(8, 4), data, data);
        assertThat(h.rows()).hasSize(3);
        assertThat(h.rows()).extracting(History.Row::epoch).containsExactly(1, 2, 3);
        assertThat(h.rows()).extracting(History.Row::iteration).containsExactly(4, 8, 12);
        assertThat(h.rows()).extracting(History.Row::samples).containsExactly(250L, 500L, 750L);
        assertThat(h.last().validationAccuracy()).isGreaterThan(0.6);  // learnable blobs
        assertThat(h.last().trainLoss()).isLessThan(h.rows().get(0).trainLoss());
    }

    @Test
    void fullBatchRecordsEveryRecordEveryIterations() {
        Dataset data = blobs(100, 8, 4, 1);
        History h = new Trainer(fullBatch(OptimizerSpec.gd(0.1f), 30).toBuilder().recording(Recording.every(10)).build()).fit(net(8, 4), data, null);
        assertThat(h.rows()).extracting(History.Row::iteration).containsExactly(10, 20, 30);
        assertThat(h.rows()).extracting(History.Row::epoch).containsExactly(10, 20, 30);
        assertThat(h.last().validationAccuracy()).isNaN();
        History h2 = new Trainer(fullBatch(OptimizerSpec.gd(0.1f), 25).toBuilder().recording(Recording.every(10)).build()).fit(net(8, 4), data, null);
        assertThat(h2.rows()).extracting(History.Row::iteration).containsExactly(10, 20, 25);
    }

    @Test
    void aboutFiftyPointsRecordsAboutFiftyRowsButAtMostTenPerEpoch() {
        Dataset data = blobs(100, 8, 4, 1);
        TrainingConfig config = fullBatch(OptimizerSpec.gd(0.1f), 200).toBuilder().recording(Recording.aboutPoints(50)).build();
        History h = new Trainer(config).fit(net(8, 4), data, null);
        assertThat(h.rows()).extracting(History.Row::iteration).hasSize(50).startsWith(4, 8).endsWith(196, 200);
        // One epoch of 100 single-example batches: 50 points would be 50 passes over the validation
        // set in one epoch; at most 10 per epoch leaves one every 10 updates.
        TrainingConfig miniBatch = config.toBuilder().batchSize(1).epochs(1).build();
        assertThat(new Trainer(miniBatch).fit(net(8, 4), data, null).rows()).extracting(History.Row::iteration)
                .containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
    }

    @Test
    void badConfigsAreUserErrors() {
        assertThatThrownBy(() -> OptimizerSpec.gd(0f)).isInstanceOf(UserException.class)
                .hasMessage("learning rate must be a positive number, got 0.0");
        assertThatThrownBy(() -> OptimizerSpec.gd(Float.NaN)).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> TrainingConfig.builder().batchSize(-1).build()).isInstanceOf(UserException.class)
                .hasMessageContaining("batch size must be positive");
        assertThatThrownBy(() -> Length.iterations(0)).isInstanceOf(UserException.class)
                .hasMessage("give a positive number of iterations, got 0");
        assertThatThrownBy(() -> OptimizerSpec.parse("lbfgs", 0.1f)).isInstanceOf(UserException.class)
                .hasMessage("unknown optimizer 'lbfgs': use gd, sgd, momentum, nesterov, rmsprop, adam or adamw");
    }

    @Test
    void theScheduleSetsEveryUpdatesRateAndTheHistoryRecordsIt() {
        Dataset data = blobs(100, 8, 4, 1);
        // Full batches: an epoch is one update, so a 2-epoch warm-up is 2 updates, then cosine over the other 8.
        TrainingConfig config = fullBatch(OptimizerSpec.adam(0.01f), 10).toBuilder().recording(Recording.every(1))
                .schedule(ScheduleSpec.cosine().with(ScheduleSpec.Setting.WARMUP, 2)).build();
        History h = new Trainer(config).fit(net(8, 4), data, null);
        Schedule expected = config.schedule().create(0.01f, 1, 10);
        assertThat(h.rows()).extracting(History.Row::learningRate)
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(t -> (double) expected.rate(t)).toArray(Double[]::new));
        assertThat(h.rows().get(0).learningRate()).isEqualTo((double) 0.005f);   // α · 1/2
        assertThat(h.rows().get(1).learningRate()).isEqualTo((double) 0.01f);    // the end of the warm-up
        assertThat(h.toCsv().lines().findFirst().orElseThrow()).endsWith(",seconds,learning_rate");
        assertThat(h.toCsv().lines().skip(1).findFirst().orElseThrow()).endsWith(",0.005");
    }

    @Test
    void aConstantScheduleTrainsToTheSameBitsAsBefore() {
        // The rate set before each update is α itself: a run with the default schedule is the run without one.
        Dataset data = blobs(200, 8, 4, 1);
        Network a = net(8, 4), b = net(8, 4);
        new Trainer(fullBatch(OptimizerSpec.momentum(0.1f), 20).toBuilder().schedule(ScheduleSpec.constant()).build()).fit(a, data, null);
        new Trainer(fullBatch(OptimizerSpec.momentum(0.1f), 20).toBuilder().schedule(ScheduleSpec.step().with(ScheduleSpec.Setting.GAMMA, 1))
                .build()).fit(b, data, null);
        for (int l = 0; l < a.depth(); l++) assertThat(b.weights(l)).isEqualTo(a.weights(l));
    }

    @Test
    void plateauReducesOnTheValidationLossAndNeedsAValidationSet() {
        Dataset data = blobs(250, 8, 4, 1);
        // A validation set whose labels are the next class's: it improves at first (the untrained net is unsure of all
        // classes), then worsens as the net learns the real ones, so the run meets plateaus.
        Dataset other = blobs(200, 8, 4, 2);
        int[] shifted = new int[other.size];
        for (int i = 0; i < other.size; i++) shifted[i] = (other.labels[i] + 1) % 4;
        Dataset validation = new Dataset(other.x, shifted, other.size, 8, 4, "shifted blobs");
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.01f)).batchSize(64).epochs(8).seed(1)
                .schedule(ScheduleSpec.plateau().with(ScheduleSpec.Setting.PATIENCE, 1)).build();
        History h = new Trainer(config).fit(net(8, 4), data, validation);
        // Patience 1: each epoch whose validation loss is no new lowest divides the next epoch's rate by 10.
        double best = Double.POSITIVE_INFINITY;
        int reductions = 0;
        for (History.Row row : h.rows()) {
            assertThat(row.learningRate()).as("epoch %d", row.epoch()).isEqualTo((double) (float) (0.01f * Math.pow(0.1f, reductions)));
            if (row.validationLoss() < best) best = row.validationLoss();
            else reductions++;
        }
        assertThat(reductions).as("the run met a plateau").isPositive();
        assertThatThrownBy(() -> new Trainer(config).fit(net(8, 4), data, null)).isInstanceOf(UserException.class)
                .hasMessage("the plateau schedule watches the validation loss, but there is no validation set; hold part of the"
                        + " training set out for validation, or choose another schedule");
    }

    private static TrainingConfig fullBatch(OptimizerSpec optimizer, int iterations) {
        return TrainingConfig.builder().optimizer(optimizer).fullBatch().iterations(iterations).seed(1).build();
    }
}
