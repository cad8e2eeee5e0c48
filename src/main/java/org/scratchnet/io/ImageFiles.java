package org.scratchnet.io;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.scratchnet.UserException;

/**
 * Writes a picture in the format its file name asks for: {@code .png}, or {@code .jpg} /
 * {@code .jpeg}; any other name is refused before anything is drawn, rather than writing a PNG
 * under a name that says otherwise. Written atomically ({@link AtomicFiles}).
 */
public final class ImageFiles {

    private ImageFiles() {}

    /** The ImageIO format name for {@code file} ("png" or "jpeg"); a UserException naming {@code option} otherwise. */
    public static String formatOf(Path file, String option) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) return "png";
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) return "jpeg";
        throw new UserException(option + " " + file + ": the picture is written as PNG or JPEG, chosen by the"
                + " file name; end it with .png, .jpg or .jpeg");
    }

    /** Writes {@code img} to {@code file} in the format its name gives (see {@link #formatOf}). */
    public static void write(BufferedImage img, Path file, String option) {
        String format = formatOf(file, option);
        // JPEG has no alpha channel: ImageIO would refuse an ARGB image, so such images go on white.
        BufferedImage out = "jpeg".equals(format) && img.getColorModel().hasAlpha() ? opaque(img) : img;
        AtomicFiles.write(file, stream -> {
            if (!ImageIO.write(out, format, stream)) {
                throw new IllegalStateException("this Java runtime has no " + format + " writer");
            }
        });
    }

    private static BufferedImage opaque(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
