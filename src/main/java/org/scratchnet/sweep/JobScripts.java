package org.scratchnet.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A sweep's unfinished trials as jobs for tools people already run on many machines: a job list
 * for GNU parallel (one shell command per line, {@code parallel --jobs N < jobs.txt}, spread over
 * machines with {@code --sshlogin}), and a Slurm job-array script ({@code sbatch sweep.slurm}),
 * whose array holds the unfinished trials' numbers. Each job is the very command the sweep runs
 * for a trial itself, writing the trial's result file into the sweep's folder, which the machines
 * must share (as a cluster's home or scratch file system is shared); {@code sweep --collect}
 * reads them when all are done.
 */
public final class JobScripts {
    public static final String PARALLEL_FILE = "jobs.txt";
    public static final String SLURM_FILE = "sweep.slurm";
    /** What the Slurm script writes in place of the trial number. */
    static final String ARRAY_TASK = "${SLURM_ARRAY_TASK_ID}";

    private JobScripts() {}

    /** One line per trial: its command, quoted for a POSIX shell. */
    public static String parallel(List<Integer> trials, IntFunction<List<String>> command) {
        StringBuilder s = new StringBuilder();
        for (int trial : trials) s.append(shell(command.apply(trial), null)).append('\n');
        return s.toString();
    }

    /**
     * A Slurm job-array script: one array task per unfinished trial ({@code --array} lists their
     * numbers), each running {@code command} for {@code $SLURM_ARRAY_TASK_ID}; {@code template} is
     * the command for trial {@code placeholder}, whose number is replaced by the array task's.
     */
    public static String slurm(String sweep, List<Integer> trials, List<String> template, String placeholder, int cpus, String logs) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# The unfinished trials of sweep ").append(sweep).append(" as a Slurm job array, one task per trial,\n");
        s.append("# written by 'scratchnet sweep --emit slurm'. Submit with 'sbatch ").append(SLURM_FILE).append("'; when every\n");
        s.append("# task is done, 'scratchnet sweep --collect DIR' makes the table, figure and best recipe.\n");
        s.append("# (A cluster's MaxArraySize, often 1001, caps the largest trial number in one array.)\n");
        s.append("#SBATCH --job-name=").append(shellWord("sweep-" + sweep)).append('\n');
        s.append("#SBATCH --array=").append(ranges(trials)).append('\n');
        s.append("#SBATCH --ntasks=1\n");
        s.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        s.append("#SBATCH --output=").append(logs).append("/trial-%a.out\n");
        s.append("set -euo pipefail\n");
        s.append("exec ").append(shell(template, placeholder)).append('\n');
        return s.toString();
    }

    /** "0-3,5,7-9": the numbers (sorted) as Slurm's --array ranges. */
    static String ranges(List<Integer> numbers) {
        List<Integer> sorted = new ArrayList<>(numbers);
        sorted.sort(null);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (s.length() > 0) s.append(',');
            s.append(sorted.get(i));
            if (j > i) s.append('-').append(sorted.get(j));
            i = j + 1;
        }
        return s.toString();
    }

    /** The words as one shell command line; the word equal to {@code raw} (if any) becomes the array task's number. */
    static String shell(List<String> words, String raw) {
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            if (s.length() > 0) s.append(' ');
            s.append(w.equals(raw) ? "\"" + ARRAY_TASK + "\"" : shellWord(w));
        }
        return s.toString();
    }

    /** A word quoted for a POSIX shell where it needs quoting ('it'\''s'). */
    public static String shellWord(String w) {
        if (!w.isEmpty() && w.matches("[A-Za-z0-9_./=:,+@%-]+")) return w;
        return "'" + w.replace("'", "'\\''") + "'";
    }
}
