package org.scratchnet.engine;

import java.util.List;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.BatchNorm;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.GaussianNoise;
import org.scratchnet.nn.InputMask;
import org.scratchnet.nn.Layer;
import org.scratchnet.nn.Linear;
import org.scratchnet.nn.Loss;
import org.scratchnet.tensor.Kernels;

/**
 * The fast engine: the same layers as the reference ({@code org.scratchnet.nn}), computed by
 * {@link Kernels} (SIMD registers, all cores) and with a first layer of its own that skips the
 * zero pixels and stores Wᵀ ({@link SparseInputDense}). Its kernels are given to it, and through
 * it to every layer it builds: nothing reaches them any other way.
 */
public final class FastEngine implements Engine {
    private final Kernels kernels;

    private FastEngine(Kernels kernels) {
        this.kernels = kernels;
    }

    /** An engine on {@code kernels}. */
    public static FastEngine on(Kernels kernels) {
        return new FastEngine(kernels);
    }

    /** An engine on the fastest kernels for {@code threads} threads ({@link Kernels#create}). */
    public static FastEngine withThreads(int threads) {
        return new FastEngine(Kernels.create(threads));
    }

    /**
     * The engine on all cores that networks use when not given one. Made on first use, never
     * replaced; its kernels serve one call at a time, so networks trained side by side on other
     * threads are each given an engine of their own.
     */
    public static FastEngine shared() {
        return Shared.ENGINE;
    }

    private static final class Shared {
        static final FastEngine ENGINE = withThreads(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Linear dense(int index, int in, int out) {
        return index == 0 ? new SparseInputDense(in, out, kernels) : new FastDense(in, out, index, kernels);
    }

    @Override
    public Layer activation(Activation g, int width) {
        return new FastActivation(g, width, kernels);
    }

    @Override
    public Layer dropout(float rate, int width, long seed) {
        return new FastDropout(rate, width, seed, kernels);  // the mask's draws on every thread, the reference's bits
    }

    /**
     * Fuses each activation with the dense layers beside it: computed in the write-out of the
     * product before it (A = g(Z)), and its derivative in the write-out of the next layer's input
     * gradient when that layer reads A directly (not through dropout). Each fusion saves a
     * parallel call, a barrier between the threads, per pass; the numbers are the same.
     */
    @Override
    public void connect(List<Layer> layers) {
        for (int i = 0; i + 1 < layers.size(); i++) {
            Layer here = layers.get(i), after = layers.get(i + 1);
            if (after instanceof FastActivation g) {
                if (here instanceof FastDense d) d.feeds(g);
                else if (here instanceof SparseInputDense d) d.feeds(g);
            }
            if (here instanceof FastActivation g && after instanceof FastDense d) d.readsFrom(g);
        }
    }

    @Override
    public Layer noise(float sigma, int width, long seed) {
        return new GaussianNoise(sigma, width, seed, kernels);  // the reference layer, its values shared out among the threads
    }

    @Override
    public BatchNorm batchNorm(int index, int width, float noise, long seed) {
        return new BatchNorm(index, width, noise, seed, kernels);  // the reference layer, its units shared out among the threads
    }

    @Override
    public InputMask inputDropout(float rate, int width, long seed) {
        return new FastInputDropout(rate, width, seed, kernels);  // masks drawn for the nonzero pixels only, on every thread
    }

    @Override
    public Loss softmaxCrossEntropy(int classes) {
        return new FastSoftmaxCrossEntropy(classes, kernels);
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public String describe() {
        return "fast (" + kernels.describe() + ")";
    }
}
