package org.scratchnet.nn;

import org.scratchnet.tensor.Kernels;
import org.scratchnet.tensor.ReferenceKernels;

/** The readable layers of this package: {@link Dense}, {@link ActivationLayer}, {@link Dropout}, {@link InputDropout} (the interface's default), {@link SoftmaxCrossEntropy}. */
final class ReferenceEngine implements Engine {
    static final ReferenceEngine INSTANCE = new ReferenceEngine();

    private ReferenceEngine() {}

    @Override
    public Linear dense(int index, int in, int out) {
        return new Dense(in, out, index);
    }

    @Override
    public Layer activation(Activation g, int width) {
        return new ActivationLayer(g, width);
    }

    @Override
    public Layer dropout(float rate, int width, long seed) {
        return new Dropout(rate, width, seed);
    }

    @Override
    public Loss softmaxCrossEntropy(int classes) {
        return new SoftmaxCrossEntropy(classes);
    }

    /** A new one each time: ReferenceKernels keeps scratch space, and networks must not share it across threads. */
    @Override
    public Kernels kernels() {
        return new ReferenceKernels();
    }

    @Override
    public String describe() {
        return "reference (plain loops, 1 thread)";
    }
}
