package org.scratchnet.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.MnistFiles;
import org.scratchnet.io.ModelFile;

/**
 * The load benchmark of {@code scratchnet serve}: a server of the given model on a free loopback
 * port, and N clients sending POST /api/predict as fast as they get answers, until R requests in
 * all. Half the requests are JSON pixels of real MNIST test digits, half PNG pictures of them as a
 * user uploads them (scaled up 4x, dark on white), so both paths are measured. Reported: requests
 * per second, the median and 99th percentile latency of each kind, and the errors (a status other
 * than 200, or no answer) and wrong answers (a prediction other than what the same model, loaded
 * separately, gives for that input: what requests mixing up each other's workspaces would cause).
 *
 * <p>Not a test: its figures depend on the machine and its load; they are recorded in
 * docs/benchmarks.md. Run it with {@code bench/serve-load --model M [--data DIR] [--clients N]
 * [--requests R] [--threads T]}.
 */
public final class LoadBenchmark {
    static final int DEFAULT_CLIENTS = 16;
    static final int DEFAULT_REQUESTS = 8000;
    /** Requests sent before the measurement, so the JIT has compiled the request path. */
    static final int WARM_UP = 1000;
    /** Distinct test digits the requests cycle through. */
    static final int DIGITS = 500;

    /** One kind of request: what is measured of it. */
    record Kind(String name, int requests, double p50Millis, double p99Millis) {}

    record Result(int clients, int requests, double seconds, int errors, int wrong, List<Kind> kinds) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path model = Path.of(options.getOrDefault("--model", "model.safetensors"));
        int clients = Integer.parseInt(options.getOrDefault("--clients", Integer.toString(DEFAULT_CLIENTS)));
        int requests = Integer.parseInt(options.getOrDefault("--requests", Integer.toString(DEFAULT_REQUESTS)));
        int threads = Integer.parseInt(options.getOrDefault("--threads", Integer.toString(
                Math.max(2, Runtime.getRuntime().availableProcessors()))));
        Dataset test = MnistFiles.loadTest(MnistFiles.resolve(options.containsKey("--data") ? Path.of(options.get("--data")) : null));

        ModelFile.Loaded loaded = ModelFile.load(model);
        int[] expected = ModelFile.load(model).network().predict(test);
        List<Body> bodies = bodies(test, expected);
        try (WebServer server = WebServer.start("127.0.0.1", 0, threads, new WebServer.Model(String.valueOf(model.getFileName()),
                loaded.network(), loaded.metadata(), test, "MNIST's test set"))) {
            URI predict = server.url().resolve("/api/predict");
            run(predict, clients, WARM_UP, bodies);
            Result r = run(predict, clients, requests, bodies);
            System.out.printf(Locale.ROOT, "serve load: %s, %d clients, %d server threads, %,d requests on %s (%d cores, %s %s)%n",
                    model.getFileName(), clients, threads, r.requests(), server.url(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "  %,.0f requests/s, %d errors, %d wrong answers, %.1f s%n", r.perSecond(), r.errors(),
                    r.wrong(), r.seconds());
            for (Kind k : r.kinds()) {
                System.out.printf(Locale.ROOT, "  %-13s %,6d requests   p50 %6.2f ms   p99 %6.2f ms%n", k.name(), k.requests(),
                        k.p50Millis(), k.p99Millis());
            }
        }
    }

    /** One request body, its media type and the class the model gives it. */
    private record Body(String kind, String contentType, byte[] bytes, int expected) {}

    private static List<Body> bodies(Dataset test, int[] expected) {
        List<Body> out = new ArrayList<>();
        for (int i = 0; i < DIGITS; i++) {
            float[] x = Arrays.copyOfRange(test.x, i * test.features, (i + 1) * test.features);
            StringBuilder json = new StringBuilder("{\"pixels\":[");
            for (int k = 0; k < x.length; k++) json.append(k == 0 ? "" : ",").append(x[k]);
            out.add(new Body("json pixels", "application/json", json.append("]}").toString().getBytes(StandardCharsets.UTF_8),
                    expected[i]));
            out.add(new Body("png picture", "image/png", png(x), -1));  // converted: its class may differ from the IDX's
        }
        return out;
    }

    /** A test digit as an uploaded picture: 4x, dark on white, in a margin. */
    private static byte[] png(float[] x) {
        int scale = 4, margin = 12, side = 28 * scale + 2 * margin;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int c = 0; c < side; c++) {
                int px = (c - margin) / scale, py = (y - margin) / scale;
                boolean inside = c >= margin && y >= margin && px < 28 && py < 28;
                img.getRaster().setSample(c, y, 0, Math.round(255 * (1 - (inside ? x[py * 28 + px] : 0f))));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Result run(URI predict, int clients, int requests, List<Body> bodies) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        long[][] latency = new long[2][requests];  // nanoseconds, by kind (0 json, 1 png)
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger()};
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                        Body b = bodies.get(i % bodies.size());
                        HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", b.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(b.bytes())).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            long t = System.nanoTime() - t0;
                            int kind = b.contentType().equals("image/png") ? 1 : 0;
                            latency[kind][counts[kind].getAndIncrement()] = t;
                            if (r.statusCode() != 200) errors.incrementAndGet();
                            else if (b.expected() >= 0 && !r.body().startsWith("{\"prediction\":" + b.expected() + ",")) wrong.incrementAndGet();
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Kind> kinds = new ArrayList<>();
        String[] names = {"json pixels", "png picture"};
        for (int k = 0; k < 2; k++) {
            long[] t = Arrays.copyOf(latency[k], counts[k].get());
            Arrays.sort(t);
            kinds.add(new Kind(names[k], t.length, percentile(t, 0.50), percentile(t, 0.99)));
        }
        return new Result(clients, requests, seconds, errors.get(), wrong.get(), kinds);
    }

    /** The q-quantile of sorted nanoseconds, in milliseconds (nearest rank). */
    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!List.of("--model", "--data", "--clients", "--requests", "--threads").contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --model M --data DIR --clients N --requests R --threads T");
            }
            out.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        return out;
    }
}
