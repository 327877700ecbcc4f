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

    /** Every {@code every}-th structure of the seeds' Al test frames, written to {@code dir/al.xyz} (skipped without shared). */
    public static Path alFrames(Path dir, int every) {
        java.util.List<dev.sieve.structure.Structure> all = dev.sieve.io.StructureIO.readAll(
            data("al-mendelev/al_mendelev_256_test.xyz.gz"));
        java.util.List<dev.sieve.structure.Structure> sub = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += every) {
            sub.add(all.get(i));
        }
        Path f = dir.resolve("al.xyz");
        dev.sieve.io.StructureIO.write(f, sub);
        return f;
    }
}
