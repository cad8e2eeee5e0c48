package org.scratchnet.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;

/**
 * The range test on a problem whose good rates are known: softmax regression (no hidden layer)
 * with plain gradient descent. Its loss has a Hessian bounded by L = λ_max(E[x̃ x̃ᵀ]) / 2 (x̃ = the
 * input with a 1 for the bias; the softmax's own curvature is at most 1/2), so gradient descent
 * is stable below 2 / L = 4 / λ_max and diverges well above it. The suggested rate must lie below
 * that bound and within three decades of it, and must move with it when the inputs are scaled.
 */
class LearningRateFinderTest {
    private static final int FEATURES = 20;
    private static final int CLASSES = 3;

    /**
     * Three noisy blobs in 20 dimensions, every input multiplied by {@code scale}, with a quarter of
     * the labels drawn at random: not separable, so the best weights are finite and a rate too large
     * throws them far from it, where the mislabelled examples cost a loss that grows with the weights.
     */
    private static Dataset blobs(double scale) {
        SplittableRandom r = new SplittableRandom(7);
        int n = 3000;
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int blob = i % CLASSES;
            y[i] = r.nextInt(4) == 0 ? r.nextInt(CLASSES) : blob;
            for (int j = 0; j < FEATURES; j++) {
                double mean = j % CLASSES == blob ? 1.0 : 0.0;
                x[i * FEATURES + j] = (float) (scale * (mean + 0.5 * (r.nextDouble() * 2 - 1)));
            }
        }
        return new Dataset(x, y, n, FEATURES, CLASSES, "blobs x" + scale);
    }

    /** 4 / λ_max(E[x̃ x̃ᵀ]), by power iteration: the rate above which gradient descent on this problem can diverge. */
    private static double stabilityBound(Dataset d) {
        int m = FEATURES + 1;
        double[][] c = new double[m][m];
        for (int i = 0; i < d.size; i++) {
            for (int a = 0; a < m; a++) {
                double xa = a < FEATURES ? d.x[i * FEATURES + a] : 1;
                for (int b = 0; b < m; b++) c[a][b] += xa * (b < FEATURES ? d.x[i * FEATURES + b] : 1) / d.size;
            }
        }
        double[] v = new double[m];
        java.util.Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] w = new double[m];
            for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) w[a] += c[a][b] * v[b];
            double norm = 0;
            for (double e : w) norm += e * e;
            norm = Math.sqrt(norm);
            for (int a = 0; a < m; a++) v[a] = w[a] / norm;
            lambda = norm;
        }
        return 4 / lambda;
    }

    private static LearningRateFinder.Result find(Dataset d) {
        Network net = Network.builder(FEATURES).softmax(CLASSES).init(Initializer.XAVIER).seed(3).build();
        return LearningRateFinder.run(net, d, OptimizerSpec.sgd(0.1f), 32, 5, 1e-6, 1e3, 200);
    }

    @Test
    void theSuggestionLiesBelowTheRateWhereGradientDescentDiverges() {
        for (double scale : new double[] {1, 10}) {
            Dataset d = blobs(scale);
            double bound = stabilityBound(d);
            LearningRateFinder.Result r = find(d);
            System.out.printf(java.util.Locale.ROOT, "scale %s: bound %.4g, suggestion %.4g, stopped at %.4g after %d updates%n",
                    scale, bound, r.suggestion(), r.points().get(r.points().size() - 1).rate(), r.points().size());
            assertThat(r.diverged()).as("rates up to 1e3 blow the loss up").isTrue();
            assertThat(r.suggestion()).isLessThan(bound).isGreaterThan(bound / 1000);
            assertThat(r.points().get(r.points().size() - 1).rate()).as("it stops once the loss rises").isGreaterThan(bound / 10);
        }
    }

    @Test
    void inputsTenTimesLargerMoveTheSuggestionAboutAHundredTimesLower() {
        double small = find(blobs(1)).suggestion();
        double large = find(blobs(10)).suggestion();
        assertThat(small / large).isBetween(10.0, 1000.0);
    }

    @Test
    void theSmoothedLossIsTheBiasCorrectedMovingAverage() {
        LearningRateFinder.Result r = find(blobs(1));
        List<LearningRateFinder.Point> p = r.points();
        assertThat(p.get(0).smoothed()).isEqualTo(p.get(0).loss(), org.assertj.core.api.Assertions.within(1e-12));
        double avg = 0;
        for (int i = 0; i < p.size(); i++) {
            avg = 0.98 * avg + 0.02 * p.get(i).loss();
            assertThat(p.get(i).smoothed()).isCloseTo(avg / (1 - Math.pow(0.98, i + 1)), org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(p.get(1).rate() / p.get(0).rate()).isCloseTo(Math.pow(1e9, 1.0 / 199), org.assertj.core.api.Assertions.within(1e-9));
    }
}
