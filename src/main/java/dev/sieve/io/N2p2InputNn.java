package dev.sieve.io;

import dev.sieve.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one reader of n2p2 {@code input.nn} lines: text after {@code #} is a comment, blank lines are skipped, the
 * first token of a line is its keyword. Each parser of the file (network settings, symmetry functions) keeps its
 * own interpretation of the keywords and gets the tokens, the line number and {@code file:line:} error messages
 * from the {@link LineInput} handed to it.
 */
public final class N2p2InputNn {
    private N2p2InputNn() {}

    /** What a parser does with one keyword line ({@code line.token(0)} is {@code keyword}). */
    @FunctionalInterface
    public interface KeywordHandler {
        void accept(String keyword, LineInput line);
    }

    /** Calls {@code handler} for every keyword line of {@code file}, in order. */
    public static void read(Path file, KeywordHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), -1, "no such file");
        }
        try (LineInput in = LineInput.open(file)) {
            forEach(in, handler);
        }
    }

    /** Calls {@code handler} for every keyword line of {@code lines} ({@code name} is used in messages). */
    public static void read(String name, List<String> lines, KeywordHandler handler) {
        try (LineInput in = LineInput.of(name, lines)) {
            forEach(in, handler);
        }
    }

    private static void forEach(LineInput in, KeywordHandler handler) {
        in.commentChar('#');
        while (in.nextNonBlank()) {
            handler.accept(in.token(0), in);
        }
    }
}
