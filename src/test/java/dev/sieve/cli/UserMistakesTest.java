package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.core.Messages;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, items 4-7: user mistakes that used to give a stack trace, an unreadable message or a silently wrong
 * result. Every case exits with code 2 and one stderr line naming the file, option or value, without a stack trace,
 * leaves its inputs unchanged and writes no file.
 */
class UserMistakesTest {
    @TempDir
    static Path tmp;

    static Path fcc;
    static Path data;
    static Path model;

    private static final String SF = TrainCommandTest.SF;

    @BeforeAll
    static void files() {
        fcc = tmp.resolve("fcc.xyz");
        StructureIO.write(fcc, List.of(fcc(new double[0])));
        data = tmp.resolve("train.xyz");
        StructureIO.write(data, TrainCommandTest.structures(8, 1, "Cu"));
        model = tmp.resolve("model");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--sf", SF, "--hidden", "3", "--epochs", "2",
            "--quiet", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** 32 Al atoms, fcc, 8.1 Å cell; {@code moved} = {atom, x, y, z, ...} replaces positions. */
    private static Structure fcc(double[] moved) {
        Structure s = dev.sieve.TestCells.fcc(4.05, 2);
        double[] pos = s.positions().clone();
        for (int k = 0; k < moved.length; k += 4) {
            System.arraycopy(moved, k + 1, pos, 3 * (int) moved[k], 3);
        }
        double[] f = new double[96];
        return new Structure(null, s.cell(), null, s.elements(), pos, -100.0, f, null, null, null, null, -1);
    }

    /**
     * Snapshot of every file under {@code dir} (path → size and hash). Empty directories are not listed: a failed
     * run's empty output directory is issue 12 item 8, handled separately.
     */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    m.put(dir.relativize(p).toString(), Files.size(p) + " bytes, hash "
                        + java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }

    /** Runs the CLI in a fresh directory of inputs and checks the contract; returns the one stderr line. */
    private static String mistake(Path dir, String... args) throws IOException {
        Map<String, String> before = snapshot(dir);
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        String line = r.errLines()[0];
        assertThat(line).startsWith("sieve: ").doesNotContain("Exception", "\tat ", "com.fasterxml", "[Source");
        assertThat(snapshot(dir)).as("inputs unchanged, no file left behind").isEqualTo(before);
        return line;
    }

    private static Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path writeBytes(Path dir, String name, byte[] b) throws IOException {
        return Files.write(dir.resolve(name), b);
    }

    private static byte[] withBom(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(t, 0, b, 3, t.length);
        return b;
    }

    private static String xyz(Path f) throws IOException {
        return Files.readString(f);
    }

    /** split 1 (no validation) is for train; select and refit need a validation loss and say so in one line. */
    @Test
    void splitOneOutsideTrainIsOneLine() throws IOException {
        Path d = dir("split-one");
        Files.copy(data, d.resolve("train.xyz"));
        String line = mistake(d, "select", "--data", d.resolve("train.xyz").toString(), "--sf", SF, "--split", "1",
            "--out", d.resolve("path").toString());
        assertThat(line).contains("split", "1 (no validation) is for train only");
        line = mistake(d, "train", "--data", d.resolve("train.xyz").toString(), "--sf", SF, "--split", "1.5",
            "--out", d.resolve("m").toString());
        assertThat(line).contains("split", "(0, 1]", "1.5");
    }

    // ------------------------------------------------------------------ item 4: stack traces

    @Test
    void mdRestartMissingOrTruncatedIsOneLine() throws IOException {
        Path d = dir("md-restart");
        Files.copy(fcc, d.resolve("fcc.xyz"));
        String s = d.resolve("fcc.xyz").toString();
        String out = d.resolve("out").toString();
        assertThat(mistake(d, "md", "--potential", "sutton-chen-al", "--structure", s, "--steps", "2", "--restart",
            d.resolve("nope.json").toString(), "--out", out)).contains("nope.json", "no such restart file");
        Path trunc = write(d, "restart.json", "{\"step\": 3, \"positions\": [1.0, 2.0");
        assertThat(mistake(d, "md", "--potential", "sutton-chen-al", "--structure", s, "--steps", "2", "--restart",
            trunc.toString(), "--out", out)).contains("restart.json:1:", "ends early");
        Path empty = write(d, "empty.json", "{}");
        assertThat(mistake(d, "md", "--potential", "sutton-chen-al", "--structure", s, "--steps", "2", "--restart",
            empty.toString(), "--out", out)).contains("empty.json", "incomplete restart file");
    }

    @Test
    void mdIntoAnUnwritableDirectoryIsOneLine() throws IOException {
        Path d = dir("md-unwritable");
        Files.copy(fcc, d.resolve("fcc.xyz"));
        write(d, "afile", "not a directory");
        assertThat(mistake(d, "md", "--potential", "sutton-chen-al", "--structure", d.resolve("fcc.xyz").toString(),
            "--steps", "2", "--out", d.resolve("afile").resolve("sub").toString())).contains("afile")
            .containsAnyOf("cannot write", "cannot create directory");
    }

    @Test
    void mdIntoAReadOnlyDirectoryIsOneLine() throws IOException {
        Path d = dir("md-readonly");
        Files.copy(fcc, d.resolve("fcc.xyz"));
        Path ro = Files.createDirectories(d.resolve("ro"));
        Assumptions.assumeTrue(ro.toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "permissions are not enforced (running as root)");
            assertThat(mistake(d, "md", "--potential", "sutton-chen-al", "--structure",
                d.resolve("fcc.xyz").toString(), "--steps", "2", "--out", ro.resolve("out").toString()))
                .contains("ro");
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void inputNnWithoutSymmetryFunctionsIsRefused() throws IOException {
        Path d = dir("nn-empty");
        Path nn = write(d, "input.nn", "number_of_elements 1\nelements Al\ncutoff_type 1\n");
        assertThat(mistake(d, "features", "show", nn.toString())).contains("input.nn", "no symfunction_short lines");
    }

    @Test
    void hugeCutoffsGridsAndThreadCountsAreRefusedNamingTheValue() throws IOException {
        Path d = dir("limits");
        Files.copy(fcc, d.resolve("fcc.xyz"));
        String s = d.resolve("fcc.xyz").toString();
        String out = d.resolve("g.csv").toString();
        assertThat(mistake(d, "descriptors", "--data", s, "--sf", "grid:rc=1000,n=2,ang=none", "--out", out))
            .contains("fcc.xyz #0", "cutoff 1000.0 Å", "neighbours per atom", "10000");
        assertThat(mistake(d, "descriptors", "--data", s, "--sf", "grid:rc=1e308,n=2,ang=none", "--out", out))
            .contains("1.0E308");
        assertThat(mistake(d, "descriptors", "--data", s, "--sf", "grid:n=100000000", "--out", out))
            .contains("grid n", "100000000");
        assertThat(mistake(d, "descriptors", "--data", s, "--sf", SF, "--threads", "1000000", "--out", out))
            .contains("--threads", "1000000", "at most " + Main.maxThreads());
        assertThat(mistake(d, "md", "--potential", "lj:0.1,2.55,1000,Al", "--structure", s, "--steps", "2", "--out",
            d.resolve("md").toString())).contains("1001.0 Å");
    }

    @Test
    void aLatticeOf1e308IsRefused() throws IOException {
        Path d = dir("lattice");
        Path f = write(d, "big.xyz", xyz(fcc).replaceFirst("Lattice=\"8.1 ", "Lattice=\"1e308 "));
        assertThat(mistake(d, "info", f.toString())).contains("big.xyz:2:", "Lattice component 1", "1.0E308");
        assertThat(mistake(d, "descriptors", "--data", f.toString(), "--sf", SF, "--out", d.resolve("o.csv")
            .toString())).contains("big.xyz:2:");
    }

    // ------------------------------------------------------------------ item 5: messages

    @Test
    void quotedInputIsEscapedAndCut() throws IOException {
        Path d = dir("quote");
        String junk = "\u0001\u001b[31m" + "x".repeat(3_000_000);
        Path f = write(d, "junk.xyz", junk + "\n");
        String line = mistake(d, "info", f.toString());
        assertThat(line).contains("junk.xyz:1:", "\\x01\\x1B[31m", "characters)").doesNotContain("\u0001", "\u001b");
        assertThat(line.length()).isLessThan(300);
        assertThat(Messages.quote("a\tb\nc\u0000")).isEqualTo("'a\\tb\\nc\\x00'");
    }

    @Test
    void aParseErrorIsOneLineWithAHint() throws IOException {
        Path d = dir("parse");
        assertThat(mistake(d, "descriptors", "--data", "x.xyz", "--sf", SF, "--out", "o.csv", "--bogus"))
            .isEqualTo("sieve: Unknown option: '--bogus' (try 'sieve descriptors --help')");
        assertThat(mistake(d, "descriptors", "--data", "x.xyz")).contains("Missing required option",
            "(try 'sieve descriptors --help')");
        assertThat(mistake(d, "features", "show")).contains("(try 'sieve features show --help')");
    }

    @Test
    void helpTextsHaveNoPicocliWarnings() {
        for (String cmd : new String[] {"refit", "compare", "select", "train"}) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.err()).as(cmd).isEmpty();
            assertThat(r.out()).as(cmd).doesNotContain("WARN");
        }
        assertThat(Cli.run("refit", "--help").out()).contains("within X % of the best");
    }

