package org.scratchnet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scratchnet.nn.SoftmaxCrossEntropy;
import org.scratchnet.tensor.Kernels;

/**
 * The fast loss gives the reference's bits: probabilities, loss, arg-maxes and gradient, on 1-3
 * threads (the SIMD kernels take whole groups of rows in their lanes and leave the rest), for
 * MNIST's ten classes and others, row counts around the lanes' groups, ties, huge and tiny
 * logits, infinities and NaN.
 */
class FastSoftmaxCrossEntropyTest {

    private static final int[][] SHAPES = {  // rows, classes
            {1, 10}, {7, 10}, {8, 10}, {9, 10}, {17, 10}, {1001, 10}, {5000, 10}, {64, 3}, {13, 1}, {33, 2}, {70, 17}};

    /** Logits: mostly ordinary, some rows tied, huge, tiny, infinite or NaN. */
    private static float[] logits(int rows, int classes, SplittableRandom random) {
        float[] Z = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            int kind = random.nextInt(14);
            for (int c = 0; c < classes; c++) {
                float z = (float) random.nextGaussian() * 4f;
                Z[i * classes + c] = switch (kind) {
                    case 0 -> (float) random.nextInt(3);                        // ties
                    case 1 -> z * 1e30f;                                        // e^ underflows to 0
                    case 2 -> c == 1 ? Float.POSITIVE_INFINITY : z;
                    case 3 -> c == classes - 1 ? Float.NaN : z;
                    case 4 -> c == 0 ? Float.NEGATIVE_INFINITY : z;
                    case 5 -> z * 1e-30f;
                    case 6 -> c == 0 ? Float.NaN : z;                          // NaN the maximum
                    case 7 -> c == 0 ? -Float.NaN : z;
                    default -> z;
                };
            }
        }
        return Z;
    }

    @Test
    void givesTheReferenceBitsOnAnyThreadCount() {
        SplittableRandom random = new SplittableRandom(17);
        for (int[] s : SHAPES) {
            int n = s[0], C = s[1];
            float[] Z = logits(n, C, random);
            int[] y = new int[n + 3];
            for (int i = 0; i < y.length; i++) y[i] = random.nextInt(C);
            SoftmaxCrossEntropy reference = new SoftmaxCrossEntropy(C);
            int[] referenceCorrect = new int[1];
            double referenceLoss = reference.forward(Z, y, 3, n, referenceCorrect);
            float[] referenceA = reference.probabilities().clone();
            float[] referenceDz = reference.backward(y, 3, n).clone();
            for (int threads = 1; threads <= 3; threads++) {
                FastSoftmaxCrossEntropy fast = new FastSoftmaxCrossEntropy(C, Kernels.create(threads));
                String what = n + "x" + C + " on " + threads + " threads";
                for (int twice = 0; twice < 2; twice++) {  // workspaces reused
                    int[] correct = new int[1];
                    double loss = fast.forward(Z, y, 3, n, correct);
                    assertThat(Double.doubleToRawLongBits(loss)).as("loss " + what).isEqualTo(Double.doubleToRawLongBits(referenceLoss));
                    assertThat(correct[0]).as("right arg-maxes " + what).isEqualTo(referenceCorrect[0]);
                    assertThat(bits(fast.probabilities(), n * C)).as("A " + what).isEqualTo(bits(referenceA, n * C));
                    assertThat(bits(fast.backward(y, 3, n), n * C)).as("dZ " + what).isEqualTo(bits(referenceDz, n * C));
                }
                float[] noLabels = new float[n * C];
                fast.forward(Z, null, 0, n, null);
                System.arraycopy(fast.probabilities(), 0, noLabels, 0, n * C);
                assertThat(bits(noLabels, n * C)).as("A without labels " + what).isEqualTo(bits(referenceA, n * C));
            }
        }
    }

    private static int[] bits(float[] a, int size) {
        int[] bits = new int[size];
        for (int i = 0; i < size; i++) bits[i] = Float.floatToRawIntBits(a[i]);
        return bits;
    }
}
