package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve descriptors} end to end, against the n2p2 raw values. */
class DescriptorsCommandTest {
    @TempDir
    Path dir;

    /** Compares our CSV (structure,atom,element,G...) with n2p2's G_raw (structure,atom,G...). */
    private static void assertMatches(Path ours, Path reference) throws Exception {
        List<String> a = Files.readAllLines(ours);
        List<String> b = Files.readAllLines(reference);
        assertThat(a).hasSameSizeAs(b);
        String[] ha = a.get(0).split(",");
        String[] hb = b.get(0).split(",");
        assertThat(ha.length).isEqualTo(hb.length + 1);
        for (int k = 2; k < hb.length; k++) {
            assertThat(ha[k + 1]).isEqualTo(hb[k]);
        }
        for (int r = 1; r < a.size(); r++) {
            String[] x = a.get(r).split(",");
            String[] y = b.get(r).split(",");
            assertThat(x[0]).isEqualTo(y[0]);
            assertThat(x[1]).isEqualTo(y[1]);
            for (int k = 2; k < y.length; k++) {
                double got = Double.parseDouble(x[k + 1]);
                double exp = Double.parseDouble(y[k]);
                if (!(Math.abs(got - exp) <= Math.max(1e-12, 1e-10 * Math.abs(exp)))) {
                    throw new AssertionError(ours + " row " + r + " col " + hb[k] + ": " + got + " vs " + exp);
                }
            }
        }
    }

    @Test
    void singleElementMatchesN2p2WithTwoThreads() throws Exception {
        Path data = SharedData.testvectors("structures/al_test_structures.xyz");
        Path ref = SharedData.testvectors("case1_thesis22_cos_type9/G_raw.csv");
        Path out = dir.resolve("g.csv");
        Cli.Result r = Cli.run("descriptors", "--data", data.toString(), "--sf", "thesis22", "--threads", "2",
            "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertMatches(out, ref);
        assertThat(dir.resolve("g.csv.run.json")).exists();
    }

    @Test
    void narrowPoly2FromInputNn() throws Exception {
        Path data = SharedData.testvectors("structures/al_test_structures.input.data");
        Path nn = SharedData.testvectors("case2_thesis22_poly2_type3/input.nn");
        Path out = dir.resolve("g2.csv");
        Cli.Result r = Cli.run("descriptors", "--data", data.toString(), "--sf", nn.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertMatches(out, SharedData.testvectors("case2_thesis22_poly2_type3/G_raw.csv"));
        // the built-in spelling of the same set gives the same file
        Path out2 = dir.resolve("g2b.csv");
        assertThat(Cli.run("descriptors", "--data", data.toString(), "--sf", "thesis22:narrow:poly2", "--out",
            out2.toString()).code()).isZero();
        assertThat(Files.readAllLines(out2)).isEqualTo(Files.readAllLines(out));
    }

    @Test
    void twoElementsGiveOneFilePerElement() throws Exception {
        Path c3 = SharedData.testvectors("case3_cu2s_n2p2_example");
        Path out = dir.resolve("cu2s.csv");
        Cli.Result r = Cli.run("descriptors", "--data", c3.resolve("input.data").toString(), "--sf",
            c3.resolve("input.nn").toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out).doesNotExist();
        assertMatches(dir.resolve("cu2s.S.csv"), c3.resolve("G_raw_S.csv"));
        assertMatches(dir.resolve("cu2s.Cu.csv"), c3.resolve("G_raw_Cu.csv"));
    }

    @Test
    void elementMissingFromTheSetIsAOneLineErrorWithoutOutput() throws Exception {
        Path data = dir.resolve("alcu.xyz");
        Files.writeString(data, """
            2
            Lattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 pbc="T T T"
            Al 0 0 0
            Al 2 0 0
            2
            Lattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 pbc="T T T"
            Al 0 0 0
            Cu 2 0 0
            """);
        Path out = dir.resolve("o.csv");
        Cli.Result r = Cli.run("descriptors", "--data", data.toString(), "--sf", "thesis22", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("#1").contains("Cu").contains("[Al]");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("alcu.xyz");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Path out = dir.resolve("o.csv");
        Cli.Result r = Cli.run("descriptors", "--data", dir.resolve("missing.xyz").toString(), "--sf", "thesis22",
            "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("missing.xyz");
        Cli.Result t = Cli.run("descriptors", "--data", "x.xyz", "--sf", "thesis22", "--threads", "0", "--out",
            out.toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("--threads");
        assertThat(out).doesNotExist();
    }
}
