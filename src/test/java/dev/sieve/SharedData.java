package dev.sieve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (test vectors and data). Tests skip through assumptions when it is absent. */
public final class SharedData {
    private SharedData() {}

    public static final Path ROOT = Path.of("..", "shared").toAbsolutePath().normalize();

    /** Path inside ../shared; skips the calling test when the file does not exist. */
    public static Path require(String relative) {
        Path p = ROOT.resolve(relative);
        assumeTrue(Files.exists(p), "../shared/" + relative + " not present");
        return p;
    }

    public static Path testvectors(String relative) {
        return require("testvectors/" + relative);
    }

    public static Path data(String relative) {
        return require("data/" + relative);
    }
}
