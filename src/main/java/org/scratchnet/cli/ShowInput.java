package org.scratchnet.cli;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scratchnet.UserException;
import org.scratchnet.image.MnistImage;
import org.scratchnet.io.ImageFiles;
import org.scratchnet.io.OutputFiles;

/**
 * {@code predict --show-input}: the 28x28 input the network actually sees for each image, as a
 * picture scaled up {@value #SCALE}x (nearest neighbour, so each input pixel is a visible block)
 * to {@value #SIDE}x{@value #SIDE}, white digit on black like MNIST.
 *
 * <p>One image: the target is the picture file (.png, or .jpg). Several images, or a target that
 * is a folder: the target is a folder (made if missing) that gets {@code NAME.input.png} per
 * image, with -2, -3 ... when two images share a name. Where each goes is decided before any image
 * is read, and checked with the command's other outputs ({@link OutputFiles}).
 */
final class ShowInput {

    static final int SCALE = 10;
    static final int SIDE = MnistImage.SIDE * SCALE;

    private final Map<Path, Path> targets;
    /** The folder the pictures go into, or null when one picture goes to a file. */
    private final Path folder;

    private ShowInput(Map<Path, Path> targets, Path folder) {
        this.targets = targets;
        this.folder = folder;
    }

    /** Where each of {@code images} goes; a UserException if {@code target} cannot take them. */
    static ShowInput plan(Path target, List<Path> images) {
        Map<Path, Path> targets = new LinkedHashMap<>();
        if (images.size() == 1 && !Files.isDirectory(target)) {
            ImageFiles.formatOf(target, "--show-input");
            targets.put(images.get(0), target);
        } else {
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw new UserException("--show-input " + target + " is a file, but " + images.size()
                        + " images need a folder to hold one picture each; give a folder");
            }
            Set<String> used = new HashSet<>();
            for (Path image : images) {
                String stem = stem(image);
                String name = stem + ".input.png";
                for (int i = 2; !used.add(name); i++) name = stem + "-" + i + ".input.png";
                targets.put(image, target.resolve(name));
            }
        }
        return new ShowInput(targets, images.size() == 1 && !Files.isDirectory(target) ? null : target);
    }

    /** Adds the pictures (and their folder) to the command's output check. */
    void addTo(OutputFiles check) {
        check.folder("--show-input", folder);
        targets.values().forEach(f -> check.file("--show-input", f));
    }

    /** Writes the input picture of {@code image}; returns where it went. */
    Path write(Path image, float[] input) {
        Path file = targets.get(image);
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UserException("cannot create the folder " + file.getParent() + " for --show-input: "
                        + org.scratchnet.io.AtomicFiles.describe(e));
            }
        }
        ImageFiles.write(scaled(input), file, "--show-input");
        return file;
    }

    /** The 784 inputs as a SIDE x SIDE grey picture, each pixel a SCALE x SCALE block. */
    static BufferedImage scaled(float[] input) {
        BufferedImage small = MnistImage.toImage(input);
        BufferedImage big = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = big.getRaster();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) r.setSample(x, y, 0, small.getRaster().getSample(x / SCALE, y / SCALE, 0));
        }
        return big;
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
