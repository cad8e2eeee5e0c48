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
    DEFAULT("784,256,128,10", "relu", "kaiming", "0.2", "adam", 0.001f, "128", 8, 0, 0.1),
    PAPER("784,10,10", "relu", "random", "0", "gd", 0.1f, "full", 0, 500, 0.1);

    final String layers;
    final String activation;
    final String init;
    final String dropout;
    final String optimizer;
    final float learningRate;
    final String batch;
    final int epochs;
    final int iterations;
    final double validation;

    Preset(String layers, String activation, String init, String dropout, String optimizer, float learningRate,
           String batch, int epochs, int iterations, double validation) {
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

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