    @Test
    void theLauncherFilterPassesBinaryBytes() throws IOException {
        String launcher = Files.readString(Path.of("bin", "sieve"));
        assertThat(launcher).contains("grep -a ");
    }

    @Test
    void aTruncatedGzipFileSaysSo() throws IOException {
        Path d = dir("gz");
        Path full = d.resolve("full.xyz.gz");
        StructureIO.write(full, List.of(fcc(new double[0]), fcc(new double[0])));
        byte[] b = Files.readAllBytes(full);
        Files.delete(full);
        Path cut = writeBytes(d, "cut.xyz.gz", java.util.Arrays.copyOf(b, b.length / 2));
        assertThat(mistake(d, "info", cut.toString())).contains("cut.xyz.gz:", "truncated gzip file");
    }

    @Test
    void aShortScalingFileIsBlamedNotTheWeights() throws IOException {
        Path d = dir("short-scaling");
        Path m = copyModel(d.resolve("m"));
        List<String> lines = Files.readAllLines(m.resolve("scaling.data"));
        Files.write(m.resolve("scaling.data"), lines.subList(0, lines.size() - 1));
        assertThat(mistake(d, "predict", "--model", m.toString(), "--data", data.toString(), "--out",
            d.resolve("p.xyz").toString())).contains("scaling.data", "input.nn defines");
    }

