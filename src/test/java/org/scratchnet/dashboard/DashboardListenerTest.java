package org.scratchnet.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.ConfusionMatrix;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Mnist;
import org.scratchnet.train.Trainer;
import org.scratchnet.train.TrainingConfig;

/**
 * A real run on MNIST (2,000 images, 784-32-10 with dropout, 3 epochs of 40 updates) watched by
 * the dashboard: it ends with the same bits as the run not watched; every event is strict JSON
 * with its step and loss; each epoch ends with statistics of every layer, the first layer's
 * weights (which decode back to the network's within a byte's rounding) and the validation
 * confusion matrix, which is the one of the network at that epoch.
 */
class DashboardListenerTest {

    private static Network network() {
        return Network.builder(784).dense(32, Activation.RELU).dropout(0.2f).softmax(10).init(Initializer.KAIMING).seed(4).build();
    }

    @Test
    void aWatchedRunMakesTheSameUpdatesAndItsEventsDescribeIt() throws Exception {
        Dataset all = Mnist.get()[0];
        Dataset train = all.head(2_000);
        Dataset validation = all.subset(IntStream.range(all.size - 600, all.size).toArray(), "the last 600 training images");
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerSpec.adam(0.003f)).schedule(ScheduleSpec.parse("onecycle"))
                .batchSize(50).epochs(3).seed(4).build();

        Network plain = network();
        new Trainer(config).fit(plain, train, validation);

        TrainingEvents events = new TrainingEvents();
        TrainingEvents.Subscription page = events.subscribe();
        Network watched = network();
        List<int[]> confusionAtEpochEnd = new ArrayList<>();
        DashboardListener listener = new DashboardListener(watched, train, validation,
                new DashboardListener.Run("test", 40, train.size, 0), events);
        new Trainer(config).listener(org.scratchnet.train.TrainingListener.both(listener, new org.scratchnet.train.TrainingListener() {
            @Override public void epochEnded(int epoch) {
                confusionAtEpochEnd.add(watched.predict(validation));
            }
        })).fit(watched, train, validation);

        for (int l = 0; l < plain.depth(); l++) {
            assertThat(watched.weights(l)).as("W[%d]", l).isEqualTo(plain.weights(l));
            assertThat(watched.bias(l)).as("b[%d]", l).isEqualTo(plain.bias(l));
        }

        List<JsonObject> got = new ArrayList<>();
        for (String e; (e = page.next(0)) != null; ) got.add(JsonParser.parseString(e).getAsJsonObject());
        assertThat(page.dropped()).isFalse();
        for (JsonObject e : got) {
            assertThat(e.has("step") && e.has("loss")).as("%s", e).isTrue();
            assertThat(e.toString()).doesNotContain("NaN").doesNotContain("Infinity");
        }
        assertThat(got.get(0).get("type").getAsString()).isEqualTo("started");
        assertThat(got.get(0).get("total_steps").getAsInt()).isEqualTo(120);
        List<JsonObject> progress = ofType(got, "progress");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1).get("step").getAsInt()).isEqualTo(120);
        assertThat(progress.get(progress.size() - 1).get("samples").getAsLong()).isEqualTo(6_000);
        assertThat(ofType(got, "record")).extracting(r -> r.get("step").getAsInt()).containsExactly(40, 80, 120);

        List<JsonObject> stats = ofType(got, "stats");
        assertThat(stats).extracting(s -> s.get("step").getAsInt()).contains(40, 80, 120);
        for (JsonObject s : stats) {
            var layers = s.getAsJsonArray("layers");
            assertThat(layers).hasSize(2);
            JsonObject first = layers.get(0).getAsJsonObject();
            assertThat(first.get("activation").getAsString()).isEqualTo("relu");
            assertThat(first.get("dead_fraction").getAsDouble()).isBetween(0.0, 1.0);
            assertThat(first.get("update_ratio").getAsDouble()).isGreaterThan(0);
            assertThat(layers.get(1).getAsJsonObject().get("dead_fraction").isJsonNull()).isTrue();
        }

        JsonObject lastWeights = ofType(got, "weights").get(ofType(got, "weights").size() - 1);
        assertThat(lastWeights.get("step").getAsInt()).isEqualTo(120);
        assertThat(lastWeights.get("shown").getAsInt()).isEqualTo(32);
        byte[] bytes = Base64.getDecoder().decode(lastWeights.get("data").getAsString());
        float[] W = watched.weights(0);
        for (int u = 0; u < 32; u++) {
            double scale = lastWeights.getAsJsonArray("scales").get(u).getAsDouble();
            for (int k = 0; k < 784; k++) {
                assertThat(Math.abs(bytes[u * 784 + k] * scale / 127 - W[u * 784 + k])).isLessThanOrEqualTo(scale / 254 + 1e-7);
            }
        }

        List<JsonObject> confusion = ofType(got, "confusion");
        assertThat(confusion).extracting(c -> c.get("epoch").getAsInt()).containsExactly(1, 2, 3);
        for (int k = 0; k < 3; k++) {
            long[][] expected = ConfusionMatrix.of(validation.labels, confusionAtEpochEnd.get(k), 10).counts();
            var matrix = confusion.get(k).getAsJsonArray("matrix");
            for (int i = 0; i < 10; i++) {
                for (int j = 0; j < 10; j++) {
                    assertThat(matrix.get(i).getAsJsonArray().get(j).getAsLong()).isEqualTo(expected[i][j]);
                }
            }
        }
        JsonObject history = JsonParser.parseString(events.historyJson()).getAsJsonObject();
        assertThat(history.get("step").getAsInt()).isEqualTo(120);
        assertThat(history.getAsJsonArray("records")).hasSize(3);
        for (JsonElement r : history.getAsJsonArray("records")) assertThat(r.getAsJsonObject().get("validation_accuracy").getAsDouble()).isGreaterThan(0.5);
    }

    private static List<JsonObject> ofType(List<JsonObject> events, String type) {
        return events.stream().filter(e -> e.get("type").getAsString().equals(type)).toList();
    }
}
