package org.scratchnet.nn;

/**
 * Grow-only buffers: a layer asks for room for {@code n} rows and gets its old array back
 * unless the batch is larger than any before. This keeps allocation out of the training loop.
 */
final class Workspace {
    private Workspace() {}

    static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }
}
