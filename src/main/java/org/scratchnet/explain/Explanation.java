package org.scratchnet.explain;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;

/**
 * One training step explained: the step itself ({@link Step}, read from the reference layers),
 * its gradient check ({@link SelfCheck}) and the walk through it in the paper's order
 * ({@link Walkthrough}), which the terminal, the JSON, the HTML file and the server's page show.
 *
 * <pre>
 *   Explanation e = Explanation.of(() -> recipe.network(Engine.reference()), FirstBatch.of(train, 8, 3), 0.1f, origin);
 *   e.step().layer(1).dW();  e.check().passed();  e.frames();
 * </pre>
 *
 * @param origin where the network and the batch come from, for the header and the notes
 */
public record Explanation(Origin origin, Step step, SelfCheck check) {

    /**
     * Where the explained network's weights and batch come from.
     *
     * @param weights e.g. "init kaiming, seed 3" or "the weights of model.safetensors"
     * @param init    the initialiser that drew the weights, or null (weights from a file)
     * @param data    e.g. "MNIST's 60,000 training images"
     * @param seed    the seed of the batch (and of the weights, when drawn)
     */
    public record Origin(String weights, Initializer init, String data, long seed) {}

    /**
     * Builds the network twice with {@code network} (which must give the same weights, on the
     * reference engine, each time): one takes the explained step, the other is gradient-checked
     * on the same batch with the same dropout masks.
     */
    public static Explanation of(Supplier<Network> network, FirstBatch batch, float alpha, Origin origin) {
        Step step = StepRecorder.record(network.get(), batch, alpha);
        SelfCheck check = SelfCheck.of(network.get(), batch, origin.seed());
        return new Explanation(origin, step, check);
    }

    /** The walk through the step, quantity by quantity, in the paper's order. */
    public List<Frame> frames() {
        return Walkthrough.of(this);
    }

    /** The title line: "One training step of 784-16-10 (relu, softmax) on 8 MNIST training images". */
    public String title() {
        return String.format(Locale.ROOT, "One training step of %s (%s) on %d of %s", step.architecture().sizesText(),
                step.architecture().activationsText().replace(",", ", "), step.m(), origin.data());
    }

    /** The lines under the title: the setting, the notation, the layout. */
    public List<String> header() {
        int L = step.depth();
        String dropout = "";
        for (float r : step.architecture().dropout()) if (r > 0) dropout = ", dropout " + step.architecture().dropoutText();
        if (step.inputDropped()) dropout += ", input dropout " + step.architecture().inputDropoutText();
        return List.of(
                String.format(Locale.ROOT, "Network %s%s, %s; one step of plain gradient descent, α = %s, on the reference"
                        + " engine (nn/Dense, ActivationLayer, Dropout, SoftmaxCrossEntropy"
                        + (step.inputDropped() ? ", InputDropout" : "") + "): every number below is the"
                        + " network's own.", step.architecture().sizesText(), dropout, origin.weights(), Telling.num(step.alpha())),
                String.format(Locale.ROOT, "Batch: the first mini-batch of %d that a trainer seeded with %d draws (its shuffle,"
                        + " then the first %d).", step.m(), origin.seed(), step.m()),
                "Equations are numbered in the order of the paper (Khadka & Shah, \"Building a Neural Network from Scratch"
                        + " for MNIST Classification\") for its two layers: (1)-(4) forward, (5) loss, (6)-(12) backward,"
                        + " (13)-(14) update" + (L == 2 ? "." : "; with " + L + " layers, \"(1) for layer 2\" is equation (1)"
                        + " applied to layer 2."),
                "Layout: one example per row (X is m x " + step.architecture().inputSize() + ", Z[l] = A[l-1]·W[l]ᵀ + b[l]);"
                        + " the paper puts one per column (Z[l] = W[l]·A[l-1] + b[l]). W, b, dW and db are the same"
                        + " matrices in both; X, Z, A, dA and dZ are the paper's transposed.");
    }
}
