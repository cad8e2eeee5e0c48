package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every hostile case must end with: exit code 2 and exactly one line on stderr,
 * {@code scratchnet: ...}, with no stack trace, no exception class name and no OutOfMemoryError.
 */
public final class Expect {
    private Expect() {}

    /** Asserts the run failed as a user error, and returns its one message line (without the prefix). */
    public static String userError(Cli.Run run) {
        assertThat(run.timedOut()).as("hung: %s", run).isFalse();
        assertThat(run.code()).as("exit code: %s", run).isEqualTo(2);
        String err = run.err().strip();
        assertThat(err.lines().count()).as("one line on stderr: %s", run).isEqualTo(1);
        assertThat(err).as("message prefix: %s", run).startsWith("scratchnet: ");
        assertThat(err).as("no trace: %s", run)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Error:")
                .doesNotContain("OutOfMemory");
        return err.substring("scratchnet: ".length());
    }

    /** Asserts the run succeeded (exit 0) without a trace on stderr. */
    public static void success(Cli.Run run) {
        assertThat(run.timedOut()).as("hung: %s", run).isFalse();
        assertThat(run.code()).as("exit code: %s", run).isZero();
        assertThat(run.err()).as("no trace: %s", run).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
