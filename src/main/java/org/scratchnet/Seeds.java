package org.scratchnet;

/**
 * The seed used wherever the user gives none: the weights, the dropout masks, the order of the
 * mini-batches and the splits of the data all start from it, so a run is reproducible to the bit
 * without asking for a seed. Stated here once; options, builders and sessions refer to it.
 */
public final class Seeds {
    private Seeds() {}

    public static final long DEFAULT = 42;
}
