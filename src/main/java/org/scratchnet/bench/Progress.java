package org.scratchnet.bench;

/** Hears how far a benchmark phase has got, for a progress bar. */
public interface Progress {
    Progress NONE = new Progress() {};

    default void start(String phase, long total) {}

    default void step(long done) {}

    default void done() {}
}
