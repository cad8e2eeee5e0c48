package org.scratchnet.schedule;

/** The same rate for every update: α(t) = α. */
record Constant(float alpha) implements Schedule {
    @Override
    public float rate(int step) {
        return alpha;
    }
}
