package dev.sieve.io;

import dev.sieve.core.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken input gives an InputException with file, 1-based line and what was expected. */
class ReaderErrorsTest {
    @TempDir
    Path dir;

    private static final String N2P2_OK = """
        begin
        comment ok
        lattice 4.0 0.0 0.0
        lattice 0.0 4.0 0.0
        lattice 0.0 0.0 4.0
        atom 0.0 0.0 0.0 Al 0.0 0.0 0.1 0.2 0.3
        atom 2.0 2.0 0.0 Al 0.0 0.0 -0.1 -0.2 -0.3
        energy -7.5
        charge 0.0
        end
        """;

    private static final String XYZ_OK = """
        2
        Lattice="4.0 0.0 0.0 0.0 4.0 0.0 0.0 0.0 4.0" Properties=species:S:1:pos:R:3:forces:R:3 energy=-7.5 pbc="T T T"
        Al 0.0 0.0 0.0 0.1 0.2 0.3
        Al 2.0 2.0 0.0 -0.1 -0.2 -0.3
        """;

    private static final String OUTCAR_OK = """
         vasp.6.3.0 test
           TITEL  = PAW_PBE Al 04Jan2001
           ions per type =               2
              direct lattice vectors                 reciprocal lattice vectors
             4.000000000  0.000000000  0.000000000     0.250000000  0.000000000  0.000000000
             0.000000000  4.000000000  0.000000000     0.000000000  0.250000000  0.000000000
             0.000000000  0.000000000  4.000000000     0.000000000  0.000000000  0.250000000
         POSITION                                       TOTAL-FORCE (eV/Angst)
         -----------------------------------------------------------------------------------
              0.00000      0.00000      0.00000         0.100000      0.200000      0.300000
              2.00000      2.00000      0.00000        -0.100000     -0.200000     -0.300000
         -----------------------------------------------------------------------------------
          FREE ENERGIE OF THE ION-ELECTRON SYSTEM (eV)
          ---------------------------------------------------
          free  energy   TOTEN  =        -7.50000000 eV

          energy  without entropy=       -7.40000000  energy(sigma->0) =       -7.45000000
        """;

    private static final String DUMP_OK = """
        ITEM: TIMESTEP
        5
        ITEM: NUMBER OF ATOMS
        2
        ITEM: BOX BOUNDS pp pp pp
        0.0 4.0
        0.0 4.0
        0.0 4.0
        ITEM: ATOMS id type x y z fx fy fz
        2 1 2.0 2.0 0.0 -0.1 -0.2 -0.3
        1 1 0.0 0.0 0.0 0.1 0.2 0.3
        """;

    private static final String DATA_OK = """
        test

        2 atoms
        1 atom types

        0.0 4.0 xlo xhi
        0.0 4.0 ylo yhi
        0.0 4.0 zlo zhi

        Masses

        1 26.982

        Atoms # atomic

        1 1 0.0 0.0 0.0
        2 1 2.0 2.0 0.0
        """;

    private static final String JSON_OK = """
        [{"structure": {"lattice": {"matrix": [[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0]]},
          "sites": [{"species": [{"element": "Al", "occu": 1}], "xyz": [0.0, 0.0, 0.0]},
                    {"species": [{"element": "Al", "occu": 1}], "xyz": [2.0, 2.0, 0.0]}]},
          "outputs": {"energy": -7.5, "forces": [[0.1, 0.2, 0.3], [-0.1, -0.2, -0.3]]}, "group": "Elastic"}]
        """;

    private List<Structure> read(String name, String content) {
        return StructureIO.readAll(Fixtures.write(dir, name, content),
            ReadOptions.DEFAULT.withTypeElements(List.of("Al")));
    }

    @ParameterizedTest
    @CsvSource({"input.data", "a.xyz", "OUTCAR", "a.dump", "a.lmp", "a.json"})
    void validSamplesAllGiveTheSameStructure(String name) {
        String text = switch (name) {
            case "input.data" -> N2P2_OK;
            case "a.xyz" -> XYZ_OK;
            case "OUTCAR" -> OUTCAR_OK;
            case "a.dump" -> DUMP_OK;
            case "a.lmp" -> DATA_OK;
            default -> JSON_OK;
        };
        List<Structure> all = read(name, text);
        assertThat(all).hasSize(1);
        Structure s = all.get(0);
        assertThat(s.elements()).containsExactly("Al", "Al");
        assertThat(s.positions()).containsExactly(0, 0, 0, 2, 2, 0);
        assertThat(s.cell().matrix()).containsExactly(4, 0, 0, 0, 4, 0, 0, 0, 4);
        if (!name.endsWith(".lmp")) {
            assertThat(s.forces()).containsExactly(0.1, 0.2, 0.3, -0.1, -0.2, -0.3);
        }
        if (!name.endsWith(".lmp") && !name.endsWith(".dump")) {
            assertThat(s.energy()).isEqualTo(name.equals("OUTCAR") ? -7.45 : -7.5);
        }
    }

