package org.scratchnet.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event hub: a page that never reads is dropped once it falls {@value TrainingEvents#QUEUE}
 * events behind while the others get every event, in order; a page that subscribes late gets the
 * history so far first (points thinned by halves beyond {@value TrainingEvents#MAX_POINTS}) and
 * then exactly the events after it; NaN goes out as null; the number of pages is capped.
 */
class TrainingEventsTest {

    private static Map<String, Object> progress(int step, double loss) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "progress");
        e.put("step", step);
        e.put("loss", loss);
        e.put("accuracy", 0.5);
        e.put("learning_rate", 0.01f);
        e.put("samples", step * 10L);
        e.put("seconds", Double.NaN);
        return e;
    }

    @Test
    void aPageThatDoesNotReadIsDroppedAndTheOthersGetEveryEventInOrder() throws Exception {
        TrainingEvents events = new TrainingEvents();
        TrainingEvents.Subscription stalled = events.subscribe();
        TrainingEvents.Subscription reader = events.subscribe();
        List<String> got = new ArrayList<>();
        for (int step = 1; step <= 3 * TrainingEvents.QUEUE; step++) {
            events.publish(progress(step, 1.0 / step));
            String e = reader.next(0);
            if (e != null) got.add(e);
        }
        assertThat(stalled.dropped()).isTrue();
        assertThat(reader.dropped()).isFalse();
        assertThat(got).hasSize(3 * TrainingEvents.QUEUE);
        for (int i = 0; i < got.size(); i++) {
            JsonObject e = JsonParser.parseString(got.get(i)).getAsJsonObject();
            assertThat(e.get("step").getAsInt()).isEqualTo(i + 1);
            assertThat(e.get("loss").getAsDouble()).isEqualTo(1.0 / (i + 1));
            assertThat(e.get("seconds").isJsonNull()).as("NaN is null").isTrue();
        }
    }

    @Test
    void aLatePageGetsTheHistoryThenOnlyTheEventsAfterIt() throws Exception {
        TrainingEvents events = new TrainingEvents();
        int n = TrainingEvents.MAX_POINTS + 100;
        for (int step = 1; step <= n; step++) events.publish(progress(step, 1.0 / step));
        Map<String, Object> rate = new LinkedHashMap<>(Map.of("type", "rate", "step", n + 1, "loss", 0.1, "learning_rate", 0.5));
        events.publish(rate);
        TrainingEvents.Subscription late = events.subscribe();
        events.publish(progress(n + 1, 0.25));

        JsonObject h = JsonParser.parseString(late.history()).getAsJsonObject();
        assertThat(h.get("type").getAsString()).isEqualTo("history");
        assertThat(h.get("step").getAsInt()).isEqualTo(n + 1);
        var steps = h.getAsJsonObject("points").getAsJsonArray("step");
        assertThat(steps.size()).isBetween(TrainingEvents.MAX_POINTS / 2, TrainingEvents.MAX_POINTS);
        assertThat(steps.get(0).getAsInt()).isEqualTo(2);  // thinned once: every other point is kept
        assertThat(steps.get(steps.size() - 1).getAsDouble()).isGreaterThan(n - 4);
        assertThat(h.getAsJsonArray("rate_changes")).hasSize(1);
        JsonObject next = JsonParser.parseString(late.next(1000)).getAsJsonObject();
        assertThat(next.get("step").getAsInt()).isEqualTo(n + 1);
        assertThat(next.get("loss").getAsDouble()).isEqualTo(0.25);
        assertThat(late.next(0)).isNull();
    }

    @Test
    void theNumberOfPagesIsCappedAndAClosedPageFreesItsPlace() {
        TrainingEvents events = new TrainingEvents();
        List<TrainingEvents.Subscription> pages = new ArrayList<>();
        for (int i = 0; i < TrainingEvents.MAX_SUBSCRIBERS; i++) pages.add(events.subscribe());
        assertThat(pages).doesNotContainNull();
        assertThat(events.subscribe()).isNull();
        pages.get(0).close();
        assertThat(events.subscribe()).isNotNull();
    }
}
