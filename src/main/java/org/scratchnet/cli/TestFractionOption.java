package org.scratchnet.cli;

import picocli.CommandLine.Option;

/**
 * {@code --test-fraction}, for the commands that split a labelled Kaggle CSV into training and
 * test rows themselves ({@code train}, {@code data}, {@code experiment}, {@code reproduce}).
 * {@code evaluate} has no such option: it takes the fraction the model was trained with from the
 * model's metadata. Null when not given, so that giving it where it means nothing can be refused.
 */
final class TestFractionOption {

    static final double DEFAULT = 0.1;

    @Option(names = "--test-fraction", paramLabel = "F", converter = OptionTypes.ProperFraction.class,
            description = "With --csv: the stratified part of the file held out as the test set (default: " + DEFAULT + ").")
    Double given;

    double value() {
        return given != null ? given : DEFAULT;
    }
}
