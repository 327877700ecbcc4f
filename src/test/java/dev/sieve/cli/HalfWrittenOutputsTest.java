package dev.sieve.cli;

import static dev.sieve.cli.OutputSafetyTest.args;
import static dev.sieve.cli.OutputSafetyTest.refused;
import static dev.sieve.cli.OutputSafetyTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24, items 4 and 5: outputs are replaced as a unit (a failure part-way leaves the previous files), settings are
 * checked before --out is created, and inputs that do not belong together are refused instead of combined.
 */
class HalfWrittenOutputsTest {
    private static final String LJ = "lj:0.1,2.55,3.5,Al";

    @Test
    void anExportThatCannotWriteOneFileLeavesThePreviousExportUntouched(@TempDir Path dir) throws Exception {
        Path model = SharedData.testvectors("case1_thesis22_cos_type9");
        Path out = dir.resolve("export");
        Cli.Result first = Cli.run("export", "--model", model.toString(), "--zbl", "1.0,2.0", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        // fault: a directory in place of one of export's files, the one a directory listing gives last (so that a
        // commit moving the files one by one would have replaced the others first)
        Path probe = Files.createDirectories(dir.resolve("probe"));
        for (String n : new String[] {"input.nn", "scaling.data", "weights.013.data", "lammps.in", "run.json"}) {
            Files.writeString(probe.resolve(n), "");
        }
        String last;
        try (var ds = Files.newDirectoryStream(probe)) {
            java.util.List<String> names = new java.util.ArrayList<>();
            ds.forEach(p -> names.add(p.getFileName().toString()));
            last = names.get(names.size() - 1);
        }
        try (var s = Files.list(probe)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(probe);
        Files.delete(out.resolve(last));
        Files.createDirectories(out.resolve(last));
        Files.writeString(out.resolve(last).resolve("keep"), "x");
        refused(dir, args("export", "--model", model, "--out", out), out.resolve(last).toString(), "is a directory");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactly("export");
    }

    @Test
    void compareRefusesItsWithinValueBeforeCreatingItsOutput(@TempDir Path dir) throws Exception {
        Path refit = Files.createDirectories(dir.resolve("agl"));
        Files.writeString(refit.resolve("refit.json"), "{\"splits\":1,\"rows\":[{\"choice\":\"count:2\",\"point\":1,"
            + "\"lambda\":0.1,\"features\":2,\"angular\":0,\"test_rmse_mev_atom\":{\"values\":[1.0]},"
            + "\"test_mae_mev_atom\":{\"values\":[1.0]},\"md_steps_per_s\":10}]}");
        refused(dir, args("compare", refit, "--within", -1, "--out", dir.resolve("cmp")), "--within");
        refused(dir, args("compare", refit, "--within", "NaN", "--out", dir.resolve("cmp")), "--within");
    }

    @Test
    void aZblOverlayGivenTwiceIsRefused(@TempDir Path dir) throws Exception {
        Path s = OutputSafetyTest.crystal(dir);
        refused(dir, args("md", "--potential", LJ + "+zbl:1.0,2.0", "--zbl", "1.0,2.0", "--structure", s, "--steps",
            2, "--out", dir.resolve("md")), "--zbl 1.0,2.0", "--potential", "give it once");
        refused(dir, args("md", "--potential", LJ + "+zbl:1.0,2.0+zbl:1.0,2.0", "--structure", s, "--steps", 2,
            "--out", dir.resolve("md")), "two +zbl: parts");
        refused(dir, args("md", "--potential", "zbl:1.0,2.0,Al+zbl:1.0,2.0", "--structure", s, "--steps", 2,
            "--out", dir.resolve("md")), "a zbl: potential and a +zbl: part");
        refused(dir, args("predict", "--potential", LJ + "+zbl:1.0,2.0+zbl:1.0,2.0", "--data", s, "--out",
            dir.resolve("p.xyz")), "twice");
        refused(dir, args("compare-md", "--potential", LJ + "+zbl:1.0,2.0", "--zbl", "1.0,2.0", "--reference", LJ,
            "--structure", s, "--temperature", 300, "--out", dir.resolve("cmd")), "--zbl 1.0,2.0");
        refused(dir, args("compare-md", "--potential", LJ, "--reference", LJ + "+zbl:1,2+zbl:1,2", "--structure", s,
            "--temperature", 300, "--out", dir.resolve("cmd")), "twice");
    }

    @Test
    void aRestartIntoAnotherStructureNamesBoth(@TempDir Path dir) throws Exception {
        Path small = OutputSafetyTest.crystal(dir);
        Path big = dir.resolve("big.xyz");
        StructureIO.write(big, java.util.List.of(dev.sieve.TestCells.fcc(4.05, 3)));
        Path a = dir.resolve("a");
        Cli.Result r = Cli.run(args("md", "--potential", LJ, "--structure", small, "--steps", 2, "--quiet", "--out", a));
        assertThat(r.code()).as(r.err()).isZero();
        refused(dir, args("md", "--potential", LJ, "--structure", big, "--restart", a.resolve("restart.json"),
            "--steps", 2, "--quiet", "--out", dir.resolve("b")), a.resolve("restart.json").toString(),
            "another structure", "32 atoms", "--structure " + big + " has 108 atoms");
    }

    @Test
    void aResumedRefitWithOtherEpochsThanItsFinishedSplitsIsRefused(@TempDir Path dir) throws Exception {
        OutputSafetyTest.TinyPath t = OutputSafetyTest.tinyPath(dir);
        Path data = t.data();
        Path path = t.path();
        Cli.Result r;
        Path out = dir.resolve("refit");
        Object[] refit = {"refit", "--path", path, "--choose", "count:4", "--no-full", "--test", data, "--splits", 1,
            "--out", out};
        r = Cli.run(args(with(refit, "--epochs", 2)));
        assertThat(r.code()).as(r.err()).isZero();
        refused(dir, args(with(refit, "--epochs", 3, "--resume")), "--resume", "split 1 of count:4",
            "--epochs 2", "--epochs 3");
        refused(dir, args(with(refit, "--epochs", 2, "--patience", 7, "--resume")), "--patience 100", "--patience 7");
        r = Cli.run(args(with(refit, "--epochs", 2, "--resume")));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static Object[] with(Object[] a, Object... more) {
        Object[] r = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }

    @Test
    void mdAndRefitRefuseTheirConfigFileAsOutput(@TempDir Path dir) throws Exception {
        Path s = OutputSafetyTest.crystal(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path cfg = out.resolve("run.json");
        Files.writeString(cfg, "{\"steps\": 2}\n");
        refused(dir, args("md", "--config", cfg, "--potential", LJ, "--structure", s, "--out", out), "--config "
            + cfg);
        refused(dir, args("train", "--config", cfg, "--data", s, "--out", out), "--config " + cfg);
    }

    /** A file and its OUT.run.json: a run.json that cannot be written is refused before the file is replaced. */
    @Test
    void aFileWhoseRunJsonCannotBeWrittenIsLeftAsItWas(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.xyz");
        Files.writeString(out, "previous\n");
        Files.createDirectories(dir.resolve("out.xyz.run.json"));
        Cli.Result r = Cli.run("generate", "--reference", "sutton-chen-al", "--atoms", "32", "--frames", "2",
            "--temperatures", "300", "--equilibrate", "10", "--interval", "5", "--melt-time", "10", "--out",
            out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("out.xyz.run.json is a directory");
        assertThat(Files.readString(out)).isEqualTo("previous\n");
    }
}
