package org.scratchnet.image;

import java.util.Arrays;

/**
 * The median and the median absolute deviation: estimates of a background's level and spread
 * that a few stroke pixels on the border cannot pull away (a mean and a standard deviation can).
 */
final class RobustStats {
    private RobustStats() {}

    static float median(float[] values) {
        float[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5f * (s[n / 2 - 1] + s[n / 2]);
    }

    /** Median absolute deviation from {@code centre}. */
    static float mad(float[] values, float centre) {
        float[] d = new float[values.length];
        for (int k = 0; k < values.length; k++) d[k] = Math.abs(values[k] - centre);
        return median(d);
    }
}
