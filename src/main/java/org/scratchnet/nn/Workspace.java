package org.scratchnet.nn;

/**
 * Grow-only buffers: a layer asks for room for {@code n} rows and gets its old array back
 * unless the batch is larger than any before. This keeps allocation out of the training loop.
 * New buffers get a little room past their end, where SIMD kernels may read whole vectors at a
 * matrix's last columns without copying it first.
 */
public final class Workspace {
    /** Floats past the end: two 512-bit vectors. */
    public static final int SLACK = 32;

    private Workspace() {}

    public static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size + SLACK];
    }
}
