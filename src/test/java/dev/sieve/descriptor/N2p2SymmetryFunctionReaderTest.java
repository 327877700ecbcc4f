package dev.sieve.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.SharedData;
import dev.sieve.core.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class N2p2SymmetryFunctionReaderTest {

    @TempDir
    Path tmp;

    @Test
    void cu2sOrderAndNamesMatchHeadersAndSfOrder() throws Exception {
        Path nn = SharedData.testvectors("case3_cu2s_n2p2_example/input.nn");
        N2p2SymmetryFunctionReader.Parsed p = N2p2SymmetryFunctionReader.readWithLines(nn, 1.0);
        SymmetryFunctionSet s = p.set();
        assertThat(s.elements()).containsExactly("S", "Cu");
        assertThat(s.size("S")).isEqualTo(72);
        assertThat(s.size("Cu")).isEqualTo(66);
        assertThat(SfTestUtil.names(s.forElement("S")))
            .containsExactlyElementsOf(SfTestUtil.headerNames(SharedData.testvectors("case3_cu2s_n2p2_example/G_raw_S.csv")));
        assertThat(SfTestUtil.names(s.forElement("Cu")))
            .containsExactlyElementsOf(SfTestUtil.headerNames(SharedData.testvectors("case3_cu2s_n2p2_example/G_raw_Cu.csv")));
        assertThat(s.forElement("S")).extracting(SymmetryFunction::cutoff).containsOnly(CutoffType.POLY2);

        List<String> order = Files.readAllLines(SharedData.testvectors("case3_cu2s_n2p2_example/sf_order.csv"));
        assertThat(order.get(0)).startsWith("element,sf_index,input_nn_line,type,name,");
        assertThat(order).hasSize(1 + 72 + 66);
        for (String row : order.subList(1, order.size())) {
            String[] c = row.split(",");
            SymmetryFunction f = s.forElement(c[0]).get(Integer.parseInt(c[1]));
            assertThat(f.name()).isEqualTo(c[4]);
            assertThat(f.type()).isEqualTo(Integer.parseInt(c[3]));
            assertThat(p.lineOf().get(f)).as(row).isEqualTo(Integer.parseInt(c[2]));
        }
    }

    @Test
    void alCasesMatchSfOrderLines() throws Exception {
        for (String c : List.of("case1_thesis22_cos_type9", "case2_thesis22_poly2_type3")) {
            N2p2SymmetryFunctionReader.Parsed p =
                N2p2SymmetryFunctionReader.readWithLines(SharedData.testvectors(c + "/input.nn"), 1.0);
            List<String> order = Files.readAllLines(SharedData.testvectors(c + "/sf_order.csv"));
            assertThat(order).hasSize(23);
            for (String row : order.subList(1, order.size())) {
                String[] f = row.split(",");
                SymmetryFunction sf = p.set().forElement("Al").get(Integer.parseInt(f[1]));
                assertThat(sf.name()).isEqualTo(f[4]);
                assertThat(p.lineOf().get(sf)).isEqualTo(Integer.parseInt(f[2]));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"Ni,27", "Cu,27", "Li,117", "Si,27"})
    void mlearnModelsInBohr(String el, int count) {
        Path nn = SharedData.data("mlearn/nnp_models/" + el + "/input.nn");
        SymmetryFunctionSet s = N2p2SymmetryFunctionReader.read(nn, dev.sieve.core.Units.N2P2_BOHR_PER_ANGSTROM);
        assertThat(s.elements()).containsExactly(el);
        assertThat(s.size(el)).isEqualTo(count);
        assertThat(s.forElement(el)).extracting(SymmetryFunction::type).containsOnly(2, 3);
        assertThat(s.forElement(el)).extracting(SymmetryFunction::cutoff).containsOnly(CutoffType.COS);
    }

    @Test
    void lengthFactorConvertsBohrToAngstrom() throws Exception {
        Path nn = write("cutoff_type 1\nelements Cu\n"
            + "symfunction_short Cu  2 Cu    0.0100000    5.6691784    7.7478771\n"
            + "symfunction_short Cu  3 Cu Cu    0.0100000 -1 16.0000000   7.7478771\n");
        double f = 1.8897261328;
        SymmetryFunctionSet s = N2p2SymmetryFunctionReader.read(nn, f);
        SymmetryFunction r = s.forElement("Cu").get(0);
        assertThat(r.rs()).isCloseTo(3.0, within(1e-7));
        assertThat(r.rc()).isCloseTo(4.1, within(1e-7));
        assertThat(r.eta()).isCloseTo(0.01 * f * f, within(1e-15));
        SymmetryFunction a = s.forElement("Cu").get(1);
        assertThat(a.type()).isEqualTo(3);
        assertThat(a.rs()).isZero();
        assertThat(a.zeta()).isEqualTo(16);
        assertThat(a.lambda()).isEqualTo(-1);
        assertThat(a.alpha()).isZero();
        // without a factor the numbers stay as written
        assertThat(N2p2SymmetryFunctionReader.read(nn).forElement("Cu").get(0).rc()).isEqualTo(7.7478771);
    }

    @Test
    void writerRoundTripsExactly() throws Exception {
        SymmetryFunctionSet cu2s = N2p2SymmetryFunctionReader.read(SharedData.testvectors("case3_cu2s_n2p2_example/input.nn"));
        SymmetryFunctionSet t329 = BuiltinSets.thesis329(List.of("Al", "Cu"), CutoffType.POLY3, 3);
        for (SymmetryFunctionSet s : List.of(cu2s, t329)) {
            Path out = tmp.resolve("out.nn");
            N2p2SymmetryFunctionWriter.write(out, s);
            SymmetryFunctionSet back = N2p2SymmetryFunctionReader.read(out);
            assertThat(back.elements()).isEqualTo(s.elements());
            assertThat(back.functions()).isEqualTo(s.functions());
        }
        String text = N2p2SymmetryFunctionWriter.toText(BuiltinSets.thesis22("Al"));
        assertThat(text).contains("cutoff_type 1 0\n", "symfunction_short Al 2 Al 1.85 4.07 6.8\n",
            "symfunction_short Al 9 Al Al 0.0013 -1 64 4.4 0\n");
    }

    @Test
    void writerConvertsToFileUnits() {
        SymmetryFunction f = SymmetryFunction.radial("Al", "Al", 0.5, 2.0, 6.0, CutoffType.COS, 0);
        assertThat(N2p2SymmetryFunctionWriter.line(f, 2.0)).isEqualTo("symfunction_short Al 2 Al 0.125 4 12");
    }

    @Test
    void writerRefusesMixedCutoffs() {
        SymmetryFunctionSet s = SymmetryFunctionSet.of("mixed", List.of(
            SymmetryFunction.radial("Al", "Al", 0.5, 0, 6.0, CutoffType.COS, 0),
            SymmetryFunction.radial("Al", "Al", 0.6, 0, 6.0, CutoffType.POLY2, 0)));
        assertThatThrownBy(() -> N2p2SymmetryFunctionWriter.toText(s)).isInstanceOf(InputException.class)
            .hasMessageContaining("mixes cutoff functions").hasMessageContaining("poly2");
    }

    @Test
    void badLinesNameFileLineAndExpectedForm() throws Exception {
        Map<String, String> cases = Map.of(
            "symfunction_short Al 2 Al 0.1 0\n", "expected 'symfunction_short <el> 2 <e1> <eta> <rs> <rc>'",
            "symfunction_short Al 2 Al 0.1 x 6\n", "rs: expected a number, got 'x'",
            "symfunction_short Al 9 Al Al 0.1 1 1\n", "<lambda> <zeta> <rc> [<rs>]",
            "symfunction_short Al 12 0.1 0 6\n", "unsupported symmetry function type 12",
            "symfunction_short Al 3 Al Al 0.1 0.5 1 6\n", "lambda must be +1 or -1, got 0.5",
            "symfunction_short Al 2 Cu 0.1 0 6\n", "neighbour element Cu is not in 'elements' (Al)",
            "symfunction_short Al 2 Al 0.1 0 -6\n", "cutoff radius must be positive, got -6",
            "symfunction_short Al 2 Al 0.0013 0 6.8\nsymfunction_short Al 2 Al 1.3e-3 0.0 6.8\n", "duplicate symmetry function");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            Path nn = write("# header\nelements Al\ncutoff_type 1 0.0\n" + e.getKey());
            int badLine = 3 + (int) e.getKey().chars().filter(c -> c == '\n').count();
            assertThatThrownBy(() -> N2p2SymmetryFunctionReader.read(nn)).as(e.getKey())
                .isInstanceOfSatisfying(InputException.class, x -> {
                    assertThat(x.file()).isEqualTo(nn.toString());
                    assertThat(x.line()).isEqualTo(badLine);
                })
                .hasMessageStartingWith(nn + ":" + badLine + ": ")
                .hasMessageContaining(e.getValue());
        }
    }

    @Test
    void fileLevelErrors() throws Exception {
        Path noCut = write("elements Al\nsymfunction_short Al 2 Al 0.1 0 6\n");
        assertThatThrownBy(() -> N2p2SymmetryFunctionReader.read(noCut)).isInstanceOf(InputException.class)
            .hasMessageContaining("cutoff_type");
        Path badCut = write("cutoff_type 9\n");
        assertThatThrownBy(() -> N2p2SymmetryFunctionReader.read(badCut)).isInstanceOf(InputException.class)
            .hasMessage(badCut + ":1: cutoff_type: expected 1-8, got '9'");
        Path badCount = write("number_of_elements 2\nelements Al\ncutoff_type 1\n");
        assertThatThrownBy(() -> N2p2SymmetryFunctionReader.read(badCount)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(badCount + ":1: number_of_elements is 2");
        Path missing = tmp.resolve("nothere.nn");
        assertThatThrownBy(() -> N2p2SymmetryFunctionReader.read(missing)).isInstanceOf(InputException.class)
            .hasMessage(missing + ": no such file");
    }

    @Test
    void commentsAndOtherKeywordsAreIgnored() throws Exception {
        Path nn = write("elements Al # the element\n# symfunction_short Al 2 Al 9 9 9\nglobal_nodes_short 10 10\n"
            + "cutoff_type 6 0.1\nsymfunction_short Al 2 Al 0.1 0 6 # radial\n");
        SymmetryFunctionSet s = N2p2SymmetryFunctionReader.read(nn);
        assertThat(s.forElement("Al")).singleElement().satisfies(f -> {
            assertThat(f.cutoff()).isEqualTo(CutoffType.POLY2);
            assertThat(f.alpha()).isEqualTo(0.1);
        });
    }

    @Test
    void negativeZeroIsZero() throws Exception {
        Path nn = write("elements Al\ncutoff_type 1\nsymfunction_short Al 2 Al 0.1 -0 6\nsymfunction_short Al 2 Al 0.1 0 6\n");
        assertThatThrownBy(() -> N2p2SymmetryFunctionReader.read(nn)).isInstanceOf(InputException.class)
            .hasMessageStartingWith(nn + ":4: duplicate symmetry function");
    }

    private Path write(String text) throws Exception {
        Path p = Files.createTempFile(tmp, "input", ".nn");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }
}
