package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;

/**
 * The new user's rough edges, in a JVM of its own: {@code predict} over a folder with damaged
 * pictures predicts the rest, reports each damaged one on its own line and exits 2 without a
 * trace or a changed file; a picture name the grid cannot be written as is refused before work.
 */
class NewUserHostileTest {

    @TempDir
    Path dir;

    /** An untrained 784-16-10 model: enough to classify, nothing to wait for. */
    private Path model() {
        Path m = dir.resolve("m.safetensors");
        ModelFile.save(m, Network.create(new Architecture(new int[] {784, 16, 10}, new Activation[] {Activation.RELU},
                new float[] {0f}), Initializer.KAIMING, 1), null);
        return m;
    }

    private static void picture(Path file) throws IOException {
        BufferedImage img = new BufferedImage(60, 60, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 10; y < 50; y++) for (int x = 27; x < 33; x++) img.getRaster().setSample(x, y, 0, 255);
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void predictOverAFolderWithDamagedPicturesReportsEachAndPredictsTheRest() throws IOException {
        Path m = model();
        Path folder = Files.createDirectories(dir.resolve("scans"));
        picture(folder.resolve("a.png"));
        Cli.write(folder.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        Cli.write(folder.resolve("c.jpg"), new byte[0]);
        picture(folder.resolve("d.png"));
        Cli.write(folder.resolve("e.png"), new byte[] {'G', 'I', 'F', '8', '9', 'a'});
        FolderSnapshot before = FolderSnapshot.of(dir);

        Cli.Run run = Cli.run(dir, "predict", "--model", m.toString(), folder.toString());
        assertThat(run.timedOut()).as("%s", run).isFalse();
        assertThat(run.code()).as("%s", run).isEqualTo(2);
        assertThat(run.out().lines().map(l -> l.substring(0, l.indexOf(':'))))
                .containsExactly(folder.resolve("a.png").toString(), folder.resolve("d.png").toString());
        assertThat(run.err().strip().lines().toList()).as("%s", run).hasSize(3).allSatisfy(line -> assertThat(line)
                .startsWith("scratchnet: " + folder + "/").doesNotContain("Exception").doesNotContain("\tat "));
        before.assertUnchanged();
    }

    @Test
    void aGridNameThatIsNotPngOrJpegIsRefusedBeforeTheDataIsRead() {
        FolderSnapshot before = FolderSnapshot.of(dir);
        String err = Expect.userError(Cli.run(dir, "data", "--data", Cli.mnist().toString(), "--grid", "g.gif"));
        assertThat(err).contains("g.gif").contains(".png, .jpg or .jpeg");
        before.assertUnchanged();
    }
}
