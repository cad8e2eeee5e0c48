package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.io.SafeTensors;
import org.scratchnet.io.Tensor;

/**
 * Checkpoints against real signals and bad files, in JVMs of their own. A training run killed
 * with SIGKILL (nothing runs: the last epoch's checkpoint is all there is) or stopped with SIGTERM
 * in the middle of an epoch (the checkpoint is of the update it stopped after) and continued with
 * {@code train --resume} alone ends with a model whose every weight is the uninterrupted run's, to
 * the bit. A damaged or truncated checkpoint, and one from another run, are refused in one line.
 * A test hook pauses after every update ({@code -Dscratchnet.test.pauseAfterUpdate}) so that the
 * signals land mid-run; the pause changes no number.
 */
class CheckpointHostileTest {
    /** 1,500 images (about 1,200 for training, after the test and validation splits) in batches of 30, three epochs. */
    private static final String[] TRAIN = {"train", "--csv", "train.csv", "--layers", "784,16,10", "--dropout", "0.2", "--epochs", "3",
        "--batch", "30", "--seed", "5"};
    private static final List<String> PAUSE = List.of("-Dscratchnet.test.pauseAfterUpdate=15");

    @TempDir
    Path dir;

    @BeforeEach
    void data() {
        SmallData.trainCsv(dir.resolve("train.csv"), 1500);
    }

    private static String[] with(String... more) {
        List<String> args = new ArrayList<>(List.of(TRAIN));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void sigkillThenResumeEndsWithTheUninterruptedRunsModel() throws Exception {
        Expect.success(Cli.run(dir, with("--out", "whole.safetensors")));
        assertThat(dir.resolve("whole.checkpoint")).as("a finished run's checkpoint is removed").doesNotExist();

        Process p = Cli.start(dir, PAUSE, with("--out", "killed.safetensors"));
        waitFor(p, dir.resolve("killed.checkpoint"));
        p.destroyForcibly();  // SIGKILL: the checkpoint of epoch 1 is what remains
        assertThat(p.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("killed.safetensors")).doesNotExist();

        Cli.Run resumed = Cli.run(dir, "train", "--resume", "killed.checkpoint");
        Expect.success(resumed);
        assertThat(resumed.out()).containsPattern("Resuming from killed.checkpoint: update [0-9]+ of [0-9]+ \\(epoch 1\\)");
        assertSameWeights(dir.resolve("whole.safetensors"), dir.resolve("killed.safetensors"));
        assertThat(dir.resolve("killed.checkpoint")).doesNotExist();
    }

    @Test
    void sigtermMidEpochSavesThatUpdateAndResumingEndsWithTheUninterruptedRunsModel() throws Exception {
        Expect.success(Cli.run(dir, with("--out", "whole.safetensors")));
        Process p = Cli.start(dir, PAUSE, with("--out", "stopped.safetensors", "--checkpoint", "run.ckpt"));
        var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        waitFor(p, dir.resolve("run.ckpt"));
        Thread.sleep(200);  // some updates into epoch 2
        // SIGTERM by kill(1): Process.destroy() would also close the pipe its message comes through.
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(p.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ended by SIGTERM").isEqualTo(143);
        String err = stderr.get(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(err).contains("the run is saved in run.ckpt: continue it with 'scratchnet train --resume run.ckpt'");
        int update = Integer.parseInt(err.replaceAll("(?s).*stopped after update ([0-9,]+);.*", "$1").replace(",", ""));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder("train.csv", "whole.safetensors", "whole.history.csv", "run.ckpt");
        }

        Cli.Run resumed = Cli.run(dir, "train", "--resume", "run.ckpt");
        Expect.success(resumed);
        String from = resumed.out().replaceAll("(?s).*Resuming from run.ckpt: (update [0-9,]+ of [0-9,]+ \\(epoch [0-9]+\\)).*", "$1");
        int total = Integer.parseInt(from.replaceAll("update [0-9,]+ of ([0-9,]+) .*", "$1").replace(",", ""));
        assertThat(from).as("stopped in the middle of epoch 2").isEqualTo(String.format(java.util.Locale.ROOT, "update %,d of %,d (epoch 2)",
                update, total));
        assertThat(update % (total / 3)).as("not at an epoch's end").isNotZero();
        assertSameWeights(dir.resolve("whole.safetensors"), dir.resolve("stopped.safetensors"));
        // The model's training time is the whole run's: this process's and the part before the stop.
        var times = java.util.regex.Pattern.compile("Trained in ([0-9.]+) s \\([0-9,]+ samples/s\\); ([0-9.]+) s in all, with the ([0-9.]+) s"
                + " before it was resumed").matcher(resumed.out());
        assertThat(times.find()).as(resumed.out()).isTrue();
        double here = Double.parseDouble(times.group(1)), all = Double.parseDouble(times.group(2)), before = Double.parseDouble(times.group(3));
        assertThat(before).as("an epoch and more of 15 ms pauses").isGreaterThan(0.5);
        assertThat(all).isCloseTo(here + before, org.assertj.core.api.Assertions.within(0.11));
        Cli.Run info = Cli.run(dir, "info", "stopped.safetensors");
        Expect.success(info);
        var recorded = java.util.regex.Pattern.compile("training time ([0-9.]+) s").matcher(info.out());
        assertThat(recorded.find()).as(info.out()).isTrue();
        assertThat(Double.parseDouble(recorded.group(1))).as("the model's training_seconds").isCloseTo(all, org.assertj.core.api.Assertions.within(0.11));
    }

    @Test
    void aDamagedOrTruncatedCheckpointIsRefusedInOneLine() throws Exception {
        killedAfterItsFirstCheckpoint();
        Path good = dir.resolve("m.checkpoint");
        byte[] bytes = Files.readAllBytes(good);

        Files.write(dir.resolve("flipped.checkpoint"), flip(bytes, bytes.length / 2));
        Files.write(dir.resolve("cut.checkpoint"), java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        Files.writeString(dir.resolve("text.checkpoint"), "not a checkpoint\n");
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "train", "--resume", "flipped.checkpoint")))
                .isEqualTo("flipped.checkpoint is a damaged checkpoint: its checksum does not match its contents (the file"
                        + " was cut short or altered); resume from another checkpoint or start the run again");
        assertThat(Expect.userError(Cli.run(dir, "train", "--resume", "cut.checkpoint"))).contains("cut.checkpoint is a damaged checkpoint");
        assertThat(Expect.userError(Cli.run(dir, "train", "--resume", "text.checkpoint")))
                .contains("text.checkpoint is not a ScratchNet checkpoint");
        before.assertUnchanged();
    }

