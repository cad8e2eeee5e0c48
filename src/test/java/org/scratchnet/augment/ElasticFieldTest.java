package org.scratchnet.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.scratchnet.SplitMix;

/**
 * The elastic field's statistics against its parameters, measured on many draws over a 64 x 64
 * field (its middle is far from the zeros outside): the standard deviation is α · Σg² / √3 (uniform
 * draws have variance 1/3, and the 2-D kernel g(x)g(y) has Σ(g g)² = (Σg²)²), and the correlation
 * of two points d pixels apart is that of Gaussian-smoothed white noise, exp(-d² / 4σ²), which
 * falls to one half at d = 2σ√ln 2 ≈ 1.67σ: twice the σ, twice the length.
 */
class ElasticFieldTest {
    private static final int SIDE = 64;
    private static final int FIELDS = 150;

    /** The measured standard deviation, then the correlation at lags 0 .. 12 along x and along y, of the field's middle. */
    private static double[][] measure(double sigma, double alpha) {
        ElasticField field = new ElasticField(SIDE, sigma, alpha);
        SplitMix random = new SplitMix(7);
        float[] dx = new float[SIDE * SIDE];
        float[] dy = new float[SIDE * SIDE];
        int lags = 13;
        double[] sumSquares = new double[1];
        double[] alongX = new double[lags];
        double[] alongY = new double[lags];
        long count = 0;
        for (int f = 0; f < FIELDS; f++) {
            field.draw(random, dx, dy);
            for (float[] d : new float[][] {dx, dy}) {
                for (int y = 20; y < 36; y++) {
                    for (int x = 20; x < 36; x++) {
                        double v = d[y * SIDE + x];
                        sumSquares[0] += v * v;
                        for (int l = 0; l < lags; l++) {
                            alongX[l] += v * d[y * SIDE + x + l];
                            alongY[l] += v * d[(y + l) * SIDE + x];
                        }
                        count++;
                    }
                }
            }
        }
        double variance = sumSquares[0] / count;  // the field's mean is 0
        double[] rx = new double[lags];
        double[] ry = new double[lags];
        for (int l = 0; l < lags; l++) {
            rx[l] = alongX[l] / count / variance;
            ry[l] = alongY[l] / count / variance;
        }
        return new double[][] {{Math.sqrt(variance)}, rx, ry};
    }

    private static double theoreticalDeviation(double sigma, double alpha) {
        double sum = 0;
        for (float g : ElasticField.kernel(sigma, 1)) sum += (double) g * g;
        return alpha * sum / Math.sqrt(3);
    }

    /** The lag where the correlation first falls below 1/2, interpolated between whole lags. */
    private static double halfLength(double[] r) {
        for (int l = 1; l < r.length; l++) {
            if (r[l] < 0.5) return l - 1 + (r[l - 1] - 0.5) / (r[l - 1] - r[l]);
        }
        return Double.POSITIVE_INFINITY;
    }

    @Test
    void theDeviationIsAlphaTimesTheKernelsAndScalesWithAlpha() {
        for (double[] p : new double[][] {{4, 34}, {4, 8}, {2, 10}, {6, 40}}) {
            double measured = measure(p[0], p[1])[0][0];
            assertThat(measured).as("sigma %s, alpha %s", p[0], p[1]).isCloseTo(theoreticalDeviation(p[0], p[1]),
                    within(0.05 * theoreticalDeviation(p[0], p[1])));
        }
        // Simard's σ = 4, α = 34: displacements of about 1.4 pixels.
        assertThat(theoreticalDeviation(4, 34)).isCloseTo(1.38, within(0.01));
    }

    @Test
    void theCorrelationLengthGrowsWithSigmaAsSmoothedNoiseDoes() {
        double half2 = 0, half4 = 0;
        for (double sigma : new double[] {2, 4}) {
            double[][] m = measure(sigma, 34);
            for (int axis = 1; axis <= 2; axis++) {
                double[] r = m[axis];
                for (int d = 1; d <= 6; d++) {
                    assertThat(r[d]).as("sigma %s, lag %d, axis %d", sigma, d, axis)
                            .isCloseTo(Math.exp(-d * d / (4 * sigma * sigma)), within(0.06));
                }
                double half = halfLength(r);
                assertThat(half).as("half-correlation length, sigma %s", sigma).isCloseTo(2 * sigma * Math.sqrt(Math.log(2)),
                        within(0.1 * sigma));
                if (sigma == 2) half2 += half / 2;
                else half4 += half / 2;
            }
        }
        assertThat(half4 / half2).isCloseTo(2, within(0.15));
    }

