package org.scratchnet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.scratchnet.UserException;
import org.scratchnet.io.AtomicFiles;

/**
 * Downloads MNIST files from a list of mirrors, one file at a time.
 *
 * <p>For each file: stream it to a temporary file in the target folder, compute the MD5 of its
 * uncompressed content, and only if that matches the published value rename it into place. A
 * mismatch, an HTTP error or a network error moves on to the next mirror; a mirror that cannot be
 * reached at all is not asked again for the remaining files, so an offline machine fails after one
 * connection attempt per mirror instead of four. If no mirror delivers a file, the error is one
 * line naming the files still missing and how to supply them by hand.
 */
final class MnistDownload {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time allowed until the response headers arrive. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<String> mirrors;
    private final boolean showProgress;
    private final Set<String> unreachable = new HashSet<>();
    private HttpClient client;

    MnistDownload(Path dir, List<String> mirrors, boolean showProgress) {
        this.dir = dir;
        this.mirrors = mirrors;
        this.showProgress = showProgress;
    }

    /**
     * Downloads each of {@code names} or fails with a one-line UserException. On failure the
     * folders this call created are removed again if they are still empty (files already
     * downloaded and checked are kept, so the next run resumes).
     */
    void fetchAll(List<String> names) {
        List<Path> created = missingFolders(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            removeEmpty(created);
            throw new UserException("cannot create the MNIST download folder " + dir + ": "
                    + AtomicFiles.describe(e) + "; pass --data DIR with a folder holding the four files");
        }
        client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            for (String name : names) {
                String lastReason = fetchOne(name);
                if (lastReason != null) {
                    throw new UserException("could not download MNIST (" + String.join(", ", MnistFiles.missing(dir))
                            + ") from any mirror: " + lastReason + "; download the four files by hand into "
                            + dir + " or pass --data DIR");
                }
            }
        } catch (RuntimeException e) {
            removeEmpty(created);
            throw e;
        }
    }

    /** {@code dir} and those of its ancestors that do not exist yet, deepest first. */
    static List<Path> missingFolders(Path dir) {
        List<Path> missing = new java.util.ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
             p = p.getParent()) {
            missing.add(p);
        }
        return missing;
    }

    /** Deletes each folder in turn (deepest first) while it is empty; stops at the first that is not. */
    private static void removeEmpty(List<Path> folders) {
        for (Path p : folders) {
            try {
                Files.deleteIfExists(p);  // refuses a folder that is not empty
            } catch (IOException notEmptyOrNotOurs) {
                return;
            }
        }
    }

    /** Tries every mirror for {@code name}; null on success, else why the last attempt failed. */
    private String fetchOne(String name) {
        String reason = "no mirrors configured";
        for (String base : mirrors) {
            if (unreachable.contains(base)) continue;
            String url = base.endsWith("/") ? base + name : base + "/" + name;
            Path tmp = null;
            try {
                URI uri = URI.create(url);
                tmp = AtomicFiles.temporaryFor(dir.resolve(name));  // removed on Ctrl-C, or by the next download
                String failure = fetch(uri, tmp, name);
                if (failure == null) {
                    AtomicFiles.commit(tmp, dir.resolve(name));
                    tmp = null;
                    return null;
                }
                reason = failure;
            } catch (IllegalArgumentException e) {
                reason = "invalid mirror URL " + url;
            } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
                unreachable.add(base);
                reason = "cannot connect to " + url + " (" + describe(e) + ")";
            } catch (IOException e) {
                reason = "error downloading " + url + ": "
                        + (e instanceof java.nio.file.FileSystemException ? AtomicFiles.describe(e) : describe(e));  // never the temporary file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("download of " + url + " was interrupted; run again to resume");
            } finally {
                AtomicFiles.discard(tmp);
            }
        }
        return reason;
    }

    /** Streams {@code uri} into {@code tmp} and checks it; null if good, else the reason it is not. */
    private String fetch(URI uri, Path tmp, String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode() + " from " + uri;
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            try (OutputStream out = Files.newOutputStream(tmp);
                 ProgressBar bar = showProgress ? progressBar(name, length) : null) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    if (bar != null) bar.stepBy(n);
                }
            }
        }
        String expected = MnistFiles.MD5.get(name);
        String found;
        try {
            found = md5OfContent(tmp);
        } catch (ZipException | java.io.EOFException e) {
            return uri + " sent corrupt gzip data (" + describe(e) + ")";
        }
        if (!found.equals(expected)) {
            return "checksum mismatch for " + uri + ": expected MD5 " + expected + " of the uncompressed "
                    + "content, found " + found;
        }
        return null;
    }

    /** MD5 (hex) of the file's content, gunzipped while hashing if it is gzip-compressed. */
    static String md5OfContent(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
        try (InputStream in = new DigestInputStream(RawBytes.open(file), md5)) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading is hashing
            }
        }
        return java.util.HexFormat.of().formatHex(md5.digest());
    }

    private static ProgressBar progressBar(String name, long length) {
        return new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(length)
                .setUnit("KiB", 1024)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** A short, single-line reason; HttpClient often hides it in a cause with a null message. */
    private static String describe(Exception e) {
        if (e instanceof HttpTimeoutException) return "timed out";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host, or no network";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) return message.replaceAll("\\s+", " ");
        }
        return e instanceof ConnectException ? "connection failed" : e.getClass().getSimpleName();
    }
}
