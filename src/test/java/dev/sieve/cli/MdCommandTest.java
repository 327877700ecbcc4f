package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.io.StructureIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve md} and {@code sieve compare-md} end to end: the files, the console, the option names in errors. */
class MdCommandTest {

    /** 32 Al atoms, fcc, in a 2x2x2 cell of 8.1 Å (wide enough for a 3.5 Å Lennard-Jones cutoff). */
    private static Path crystal(Path dir) {
        Path file = dir.resolve("fcc.xyz");
        StructureIO.write(file, List.of(dev.sieve.TestCells.fcc(4.05, 2)));
        return file;
    }

    private static final String LJ = "lj:0.1,2.55,3.5,Al";

    @Test
    void mdWritesTheThermoLogAnalysisAndEndStateAndPrintsTheRows(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("md", "--potential", LJ, "--structure", crystal(dir).toString(), "--steps", "30",
            "--temperature", "300", "--thermo", "10", "--dump", "15", "--rdf", "3.5", "--adf", "3.0", "--msd",
            "--sample-every", "5", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("thermo.csv",
                "trajectory.xyz", "rdf.csv", "adf.csv", "msd.csv", "final.xyz", "restart.json", "run.json");
        }
        List<String> thermo = Files.readAllLines(out.resolve("thermo.csv"));
        assertThat(thermo).extracting(l -> l.split(",")[0]).containsExactly("step", "0", "10", "20", "30");
        String[] console = r.out().split("\\R");
        assertThat(console[0].trim()).startsWith("step").endsWith("P/bar");
        assertThat(console[1].trim()).startsWith("0 ");
        assertThat(console).hasSize(1 + 4 + 2); // header, 4 rows, diffusion coefficient, summary
        assertThat(console[5]).startsWith("diffusion coefficient ");
        assertThat(console[6]).startsWith("30 steps of 32 atoms in ");
        String run = Files.readString(out.resolve("run.json"));
        assertThat(run).contains("\"rdf_frames\" : 6", "\"diffusion_cm2_per_s\"", "\"ensemble\" : \"NVE\"");
    }

    @Test
    void badOptionsNameTheOptionTheSettingAndTheValue(@TempDir Path dir) {
        String structure = crystal(dir).toString();
        Cli.Result r = Cli.run("md", "--potential", LJ, "--structure", structure, "--steps", "5", "--thermo", "0",
            "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).containsExactly("sieve: --thermo must be >= 1, got 0");
        assertThat(r.out()).isEmpty();
        r = Cli.run("md", "--potential", LJ, "--structure", structure, "--steps", "5", "--rdf", "2", "--rdf-bin",
            "-0.1", "--out", dir.resolve("o").toString());
        assertThat(r.errLines()).containsExactly("sieve: --rdf-bin must be > 0, got -0.1");
        r = Cli.run("compare-md", "--potential", LJ, "--reference", LJ, "--structure", structure, "--temperature",
            "300", "--steps", "100", "--equilibrate", "200", "--out", dir.resolve("c").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).containsExactly(
            "sieve: --steps: steps must exceed equilibrate, got steps 100 and equilibrate 200");
        assertThat(dir.resolve("o")).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void zblOverlayVanishesAtCrystalDistancesAndBadCutoffsNameTheOption(@TempDir Path dir) throws Exception {
        String structure = crystal(dir).toString();
        Cli.Result plain = Cli.run("md", "--potential", LJ, "--structure", structure, "--steps", "20",
            "--temperature", "300", "--thermo", "5", "--quiet", "--out", dir.resolve("plain").toString());
        Cli.Result zbl = Cli.run("md", "--potential", LJ, "--zbl", "1.0,2.0", "--structure", structure, "--steps",
            "20", "--temperature", "300", "--thermo", "5", "--quiet", "--out", dir.resolve("zbl").toString());
        assertThat(zbl.code()).as(zbl.err()).isZero();
        assertThat(plain.code()).as(plain.err()).isZero();
        // fcc Al neighbours are 2.86 Å apart, beyond the outer cutoff: the same trajectory to the last bit
        assertThat(Files.readString(dir.resolve("zbl/thermo.csv")))
            .isEqualTo(Files.readString(dir.resolve("plain/thermo.csv")));
        assertThat(Files.readString(dir.resolve("zbl/run.json"))).contains(LJ + " + zbl 1.0,2.0");

        for (String[] bad : new String[][] {{"2.0,1.0", "sieve: --zbl: needs 0 < INNER < OUTER (Å), got inner 2.0, "
            + "outer 1.0"}, {"1.0", "sieve: --zbl: expected INNER,OUTER in Å (e.g. 1.0,2.0), got '1.0'"}}) {
            Path out = dir.resolve("bad");
            Cli.Result r = Cli.run("md", "--potential", LJ, "--zbl", bad[0], "--structure", structure, "--steps",
                "5", "--out", out.toString());
            assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
            assertThat(r.errLines()).containsExactly(bad[1]);
            assertThat(r.out()).isEmpty();
            assertThat(out).doesNotExist();
        }
    }
}
