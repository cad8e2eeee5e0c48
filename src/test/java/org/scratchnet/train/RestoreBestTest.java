package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;

/**
 * Restore-best and early stopping on real MNIST. A small network trained on 2,000 images with a
 * large step overfits within a few epochs, so its best validation epoch is not its last: the
 * network the run ends with must then be the best epoch's, to the bit (its validation loss and
 * accuracy measured afterwards equal those the history recorded for that epoch), where keeping
 * the last leaves the last epoch's.
 */
class RestoreBestTest {

    private static final int EPOCHS = 10;

    private static Dataset train() {
        return Mnist.get()[0].head(2_000);
    }

    /** 2,000 other training images (60,000 - 2,000 onwards), none of which the network trains on. */
    private static Dataset validation() {
        Dataset all = Mnist.get()[0];
        return all.subset(IntStream.range(all.size - 2_000, all.size).toArray(), "the last 2,000 training images");
    }

    private static Network network() {
        return Network.builder(784).dense(64, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(5).build();
    }

    private static TrainingConfig.Builder config() {
        // A constant rate: the run overfits and its validation loss turns up, which the tests need.
        return TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.01f)).schedule(ScheduleSpec.constant()).batchSize(32)
                .epochs(EPOCHS).seed(5);
    }

    @Test
    void theRunEndsWithTheBestEpochsWeights() {
        Dataset validation = validation();
        Network net = network();
        History h = new Trainer(config().build()).fit(net, train(), validation);

        BestEpoch.State best = h.best().orElseThrow();
        List<History.Row> rows = h.rows();
        assertThat(rows).hasSize(EPOCHS);
        double lowest = rows.stream().mapToDouble(History.Row::validationLoss).min().orElseThrow();
        assertThat(best.validationLoss()).as("the best epoch by val_loss").isEqualTo(lowest);
        assertThat(best.epoch()).as("overfitting: the best epoch is not the last").isLessThan(EPOCHS);
        History.Row bestRow = rows.get(best.epoch() - 1);
        assertThat(best.validationAccuracy()).isEqualTo(bestRow.validationAccuracy());
        assertThat(h.keptBest()).isTrue();
        assertThat(h.stoppedEpoch()).isEmpty();

        double[] measured = Forward.lossAndAccuracy(net, validation);
        assertThat(measured[0]).as("validation loss of the network the run ended with").isEqualTo(bestRow.validationLoss());
        assertThat(measured[1]).as("validation accuracy of the network the run ended with").isEqualTo(bestRow.validationAccuracy());
        assertThat(measured[0]).isNotEqualTo(rows.get(EPOCHS - 1).validationLoss());
    }

    @Test
    void keepingTheLastEndsWithTheLastUpdatesWeights() {
        Dataset validation = validation();
        Network net = network();
        History h = new Trainer(config().keep(Keep.LAST).build()).fit(net, train(), validation);
        assertThat(h.keptBest()).isFalse();
        assertThat(h.best()).isEmpty();  // nothing asked for a judgement
        double[] measured = Forward.lossAndAccuracy(net, validation);
        assertThat(measured[0]).isEqualTo(h.last().validationLoss());
        assertThat(measured[1]).isEqualTo(h.last().validationAccuracy());
    }

    @Test
    void patienceStopsTheRunAndTheBestEpochIsKept() {
        Dataset validation = validation();
        History full = new Trainer(config().build()).fit(network(), train(), validation);
        int best = full.best().orElseThrow().epoch();

        Network net = network();
        History h = new Trainer(config().patience(2).build()).fit(net, train(), validation);
        // The same run up to the stop: the same best epoch, and two epochs after it without improvement.
        BestEpoch.State fullBest = full.best().orElseThrow();
        assertThat(best + 2).as("the full run overfits long enough to stop early").isLessThan(EPOCHS);
        assertThat(h.best()).hasValue(new BestEpoch.State(best, fullBest.validationLoss(), fullBest.validationAccuracy(), 2));
        assertThat(h.stoppedEpoch()).hasValue(best + 2);
        assertThat(h.rows()).hasSize(best + 2);
        assertThat(h.rows()).isEqualTo(full.rows().subList(0, best + 2).stream()
                .map(r -> new History.Row(r.iteration(), r.epoch(), r.samples(), r.trainLoss(), r.trainAccuracy(),
                        r.validationLoss(), r.validationAccuracy(), h.rows().get(r.epoch() - 1).seconds(), r.learningRate())).toList());
        assertThat(Forward.lossAndAccuracy(net, validation)[0]).isEqualTo(h.best().get().validationLoss());
    }

    @Test
    void withoutAValidationSetNothingIsJudged() {
        Network net = network();
        History h = new Trainer(config().epochs(2).patience(1).build()).fit(net, train(), null);
        assertThat(h.best()).isEmpty();
        assertThat(h.stoppedEpoch()).isEmpty();
        assertThat(h.keptBest()).isFalse();
        assertThat(h.rows()).hasSize(2);
    }
}
