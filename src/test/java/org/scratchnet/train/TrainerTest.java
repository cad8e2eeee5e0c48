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
        History h = new Trainer(TrainingConfig.builder().optimizer(OptimizerSpec.adam(1e-2f)).batchSize(64).epochs(3).seed(1).build()).fit(net(8, 4), data, data);
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
                .hasMessage("unknown optimizer 'lbfgs': use gd, sgd, momentum or adam");
    }

    private static TrainingConfig fullBatch(OptimizerSpec optimizer, int iterations) {
        return TrainingConfig.builder().optimizer(optimizer).fullBatch().iterations(iterations).seed(1).build();
    }
}
