package org.scratchnet.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.fuzz.FuzzProperty;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Engine;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;

/**
 * Coverage-guided fuzzing of resuming from a checkpoint (Jazzer): what {@code info} reads of it,
 * then {@code train --resume} on a tiny run of its own (synthetic data, 784-4-10 with dropout,
 * Adam, reduce-on-plateau, eight updates) ends in a finished run or a one-line user error, and
 * allocates no more than the file holds. A checkpoint's checksum only proves that it is as it was
 * written, not who wrote it, so the fuzzer's bytes are the file without its checksum and the
 * harness seals them: mutations reach the header and the arrays instead of dying at the check.
 * The seeds are checkpoints of that tiny run stopped after updates 3 and 6 (written by
 * {@link #main}); findings are saved beside them in
 * src/test/resources/org/scratchnet/train/CheckpointFuzzTestInputs.
 */
class CheckpointFuzzTest {
    private static final int EXAMPLES = 40;

    /** Random pixels and labels from a fixed seed: what the data is does not matter, only that it is the seeds' data. */
    private static Dataset data(int n, long seed) {
        SplitMix random = new SplitMix(seed);
        float[] x = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() < 0.8 ? 0f : (float) random.nextDouble();
        for (int i = 0; i < n; i++) labels[i] = i % 10;
        return new Dataset(x, labels, n, 784, 10, "synthetic");
    }

    private static final Dataset TRAIN = data(EXAMPLES, 1);
    private static final Dataset VALIDATION = data(10, 2);
    private static final TrainingConfig CONFIG = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.01f))
            .schedule(ScheduleSpec.plateau()).batchSize(10).epochs(2).seed(3).build();

    private static Network network() {
        return Network.builder(784).dense(4, Activation.RELU).dropout(0.2f).softmax(10).init(Initializer.KAIMING).seed(3)
                .engine(Engine.reference()).build();
    }

    @FuzzTest(maxDuration = "10s")
    void anyCheckpointIsResumedOrRefusedInOneLine(byte[] input) {
        Path file = FuzzProperty.file(sealed(input), ".checkpoint");
        FuzzProperty.check(input.length, () -> {
            Checkpoint c = Checkpoint.read(file);
            c.architecture();  // what info shows
            c.lastRecord();
            c.setting("length");
            new Trainer(CONFIG).resumeFrom(c).fit(network(), TRAIN, VALIDATION);
        });
    }

    /** {@code body} followed by its CRC-32, as a checkpoint ends. */
    static byte[] sealed(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).order(ByteOrder.LITTLE_ENDIAN).put(body).putInt((int) crc.getValue()).array();
    }

    /**
     * Writes the seeds into {@code args[0]}: the tiny run's checkpoints after updates 3 (in the first
     * epoch, before any epoch was judged) and 6 (in the second), without their checksums.
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Path checkpoint = Files.createTempFile("seed", ".checkpoint");
        for (int stopAfter : new int[] {3, 6}) {
            Trainer trainer = new Trainer(CONFIG).checkpoints(checkpoint, List.of("--fuzz-seed"));
            int[] updates = {0};
            trainer.listener(new TrainingListener() {
                @Override
                public void batchDone(long samplesSeen, int epoch, double batchLoss, double batchAccuracy) {
                    if (++updates[0] == stopAfter) trainer.requestStop();
                }
            });
            trainer.fit(network(), TRAIN, VALIDATION);
            byte[] bytes = Files.readAllBytes(checkpoint);
            Files.write(folder.resolve("after-update-" + stopAfter), java.util.Arrays.copyOf(bytes, bytes.length - 4));
        }
        Files.delete(checkpoint);
    }
}
