package org.scratchnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scratchnet.eval.Agreement;
import org.scratchnet.eval.Committee;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Network;

/**
 * {@code serve} with several models: a committee of three networks of different shapes, trained on
 * real MNIST, served over real HTTP. Its answers are checked against the committee and its members
 * run in-process: the probabilities are the members' mean to the last bit, each member's own answer
 * is its network's, the hidden activations are the first member's or the one asked for; the model card measures the
 * committee and each member as {@code evaluate} does and counts their agreement; the training step
 * of {@code /learn} is the first member's.
 */
class ServeCommitteeTest {
    private static WebServer server;
    private static URI base;
    /** The same three models, loaded separately: the oracles. */
    private static List<Network> members;
    private static Committee committee;

    @BeforeAll
    static void start() {
        server = ServedModel.startCommittee(2);
        base = server.url();
        members = new ArrayList<>();
        for (Path f : ServedModel.committeeFiles()) members.add(ModelFile.load(f).network());
        committee = Committee.of(members);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void anAnswerIsTheMeanOfTheMembersProbabilitiesWithEachMembersOwn() {
        int splits = 0;
        for (int i = 0; i < 40; i++) {
            float[] x = ServedModel.pixels(i);
            JsonObject answer = Http.json(Http.post(base, "/api/predict", "application/json", pixels(x)));
            float[] mean = committee.predictProbabilities(x, 1);
            assertThat(floats(answer.getAsJsonArray("probabilities"))).as("digit %d", i).isEqualTo(mean);
            assertThat(answer.get("prediction").getAsInt()).isEqualTo(argmax(mean));
            JsonArray listed = answer.getAsJsonArray("members");
            assertThat(listed).hasSize(3);
            java.util.Set<Integer> said = new java.util.HashSet<>();
            for (int k = 0; k < 3; k++) {
                JsonObject m = listed.get(k).getAsJsonObject();
                float[] own = members.get(k).predictProbabilities(x, 1);
                assertThat(m.get("model").getAsString()).isEqualTo("member" + (k + 1) + ".safetensors");
                assertThat(floats(m.getAsJsonArray("probabilities"))).as("member %d on digit %d", k + 1, i).isEqualTo(own);
                assertThat(m.get("prediction").getAsInt()).isEqualTo(argmax(own));
                said.add(argmax(own));
            }
            if (said.size() > 1) splits++;
            JsonArray hidden = answer.getAsJsonArray("hidden_activations");
            assertThat(hidden).as("the first member's one hidden layer").hasSize(1);
            assertThat(floats(hidden.get(0).getAsJsonArray())).isEqualTo(members.get(0).hiddenActivations(x, 1).get(0));
        }
        assertThat(splits).as("digits the members disagree on, where the mean is not any one member's answer").isGreaterThan(0);
    }

    /** /api/learn?member=m explains a step of member m (its own network and weights); the first without it. */
    @Test
    void theStepOfAnyMemberCanBeAskedFor() {
        JsonObject first = Http.json(Http.get(base, "/api/learn"));
        JsonObject second = Http.json(Http.get(base, "/api/learn?member=2"));
        assertThat(first.get("title").getAsString()).startsWith("One training step of 784-64-10");
        assertThat(second.get("title").getAsString()).startsWith("One training step of 784-32-10");
        assertThat(second.getAsJsonArray("header").get(0).getAsString())
                .contains("the weights of member2.safetensors (member 2 of the committee of 3 models)");
        ServeApiTest.assertRefused(Http.get(base, "/api/learn?member=4"), 400, "member takes 1..3 (a member of the committee, as listed)");
    }

    /** ?member=m answers with member m's hidden layers (the draw page's choice), the rest of the answer the same. */
    @Test
    void anyMembersHiddenActivationsCanBeAskedFor() {
        float[] x = ServedModel.pixels(3);
        JsonObject first = Http.json(Http.post(base, "/api/predict", "application/json", pixels(x)));
        assertThat(first.get("hidden_member").getAsInt()).isEqualTo(1);
        for (int m = 1; m <= 3; m++) {
            JsonObject answer = Http.json(Http.post(base, "/api/predict?member=" + m, "application/json", pixels(x)));
            assertThat(answer.get("hidden_member").getAsInt()).isEqualTo(m);
            JsonArray hidden = answer.getAsJsonArray("hidden_activations");
            assertThat(hidden).hasSize(1);
            assertThat(floats(hidden.get(0).getAsJsonArray())).as("member %d's hidden layer", m)
                    .isEqualTo(members.get(m - 1).hiddenActivations(x, 1).get(0));
            assertThat(answer.get("probabilities")).isEqualTo(first.get("probabilities"));
            assertThat(answer.get("members")).isEqualTo(first.get("members"));
        }
        byte[] png = ServedModel.encode(ServedModel.picture(3, 2, 4, false), "png");
        assertThat(Http.json(Http.post(base, "/api/predict?invert=no&member=2", "image/png", png)).get("hidden_member").getAsInt()).isEqualTo(2);
        for (String bad : new String[] {"0", "4", "two", "-1", "99999999999"}) {
            ServeApiTest.assertRefused(Http.post(base, "/api/predict?member=" + bad, "application/json", pixels(x)), 400,
                    "member takes 1..3 (a member of the committee, as listed), got '" + bad + "'");
        }
        ServeApiTest.assertRefused(Http.post(base, "/api/predict?size=28", "image/png", png), 400,
                "a picture takes invert=auto|yes|no and member=1..3");
    }

    @Test
    void theModelCardMeasuresTheCommitteeAndEachMemberAndTheirAgreement() {
        JsonObject card = Http.json(Http.get(base, "/api/model"));
        assertThat(card.get("model").getAsString()).isEqualTo("committee of 3 models");
        assertThat(card.get("committee").getAsString()).isEqualTo(Committee.COMBINATION);
        assertThat(card.get("architecture").isJsonNull()).isTrue();
        long parameters = members.stream().mapToLong(Network::parameterCount).sum();
        assertThat(card.get("parameters").getAsLong()).isEqualTo(parameters);

        Evaluation together = committee.evaluate(ServedModel.test());
        assertThat(card.getAsJsonObject("test").get("accuracy").getAsDouble()).isEqualTo(together.accuracy());
        assertThat(card.getAsJsonObject("test").get("loss").getAsDouble()).isEqualTo(together.loss());
        JsonArray listed = card.getAsJsonArray("members");
        assertThat(listed).hasSize(3);
        List<int[]> predictions = new ArrayList<>();
        String[] layers = {"784-64-10", "784-32-10", "784-48-10"};
        for (int k = 0; k < 3; k++) {
            JsonObject m = listed.get(k).getAsJsonObject();
            Evaluation alone = Evaluation.of(members.get(k), ServedModel.test());
            predictions.add(alone.predicted());
            assertThat(m.get("model").getAsString()).isEqualTo("member" + (k + 1) + ".safetensors");
            assertThat(m.getAsJsonObject("architecture").get("layers").getAsString()).isEqualTo(layers[k]);
            assertThat(m.get("parameters").getAsLong()).isEqualTo(members.get(k).parameterCount());
            assertThat(m.get("test_accuracy").getAsDouble()).isEqualTo(alone.accuracy());
            assertThat(m.get("test_loss").getAsDouble()).isEqualTo(alone.loss());
            assertThat(m.getAsJsonObject("provenance").get("seed").getAsString()).isEqualTo(k == 0 ? "7" : Integer.toString(10 + k));
        }
        Agreement agreement = Agreement.of(ServedModel.test().labels, predictions, together.predicted());
        JsonObject a = card.getAsJsonObject("agreement");
        assertThat(a.getAsJsonObject("split").get("examples").getAsInt()).isEqualTo(agreement.split().examples()).isGreaterThan(100);
        assertThat(a.getAsJsonObject("split").get("committee_wrong").getAsInt()).isEqualTo(agreement.split().committeeWrong());
        assertThat(a.getAsJsonObject("all_right").get("examples").getAsInt()).isEqualTo(agreement.allRight().examples());
        assertThat(a.getAsJsonObject("all_wrong").get("examples").getAsInt()).isEqualTo(agreement.allWrong().examples());
        assertThat(a.get("mean_shared_errors").getAsDouble()).isEqualTo(agreement.meanSharedErrors());
    }

    @Test
    void theFiguresAreTheCommitteesAndTheStepExplainedIsTheFirstMembers() throws IOException {
        for (String name : List.of("confusion", "misclassified", "weights")) {
            HttpResponse<byte[]> r = Http.get(base, "/api/figures/" + name + ".png");
            assertThat(r.statusCode()).as(name).isEqualTo(200);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertThat(img.getWidth()).as(name).isGreaterThan(200);
        }
        JsonObject step = Http.json(Http.get(base, "/api/learn"));
        assertThat(step.get("title").getAsString()).startsWith("One training step of 784-64-10");
        assertThat(step.toString()).contains("the weights of member1.safetensors (member 1 of the committee of 3 models)");
        JsonArray W = step.getAsJsonObject("step").getAsJsonArray("layers").get(1).getAsJsonObject().getAsJsonArray("W");
        float[] expected = members.get(0).weights(1);
        assertThat(W.get(3).getAsJsonArray().get(5).getAsFloat()).isEqualTo(expected[3 * 64 + 5]);
        assertThat(Http.json(Http.get(base, "/health")).get("model").getAsString()).isEqualTo("committee of 3 models");
    }

    private static byte[] pixels(float[] x) {
        StringBuilder b = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < x.length; i++) b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", x[i]));
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsFloat();
        return out;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }
}
