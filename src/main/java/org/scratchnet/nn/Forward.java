package org.scratchnet.nn;

import org.scratchnet.data.Dataset;

/**
 * Runs a network over a whole dataset a chunk of rows at a time, so evaluating 60,000 images
 * needs workspaces for 1,000 rows, not for all of them.
 */
public final class Forward {
    public static final int CHUNK = 1000;

    /** Receives one chunk: X [n, in] holding rows offset .. offset+n of the dataset. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(float[] X, int offset, int n);
    }

    private Forward() {}

    public static void inChunks(Network net, Dataset data, ChunkConsumer consumer) {
        int f = data.features;
        float[] chunk = new float[Math.min(CHUNK, Math.max(1, data.size)) * f];
        for (int offset = 0; offset < data.size; offset += CHUNK) {
            int n = Math.min(CHUNK, data.size - offset);
            System.arraycopy(data.x, offset * f, chunk, 0, n * f);
            consumer.accept(chunk, offset, n);
        }
    }

    /** Mean loss and accuracy of a network on a labelled dataset (dropout off). */
    public static double[] lossAndAccuracy(Network net, Dataset data) {
        double[] sums = new double[2];
        Forward.inChunks(net, data, (X, offset, n) -> {
            sums[0] += net.evaluateBatch(X, data.labels, offset, n, null, 0);
            sums[1] += net.lastCorrect();
        });
        return new double[] {sums[0] / data.size, sums[1] / data.size};
    }
}