    @Test
    void theSimdFieldGivesTheScalarFieldsBits() {
        // Sides with and without a tail shorter than a vector and rows not a multiple of four;
        // sigma 0.3 has three taps, fewer than the rows summed side by side.
        for (int side : new int[] {28, 5, 13, 64}) {
            for (double sigma : new double[] {0.3, 0.7, 4, 6.5}) {
                ElasticField scalar = new ElasticField(side, sigma, 34, Smoothing.scalar(), NoiseRows.SCALAR);
                ElasticField simd = new ElasticField(side, sigma, 34, new VectorSmoothing(), new VectorNoiseRows());
                int n = side * side;
                float[][] a = {new float[n], new float[n]};
                float[][] b = {new float[n], new float[n]};
                SplitMix r1 = new SplitMix(9);
                SplitMix r2 = new SplitMix(9);
                for (int k = 0; k < 20; k++) {
                    scalar.draw(r1, a[0], a[1]);
                    simd.draw(r2, b[0], b[1]);
                    assertThat(b[0]).as("side %d, sigma %s, field %d", side, sigma, k).isEqualTo(a[0]);
                    assertThat(b[1]).isEqualTo(a[1]);
                }
                assertThat(r2.nextLong()).as("both moved past the same draws").isEqualTo(r1.nextLong());
            }
        }
        assertThat(Smoothing.fastest()).isInstanceOf(VectorSmoothing.class);  // the tests run with the module, as the launcher does
        assertThat(NoiseRows.fastest()).isInstanceOf(VectorNoiseRows.class);
    }

    @Test
    void theNoiseIsTheGeneratorsDrawsInTheirStatedPlacesUniformInMinusOneToOne() {
        for (int side : new int[] {28, 5, 13}) {
            int h = NoiseRows.half(side);
            int stride = side + 7;
            for (NoiseRows rows : new NoiseRows[] {NoiseRows.SCALAR, new VectorNoiseRows()}) {
                SplitMix random = new SplitMix(123);
                float[] noise = new float[3 + side * stride + 64];
                long start = random.skip(NoiseRows.draws(side));
                rows.fill(start, random.gamma(), noise, 3, stride, side);
                SplitMix again = new SplitMix(123);
                long[] draws = new long[NoiseRows.draws(side)];
                for (int k = 0; k < draws.length; k++) draws[k] = again.nextLong();
                assertThat(random.nextLong()).isEqualTo(again.nextLong());
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        long d = x < h ? draws[y * h + x] >>> 40 : (draws[y * h + x - h] >>> 16) & 0xFFFFFF;
                        assertThat(noise[3 + y * stride + x]).as("side %d, y %d, x %d", side, y, x).isEqualTo(d * 0x1.0p-23f - 1f);
                    }
                    for (int x = side; x < stride; x++) assertThat(noise[3 + y * stride + x]).as("padding").isZero();
                }
            }
        }
        // Many fields' values: uniform in [-1, 1): mean 0, variance 1/3, the range used to its ends, every tenth equally often.
        SplitMix random = new SplitMix(4);
        float[] noise = new float[28 * 28 + 64];
        int[] tenths = new int[20];
        double sum = 0, squares = 0, lowest = 1, highest = -1;
        int fields = 2000;
        for (int f = 0; f < fields; f++) {
            new VectorNoiseRows().fill(random.skip(NoiseRows.draws(28)), random.gamma(), noise, 0, 28, 28);
            for (int i = 0; i < 784; i++) {
                float v = noise[i];
                assertThat(v).isBetween(-1f, 1f).isNotEqualTo(1f);
                sum += v;
                squares += v * v;
                lowest = Math.min(lowest, v);
                highest = Math.max(highest, v);
                tenths[(int) ((v + 1) * 10)]++;
            }
        }
        double count = fields * 784.0;
        assertThat(sum / count).isCloseTo(0, within(0.003));
        assertThat(squares / count).isCloseTo(1 / 3.0, within(0.002));
        assertThat(lowest).isLessThan(-0.9999);
        assertThat(highest).isGreaterThan(0.9999);
        for (int t : tenths) assertThat(t / count).isCloseTo(0.05, within(0.001));
    }

    @Test
    void alphaZeroIsNoDisplacementAtAll() {
        ElasticField field = new ElasticField(28, 4, 0);
        float[] dx = new float[784];
        float[] dy = new float[784];
        field.draw(new SplitMix(3), dx, dy);
        for (int i = 0; i < 784; i++) {
            assertThat(dx[i] == 0 && dy[i] == 0).as("pixel %d", i).isTrue();
        }
    }
}
