package org.scratchnet.bench;

import org.scratchnet.nn.Network;

/** One image in, one class out: the path a latency measurement times. */
final class SingleImage {
    private SingleImage() {}

    static int classify(Network net, float[] x, float[] probabilities) {
        float[] Z = net.logits(x, 1, false);
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) if (Z[c] > Z[best]) best = c;
        return best;
    }
}
