package org.scratchnet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.io.InputFiles;

/**
 * Finds the four MNIST files, downloading them into a per-user cache when nobody said where they
 * are, and loads them as {train, test}.
 *
 * <p>Where the files are looked for, first match wins:
 * <ol>
 *   <li>the folder the user passed (--data DIR);</li>
 *   <li>the folder in the environment variable {@value #DATA_ENV};</li>
 *   <li>the cache {@code $XDG_CACHE_HOME/scratchnet/mnist} (or {@code $HOME/.cache/scratchnet/mnist}),
 *       downloading whatever is missing there from the mirrors.</li>
 * </ol>
 * A folder given by the user is never downloaded into: a missing file there is a mistake to report,
 * not to paper over. Each file may be stored gzip-compressed (canonical name) or uncompressed (the
 * name without .gz). The overloads taking an environment map and a cache folder exist so tests can
 * exercise every branch without touching the real environment.
 */
public final class MnistFiles {

    /** The canonical file names, as published. */
    public static final String[] NAMES = {
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    };

    /**
     * Published MD5 of each file's uncompressed content. The gzip wrappers differ between mirrors,
     * the content does not, so the content is what is checked.
     */
    static final Map<String, String> MD5 = Map.of(
            NAMES[0], "6bbc9ace898e44ae57da46a324031adb",
            NAMES[1], "a25bea736e30d166cdddb491f175f624",
            NAMES[2], "2646ac647ad5339dbf082846283269ea",
            NAMES[3], "27ae3e4e09519cfbb04c329615203637");

    /** Mirrors tried in order; the original yann.lecun.com site no longer serves the files. */
    public static final List<String> DEFAULT_MIRRORS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/");

    /** Environment variable naming a folder that holds the four files. */
    public static final String DATA_ENV = "SCRATCHNET_DATA";
    /** Environment variable overriding the mirror list: base URLs separated by commas. */
    public static final String MIRRORS_ENV = "SCRATCHNET_MNIST_MIRRORS";

    private MnistFiles() {}

    /** The folder holding the four files; see the class comment for the search order. */
    public static Path resolve(Path explicitDir) {
        return resolve(explicitDir, guessStderrIsTerminal());
    }

    /** As {@link #resolve(Path)}, saying whether a download may draw a progress bar on stderr. */
    public static Path resolve(Path explicitDir, boolean showProgress) {
        Map<String, String> env = System.getenv();
        return resolve(explicitDir, env, defaultCacheDir(env), showProgress);
    }

    /** As {@link #resolve(Path)} with the environment and the cache folder given explicitly. */
    public static Path resolve(Path explicitDir, Map<String, String> env, Path cacheDir,
                               boolean showProgress) {
        if (explicitDir != null) {
            requireAll(explicitDir, "pass the folder that holds the four MNIST files");
            return explicitDir;
        }
        String fromEnv = env.get(DATA_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path dir = Path.of(fromEnv.strip());
            requireAll(dir, "put the four MNIST files there, or unset " + DATA_ENV
                    + " to use the download cache (" + DATA_ENV + "=" + dir + ")");
            return dir;
        }
        if (!missing(cacheDir).isEmpty()) {
            download(cacheDir, mirrors(env), showProgress);
        }
        return cacheDir;
    }

    /** {train, test}, read from the four files in {@code dir}. */
    public static Dataset[] load(Path dir) {
        requireAll(dir, "pass the folder that holds the four MNIST files");
        Dataset train = IdxReader.read(file(dir, NAMES[0]), file(dir, NAMES[1]));
        return new Dataset[] {train, loadTest(dir)};
    }

    /** Only the 10,000 test images, for evaluation: no need to read the training set too. */
    public static Dataset loadTest(Path dir) {
        return IdxReader.read(file(dir, NAMES[2]), file(dir, NAMES[3]));
    }

