package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every entry of a folder tree, as a failed command must leave it: for each path (symlinks not
 * followed) its kind, and for a regular file a digest of its bytes, for a symlink its target.
 * {@link #assertUnchanged()} fails on any changed, added (a leftover temporary file) or removed
 * entry. FIFOs and sockets are compared by kind only, never opened.
 */
public final class FolderSnapshot {
    private final Path root;
    private final Map<String, String> entries;

    private FolderSnapshot(Path root, Map<String, String> entries) {
        this.root = root;
        this.entries = entries;
    }

    public static FolderSnapshot of(Path root) {
        return new FolderSnapshot(root, read(root));
    }

    public void assertUnchanged() {
        assertThat(read(root)).as("the folder %s after the command", root).isEqualTo(entries);
    }

    private static Map<String, String> read(Path root) {
        Map<String, String> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> map.put(root.relativize(p).toString(), describe(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) return "symlink -> " + Files.readSymbolicLink(p);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return "folder";
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return "file " + sha256(p);
            return "other (" + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
