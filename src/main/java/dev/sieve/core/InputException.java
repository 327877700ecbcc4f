package dev.sieve.core;

/**
 * A user mistake in an input file or option: the CLI prints {@link #getMessage()} as one line
 * and exits with code 2, without a stack trace. The message names the file, the line (when
 * known) and what was expected.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    public InputException(String file, long line, String what) {
        super(format(file, line, what));
        this.file = file;
        this.line = line;
    }

    public InputException(String file, long line, String what, Throwable cause) {
        super(format(file, line, what), cause);
        this.file = file;
        this.line = line;
    }

    /** An error not tied to a file (a bad option value, say). */
    public InputException(String what) {
        super(what);
        this.file = null;
        this.line = -1;
    }

    private static String format(String file, long line, String what) {
        if (file == null) {
            return what;
        }
        return line > 0 ? file + ":" + line + ": " + what : file + ": " + what;
    }

    /** The file name as given, or null. */
    public String file() {
        return file;
    }

    /** 1-based line number, or -1 when not applicable. */
    public long line() {
        return line;
    }
}
