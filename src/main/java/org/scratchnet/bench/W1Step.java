package org.scratchnet.bench;

import java.util.List;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;

/**
 * W1's iteration, set up once for whoever times it ({@link W1Benchmark}, and the profiles and
 * probes in {@code src/jmh}): the paper's network from {@link Workloads#SEED}, full-batch gradient
 * descent on the whole training set, which the first layer is promised stays the same array
 * ({@link Network#assumeConstantInput}), so that its pixels are listed once, not every iteration.
 */
public final class W1Step {
    private final Dataset train;
    private final Network net;
    private final Optimizer gd;
    private final List<Parameter> params;

    /** W1 on {@code engine}, the optimiser on the same kernels. */
    public W1Step(Engine engine, Dataset train) {
        this.train = train;
        this.net = Workloads.w1Network(engine);
        this.gd = OptimizerSpec.gd(Workloads.W1_LEARNING_RATE).create(engine.kernels());
        this.params = net.parameters();
        net.assumeConstantInput(train.x);
    }

    /** One iteration: the gradients of the whole training set, then the update. */
    public void run() {
        net.computeGradients(train.x, train.labels, 0, train.size);
        gd.step(params);
    }

    /** The network being trained. */
    public Network network() {
        return net;
    }

    /** The training accuracy measured during the last iteration, before its update. */
    public double lastAccuracy() {
        return (double) net.lastCorrect() / train.size;
    }
}
