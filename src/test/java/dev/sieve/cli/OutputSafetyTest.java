package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.core.OutputLock;
import dev.sieve.io.StructureIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, items 1, 2, 8: no output over an input, one run per output, no leftovers. */
class OutputSafetyTest {
    private static final String LJ = "lj:0.1,2.55,3.5,Al";

    /** 32 Al atoms, fcc, in a 2x2x2 cell of 8.1 Å. */
    static Path crystal(Path dir) {
        Path file = dir.resolve("fcc.xyz");
        StructureIO.write(file, List.of(dev.sieve.TestCells.fcc(4.05, 2)));
        return file;
    }

    /** Every file under {@code dir} with its bytes. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    m.put(key + "/", "");
                } else {
                    m.put(key, Arrays.toString(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }

    /** Runs the CLI and checks: exit 2, one stderr line with every {@code expected} part, no stack trace, no change. */
    static Cli.Result refused(Path dir, String[] args, String... expected) throws IOException {
        Map<String, String> before = snapshot(dir);
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("sieve: ").contains(expected).doesNotContain("Exception");
        assertThat(snapshot(dir)).as("inputs unchanged, nothing left behind").isEqualTo(before);
        return r;
    }

    static String[] args(Object... a) {
        return Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
    }

    @Test
    void fileOutputsThatAreInputsAreRefusedAlsoThroughDotDotAndSymlinks(@TempDir Path dir) throws Exception {
        Path s = crystal(dir);
        Files.createDirectories(dir.resolve("sub"));
        Path viaDots = dir.resolve("sub").resolve("..").resolve("fcc.xyz");
        Path link = Files.createSymbolicLink(dir.resolve("link.xyz"), s);
        Path deep = Files.createDirectories(dir.resolve("sub").resolve("deeper"));
        Path linkDir = Files.createSymbolicLink(dir.resolve("linkdir"), deep);
        Path inSub = Files.copy(s, dir.resolve("sub").resolve("in.xyz"));
        refused(dir, args("descriptors", "--data", s, "--sf", "thesis22", "--out", s), "--out " + s,
            "--data " + s);
        refused(dir, args("predict", "--potential", LJ, "--data", s, "--out", viaDots), "--out " + viaDots,
            "--data " + s);
        refused(dir, args("convert", s, link), "OUT " + link, "IN " + s);
        // linkdir/.. is the parent of the link's target (sub), as the file system reads it, not dir
        refused(dir, args("convert", inSub, linkDir.resolve("..").resolve("in.xyz")), "IN " + inSub);
        refused(dir, args("generate", "--reference", "eam:" + s, "--out", s, "--quiet"), "--out " + s,
            "--reference " + s);
        refused(dir, args("bench", "descriptors", "--structure", s, "--json", link), "--json " + link);
        refused(dir, args("bench", "md", "--potential", LJ, "--structure", s, "--json", s), "--json " + s);
        Path set = dir.resolve("set.yaml");
        assertThat(Cli.run("features", "convert", "thesis22", "--out", set.toString()).code()).isZero();
        refused(dir, args("features", "convert", set, "--out", set), "--out " + set, "SPEC " + set);
        refused(dir, args("descriptors", "--data", s, "--sf", set, "--out", set), "--out " + set, "--sf " + set);
        // the per-element files and the provenance file written beside --out
        Path perElement = Files.copy(s, dir.resolve("g.Al.csv"));
        refused(dir, args("descriptors", "--data", perElement, "--sf", "thesis22", "--out", dir.resolve("g.csv")),
            "--data " + perElement);
        Path prov = Files.copy(s, dir.resolve("p.xyz.run.json"));
        refused(dir, args("predict", "--potential", LJ, "--data", prov, "--out", dir.resolve("p.xyz")),
            "--data " + prov);
    }

