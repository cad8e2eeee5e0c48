package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.experiment.Experiment;
import org.scratchnet.experiment.PaperExperiments;
import org.scratchnet.report.ReportAgreement;
import org.w3c.dom.Element;

/**
 * {@code scratchnet reproduce --quick} end to end on the real MNIST files: it must run every
 * experiment of the paper and write the report, the web page, the results and every figure, each
 * a valid image. Also {@code scratchnet experiment} on a file of one's own, and its errors.
 */
class ReproduceCommandTest {

    @TempDir
    static Path out;
    static CliEndToEndTest.Result result;
    static List<Experiment> paper;
    /**
     * Per experiment two curve figures and a comparison; the summary; the best model's confusion
     * matrix, misclassified digits and weights; a small network's weights (the best model is wide);
     * four activation functions.
     */
    static final int FIGURES = 3 * 6 + 1 + 3 + 1 + 4;

    @BeforeAll
    static void reproduceQuickly() {
        paper = PaperExperiments.load();
        result = CliEndToEndTest.run("reproduce", "--data", CliEndToEndTest.MNIST.toString(), "--out", out.toString(), "--quick");
    }

    @Test
    void succeedsAndSummarisesEveryExperiment() {
        assertThat(result.code()).as(result.err()).isZero();
        for (Experiment e : paper) assertThat(result.out()).contains(e.name());
        assertThat(result.out()).contains("Wrote REPORT.md, index.html");
        // not a terminal: one progress line per distinct run, on stderr
        assertThat(result.err()).contains("[1/").contains("baseline, as described, seed 1");
    }

    @Test
    void theReportHasARowASectionAndAnExplanationPerExperiment() throws Exception {
        String md = Files.readString(out.resolve("REPORT.md"));
        assertThat(md).contains("| Experiment | Paper | Ours, as described | Ours, done right | Time per run |");
        assertThat(md).contains("**Quick run.**");
        for (Experiment e : paper) {
            assertThat(md).contains("[" + e.title() + "](#experiment-" + e.name() + ")");
            assertThat(md).contains("## ").contains(e.title());
            assertThat(md).contains(e.explanation().lines().findFirst().orElseThrow());
        }
        assertThat(md).contains("## The best model").contains("| macro avg |");
        assertThat(md).contains("scratchnet reproduce --data");
    }

