package org.scratchnet.report;

/**
 * What produced a report, printed at its top so a reader can regenerate it.
 *
 * @param intro    the report's title and introduction
 * @param command  the command line that made it
 * @param date     ISO date of the run
 * @param quick    true for a {@code --quick} run (short runs, one seed: not a reproduction)
 * @param data     one line describing the train / validation / test split
 * @param software ScratchNet version, Java version, kernels and threads
 * @param seconds  wall-clock seconds of the whole run
 */
public record ReportContext(ReportIntro intro, String command, String date, boolean quick, String data, String software,
                            double seconds) {}
