package org.scratchnet.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.scratchnet.MemoryLimit;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import org.scratchnet.io.InputFiles;

/**
 * Reads an image file safely: only a regular file is opened, its width and height are read from
 * the header (ImageIO's {@link ImageReader#getWidth}, before any pixel is decoded) and checked
 * against a pixel limit and the free heap, and any decoding failure becomes one line. A 950 KB
 * PNG can declare 30000x30000 pixels, which decoded and converted to floats is gigabytes: the
 * header is where such a file is stopped.
 */
final class ImageFiles {

    /** The most pixels an image may have: 40 megapixels, more than a phone camera takes. */
    static final long MAX_PIXELS = 40_000_000L;
    /**
     * Heap per pixel while converting: the decoded image (up to 8 bytes for 16-bit RGBA), the
     * luminance and ink planes (4 bytes each).
     */
    static final int BYTES_PER_PIXEL = 16;

    private ImageFiles() {}

    /** The decoded image in {@code file}; user errors name the file. */
    static BufferedImage read(Path file) {
        return read(file, MAX_PIXELS);
    }

    /** As {@link #read(Path)} with another pixel limit (the fuzz tests use a small one, to run fast). */
    static BufferedImage read(Path file, long maxPixels) {
        if (!InputFiles.existsAtAll(file)) {
            throw new UserException(file + " not found: expected a PNG or JPEG image of a digit");
        }
        String problem = InputFiles.problem(file);
        if (problem != null) {
            throw new UserException("cannot read image " + file + ": " + problem + "; expected a PNG or JPEG image of a digit");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString(), maxPixels);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + " as an image (" + OneLine.of(String.valueOf(e.getMessage()))
                    + "): expected a PNG or JPEG", e);
        }
    }

    /**
     * The image encoded in {@code bytes} (a PNG or JPEG received over the network), checked as a
     * file is; user errors call it {@code name}.
     */
    static BufferedImage decode(byte[] bytes, String name, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            return decode(in, name, maxPixels);
        } catch (IOException e) {
            throw new UserException("cannot read " + name + " as an image (" + OneLine.of(String.valueOf(e.getMessage()))
                    + "): expected a PNG or JPEG", e);
        }
    }

    private static BufferedImage decode(ImageInputStream in, String name, long maxPixels) {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UserException(name + " is not an image this program can read: expected a PNG or JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkSize(name, reader.getWidth(0), reader.getHeight(0), maxPixels);
                BufferedImage img = reader.read(0);
                if (img == null) throw new UserException(name + " holds no image: expected a PNG or JPEG");
                return img;
            } finally {
                reader.dispose();
            }
        } catch (UserException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal corrupt data with IIOException and, for some damage, runtime errors.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserException("cannot read " + name + " as an image (" + why.replaceAll("\\s+", " ").strip()
                    + "): expected a PNG or JPEG", e);
        }
    }

    /** Refuses a picture whose header declares more pixels than the limit or the heap allows. */
    static void checkSize(String file, int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new UserException(file + " declares a " + width + "x" + height + " image: the file is damaged");
        }
        if (pixels > maxPixels) {
            throw new UserException(String.format(Locale.ROOT, "%s is %dx%d pixels (%.1f megapixels), more than the %.1f"
                    + " megapixels ScratchNet reads; scale the picture down (a digit needs a few hundred pixels a side)",
                    file, width, height, pixels / 1e6, maxPixels / 1e6));
        }
        MemoryLimit.require(pixels * BYTES_PER_PIXEL, "decoding the " + width + "x" + height + " image " + file,
                "scale the picture down");
    }
}
