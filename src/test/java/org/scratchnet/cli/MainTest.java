package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * How {@link Main} turns what escapes a command into one line and an exit code: a user error's
 * message with its control characters escaped, and an OutOfMemoryError (the last resort behind
 * the size checks) into exit 2 with the hint to raise the heap. Commands of its own stand in for
 * the real ones, which never throw these on purpose.
 */
class MainTest {

    @Command(name = "boom")
    static final class Throws implements Callable<Integer> {
        final RuntimeException exception;
        final Error error;
        @CommandLine.Unmatched
        java.util.List<String> arguments;

        Throws(RuntimeException exception, Error error) {
            this.exception = exception;
            this.error = error;
        }

        @Override
        public Integer call() {
            if (error != null) throw error;
            throw exception;
        }
    }

    record Result(int code, String err) {}

    static synchronized Result run(Throws command, String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(new CommandLine(command), args);
        } finally {
            System.setErr(oldErr);
        }
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aUserErrorWithNewlinesAndEscapesIsOneEscapedLine() {
        Result r = run(new Throws(new UserException("cannot read a\nb\u001b[31mc\td.csv\r: no such file"), null));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("scratchnet: cannot read a\\nb\\u001b[31mc\\td.csv\\r: no such file" + System.lineSeparator());
    }

    @Test
    void invisibleFormattingCharactersAreShownToo() {
        // U+202E reverses the text after it on a terminal; U+2028 breaks the line in some.
        assertThat(OneLine.of("model\u202Egpj.safetensors\u2028x")).isEqualTo("model\\u202egpj.safetensors\\u2028x");
        assertThat(OneLine.of("café 1/2 ½ 数字")).isEqualTo("café 1/2 ½ 数字");
    }

    @Test
    void anOutOfMemoryErrorBecomesOneLineWithTheHeapHint() {
        Result r = run(new Throws(null, new OutOfMemoryError("Java heap space")), "train", "--layers", "784,9999999,10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).startsWith("scratchnet: out of memory").contains("SCRATCHNET_JAVA_OPTS=-Xmx8g ./scratchnet train ...")
                .contains(Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB").doesNotContain("Error");
    }

    @Test
    void anOutOfMemoryErrorWrappedByAWorkerThreadToo() {
        Result r = run(new Throws(new IllegalStateException("a worker failed", new OutOfMemoryError()), null));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("scratchnet: out of memory");
    }

    @Test
    void aBugIsNotDisguisedAsAUserError() {
        // Anything else is a fault of ScratchNet's own: it keeps its trace, for the bug report.
        Result r = run(new Throws(new IllegalStateException("bug"), null));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("java.lang.IllegalStateException: bug").contains("\tat ");
    }
}