    @Test
    void everyFigureTheReportShowsExistsAsAValidPngAndSvg() throws Exception {
        String md = Files.readString(out.resolve("REPORT.md"));
        Matcher m = Pattern.compile("\\]\\((figures/[^)]+\\.png)\\)").matcher(md);
        List<String> shown = new ArrayList<>();
        while (m.find()) shown.add(m.group(1));
        assertThat(shown).hasSize(FIGURES).doesNotHaveDuplicates();
        for (String png : shown) {
            Path file = out.resolve(png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
            assertThat(image).as(png).isNotNull();
            Path svg = out.resolve(png.replace(".png", ".svg"));
            Element root = svgParser().parse(svg.toFile()).getDocumentElement();
            assertThat(root.getTagName()).as(svg.toString()).isEqualTo("svg");
            // the vector and the bitmap are the same picture: same size
            assertThat(dimension(root.getAttribute("width"))).as(png + " width").isEqualTo(image.getWidth());
            assertThat(dimension(root.getAttribute("height"))).as(png + " height").isEqualTo(image.getHeight());
            assertThat(image.getWidth()).as(png).isGreaterThanOrEqualTo(400);
            assertThat(image.getHeight()).as(png).isGreaterThanOrEqualTo(300);
            assertThat(distinctColours(image)).as(png + " is not blank").isGreaterThan(2);
        }
    }

    @Test
    void theWebPageShowsTheSameReport() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>").contains("</html>");
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            assertThat(out.resolve(m.group(1))).exists();
            images++;
        }
        assertThat(images).isEqualTo(FIGURES);
    }

    @Test
    void theResultsHoldEveryRunOfEveryExperiment() throws Exception {
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertThat(json.get("quick").getAsBoolean()).isTrue();
        JsonArray experiments = json.getAsJsonArray("experiments");
        assertThat(experiments).hasSize(paper.size());
        for (JsonElement e : experiments) {
            for (String recipe : new String[] {"as_described", "done_right"}) {
                JsonObject v = e.getAsJsonObject().getAsJsonObject("recipes").getAsJsonObject(recipe);
                assertThat(v.getAsJsonArray("runs")).hasSize(1);
                // every quick run learns something: better than the 10% of guessing (accuracies are fractions)
                assertThat(v.get("test_accuracy_mean").getAsDouble()).as(e + " " + recipe).isBetween(0.11, 1.0);
            }
            assertThat(Files.list(out.resolve("runs")).count()).isGreaterThanOrEqualTo(paper.size());
        }
        assertThat(json.getAsJsonObject("best_model").getAsJsonObject("test").get("accuracy").getAsDouble()).isGreaterThan(0.5);
        assertThat(json.getAsJsonObject("units").get("accuracy").getAsString()).startsWith("fraction");
    }

    @Test
    void theReportAgreesWithItsResults() throws Exception {
        ReportAgreement.assertAgree(Files.readString(out.resolve("REPORT.md")), Files.readString(out.resolve("results.json")));
    }

    @Test
    void fullBatchHistoriesStartBeforeTheFirstUpdate() throws Exception {
        // the curves of a full-batch recipe start at iteration 0, whose validation loss is the report's initial loss
        List<String> csv = Files.readAllLines(out.resolve("runs/xavier-as-described-seed1.csv"));
        assertThat(csv.get(1)).startsWith("0,0,0,");
        JsonObject xavier = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject()
                .getAsJsonArray("experiments").get(4).getAsJsonObject();
        assertThat(xavier.get("name").getAsString()).isEqualTo("xavier");
        double initial = xavier.getAsJsonObject("recipes").getAsJsonObject("as_described").get("initial_loss_mean").getAsDouble();
        assertThat(Double.parseDouble(csv.get(1).split(",")[5])).isCloseTo(initial, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void anExperimentFileOfOnesOwnRunsAndReports(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, """
                name: mine
                title: A small experiment
                description: Two optimisers on one small network.
                seeds: [7, 8]
                recipes:
                  plain_gd: {layers: [784, 16, 10], init: xavier, optimizer: gd, learning_rate: 0.5, batch: full, iterations: 5}
                  adam: {layers: [784, 16, 10], init: kaiming, optimizer: adam, learning_rate: 0.001, batch: 256, iterations: 20}
                """);
        Path report = dir.resolve("report");
        CliEndToEndTest.Result r = CliEndToEndTest.run("experiment", file.toString(), "--data",
                CliEndToEndTest.MNIST.toString(), "--out", report.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject mine = json.getAsJsonArray("experiments").get(0).getAsJsonObject();
        assertThat(mine.get("name").getAsString()).isEqualTo("mine");
        assertThat(mine.getAsJsonObject("recipes").getAsJsonObject("adam").getAsJsonArray("runs")).hasSize(2);
        assertThat(mine.getAsJsonObject("recipes").getAsJsonObject("adam").get("test_accuracy_std").getAsDouble()).isGreaterThan(0);
        String md = Files.readString(report.resolve("REPORT.md"));
        assertThat(md).startsWith("# A small experiment\n\nTwo optimisers on one small network. ");
        assertThat(md).contains("| Experiment | Plain gd | Adam | Time per run |");
        assertThat(md).doesNotContain("Reproducing").doesNotContain("Paper").doesNotContain("five experiments");
        assertThat(report.resolve("figures/mine-curves-adam.png")).exists();
        assertThat(report.resolve("figures/mine-curves-plain-gd.png")).exists();
    }

    @Test
    void aBadExperimentFileStopsBeforeAnyRunWithOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, Files.readString(Path.of("experiments/paper/1-baseline.yaml"))
                .replace("learning_rate: 0.1", "learning_rate: fast"));
        Path report = dir.resolve("report");
        CliEndToEndTest.Result r = CliEndToEndTest.run("experiment", file.toString(), "--data",
                CliEndToEndTest.MNIST.toString(), "--out", report.toString());
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("scratchnet: " + file + ": recipes.as_described.learning_rate must be a number, got 'fast'\n");
        assertThat(report).doesNotExist();
    }

    /** An XML parser that does not fetch the SVG DTD from the network (there is none here). */
    private static javax.xml.parsers.DocumentBuilder svgParser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder();
    }

    private static int dimension(String attribute) {
        return (int) Math.round(Double.parseDouble(attribute.replaceAll("[a-z]+$", "")));
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) colours.add(image.getRGB(x, y));
        }
        return colours.size();
    }
}
