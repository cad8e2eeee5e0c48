package org.scratchnet.train;

import java.nio.file.Path;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;

/** The real MNIST {train, test}, read once per test JVM (org.scratchnet.data.TestData is package-private). */
public final class Mnist {
    private static Dataset[] data;

    private Mnist() {}

    public static synchronized Dataset[] get() {
        if (data == null) data = MnistFiles.load(Path.of(System.getProperty("mnist.dir", "../shared/mnist")));
        return data;
    }
}