    /** Replaces the first occurrence of {@code from} in {@code base} by {@code to}, checking it exists. */
    private static String edit(String base, String from, String to) {
        assertThat(base).contains(from);
        return base.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    private static String cut(String base, int lines) {
        return String.join("\n", base.lines().limit(lines).toList()) + "\n";
    }

    private void assertError(String name, String content, int line, String... fragments) {
        Path p = Fixtures.write(dir, name, content);
        assertThatThrownBy(() -> StructureIO.readAll(p, ReadOptions.DEFAULT.withTypeElements(List.of("Al"))))
            .isInstanceOfSatisfying(InputException.class, e -> {
                assertThat(e.file()).isEqualTo(p.toString());
                assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                assertThat(e.getMessage()).startsWith(p + ":" + line + ": ").contains(fragments);
            });
    }

    // ---- n2p2 ----
    @Test
    void n2p2Truncated() {
        assertError("input.data", cut(N2P2_OK, 8), 9, "file ends inside the structure that begins at line 1",
            "expected 'end'");
    }

    @Test
    void n2p2ShortAtomLine() {
        assertError("input.data", edit(N2P2_OK, "Al 0.0 0.0 0.1 0.2 0.3", "Al 0.0 0.0 0.1 0.2"), 6,
            "expected 10 fields");
    }

    @Test
    void n2p2NonNumeric() {
        assertError("input.data", edit(N2P2_OK, "atom 2.0 2.0", "atom 2.0 abc"), 7, "atom 2 y", "'abc'");
    }

    @Test
    void n2p2UnknownKeyword() {
        assertError("input.data", edit(N2P2_OK, "charge 0.0", "spin 0.0"), 9, "unknown keyword 'spin'");
    }

    @Test
    void n2p2NaNAndInf() {
        assertError("input.data", edit(N2P2_OK, "energy -7.5", "energy NaN"), 8, "finite number", "'NaN'");
        assertError("input.data", edit(N2P2_OK, "-0.2 -0.3", "-0.2 Infinity"), 7, "'Infinity'");
        assertError("input.data", edit(N2P2_OK, "-0.2 -0.3", "-0.2 inf"), 7, "'inf'");
    }

    @Test
    void n2p2LatticeErrors() {
        assertError("input.data", edit(N2P2_OK, "lattice 0.0 0.0 4.0\n", ""), 3, "expected 3 lattice lines, got 2");
        assertError("input.data", edit(N2P2_OK, "lattice 0.0 4.0 0.0", "lattice 0.0 4.0"), 4, "expected 4 fields");
    }

    @Test
    void n2p2Empty() {
        assertError("input.data", "", 1, "file is empty");
        assertError("input.data", "\n\n", 3, "file is empty");
    }

    // ---- extxyz ----
    @Test
    void xyzTruncated() {
        assertError("a.xyz", cut(XYZ_OK, 3), 4, "1 of 2 atom lines");
    }

    @Test
    void xyzWrongAtomCount() {
        assertError("a.xyz", edit(XYZ_OK, "2\n", "1\n"), 4, "expected the atom count");
        assertError("a.xyz", edit(XYZ_OK, "2\n", "3\n"), 5, "2 of 3 atom lines");
    }

    @Test
    void xyzNonNumericAndColumns() {
        assertError("a.xyz", edit(XYZ_OK, "Al 2.0 2.0", "Al 2.0 x2"), 4, "for atom 2 y", "'x2'");
        assertError("a.xyz", edit(XYZ_OK, "Al 2.0 2.0 0.0 -0.1 -0.2 -0.3", "Al 2.0 2.0 0.0"), 4,
            "expected 7 columns for atom 2 of 2");
        assertError("a.xyz", edit(XYZ_OK, "energy=-7.5", "energy=low"), 2, "the energy key 'energy'", "'low'");
    }

    @Test
    void xyzNaNAndInf() {
        assertError("a.xyz", edit(XYZ_OK, "energy=-7.5", "energy=nan"), 2, "'nan'");
        assertError("a.xyz", edit(XYZ_OK, "Al 0.0 0.0 0.0", "Al 0.0 -inf 0.0"), 3, "'-inf'");
        assertError("a.xyz", edit(XYZ_OK, "4.0 0.0 0.0 0.0 4.0", "4.0 0.0 NaN 0.0 4.0"), 2, "Lattice component 3");
    }

    @Test
    void xyzLatticeErrors() {
        assertError("a.xyz", edit(XYZ_OK, "4.0 0.0 0.0 0.0 4.0 0.0 0.0 0.0 4.0\"", "4.0 0.0 0.0 0.0 4.0 0.0 0.0 0.0\""),
            2, "expected 9 numbers in Lattice");
        assertError("a.xyz", edit(XYZ_OK, "pbc=\"T T T\"", "pbc=\"T T T"), 2, "unterminated quoted value");
    }

    @Test
    void xyzEmpty() {
        assertError("a.xyz", "", 1, "file is empty");
    }

    @Test
    void xyzAcceptsBareBooleansBracketPbcAndForceColumn() {
        String text = """
            1
            pbc=[T, F, T] energy=-1.0 Lattice="3 0 0 0 3 0 0 0 3" relaxed Properties=species:S:1:pos:R:3:force:R:3:Z:I:1
            Cu 0 0 0 1 2 3 29
            """;
        Structure s = read("b.xyz", text).get(0);
        assertThat(s.pbc()).containsExactly(true, false, true);
        assertThat(s.forces()).containsExactly(1, 2, 3);
        assertThat(s.tags()).containsEntry("relaxed", "T");
    }

    // ---- OUTCAR ----
    @Test
    void outcarTruncatedInsideForces() {
        assertError("OUTCAR", cut(OUTCAR_OK, 10), 11, "1 of 2 atom lines");
        assertError("OUTCAR", cut(OUTCAR_OK, 12), 13, "file ends inside the ionic step",
            "FREE ENERGIE OF THE ION-ELECTRON SYSTEM");
    }

    @Test
    void outcarBadNumbers() {
        assertError("OUTCAR", edit(OUTCAR_OK, "-0.100000", "NaN"), 11, "'NaN'");
        assertError("OUTCAR", edit(OUTCAR_OK, "2.00000      2.00000", "2.00000      2.0000x"), 11, "'2.0000x'");
        assertError("OUTCAR", edit(OUTCAR_OK, "-7.45000000", "-Infinity"), 17, "energy(sigma->0)");
    }

    @Test
    void outcarWrongAtomCountAndLattice() {
        assertError("OUTCAR", edit(OUTCAR_OK, "ions per type =               2", "ions per type =  3"), 12,
            "expected 6 numbers", "atom 3 of 3");
        assertError("OUTCAR", edit(OUTCAR_OK,
            "0.000000000  4.000000000  0.000000000     0.000000000  0.250000000  0.000000000",
            "0.000000000  4.000000000"), 6, "expected 3 numbers of lattice vector 2");
        assertError("OUTCAR", edit(OUTCAR_OK, "4.000000000  0.000000000  0.000000000     0.25",
            "4.000000000  0.000000000  0.00000000x     0.25"), 5, "'0.00000000x'");
    }

    @Test
    void outcarEmpty() {
        assertError("OUTCAR", "", 1, "no ionic step found");
    }

    // ---- LAMMPS dump / data ----
    @Test
    void dumpErrors() {
        assertError("a.dump", cut(DUMP_OK, 10), 11, "1 of 2 atom lines");
        assertError("a.dump", edit(DUMP_OK, "2\nITEM: BOX", "3\nITEM: BOX"), 12, "2 of 3 atom lines");
        assertError("a.dump", edit(DUMP_OK, "0.0 4.0\n0.0 4.0\n0.0 4.0", "0.0 4.0\n0.0 4.0\n0.0"), 8, "lo hi");
        assertError("a.dump", edit(DUMP_OK, "1 1 0.0", "1 1 nan"), 11, "'nan'");
        assertError("a.dump", edit(DUMP_OK, "1 1 0.0", "1 2 0.0"), 11, "atom type 2 has no element", "[Al]");
        assertError("a.dump", "", 1, "file is empty");
        Path p = Fixtures.write(dir, "n.dump", DUMP_OK);
        assertThatThrownBy(() -> StructureIO.readAll(p)).isInstanceOf(InputException.class)
            .hasMessageContaining("--types");
    }

    @Test
    void dumpSortsByIdAndConvertsTriclinicBounds() {
        Structure s = read("a.dump", DUMP_OK).get(0);
        assertThat(s.forces()).containsExactly(0.1, 0.2, 0.3, -0.1, -0.2, -0.3);
        assertThat(s.tags()).containsEntry("timestep", "5");
        String tri = edit(edit(DUMP_OK, "BOX BOUNDS pp pp pp\n0.0 4.0\n0.0 4.0\n0.0 4.0",
            "BOX BOUNDS xy xz yz pp pp ff\n-1.0 5.5 1.0\n0.0 4.5 -0.5\n0.0 4.0 0.5"), "x y z fx", "xs ys zs fx");
        Structure t = read("t.dump", tri).get(0);
        // xlo = -1 - min(0,1,-0.5,0.5) = -0.5, xhi = 5.5 - max(0,1,-0.5,0.5) = 4.5; ylo = 0, yhi = 4.0
        assertThat(t.cell().matrix()).containsExactly(5.0, 0, 0, 1.0, 4.0, 0, -0.5, 0.5, 4.0);
        assertThat(t.pbc()).containsExactly(true, true, false);
        // scaled (2, 2, 0) -> 2 a + 2 b
        assertThat(t.positions()).containsExactly(0, 0, 0, 12.0, 8.0, 0);
    }

    @Test
    void dataErrors() {
        assertError("a.lmp", cut(DATA_OK, 16), 17, "atom line 2 of 2");
        assertError("a.lmp", edit(DATA_OK, "2 1 2.0 2.0 0.0", "2 1 2.0 2.0"), 17, "expected 5 or 8 columns");
        assertError("a.lmp", edit(DATA_OK, "2 1 2.0 2.0 0.0", "2 1 2.0 NaN 0.0"), 17, "'NaN'");
        assertError("a.lmp", edit(DATA_OK, "0.0 4.0 zlo zhi\n", ""), 9, "zlo zhi");
        assertError("a.lmp", "", 1, "file is empty");
    }

    // ---- mlearn JSON ----
    @Test
    void jsonErrors() {
        assertError("a.json", cut(JSON_OK, 2), 3, "file ends early");
        assertError("a.json", edit(JSON_OK, "-7.5", "NaN"), 4, "not valid JSON");
        assertError("a.json", edit(JSON_OK, "[2.0, 2.0, 0.0]", "[2.0, 0.0]"), 1, "site 1 xyz", "expected 3 numbers");
        assertError("a.json", edit(JSON_OK, "[-0.1, -0.2, -0.3]", "[-0.1, \"x\", -0.3]"), 1, "force 1");
        assertError("a.json", "", 1, "file is empty");
    }

    @Test
    void formatDetectionAndUnknownFormats() {
        assertThat(Format.detect(Path.of("x/input.data.gz"))).isEqualTo(Format.N2P2);
        assertThat(Format.detect(Path.of("a.extxyz"))).isEqualTo(Format.EXTXYZ);
        assertThat(Format.detect(Path.of("run/OUTCAR.gz"))).isEqualTo(Format.OUTCAR);
        assertThat(Format.detect(Path.of("training.json"))).isEqualTo(Format.MLEARN);
        assertThat(Format.detect(Path.of("t.lammpstrj"))).isEqualTo(Format.LAMMPS_DUMP);
        assertThat(Format.detect(Path.of("t.lammps-data"))).isEqualTo(Format.LAMMPS_DATA);
        assertThatThrownBy(() -> Format.detect(Path.of("a.cif"))).isInstanceOf(InputException.class)
            .hasMessageContaining("--from");
        assertThatThrownBy(() -> Format.parse("cif")).isInstanceOf(InputException.class)
            .hasMessageContaining("unknown format 'cif'");
        assertThatThrownBy(() -> StructureIO.readAll(dir.resolve("missing.xyz"))).isInstanceOf(InputException.class)
            .hasMessageEndingWith("missing.xyz: no such file");
    }
}
