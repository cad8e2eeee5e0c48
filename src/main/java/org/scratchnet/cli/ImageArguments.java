package org.scratchnet.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The images {@code predict} was given: files as they are, and each folder replaced by the
 * pictures in it (not its subfolders), sorted by name; files whose extension is not a picture's
 * are skipped, so a folder of scans with a notes.txt beside them works. A folder without any
 * picture is a failure of its own.
 */
final class ImageArguments {

    /** The extensions of the formats Java's ImageIO reads. */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "wbmp", "tif", "tiff");

    /** An argument that gave no image: the path and why, for one line on stderr. */
    record Failure(Path path, String why) {}

    final List<Path> images = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();

    static ImageArguments expand(List<Path> arguments) {
        ImageArguments a = new ImageArguments();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) a.addFolder(p);
            else if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isGlob(p)) a.addGlob(p);
            else a.images.add(p);
        }
        return a;
    }

    private void addFolder(Path folder) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (isPicture(entry) && Files.isRegularFile(entry)) found.add(entry);
            }
        } catch (IOException e) {
            failures.add(new Failure(folder, "cannot list this folder (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        if (found.isEmpty()) {
            failures.add(new Failure(folder, "this folder holds no image (.png, .jpg, ...) to classify"));
            return;
        }
        found.sort(null);
        images.addAll(found);
    }

    /**
     * A quoted glob such as {@code 'scans/*.png'}: the pictures of its folder whose names match
     * its last part, in name order (a shell would expand it too, but ten thousand names may not
     * fit on a command line). Only the file name may hold a pattern.
     */
    private void addGlob(Path glob) {
        Path folder = glob.getParent() == null ? Path.of(".") : glob.getParent();
        if (isGlob(folder)) {
            failures.add(new Failure(glob, "a pattern may only be in the file name, not in the folders above it"));
            return;
        }
        java.nio.file.PathMatcher matcher;
        try {
            matcher = folder.getFileSystem().getPathMatcher("glob:" + glob.getFileName());
        } catch (IllegalArgumentException e) {  // PatternSyntaxException among them
            failures.add(new Failure(glob, "not an image and not a valid pattern (" + e.getMessage().lines().findFirst().orElse("") + ")"));
            return;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Path name = entry.getFileName();
                if (matcher.matches(name) && isPicture(entry) && Files.isRegularFile(entry)) {
                    found.add(glob.getParent() == null ? name : entry);
                }
            }
        } catch (IOException e) {
            failures.add(new Failure(glob, "cannot list the folder " + folder + " (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        if (found.isEmpty()) {
            failures.add(new Failure(glob, "no image (.png, .jpg, ...) matches this pattern"));
            return;
        }
        found.sort(null);
        images.addAll(found);
    }

    private static boolean isGlob(Path p) {
        String s = p.toString();
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    static boolean isPicture(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The reason in a user error about {@code path}, without the path where the message starts
     * with it, so that "x.png not found: ..." prints as "x.png: not found: ...".
     */
    static String reason(Path path, String message) {
        String name = path.toString();
        if (message.startsWith(name + ": ")) return message.substring(name.length() + 2);
        if (message.startsWith(name + " ")) return message.substring(name.length() + 1);
        return message;
    }
}
