package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.augment.Augmenter;
import org.scratchnet.data.Dataset;
import org.scratchnet.engine.FastEngine;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.tensor.Kernels;

/**
 * Augmented training on real MNIST (1,000 images, batches of 50): the same seed gives the same
 * images, hence the same weights to the bit, on 1 and 2 threads and with the batches prepared
 * ahead or not; the batches hold the epoch's examples, distorted afresh each epoch and never in
 * place, also when the step's threads distort them in their waits; the preparer ends with the run.
 */
class AugmentedTrainingTest {

    private static Dataset train() {
        return Mnist.get()[0].head(1_000);
    }

    private static Dataset validation() {
        Dataset all = Mnist.get()[0];
        return all.subset(IntStream.range(all.size - 300, all.size).toArray(), "the last 300 training images");
    }

    private static TrainingConfig config(AugmentationSpec spec, long seed) {
        return TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.003f)).batchSize(50).epochs(2).seed(seed).augmentation(spec).build();
    }

    private static Network trained(TrainingConfig config, int threads, boolean ahead) {
        Network net = Network.builder(784).dense(32, Activation.RELU).dropout(0.2f).softmax(10).init(Initializer.KAIMING).seed(5)
                .engine(FastEngine.withThreads(threads)).build();
        new Trainer(config).prepareAhead(ahead).fit(net, train(), validation());
        return net;
    }

    private static void assertSameWeights(Network a, Network b, String what) {
        for (int l = 0; l < a.depth(); l++) {
            assertThat(b.weights(l)).as("W[%d], %s", l, what).isEqualTo(a.weights(l));
            assertThat(b.bias(l)).as("b[%d], %s", l, what).isEqualTo(a.bias(l));
        }
    }

    @Test
    void theSameSeedTrainsTheSameBitsOnOneAndTwoThreadsAheadOrNot() {
        TrainingConfig config = config(AugmentationSpec.both(), 11);
        Network reference = trained(config, 1, false);
        assertSameWeights(reference, trained(config, 1, true), "1 thread, prepared ahead");
        assertSameWeights(reference, trained(config, 2, false), "2 threads, prepared by the training thread");
        assertSameWeights(reference, trained(config, 2, true), "2 threads, prepared ahead");

        Network otherSeed = trained(config(AugmentationSpec.both(), 12), 2, true);
        Network plain = trained(config(AugmentationSpec.none(), 11), 2, true);
        assertThat(otherSeed.weights(0)).isNotEqualTo(reference.weights(0));
        assertThat(plain.weights(0)).isNotEqualTo(reference.weights(0));
        // Still learning (40 updates: 83% without distortions, 54% with both): the distortions are of digits, not noise.
        assertThat(Forward.lossAndAccuracy(reference, validation())[1]).isGreaterThan(0.4);
    }

    @Test
    void batchesHoldTheEpochsExamplesDistortedAfreshEachEpoch() {
        Dataset d = train();
        AugmentationSpec spec = AugmentationSpec.elastic();
        int[] order = IntStream.range(0, d.size).map(i -> d.size - 1 - i).toArray();
        float[] before = d.x.clone();
        try (AugmentedBatches ahead = new AugmentedBatches(d, 64, 16, 3, spec, FastEngine.withThreads(2).kernels(), true);
             AugmentedBatches inline = new AugmentedBatches(d, 64, 16, 3, spec, FastEngine.withThreads(2).kernels(), false)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int b = 0; b < 16; b++) {
                    AugmentedBatches.Batch x = ahead.next(epoch, order, b);
                    AugmentedBatches.Batch y = inline.next(epoch, order, b);
                    int n = Math.min(64, d.size - b * 64);
                    assertThat(Arrays.copyOf(x.x(), n * 784)).as("epoch %d, batch %d", epoch, b).isEqualTo(Arrays.copyOf(y.x(), n * 784));
                    for (int r = 0; r < n; r++) assertThat(x.y()[r]).isEqualTo(d.labels[order[b * 64 + r]]);
                }
            }
            // Resumed in the middle of an epoch, ahead: the same batch as from the start.
            try (AugmentedBatches resumed = new AugmentedBatches(d, 64, 16, 3, spec, FastEngine.withThreads(2).kernels(), true)) {
                assertThat(resumed.next(2, order, 9).x()).isEqualTo(inline.next(2, order, 9).x());
            }
            float[] epoch1 = inline.next(1, order, 0).x().clone();
            float[] epoch2 = inline.next(2, order, 0).x().clone();
            assertThat(epoch2).isNotEqualTo(epoch1);
            float[] expected = new float[784];
            new Augmenter(spec, 784).augment(d.x, order[0] * 784, expected, 0, Augmenter.exampleSeed(3, 1, order[0]));
            assertThat(Arrays.copyOf(epoch1, 784)).isEqualTo(expected);
        }
        assertThat(d.x).as("the training set itself is never distorted").isEqualTo(before);
    }

    @Test
    void theStepsThreadsDistortTheNextBatchInTheirWaitsToTheSameBits() {
        Dataset d = train();
        AugmentationSpec spec = AugmentationSpec.both();
        int[] order = IntStream.range(0, d.size).map(i -> (i * 7 + 3) % d.size).toArray();
        Kernels kernels = FastEngine.withThreads(2).kernels();
        int m = 64;
        int k = 192;
        float[] a = new float[m * k];
        float[] b = new float[k * k];
        float[] c = new float[m * k];
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
        Augmenter reference = new Augmenter(spec, 784);
        float[] expected = new float[784];
        try (AugmentedBatches batches = new AugmentedBatches(d, 64, 16, 3, spec, kernels, false)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int batch = 0; batch < 16; batch++) {
                    AugmentedBatches.Batch x = batches.next(epoch, order, batch);
                    int n = Math.min(64, d.size - batch * 64);
                    for (int r = 0; r < n; r++) {
                        int i = order[batch * 64 + r];
                        reference.augment(d.x, i * 784, expected, 0, Augmenter.exampleSeed(3, epoch, i));
                        assertThat(Arrays.copyOfRange(x.x(), r * 784, (r + 1) * 784)).as("epoch %d, batch %d, row %d", epoch, batch, r)
                                .isEqualTo(expected);
                        assertThat(x.y()[r]).isEqualTo(d.labels[i]);
                    }
                    // A step's parallel calls, each followed by the caller's own work, while the worker waits.
                    for (int call = 0; call < 8; call++) {
                        kernels.aTimesB(a, b, c, m, k, k);
                        long until = System.nanoTime() + 30_000;
                        while (System.nanoTime() < until) Thread.onSpinWait();
                    }
                }
            }
            long[] counts = batches.distortedAndInWaits();
            assertThat(counts[0]).isEqualTo(2 * 1_000);
            assertThat(counts[1]).as("images distorted in the waits").isPositive();
            // Asked out of turn (the next batch the waits were given is dropped): still the right images.
            AugmentedBatches.Batch x = batches.next(2, order, 0);
            AugmentedBatches.Batch again = batches.next(1, order, 7);
            int i = order[7 * 64 + 5];
            reference.augment(d.x, i * 784, expected, 0, Augmenter.exampleSeed(3, 1, i));
            assertThat(Arrays.copyOfRange(again.x(), 5 * 784, 6 * 784)).isEqualTo(expected);
            assertThat(x).isNotNull();
        }
    }

    @Test
    void thePreparerEndsWithTheRunHoweverItEnds() {
        TrainingConfig config = config(AugmentationSpec.affine(), 11);
        Network net = Network.builder(784).dense(16, Activation.RELU).softmax(10).seed(5).build();
        Trainer trainer = new Trainer(config);
        trainer.listener(new TrainingListener() {
            @Override
            public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                trainer.requestStop();
            }
        });
        History h = trainer.fit(net, train(), null);
        assertThat(h.interruptedAfterStep()).hasValue(1);
        new Trainer(config).fit(Network.builder(784).dense(16, Activation.RELU).softmax(10).seed(5).build(), train(), null);
        assertThat(preparers()).isEmpty();
    }

    private static Set<Thread> preparers() {
        Set<Thread> all = Thread.getAllStackTraces().keySet();
        return Set.copyOf(all.stream().filter(t -> t.getName().equals("scratchnet-augment") && t.isAlive()).toList());
    }
}
