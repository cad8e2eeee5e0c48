package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One forward and backward pass worked out by hand, like a textbook exercise: a 3-3-2 network
 * (ReLU hidden layer, softmax output) on a batch of two examples. The numbers are small integers
 * and quarters, so each line of the comments below can be checked on paper; the network must
 * produce exactly them. The output layer is the "dense layer on a 2x3 input" of the exercise: its
 * input A1 is [2, 3], and its dX (dA1) is what the hidden layer's gradients are made from.
 *
 * <pre>
 *   X  = | 1 2 0 |     y = [0, 0]   (both examples are class 0)
 *        | 0 1 2 |
 *
 *   W1 = |  0  1  0 |   b1 = [0, 1, 0]        W2 = |  0 1 2 |   b2 = [1, 1]
 *        | -1  1  0 |                              | -1 2 1 |
 *        |  1 -1  1 |
 *
 * forward
 *   Z1 = X·W1ᵀ + b1 = | 2 2 -1 |      row 1: [0+2+0, -1+2+0+1, 1-2+0]
 *                     | 1 2  1 |      row 2: [0+1+0,  0+1+0+1, 0-1+2]
 *   A1 = relu(Z1)   = | 2 2  0 |      (the -1 is cut to 0)
 *                     | 1 2  1 |
 *   Z2 = A1·W2ᵀ + b2 = | 3 3 |        row 1: [0+2+0+1, -2+4+0+1]
 *                      | 5 5 |        row 2: [0+2+2+1, -1+4+1+1]
 *   A2 = softmax(Z2) = | 1/2 1/2 |    equal logits: equal probabilities
 *                      | 1/2 1/2 |
 *   loss = -(1/2) (ln 1/2 + ln 1/2) = ln 2 per example; computeGradients returns the sum, 2 ln 2
 *
 * backward (m = 2)
 *   dZ2 = (A2 - Y) / m = | -1/4 1/4 |     Y = one-hot(y) = | 1 0 |
 *                        | -1/4 1/4 |                      | 1 0 |
 *   dW2 = dZ2ᵀ·A1 = | -3/4 -1 -1/4 |     row 1: -1/4 ([2 2 0] + [1 2 1]) = -1/4 [3 4 1]
 *                   |  3/4  1  1/4 |
 *   db2 = Σ_rows dZ2 = [-1/2, 1/2]
 *   dA1 = dZ2·W2 (the output layer's dX) = | -1/4 1/4 -1/4 |   each row: -1/4 [0 1 2] + 1/4 [-1 2 1]
 *                                          | -1/4 1/4 -1/4 |
 *   dZ1 = dA1 ⊙ relu'(Z1) = | -1/4 1/4    0 |   relu'(Z1) = | 1 1 0 |
 *                           | -1/4 1/4 -1/4 |               | 1 1 1 |
 *   dW1 = dZ1ᵀ·X = | -1/4 -3/4 -1/2 |    unit 0: -1/4 [1 2 0] - 1/4 [0 1 2]
 *                  |  1/4  3/4  1/2 |    unit 1: +1/4 [1 2 0] + 1/4 [0 1 2]
 *                  |    0 -1/4 -1/2 |    unit 2:    0 [1 2 0] - 1/4 [0 1 2]
 *   db1 = Σ_rows dZ1 = [-1/2, 1/2, -1/4]
 * </pre>
 * Every number is a sum of a few quarters, exact in float whatever the order of summation, so
 * the only tolerance needed is for ln 2 (1e-6 is far below any mistake a wrong formula makes).
 * Both engines must produce them: the reference one and the fast one the builder uses by default.
 */
class HandComputedNetworkTest {

    static final float[] X = {
        1, 2, 0,
        0, 1, 2};
    static final int[] Y = {0, 0};

    static Network exercise(Engine engine) {
        Network net = Network.builder(3).dense(3, Activation.RELU).softmax(2).engine(engine).build();
        net.setWeights(0, new float[] {
            0, 1, 0,
            -1, 1, 0,
            1, -1, 1});
        net.setBias(0, new float[] {0, 1, 0});
        net.setWeights(1, new float[] {
            0, 1, 2,
            -1, 2, 1});
        net.setBias(1, new float[] {1, 1});
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.scratchnet.nn.BothEngines#engines")
    void forwardPassGivesTheHandComputedActivationsAndProbabilities(Engine engine) {
        Network net = exercise(engine);
        assertThat(net.hiddenActivations(X, 2).get(0)).as("A1 = relu(Z1)").containsExactly(
                2, 2, 0,
                1, 2, 1);
        assertThat(net.predictProbabilities(X, 2)).as("A2 = softmax(Z2)").containsExactly(
                new float[] {0.5f, 0.5f, 0.5f, 0.5f}, within(1e-6f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.scratchnet.nn.BothEngines#engines")
    void onePassGivesTheProbabilitiesAndTheActivationsOfTwo(Engine engine) {
        Network net = exercise(engine);
        java.util.List<float[]> hidden = new java.util.ArrayList<>();
        float[] probabilities = net.predictProbabilities(X, 2, hidden);
        assertThat(probabilities).containsExactly(net.predictProbabilities(X, 2));
        assertThat(hidden).hasSize(1);
        assertThat(hidden.get(0)).containsExactly(net.hiddenActivations(X, 2).get(0));
        assertThat(hidden.get(0)).containsExactly(2, 2, 0, 1, 2, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.scratchnet.nn.BothEngines#engines")
    void backwardPassGivesTheHandComputedGradients(Engine engine) {
        Network net = exercise(engine);
        double lossSum = net.computeGradients(X, Y, 0, 2);
        assertThat(lossSum).as("summed loss 2 ln 2").isCloseTo(2 * Math.log(2), within(1e-6));

        assertThat(net.weightGradient(1)).as("dW2").containsExactly(new float[] {
            -0.75f, -1f, -0.25f,
            0.75f, 1f, 0.25f}, within(1e-6f));
        assertThat(net.biasGradient(1)).as("db2").containsExactly(new float[] {-0.5f, 0.5f}, within(1e-6f));

        // dA1 (the output layer's dX) is not exposed; it reaches dW1 and db1 through dZ1
        assertThat(net.weightGradient(0)).as("dW1").containsExactly(new float[] {
            -0.25f, -0.75f, -0.5f,
            0.25f, 0.75f, 0.5f,
            0f, -0.25f, -0.5f}, within(1e-6f));
        assertThat(net.biasGradient(0)).as("db1").containsExactly(new float[] {-0.5f, 0.5f, -0.25f}, within(1e-6f));
    }
}
