package org.scratchnet.experiment;

import org.scratchnet.nn.Network;
import org.scratchnet.train.History;

/**
 * One training run: one recipe, one seed. Accuracies are fractions in [0, 1], measured after
 * training with dropout off: train on the whole training part, validation on the held-out part,
 * test on the test set.
 *
 * @param recipe         the recipe's name in its experiment file ("done_right")
 * @param history        the curve points, the first at iteration 0 (before any update)
 * @param initialLoss    validation loss before the first update: how well-scaled the start is
 * @param initialStd     standard deviation of each layer's weights before training
 * @param diverged       why training stopped early (the loss blew up), or null
 * @param network        the trained network, kept for the report's figures of the best model
 */
public record RunResult(String experiment, String recipe, long seed, History history,
                        double trainAccuracy, double validationAccuracy, double testAccuracy, double testLoss,
                        double initialLoss, double[] initialStd, double seconds, String diverged, Network network) {

    public boolean ok() {
        return diverged == null;
    }

    /** "done right": the recipe's name as prose. */
    public String recipeLabel() {
        return new Experiment.NamedRecipe(recipe, null).label();
    }

    /** This result standing for the same recipe and seed in another experiment or role. */
    RunResult as(String experiment, String recipe) {
        if (experiment.equals(this.experiment) && recipe.equals(this.recipe)) return this;
        return new RunResult(experiment, recipe, seed, history, trainAccuracy, validationAccuracy, testAccuracy, testLoss,
                initialLoss, initialStd, seconds, diverged, network);
    }
}
