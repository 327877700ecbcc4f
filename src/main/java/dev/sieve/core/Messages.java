package dev.sieve.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.ZipException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Helpers for one-line user messages: input text quoted in a message is escaped (control characters and other
 * non-printables become {@code \n}, {@code \t}, {@code \xNN} or {@code \}{@code uNNNN}) and cut to
 * {@value #MAX_QUOTE} characters, and parser failures (Jackson, SnakeYAML, gzip) become a plain reason with the
 * line they occurred on, without library class names or multi-line excerpts.
 */
public final class Messages {
    private Messages() {}

    /** Longest quoted input kept in a message (characters before escaping). */
    public static final int MAX_QUOTE = 80;

    /** {@code s} in single quotes, escaped and cut to {@value #MAX_QUOTE} characters. */
    public static String quote(CharSequence s) {
        return "'" + escape(s) + "'";
    }

    /** {@code s} escaped (see the class comment) and cut to {@value #MAX_QUOTE} characters ({@code ...} marks a cut). */
    public static String escape(CharSequence s) {
        return escape(s, MAX_QUOTE);
    }

    /** {@code s} escaped and cut to {@code max} characters. */
    public static String escape(CharSequence s, int max) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        int end = Math.min(n, max);
        StringBuilder b = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '\uFEFF' -> b.append("\\uFEFF");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(s, i)
                        || c == '\uFFFD' || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.UNASSIGNED) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (n > end) {
            b.append("... (").append(n).append(" characters)");
        }
        return b.toString();
    }

    private static boolean validSurrogate(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The 1-based line of a parser failure, or -1 when unknown. */
    public static long line(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                return y.getProblemMark().getLine() + 1L;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException j) {
                JsonLocation loc = j.getLocation();
                if (loc != null && loc.getLineNr() > 0) {
                    return loc.getLineNr();
                }
            }
        }
        return -1;
    }

    /** A plain one-line reason for a failure to read or parse a file (no class names, no source excerpts). */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                String p = y.getProblem() != null ? y.getProblem() : y.getContext();
                return "not valid YAML: " + firstLine(p);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonEOFException) {
                return "file ends early (truncated?)";
            }
        }
        if (e instanceof EOFException) {
            return "truncated file";
        }
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException c) {
            return reason(c); // a syntax error met while mapping
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key " + quote(u.getPropertyName()) + at(u);
        }
        if (e instanceof InvalidFormatException f) {
            return "value " + quote(String.valueOf(f.getValue())) + " has the wrong type" + at(f);
        }
        if (e instanceof MismatchedInputException m) {
            String msg = String.valueOf(m.getOriginalMessage());
            if (msg.startsWith("No content to map")) {
                return "file is empty";
            }
            return "unexpected value or structure" + at(m);
        }
        if (e instanceof JsonMappingException m) {
            return "unexpected content" + at(m);
        }
        if (e instanceof JsonProcessingException j) {
            String msg = firstLine(j.getOriginalMessage());
            if (msg.startsWith("Unexpected end-of-input")) {
                return "file ends early (truncated?)";
            }
            int cut = msg.indexOf(" (start marker at");
            if (cut < 0) {
                cut = msg.indexOf(" at [Source");
            }
            if (cut >= 0) {
                msg = msg.substring(0, cut);
            }
            return "not valid JSON: " + msg;
        }
        if (e instanceof ZipException) {
            return "corrupt gzip data (" + firstLine(e.getMessage()) + ")";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return firstLine(e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    private static String at(JsonMappingException m) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (!p.isEmpty()) {
                    p.append('.');
                }
                p.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.isEmpty() ? "" : " at " + escape(p);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return escape(nl < 0 ? s.strip() : s.substring(0, nl).strip(), 200);
    }

    /** An {@link InputException} for {@code file} with the reason and line of a parser failure {@code e}. */
    public static InputException readError(String file, Throwable e) {
        return new InputException(file, line(e), reason(e), e);
    }
}
