package org.scratchnet.bench;

import org.scratchnet.nn.Network;

/** One image in, one class out: the path a latency measurement times ({@link Network#predictOne}). */
final class SingleImage {
    private SingleImage() {}

    static int classify(Network net, float[] x, float[] probabilities) {
        return net.predictOne(x, probabilities);
    }
}
