package org.scratchnet.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;

/**
 * Which distortions training images get on the fly, by name, with their strengths: a value that
 * can be compared, printed and stored (it is a setting of {@code TrainingConfig}, so a checkpoint
 * records it and refuses to resume under another), from which {@link Augmenter} distorts images.
 *
 * <pre>
 *   AugmentationSpec.none()                                      the images as they are (the default)
 *   AugmentationSpec.affine()                                    shift, rotation, scaling and shear, each drawn per image
 *   AugmentationSpec.elastic().with(Setting.ALPHA, 30)           Simard's elastic distortion, a little weaker
 *   AugmentationSpec.parse("both")                               the names the command line and experiment files accept
 * </pre>
 * Each range is symmetric about no change and drawn uniformly, per image and per epoch: a shift
 * of up to ±{@code shift} pixels in x and in y (independently), a rotation of up to ±{@code
 * rotation} degrees, a scaling by a factor in [1 - {@code scaling}, 1 + {@code scaling}], a
 * horizontal shear of up to ±{@code shear} degrees. The elastic distortion is Simard, Steinkraus
 * and Platt's (2003, section 2): a displacement field uniform in [-1, 1] per pixel, smoothed by a
 * Gaussian of standard deviation {@code sigma} pixels and scaled by {@code alpha}
 * ({@link ElasticField}). {@code both} applies the affine map and then the elastic field, in one
 * resampling. Resampled values below half a grey level (0.5/255) are 0 ({@link Bilinear}): they
 * cannot be told from 0 in 8-bit images. A setting the chosen kind does not use is 0, so that two specs of the same kind are
 * equal; {@link #with} refuses to set one, in one line. Each default is stated once, below.
 *
 * @param name     one of {@link #NAMES}
 * @param shift    affine: the largest shift, in pixels, along each axis
 * @param rotation affine: the largest rotation, in degrees
 * @param scaling  affine: the largest relative change of size (0.1 = from 90% to 110%)
 * @param shear    affine: the largest horizontal shear angle, in degrees
 * @param sigma    elastic: the Gaussian's standard deviation σ, in pixels
 * @param alpha    elastic: the field's scale α, in pixels
 */
public record AugmentationSpec(String name, float shift, float rotation, float scaling, float shear, float sigma, float alpha) {

    /** The kinds by name, as the command line and experiment files accept them. */
    public static final List<String> NAMES = List.of("none", "affine", "elastic", "both");
    /** Two pixels of a 28-pixel digit's 20-pixel box: MNIST's digits are centred by their centre of mass, not exactly. */
    public static final float DEFAULT_SHIFT = 2f;
    /** Ciresan et al. (2010) drew rotations of 7.5-15 degrees; 10 keeps a 6 a 6 and a 9 a 9. */
    public static final float DEFAULT_ROTATION = 10f;
    /** Ciresan et al. (2010): 15-20%; 10% keeps the strokes' width close to MNIST's. */
    public static final float DEFAULT_SCALING = 0.1f;
    /** Ciresan et al. (2010): horizontal shearing of 7.5-15 degrees. */
    public static final float DEFAULT_SHEAR = 10f;
    /** Simard et al. (2003): σ = 4 pixels ("σ = 4 and α = 34", the values their MNIST results used). */
    public static final float DEFAULT_SIGMA = 4f;
    /** Simard et al. (2003): α = 34, a displacement of about 1.4 pixels' standard deviation with σ = 4. */
    public static final float DEFAULT_ALPHA = 34f;

    /** The settings by name (as experiment files spell them), the kinds that use each, and their ranges. */
    public enum Setting {
        SHIFT("shift", 0, true, 14, "pixels", "affine", "both"),
        ROTATION("rotation", 0, true, 180, "degrees", "affine", "both"),
        SCALING("scaling", 0, true, 0.9, "", "affine", "both"),
        SHEAR("shear", 0, true, 60, "degrees", "affine", "both"),
        SIGMA("elastic_sigma", 0, false, 14, "pixels", "elastic", "both"),
        ALPHA("elastic_alpha", 0, true, 1000, "pixels", "elastic", "both");

        private final String id;
        private final double min;
        private final boolean minIncluded;
        private final double max;
        private final String unit;
        private final List<String> usedBy;

        Setting(String id, double min, boolean minIncluded, double max, String unit, String... usedBy) {
            this.id = id;
            this.min = min;
            this.minIncluded = minIncluded;
            this.max = max;
            this.unit = unit;
            this.usedBy = List.of(usedBy);
        }

        /** The name experiment files use, e.g. "elastic_sigma". */
        public String id() {
            return id;
        }

        public boolean appliesTo(String kind) {
            return usedBy.contains(kind);
        }

        /** Null if {@code kind} uses this setting, else why not: "does not apply to augment affine: it is a setting of elastic and both". */
        public String refusal(String kind) {
            return appliesTo(kind) ? null : "does not apply to augment " + kind + ": it is a setting of " + String.join(" and ", usedBy);
        }

