package org.scratchnet.cli;

import java.math.BigDecimal;
import java.util.Locale;
import org.scratchnet.Count;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.Splits;

/**
 * A stratified split that the command line asked for ({@code --test-fraction},
 * {@code --validation}), refused with one line naming the option when it would leave a part
 * empty: an empty training set cannot be trained on, and an empty test or validation set gives an
 * accuracy of 0/0. Each class holds out round(fraction x its count), so a small fraction of a
 * small file can hold out nothing, and a large one everything.
 */
final class Holdout {
    private Holdout() {}

    /** The part of the training set held out for validation curves when no option says otherwise. */
    static final double VALIDATION = 0.1;

    /**
     * @param option       the option that set the fraction, e.g. "--validation", or null for a fixed fraction
     * @param wholeName    what is split, e.g. "the training set" or the file's name
     * @param heldOutName  what the held-out part is for, e.g. "validation"
     * @param emptyAllowed whether the held-out part may come out empty (no validation set at all)
     */
    static Splits.Split split(Dataset all, double fraction, long seed, String option, String wholeName, String heldOutName,
                              boolean emptyAllowed) {
        requireExamples(all, "to split");
        String fractionText = BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString();
        String given = option != null ? option + " " + fractionText : "the fixed " + heldOutName + " fraction " + fractionText;
        Splits.Split split = Splits.stratified(all, fraction, seed);
        if (split.kept().size == 0) {
            throw new UserException(String.format(Locale.ROOT, "%s leaves no examples to train on: all %s in %s "
                    + "go to the %s set; %s", given, Count.of(all.size, "example"), wholeName, heldOutName,
                    option != null ? "use a smaller fraction, e.g. 0.1" : "use a larger data set"));
        }
        if (split.heldOut().size == 0 && !emptyAllowed) {
            throw new UserException(String.format(Locale.ROOT, "%s holds out none of the %s in %s (each class "
                            + "gives round(fraction x its count)), so the %s set would be empty; %s", given, Count.of(all.size, "example"), wholeName,
                    heldOutName, option != null ? "use a larger fraction" : "use a larger data set"));
        }
        return split;
    }

    /** Refuses a data set without examples; {@code purpose} says what they were needed for. */
    static Dataset requireExamples(Dataset d, String purpose) {
        if (d.size == 0) throw new UserException(d.source + " holds no examples " + purpose);
        return d;
    }
}