    @Test
    void directoryOutputsThatAreOrHoldInputsAreRefused(@TempDir Path dir) throws Exception {
        Path s = crystal(dir);
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("input.nn"), "not read: refused first\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path inOut = Files.copy(s, out.resolve("final.xyz"));
        refused(dir, args("md", "--potential", LJ, "--structure", inOut, "--steps", 2, "--out", out),
            "--out " + out, "--structure " + inOut);
        refused(dir, args("md", "--model", model, "--structure", s, "--steps", 2, "--out", model),
            "--out " + model, "--model " + model);
        refused(dir, args("evaluate", "--model", model, "--data", s, "--out", model), "--model " + model);
        refused(dir, args("export", "--model", model, "--out", model.resolve(".")), "--model " + model);
        refused(dir, args("compare-md", "--model", model, "--reference", LJ, "--structure", s, "--temperature", 300,
            "--out", model), "--model " + model);
        refused(dir, args("train", "--data", s, "--sf", "thesis22", "--out", s), "--out " + s, "--data " + s);
        refused(dir, args("select", "--data", s, "--out", s), "--out " + s, "--data " + s);
        refused(dir, args("correlation", "--data", s, "--out", s), "--data " + s);
        refused(dir, args("bench", "cost", "--structure", s, "--out", s), "--structure " + s);
        refused(dir, args("compare", out, "--out", out), "--out " + out, "DIR " + out);
        refused(dir, args("stability", out, model, "--out", model), "PATHDIR " + model);
        // a file of the model directory as a file output
        refused(dir, args("predict", "--model", model, "--data", s, "--out", model.resolve("input.nn")),
            "--model " + model);
        // an input in --out that the command does not write is fine
        Path other = Files.copy(s, out.resolve("start.xyz"));
        Cli.Result ok = Cli.run(args("md", "--potential", LJ, "--structure", other, "--steps", 2, "--quiet", "--out",
            out));
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    /** A tiny every-k selection over 12 Cu structures in {@code dir}: its data file ({@code train.xyz}) and path. */
    record TinyPath(Path data, Path path) {}

    static TinyPath tinyPath(Path dir) {
        Path data = dir.resolve("train.xyz");
        StructureIO.write(data, TrainCommandTest.structures(12, 1, "Cu"));
        Path path = dir.resolve("path");
        Cli.Result r = Cli.run(args("select", "--data", data, "--sf", "grid:rc=4.2,n=3,ang_n=1,zetas=1", "--method",
            "every-k", "--counts", 4, "--epochs", 3, "--fit-epochs", 2, "--no-models", "--out", path));
        assertThat(r.code()).as(r.err()).isZero();
        return new TinyPath(data, path);
    }

    @Test
    void refitOntoItsOwnPathIsRefused(@TempDir Path dir) throws Exception {
        TinyPath t = tinyPath(dir);
        Path data = t.data();
        Path path = t.path();
        refused(dir, args("refit", "--path", path, "--choose", "count:4", "--test", data, "--splits", 1, "--epochs", 2,
            "--out", path), "--out " + path, "--path " + path);
    }

    @Test
    void aLiveLockRefusesASecondRunNamingTheHolder(@TempDir Path dir) throws Exception {
        Path s = crystal(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        long pid = ProcessHandle.current().pid();
        Files.writeString(out.resolve(OutputLock.NAME), "pid=" + pid + "\nhost=" + host() + "\nsince=2026-01-02T03:04:05Z"
            + "\ncommand=sieve train\n");
        Cli.Result r = refused(dir, args("md", "--potential", LJ, "--structure", s, "--steps", 2, "--out", out),
            "--out " + out, "in use", "sieve train", "PID " + pid, "host " + host(), "since 2026-01-02T03:04:05Z");
        assertThat(r.out()).isEmpty();
        // a lock of another host cannot be checked: refused too
        Files.writeString(out.resolve(OutputLock.NAME), "pid=1\nhost=elsewhere.invalid\nsince=2026-01-02T03:04:05Z\n");
        refused(dir, args("train", "--data", s, "--out", out), "PID 1 on host elsewhere.invalid");
        // a file output is locked beside it
        Path gen = dir.resolve("gen.xyz");
        Files.writeString(dir.resolve(".gen.xyz" + OutputLock.NAME), "pid=" + pid + "\nhost=" + host() + "\n");
        refused(dir, args("generate", "--reference", LJ, "--frames", 1, "--out", gen), "--out " + gen, "PID " + pid);
    }

    @Test
    void aStaleLockIsReportedAndTakenOverAndLeftoversAreRemoved(@TempDir Path dir) throws Exception {
        Path s = crystal(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        long dead = deadPid();
        Files.writeString(out.resolve(OutputLock.NAME), "pid=" + dead + "\nhost=" + host() + "\nsince=2026-01-02T03:04:05Z"
            + "\ncommand=sieve md\n");
        Path oldTemp = Files.writeString(out.resolve(".thermo.csv.123456789.tmp"), "half");
        Path oldNested = Files.writeString(Files.createDirectories(out.resolve("sub")).resolve(".x.json.42.tmp"), "x");
        Path notOurs = Files.writeString(out.resolve(".thermo.csv.backup"), "kept");
        Instant old = Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(oldTemp, FileTime.from(old));
        Files.setLastModifiedTime(oldNested, FileTime.from(old));
        Cli.Result r = Cli.run(args("md", "--potential", LJ, "--structure", s, "--steps", 2, "--quiet", "--out", out));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("sieve: --out " + out + ": took over the stale lock")
            .contains("PID " + dead, "sieve md");
        assertThat(out.resolve(OutputLock.NAME)).doesNotExist();
        assertThat(oldTemp).doesNotExist();
        assertThat(oldNested).doesNotExist();
        assertThat(notOurs).exists();
        assertThat(out.resolve("thermo.csv")).exists();
        assertThat(out.resolve("run.json")).exists();
    }

    @Test
    void failedRunsLeaveNoOutputDirectoryAndNoLock(@TempDir Path dir) throws Exception {
        Path s = crystal(dir);
        Path missing = dir.resolve("missing.xyz");
        Map<String, String> before = snapshot(dir);
        Cli.Result r = Cli.run(args("md", "--potential", LJ, "--structure", missing, "--steps", 2, "--out",
            dir.resolve("new").resolve("md")));
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(r.errLines()).hasSize(1);
        r = Cli.run(args("train", "--data", missing, "--out", dir.resolve("t")));
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        r = Cli.run(args("select", "--data", missing, "--out", dir.resolve("p")));
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        r = Cli.run(args("compare-md", "--potential", LJ, "--reference", "nonsense", "--structure", s,
            "--temperature", 300, "--steps", 2, "--equilibrate", 0, "--out", dir.resolve("c")));
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(snapshot(dir)).isEqualTo(before);
        // an existing directory stays, without the lock
        Path existing = Files.createDirectories(dir.resolve("existing"));
        r = Cli.run(args("md", "--potential", LJ, "--structure", missing, "--steps", 2, "--out", existing));
        assertThat(r.code()).isEqualTo(Main.EXIT_USER_ERROR);
        assertThat(existing).isEmptyDirectory();
    }

    static String host() throws IOException {
        Path k = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(k)) {
            return Files.readString(k).strip();
        }
        String env = System.getenv("HOSTNAME");
        return env != null ? env.strip() : java.net.InetAddress.getLocalHost().getHostName();
    }

    /** The PID of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder(List.of("true")).start();
        long pid = p.pid();
        p.waitFor();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }
}
