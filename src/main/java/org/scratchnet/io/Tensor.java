package org.scratchnet.io;

import java.util.Arrays;

/**
 * A named float32 array with a shape, the unit a model file stores: a weight matrix W of shape
 * [out, in] or a bias vector b of shape [out], laid out row-major (the last index varies fastest).
 *
 * <p>The constructor checks that {@code data.length} equals the product of {@code shape}, so a
 * tensor that exists is always consistent and {@link SafeTensors#write} never has to reject one
 * half-way through a file. A wrong shape here is a bug in the calling code, not something a user
 * did, so it throws {@link IllegalArgumentException}; files a user supplies are checked by
 * {@link SafeTensors#read}, which reports {@link org.scratchnet.UserException}s instead.
 *
 * <p>{@code shape} is copied (it is tiny); {@code data} is not, because weights run to megabytes
 * and the model that owns them should not pay for a copy on every save. Equality compares names,
 * shapes and data element by element, which is what tests of a round trip want.
 *
 * @param name  the key in the file, e.g. {@code "layers.0.W"}
 * @param shape the size of each dimension, each >= 0; {@code []} is a scalar holding one value
 * @param data  the values in row-major order
 */
public record Tensor(String name, int[] shape, float[] data) {

    public Tensor {
        if (name == null) throw new IllegalArgumentException("tensor name is null");
        if (shape == null) throw new IllegalArgumentException("tensor '" + name + "' has a null shape");
        if (data == null) throw new IllegalArgumentException("tensor '" + name + "' has null data");
        shape = shape.clone();
        long size = elementCount(name, shape);
        if (size != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                    + ", which needs " + size + " values, but its data holds " + data.length);
        }
    }

    /** The number of values a shape holds; checks that every dimension is >= 0 and the total fits. */
    static long elementCount(String name, int[] shape) {
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + ": dimension " + i + " is negative");
            }
            size *= shape[i];
            // A Java array cannot hold more than this, so a larger tensor cannot exist in memory.
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + ", more values than a Java array can hold");
            }
        }
        return size;
    }

    /** A copy of the shape, so callers cannot make it disagree with the data. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of values, the product of the shape. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    /** Name and shape only: printing megabytes of weights helps nobody. */
    @Override
    public String toString() {
        return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
