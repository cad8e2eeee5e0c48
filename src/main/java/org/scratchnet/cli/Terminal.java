package org.scratchnet.cli;

/**
 * Whether stderr is an interactive terminal, so progress bars show there and stay out of logs.
 * The launcher script knows ({@code [ -t 2 ]}) and passes {@code -Dscratchnet.tty=1|0}; without
 * it (plain {@code java -jar}) the presence of a console is the best guess Java offers.
 */
final class Terminal {
    private Terminal() {}

    static boolean stderrIsTerminal() {
        String flag = System.getProperty("scratchnet.tty");
        if (flag != null) return flag.equals("1");
        return System.console() != null;
    }
}
