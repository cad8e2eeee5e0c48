package org.scratchnet.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scratchnet.UserException;

/**
 * The shape of a network: layer sizes, one activation and one dropout rate per hidden layer,
 * and a softmax output. {@code sizes = [784, 256, 128, 10]} means two hidden layers (256, 128)
 * and ten classes; {@code activations} and {@code dropout} then have two entries each.
 */
public record Architecture(int[] sizes, Activation[] activations, float[] dropout) {

    public Architecture {
        if (sizes.length < 2) {
            throw new UserException("a network needs at least an input and an output size, got " + Arrays.toString(sizes));
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0) throw new UserException("layer size " + i + " must be positive, got " + sizes[i]);
        }
        int hidden = sizes.length - 2;
        if (activations.length != hidden || dropout.length != hidden) {
            throw new UserException("the network has " + hidden + " hidden layers but " + activations.length
                    + " activations and " + dropout.length + " dropout rates were given");
        }
        for (float r : dropout) {
            if (!(r >= 0f && r < 1f)) throw new UserException("dropout rate must be in [0, 1), got " + r);
        }
        sizes = sizes.clone();
        activations = activations.clone();
        dropout = dropout.clone();
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

    /** Inverse of the three texts above, as saved in model files. */
    public static Architecture parse(String sizesText, String activationsText, String dropoutText) {
        String[] s = sizesText.split("-");
        int[] sizes = new int[s.length];
        for (int i = 0; i < s.length; i++) sizes[i] = Integer.parseInt(s[i].trim());
        String[] a = activationsText.split(",");
        Activation[] activations = new Activation[a.length - 1];  // the last one is softmax
        for (int i = 0; i < activations.length; i++) activations[i] = Activation.parse(a[i]);
        float[] dropout = new float[sizes.length - 2];
        if (!dropoutText.isBlank()) {
            String[] d = dropoutText.split(",");
            for (int i = 0; i < d.length && i < dropout.length; i++) dropout[i] = Float.parseFloat(d[i].trim());
        }
        return new Architecture(sizes, activations, dropout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture other && Arrays.equals(sizes, other.sizes)
                && Arrays.equals(activations, other.activations) && Arrays.equals(dropout, other.dropout);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + Arrays.hashCode(activations) * 7 + Arrays.hashCode(dropout);
    }

    @Override
    public String toString() {
        return sizesText() + " " + activationsText() + (hiddenLayers() > 0 ? " dropout " + dropoutText() : "");
    }
}
