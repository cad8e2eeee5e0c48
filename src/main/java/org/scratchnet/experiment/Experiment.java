package org.scratchnet.experiment;

import java.util.List;
import org.scratchnet.config.Recipe;
import org.scratchnet.train.TrainingConfig;

/**
 * One experiment, as its file states it: what it is about, optionally the paper's reported
 * numbers, the seeds, and the recipes it compares, any number of them under names of the file's
 * choosing (the paper's files name theirs "as_described" and "done_right").
 *
 * @param name        a short slug, used for figure file names ("baseline")
 * @param description Markdown: what the experiment is about; "" if the file gives none
 * @param paper       what a paper reports for it, or null for an experiment of one's own
 * @param recipes     the recipes, in report order (at least one, names distinct)
 * @param choices     Markdown: what the source leaves open and what this file chose
 * @param explanation Markdown: what the results show, or why they differ from the paper's
 * @param compareWith the name of another experiment of the same run whose test accuracy the
 *                    report sets beside this one's, recipe by recipe; "" for none
 * @param source      where it was read from, for messages and the report
 */
public record Experiment(String name, String title, String description, Paper paper, List<Long> seeds,
                         List<NamedRecipe> recipes, String choices, String explanation, String compareWith,
                         String source) {

    public Experiment {
        if (recipes.isEmpty()) throw new IllegalArgumentException("experiment " + name + " has no recipe");
        recipes = List.copyOf(recipes);
        seeds = List.copyOf(seeds);
    }

    /**
     * What the paper reports, in percent; NaN where it gives no number.
     *
     * @param figure the paper's figure number for this experiment's curve, 0 if none
     */
    public record Paper(int figure, double trainAccuracy, double testAccuracy, String note) {}

    /**
     * One recipe of an experiment under its name in the file.
     *
     * @param key the name as the file gives it ("done_right"), a key in results.json
     */
    public record NamedRecipe(String key, Recipe recipe) {
        /** "done right": the name as prose, for the report. */
        public String label() {
            return key.replace('_', ' ');
        }

        /** "done-right", for file names. */
        public String slug() {
            return key.replace('_', '-');
        }
    }

    public boolean hasPaper() {
        return paper != null;
    }

    /** The recipe of this name, or null. */
    public NamedRecipe recipe(String key) {
        return recipes.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    /** The reduced experiment of {@code --quick}: the first seed only, short runs. */
    public Experiment quick(int maxIterations) {
        List<NamedRecipe> shortened = recipes.stream().map(r -> new NamedRecipe(r.key(), quick(r.recipe(), maxIterations))).toList();
        return new Experiment(name, title, description, paper, seeds.subList(0, 1), shortened, choices, explanation, compareWith,
                source);
    }

    /**
     * The reduced recipe of {@code --quick}: at most {@code maxIterations} updates for full-batch
     * runs and one epoch for mini-batch runs, enough to exercise everything, with the file's
     * default curve points.
     */
    static Recipe quick(Recipe recipe, int maxIterations) {
        TrainingConfig t = recipe.training();
        Recipe.Builder shorter = recipe.toBuilder().recording(ExperimentFile.DEFAULT_RECORDING);
        // A full batch is one update per epoch, so its length in either unit is a number of updates.
        return (t.fullBatch() ? shorter.iterations(Math.min(t.length().count(), maxIterations)) : shorter.epochs(1)).build();
    }
}
