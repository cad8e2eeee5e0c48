package org.scratchnet.sweep;

import java.util.List;

/**
 * A sweep as its file states it, expanded into its trials: a base recipe and the fields that vary,
 * over a grid (every combination) or at random (so many samples from a declared space). Every
 * trial trains at the same {@code seed} on the same data, so that only the varied values differ
 * between them.
 *
 * @param name        a short slug: it names the best recipe's experiment
 * @param source      where the file was read from, for messages
 * @param seed        the seed of every trial (weights, dropout masks, batch order)
 * @param trainImages train on a stratified subset of this many training images (before the
 *                    validation split), or 0 for all of them
 * @param search      grid or random
 * @param varied      the fields that vary, in the file's order, each with the scale a figure draws it on
 * @param trials      every trial, in order (index i at position i)
 */
public record Sweep(String name, String title, String source, long seed, int trainImages, Search search,
                    List<Varied> varied, List<Trial> trials) {

    public Sweep {
        varied = List.copyOf(varied);
        trials = List.copyOf(trials);
    }

    /** How the trials were chosen. */
    public enum Search {
        GRID("grid"), RANDOM("random");

        public final String id;

        Search(String id) {
            this.id = id;
        }
    }

    /** How a varied field's values are laid out on a figure's axis. */
    public enum Scale {
        /** numbers, evenly spaced */
        LINEAR("linear"),
        /** positive numbers spanning decades (a log-uniform range, or a grid of rates) */
        LOG("log"),
        /** anything else (layer lists, names): one place per value */
        CATEGORY("category");

        public final String id;

        Scale(String id) {
            this.id = id;
        }

        public static Scale parse(String id) {
            for (Scale s : values()) if (s.id.equals(id)) return s;
            return CATEGORY;
        }
    }

    /** A field that varies over the trials. */
    public record Varied(String field, Scale scale) {}
}
