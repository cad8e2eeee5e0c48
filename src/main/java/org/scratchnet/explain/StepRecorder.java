package org.scratchnet.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scratchnet.UserException;
import org.scratchnet.nn.ActivationStage;
import org.scratchnet.nn.BatchNorm;
import org.scratchnet.nn.Dense;
import org.scratchnet.nn.Dropout;
import org.scratchnet.nn.GaussianNoise;
import org.scratchnet.nn.InputDropout;
import org.scratchnet.nn.Layer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;

/**
 * Takes one gradient-descent step on a reference network and reads every quantity of it from
 * the reference layers themselves: the network's own {@link Network#computeGradients} (forward
 * and backward, as in training), then plain gradient descent, the paper's update, as
 * {@link OptimizerSpec#gd} builds it for training. Nothing is recomputed here: Z, A, dA and dZ
 * are read from the read-only views {@link Dense}, {@link Dropout} and {@link InputDropout} give of their last pass,
 * A[L] from the loss, W, b, dW and db through the network's accessors. The network is changed
 * (it takes the step). A network with other layers (batch normalisation, Gaussian noise) is
 * refused in one line before any work: the walk has no equations for them, and leaving them out
 * would show numbers that the equations shown do not give.
 */
public final class StepRecorder {
    private StepRecorder() {}

    /** Refuses, in one line that names them, the layers the walk has no equations for. */
    static void requireShowable(Network net) {
        Set<String> others = new LinkedHashSet<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof BatchNorm) others.add("batch normalisation");
            else if (layer instanceof GaussianNoise) others.add("Gaussian noise");
            else if (!(layer instanceof InputDropout || layer instanceof Dense || layer instanceof ActivationStage || layer instanceof Dropout)) {
                others.add(layer.getClass().getSimpleName());
            }
        }
        if (!others.isEmpty()) {
            throw new UserException("one training step is explained for dense layers, their activations and dropout; "
                    + net.architecture().sizesText() + " also has " + String.join(" and ", others)
                    + ", whose equations the walk does not show");
        }
    }

    /** The step of {@code net} (built on the reference engine) on {@code batch} with learning rate {@code alpha}. */
    public static Step record(Network net, FirstBatch batch, float alpha) {
        requireShowable(net);
        List<Dense> dense = new ArrayList<>();
        List<ActivationStage> activations = new ArrayList<>();
        List<Dropout> dropouts = new ArrayList<>();
        InputDropout inputDropout = null;
        for (Layer layer : net.layers()) {
            if (layer instanceof InputDropout in) {
                inputDropout = in;
            } else if (layer instanceof Dense d) {
                dense.add(d);
                activations.add(null);
                dropouts.add(null);
            } else if (layer instanceof ActivationStage a) {
                activations.set(dense.size() - 1, a);
            } else if (layer instanceof Dropout d) {
                dropouts.set(dense.size() - 1, d);
            }
        }
        if (dense.size() != net.depth() || (inputDropout == null && net.architecture().inputDropout() > 0f)) {
            throw new IllegalArgumentException("explaining a step reads the reference layers: build the network on Engine.reference()");
        }
        int m = batch.m();
        float[] X = batch.X();
        int[] y = batch.labels();
        int L = net.depth();
        float[][] W = new float[L][];
        float[][] b = new float[L][];
        for (int l = 0; l < L; l++) {
            W[l] = net.weights(l);
            b[l] = net.bias(l);
        }

        double lossBefore = net.evaluateBatch(X, y, 0, m, null, 0) / m;  // dropout off; draws no mask
        double loss = net.computeGradients(X, y, 0, m) / m;

        float[] probabilities = copy(net.loss().probabilities(), m * net.classes());
        float[] inputMask = inputDropout == null || inputDropout.mask() == null ? null : copy(inputDropout.mask(), m * batch.features());
        float[] A0 = copy(dense.get(0).input(), m * batch.features());
        float[][] Z = new float[L][], A = new float[L][], mask = new float[L][], dA = new float[L][], dZ = new float[L][];
        for (int l = 0; l < L; l++) {
            Dense d = dense.get(l);
            int out = d.outputSize();
            Z[l] = copy(d.output(), m * out);
            A[l] = l + 1 < L ? copy(dense.get(l + 1).input(), m * out) : probabilities;  // after dropout: what the next layer read
            Dropout drop = dropouts.get(l);
            mask[l] = drop == null || drop.mask() == null ? null : copy(drop.mask(), m * out);
            dZ[l] = timesM(d.outputGradient(), m * out, m);
            dA[l] = l + 1 < L ? timesM(dense.get(l + 1).inputGradient(), m * out, m) : null;
        }
        float[][] dW = new float[L][];
        float[][] db = new float[L][];
        for (int l = 0; l < L; l++) {
            dW[l] = net.weightGradient(l);
            db[l] = net.biasGradient(l);
        }

        OptimizerSpec.gd(alpha).create(net.engine().kernels()).step(net.parameters());
        double lossAfter = net.evaluateBatch(X, y, 0, m, null, 0) / m;

        List<Step.LayerStep> layers = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            Dense d = dense.get(l);
            ActivationStage g = activations.get(l);
            layers.add(new Step.LayerStep(l + 1, d.inputSize(), d.outputSize(), g == null ? null : g.activation(),
                    l + 1 < L ? net.architecture().dropout()[l] : 0f, W[l], b[l], Z[l], A[l], mask[l], dA[l], dZ[l], dW[l],
                    db[l], net.weights(l), net.bias(l)));
        }
        return new Step(net.architecture(), alpha, batch, inputMask, A0, loss, lossBefore, lossAfter, List.copyOf(layers));
    }

    private static float[] copy(float[] workspace, int size) {
        return Arrays.copyOf(workspace, size);
    }

    /** The paper's form of a gradient the network holds divided by m: m times it. */
    private static float[] timesM(float[] workspace, int size, int m) {
        float[] paper = new float[size];
        for (int i = 0; i < size; i++) paper[i] = workspace[i] * m;
        return paper;
    }
}