    @Test
    void aCheckpointFromAnotherRunIsRefusedInOneLine() throws Exception {
        killedAfterItsFirstCheckpoint();
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "train", "--resume", "m.checkpoint", "--lr", "0.5")))
                .startsWith("--lr 0.5 is not how the run in m.checkpoint was made (it was: scratchnet train --csv ")
                .endsWith("or start a new run without --resume");
        before.assertUnchanged();
        // The same options on other data: the run's data is checked too.
        SmallData.trainCsv(dir.resolve("train.csv"), 1400);
        assertThat(Expect.userError(Cli.run(dir, "train", "--resume", "m.checkpoint")))
                .contains("m.checkpoint was made on other data");
        assertThat(dir.resolve("m.safetensors")).doesNotExist();
    }

    /**
     * The checksum proves a file is as it was written, not that ScratchNet wrote it: a hand-made
     * checkpoint with a valid checksum (a field taken out or of the wrong kind, a negative count,
     * a batch order that names an example twice) is refused in one line by info and by train
     * --resume alike, before any training, and nothing is written.
     */
    @Test
    void aHandMadeCheckpointWithAValidChecksumIsCheckedLikeAnyOtherInput() throws Exception {
        killedAfterItsFirstCheckpoint();
        byte[] good = Files.readAllBytes(dir.resolve("m.checkpoint"));
        Files.write(dir.resolve("no-network.checkpoint"), resealed(good, h -> h.remove("architecture"), null));
        Files.write(dir.resolve("negative.checkpoint"), resealed(good, h -> h.getAsJsonObject("position").addProperty("epoch", -3), null));
        Files.write(dir.resolve("settings.checkpoint"), resealed(good, h -> h.add("settings", new com.google.gson.JsonArray()), null));
        Files.write(dir.resolve("twice.checkpoint"), resealed(good, null, arrays -> {
            int last = arrays.limit() - 4;  // the batch order is the last array: its last entry becomes its first
            arrays.putInt(last, arrays.getInt(last - 4 * (order(good) - 1)));
        }));
        FolderSnapshot before = FolderSnapshot.of(dir);
        for (String name : List.of("no-network", "negative", "settings", "twice")) {
            String file = name + ".checkpoint";
            String refusal = file + " is a damaged checkpoint: its contents do not describe a training run this build can continue;"
                    + " resume from another checkpoint or start the run again";
            if (!name.equals("twice")) assertThat(Expect.userError(Cli.run(dir, "info", file))).as(file).isEqualTo(refusal);
            assertThat(Expect.userError(Cli.run(dir, "train", "--resume", file))).as(file).isEqualTo(refusal);
        }
        before.assertUnchanged();
    }

    /** How many examples the checkpoint's batch order holds (its "order" array's length in the header). */
    private static int order(byte[] checkpoint) {
        for (var e : header(checkpoint).getAsJsonArray("arrays")) {
            var a = e.getAsJsonObject();
            if (a.get("name").getAsString().equals("order")) return a.get("length").getAsInt();
        }
        throw new AssertionError("no batch order in the checkpoint");
    }

    private static final int MAGIC = org.scratchnet.io.CheckpointFile.MAGIC.length();

    private static com.google.gson.JsonObject header(byte[] checkpoint) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(checkpoint).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int length = in.getInt(MAGIC + 4);
        return com.google.gson.JsonParser.parseString(new String(checkpoint, MAGIC + 8, length, java.nio.charset.StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    /** The checkpoint with its header and arrays changed as given (either may be null), and its checksum made anew. */
    private static byte[] resealed(byte[] checkpoint, java.util.function.Consumer<com.google.gson.JsonObject> headerChange,
                                   java.util.function.Consumer<java.nio.ByteBuffer> arraysChange) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(checkpoint).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int length = in.getInt(MAGIC + 4);
        com.google.gson.JsonObject h = header(checkpoint);
        if (headerChange != null) headerChange.accept(h);
        byte[] json = h.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] arrays = java.util.Arrays.copyOfRange(checkpoint, MAGIC + 8 + length, checkpoint.length - 4);
        if (arraysChange != null) arraysChange.accept(java.nio.ByteBuffer.wrap(arrays).order(java.nio.ByteOrder.LITTLE_ENDIAN));
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(MAGIC + 8 + json.length + arrays.length + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(checkpoint, 0, MAGIC + 4).putInt(json.length).put(json).put(arrays);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x10;
        return copy;
    }

    /** Starts the run with --out m.safetensors and kills it (SIGKILL) once m.checkpoint is there. */
    private void killedAfterItsFirstCheckpoint() throws Exception {
        Process p = Cli.start(dir, PAUSE, with("--out", "m.safetensors"));
        waitFor(p, dir.resolve("m.checkpoint"));
        p.destroyForcibly();
        p.waitFor(Cli.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void waitFor(Process p, Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_SECONDS);
        while (!Files.exists(file)) {
            if (!p.isAlive()) fail("train ended (exit %d) before writing %s: %s", p.exitValue(), file, new String(p.getErrorStream().readAllBytes()));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                fail("no checkpoint appeared within %d s", Cli.TIMEOUT_SECONDS);
            }
            Thread.sleep(10);
        }
    }

    private static void assertSameWeights(Path expected, Path actual) {
        var a = SafeTensors.read(expected).tensors();
        var b = SafeTensors.read(actual).tensors();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            Tensor x = a.get(name);
            Tensor y = b.get(name);
            assertThat(y.data()).as(name).isEqualTo(x.data());
        }
    }
}
