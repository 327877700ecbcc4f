package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.SharedData;
import dev.sieve.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfSetFileTest {

    @TempDir
    Path tmp;

    private static SymmetryFunctionSet mixedCutoffs() {
        List<SymmetryFunction> l = new ArrayList<>(BuiltinSets.thesis22(List.of("N", "Cu"), CutoffType.COS, 9).functions()
            .values().stream().flatMap(List::stream).toList());
        l.add(SymmetryFunction.radial("N", "Cu", 1e-9, 0.1, 5.0, CutoffType.POLY2, 0.25));
        l.add(SymmetryFunction.angular("Cu", 3, "N", "Cu", 0.3, 0.5, 2.5, 1, 5.0, CutoffType.TANH, 0));
        return SymmetryFunctionSet.of("mixed \"quoted\" name: yes", l);
    }

    @Test
    void yamlAndJsonRoundTripEqualAndByteIdentical() throws Exception {
        List<SymmetryFunctionSet> sets = List.of(
            BuiltinSets.thesis22("Al"),
            BuiltinSets.thesis329(List.of("S", "Cu"), CutoffType.POLY2, SymmetryFunction.ANGULAR_NARROW),
            new SfGrid(SfGrid.Rule.IMBALZANO, SfGrid.Mode.SHIFTED, 6.3, 9, 1.0, Double.NaN, 9, 4.0, 3, List.of(),
                List.of(1.0, 4.0), CutoffType.EXP, 0).generate("grid", List.of("Li", "No")),
            mixedCutoffs(),
            N2p2SymmetryFunctionReader.read(SharedData.data("mlearn/nnp_models/Li/input.nn"), 1.8897261328));
        for (SymmetryFunctionSet s : sets) {
            for (String ext : List.of("yaml", "yml", "json")) {
                Path f1 = tmp.resolve("a." + ext);
                SfSetFile.write(f1, s);
                SymmetryFunctionSet back = SfSetFile.read(f1);
                assertThat(back).as(s.name() + " " + ext).isEqualTo(s);
                Path f2 = tmp.resolve("b." + ext);
                SfSetFile.write(f2, back);
                assertThat(Files.readAllBytes(f2)).isEqualTo(Files.readAllBytes(f1));
            }
        }
    }

    @Test
    void yamlIsReadable() {
        String y = SfSetFile.toYaml(BuiltinSets.thesis22("Al", CutoffType.POLY2, 3));
        assertThat(y).contains("angular_convention: narrow\n", "cutoff: {type: poly2, alpha: 0}\n", "elements: [Al]\n",
            "    - {type: 2, e1: Al, eta: 1.85, rs: 4.07, rc: 6.8}\n",
            "    - {type: 3, e1: Al, e2: Al, eta: 0.0013, rs: 0, zeta: 64, lambda: -1, rc: 4.4}\n");
        assertThat(SfSetFile.toYaml(mixedCutoffs())).contains("elements: [\"N\", Cu]",
            "{type: 2, e1: Cu, eta: 1.0e-09, rs: 0.1, rc: 5, cutoff: {type: poly2, alpha: 0.25}}");
    }

    @Test
    void handWrittenYamlWithAngularConvention() throws Exception {
        Path f = tmp.resolve("hand.yaml");
        Files.writeString(f, """
            # my set
            angular_convention: wide
            cutoff: poly2
            functions:
              Al:
                - {type: radial, e1: Al, eta: 0.5, rs: 0, rc: 6}
                - type: angular
                  e1: Al
                  e2: Al
                  eta: 0.01
                  rs: 0
                  zeta: 2
                  lambda: 1
                  rc: 4.4
            """);
        SymmetryFunctionSet s = SfSetFile.read(f);
        assertThat(s.name()).isEqualTo(f.toString());
        assertThat(s.forElement("Al")).extracting(SymmetryFunction::type).containsExactly(2, 9);
        assertThat(s.forElement("Al")).extracting(SymmetryFunction::cutoff).containsOnly(CutoffType.POLY2);
    }

    @Test
    void errorsNameFileLineAndEntry() throws Exception {
        String head = "angular_convention: wide\nfunctions:\n  Al:\n    - {type: 2, e1: Al, eta: 0.5, rs: 0, rc: 6}\n";
        assertError(head + "    - {type: 2, e1: Al, rs: 0, rc: 6}\n", 5, "functions.Al[1]: missing field 'eta'");
        assertError(head + "    - {type: 9, e1: Al, e2: Al, eta: 0.5, rs: 0, zeta: 1, rc: 6}\n", 5,
            "functions.Al[1]: missing field 'lambda'");
        assertError(head + "    - {type: 2, e1: Al, eta: 0.5, rs: 0, rc: 6, zeta: 1}\n", 5, "radial function (type 2) has no 'zeta'");
        assertError(head + "    - {type: 2, e1: Al, eta: 0.5, rs: 0, rcut: 6}\n", 5, "unknown key 'rcut'");
        assertError(head + "    - {type: 2, e1: Al, eta: fast, rs: 0, rc: 6}\n", 5, "eta: expected a number, got \"fast\"");
        assertError(head + "    - {type: 2, e1: Zz, eta: 0.5, rs: 0, rc: 6}\n", 5, "e1: expected an element symbol, got \"Zz\"");
        assertError(head + "    - {type: 2, e1: Al, eta: 0.5, rs: 0, rc: 6}\n", 5, "functions.Al[1]: duplicate of functions.Al[0]");
        assertError(head + "    - {type: 2, e1: Al, eta: 0.5, rs: 1, rc: -6}\n", 5, "cutoff radius must be positive, got -6.0");
        assertError(head + "    - {type: 3, e1: Al, e2: Al, eta: 0.5, rs: 0, zeta: 1, lambda: 1, rc: 6}\n", 1,
            "angular_convention is wide but the functions are narrow");
        assertError("functions:\n  Al:\n    - {type: 9, e1: Al, e2: Al, eta: 0.5, rs: 0, zeta: 1, lambda: 1, rc: 6}\n", -1,
            "missing key 'angular_convention'");
        assertError("name: x\n", -1, "missing key 'functions'");
        assertError("colour: red\nfunctions: {}\n", 1, "unknown key 'colour'");
        assertError("elements: [Al]\nfunctions:\n  Cu: []\n", 2, "functions given for element Cu which is not in elements [Al]");
        assertError("cutoff: {type: poly9}\nfunctions: {}\n", 1, "unknown cutoff type 'poly9'");
        assertError("functions: {Al: [{type: 2\n", -2, "not valid YAML");
        assertError("functions: [\n", 1, "functions: expected a mapping from element to a list of functions");
    }

    @Test
    void jsonErrorsToo() throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"angular_convention\": \"none\",\n \"functions\": {\"Al\": [\n  {\"type\": 2, \"e1\": \"Al\", \"rs\": 0, \"rc\": 6}]}}\n");
        assertThatThrownBy(() -> SfSetFile.read(f)).isInstanceOf(InputException.class)
            .hasMessage(f + ":3: functions.Al[0]: missing field 'eta'");
        Path g = tmp.resolve("bad2.json");
        Files.writeString(g, "{\"functions\": {\"Al\": [}\n");
        assertThatThrownBy(() -> SfSetFile.read(g)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(g + ":1: not valid JSON");
        assertThatThrownBy(() -> SfSetFile.write(tmp.resolve("x.txt"), BuiltinSets.thesis22("Al")))
            .isInstanceOf(InputException.class).hasMessageContaining(".yaml, .yml or .json");
    }

    /** line -1: no line expected; -2: any line. */
    private void assertError(String yaml, int line, String message) throws Exception {
        Path f = Files.createTempFile(tmp, "set", ".yaml");
        Files.writeString(f, yaml);
        assertThatThrownBy(() -> SfSetFile.read(f)).as(yaml).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.file()).isEqualTo(f.toString());
            if (line != -2) {
                assertThat(e.line()).isEqualTo(line);
            }
        }).hasMessageContaining(message);
    }
}
