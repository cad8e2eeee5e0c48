package org.scratchnet.cli;

import java.util.List;
import org.scratchnet.UserException;
import org.scratchnet.config.PerLayer;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;

/**
 * {@code --layers}, {@code --activation} and {@code --dropout}, read together into an
 * {@link Architecture}: sizes "784,256,10"; one activation for every hidden layer or one per
 * hidden layer; one dropout rate for every hidden layer or one per hidden layer (both read by
 * {@link PerLayer}, as experiment files read theirs). Each item is checked with the range of its
 * {@link OptionTypes kind}, and the lists against each other, so that every message names the
 * option and what it should have been.
 */
final class LayerOptions {
    private LayerOptions() {}

    /**
     * @param activationGiven whether the user typed --activation (a preset's is not an error on a
     *                        network without hidden layers, the user's is: it would be ignored)
     * @param dropoutGiven    the same for --dropout
     */
    static Architecture parse(String sizesText, String activationsText, boolean activationGiven,
                              String dropoutText, boolean dropoutGiven) {
        String[] s = sizesText.split(",", -1);
        if (s.length < 2) {
            throw new UserException("--layers needs at least an input and an output size, like 784,10 or 784,256,10, got '"
                    + sizesText + "'");
        }
        int[] sizes = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            try {
                sizes[i] = OptionTypes.LayerSize.INSTANCE.parse("--layers", s[i]);
            } catch (UserException e) {
                throw new UserException("--layers takes comma-separated sizes like 784,256,10, each "
                        + OptionTypes.LayerSize.INSTANCE.range() + "; size " + (i + 1) + " of '" + sizesText + "' is '" + s[i] + "'");
            }
        }
        int hidden = sizes.length - 2;
        List<String> a = List.of(activationsText.split(",", -1));
        List<String> d = List.of(dropoutText.split(",", -1));
        if (hidden == 0) {
            if (activationGiven) throw nothingToApplyTo("--activation " + activationsText, sizesText);
            if (dropoutGiven && !allZero(d)) throw nothingToApplyTo("--dropout " + dropoutText, sizesText);
            return new Architecture(sizes, new Activation[0], new float[0]);
        }
        String network = "--layers " + sizesText;
        List<Activation> activations = PerLayer.read(a, hidden, Activation::parse, "--activation", "name", network);
        List<Float> rates = PerLayer.read(d, hidden, LayerOptions::dropoutRate, "--dropout", "rate", network);
        float[] dropout = new float[hidden];
        for (int i = 0; i < hidden; i++) dropout[i] = rates.get(i);
        return new Architecture(sizes, activations.toArray(new Activation[0]), dropout);
    }

    private static float dropoutRate(String text) {
        return OptionTypes.DropoutRate.INSTANCE.parse("--dropout", text).floatValue();
    }

    private static UserException nothingToApplyTo(String option, String sizesText) {
        return new UserException(option + " would be ignored: --layers " + sizesText
                + " has no hidden layer (the output layer is always softmax); leave it out or add a hidden layer");
    }

    private static boolean allZero(List<String> rates) {
        for (String r : rates) {
            if (dropoutRate(r) != 0) return false;
        }
        return true;
    }
}
