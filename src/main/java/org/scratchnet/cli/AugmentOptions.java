package org.scratchnet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.augment.AugmentationSpec.Setting;
import picocli.CommandLine.Option;

/**
 * Augmentation as options of {@code train} and {@code data}: {@code --augment KIND} and the
 * strength of each distortion, each default the one {@link AugmentationSpec} states. A setting the
 * chosen kind does not use is refused in one line ({@code --elastic-sigma does not apply to
 * augment affine: it is a setting of elastic and both}), as is a value out of its range.
 */
final class AugmentOptions {

    @Option(names = "--augment", paramLabel = "KIND",
            description = "Distort every training image afresh each epoch: none, affine (random shift, rotation, scaling,"
                    + " shear), elastic (Simard et al. 2003's elastic distortion) or both (default: none). Beside a preset, the"
                    + " kind keeps the preset's strengths for the settings they share.")
    String augment;

    @Option(names = "--shift", paramLabel = "PX", converter = OptionTypes.NonNegative.class,
            description = "affine: the largest shift along each axis, in pixels (default: " + AugmentationSpec.DEFAULT_SHIFT + ").")
    Double shift;

    @Option(names = "--rotation", paramLabel = "DEG", converter = OptionTypes.NonNegative.class,
            description = "affine: the largest rotation, in degrees (default: " + AugmentationSpec.DEFAULT_ROTATION + ").")
    Double rotation;

    @Option(names = "--scaling", paramLabel = "F", converter = OptionTypes.NonNegative.class,
            description = "affine: the largest change of size, a fraction (0.1: from 0.9 to 1.1 times; default: "
                    + AugmentationSpec.DEFAULT_SCALING + ").")
    Double scaling;

    @Option(names = "--shear", paramLabel = "DEG", converter = OptionTypes.NonNegative.class,
            description = "affine: the largest horizontal shear, in degrees (default: " + AugmentationSpec.DEFAULT_SHEAR + ").")
    Double shear;

    @Option(names = "--elastic-sigma", paramLabel = "PX", converter = OptionTypes.Positive.class,
            description = "elastic: the smoothing Gaussian's standard deviation, in pixels (default: "
                    + AugmentationSpec.DEFAULT_SIGMA + ").")
    Double sigma;

    @Option(names = "--elastic-alpha", paramLabel = "PX", converter = OptionTypes.NonNegative.class,
            description = "elastic: the displacement field's scale, in pixels (default: " + AugmentationSpec.DEFAULT_ALPHA + ").")
    Double alpha;

    /** Whether any augmentation option was given. */
    boolean given() {
        return augment != null || shift != null || rotation != null || scaling != null || shear != null || sigma != null || alpha != null;
    }

    /**
     * The named kind, else {@code preset}'s, with every strength given on the command line. A named
     * kind keeps the preset's strength for each setting the two kinds share: {@code --preset
     * best-augmented --augment elastic} is that preset's elastic field alone, not Simard's.
     */
    AugmentationSpec apply(AugmentationSpec preset) {
        AugmentationSpec spec = augment != null ? AugmentationSpec.parse(augment).keeping(preset) : preset;
        Map<Setting, Double> given = new LinkedHashMap<>();
        given.put(Setting.SHIFT, shift);
        given.put(Setting.ROTATION, rotation);
        given.put(Setting.SCALING, scaling);
        given.put(Setting.SHEAR, shear);
        given.put(Setting.SIGMA, sigma);
        given.put(Setting.ALPHA, alpha);
        for (Map.Entry<Setting, Double> e : given.entrySet()) {
            if (e.getValue() == null) continue;
            String refusal = e.getKey().refusal(spec.name());
            if (refusal != null) throw new UserException(option(e.getKey()) + " " + refusal);
            String range = e.getKey().rangeRefusal(e.getValue());
            if (range != null) throw new UserException(option(e.getKey()) + " " + range);
            spec = spec.with(e.getKey(), e.getValue());
        }
        return spec;
    }

    static String option(Setting setting) {
        return "--" + setting.id().replace('_', '-');
    }
}
