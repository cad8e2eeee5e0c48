package org.scratchnet.image;

/**
 * A grayscale raster of floats, the working type passed between the conversion steps of
 * {@link MnistImage}. Row-major: the pixel at column x, row y is {@code v[y * width + x]}.
 *
 * <p>A record rather than a bare float[] so that width and height can never drift apart from the
 * array they describe.
 */
record Plane(int width, int height, float[] v) {

    Plane {
        if (width < 1 || height < 1 || v.length != width * height) {
            throw new IllegalArgumentException("plane of " + width + " x " + height
                    + " needs " + width * height + " values, got " + v.length);
        }
    }

    Plane(int width, int height) {
        this(width, height, new float[width * height]);
    }

    float get(int x, int y) {
        return v[y * width + x];
    }

    float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float p : v) m = Math.max(m, p);
        return m;
    }
}
