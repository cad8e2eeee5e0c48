package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plot history}: the learning curves of finished runs, read from the history CSVs train
 * wrote on real MNIST, drawn into one figure; mistakes are one line and write nothing.
 */
class PlotHistoryTest {

    /** A short real run's history: its .history.csv beside the model, as train writes it. */
    private static Path train(Path dir, String name, String... options) {
        Path model = dir.resolve(name + ".safetensors");
        String[] args = new String[] {"train", "--data", CliEndToEndTest.MNIST.toString(), "--layers", "784,16,10", "--out",
                model.toString(), "--json"};
        String[] all = new String[args.length + options.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        CliEndToEndTest.Result r = CliEndToEndTest.run(all);
        assertThat(r.code()).as(r.err()).isZero();
        return dir.resolve(name + ".history.csv");
    }

    @Test
    void twoRunsHistoriesBecomeOneFigureWithTheRateUnderTheLoss(@TempDir Path dir) throws IOException {
        Path a = train(dir, "a", "--iterations", "40", "--record-every", "10");
        Path b = train(dir, "b", "--iterations", "40", "--record-every", "10", "--augment", "affine");
        Path out = dir.resolve("figures");
        CliEndToEndTest.Result r = CliEndToEndTest.run("plot", "history", a.toString(), b.toString(), "--out", out.toString(),
                "--name", "ab");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ab.png").contains("ab.svg");
        BufferedImage png = ImageIO.read(out.resolve("ab.png").toFile());
        assertThat(png.getHeight()).as("one cycle changes the rate: the figure has its panel").isEqualTo(600);
        assertThat(Files.readString(out.resolve("ab.svg"))).contains("<svg");
    }

    @Test
    void historyWithoutFilesOrActivationsWithFilesIsOneLineAndWritesNothing(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("figures");
        CliEndToEndTest.Result none = CliEndToEndTest.run("plot", "history", "--out", out.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("scratchnet: plot history needs one or more .history.csv files").doesNotContain("\n");
        Path notHistory = Files.writeString(dir.resolve("x.csv"), "label,pixel0\n1,0\n");
        CliEndToEndTest.Result bad = CliEndToEndTest.run("plot", "history", notHistory.toString(), "--out", out.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("does not start with train's header").doesNotContain("\n");
        CliEndToEndTest.Result activations = CliEndToEndTest.run("plot", "activations", notHistory.toString(), "--out", out.toString());
        assertThat(activations.code()).isEqualTo(2);
        assertThat(Files.exists(out.resolve("history.png"))).isFalse();
    }
}
