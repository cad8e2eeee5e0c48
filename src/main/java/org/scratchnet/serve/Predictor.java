package org.scratchnet.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.scratchnet.nn.Network;

/**
 * The one network of the server, loaded once and shared by every request thread. A Network is not
 * safe for concurrent use (its layers reuse workspaces between calls), so every use goes through
 * this object's lock. That costs little: one image through the network takes a fraction of a
 * millisecond, while decoding and preprocessing an upload, the larger part of a request, runs
 * outside the lock on as many threads as the server has.
 */
final class Predictor {

    /** The network's answer for one input: the class, every class's probability, each hidden layer's activations. */
    record Prediction(int predicted, float[] probabilities, List<float[]> hiddenActivations) {}

    private final Network net;

    Predictor(Network net) {
        this.net = net;
    }

    int inputSize() {
        return net.inputSize();
    }

    int classes() {
        return net.classes();
    }

    /** The prediction for one input x [inputSize], values in [0, 1]. */
    synchronized Prediction predict(float[] x) {
        List<float[]> hidden = new ArrayList<>();
        float[] p = net.predictProbabilities(x, 1, hidden);
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return new Prediction(best, p, hidden);
    }

    /** Runs {@code work} on the network with the lock held (the model card's evaluation, its figures). */
    synchronized <T> T use(Function<Network, T> work) {
        return work.apply(net);
    }
}
