package org.scratchnet.report;

import java.util.List;
import java.util.stream.Collectors;
import org.scratchnet.experiment.Experiment;

/**
 * The title and introduction a report opens with. The paper's reproduction brings its own; for
 * experiment files of one's own they come from the files: one file gives its title and
 * description, several are listed by title.
 *
 * @param introduction Markdown, "" for none
 */
public record ReportIntro(String title, String introduction) {

    /** The title and introduction of a report on these experiment files. */
    public static ReportIntro of(List<Experiment> experiments) {
        if (experiments.size() == 1) {
            Experiment e = experiments.get(0);
            return new ReportIntro(e.title(), e.description());
        }
        String titles = experiments.stream().map(e -> e.title()).collect(Collectors.joining("; "));
        return new ReportIntro("Experiments: " + experiments.stream().map(Experiment::name).collect(Collectors.joining(", ")),
                "This report runs " + experiments.size() + " experiment files: " + titles + ".");
    }
}
