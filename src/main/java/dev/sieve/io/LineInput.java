package dev.sieve.io;

import dev.sieve.core.InputException;
import dev.sieve.core.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The line tokenizer of Sieve's text readers: line-by-line input with 1-based line numbers and tokenizing on
 * blanks (space, tab, CR, form feed) without regular expressions. A file whose name ends in {@code .gz} is
 * decompressed on the fly; a UTF-8 byte-order mark is dropped. With {@link #commentChar} set, text from that
 * character to the end of the line is dropped before tokenizing. Every parse error becomes an
 * {@link InputException} reading {@code file:line: what was expected}.
 */
public final class LineInput implements AutoCloseable {
    private final String file;
    private final BufferedReader in;
    private long lineNo;
    private String line;
    private int commentChar = -1;

    // token boundaries of the current line
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;

    /** Reads {@code in}; {@code file} is the name used in messages. */
    public LineInput(String file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    /** Opens {@code path}; the name used in messages is {@code path} as given. */
    public static LineInput open(Path path) {
        return new LineInput(path.toString(), new BufferedReader(
            new InputStreamReader(openStream(path), StandardCharsets.UTF_8), 1 << 16));
    }

    /** Opens a (possibly gzip-compressed) file as a stream, mapping a missing file to {@link InputException}. */
    public static InputStream openStream(Path path) {
        try {
            InputStream raw = Files.newInputStream(path);
            if (path.getFileName() != null && path.getFileName().toString().endsWith(".gz")) {
                try {
                    return new GZIPInputStream(raw, 1 << 16);
                } catch (IOException e) {
                    raw.close();
                    throw new InputException(path.toString(), -1, e instanceof java.io.EOFException ? "truncated gzip file"
                        : "not a gzip file (" + Messages.reason(e) + ")");
                }
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw new InputException(path.toString(), -1, "no such file");
        } catch (IOException e) {
            throw new InputException(path.toString(), -1, "cannot read: " + Messages.reason(e));
        }
    }

    /** Lines given in memory ({@code name} is used in messages). */
    public static LineInput of(String name, List<String> lines) {
        return new LineInput(name, new BufferedReader(new StringReader(String.join("\n", lines))));
    }

    /**
     * From now on, text from {@code c} to the end of a line is a comment: {@link #line()} and the tokens end before
     * it. Returns this.
     */
    public LineInput commentChar(char c) {
        this.commentChar = c;
        return this;
    }

    public String file() {
        return file;
    }

    /** Number of the current line (1-based; 0 before the first). */
    public long lineNo() {
        return lineNo;
    }

    /** The current line (without a comment, see {@link #commentChar}), or null at end of file. */
    public String line() {
        return line;
    }

    /** Reads the next line that has at least one token; returns false at end of file. */
    public boolean nextNonBlank() {
        while (next()) {
            if (count > 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads the next line and tokenizes it; returns false at end of file. */
    public boolean next() {
        try {
            line = in.readLine();
        } catch (java.io.EOFException e) {
            throw new InputException(file, lineNo + 1, file.endsWith(".gz") ? "truncated gzip file" : "truncated file");
        } catch (IOException e) {
            throw new InputException(file, lineNo + 1, "cannot read: " + Messages.reason(e));
        }
        if (line == null) {
            count = 0;
            return false;
        }
        if (lineNo == 0 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1); // UTF-8 byte-order mark
        }
        lineNo++;
        if (commentChar >= 0) {
            int c = line.indexOf(commentChar);
            if (c >= 0) {
                line = line.substring(0, c);
            }
        }
        tokenize();
        return true;
    }

    /** Reads the next line; at end of file throws an error saying what was expected there. */
    public void require(String expected) {
        if (!next()) {
            throw error(lineNo + 1, "file ends early: expected " + expected);
        }
    }

    private void tokenize() {
        String s = line;
        int n = s.length();
        int c = 0;
        int i = 0;
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f') {
                i++;
                continue;
            }
            int st = i;
            while (i < n) {
                ch = s.charAt(i);
                if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f') {
                    break;
                }
                i++;
            }
            if (c == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * c);
                ends = java.util.Arrays.copyOf(ends, 2 * c);
            }
            starts[c] = st;
            ends[c] = i;
            c++;
        }
        count = c;
    }

    /** Number of whitespace-separated tokens on the current line. */
    public int count() {
        return count;
    }

    public boolean isBlank() {
        return count == 0;
    }

    /** Token {@code i} (0-based) of the current line. */
    public String token(int i) {
        return line.substring(starts[i], ends[i]);
    }

    /** Whether token {@code i} equals {@code s} (no allocation). */
    public boolean tokenIs(int i, String s) {
        int len = ends[i] - starts[i];
        return len == s.length() && line.regionMatches(starts[i], s, 0, len);
    }

    /** Token {@code i} as a finite double; {@code what} names the field in the error. */
    public double number(int i, String what) {
        if (i >= count) {
            throw error("expected " + what + " in column " + (i + 1) + ", but the line has only " + count + " fields");
        }
        return Numbers.parse(line, starts[i], ends[i], file, lineNo, what);
    }

    /** Largest absolute coordinate or lattice component (Å) taken as physical. */
    public static final double MAX_COORDINATE = 1e6;

    /**
     * Token {@code i} as a coordinate or lattice component (Å): a finite number with an absolute value of at most
     * {@link #MAX_COORDINATE}; {@code what} names the field and the atom in the error.
     */
    public double coordinate(int i, String what) {
        double v = number(i, what);
        if (Math.abs(v) > MAX_COORDINATE) {
            throw error(what + " = " + in(v) + " Å is not a physical value (|value| > " + in(MAX_COORDINATE) + " Å)");
        }
        return v;
    }

    private static String in(double v) {
        return Double.toString(v);
    }

    /** Token {@code i} as an int. */
    public int integer(int i, String what) {
        if (i >= count) {
            throw error("expected " + what + " in column " + (i + 1) + ", but the line has only " + count + " fields");
        }
        return Numbers.parseInt(line, starts[i], ends[i], file, lineNo, what);
    }

    /** Text from token {@code i} to the end of the line (trimmed), or "" when there is none. */
    public String rest(int i) {
        return i >= count ? "" : line.substring(starts[i]).strip();
    }

    /** Throws unless the line has exactly {@code n} tokens. */
    public void expectCount(int n, String what) {
        if (count != n) {
            throw error("expected " + n + " fields (" + what + "), got " + count + ": " + Messages.quote(line.strip()));
        }
    }

    /** The tokens of the current line. */
    public String[] tokens() {
        String[] t = new String[count];
        for (int i = 0; i < count; i++) {
            t[i] = token(i);
        }
        return t;
    }

    /** An error at the current line: {@code file:line: what}. */
    public InputException error(String what) {
        return new InputException(file, lineNo, what);
    }

    /** An error at {@code line} (-1: the file as a whole). */
    public InputException error(long line, String what) {
        return new InputException(file, line, what);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