    /**
     * Downloads whichever of the four files are missing from {@code dir}, trying the mirrors in
     * order and checking each file's MD5 before it is moved into place.
     */
    public static void download(Path dir, List<String> mirrorBaseUrls, boolean showProgress) {
        List<String> wanted = missing(dir);
        if (!wanted.isEmpty()) new MnistDownload(dir, mirrorBaseUrls, showProgress).fetchAll(wanted);
    }

    /** As {@link #download(Path, List, boolean)}, with a progress bar when stderr seems a terminal. */
    public static void download(Path dir, List<String> mirrorBaseUrls) {
        download(dir, mirrorBaseUrls, guessStderrIsTerminal());
    }

    /**
     * {@code $XDG_CACHE_HOME/scratchnet/mnist}, else {@code $HOME/.cache/scratchnet/mnist}, as the
     * environment says (Java's user.home is the account's home folder from the password database,
     * which ignores a HOME set elsewhere); user.home only when HOME is unset.
     */
    public static Path defaultCacheDir(Map<String, String> env) {
        Path base = absolute(env.get("XDG_CACHE_HOME"));
        if (base == null) {
            Path home = absolute(env.get("HOME"));
            base = (home != null ? home : Path.of(System.getProperty("user.home"))).resolve(".cache");
        }
        return base.resolve("scratchnet").resolve("mnist");
    }

    /** The path in an environment value, or null if it is unset, blank or relative (the XDG spec says to ignore those). */
    private static Path absolute(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The mirrors from {@value #MIRRORS_ENV} if set, else {@link #DEFAULT_MIRRORS}. */
    public static List<String> mirrors(Map<String, String> env) {
        String value = env.get(MIRRORS_ENV);
        if (value == null) return DEFAULT_MIRRORS;
        List<String> list = new ArrayList<>();
        for (String s : value.split(",")) if (!s.isBlank()) list.add(s.strip());
        return list.isEmpty() ? DEFAULT_MIRRORS : List.copyOf(list);
    }

    /** The stored copy of {@code name} in {@code dir}: compressed if present, else uncompressed, else null. */
    public static Path file(Path dir, String name) {
        Path gz = dir.resolve(name);
        if (Files.isRegularFile(gz)) return gz;
        Path raw = dir.resolve(uncompressedName(name));
        return Files.isRegularFile(raw) ? raw : null;
    }

    /** The canonical names of the files not present (in either form) in {@code dir}. */
    public static List<String> missing(Path dir) {
        List<String> absent = new ArrayList<>();
        for (String name : NAMES) if (file(dir, name) == null) absent.add(name);
        return absent;
    }

    static String uncompressedName(String name) {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    private static void requireAll(Path dir, String whatToDo) {
        if (!Files.isDirectory(dir)) {
            String problem = InputFiles.existsAtAll(dir) ? InputFiles.problem(dir) : null;
            throw new UserException("MNIST folder " + dir + (problem == null ? " does not exist or is not a folder"
                    : " is not a folder (" + problem.replace("expected a regular file", "not a folder") + ")")
                    + "; " + whatToDo + " (" + String.join(", ", NAMES) + ")");
        }
        List<String> absent = new ArrayList<>();
        for (String name : NAMES) {
            if (file(dir, name) != null) continue;
            // Something is there but it is not a regular file: say what, rather than "missing".
            for (Path candidate : List.of(dir.resolve(name), dir.resolve(uncompressedName(name)))) {
                if (InputFiles.existsAtAll(candidate)) InputFiles.requireRegularFile(candidate, "MNIST file");
            }
            absent.add(name);
        }
        if (!absent.isEmpty()) {
            throw new UserException("MNIST folder " + dir + " is missing " + String.join(", ", absent)
                    + " (each may also be stored uncompressed, without .gz); " + whatToDo);
        }
    }

    /**
     * Whether stderr is probably a terminal. Java cannot ask about stderr alone: System.console()
     * reports on stdin and stdout, and the property scratchnet.tty=1 lets a launcher insist.
     */
    private static boolean guessStderrIsTerminal() {
        return "1".equals(System.getProperty("scratchnet.tty")) || System.console() != null;
    }
}
