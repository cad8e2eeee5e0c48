package org.scratchnet.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Network;

/**
 * What one dense layer looks like at one update of a run, the figures people watch to see a
 * network train well or badly (DL4J's training UI, Karpathy's "A Recipe for Training Neural
 * Networks"), for layer l = 1 .. L in the paper's numbering:
 * <pre>
 *   activation mean, spread   mean and standard deviation of A[l] = g(Z[l]) over a fixed probe
 *                             batch (dropout off); none for the output layer (its A is the softmax)
 *   dead fraction             ReLU layers only: the share of units whose A is 0 for every example
 *                             of the probe batch (a unit that never fires gets no gradient)
 *   gradient norm             ||dW[l]||, the Frobenius norm of the update's mean gradient
 *   weight norm               ||W[l]|| before the update
 *   update ratio              ||W[l] after - W[l] before|| / ||W[l] before||: how far one update
 *                             moves the weights, relative to their size (about 1e-3 is healthy)
 * </pre>
 * Undefined figures are NaN (null in JSON). Computed in double from the network's own numbers.
 */
public record LayerStatistics(int layer, String activation, double activationMean, double activationStd, double deadFraction,
                              double gradientNorm, double weightNorm, double updateRatio) {

    /**
     * The statistics of every layer of {@code net} just after an update: {@code before} and
     * {@code gradients} are W[l] and dW[l] of each layer taken before it ({@link Network#weights},
     * {@link Network#weightGradient}); the activations are those of the first {@code n} rows of
     * {@code probe} through the updated network.
     */
    public static List<LayerStatistics> measure(Network net, float[] probe, int n, float[][] before, float[][] gradients) {
        Architecture a = net.architecture();
        int[] sizes = a.sizes();
        List<float[]> hidden = n > 0 ? net.hiddenActivations(probe, n) : List.of();
        List<LayerStatistics> out = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            boolean isHidden = l < a.activations().length;
            Activation g = isHidden ? a.activations()[l] : null;
            double mean = Double.NaN;
            double std = Double.NaN;
            double dead = Double.NaN;
            if (isHidden && n > 0) {
                float[] A = hidden.get(l);
                double[] ms = meanAndStd(A, n * sizes[l + 1]);
                mean = ms[0];
                std = ms[1];
                if (g == Activation.RELU) dead = deadFraction(A, n, sizes[l + 1]);
            }
            double weightNorm = norm(before[l]);
            out.add(new LayerStatistics(l + 1, isHidden ? g.id() : "softmax", mean, std, dead, norm(gradients[l]), weightNorm,
                    distance(net.weights(l), before[l]) / weightNorm));
        }
        return out;
    }

    /** Mean and (population) standard deviation of the first {@code count} values of {@code A}. */
    static double[] meanAndStd(float[] A, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) sum += A[i];
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < count; i++) squares += (A[i] - mean) * (A[i] - mean);
        return new double[] {mean, Math.sqrt(squares / count)};
    }

    /** The share of the {@code units} columns of A [n, units] that are 0 in every row. */
    static double deadFraction(float[] A, int n, int units) {
        int dead = 0;
        for (int j = 0; j < units; j++) {
            boolean fired = false;
            for (int i = 0; i < n && !fired; i++) fired = A[i * units + j] > 0f;
            if (!fired) dead++;
        }
        return (double) dead / units;
    }

    /** The Euclidean (Frobenius) norm. */
    static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }

    /** ||a - b||. */
    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
