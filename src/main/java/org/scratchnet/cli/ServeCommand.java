package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Network;
import org.scratchnet.serve.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet serve}: a web page to draw a digit and watch the model answer, the model's
 * card, and a JSON API, served by the program itself until Ctrl-C ({@link WebServer}). The test
 * set of the model card comes from the same options as {@code evaluate}'s.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve a web page to draw digits and see the model's answer, its model card, and a JSON API"
                + " (GET /api/model, POST /api/predict, GET /health), until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** Requests worked on at once unless --threads says otherwise: one per core, at least two. */
    static final int DEFAULT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'scratchnet train'.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--all", description = "With --csv: the model card evaluates every row of the file (for a file the model never saw).")
    boolean all;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every network).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, converter = OptionTypes.Port.class,
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--threads", paramLabel = "N", converter = OptionTypes.Threads.class,
            description = "Requests worked on at once; " + WebServer.WAITING_PER_THREAD + " more per thread wait their turn, and beyond them"
                    + " a request is answered 503 (busy) at once (default: one per core, at least 2).")
    Integer threads;

    @Option(names = "--history", paramLabel = "FILE",
            description = "The model's training history CSV, drawn at /history (default: the .history.csv beside --model, if there is one).")
    Path history;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            converter = OptionTypes.Seconds.class,
            description = "A request must arrive whole, and its answer be sent, within this time (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() throws InterruptedException {
        String description;
        ModelFile.Loaded loaded = ModelFile.load(model);
        Path historyFile = history != null ? history : TrainCommand.historyPath(model);
        WebServer.History runHistory = history != null || java.nio.file.Files.isRegularFile(historyFile)
                ? WebServer.History.read(historyFile) : null;
        Network net = loaded.network();
        WebServer.setTimeouts(timeout);
        WebServer.Bound address = WebServer.bind(host, port);  // a port in use is reported before the test set is read
        WebServer web;
        try {
            DataOptions.EvaluationSet test = data.evaluationSet(loaded.metadata(), model.toString(), all);
            web = address.start(threads == null ? DEFAULT_THREADS : threads, new WebServer.Model(
                    String.valueOf(model.getFileName()), net, loaded.metadata(), test.data(), test.description(), runHistory));
            description = test.description();
        } catch (RuntimeException e) {
            address.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.stop(1);
            System.err.println("scratchnet: stopped serving");
            stopped.countDown();
        }, "scratchnet-serve-stop"));
        System.out.printf(Locale.ROOT, "Serving %s (%s, test accuracy %.2f%% on %s)%n", model, net.architecture().sizesText(),
                100 * web.testAccuracy(), description);
        System.out.printf(Locale.ROOT, "Open %s to draw a digit; the model card is at %smodel%s. Ctrl-C stops.%n", web.url(), web.url(),
                runHistory == null ? "" : ", the training history at " + web.url() + "history");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
