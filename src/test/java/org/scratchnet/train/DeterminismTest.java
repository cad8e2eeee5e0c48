package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.OptimizerSpec;

class DeterminismTest {

    private record Run(List<History.Row> rows, List<float[]> weights) {}

    private static Run run(long seed) {
        Dataset train = Mnist.get()[0].head(2000);
        Dataset validation = Mnist.get()[1].head(500);
        Network net = Network.builder(784).dense(32, Activation.RELU).dropout(0.2f).softmax(10).seed(seed).build();
        History h = new Trainer(TrainingConfig.builder().optimizer(OptimizerSpec.adam(1e-3f)).batchSize(64).epochs(2).seed(seed).build()).fit(net, train, validation);
        List<float[]> w = new ArrayList<>();
        for (Parameter p : net.parameters()) w.add(p.value.clone());
        return new Run(h.rows(), w);
    }

    /** The row without its wall-clock time. */
    private static List<Object> content(History.Row r) {
        return List.of(r.iteration(), r.epoch(), r.samples(), r.trainLoss(), r.trainAccuracy(),
                r.validationLoss(), r.validationAccuracy());
    }

    @Test
    void sameSeedGivesIdenticalHistoryAndWeights() {
        Run a = run(7), b = run(7);
        assertThat(a.rows()).hasSize(2);
        assertThat(b.rows()).hasSize(2);
        for (int i = 0; i < 2; i++) assertThat(content(b.rows().get(i))).isEqualTo(content(a.rows().get(i)));
        for (int k = 0; k < a.weights().size(); k++) assertThat(b.weights().get(k)).containsExactly(a.weights().get(k));
    }

    @Test
    void differentSeedGivesDifferentRun() {
        Run a = run(7), c = run(8);
        assertThat(content(c.rows().get(1))).isNotEqualTo(content(a.rows().get(1)));
        assertThat(c.weights().get(0)).isNotEqualTo(a.weights().get(0));
    }
}
