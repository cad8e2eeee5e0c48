package org.scratchnet.dashboard;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.scratchnet.StrictJson;

/**
 * The events of a training run, as the dashboard's pages receive them: each one a strict JSON
 * object (null where a number is undefined) with its {@code type}, the {@code step} (updates
 * made) and the latest training {@code loss} among its fields. The training thread publishes;
 * pages subscribe, each with a queue of its own of {@value #QUEUE} events.
 *
 * <p>The training thread never waits for a page: publishing only offers each event to the queues
 * (and holds a lock for the moment it takes to add it to the history); a page that has let its
 * queue fill up is dropped (its stream is closed; the browser reconnects and starts again from
 * the history). The history so far is kept here, so that a page opened late gets the whole run:
 * the progress points (thinned out by halves beyond {@value #MAX_POINTS}), every history row,
 * every rate change, and the latest statistics, weights, confusion matrix and state.
 */
public final class TrainingEvents {
    /** Events a page may fall behind by before it is dropped. */
    static final int QUEUE = 256;
    /** Progress points kept for a page that opens late; beyond this, every other one is dropped. */
    static final int MAX_POINTS = 4000;
    /** Pages that may follow the run at once; more are refused (503). */
    public static final int MAX_SUBSCRIBERS = 16;

    private static final Gson GSON = StrictJson.finiteOrNull(new GsonBuilder()).serializeNulls().disableHtmlEscaping().create();
    private static final String[] POINT_KEYS = {"step", "loss", "accuracy", "learning_rate", "samples", "seconds"};

    private final Object lock = new Object();
    // All guarded by lock.
    private Map<String, Object> started;
    private final List<double[]> points = new ArrayList<>();
    private int pointStride = 1;
    private long progressSeen;
    private final List<Map<String, Object>> records = new ArrayList<>();
    private final List<Map<String, Object>> rateChanges = new ArrayList<>();
    private final Map<String, Map<String, Object>> latest = new LinkedHashMap<>();  // stats, weights, confusion, state
    private final List<Subscription> subscribers = new ArrayList<>();
    private boolean finished;
    private long published;
    private Object lastStep = 0;
    private Object lastLoss;

    /** One page following the run: the history when it subscribed, then the events since, in order. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile String history;
        private volatile boolean dropped;

        private Subscription() {}

        /** The first event to send: {@code {"type": "history", ...}}, the run so far. */
        public String history() {
            return history;
        }

        /** The next event, waiting up to {@code millis}; null if none came (or the run is over and all was sent). */
        public String next(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** True once this page fell {@value #QUEUE} events behind: its stream is to be closed. */
        public boolean dropped() {
            return dropped;
        }

        /** True once the run is over and every event was taken. */
        public boolean ended() {
            synchronized (lock) {
                return finished && queue.isEmpty();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                subscribers.remove(this);
            }
        }
    }

    /**
     * Sends {@code event} (its "type", "step" and "loss" set by the caller) to every page and keeps
     * what a late page needs. Never blocks on a page.
     */
    public void publish(Map<String, Object> event) {
        String json = GSON.toJson(event);
        synchronized (lock) {
            keep(event);
            published++;
            for (Subscription s : subscribers) {
                if (!s.dropped && !s.queue.offer(json)) s.dropped = true;
            }
        }
    }

    /**
     * A new page's subscription, or null when {@value #MAX_SUBSCRIBERS} pages already follow the
     * run. The history is copied and the page added to the subscribers at one moment, so that it
     * gets every event after the history and none twice; the copy is turned into JSON outside the
     * lock, so that the training thread does not wait for that.
     */
    public Subscription subscribe() {
        Subscription s = new Subscription();
        Map<String, Object> copy;
        synchronized (lock) {
            if (subscribers.size() >= MAX_SUBSCRIBERS) return null;
            copy = historyCopy();
            subscribers.add(s);
        }
        s.history = GSON.toJson(copy);
        return s;
    }

    /** The run so far, as {@code GET /api/training/history} answers and a new page's first event. */
    public String historyJson() {
        synchronized (lock) {
            return GSON.toJson(historyCopy());
        }
    }

    /** Pages following the run now. */
    public int subscribers() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    /** Whether a "finished" event was published: the run is over, streams end once drained. */
    public boolean finished() {
        synchronized (lock) {
            return finished;
        }
    }

    private void keep(Map<String, Object> event) {
        lastStep = event.get("step");
        lastLoss = event.get("loss");
        String type = String.valueOf(event.get("type"));
        switch (type) {
            case "started" -> started = event;
            case "progress" -> {
                if (progressSeen++ % pointStride == 0) {
                    double[] p = new double[POINT_KEYS.length];
                    for (int k = 0; k < p.length; k++) p[k] = number(event.get(POINT_KEYS[k]));
                    points.add(p);
                    if (points.size() >= MAX_POINTS) {
                        for (int i = 0; i < points.size() / 2; i++) points.set(i, points.get(2 * i + 1));
                        points.subList(points.size() / 2, points.size()).clear();
                        pointStride *= 2;
                    }
                }
            }
            case "record" -> records.add(event);
            case "rate" -> rateChanges.add(event);
            case "paused", "resumed", "finished" -> {
                latest.put("state", event);
                if (type.equals("finished")) finished = true;
            }
            default -> latest.put(type, event);  // stats, weights, confusion: the latest is what a page shows
        }
    }

    /** A copy of the history (under the lock), as plain maps and lists. */
    private Map<String, Object> historyCopy() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("type", "history");
        h.put("step", lastStep);
        h.put("loss", lastLoss);
        h.put("events", published);
        h.put("started", started);
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int k = 0; k < POINT_KEYS.length; k++) {
            double[] column = new double[points.size()];
            for (int i = 0; i < column.length; i++) column[i] = points.get(i)[k];
            columns.put(POINT_KEYS[k], column);
        }
        h.put("points", columns);
        h.put("records", new ArrayList<>(records));
        h.put("rate_changes", new ArrayList<>(rateChanges));
        for (String key : new String[] {"stats", "weights", "confusion", "state"}) h.put(key, latest.get(key));
        return h;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
