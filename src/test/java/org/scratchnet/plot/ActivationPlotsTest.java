package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationPlotsTest {

    @Test
    void writesEveryActivationFigureAsAValidPngAndSvg(@TempDir Path dir) throws Exception {
        List<Path> files = ActivationPlots.write(dir);
        assertThat(files).hasSize(10);  // relu, sigmoid, tanh, softmax, all: PNG + SVG each
        for (String name : List.of("relu", "sigmoid", "tanh", "softmax")) {
            assertThat(dir.resolve("activation-" + name + ".png")).exists();
            assertThat(dir.resolve("activation-" + name + ".svg")).exists();
        }
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                BufferedImage image = ImageIO.read(f.toFile());
                assertThat(image).as(f.toString()).isNotNull();
                assertThat(image.getWidth()).isEqualTo(ActivationPlots.width());
                assertThat(image.getHeight()).isEqualTo(ActivationPlots.height());
            } else {
                String svg = Files.readString(f);
                assertThat(svg).as(f.toString()).contains("<svg").contains("</svg>");
            }
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void theGridPassesThroughZeroWithAPointEitherSideAndIsUneven() {
        // Uneven, so XChart puts its z ticks at round numbers through 0, not on every k-th grid
        // point (-6, -5.3, ..., -0.1, 0.6); the points beside 0 draw ReLU's kink where it is.
        double[] z = ActivationPlots.grid();
        assertThat(z).contains(0.0, -1e-3, 1e-3, -6.0, 6.0);
        java.util.Set<Double> steps = new java.util.HashSet<>();
        for (int i = 1; i < z.length; i++) {
            assertThat(z[i]).isGreaterThan(z[i - 1]);
            steps.add(Math.round((z[i] - z[i - 1]) * 1e6) / 1e6);
        }
        assertThat(steps).hasSizeGreaterThan(1);
    }

    @Test
    void titlesNameTheFunctionsAsTheLiteratureWritesThem() {
        assertThat(ActivationPlots.title(org.scratchnet.nn.Activation.RELU)).isEqualTo("ReLU");
        assertThat(ActivationPlots.title(org.scratchnet.nn.Activation.SIGMOID)).isEqualTo("Sigmoid");
        assertThat(ActivationPlots.title(org.scratchnet.nn.Activation.TANH)).isEqualTo("Tanh");
    }
}
