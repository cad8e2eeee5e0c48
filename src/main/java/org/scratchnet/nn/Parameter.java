package org.scratchnet.nn;

/**
 * A trainable tensor and its gradient, side by side.
 *
 * <p>{@code value} and {@code grad} are contiguous row-major arrays of the same length;
 * {@code shape} is {@code [out, in]} for a weight matrix and {@code [out]} for a bias, as
 * PyTorch's Linear stores them. Backward passes overwrite {@code grad}; optimisers read it.
 * Whoever writes {@code value} calls {@link #changed()} afterwards (the optimisers do), so that
 * copies made from it (the transposed weights of {@link Network#predictOne}) are made again.
 */
public final class Parameter {
    public final String name;
    public final int[] shape;
    public final float[] value;
    public final float[] grad;

    public Parameter(String name, int... shape) {
        int size = 1;
        for (int d : shape) size *= d;
        this.name = name;
        this.shape = shape.clone();
        this.value = new float[size];
        this.grad = new float[size];
    }

    private long version;

    public int size() {
        return value.length;
    }

    /** Records that {@code value} was written. */
    public void changed() {
        version++;
    }

    /** How many times {@link #changed()} was called. */
    public long version() {
        return version;
    }
}
