package org.scratchnet.serve;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;

/**
 * What the serve tests run against: a 784-64-10 network trained for one epoch on real MNIST (about
 * 94% on the test set; trained once per test JVM, in a few seconds) and saved to a model file,
 * each server loading its own copy from it as {@code scratchnet serve} does; MNIST's test set for
 * its model card; and real test digits rendered as picture files.
 */
final class ServedModel {
    static final String ARCHITECTURE = "784-64-10";
    private static Dataset[] mnist;
    private static Path file;

    private ServedModel() {}

    static synchronized Dataset[] mnist() {
        if (mnist == null) mnist = MnistFiles.load(Path.of(System.getProperty("mnist.dir", "../shared/mnist")));
        return mnist;
    }

    static Dataset test() {
        return mnist()[1];
    }

    /** The trained model's file (made on first use, deleted when the JVM exits). */
    static synchronized Path file() {
        if (file == null) {
            Network net = Network.builder(784).dense(64, Activation.RELU).softmax(10).init(Initializer.KAIMING).seed(7).build();
            TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.001f)).schedule(ScheduleSpec.constant()).batchSize(128).epochs(1)
                    .seed(7).build();
            new Trainer(config).fit(net, mnist()[0], null);
            try {
                file = Files.createTempFile("scratchnet-serve-test", ".safetensors");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file.toFile().deleteOnExit();
            ModelFile.save(file, net, Map.of("data", "MNIST", "seed", "7", "epochs", "1"));
        }
        return file;
    }

    private static java.util.List<Path> others;

    /**
     * Two more models for a committee with the trained one: 784-32-10 (tanh) and 784-48-10 (relu),
     * each trained for one epoch on the first 20,000 training digits (about 92%), saved to files of
     * their own; made on first use, deleted when the JVM exits.
     */
    static synchronized java.util.List<Path> otherMembers() {
        if (others == null) {
            java.util.List<Path> files = new java.util.ArrayList<>();
            int[] width = {32, 48};
            Activation[] activation = {Activation.TANH, Activation.RELU};
            for (int k = 0; k < 2; k++) {
                Network net = Network.builder(784).dense(width[k], activation[k]).softmax(10).seed(11 + k).build();
                TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.002f)).schedule(ScheduleSpec.constant())
                        .batchSize(64).epochs(1).seed(11 + k).build();
                new Trainer(config).fit(net, mnist()[0].head(20_000), null);
                try {
                    Path f = Files.createTempFile("scratchnet-serve-member" + (k + 2), ".safetensors");
                    f.toFile().deleteOnExit();
                    ModelFile.save(f, net, Map.of("data", "MNIST", "seed", Integer.toString(11 + k)));
                    files.add(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            others = java.util.List.copyOf(files);
        }
        return others;
    }

    /** The committee's three model files: the trained model first, then {@link #otherMembers}. */
    static java.util.List<Path> committeeFiles() {
        java.util.List<Path> files = new java.util.ArrayList<>();
        files.add(file());
        files.addAll(otherMembers());
        return files;
    }

    /** A server of the committee of {@link #committeeFiles} (members named member1..3.safetensors), on a free port. */
    static WebServer startCommittee(int threads) {
        java.util.List<WebServer.Member> members = new java.util.ArrayList<>();
        java.util.List<Path> files = committeeFiles();
        for (int k = 0; k < files.size(); k++) {
            ModelFile.Loaded loaded = ModelFile.load(files.get(k));
            members.add(new WebServer.Member("member" + (k + 1) + ".safetensors", loaded.network(), loaded.metadata()));
        }
        return WebServer.start("127.0.0.1", 0, threads, new WebServer.Model(members, test(), "MNIST's test set (10,000 images)", null));
    }

    /** A network of its own, loaded from the model file (a Network is not for concurrent use). */
    static ModelFile.Loaded load() {
        return ModelFile.load(file());
    }

    /** A server of the trained model on a free port of 127.0.0.1, with {@code threads} workers. */
    static WebServer start(int threads) {
        ModelFile.Loaded loaded = load();
        return WebServer.start("127.0.0.1", 0, threads, new WebServer.Model("test-model.safetensors", loaded.network(),
                loaded.metadata(), test(), "MNIST's test set (10,000 images)"));
    }

    /** Test digit {@code i} as 784 values in [0, 1]. */
    static float[] pixels(int i) {
        float[] x = new float[784];
        System.arraycopy(test().x, i * 784, x, 0, 784);
        return x;
    }

    /**
     * Test digit {@code i} as a picture such as a user would upload: scaled up {@code scale} times,
     * in a margin of {@code margin} pixels, white on black or (inverted) dark on white.
     */
    static BufferedImage picture(int i, int scale, int margin, boolean darkOnLight) {
        float[] x = pixels(i);
        int side = 28 * scale + 2 * margin;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int xx = 0; xx < side; xx++) {
                int px = (xx - margin) / scale, py = (y - margin) / scale;
                boolean inside = xx >= margin && y >= margin && px < 28 && py < 28;
                float v = inside ? x[py * 28 + px] : 0f;
                int g = Math.round(255 * (darkOnLight ? 1 - v : v));
                img.getRaster().setSample(xx, y, 0, g);
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            var out = new java.io.ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no " + format + " writer");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
