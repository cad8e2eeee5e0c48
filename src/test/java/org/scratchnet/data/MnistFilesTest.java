package org.scratchnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;

/**
 * MnistFiles: where the files are looked for, and real downloads over HTTP from a local server
 * on 127.0.0.1 with mirrors that are good, serve corrupted content, answer 404, or cannot be
 * reached at all. No test touches the real environment, the real cache or the internet.
 */
class MnistFilesTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // good: the real files; bad: a valid gzip of the wrong content; missing: 404.
        server.createContext("/good/", ex -> serve(ex, "good",
                Files.readAllBytes(TestData.mnistDir().resolve(fileName(ex)))));
        server.createContext("/bad/", ex -> serve(ex, "bad", TestData.gzip("not mnist".getBytes())));
        server.createContext("/missing/", ex -> {
            count("missing");
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String mirror(String kind) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/";
    }

    private static String fileName(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void count(String kind) {
        requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private int requestsTo(String kind) {
        AtomicInteger n = requests.get(kind);
        return n == null ? 0 : n.get();
    }

    private void serve(HttpExchange ex, String kind, byte[] body) throws IOException {
        count(kind);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".scratchnet-tmp")).toList();
        }
    }

    // ---- download ----

    @Test
    void downloadSkipsDeadMissingAndCorruptMirrorsAndVerifiesEachFile() throws IOException {
        Path dir = tmp.resolve("cache");
        MnistFiles.download(dir, List.of("http://127.0.0.1:1/", mirror("missing"), mirror("bad"), mirror("good")), false);

        for (String name : MnistFiles.NAMES) {
            assertThat(dir.resolve(name)).isRegularFile();
            assertThat(MnistDownload.md5OfContent(dir.resolve(name))).isEqualTo(MnistFiles.MD5.get(name));
        }
        assertThat(requestsTo("missing")).isEqualTo(4);
        assertThat(requestsTo("bad")).isEqualTo(4);
        assertThat(requestsTo("good")).isEqualTo(4);
        assertThat(leftovers(dir)).isEmpty();
        Dataset test = IdxReader.read(dir.resolve(MnistFiles.NAMES[2]), dir.resolve(MnistFiles.NAMES[3]));
        assertThat(test.size).isEqualTo(10000);
    }

    @Test
    void corruptContentIsRejectedByChecksumAndDeleted() throws IOException {
        Path dir = tmp.resolve("cache");
        assertThatThrownBy(() -> MnistFiles.download(dir, List.of(mirror("bad")), false))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("expected MD5 6bbc9ace898e44ae57da46a324031adb");
        assertThat(MnistFiles.missing(dir)).hasSize(4);
        assertThat(dir).as("the folder the failed download created is removed again").doesNotExist();
    }

    @Test
    void aFailedDownloadRemovesOnlyTheFoldersItCreatedAndKeepsGoodFiles() throws IOException {
        Path parent = tmp.resolve("xdg");
        Path dir = parent.resolve("scratchnet/mnist");
        assertThatThrownBy(() -> MnistFiles.download(dir, List.of("http://127.0.0.1:1/"), false))
                .isInstanceOf(UserException.class);
        assertThat(parent).doesNotExist();
        assertThat(tmp).exists();

        Path existing = Files.createDirectories(tmp.resolve("kept"));
        assertThatThrownBy(() -> MnistFiles.download(existing, List.of("http://127.0.0.1:1/"), false))
                .isInstanceOf(UserException.class);
        assertThat(existing).as("a folder that was there before stays").isDirectory();

        // Three files arrive, the fourth cannot: the good files stay for the next run to resume.
        server.createContext("/three/", ex -> {
            if (fileName(ex).equals(MnistFiles.NAMES[3])) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
            } else {
                serve(ex, "three", Files.readAllBytes(TestData.mnistDir().resolve(fileName(ex))));
            }
        });
        Path partial = tmp.resolve("partial");
        assertThatThrownBy(() -> MnistFiles.download(partial, List.of(mirror("three")), false))
                .isInstanceOf(UserException.class);
        assertThat(MnistFiles.missing(partial)).containsExactly(MnistFiles.NAMES[3]);
    }

    @Test
    void offlineFailureIsOneLineNamingFilesAndFolder() {
        Path dir = tmp.resolve("cache");
        assertThatThrownBy(() -> MnistFiles.download(dir, List.of("http://127.0.0.1:1/"), false))
                .isInstanceOf(UserException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .hasMessageStartingWith("could not download MNIST (train-images-idx3-ubyte.gz, "
                        + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)"
                        + " from any mirror: cannot connect to http://127.0.0.1:1/train-images-idx3-ubyte.gz")
                .hasMessageEndingWith("download the four files by hand into " + dir + " or pass --data DIR");
    }

    @Test
    void filesAlreadyPresentAreNotDownloadedAgain() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        for (String name : MnistFiles.NAMES) {
            if (!name.startsWith("t10k-labels")) Files.createFile(dir.resolve(name)); // presence is what counts
        }
        MnistFiles.download(dir, List.of(mirror("good")), false);
        assertThat(requestsTo("good")).isEqualTo(1);
        assertThat(MnistFiles.missing(dir)).isEmpty();
    }

    // ---- resolve ----

    @Test
    void resolveDownloadsIntoTheCacheWhenNothingElseIsGiven() {
        Path cache = tmp.resolve("xdg/scratchnet/mnist");
        Path dir = MnistFiles.resolve(null, Map.of(MnistFiles.MIRRORS_ENV, mirror("good")), cache, false);
        assertThat(dir).isEqualTo(cache);
        assertThat(MnistFiles.missing(cache)).isEmpty();
        assertThat(requestsTo("good")).isEqualTo(4);

        // A second call finds the files and asks no mirror.
        MnistFiles.resolve(null, Map.of(MnistFiles.MIRRORS_ENV, mirror("good")), cache, false);
        assertThat(requestsTo("good")).isEqualTo(4);
    }

    @Test
    void resolveUsesExplicitFolderFirst() {
        Path shared = TestData.mnistDir();
        Path dir = MnistFiles.resolve(shared, Map.of(MnistFiles.DATA_ENV, tmp.toString()), tmp.resolve("cache"), false);
        assertThat(dir).isEqualTo(shared);
    }

    @Test
    void resolveUsesEnvironmentFolder() {
        Path shared = TestData.mnistDir();
        Path dir = MnistFiles.resolve(null, Map.of(MnistFiles.DATA_ENV, shared.toString()), tmp.resolve("cache"), false);
        assertThat(dir).isEqualTo(shared);
    }

    @Test
    void explicitFolderMissingFilesListsThemAndNeverDownloads() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("partial"));
        Files.createFile(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.createFile(dir.resolve("t10k-images-idx3-ubyte")); // uncompressed form counts too
        assertThatThrownBy(() -> MnistFiles.resolve(dir, Map.of(MnistFiles.MIRRORS_ENV, mirror("good")), tmp.resolve("c"), false))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("MNIST folder " + dir + " is missing train-labels-idx1-ubyte.gz, t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("pass the folder that holds the four MNIST files");
        assertThat(requestsTo("good")).isZero();
    }

    @Test
    void explicitFolderThatDoesNotExistIsNamed() {
        Path dir = tmp.resolve("nowhere");
        assertThatThrownBy(() -> MnistFiles.resolve(dir, Map.of(), tmp.resolve("c"), false))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(dir + " does not exist");
    }

    @Test
    void environmentFolderMissingFilesNamesTheVariable() {
        assertThatThrownBy(() -> MnistFiles.resolve(null, Map.of(MnistFiles.DATA_ENV, tmp.toString()), tmp.resolve("c"), false))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("is missing train-images-idx3-ubyte.gz")
                .hasMessageContaining("unset SCRATCHNET_DATA");
    }

    @Test
    void folderMixingCompressedAndRawFilesLoads() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Path shared = TestData.mnistDir().toAbsolutePath();
        Files.copy(shared.resolve(MnistFiles.NAMES[0]), dir.resolve(MnistFiles.NAMES[0]));
        TestData.write(dir.resolve("train-labels-idx1-ubyte"), TestData.gunzip(shared.resolve(MnistFiles.NAMES[1])));
        TestData.write(dir.resolve("t10k-images-idx3-ubyte"), TestData.gunzip(shared.resolve(MnistFiles.NAMES[2])));
        Files.copy(shared.resolve(MnistFiles.NAMES[3]), dir.resolve(MnistFiles.NAMES[3]));

        Dataset[] both = MnistFiles.load(dir);
        assertThat(both[0].size).isEqualTo(60000);
        assertThat(both[1].size).isEqualTo(10000);
        assertThat(both[1].source).endsWith("t10k-images-idx3-ubyte");
    }

    // ---- environment parsing ----

    @Test
    void cacheFolderFollowsXdgCacheHome() {
        assertThat(MnistFiles.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/var/cache/me")))
                .isEqualTo(Path.of("/var/cache/me/scratchnet/mnist"));
        Path home = Path.of(System.getProperty("user.home"));
        assertThat(MnistFiles.defaultCacheDir(Map.of())).isEqualTo(home.resolve(".cache/scratchnet/mnist"));
        assertThat(MnistFiles.defaultCacheDir(Map.of("XDG_CACHE_HOME", "relative")))
                .as("relative XDG_CACHE_HOME is ignored").isEqualTo(home.resolve(".cache/scratchnet/mnist"));
    }

    @Test
    void cacheFolderFollowsHomeFromTheEnvironment() {
        assertThat(MnistFiles.defaultCacheDir(Map.of("HOME", "/tmp/elsewhere")))
                .as("HOME set elsewhere than the account's home").isEqualTo(Path.of("/tmp/elsewhere/.cache/scratchnet/mnist"));
        assertThat(MnistFiles.defaultCacheDir(Map.of("HOME", "/tmp/elsewhere", "XDG_CACHE_HOME", "/var/cache/me")))
                .isEqualTo(Path.of("/var/cache/me/scratchnet/mnist"));
        assertThat(MnistFiles.defaultCacheDir(Map.of("HOME", "")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache/scratchnet/mnist"));
    }

    @Test
    void mirrorsComeFromTheEnvironmentOrTheDefaults() {
        assertThat(MnistFiles.mirrors(Map.of())).isEqualTo(MnistFiles.DEFAULT_MIRRORS);
        assertThat(MnistFiles.mirrors(Map.of(MnistFiles.MIRRORS_ENV, " http://a/ , ,http://b/")))
                .containsExactly("http://a/", "http://b/");
        assertThat(MnistFiles.DEFAULT_MIRRORS.get(0)).isEqualTo("https://ossci-datasets.s3.amazonaws.com/mnist/");
    }
}
