package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.SharedData;
import dev.sieve.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scaling.data, weights.ZZZ.data and input.nn: round trips, n2p2 layout, error paths. */
class N2p2FilesTest {
    @TempDir
    Path tmp;

    @Test
    void weightsRoundTripIsBitIdenticalAndMatchesN2p2Text() throws IOException {
        Path src = SharedData.testvectors("case1_thesis22_cos_type9/weights.013.data");
        Network n = new Network(new int[] {22, 10, 10, 1},
                new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY}, false);
        WeightsFile.readInto(src, n);
        Path out = tmp.resolve(WeightsFile.fileName(13));
        assertEquals("weights.013.data", out.getFileName().toString());
        WeightsFile.write(out, n);
        double[] back = WeightsFile.read(out, n.numParams());
        for (int k = 0; k < back.length; k++) {
            assertEquals(Double.doubleToRawLongBits(n.params()[k]), Double.doubleToRawLongBits(back[k]), "parameter " + k);
        }
        // the data lines are exactly n2p2's
        assertThat(dataLines(out)).containsExactlyElementsOf(dataLines(src));
    }

    @Test
    void weightsRoundTripRandomValues() {
        Network n = new Network(new int[] {7, 5, 1}, new Activation[] {Activation.SOFTPLUS, Activation.IDENTITY}, false);
        SplittableRandom rng = new SplittableRandom(5);
        double[] p = n.params();
        for (int k = 0; k < p.length; k++) {
            p[k] = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-300, 300));
        }
        p[0] = 0.0;
        p[1] = -0.0;
        p[2] = Double.MIN_VALUE;
        p[3] = -Double.MAX_VALUE;
        p[4] = 0.1;
        Path out = tmp.resolve("w.data");
        WeightsFile.write(out, n);
        double[] back = WeightsFile.read(out, n.numParams());
        for (int k = 0; k < back.length; k++) {
            assertEquals(Double.doubleToRawLongBits(p[k]), Double.doubleToRawLongBits(back[k]), "parameter " + k + " = " + p[k]);
        }
    }

    @Test
    void e24MatchesCPrintf() {
        assertEquals("  1.0000000000000001E-01", N2p2Format.e24(0.1));
        assertEquals(" -3.5529535307974660E+00", N2p2Format.e24(-3.5529535307974660));
        assertEquals("  0.0000000000000000E+00", N2p2Format.e24(0.0));
        assertEquals(" 1.0000000000000000E+100", N2p2Format.e24(1e100));
        assertEquals(" 4.9406564584124654E-324", N2p2Format.e24(Double.MIN_VALUE));
        assertEquals("  9.9999999999999995E-08", N2p2Format.e24(1e-7));
    }

    static List<String> dataLines(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(p)) {
            if (!l.startsWith("#") && !l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void shortWeightsFileNamesFileLineAndCount() throws IOException {
        Path f = tmp.resolve("weights.013.data");
        Files.writeString(f, "# header\n 1.0 a 1 0 1 1 1\n 2.0 a 2 0 2 1 1\n");
        InputException e = assertThrows(InputException.class, () -> WeightsFile.read(f, 5));
        assertThat(e.getMessage()).contains(f.toString()).contains("expected 5").contains("found 2");
        assertEquals(3, e.line());
    }

    @Test
    void longWeightsFileIsRejected() throws IOException {
        Path f = tmp.resolve("weights.013.data");
        Files.writeString(f, "1.0\n2.0\n3.0\n");
        InputException e = assertThrows(InputException.class, () -> WeightsFile.read(f, 2));
        assertThat(e.getMessage()).contains("has 2").contains("'3.0'");
        assertEquals(3, e.line());
    }

    @Test
    void nonNumericWeightIsRejected() throws IOException {
        Path f = tmp.resolve("weights.013.data");
        Files.writeString(f, "1.0\nabc a 2\n3.0\n");
        InputException e = assertThrows(InputException.class, () -> WeightsFile.read(f, 3));
        assertThat(e.getMessage()).contains(f.toString() + ":2:").contains("'abc'");
        Files.writeString(f, "1.0\nNaN\n3.0\n");
        assertThat(assertThrows(InputException.class, () -> WeightsFile.read(f, 3)).getMessage()).contains("not finite");
    }

    @Test
    void scalingRoundTripIsBitIdenticalAndMatchesN2p2Text() throws IOException {
        for (String c : new String[] {"case1_thesis22_cos_type9", "case3_cu2s_n2p2_example"}) {
            Path src = SharedData.testvectors(c + "/scaling.data");
            List<FeatureStatistics> s = ScalingFile.read(src);
            Path out = tmp.resolve(c + ".scaling.data");
            ScalingFile.write(out, s);
            assertEquals(s, ScalingFile.read(out));
            assertThat(dataLines(out)).containsExactlyElementsOf(dataLines(src));
        }
        List<FeatureStatistics> cu2s = ScalingFile.read(SharedData.testvectors("case3_cu2s_n2p2_example/scaling.data"));
        assertEquals(72, cu2s.get(0).numFeatures());
        assertEquals(66, cu2s.get(1).numFeatures());
        assertEquals(2.2735828246294021E-01, cu2s.get(1).max(65), 0.0);
    }

    @Test
    void scalingFileErrors() throws IOException {
        Path f = tmp.resolve("scaling.data");
        Files.writeString(f, "# c\n1 1 0.0 1.0 0.5 0.1\n1 3 0.0 1.0 0.5 0.1\n");
        InputException e = assertThrows(InputException.class, () -> ScalingFile.read(f));
        assertThat(e.getMessage()).contains(":3:").contains("feature index 3");
        Files.writeString(f, "1 1 0.0 x 0.5 0.1\n");
        assertThat(assertThrows(InputException.class, () -> ScalingFile.read(f)).getMessage()).contains("'x'");
        Files.writeString(f, "1 1 0.0 1.0 0.5\n");
        assertThat(assertThrows(InputException.class, () -> ScalingFile.read(f)).getMessage()).contains("6 columns");
        Files.writeString(f, "2 1 0.0 1.0 0.5 0.1\n");
        assertThat(assertThrows(InputException.class, () -> ScalingFile.read(f)).getMessage()).contains("element index 2");
    }

    @Test
    void modelDirectoryReadWrite() throws IOException {
        Path dir = SharedData.testvectors("case3_cu2s_n2p2_example");
        N2p2NetworkModel m = N2p2NetworkModel.read(dir);
        assertEquals(1, m.elementIndex("Cu"));
        assertThat(m.networks().get(0).sizes()).containsExactly(72, 25, 25, 1);
        assertThat(m.networks().get(1).sizes()).containsExactly(66, 25, 25, 1);
        Path out = tmp.resolve("model");
        Files.createDirectories(out);
        m.writeScalingAndWeights(out);
        Files.copy(dir.resolve("input.nn"), out.resolve("input.nn"));
        N2p2NetworkModel back = N2p2NetworkModel.read(out);
        for (int e = 0; e < 2; e++) {
            assertThat(back.networks().get(e).params()).containsExactly(m.networks().get(e).params());
            assertEquals(m.scalings().get(e).statistics(), back.scalings().get(e).statistics());
        }
        assertThat(dataLines(out.resolve("weights.029.data"))).containsExactlyElementsOf(dataLines(dir.resolve("weights.029.data")));
        double[] grp = new double[25];
        m.networks().get(1).copyGroup(3, grp);
        assertEquals(m.networks().get(1).params()[3 * 25 + 7], grp[7], 0.0);
    }

    @Test
    void inputNnCase1And2() {
        N2p2NetworkConfig c1 = N2p2NetworkConfig.read(SharedData.testvectors("case1_thesis22_cos_type9/input.nn"));
        assertThat(c1.elements()).containsExactly("Al");
        assertThat(c1.hiddenNodes()).containsExactly(10, 10);
        assertThat(c1.activations()).containsExactly(Activation.TANH, Activation.TANH, Activation.IDENTITY);
        assertEquals(ScalingMode.MINMAX, c1.scalingMode());
        assertEquals(0.0, c1.scaleMin());
        assertEquals(1.0, c1.scaleMax());
        assertThat(c1.normalized()).isFalse();
        assertEquals(1.0, c1.convEnergy());
        N2p2NetworkConfig c2 = N2p2NetworkConfig.read(SharedData.testvectors("case2_thesis22_poly2_type3/input.nn"));
        assertEquals(ScalingMode.SCALE_CENTER, c2.scalingMode());
        assertEquals(-1.0, c2.scaleMin());
        N2p2NetworkConfig c3 = N2p2NetworkConfig.read(SharedData.testvectors("case3_cu2s_n2p2_example/input.nn"));
        assertThat(c3.activations()).containsExactly(Activation.SOFTPLUS, Activation.SOFTPLUS, Activation.IDENTITY);
        assertEquals(-3.8640662064628053E+00, c3.meanEnergy(), 0.0);
        assertEquals(7.3890846653659121E+00, c3.convEnergy(), 0.0);
        assertEquals(6.1376931796181502E+00, c3.convLength(), 0.0);
        assertThat(c3.normalizeNodes()).isFalse();
    }

    @Test
    void inputNnKeywords() {
        N2p2NetworkConfig c = N2p2NetworkConfig.parse("input.nn", List.of(
                "number_of_elements 2", "elements Cu H  # comment", "global_hidden_layers_short 1",
                "global_nodes_short 7", "global_activation_short s l", "center_symmetry_functions",
                "normalize_nodes", "atom_energy H -0.5", "atom_energy Cu -10.25", "symfunction_short H 2 Cu 0.1 0 6"));
        assertThat(c.elements()).containsExactly("H", "Cu");
        assertEquals(ScalingMode.CENTER, c.scalingMode());
        assertThat(c.normalizeNodes()).isTrue();
        assertEquals(-10.25, c.atomEnergies().get("Cu"));
        Network n = c.newNetwork(4);
        assertThat(n.sizes()).containsExactly(4, 7, 1);
        assertThat(n.normalizeNodes()).isTrue();
    }

    @Test
    void inputNnErrors() {
        InputException e = assertThrows(InputException.class, () -> N2p2NetworkConfig.parse("x.nn", List.of(
                "elements Al", "global_hidden_layers_short 2", "global_nodes_short 10 10", "global_activation_short t t")));
        assertThat(e.getMessage()).contains("x.nn:4:").contains("needs 3 letters");
        e = assertThrows(InputException.class, () -> N2p2NetworkConfig.parse("x.nn", List.of(
                "elements Al", "global_hidden_layers_short 3", "global_nodes_short 10 10", "global_activation_short t t l")));
        assertThat(e.getMessage()).contains("x.nn:3:").contains("says 3");
        e = assertThrows(InputException.class, () -> N2p2NetworkConfig.parse("x.nn", List.of(
                "elements Al", "global_nodes_short 10", "global_activation_short q l")));
        assertThat(e.getMessage()).contains("x.nn:3:").contains("'q'");
        e = assertThrows(InputException.class, () -> N2p2NetworkConfig.parse("x.nn", List.of(
                "number_of_elements 2", "elements Al", "global_nodes_short 10", "global_activation_short t l")));
        assertThat(e.getMessage()).contains("x.nn:1:").contains("number_of_elements 2");
        e = assertThrows(InputException.class, () -> N2p2NetworkConfig.parse("x.nn", List.of(
                "elements Al", "global_nodes_short 10", "global_activation_short t l", "scale_min_short zero")));
        assertThat(e.getMessage()).contains("x.nn:4:").contains("'zero'");
        e = assertThrows(InputException.class, () -> N2p2NetworkConfig.parse("x.nn", List.of(
                "elements Al", "global_nodes_short 10", "global_activation_short t l", "atom_energy Cu 1.0")));
        assertThat(e.getMessage()).contains("x.nn:4:").contains("Cu");
    }
}
