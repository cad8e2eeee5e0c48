package org.scratchnet.serve;

import com.google.gson.GsonBuilder;
import org.scratchnet.StrictJson;
import org.scratchnet.explain.Explanation;
import org.scratchnet.explain.WalkthroughJson;

/**
 * The "one training step" page as one self-contained HTML file ({@code explain --html FILE}):
 * the server's page ({@code learn.html}) with its style sheet and script inlined and the step's
 * JSON embedded, so that it opens from the disk, offline, with no server. The JSON is written with
 * Gson's HTML escaping ({@code <} as {@code \u003c}), so no text in it can end the script element.
 */
public final class LearnPage {
    private LearnPage() {}

    public static String html(Explanation e) {
        String json = StrictJson.finiteOrNull(new GsonBuilder()).serializeNulls().create().toJson(WalkthroughJson.of(e));
        String page = Assets.text("learn.html");
        page = replace(page, "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\n", "");
        page = replace(page, "<link rel=\"stylesheet\" href=\"/assets/style.css\">", "<style>\n" + Assets.text("style.css") + "</style>");
        return replace(page, "<script src=\"/assets/learn.js\" defer></script>",
                "<script type=\"application/json\" id=\"step-data\">" + json + "</script>\n<script>\n" + Assets.text("learn.js") + "</script>");
    }

    /** {@code page} with {@code marker} replaced; the marker must be there (the bundled page and this code go together). */
    private static String replace(String page, String marker, String replacement) {
        int at = page.indexOf(marker);
        if (at < 0) throw new IllegalStateException("learn.html lacks " + marker + " (a broken build)");
        return page.substring(0, at) + replacement + page.substring(at + marker.length());
    }
}
