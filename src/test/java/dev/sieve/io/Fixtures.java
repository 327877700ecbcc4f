package dev.sieve.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small hand-made structures and comparison helpers for the io tests. */
final class Fixtures {
    private Fixtures() {}

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> tags(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Triclinic Cu/S structure with awkward numbers, forces, charges, total charge, comment and tags. */
    static Structure triclinic() {
        return new Structure("a triclinic test cell", Cell.of(5.1, 0.1, -0.2, 1.3, 4.9, 0.3, 0.7, -1.1, 6.25),
            null, new String[] {"Cu", "S", "Cu"},
            new double[] {0.1, 0.2, 0.3, 1.0 / 3, 2.0e-7, -0.5, 4.0, 4.5, 5.123456789012345},
            -12.345678901234567, new double[] {0.1, -0.2, 0.3, 1e-12, 2.5, -3.75, -0.1, 0.2, Math.PI},
            new double[] {0.5, -1.0, 0.25}, -0.25, tags("config_type", "surface slab", "temperature", "300"), null, -1);
    }

    /** Non-periodic molecule without forces. */
    static Structure molecule() {
        return new Structure("", null, null, new String[] {"O", "H", "H"},
            new double[] {0, 0, 0, 0.9572, 0, 0, -0.23998, 0.92663, 0}, -14.2, null, null, null,
            tags("config_type", "water"), null, -1);
    }

    /** Orthorhombic Al cell in LAMMPS form without energy. */
    static Structure lammpsReady() {
        return new Structure("two aluminium atoms", Cell.of(4.05, 0, 0, 0.5, 4.1, 0, 0.25, -0.3, 3.95), null,
            new String[] {"Al", "Ni"}, new double[] {0.1, 0.2, 0.3, 2.0, 2.1, 1.9}, null, null, null, null, null,
            null, -1);
    }

    static void assertSame(Structure actual, Structure expected) {
        assertThat(actual.sameContent(expected)).as("%s vs %s", actual, expected).isTrue();
    }

    static void assertClose(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("component %d", i).isCloseTo(expected[i], within(tol));
        }
    }

    /** Positions equal modulo lattice translations of the cell. */
    static void assertSamePositionsModuloCell(Structure a, Structure b, double tol) {
        Cell c = b.cell();
        double[] fa = new double[3];
        double[] fb = new double[3];
        for (int i = 0; i < a.size(); i++) {
            c.toFractional(a.positions()[3 * i], a.positions()[3 * i + 1], a.positions()[3 * i + 2], fa, 0);
            c.toFractional(b.positions()[3 * i], b.positions()[3 * i + 1], b.positions()[3 * i + 2], fb, 0);
            for (int k = 0; k < 3; k++) {
                double d = fa[k] - fb[k];
                assertThat(d - Math.rint(d)).as("atom %d direction %d", i, k).isCloseTo(0.0, within(tol));
            }
        }
    }
}
