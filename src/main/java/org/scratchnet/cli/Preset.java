package org.scratchnet.cli;

/**
 * Named sets of training defaults; any option given on the command line wins over its preset.
 * Each default is stated here and nowhere else.
 *
 * <ul>
 *   <li>{@code default}: a strong recipe, above 97.5% test accuracy on MNIST in under a minute.</li>
 *   <li>{@code paper}: the paper's baseline: 784-10-10, ReLU, softmax, uniform random
 *       initialisation in [-0.5, 0.5], full-batch gradient descent, α = 0.1, 500 iterations.</li>
 * </ul>
 */
enum Preset {
    DEFAULT("784,256,128,10", "relu", "kaiming", "0.2", "adam", 0.001f, 128, 8, 0, 0.1),
    PAPER("784,10,10", "relu", "random", "0", "gd", 0.1f, Preset.FULL_BATCH, 0, 500, 0.1);

    /** The options a preset sets, in the order --help lists them. */
    static final java.util.List<String> OPTIONS = java.util.List.of("--layers", "--activation", "--init", "--dropout",
            "--optimizer", "--lr", "--batch", "--epochs", "--iterations", "--validation");

    final String layers;
    final String activation;
    final String init;
    final String dropout;
    final String optimizer;
    final float learningRate;
    /** Examples per update; {@value #FULL_BATCH} = the whole training set. */
    final int batch;
    /** Passes over the training set, or 0 when the preset counts iterations instead. */
    final int epochs;
    /** Updates, or 0 when the preset counts epochs instead. */
    final int iterations;
    final double validation;

    Preset(String layers, String activation, String init, String dropout, String optimizer, float learningRate,
           int batch, int epochs, int iterations, double validation) {
        this.layers = layers;
        this.activation = activation;
        this.init = init;
        this.dropout = dropout;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.batch = batch;
        this.epochs = epochs;
        this.iterations = iterations;
        this.validation = validation;
    }

    static final int FULL_BATCH = 0;

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The value this preset gives {@code option} (one of {@link #OPTIONS}), as it would be typed
     * on the command line, or null where the preset leaves the option unused (the paper's preset
     * counts iterations, not epochs).
     */
    String shown(String option) {
        return switch (option) {
            case "--layers" -> layers;
            case "--activation" -> activation;
            case "--init" -> init;
            case "--dropout" -> dropout;
            case "--optimizer" -> optimizer;
            case "--lr" -> Float.toString(learningRate);
            case "--batch" -> batch == FULL_BATCH ? "full" : Integer.toString(batch);
            case "--epochs" -> epochs > 0 ? Integer.toString(epochs) : null;
            case "--iterations" -> iterations > 0 ? Integer.toString(iterations) : null;
            case "--validation" -> Double.toString(validation);
            default -> throw new IllegalArgumentException("no preset sets " + option);
        };
    }
}
