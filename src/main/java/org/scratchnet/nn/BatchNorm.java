package org.scratchnet.nn;

import java.util.List;
import org.scratchnet.SplitMix;
import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015) of a dense layer's pre-activation, with optional
 * Gaussian noise on the normalised values (Rasmus et al. 2015's corrupted encoder: the noise is
 * added after normalising and before the scale, so the network cannot drown it by growing Z).
 * Each unit j is normalised over the batch, then scaled and shifted by learned γ[j], β[j]:
 *
 * <pre>
 *   Z [n, width] -> out [n, width]
 *   forward (training):  μ[j] = Σᵢ Z[i,j] / n,   σ²[j] = Σᵢ (Z[i,j] - μ[j])² / n,   s[j] = 1 / √(σ²[j] + ε)
 *                        Ẑ[i,j] = (Z[i,j] - μ[j]) · s[j],   Ž = Ẑ + noise·E  (E ~ N(0, 1), as {@link GaussianNoise})
 *                        out[i,j] = γ[j] · Ž[i,j] + β[j]
 *                        running μ ← (1 - m)·running μ + m·μ,   running σ² ← (1 - m)·running σ² + m·σ²·n/(n-1)
 *   forward (eval):      out[i,j] = γ[j] · (Z[i,j] - running μ[j]) / √(running σ²[j] + ε) + β[j]
 *   backward:            dγ[j] = Σᵢ dOut[i,j] · Ž[i,j],   dβ[j] = Σᵢ dOut[i,j],   dẐ = dOut · γ
 *                        dZ[i,j] = s[j] / n · (n·dẐ[i,j] - Σₖ dẐ[k,j] - Ẑ[i,j] · Σₖ dẐ[k,j]·Ẑ[k,j])
 * </pre>
 * (the noise does not depend on Z, so the last line is the noiseless one, with Ẑ). At evaluation
 * the layer is an affine map of Z per unit, which {@link #foldInto} folds into the dense layer
 * before it: a saved model is a plain network. Sums are in double, each unit's over the batch's rows
 * in order; the fast engine shares the units out among its threads, which changes no number.
 * ε = 1e-5 and m = 0.1, as PyTorch's BatchNorm1d.
 */
public final class BatchNorm implements RandomLayer {
    /** Added to the variance before the square root: PyTorch's default. */
    public static final float EPSILON = 1e-5f;
    /** The weight of a batch's statistics in the running ones: PyTorch's default. */
    public static final float MOMENTUM = 0.1f;

    private final int width;
    private final float noise;
    private final Parameter gamma;
    private final Parameter beta;
    private final float[] runningMean;
    private final float[] runningVariance;
    private final SplitMix keys;
    private boolean frozen;
    private boolean drawn;
    private long key;
    private boolean lastWasTraining;
    private final double[] mean;
    private final double[] scale;    // s[j] = 1 / √(σ²[j] + ε) of the last training pass
    private float[] normalised;      // Ẑ [n, width]
    private float[] noisy;           // Ž [n, width]: noisyBuffer, or Ẑ itself without noise
    private float[] noisyBuffer;
    private float[] out;             // workspace [n, width]
    private float[] dZ;              // workspace [n, width]
    private final double[] sumD;     // Σₖ dẐ[k,j] (and Σₖ (Z[k,j] - μ[j])² in the forward pass)
    private final double[] sumDZ;    // Σₖ dẐ[k,j]·Ẑ[k,j]
    private final double[] dGamma;
    private final double[] dBeta;
    private final Kernels threads;   // shares the units out among threads: each unit's numbers are the same on any count

    /** Layer {@code index}'s normalisation of {@code width} units, γ = 1, β = 0, running statistics 0 and 1, on one thread. */
    public BatchNorm(int index, int width, float noise, long seed) {
        this(index, width, noise, seed, new ReferenceKernels());
    }

    /** The same, its units shared out among the threads of {@code threads} ({@link Kernels#forEachTask}): the same numbers. */
    public BatchNorm(int index, int width, float noise, long seed, Kernels threads) {
        if (!(noise >= 0f && Float.isFinite(noise))) {
            throw new IllegalArgumentException("noise must be a finite standard deviation >= 0, got " + noise);
        }
        this.width = width;
        this.noise = noise;
        this.gamma = new Parameter("batchnorm." + index + ".weight", width);
        this.beta = new Parameter("batchnorm." + index + ".bias", width);
        java.util.Arrays.fill(gamma.value, 1f);
        this.runningMean = new float[width];
        this.runningVariance = new float[width];
        java.util.Arrays.fill(runningVariance, 1f);
        this.keys = new SplitMix(seed);
        this.mean = new double[width];
        this.scale = new double[width];
        this.sumD = new double[width];
        this.sumDZ = new double[width];
        this.dGamma = new double[width];
        this.dBeta = new double[width];
        this.threads = threads;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    /** γ, the learned scale of each unit. */
    public Parameter gamma() {
        return gamma;
    }

    /** β, the learned shift of each unit. */
    public Parameter beta() {
        return beta;
    }

    /** The running mean of Z per unit, used at evaluation; trained, not learned (a checkpoint saves it). */
    public float[] runningMean() {
        return runningMean;
    }

    /** The running variance of Z per unit (unbiased), used at evaluation. */
    public float[] runningVariance() {
        return runningVariance;
    }

    /** Takes γ, β and the running statistics of {@code other}, a normalisation of as many units. */
    public void copyFrom(BatchNorm other) {
        System.arraycopy(other.gamma.value, 0, gamma.value, 0, width);
        System.arraycopy(other.beta.value, 0, beta.value, 0, width);
        System.arraycopy(other.runningMean, 0, runningMean, 0, width);
        System.arraycopy(other.runningVariance, 0, runningVariance, 0, width);
    }

    /** The standard deviation of the noise added to the normalised values in training (0: none). */
    public float noise() {
        return noise;
    }

    @Override
    public SplitMix random() {
        return keys;
    }

    @Override
    public void freezeMask(boolean frozen) {
        this.frozen = frozen;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public float[] forward(float[] Z, int n, boolean training) {
        lastWasTraining = training;
        int size = n * width;
        out = Workspace.ensure(out, size);
        if (!training) {
            threads.forEachTask(width, (from, to) -> evaluate(Z, n, from, to));
            return out;
        }
        normalised = Workspace.ensure(normalised, size);
        threads.forEachTask(width, (from, to) -> normalise(Z, n, from, to));
        noisy = normalised;
        if (noise > 0f) {
            if (!frozen || !drawn) {
                key = keys.nextLong();
                drawn = true;
            }
            noisyBuffer = Workspace.ensure(noisyBuffer, size);
            noisy = noisyBuffer;
            GaussianNoise.add(normalised, noisy, key, noise, size, threads);
        }
        threads.forEachTask(width, (from, to) -> scaleAndShift(n, from, to));
        return out;
    }

    /** out = γ·(Z - running μ)/√(running σ² + ε) + β for the units [from, to). */
    private void evaluate(float[] Z, int n, int from, int to) {
        for (int j = from; j < to; j++) {
            mean[j] = runningMean[j];
            scale[j] = 1.0 / Math.sqrt((double) runningVariance[j] + EPSILON);
        }
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                out[i * width + j] = (float) (gamma.value[j] * ((Z[i * width + j] - mean[j]) * scale[j]) + beta.value[j]);
            }
        }
    }

    /**
     * μ, σ², s and Ẑ of the units [from, to), and their running statistics. Each unit's sums run over
     * the rows in order whatever the range, so the numbers do not depend on how units are shared out.
     */
    private void normalise(float[] Z, int n, int from, int to) {
        java.util.Arrays.fill(mean, from, to, 0.0);
        java.util.Arrays.fill(sumD, from, to, 0.0);  // here: Σ (Z - μ)², reused before backward needs it
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) mean[j] += Z[i * width + j];
        }
        for (int j = from; j < to; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                double d = Z[i * width + j] - mean[j];
                sumD[j] += d * d;
            }
        }
        for (int j = from; j < to; j++) {
            double variance = sumD[j] / n;
            scale[j] = 1.0 / Math.sqrt(variance + EPSILON);
            runningMean[j] = (float) ((1 - MOMENTUM) * runningMean[j] + MOMENTUM * mean[j]);
            runningVariance[j] = (float) ((1 - MOMENTUM) * runningVariance[j] + MOMENTUM * variance * n / Math.max(n - 1, 1));
        }
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) normalised[i * width + j] = (float) ((Z[i * width + j] - mean[j]) * scale[j]);
        }
    }

    /** out = γ·Ž + β for the units [from, to). */
    private void scaleAndShift(int n, int from, int to) {
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) out[i * width + j] = gamma.value[j] * noisy[i * width + j] + beta.value[j];
        }
    }

    @Override
    public float[] backward(float[] dOut, int n) {
        if (!lastWasTraining) throw new IllegalStateException("backward needs a training forward pass before it");
        dZ = Workspace.ensure(dZ, n * width);
        threads.forEachTask(width, (from, to) -> backward(dOut, n, from, to));
        return dZ;
    }

    /** dγ, dβ and dZ of the units [from, to): the backward lines of the header. */
    private void backward(float[] dOut, int n, int from, int to) {
        java.util.Arrays.fill(sumD, from, to, 0.0);
        java.util.Arrays.fill(sumDZ, from, to, 0.0);
        java.util.Arrays.fill(dGamma, from, to, 0.0);
        java.util.Arrays.fill(dBeta, from, to, 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                int e = i * width + j;
                dGamma[j] += (double) dOut[e] * noisy[e];
                dBeta[j] += dOut[e];
                double dHat = (double) dOut[e] * gamma.value[j];
                sumD[j] += dHat;
                sumDZ[j] += dHat * normalised[e];
            }
        }
        for (int j = from; j < to; j++) {
            gamma.grad[j] = (float) dGamma[j];
            beta.grad[j] = (float) dBeta[j];
        }
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                int e = i * width + j;
                double dHat = (double) dOut[e] * gamma.value[j];
                dZ[e] = (float) (scale[j] / n * (n * dHat - sumD[j] - normalised[e] * sumDZ[j]));
            }
        }
    }

    /**
     * Folds this layer, as it computes at evaluation, into the dense layer before it:
     * γ·(W·x + b - μ)/√(σ² + ε) + β = W'·x + b' with W'[j,:] = W[j,:]·t[j] and b'[j] = (b[j] - μ[j])·t[j] + β[j],
     * t[j] = γ[j]/√(σ²[j] + ε). {@code W} is [out, in] row-major; both arrays are changed in place.
     */
    public void foldInto(float[] W, float[] b) {
        int in = W.length / width;
        for (int j = 0; j < width; j++) {
            double t = gamma.value[j] / Math.sqrt((double) runningVariance[j] + EPSILON);
            for (int k = j * in; k < (j + 1) * in; k++) W[k] = (float) (W[k] * t);
            b[j] = (float) ((b[j] - (double) runningMean[j]) * t + beta.value[j]);
        }
    }

    @Override
    public String describe() {
        return "batch norm" + (noise > 0f ? ", noise " + noise : "");  // its width is the dense layer's before it
    }
}
