package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.io.ModelFile;
import org.scratchnet.io.SafeTensors;
import org.scratchnet.nn.Network;

/**
 * Committees whose members cannot answer together ({@code evaluate}, {@code predict} and {@code serve} with
 * several {@code --model}s): another input size, other classes, another preprocessing recorded in
 * the metadata, and a committee member named as an output. Each is refused in one line naming
 * both files, before any work, with the folder unchanged.
 */
class CommitteeHostileTest {
    @TempDir
    Path dir;

    @Test
    void membersThatDoNotFitTogetherAreRefusedInOneLine() {
        SmallData.model(dir.resolve("m.safetensors"));
        ModelFile.save(dir.resolve("narrow.safetensors"), Network.builder(100).softmax(10).seed(1).build(), null);
        ModelFile.save(dir.resolve("five.safetensors"), Network.builder(784).softmax(5).seed(1).build(), null);
        // A valid model whose metadata says its input was prepared another way.
        var contents = SafeTensors.read(dir.resolve("m.safetensors"));
        Map<String, String> meta = new LinkedHashMap<>(contents.metadata());
        meta.put("preprocessing", "28x28 grayscale, black digit on white; pixel value / 255");
        SafeTensors.write(dir.resolve("inverted.safetensors"), contents.tensors().values().stream().toList(), meta);
        SmallData.testCsv(dir.resolve("test.csv"), 20);
        FolderSnapshot before = FolderSnapshot.of(dir);
        String data = Cli.mnist().toString();

        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", "m.safetensors", "--model", "narrow.safetensors", "--data", data)))
                .isEqualTo("--model narrow.safetensors takes 100 inputs but m.safetensors takes 784; a committee's members must read"
                        + " the same inputs, answer the same classes and expect the same preprocessing");
        assertThat(Expect.userError(Cli.run(dir, "predict", "--model", "m.safetensors", "--model", "five.safetensors", "--csv", "test.csv")))
                .startsWith("--model five.safetensors has 5 output classes but m.safetensors has 10;");
        assertThat(Expect.userError(Cli.run(dir, "predict", "--model", "m.safetensors", "--model", "inverted.safetensors",
                "--csv", "test.csv"))).startsWith("--model inverted.safetensors expects its input as '28x28 grayscale, black digit on white;")
                .contains("but m.safetensors as '28x28 grayscale, white digit on black");
        assertThat(Expect.userError(Cli.run(dir, "predict", "--model", "m.safetensors", "--model", "five.safetensors", "--csv", "test.csv",
                "--submission", "five.safetensors"))).contains("is an input of this command (--model five.safetensors)");
        // serve checks a committee the same way, before it binds a port or reads the test set.
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", "m.safetensors", "--model", "narrow.safetensors", "--data", data,
                "--port", "0"))).startsWith("--model narrow.safetensors takes 100 inputs but m.safetensors takes 784;");
        assertThat(Expect.userError(Cli.run(dir, "serve", "--model", "m.safetensors", "--model", "inverted.safetensors", "--data", data,
                "--port", "0"))).startsWith("--model inverted.safetensors expects its input as '28x28 grayscale, black digit on white;");
        before.assertUnchanged();
    }
}
