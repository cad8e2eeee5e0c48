package org.scratchnet.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Network;

/** The mistakes listed are exactly the wrong predictions, surest first, each with its own probability. */
class ConfidentMistakesTest {

    @Test
    void listsTheWrongPredictionsSurestFirst() {
        Random random = new Random(5);
        int n = 300;
        float[] x = new float[n * 20];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat();
        for (int i = 0; i < n; i++) y[i] = random.nextInt(4);
        Dataset data = new Dataset(x, y, n, 20, 4, "noise");
        Network net = Network.builder(20).dense(8, Activation.TANH).softmax(4).seed(3).build();
        int[] predicted = net.predict(data);
        float[] p = net.predictProbabilities(x, n);
        int wrong = 0;
        for (int i = 0; i < n; i++) if (predicted[i] != y[i]) wrong++;
        assertThat(wrong).as("an untrained network on noise").isGreaterThan(100);

        List<ConfidentMistakes.Mistake> all = ConfidentMistakes.of(net, data, predicted, n);
        assertThat(all).hasSize(wrong);
        for (int k = 0; k < all.size(); k++) {
            ConfidentMistakes.Mistake m = all.get(k);
            assertThat(m.predicted()).isEqualTo(predicted[m.index()]).isNotEqualTo(m.actual());
            assertThat(m.actual()).isEqualTo(y[m.index()]);
            assertThat(m.confidence()).isEqualTo(p[m.index() * 4 + m.predicted()]);
            if (k > 0) assertThat(m.confidence()).isLessThanOrEqualTo(all.get(k - 1).confidence());
        }
        assertThat(ConfidentMistakes.of(net, data, predicted, 5)).isEqualTo(all.subList(0, 5));
        assertThat(all.get(0).caption()).matches("true \\d, pred \\d\n\\(\\d+\\.\\d%\\)");
        assertThat(ConfidentMistakes.pixels(data, 2)).containsExactly(java.util.Arrays.copyOfRange(x, 40, 60));
    }
}
