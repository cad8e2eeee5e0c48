package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that come from or go to other runtimes: a PyTorch state dict declared wrongly (or not
 * at all), a ScratchNet model declared as a state dict, and exports pointed at their own input or
 * at weights the ONNX file could not reach. Each ends as one line and exit 2, and nothing in the
 * folder changes.
 */
class InteropHostileTest {
    static final Path STATE_DICT = Path.of("src/test/resources/fixtures/pytorch/mlp-784-32-16-10-tanh-relu.safetensors");

    @TempDir
    Path dir;

    @Test
    void aStateDictMustBeDeclaredAndDeclaredRight() throws Exception {
        Files.copy(STATE_DICT, dir.resolve("mlp.safetensors"));
        SmallData.model(dir.resolve("m.safetensors"));
        FolderSnapshot before = FolderSnapshot.of(dir);
        String data = Cli.mnist().toString();

        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", "mlp.safetensors", "--data", data)))
                .contains("no format=scratchnet marker", "--layers and --activation");
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", "mlp.safetensors", "--layers", "784,32,16,10", "--data", data)))
                .contains("--layers and --activation go together");
        assertThat(Expect.userError(Cli.run(dir, "predict", "--model", "mlp.safetensors", "--layers", "784,20,10",
                "--activation", "relu", "--csv", "none.csv"))).contains("tensor '0.weight' has shape [32, 784] but [20, 784]");
        assertThat(Expect.userError(Cli.run(dir, "evaluate", "--model", "mlp.safetensors", "--layers", "784,32,10",
                "--activation", "relu", "--data", data))).contains("tensor '2.weight' has shape [16, 32] but [10, 32]");
        assertThat(Expect.userError(Cli.run(dir, "export", "m.safetensors", "--layers", "784,16,10", "--activation", "relu",
                "--onnx", "m.onnx"))).contains("is a ScratchNet model", "leave out --layers");
        before.assertUnchanged();
    }

    @Test
    void exportsRefuseTheirOwnInputAndUnreachableExternalData() throws Exception {
        Files.createDirectory(dir.resolve("models"));
        SmallData.model(dir.resolve("models/m.safetensors"));
        FolderSnapshot before = FolderSnapshot.of(dir);

        assertThat(Expect.userError(Cli.run(dir, "export", "models/m.safetensors"))).contains("--onnx", "--pytorch");
        assertThat(Expect.userError(Cli.run(dir, "export", "models/m.safetensors", "--onnx", "models/m.safetensors")))
                .contains("an input of this command");
        assertThat(Expect.userError(Cli.run(dir, "export", "models/m.safetensors", "--onnx", "elsewhere/m.onnx", "--external-data")))
                .contains("--external-data needs MODEL");
        // A committee: a member named as the output, a member that does not fit, and --pytorch, which writes one network.
        SmallData.model(dir.resolve("models/m2.safetensors"));
        org.scratchnet.io.ModelFile.save(dir.resolve("models/narrow.safetensors"),
                org.scratchnet.nn.Network.builder(100).softmax(10).seed(1).build(), null);
        before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "export", "models/m.safetensors", "models/m2.safetensors", "--onnx",
                "models/m2.safetensors"))).contains("an input of this command");
        assertThat(Expect.userError(Cli.run(dir, "export", "models/m.safetensors", "models/narrow.safetensors", "--onnx", "c.onnx")))
                .startsWith("--model models/narrow.safetensors takes 100 inputs but models/m.safetensors takes 784;");
        assertThat(Expect.userError(Cli.run(dir, "export", "models/m.safetensors", "models/m2.safetensors", "--pytorch", "c.py")))
                .startsWith("--pytorch writes one network, and 2 models were given;");
        before.assertUnchanged();
    }
}
