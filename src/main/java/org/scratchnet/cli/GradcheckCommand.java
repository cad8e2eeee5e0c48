package org.scratchnet.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.scratchnet.Count;
import org.scratchnet.check.GradientCheck;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet gradcheck}: backpropagation against finite differences on small random
 * networks, for every activation, every initialiser, with and without dropout.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare analytic gradients with centred finite differences on small random networks covering "
                + "every layer, activation, initialiser and dropout; fails above --threshold.")
final class GradcheckCommand implements Callable<Integer> {

    @Option(names = "--threshold", paramLabel = "E", defaultValue = "" + GradientCheck.THRESHOLD, converter = OptionTypes.Positive.class,
            description = "Largest relative error accepted (default: ${DEFAULT-VALUE}); a wrong derivative gives about 0.1-1.")
    double threshold;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = OptionTypes.Seed.class, description = "Seed for the networks and inputs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        int[] sizes = {12, 8, 6, 4};
        int n = 5;
        SplittableRandom random = new SplittableRandom(seed);
        float[] X = new float[n * sizes[0]];
        int[] y = new int[n];
        for (int i = 0; i < X.length; i++) X[i] = (float) (random.nextDouble() * 2 - 1);
        for (int i = 0; i < n; i++) y[i] = random.nextInt(sizes[sizes.length - 1]);

        double worstOverall = 0;
        int cases = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Activation g : Activation.values()) {
            for (Initializer init : Initializer.values()) {
                for (float rate : new float[] {0f, 0.3f}) {
                    Architecture a = new Architecture(sizes, new Activation[] {g, g}, new float[] {rate, rate});
                    Network net = Network.create(a, init, seed + cases);
                    List<GradientCheck.Result> results = new GradientCheck().check(net, X, y, n, seed + cases);
                    cases++;
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %-16s dropout %.1f ", g.id(), init.id(), rate));
                    double worst = 0;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("activation", g.id());
                    row.put("init", init.id());
                    row.put("dropout", rate);
                    List<Map<String, Object>> parameters = new ArrayList<>();
                    for (GradientCheck.Result r : results) {
                        worst = Math.max(worst, r.worstRelativeError());
                        line.append(String.format(Locale.ROOT, " %s=%.1e", r.parameter().replace("layers.", "L").replace(".weight", ".W").replace(".bias", ".b"), r.worstRelativeError()));
                        Map<String, Object> parameter = new LinkedHashMap<>();
                        parameter.put("name", r.parameter());
                        parameter.put("worst_relative_error", r.worstRelativeError());
                        parameters.add(parameter);
                    }
                    row.put("parameters", parameters);
                    row.put("ok", worst <= threshold);
                    rows.add(row);
                    worstOverall = Math.max(worstOverall, worst);
                    if (!json) System.out.println((worst <= threshold ? "ok   " : "FAIL ") + line);
                }
            }
        }
        boolean ok = worstOverall <= threshold;
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", ok);
            result.put("worst_relative_error", worstOverall);
            result.put("threshold", threshold);
            result.put("cases", rows);
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "%n%s %s, worst relative error %.2e (threshold %.0e): %s%n", Count.of(cases, "network"),
                    Arrays.toString(sizes), worstOverall, threshold, ok ? "gradients are correct" : "GRADIENT CHECK FAILED");
        }
        return ok ? 0 : 1;
    }
}
