package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a real user error is recognised, and a file changed behind its back is seen. */
class HarnessTest {

    @Test
    void anUnknownOptionIsOneLineAndExitTwo(@TempDir Path dir) {
        FolderSnapshot before = FolderSnapshot.of(dir);
        String message = Expect.userError(Cli.run(dir, "train", "--no-such-option"));
        assertThat(message).contains("--no-such-option");
        before.assertUnchanged();
    }

    @Test
    void aSnapshotSeesAnAddedFile(@TempDir Path dir) {
        FolderSnapshot before = FolderSnapshot.of(dir);
        Cli.write(dir.resolve(".model.safetensors123.tmp"), new byte[] {1});
        org.assertj.core.api.Assertions.assertThatThrownBy(before::assertUnchanged).isInstanceOf(AssertionError.class);
    }
}