    @Test
    void jsonAndYamlErrorsAreOneLineAtTheRightLine() throws IOException {
        Path d = dir("yaml");
        Path y = write(d, "set.yaml", "format: sieve-sf-set\nversion: 1\nfunctions:\n  Al:\n    - {type: 2, eta: 1\n"
            + "    - [\n");
        assertThat(mistake(d, "features", "show", y.toString())).startsWith("sieve: " + y + ":6: not valid YAML: ")
            .doesNotContain("reader");
        Path cfg = write(d, "cfg.json", "{\"epochs\": 3,\n \"lr\": }\n");
        assertThat(mistake(d, "train", "--config", cfg.toString(), "--data", data.toString(), "--sf", SF, "--out",
            d.resolve("t").toString())).contains("cfg.json:2:", "not valid JSON");
    }

    // ------------------------------------------------------------------ item 6: accepted but wrong

    @Test
    void aByteOrderMarkIsAcceptedByEveryTextReader() throws IOException {
        Path d = dir("bom");
        Path x = writeBytes(d, "bom.xyz", withBom(xyz(fcc)));
        assertThat(Cli.run("info", x.toString()).code()).isZero();
        Path n2p2 = writeBytes(d, "bom.data", withBom("begin\nlattice 5 0 0\nlattice 0 5 0\nlattice 0 0 5\n"
            + "atom 0 0 0 Al 0 0 0 0 0\nenergy -3\nend\n"));
        assertThat(Cli.run("info", n2p2.toString()).code()).isZero();
        Path dump = writeBytes(d, "bom.dump", withBom("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\n"
            + "ITEM: BOX BOUNDS pp pp pp\n0 5\n0 5\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n"));
        assertThat(Cli.run("info", dump.toString(), "--types", "Al").code()).isZero();
        Path m = copyModel(d.resolve("m"));
        for (String f : new String[] {"scaling.data", "weights.013.data", "weights.029.data"}) {
            Files.write(m.resolve(f), withBom(Files.readString(m.resolve(f))));
        }
        Cli.Result r = Cli.run("predict", "--model", m.toString(), "--data", data.toString(), "--out",
            d.resolve("p.xyz").toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void lammpsBoxesWithLoAboveHiAreRefused() throws IOException {
        Path d = dir("lammps");
        Path dump = write(d, "x.dump", "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n"
            + "5 0\n0 5\n0 5\nITEM: ATOMS id type x y z\n1 1 0 0 0\n");
        assertThat(mistake(d, "info", dump.toString(), "--types", "Al")).contains("x.dump:6:", "xlo 5.0", "xhi 0.0");
        Path data = write(d, "x.lmp", "title\n\n1 atoms\n1 atom types\n0 5 xlo xhi\n5 0 ylo yhi\n0 5 zlo zhi\n\n"
            + "Atoms\n\n1 1 0 0 0\n");
        assertThat(mistake(d, "info", data.toString(), "--from", "lammps-data", "--types", "Al"))
            .contains("x.lmp:6:", "ylo 5.0");
    }

    @Test
    void twoEnergiesAndAWrongAtomCountAreRefused() throws IOException {
        Path d = dir("counts");
        Path n2p2 = write(d, "two.data", "begin\natom 0 0 0 Al 0 0 0 0 0\nenergy -3\nenergy -4\nend\n");
        assertThat(mistake(d, "info", n2p2.toString())).contains("two.data:4:", "second 'energy' line", "line 3");
        Path ml = write(d, "m.json", "[{\"structure\": {\"lattice\": {\"matrix\": [[5,0,0],[0,5,0],[0,0,5]]}, "
            + "\"sites\": [{\"species\": [{\"element\": \"Al\"}], \"xyz\": [0,0,0]}]}, \"num_atoms\": 2, "
            + "\"outputs\": {\"energy\": -3}}]");
        assertThat(mistake(d, "info", ml.toString(), "--from", "mlearn")).contains("m.json:1:", "num_atoms is 2",
            "1 sites");
    }

    @Test
    void nonPhysicalCoordinatesAreRefusedNotWrapped() throws IOException {
        Path d = dir("coords");
        Path f = d.resolve("far.xyz");
        StructureIO.write(f, List.of(fcc(new double[] {2, 1e308, 0, 0})));
        assertThat(mistake(d, "descriptors", "--data", f.toString(), "--sf", SF, "--out", d.resolve("o.csv")
            .toString())).contains("far.xyz:5:", "atom 3 x", "1.0E308");
        Path n2p2 = write(d, "far.data", "begin\natom 0 0 2e6 Al 0 0 0 0 0\nenergy -3\nend\n");
        assertThat(mistake(d, "info", n2p2.toString())).contains("far.data:2:", "atom 1 z");
    }

    @Test
    void descriptorsLimitMustBePositive() throws IOException {
        Path d = dir("limit");
        Files.copy(fcc, d.resolve("fcc.xyz"));
        for (String v : new String[] {"0", "-1"}) {
            assertThat(mistake(d, "descriptors", "--data", d.resolve("fcc.xyz").toString(), "--sf", SF, "--limit", v,
                "--out", d.resolve("o.csv").toString())).isEqualTo("sieve: --limit must be >= 1, got " + v);
        }
    }

    @Test
    void trainResumeWithOtherThreadsIsRefused() throws IOException {
        Path d = dir("resume");
        Path m = copyModel(d.resolve("m"));
        assertThat(mistake(d, "train", "--data", data.toString(), "--sf", SF, "--hidden", "3", "--epochs", "4",
            "--quiet", "--resume", "--threads", "2", "--out", m.toString()))
            .contains("--threads differs from the checkpoint", "made with 1 (this run: 2)");
    }

    // ------------------------------------------------------------------ item 7: NaN and collisions

    @Test
    void anOverflowingEnergyNamesTheStructure() throws IOException {
        Path d = dir("inf");
        List<Structure> s = new ArrayList<>(TrainCommandTest.structures(8, 1, "Cu"));
        s.set(3, s.get(3).withEnergyAndForces(1e308, s.get(3).forces()));
        Path f = d.resolve("inf.xyz");
        StructureIO.write(f, s);
        assertThat(mistake(d, "train", "--data", f.toString(), "--sf", SF, "--hidden", "3", "--epochs", "2", "--quiet",
            "--out", d.resolve("t").toString())).contains("inf.xyz #3", "energy 1.0E308 eV");
    }

    @Test
    void coincidentAtomsAreRefusedByDescriptorsTrainAndPredict() throws IOException {
        Path d = dir("coincident");
        List<Structure> s = new ArrayList<>(TrainCommandTest.structures(8, 1, "Cu"));
        double[] p = s.get(2).positions().clone();
        System.arraycopy(p, 0, p, 3, 3);
        s.set(2, s.get(2).withPositions(p));
        Path f = d.resolve("c.xyz");
        StructureIO.write(f, s);
        String expected = "c.xyz #2: atoms 0 and 1 are 0.0 Å apart";
        assertThat(mistake(d, "descriptors", "--data", f.toString(), "--sf", SF, "--out", d.resolve("o.csv")
            .toString())).contains(expected);
        assertThat(mistake(d, "train", "--data", f.toString(), "--sf", SF, "--hidden", "3", "--epochs", "2", "--quiet",
            "--out", d.resolve("t").toString())).contains(expected);
        assertThat(mistake(d, "predict", "--model", model.toString(), "--data", f.toString(), "--out",
            d.resolve("p.xyz").toString())).contains(expected);
    }

    private static Path copyModel(Path to) throws IOException {
        try (Stream<Path> s = Files.walk(model)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(model.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }
}
