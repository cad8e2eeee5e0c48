package org.scratchnet.nn;

/**
 * A trainable tensor and its gradient, side by side.
 *
 * <p>{@code value} and {@code grad} are contiguous row-major arrays of the same length, and
 * {@code shape} says how they are laid out: {@code [out, in]} for a weight matrix and
 * {@code [out]} for a bias, as PyTorch's Linear stores them, or {@code [in, out]} for the fast
 * engine's first layer, which stores Wᵀ (its name then ends in ".T"). Backward passes overwrite
 * {@code grad}; optimisers read it and update {@code value}.
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

    public int size() {
        return value.length;
    }
}
