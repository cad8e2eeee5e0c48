package org.scratchnet.experiment;

import java.util.List;

/**
 * The paper's experiments, in its order. The files live in the repository's
 * {@code experiments/paper/} folder and travel inside the jar, so {@code scratchnet reproduce}
 * needs nothing but the data.
 */
public final class PaperExperiments {
    /** The files, in report order; the paper's experiment 2 (sigmoid and tanh) is two files. */
    public static final List<String> FILES = List.of("1-baseline.yaml", "2-deeper-sigmoid.yaml", "3-deeper-tanh.yaml",
            "4-dropout.yaml", "5-xavier.yaml", "6-kaiming.yaml");
    public static final String FOLDER = "experiments/paper/";

    /** The title of the reproduction's report. */
    public static final String TITLE = "Reproducing \"Building a Neural Network from Scratch for MNIST Classification\"";

    /** The report's introduction: the paper, and the two recipes each experiment runs. */
    public static final String INTRODUCTION = "Khadka and Shah build a multilayer perceptron from scratch and train it on "
            + "MNIST in five experiments. The second, a deeper network, comes with sigmoid and with tanh, so this report "
            + "has " + numberWord(FILES.size()) + " experiment sections. ScratchNet runs each one twice. **As described** follows the "
            + "paper's recipe to the letter: full-batch gradient descent, α = 0.1, and its initialisation formulas as "
            + "printed. **Done right** runs the same experiment with the textbook formulas and a sensible optimiser.";

    private PaperExperiments() {}

    private static String numberWord(int n) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
        return n < words.length ? words[n] : String.valueOf(n);
    }

    public static List<Experiment> load() {
        return FILES.stream().map(f -> ExperimentFile.readResource(FOLDER + f)).toList();
    }
}
