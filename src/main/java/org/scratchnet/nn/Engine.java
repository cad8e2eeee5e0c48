package org.scratchnet.nn;

import java.util.List;
import org.scratchnet.tensor.Kernels;

/**
 * What a {@link Network} is made of: the engine builds its layers, and lends its kernels to
 * whatever else works on the network's numbers (the optimiser, the batch gathering).
 *
 * <p>Two engines compute the same functions. {@link #reference()} is the readable one, the
 * layers of this package, plain loops on one thread: the oracle. The fast engine
 * ({@code org.scratchnet.engine.FastEngine}, the default of {@link Network#builder}) uses SIMD
 * kernels on all cores and a first layer built for sparse pixels; tests hold it equal to the
 * reference within float rounding.
 */
public interface Engine {

    /** Layer {@code index} (0: the one that reads the network's input): Z = X · Wᵀ + b, [in] -> [out]. */
    Linear dense(int index, int in, int out);

    /** A = g(Z), element-wise, on {@code width} units. */
    Layer activation(Activation g, int width);

    /** Inverted dropout on {@code width} units, its masks drawn from {@code seed}. */
    Layer dropout(float rate, int width, long seed);

    /** Inverted dropout on the {@code width} input pixels, in front of layer 0, its masks' keys drawn from {@code seed}. */
    default InputMask inputDropout(float rate, int width, long seed) {
        return new InputDropout(rate, width, seed);
    }

    /** Gaussian noise of standard deviation {@code sigma} on {@code width} values, its draws keyed from {@code seed}. */
    default Layer noise(float sigma, int width, long seed) {
        return new GaussianNoise(sigma, width, seed);
    }

    /** Batch normalisation of layer {@code index}'s {@code width} units, with {@code noise} on the normalised values. */
    default BatchNorm batchNorm(int index, int width, float noise, long seed) {
        return new BatchNorm(index, width, noise, seed);
    }

    /** Softmax and cross-entropy over {@code classes} outputs. */
    Loss softmaxCrossEntropy(int classes);

    /**
     * Called once with a network's layers in order, after it has built them all: the engine may
     * let neighbours share work (the fast engine computes an activation where the product before
     * it writes its output). The layers must compute what they would alone. The reference
     * engine's layers stay apart.
     */
    default void connect(List<Layer> layers) {}

    /** The kernels the optimiser and batch gathering of a network built here run on. */
    Kernels kernels();

    /** e.g. "reference (plain loops, 1 thread)". */
    String describe();

    /** The reference engine: the layers of this package. */
    static Engine reference() {
        return ReferenceEngine.INSTANCE;
    }
}
