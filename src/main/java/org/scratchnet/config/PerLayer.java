package org.scratchnet.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.scratchnet.Count;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;

/**
 * A setting given "for all hidden layers or one per hidden layer", as {@code --activation relu} or
 * {@code --dropout 0.2,0.1} and an experiment file's {@code activation: [tanh, sigmoid]} take it:
 * one value stands for every hidden layer, a list must have one value per hidden layer. Read in
 * this one place, so both say the same when the count is wrong:
 * {@code --dropout has 3 rates but --layers 784,32,16,10 has 2 hidden layers; give one rate for
 * all or one per hidden layer}.
 */
public final class PerLayer {
    private PerLayer() {}

    /**
     * One value per hidden layer, each read by {@code read} (which throws its own one-line
     * {@link UserException} for a bad value) after the count is checked.
     *
     * @param given   one value, or one per hidden layer
     * @param hidden  the network's hidden layers
     * @param setting names the setting in the message: "--dropout", "tiny.yaml: recipes.a.dropout"
     * @param noun    what one value is: "rate", "name"
     * @param network names the network in the message: "--layers 784,32,10", "the network"
     */
    public static <R, T> List<T> read(List<R> given, int hidden, Function<R, T> read, String setting, String noun,
                                      String network) {
        if (given.size() != 1 && given.size() != hidden) {
            throw new UserException(OneLine.of(setting + " has " + Count.of(given.size(), noun) + " but " + network + " has "
                    + Count.of(hidden, "hidden layer") + "; give one " + noun + " for all or one per hidden layer"));
        }
        List<T> values = new ArrayList<>(hidden);
        for (R r : given) values.add(read.apply(r));
        return values.size() == hidden ? values : Collections.nCopies(hidden, values.get(0));
    }
}
