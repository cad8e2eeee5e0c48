package org.scratchnet.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page that steps through an explained step reads (the server's GET /api/learn, and the
 * data embedded in {@code explain --html}'s file): the title and header, every frame (its
 * section, equation number, formula, the paper's form, the matrix it draws, the telling values,
 * the meaning and the note), and the step's numbers as {@link StepJson} writes them, where each
 * frame's matrix is found by layer and key.
 */
public final class WalkthroughJson {
    private WalkthroughJson() {}

    public static Map<String, Object> of(Explanation e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", e.title());
        json.put("header", e.header());
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Frame f : e.frames()) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("section", f.section());
            frame.put("number", f.number());
            frame.put("formula", f.formula());
            frame.put("paper_form", f.paperForm());
            frame.put("matrix", f.matrix() == null ? null : matrix(f.matrix()));
            frame.put("values", f.values());
            frame.put("meaning", f.meaning());
            frame.put("note", f.note());
            frames.add(frame);
        }
        json.put("frames", frames);
        json.put("step", StepJson.of(e));
        return json;
    }

    private static Map<String, Object> matrix(Frame.Matrix m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layer", m.layer());
        json.put("key", m.key());
        json.put("rows", m.rows());
        json.put("cols", m.cols());
        json.put("rows_are", m.rowsAre());
        json.put("cols_are", m.colsAre());
        return json;
    }
}
