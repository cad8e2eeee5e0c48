package org.scratchnet.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The area of the smallest rectangle, at any angle, that holds a pixel region: how
 * rectangle-like a region is (its area over this one) tells a sheet of paper, even photographed
 * at a slant, from a blob or a stroke.
 *
 * <p>The smallest enclosing rectangle has one side along an edge of the region's convex hull
 * (Freeman and Shapira, 1975), so each hull edge is tried. The hull is built (Andrew's monotone
 * chain) from the corners of the leftmost and rightmost pixel of each row, which is all of the
 * region's outline a convex hull can touch.
 */
final class MinimumRectangle {

    private MinimumRectangle() {}

    /** Area in pixels of the smallest rectangle holding every pixel of {@code mask}; 0 if it is empty. */
    static double area(boolean[] mask, int w, int h) {
        List<double[]> corners = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            int first = -1;
            int last = -1;
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x]) {
                    if (first < 0) first = x;
                    last = x;
                }
            }
            if (first < 0) continue;
            for (int x : new int[] {first, last + 1}) {
                corners.add(new double[] {x, y});
                corners.add(new double[] {x, y + 1});
            }
        }
        if (corners.isEmpty()) return 0;
        double[][] hull = hull(corners);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < hull.length; i++) {
            double[] a = hull[i];
            double[] b = hull[(i + 1) % hull.length];
            double ex = b[0] - a[0];
            double ey = b[1] - a[1];
            double length = Math.hypot(ex, ey);
            if (length == 0) continue;
            ex /= length;
            ey /= length;
            double minU = Double.POSITIVE_INFINITY;
            double maxU = Double.NEGATIVE_INFINITY;
            double minV = Double.POSITIVE_INFINITY;
            double maxV = Double.NEGATIVE_INFINITY;
            for (double[] p : hull) {
                double u = p[0] * ex + p[1] * ey;
                double v = -p[0] * ey + p[1] * ex;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            best = Math.min(best, (maxU - minU) * (maxV - minV));
        }
        return best;
    }

    /** Convex hull, counter-clockwise, without repeated or collinear points. */
    static double[][] hull(List<double[]> points) {
        double[][] p = points.toArray(double[][]::new);
        Arrays.sort(p, Comparator.<double[]>comparingDouble(q -> q[0]).thenComparingDouble(q -> q[1]));
        double[][] h = new double[2 * p.length][];
        int k = 0;
        for (double[] q : p) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], q) <= 0) k--;
            h[k++] = q;
        }
        for (int i = p.length - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, Math.max(1, k - 1));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
