package org.scratchnet.nn;

import java.util.ArrayList;
import java.util.List;
import org.scratchnet.Seeds;

/**
 * Builds a {@link Network} layer by layer:
 * <pre>
 *   Network net = Network.builder(784).inputDropout(0.2f)      // or .noise(0.3f).batchNorm()
 *       .dense(256, Activation.RELU).dropout(0.2f)
 *       .dense(128, Activation.RELU)
 *       .softmax(10)
 *       .init(Initializer.KAIMING)
 *       .seed(42)
 *       .build();
 * </pre>
 * The layers come from the fast engine on all cores unless {@link #engine} names another;
 * {@link #reference()} builds the readable reference network instead.
 */
public final class NetworkBuilder {
    private final List<Integer> sizes = new ArrayList<>();
    private final List<Activation> activations = new ArrayList<>();
    private final List<Float> dropout = new ArrayList<>();
    private float inputDropout = Architecture.DEFAULT_INPUT_DROPOUT;
    private float noise = Architecture.DEFAULT_NOISE;
    private boolean batchNorm = Architecture.DEFAULT_BATCH_NORM;
    private Initializer init = Initializer.KAIMING;
    private long seed = Seeds.DEFAULT;
    private boolean closed;
    private Engine engine;  // null: the fast engine on all cores

    NetworkBuilder(int inputSize) {
        sizes.add(inputSize);
    }

    /** A hidden dense layer of {@code units} neurons followed by {@code activation}. */
    public NetworkBuilder dense(int units, Activation activation) {
        requireOpen();
        sizes.add(units);
        activations.add(activation);
        dropout.add(0f);
        return this;
    }

    /** Dropout after the last hidden layer added. */
    public NetworkBuilder dropout(float rate) {
        requireOpen();
        if (activations.isEmpty()) throw new IllegalStateException("dropout() must follow a dense() layer");
        dropout.set(dropout.size() - 1, rate);
        return this;
    }

    /** Dropout on the input pixels, before the first layer (training only). */
    public NetworkBuilder inputDropout(float rate) {
        requireOpen();
        inputDropout = rate;
        return this;
    }

    /** Gaussian noise of standard deviation {@code sigma} on the input and every layer's pre-activation (training only). */
    public NetworkBuilder noise(float sigma) {
        requireOpen();
        noise = sigma;
        return this;
    }

    /** Batch normalisation after every dense layer (the noise, if any, then goes on its normalised values). */
    public NetworkBuilder batchNorm() {
        requireOpen();
        batchNorm = true;
        return this;
    }

    /** The output layer: {@code classes} neurons with softmax (fused with cross-entropy). */
    public NetworkBuilder softmax(int classes) {
        requireOpen();
        sizes.add(classes);
        closed = true;
        return this;
    }

    public NetworkBuilder init(Initializer init) {
        this.init = init;
        return this;
    }

    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The engine whose layers make up the network. */
    public NetworkBuilder engine(Engine engine) {
        this.engine = engine;
        return this;
    }

    /** The reference engine: the paper's equations as plain loops, one thread ({@link Engine#reference()}). */
    public NetworkBuilder reference() {
        return engine(Engine.reference());
    }

    public Architecture architecture() {
        if (!closed) throw new IllegalStateException("finish with softmax(classes) before build()");
        int[] s = sizes.stream().mapToInt(Integer::intValue).toArray();
        float[] d = new float[dropout.size()];
        for (int i = 0; i < d.length; i++) d[i] = dropout.get(i);
        return new Architecture(s, activations.toArray(new Activation[0]), d, inputDropout, noise, batchNorm);
    }

    public Network build() {
        return engine == null ? Network.create(architecture(), init, seed) : Network.create(architecture(), init, seed, engine);
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("softmax(classes) is the last layer");
    }
}
