package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.SharedData;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} (SIGKILL of a child JVM) at a random moment of train, select (its dense fit and onset search
 * included), refit and md, then {@code --resume}: the outputs equal an uninterrupted run's byte for byte (timing
 * columns and fields excepted). The moment is drawn after the run has reached the phase of interest (a file appears)
 * within a window that also covers the end of the run; the seed of the draw is in the failure message.
 */
class KillResumeTest {
    private static final long SEED = System.nanoTime();
    private static final SplittableRandom RANDOM = new SplittableRandom(SEED);
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void data() {
        data = SharedData.alFrames(shared, 25);
    }

    /** Starts the CLI in a child JVM, kills it (SIGKILL) once {@code ready} holds plus a random delay. */
    private static String killed(Path dir, Predicate<Path> ready, long maxDelayMs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (VECTOR) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(shared.resolve("child-" + System.nanoTime() + ".log").toFile());
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && !ready.test(dir) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long delay = RANDOM.nextLong(maxDelayMs + 1);
        String what = "seed " + SEED + ", killed " + delay + " ms after the phase began";
        if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
            what += " (the run had ended, exit " + p.exitValue() + ")";
        } else {
            p.destroyForcibly();
            p.waitFor(1, TimeUnit.MINUTES);
        }
        return what;
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    private static void sameBytes(Path a, Path b, String what, String... files) throws IOException {
        for (String f : files) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(what + ": " + f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    /** The file's lines with the last comma-separated column (seconds) removed. */
    private static List<String> withoutLastColumn(Path f) throws IOException {
        return Files.readAllLines(f).stream().map(s -> s.substring(0, s.lastIndexOf(','))).toList();
    }

    private static List<String> withoutSeconds(Path json) throws IOException {
        return Files.readAllLines(json).stream().filter(l -> !l.contains("\"seconds\"")).toList();
    }

    private static Predicate<Path> exists(String rel) {
        return d -> Files.exists(d.resolve(rel));
    }

    @Test
    void trainKilledAndResumedEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        String[] args = {"train", "--data", data.toString(), "--sf", "thesis22", "--hidden", "6,6", "--epochs", "40",
            "--patience", "0", "--batch", "4", "--checkpoint-every", "3", "--threads", "2", "--quiet"};
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ok(with(args, "--out", a.toString()));
        String what = killed(b, exists("checkpoint/state.json"), 1500, with(args, "--out", b.toString()));
        ok(with(args, "--out", b.toString(), "--resume"));
        sameBytes(a, b, what, "weights.013.data", "scaling.data", "input.nn", "metrics.json");
        assertThat(withoutLastColumn(b.resolve("learning_curve.csv"))).as(what)
            .isEqualTo(withoutLastColumn(a.resolve("learning_curve.csv")));
    }

    private static final String[] SELECT = {"select", "--data", data == null ? "" : "", "--hidden", "6,6",
        "--epochs", "14", "--patience", "0", "--checkpoint-every", "2", "--fit-epochs", "4", "--fit-patience", "0",
        "--batch", "4", "--fit-lr", "0.01", "--max-points", "3", "--lambda-start", "onset", "--lambda-factor", "4", "--every", "2",
        "--threads", "2"};

    private static String[] select(Path out, String... more) {
        String[] a = SELECT.clone();
        a[2] = data.toString();
        return with(with(a, "--out", out.toString()), more);
    }

    @Test
    void selectKilledInItsDenseFitOrOnsetAndRefitKilledAreResumedExactly(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ok(select(a));
        // the dense fit's first checkpoint; the kill falls in the dense fit, the onset search or the points
        String what = killed(b, exists("checkpoint/dense/checkpoint/state.json"), 2500, select(b));
        ok(select(b, "--resume"));
        assertThat(withoutLastColumn(b.resolve("path.csv"))).as(what).isEqualTo(withoutLastColumn(a.resolve("path.csv")));
        try (Stream<Path> files = Files.walk(a.resolve("points"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("weights.")).toList()) {
                assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).as(what + ": " + f)
                    .isEqualTo(Files.readAllBytes(f));
            }
        }
        assertThat(b.resolve("checkpoint/dense")).doesNotExist();

        String[] refit = {"refit", "--path", a.toString(), "--choose", "count:100", "--no-full", "--splits", "2", "--epochs", "12",
            "--patience", "0", "--checkpoint-every", "2", "--test", data.toString(), "--threads", "2"};
        Path ra = tmp.resolve("ra");
        Path rb = tmp.resolve("rb");
        ok(with(refit, "--out", ra.toString()));
        String rwhat = killed(rb, d -> Files.isDirectory(d) && hasCheckpoint(d), 3000, with(refit, "--out",
            rb.toString()));
        ok(with(refit, "--out", rb.toString(), "--resume"));
        sameBytes(ra, rb, rwhat, "refit.md", "refit.csv");
        assertThat(withoutSeconds(rb.resolve("refit.json"))).as(rwhat).isEqualTo(withoutSeconds(ra.resolve("refit.json")));
    }

    private static boolean hasCheckpoint(Path d) {
        try (Stream<Path> f = Files.walk(d)) {
            return f.anyMatch(p -> p.endsWith("checkpoint/state.json"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    @Test
    void mdKilledAndResumedEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path cell = tmp.resolve("cell.xyz");
        StructureIO.write(cell, List.of(dev.sieve.md.MdRunTest.crystal()));
        for (String ens : List.of("langevin", "nhc")) {
            String[] args = {"md", "--potential", "sutton-chen-al", "--structure", cell.toString(), "--steps", "300",
                "--dt", "2", "--ensemble", ens, "--temperature", "900", "--tdamp", "40", "--skin", "0.3",
                "--thermo", "5", "--dump", "20", "--restart-every", "25", "--quiet"};
            Path a = tmp.resolve(ens + "-a");
            Path b = tmp.resolve(ens + "-b");
            ok(with(args, "--out", a.toString()));
            String what = killed(b, exists("thermo.csv.part"), 1500, with(args, "--out", b.toString()));
            ok(with(args, "--out", b.toString(), "--resume"));
            sameBytes(a, b, ens + ", " + what, "thermo.csv", "trajectory.xyz", "final.xyz", "restart.json");
            try (Stream<Path> files = Files.list(b)) {
                assertThat(files.map(p -> p.getFileName().toString())).as(what)
                    .noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp"));
            }
        }
    }
}
