package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.SharedData;
import dev.sieve.md.potential.LammpsZblReference;
import dev.sieve.md.potential.ZblPotential;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.structure.Structure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve export} through {@link Main#execute}. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow(
            () -> new AssertionError("no line starting with " + start + " in:\n" + text)).strip();
    }

    @Test
    void bohrHartreeModelExportsWithConversionFactorsAndASafeCutoff() throws Exception {
        Path out = dir.resolve("cu");
        Cli.Result r = Cli.run("export", "--model", SharedData.data("mlearn/nnp_models/Cu").toString(),
            "--length-unit", "bohr", "--energy-unit", "hartree", "--format", "n2p2", "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(EvaluateCommandTest.names(dir)).containsExactly("cu");
        assertThat(EvaluateCommandTest.names(out)).containsExactly("input.nn", "lammps.in", "run.json",
            "scaling.data", "weights.029.data");

        String lammps = Files.readString(out.resolve("lammps.in"));
        String style = line(lammps, "pair_style");
        assertThat(line(r.out(), "pair_style")).isEqualTo(style);
        assertThat(line(r.out(), "pair_coeff")).isEqualTo("pair_coeff * * Cu");
        String[] w = style.split("\\s+");
        assertThat(w[1]).isEqualTo("hdnnp");
        assertThat(List.of(w)).containsSubsequence("dir", out.toAbsolutePath().toString())
            .containsSubsequence("cflength", "1.8897261328").containsSubsequence("cfenergy", "0.0367493254");
        // LAMMPS refuses a cutoff (Å) below the largest SF cutoff of input.nn (Bohr) divided by cflength
        double cutoff = Double.parseDouble(w[2]);
        double rcBohr = Files.readAllLines(out.resolve("input.nn")).stream()
            .filter(l -> l.startsWith("symfunction_short")).mapToDouble(l -> {
                String[] t = l.trim().split("\\s+");
                return Double.parseDouble(t[t[2].equals("2") ? 6 : 8]);
            }).max().orElseThrow();
        assertThat(rcBohr).isCloseTo(7.7478771, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(cutoff).isGreaterThanOrEqualTo(rcBohr / 1.8897261328).isLessThan(rcBohr / 1.8897261328 + 1e-5);

        HdnnpModel back = N2p2Potential.read(out, N2p2Potential.BOHR_PER_ANGSTROM, N2p2Potential.HARTREE_PER_EV);
        assertThat(back.elements()).containsExactly("Cu");
    }

    @Test
    void angstromModelKeepsItsExactCutoff() throws Exception {
        Path model = SharedData.testvectors("case1_thesis22_cos_type9");
        Path out = dir.resolve("al");
        Cli.Result r = Cli.run("export", "--model", model.toString(), "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        String[] w = line(r.out(), "pair_style").split("\\s+");
        assertThat(Double.parseDouble(w[2])).isEqualTo(N2p2Potential.read(model).cutoff());
        assertThat(List.of(w)).containsSubsequence("cflength", "1.0").containsSubsequence("cfenergy", "1.0");
        assertThat(line(r.out(), "pair_coeff")).isEqualTo("pair_coeff * * Al");
    }

    @Test
    void unknownFormatFailsWithoutOutput() throws Exception {
        Path out = dir.resolve("x");
        Cli.Result r = Cli.run("export", "--model", SharedData.data("mlearn/nnp_models/Cu").toString(), "--format",
            "deepmd", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("'deepmd'").contains("n2p2");
        assertThat(EvaluateCommandTest.names(dir)).isEmpty();
    }

    @Test
    void missingModelFailsWithoutOutput() throws Exception {
        Path out = dir.resolve("x");
        Path missing = dir.resolve("nothing-here");
        Cli.Result r = Cli.run("export", "--model", missing.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(missing.toString());
        assertThat(EvaluateCommandTest.names(dir)).isEmpty();
    }

    @Test
    void exportIntoAnExistingDirectoryReplacesTheFiles() throws Exception {
        Path out = Files.createDirectory(dir.resolve("existing"));
        Files.writeString(out.resolve("input.nn"), "stale\n");
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        Cli.Result r = Cli.run("export", "--model", SharedData.testvectors("case1_thesis22_cos_type9").toString(),
            "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(out.resolve("input.nn"))).contains("symfunction_short");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine\n");
        assertThat(EvaluateCommandTest.names(dir)).containsExactly("existing");
        assertThat(line(Files.readString(out.resolve("lammps.in")), "pair_style"))
            .contains(" dir " + out.toAbsolutePath() + " ");
    }

    @Test
    void zblOverlayWritesHybridOverlayLinesWhoseZblPartIsLammpsZbl() throws Exception {
        Path model = SharedData.testvectors("case1_thesis22_cos_type9");
        Path plain = dir.resolve("plain");
        Path out = dir.resolve("al");
        assertThat(Cli.run("export", "--model", model.toString(), "--out", plain.toString()).code()).isZero();
        Cli.Result r = Cli.run("export", "--model", model.toString(), "--zbl", "0.8,1.6", "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        String lammps = Files.readString(out.resolve("lammps.in"));
        List<String> pairLines = lammps.lines().filter(l -> l.startsWith("pair_")).toList();
        String hdnnp = line(Files.readString(plain.resolve("lammps.in")), "pair_style").substring("pair_style ".length())
            .replace(plain.toAbsolutePath().toString(), out.toAbsolutePath().toString());
        assertThat(pairLines).containsExactly("pair_style hybrid/overlay " + hdnnp + " zbl 0.8 1.6",
            "pair_coeff * * hdnnp Al", "pair_coeff 1 1 zbl 13 13");
        assertThat(r.out().lines().map(String::strip).filter(l -> l.startsWith("pair_"))).containsExactlyElementsOf(
            pairLines);

        // the zbl part as LAMMPS reads it (pair_style zbl INNER OUTER, pair_coeff 1 1 zbl Z Z) gives LAMMPS's
        // pair_style zbl numbers (LammpsZblReference.B was computed by lmp with exactly these settings)
        String[] style = pairLines.get(0).split("\\s+");
        String[] coeff = pairLines.get(2).split("\\s+");
        LammpsZblReference.Case b = LammpsZblReference.B;
        ZblPotential z = new ZblPotential(List.of("Al"), new int[] {Integer.parseInt(coeff[4])},
            Double.parseDouble(style[style.length - 2]), Double.parseDouble(style[style.length - 1]));
        assertThat(coeff[5]).isEqualTo(coeff[4]);
        Structure s = b.structure();
        double e = z.compute(z.types(s.elements()), new NeighborListBuilder().build(s, z.cutoff()), null, null);
        assertThat(e).isCloseTo(b.energy(), within(1e-12 * b.energy()));
    }

    @Test
    void zblOverlayOfTwoElementsHasOnePairCoeffPerPairAndStaysInAngstrom() throws Exception {
        Path out = dir.resolve("cu2s");
        Cli.Result r = Cli.run("export", "--model", SharedData.testvectors("case3_cu2s_n2p2_example").toString(),
            "--length-unit", "bohr", "--energy-unit", "hartree", "--zbl", "1,2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> pairLines = Files.readString(out.resolve("lammps.in")).lines()
            .filter(l -> l.startsWith("pair_")).toList();
        assertThat(pairLines.get(0)).startsWith("pair_style hybrid/overlay hdnnp ").contains(" cflength 1.8897261328 ")
            .endsWith(" zbl 1.0 2.0");
        assertThat(pairLines.subList(1, pairLines.size())).containsExactly("pair_coeff * * hdnnp S Cu",
            "pair_coeff 1 1 zbl 16 16", "pair_coeff 1 2 zbl 16 29", "pair_coeff 2 2 zbl 29 29");
    }

    @Test
    void badZblCutoffsAreOneLineNamingTheOption() throws Exception {
        Path out = dir.resolve("x");
        Cli.Result r = Cli.run("export", "--model", SharedData.testvectors("case1_thesis22_cos_type9").toString(),
            "--zbl", "1.5,1.5", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("sieve: --zbl: needs 0 < INNER < OUTER (Å), got inner 1.5, outer 1.5");
        assertThat(EvaluateCommandTest.names(dir)).isEmpty();
    }
}
