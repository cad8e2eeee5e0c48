package org.scratchnet.image;

/**
 * Resizes a {@link Plane} to any width and height, one axis at a time.
 *
 * <p>Shrinking uses exact area averaging (a box filter): output pixel i along an axis of source
 * length n and target length m covers the source interval {@code [i*s, (i+1)*s)}, s = n/m, and is
 * the mean of the source over that interval, partial pixels at its ends weighted by how much of
 * them it covers. Every source pixel contributes, so a 600-pixel stroke shrunk to 20 pixels keeps
 * its grey anti-aliased edges, which is how MNIST's digits were made, instead of the jagged
 * samples bilinear interpolation alone gives when shrinking by more than 2x.
 *
 * <p>Enlarging (a digit smaller than the 20-pixel box) uses linear interpolation between pixel
 * centres, since averaging over less than one pixel would just repeat pixels as blocks.
 */
final class Resample {

    private Resample() {}

    static Plane resize(Plane src, int width, int height) {
        Weights wx = Weights.of(src.width(), width);
        Weights wy = Weights.of(src.height(), height);
        // Rows first: src (w x h) -> tmp (width x h) -> out (width x height).
        Plane tmp = new Plane(width, src.height());
        for (int y = 0; y < src.height(); y++) {
            for (int i = 0; i < width; i++) {
                float sum = 0;
                for (int k = 0; k < wx.w[i].length; k++) sum += wx.w[i][k] * src.get(wx.first[i] + k, y);
                tmp.v()[y * width + i] = sum;
            }
        }
        Plane out = new Plane(width, height);
        for (int j = 0; j < height; j++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = 0; k < wy.w[j].length; k++) sum += wy.w[j][k] * tmp.get(x, wy.first[j] + k);
                out.v()[j * width + x] = sum;
            }
        }
        return out;
    }

    /** For each output index i: source indices first[i] .. first[i]+w[i].length-1 with weights w[i]. */
    private record Weights(int[] first, float[][] w) {

        static Weights of(int n, int m) {
            return m <= n ? area(n, m) : linear(n, m);
        }

        private static Weights area(int n, int m) {
            double s = (double) n / m;
            int[] first = new int[m];
            float[][] w = new float[m][];
            for (int i = 0; i < m; i++) {
                double a = i * s;
                double b = Math.min(n, (i + 1) * s);
                int j0 = (int) Math.floor(a);
                int j1 = Math.min(n - 1, (int) Math.ceil(b) - 1);
                first[i] = j0;
                w[i] = new float[j1 - j0 + 1];
                for (int j = j0; j <= j1; j++) {
                    double overlap = Math.min(b, j + 1) - Math.max(a, j);
                    w[i][j - j0] = (float) (Math.max(0, overlap) / s);
                }
            }
            return new Weights(first, w);
        }

        private static Weights linear(int n, int m) {
            double s = (double) n / m;
            int[] first = new int[m];
            float[][] w = new float[m][];
            for (int i = 0; i < m; i++) {
                // Centre of output pixel i in source coordinates, source pixel j centred at j.
                double c = Math.max(0, Math.min(n - 1, (i + 0.5) * s - 0.5));
                int j0 = Math.min((int) Math.floor(c), Math.max(0, n - 2));
                double t = c - j0;
                first[i] = j0;
                w[i] = n == 1 ? new float[] {1f} : new float[] {(float) (1 - t), (float) t};
            }
            return new Weights(first, w);
        }
    }
}
