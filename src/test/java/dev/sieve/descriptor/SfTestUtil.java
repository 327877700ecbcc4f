package dev.sieve.descriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

final class SfTestUtil {
    private SfTestUtil() {}

    /** SF column names of a G_raw CSV header (after structure,atom). */
    static List<String> headerNames(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String[] h = r.readLine().split(",");
            if (!h[0].equals("structure") || !h[1].equals("atom")) {
                throw new IllegalStateException("unexpected header in " + csv);
            }
            return Arrays.asList(h).subList(2, h.length);
        }
    }

    static List<String> names(List<SymmetryFunction> l) {
        List<String> out = new ArrayList<>();
        for (SymmetryFunction f : l) {
            out.add(f.name());
        }
        return out;
    }
}