        /** Null if {@code value} is in range, else what is wrong: "must be a number from 0 to 180 (degrees), got 500". */
        public String rangeRefusal(double value) {
            boolean ok = Double.isFinite(value) && (minIncluded ? value >= min : value > min) && value <= max;
            if (ok) return null;
            return "must be a number " + (minIncluded ? "from " : "above ") + number(min) + (minIncluded ? " to " : " and at most ")
                    + number(max) + (unit.isEmpty() ? "" : " (" + unit + ")") + ", got " + number(value);
        }
    }

    public AugmentationSpec {
        if (!NAMES.contains(name)) throw unknown(name);
        float[] values = {shift, rotation, scaling, shear, sigma, alpha};
        Setting[] settings = Setting.values();
        for (int i = 0; i < settings.length; i++) {
            Setting s = settings[i];
            if (!s.appliesTo(name)) {
                if (values[i] != 0f) throw new IllegalArgumentException(s.id() + " is not a setting of augment " + name);
                continue;
            }
            String refusal = s.rangeRefusal(values[i]);
            if (refusal != null) throw new UserException(s.id() + " " + refusal);
        }
    }

    public static AugmentationSpec none() {
        return new AugmentationSpec("none", 0f, 0f, 0f, 0f, 0f, 0f);
    }

    public static AugmentationSpec affine() {
        return new AugmentationSpec("affine", DEFAULT_SHIFT, DEFAULT_ROTATION, DEFAULT_SCALING, DEFAULT_SHEAR, 0f, 0f);
    }

    public static AugmentationSpec elastic() {
        return new AugmentationSpec("elastic", 0f, 0f, 0f, 0f, DEFAULT_SIGMA, DEFAULT_ALPHA);
    }

    public static AugmentationSpec both() {
        return new AugmentationSpec("both", DEFAULT_SHIFT, DEFAULT_ROTATION, DEFAULT_SCALING, DEFAULT_SHEAR, DEFAULT_SIGMA, DEFAULT_ALPHA);
    }

    /** The kind of this name (any case) with its default settings. */
    public static AugmentationSpec parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> none();
            case "affine" -> affine();
            case "elastic" -> elastic();
            case "both" -> both();
            default -> throw unknown(name);
        };
    }

    /** Whether images are distorted at all. */
    public boolean augments() {
        return !name.equals("none");
    }

    public boolean affineUsed() {
        return name.equals("affine") || name.equals("both");
    }

    public boolean elasticUsed() {
        return name.equals("elastic") || name.equals("both");
    }

    /**
     * The same kind with {@code setting} at {@code value}; a setting this kind does not use is
     * refused ("elastic_sigma does not apply to augment affine: ..."), as is a value out of range.
     */
    public AugmentationSpec with(Setting setting, double value) {
        String refusal = setting.refusal(name);
        if (refusal != null) throw new UserException(setting.id() + " " + refusal);
        String range = setting.rangeRefusal(value);
        if (range != null) throw new UserException(setting.id() + " " + range);
        float v = (float) value;
        return switch (setting) {
            case SHIFT -> new AugmentationSpec(name, v, rotation, scaling, shear, sigma, alpha);
            case ROTATION -> new AugmentationSpec(name, shift, v, scaling, shear, sigma, alpha);
            case SCALING -> new AugmentationSpec(name, shift, rotation, v, shear, sigma, alpha);
            case SHEAR -> new AugmentationSpec(name, shift, rotation, scaling, v, sigma, alpha);
            case SIGMA -> new AugmentationSpec(name, shift, rotation, scaling, shear, v, alpha);
            case ALPHA -> new AugmentationSpec(name, shift, rotation, scaling, shear, sigma, v);
        };
    }

    /**
     * This kind with {@code other}'s strength for every setting the two kinds share, and this
     * kind's own for the rest: {@code elastic().keeping(preset)} is the elastic field a preset of
     * kind both chose, without its affine part; {@code affine().keeping(elastic())} is {@code affine()}.
     */
    public AugmentationSpec keeping(AugmentationSpec other) {
        AugmentationSpec kept = this;
        for (Setting setting : Setting.values()) {
            if (setting.appliesTo(name) && setting.appliesTo(other.name)) kept = kept.with(setting, other.value(setting));
        }
        return kept;
    }

    /** The strength of {@code setting} (0 for one this kind does not use). */
    public float value(Setting setting) {
        return switch (setting) {
            case SHIFT -> shift;
            case ROTATION -> rotation;
            case SCALING -> scaling;
            case SHEAR -> shear;
            case SIGMA -> sigma;
            case ALPHA -> alpha;
        };
    }

    /** "none", "affine(shift=2, rotation=10, scaling=0.1, shear=10)", "elastic(sigma=4, alpha=34)". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (affineUsed()) {
            parts.add("shift=" + number(shift));
            parts.add("rotation=" + number(rotation));
            parts.add("scaling=" + number(scaling));
            parts.add("shear=" + number(shear));
        }
        if (elasticUsed()) {
            parts.add("sigma=" + number(sigma));
            parts.add("alpha=" + number(alpha));
        }
        return parts.isEmpty() ? name : name + "(" + String.join(", ", parts) + ")";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Float.toString((float) v);  // the settings are floats: 0.1, not 0.10000000149011612
        return Double.isFinite(v) && Math.abs(v) < 1e7 ? s : Double.toString(v);
    }

    private static UserException unknown(String name) {
        return new UserException("unknown augmentation '" + name + "': use none, affine, elastic or both");
    }
}
