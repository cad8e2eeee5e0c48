package org.scratchnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Network;

/**
 * What jshell and a debugger show for the objects a library user holds: their shape and origin,
 * not {@code Dataset@5010be6}; and counts in words with the right number ("1 class", "2 classes").
 */
class ToStringTest {

    @Test
    void aDatasetSaysItsSizeShapeLabelsAndSource() {
        Dataset d = new Dataset(new float[3 * 4], new int[] {0, 1, 1}, 3, 4, 2, "toy.csv");
        assertThat(d).hasToString("Dataset of 3 examples x 4 features, 2 classes, labelled, from toy.csv");
        Dataset one = new Dataset(new float[1], null, 1, 1, 1, "one");
        assertThat(one).hasToString("Dataset of 1 example x 1 feature, 1 class, unlabelled, from one");
    }

    @Test
    void aNetworkSaysItsArchitectureAndParameterCount() {
        Network net = Network.builder(784).dense(32, Activation.RELU).dropout(0.1f).softmax(10).build();
        // 784*32 + 32 + 32*10 + 10 = 25,450
        assertThat(net).hasToString("Network 784-32-10 relu,softmax dropout 0.1 (25,450 parameters)");
    }

    @Test
    void countsAreSingularForOneOnly() {
        assertThat(Count.of(1, "epoch")).isEqualTo("1 epoch");
        assertThat(Count.of(0, "epoch")).isEqualTo("0 epochs");
        assertThat(Count.of(1000, "iteration")).isEqualTo("1,000 iterations");
        assertThat(Count.of(2, "class", "classes")).isEqualTo("2 classes");
    }
}
