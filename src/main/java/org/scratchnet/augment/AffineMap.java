package org.scratchnet.augment;

import org.scratchnet.SplitMix;

/**
 * An affine distortion of a square image, as the map from each output pixel back to the point of
 * the original it shows (the resampling reads there). The distortion moves the image's content
 * about its centre c = ((side-1)/2, (side-1)/2), in pixel coordinates (x right, y down):
 * <pre>
 *   q' = s · R(θ) · H(φ) · (q - c) + c + t       R(θ) = [cos θ, sin θ; -sin θ, cos θ]  (θ > 0 turns it anticlockwise on screen)
 *                                                H(φ) = [1, tan φ; 0, 1]             (a horizontal shear)
 *   so the pixel p shows the original at  q = A · (p - c - t) + c,   A = (s R H)⁻¹ = (1/s) [cos θ - tan φ sin θ, -sin θ - tan φ cos θ; sin θ, cos θ]
 * </pre>
 * stored as q = (a11 x + a12 y + bx, a21 x + a22 y + by). Zero shift, rotation and shear with
 * scale 1 give a11 = a22 = 1 and the rest 0 exactly: the identity. Mutable, so that one map serves
 * every image of a preparing thread without allocating.
 */
final class AffineMap {
    float a11 = 1, a12, a21, a22 = 1, bx, by;

    /** The distortion by (shiftX, shiftY) pixels, {@code degrees} of rotation, a factor {@code scale} and {@code shearDegrees} of shear. */
    AffineMap set(double shiftX, double shiftY, double degrees, double scale, double shearDegrees, int side) {
        double theta = Math.toRadians(degrees);
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double k = StrictMath.tan(Math.toRadians(shearDegrees));
        double m11 = (cos - k * sin) / scale;
        double m12 = (-sin - k * cos) / scale;
        double m21 = sin / scale;
        double m22 = cos / scale;
        double c = (side - 1) / 2.0;
        double px = c + shiftX;  // the output point that shows the original's centre
        double py = c + shiftY;
        a11 = (float) m11;
        a12 = (float) m12;
        a21 = (float) m21;
        a22 = (float) m22;
        bx = (float) (c - (m11 * px + m12 * py));
        by = (float) (c - (m21 * px + m22 * py));
        return this;
    }

    /** A distortion drawn uniformly within {@code spec}'s ranges (five draws from {@code random}, in this order). */
    AffineMap draw(AugmentationSpec spec, SplitMix random, int side) {
        double shiftX = spec.shift() * symmetric(random);
        double shiftY = spec.shift() * symmetric(random);
        double degrees = spec.rotation() * symmetric(random);
        double scale = 1 + spec.scaling() * symmetric(random);
        double shear = spec.shear() * symmetric(random);
        return set(shiftX, shiftY, degrees, scale, shear, side);
    }

    /** Uniform in [-1, 1). */
    private static double symmetric(SplitMix random) {
        return 2 * random.nextDouble() - 1;
    }
}
