package org.scratchnet.sweep;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import org.scratchnet.io.AtomicFiles;

/**
 * The trials' result files found in a sweep's folder, however they were run (by {@code sweep}
 * itself, by GNU parallel from its job list, by a Slurm job array): the whole ones, and the
 * names of those that are not whole (cut short by a kill), which count as not run. All whole
 * results must be of one sweep.
 */
public record SweepResults(Path dir, List<TrialResult> results, List<Path> incomplete) {

    /** Reads {@code dir/trials/trial-*.json}, in trial order. */
    public static SweepResults collect(Path dir) {
        Path folder = dir.resolve(TrialResult.FOLDER);
        List<TrialResult> results = new ArrayList<>();
        List<Path> incomplete = new ArrayList<>();
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, p -> TrialResult.trialOf(p) >= 0)) {
                entries.forEach(files::add);
            } catch (IOException e) {
                throw new UserException("cannot read " + folder + ": " + AtomicFiles.describe(e));
            }
            files.sort(Comparator.comparingInt(TrialResult::trialOf));
            for (Path f : files) {
                TrialResult r = TrialResult.read(f);
                if (r == null) incomplete.add(f);
                else results.add(r);
            }
        }
        for (TrialResult r : results) {
            TrialResult first = results.get(0);
            if (!r.sweep().equals(first.sweep()) || r.trials() != first.trials()) {
                throw new UserException(OneLine.of(folder + " holds the results of two sweeps (" + first.sweep() + ", "
                        + first.trials() + " trials, and " + r.sweep() + ", " + r.trials() + " trials, in "
                        + TrialResult.file(dir, r.trial()).getFileName() + "); give each sweep a folder of its own"));
            }
        }
        return new SweepResults(dir, List.copyOf(results), List.copyOf(incomplete));
    }

    /** The whole result of trial {@code index}, or null. */
    public TrialResult of(int index) {
        for (TrialResult r : results) if (r.trial() == index) return r;
        return null;
    }
}
