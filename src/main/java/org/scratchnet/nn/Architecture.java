package org.scratchnet.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scratchnet.UserException;

/**
 * The shape of a network: layer sizes, one activation and one dropout rate per hidden layer,
 * a dropout rate on the input pixels, and a softmax output. {@code sizes = [784, 256, 128, 10]}
 * means two hidden layers (256, 128) and ten classes; {@code activations} and {@code dropout}
 * then have two entries each. Dropout of either kind is for training only: inference ignores it.
 *
 * <p>Two more settings for training: {@code noise}, the standard deviation of Gaussian noise
 * added to the input pixels and to every layer's pre-activation ({@link GaussianNoise}), and
 * {@code batchNorm}, a {@link BatchNorm} after every dense layer (the noise then goes on its
 * normalised values). Inference ignores the noise, and a saved model has its normalisation
 * folded into the dense layers ({@link Network#folded()}): a plain network.
 */
public record Architecture(int[] sizes, Activation[] activations, float[] dropout, float inputDropout, float noise,
                           boolean batchNorm) {

    /** No dropout on the input pixels unless asked for. */
    public static final float DEFAULT_INPUT_DROPOUT = 0f;
    /** No Gaussian noise unless asked for. */
    public static final float DEFAULT_NOISE = 0f;
    /** No batch normalisation unless asked for. */
    public static final boolean DEFAULT_BATCH_NORM = false;

    /** Hidden layers only, the input's pixels left as they are ({@link #DEFAULT_INPUT_DROPOUT}). */
    public Architecture(int[] sizes, Activation[] activations, float[] dropout) {
        this(sizes, activations, dropout, DEFAULT_INPUT_DROPOUT);
    }

    /** Without noise or batch normalisation ({@link #DEFAULT_NOISE}, {@link #DEFAULT_BATCH_NORM}). */
    public Architecture(int[] sizes, Activation[] activations, float[] dropout, float inputDropout) {
        this(sizes, activations, dropout, inputDropout, DEFAULT_NOISE, DEFAULT_BATCH_NORM);
    }

    public Architecture {
        if (sizes.length < 2) {
            throw new UserException("a network needs at least an input and an output size, got " + Arrays.toString(sizes));
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0) throw new UserException("layer size " + i + " must be positive, got " + sizes[i]);
        }
        if (sizes[sizes.length - 1] < 2) {
            throw new UserException("the output layer has " + sizes[sizes.length - 1] + " class; a classifier needs"
                    + " at least 2 (MNIST has 10)");
        }
        for (int i = 0; i + 1 < sizes.length; i++) {
            long weights = (long) sizes[i] * sizes[i + 1];
            if (weights > MAX_ARRAY) {
                throw new UserException(String.format(Locale.ROOT, "layer %d (%d inputs x %d units) would have %,d weights,"
                        + " more than one Java array can hold (%,d); use smaller layers", i + 1, sizes[i], sizes[i + 1],
                        weights, MAX_ARRAY));
            }
        }
        int hidden = sizes.length - 2;
        if (activations.length != hidden || dropout.length != hidden) {
            throw new UserException("the network has " + hidden + " hidden layers but " + activations.length
                    + " activations and " + dropout.length + " dropout rates were given");
        }
        for (float r : dropout) {
            if (!(r >= 0f && r < 1f)) throw new UserException("dropout rate must be in [0, 1), got " + r);
        }
        if (!(inputDropout >= 0f && inputDropout < 1f)) {
            throw new UserException("input dropout rate must be in [0, 1), got " + inputDropout);
        }
        if (!(noise >= 0f && noise <= MAX_NOISE)) {
            throw new UserException("noise must be a standard deviation in [0, " + MAX_NOISE + "], got " + noise
                    + " (pixels and normalised values are of order 1)");
        }
        sizes = sizes.clone();
        activations = activations.clone();
        dropout = dropout.clone();
    }

    /** Far more noise than signal: a value past this is a typing error, not a recipe. */
    static final float MAX_NOISE = 10f;

    /** The same network with {@code rate} of the input pixels dropped in training. */
    public Architecture withInputDropout(float rate) {
        return new Architecture(sizes, activations, dropout, rate, noise, batchNorm);
    }

    /** The same network with Gaussian noise of standard deviation {@code sigma} in training. */
    public Architecture withNoise(float sigma) {
        return new Architecture(sizes, activations, dropout, inputDropout, sigma, batchNorm);
    }

    /** The same network with or without batch normalisation after every dense layer. */
    public Architecture withBatchNorm(boolean on) {
        return new Architecture(sizes, activations, dropout, inputDropout, noise, on);
    }

    /**
     * What a saved model of this network is: the same layers, the batch normalisation folded into
     * them and the noise (training only) left out; dropout stays, as model files record it.
     */
    public Architecture forInference() {
        return new Architecture(sizes, activations, dropout, inputDropout);
    }

    /** The most values a Java array holds (a few below Integer.MAX_VALUE on every JVM). */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Weights and biases of all layers: sum of in*out + out. */
    public long parameterCount() {
        long n = 0;
        for (int i = 0; i + 1 < sizes.length; i++) n += (long) sizes[i] * sizes[i + 1] + sizes[i + 1];
        return n;
    }

    public int inputSize() {
        return sizes[0];
    }

    public int classes() {
        return sizes[sizes.length - 1];
    }

    public int hiddenLayers() {
        return sizes.length - 2;
    }

    /** "784-256-128-10". */
    public String sizesText() {
        StringBuilder s = new StringBuilder();
        for (int size : sizes) s.append(s.length() == 0 ? "" : "-").append(size);
        return s.toString();
    }

    /** "relu,relu,softmax". */
    public String activationsText() {
        List<String> names = new ArrayList<>();
        for (Activation a : activations) names.add(a.id());
        names.add("softmax");
        return String.join(",", names);
    }

    /** "0.2,0" (one per hidden layer); empty for a network without hidden layers. */
    public String dropoutText() {
        List<String> rates = new ArrayList<>();
        for (float r : dropout) rates.add(r == 0f ? "0" : Float.toString(r));
        return String.join(",", rates);
    }

    /** "0.2", or "0" for none: as saved in model files. */
    public String inputDropoutText() {
        return inputDropout == 0f ? "0" : Float.toString(inputDropout);
    }

    /**
     * {@link #parse(String, String, String)}, then the input dropout rate as {@link #inputDropoutText()}
     * writes it (a model file from before input dropout has none: pass "0").
     */
    public static Architecture parse(String sizesText, String activationsText, String dropoutText, String inputDropoutText) {
        Architecture a = parse(sizesText, activationsText, dropoutText);
        float rate;
        try {
            rate = Float.parseFloat(inputDropoutText.strip());
        } catch (NumberFormatException e) {
            throw new UserException("input_dropout '" + inputDropoutText + "' is not a number");
        }
        return a.withInputDropout(rate);
    }

    /**
     * Inverse of the three texts above, as saved in model files, read strictly: the sizes are
     * positive integers joined by '-', there is one activation per layer with softmax last and
     * only there, and one dropout rate per hidden layer. Anything else is a one-line
     * {@link UserException} saying which text is wrong and what was expected.
     */
    public static Architecture parse(String sizesText, String activationsText, String dropoutText) {
        if (!sizesText.strip().matches("[0-9]+(-[0-9]+)+")) {
            throw new UserException("layer_sizes '" + sizesText + "' is not sizes joined by '-', like 784-256-10");
        }
        String[] s = sizesText.strip().split("-");
        int[] sizes = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            try {
                sizes[i] = Integer.parseInt(s[i]);
            } catch (NumberFormatException e) {
                throw new UserException("layer_sizes '" + sizesText + "': size " + s[i] + " is too large");
            }
        }
        String[] a = activationsText.split(",", -1);
        if (a.length != sizes.length - 1) {
            throw new UserException("activations '" + activationsText + "' has " + a.length + " entries but layer_sizes "
                    + sizesText + " has " + (sizes.length - 1) + " layers; expected one per layer, softmax last");
        }
        if (!a[a.length - 1].strip().equals("softmax")) {
            throw new UserException("activations '" + activationsText + "' must end with softmax (the output layer),"
                    + " found '" + a[a.length - 1].strip() + "'");
        }
        Activation[] activations = new Activation[a.length - 1];
        for (int i = 0; i < activations.length; i++) {
            try {
                activations[i] = Activation.parse(a[i]);
            } catch (UserException e) {
                throw new UserException("activations '" + activationsText + "': hidden layer " + (i + 1) + " has "
                        + e.getMessage());
            }
        }
        float[] dropout = new float[sizes.length - 2];
        String[] d = dropoutText.isBlank() ? new String[0] : dropoutText.split(",", -1);
        if (d.length != dropout.length) {
            throw new UserException("dropout '" + dropoutText + "' has " + d.length + " rates but the network has "
                    + dropout.length + " hidden layers; expected one rate per hidden layer");
        }
        for (int i = 0; i < d.length; i++) {
            try {
                dropout[i] = Float.parseFloat(d[i].strip());
            } catch (NumberFormatException e) {
                throw new UserException("dropout '" + dropoutText + "': '" + d[i].strip() + "' is not a number");
            }
        }
        return new Architecture(sizes, activations, dropout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture other && Arrays.equals(sizes, other.sizes)
                && Arrays.equals(activations, other.activations) && Arrays.equals(dropout, other.dropout)
                && Float.compare(inputDropout, other.inputDropout) == 0 && Float.compare(noise, other.noise) == 0
                && batchNorm == other.batchNorm;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(sizes) * 31 + Arrays.hashCode(activations) * 7 + Arrays.hashCode(dropout)) * 31
                + Float.hashCode(inputDropout) + 17 * Float.hashCode(noise) + (batchNorm ? 1 : 0);
    }

    @Override
    public String toString() {
        return sizesText() + " " + activationsText() + (hiddenLayers() > 0 ? " dropout " + dropoutText() : "")
                + (inputDropout > 0f ? " input dropout " + inputDropoutText() : "")
                + (noise > 0f ? " noise " + noise : "") + (batchNorm ? " batch norm" : "");
    }
}
