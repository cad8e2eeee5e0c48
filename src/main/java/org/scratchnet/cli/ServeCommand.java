package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.scratchnet.io.ModelFile;
import org.scratchnet.serve.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet serve}: a web page to draw a digit and watch the model answer, the model's
 * card, and a JSON API, served by the program itself until Ctrl-C ({@link WebServer}). The test
 * set of the model card comes from the same options as {@code evaluate}'s. Several {@code --model}s
 * are served as a committee, checked together as {@code evaluate} checks them ({@link CommitteeModels}).
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

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'scratchnet train'."
            + " Repeat it to serve a committee: the models answer together with the mean of their probabilities.")
    List<Path> models;

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
            description = "The model's training history CSV, drawn at /history (default: the .history.csv beside --model, the first one for a committee, if there is one).")
    Path history;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            converter = OptionTypes.Seconds.class,
            description = "A request must arrive whole, and its answer be sent, within this time (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() throws InterruptedException {
        String description;
        List<CommitteeModels.Member> members = CommitteeModels.load(models, ModelFile::load);
        if (data.csv != null && !all) CommitteeModels.requireSameCsvSplit(members);
        CommitteeModels.Member first = members.get(0);
        Path historyFile = history != null ? history : TrainCommand.historyPath(first.file());
        WebServer.History runHistory = history != null || java.nio.file.Files.isRegularFile(historyFile)
                ? WebServer.History.read(historyFile) : null;
        WebServer.setTimeouts(timeout);
        WebServer.Bound address = WebServer.bind(host, port);  // a port in use is reported before the test set is read
        WebServer web;
        WebServer.Model served;
        try {
            DataOptions.EvaluationSet test = data.evaluationSet(first.metadata(), first.file().toString(), all);
            List<WebServer.Member> networks = new ArrayList<>();
            for (CommitteeModels.Member m : members) {
                // One model is named by its file's name; a committee's members by their paths as given, as evaluate lists
                // them (members are often model files of one name in folders of their own).
                String name = members.size() == 1 ? String.valueOf(m.file().getFileName()) : m.file().toString();
                networks.add(new WebServer.Member(name, m.network(), m.metadata()));
            }
            served = new WebServer.Model(networks, test.data(), test.description(), runHistory);
            web = address.start(threads == null ? DEFAULT_THREADS : threads, served);
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
        if (members.size() == 1) {
            System.out.printf(Locale.ROOT, "Serving %s (%s, test accuracy %.2f%% on %s)%n", first.file(),
                    first.network().architecture().sizesText(), 100 * web.testAccuracy(), description);
        } else {
            System.out.printf(Locale.ROOT, "Serving a %s (%s; the mean of their probabilities; test accuracy %.2f%% on %s)%n",
                    served.name(), String.join(", ", models.stream().map(String::valueOf).toList()), 100 * web.testAccuracy(), description);
        }
        System.out.printf(Locale.ROOT, "Open %s to draw a digit; the model card is at %smodel%s. Ctrl-C stops.%n", web.url(), web.url(),
                runHistory == null ? "" : ", the training history" + (members.size() == 1 ? "" : " of " + first.file())
                        + " at " + web.url() + "history");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
