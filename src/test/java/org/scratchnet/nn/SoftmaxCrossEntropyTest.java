package org.scratchnet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    @Test
    void handComputedLossAndGradient() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);
        int[] correct = new int[1];
        double l = loss.forward(new float[] {1, 2, 3}, new int[] {2}, 0, 1, correct);
        // -log(e^3 / (e + e^2 + e^3)) = 0.40760596
        assertThat(l).isCloseTo(0.40760596, within(1e-6));
        assertThat(correct[0]).isEqualTo(1);
        // softmax([1,2,3]) = [0.09003057, 0.24472847, 0.66524096]
        float[] A = loss.probabilities();
        assertThat(A[0]).isCloseTo(0.09003057f, within(1e-6f));
        assertThat(A[1]).isCloseTo(0.24472847f, within(1e-6f));
        assertThat(A[2]).isCloseTo(0.66524096f, within(1e-6f));
        float[] dZ = loss.backward(new int[] {2}, 0, 1);
        assertThat(dZ[0]).isCloseTo(0.09003057f, within(1e-6f));
        assertThat(dZ[1]).isCloseTo(0.24472847f, within(1e-6f));
        assertThat(dZ[2]).isCloseTo(0.66524096f - 1f, within(1e-6f));
    }

    @Test
    void gradientIsDividedByBatchSizeAndUsesLabelOffset() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);
        int[] y = {9, 0, 2};  // offset 1: labels 0 and 2
        int[] correct = new int[1];
        double l = loss.forward(new float[] {1, 2, 3, 0, 0, 0}, y, 1, 2, correct);
        // row 0 label 0: -log(0.09003057) = 2.40760596; row 1 uniform: log 3 = 1.09861229
        assertThat(l).isCloseTo(2.40760596 + 1.09861229, within(1e-5));
        assertThat(correct[0]).isEqualTo(0);  // row 0 predicts 2; row 1 ties -> argmax 0, label 2
        float[] dZ = loss.backward(y, 1, 2);
        assertThat(dZ[0]).isCloseTo((0.09003057f - 1f) / 2, within(1e-6f));
        assertThat(dZ[1]).isCloseTo(0.24472847f / 2, within(1e-6f));
        assertThat(dZ[2]).isCloseTo(0.66524096f / 2, within(1e-6f));
        assertThat(dZ[3]).isCloseTo(1f / 6, within(1e-6f));
        assertThat(dZ[4]).isCloseTo(1f / 6, within(1e-6f));
        assertThat(dZ[5]).isCloseTo((1f / 3 - 1f) / 2, within(1e-6f));
    }

    @Test
    void extremeLogitsStayFinite() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);
        float[][] cases = {{1000, 0, -1000}, {-1e4f, 0, 1e4f}, {-1e4f, -1e4f, -1e4f}};
        for (float[] z : cases) {
            for (int label = 0; label < 3; label++) {
                double l = loss.forward(z, new int[] {label}, 0, 1, null);
                assertThat(l).as("loss for %s label %d", java.util.Arrays.toString(z), label).isFinite().isGreaterThanOrEqualTo(0);
                float[] A = loss.probabilities();
                double sum = 0;
                for (int c = 0; c < 3; c++) { assertThat(A[c]).isFinite().isBetween(0f, 1f); sum += A[c]; }
                assertThat(sum).isCloseTo(1.0, within(1e-6));
            }
        }
        // confident wrong answer: loss = 2000 exactly (log-sum-exp), not infinity
        assertThat(loss.forward(new float[] {1000, 0, -1000}, new int[] {2}, 0, 1, null)).isCloseTo(2000, within(1e-3));
        assertThat(loss.forward(new float[] {1000, 0, -1000}, new int[] {0}, 0, 1, null)).isCloseTo(0, within(1e-6));
    }

    @Test
    void probabilitiesSumToOneForRandomLogits() {
        java.util.Random r = new java.util.Random(3);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(10);
        float[] z = new float[50 * 10];
        for (int i = 0; i < z.length; i++) z[i] = (float) (r.nextGaussian() * 20);
        loss.forward(z, null, 0, 50, null);
        float[] A = loss.probabilities();
        for (int i = 0; i < 50; i++) {
            double s = 0;
            for (int c = 0; c < 10; c++) s += A[i * 10 + c];
            assertThat(s).isCloseTo(1.0, within(1e-5));
        }
    }
}
