package dev.sieve.descriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading the CSV files of the n2p2 test vectors. */
final class TestVectorFiles {
    private TestVectorFiles() {}

    /** A CSV file: header and rows of strings. */
    record Csv(String[] header, List<String[]> rows) {
        static Csv read(Path p) {
            try {
                List<String> lines = Files.readAllLines(p);
                List<String[]> rows = new ArrayList<>();
                for (int i = 1; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        rows.add(lines.get(i).split(","));
                    }
                }
                return new Csv(lines.get(0).split(","), rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
