package org.scratchnet.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks shared by the figure tests: the PNG and SVG pair a figure writes. */
final class FigureFiles {
    private FigureFiles() {}

    /** Asserts files = [dir/name.png, dir/name.svg], both valid, the PNG of the given size; returns the PNG. */
    static BufferedImage assertFigure(List<Path> files, Path dir, String name, int width, int height) throws Exception {
        assertThat(files).containsExactly(dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
        BufferedImage png = assertPng(files.get(0));
        assertThat(png.getWidth()).as("PNG width").isEqualTo(width);
        assertThat(png.getHeight()).as("PNG height").isEqualTo(height);
        assertSvg(files.get(1), width, height);
        try (var listing = Files.list(dir)) {
            assertThat(listing.filter(p -> p.toString().endsWith(".tmp"))).as("temporary files left").isEmpty();
        }
        return png;
    }

    /** The PNG decodes and is not blank: many colours, and at least 1% of its pixels not white. */
    static BufferedImage assertPng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " decodes as an image").isNotNull();
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) ink++;
            }
        }
        assertThat(colours.size()).as(file + ": distinct colours").isGreaterThanOrEqualTo(10);
        assertThat(ink).as(file + ": non-white pixels").isGreaterThan((long) image.getWidth() * image.getHeight() / 100);
        return image;
    }

    /** The SVG is well-formed XML with an svg root of the given size and some drawing in it. */
    static void assertSvg(Path file, int width, int height) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);  // offline
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        var root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + width + " " + height);
        int shapes = 0;
        for (String tag : List.of("path", "rect", "line", "text", "image", "polygon", "polyline")) {
            shapes += doc.getElementsByTagName(tag).getLength();
        }
        assertThat(shapes).as(file + ": drawing elements").isGreaterThan(10);
    }
}
