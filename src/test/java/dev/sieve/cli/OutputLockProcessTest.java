package dev.sieve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.core.OutputLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, item 2 with real processes: two runs on one --out, and Ctrl-C (SIGTERM) releasing the lock. */
class OutputLockProcessTest {
    private static final String LJ = "lj:0.1,2.55,3.5,Al";

    /** A {@code sieve} command in a JVM of its own; stdout and stderr go to files in {@code dir}. */
    private static Process start(Path dir, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return pb.start();
    }

    /** Waits until {@code file} exists while {@code p} runs. */
    private static void awaitFile(Process p, Path file) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(p.isAlive()).as("process ended before creating " + file).isTrue();
            assertThat(System.nanoTime()).as("timeout waiting for " + file).isLessThan(end);
            Thread.sleep(10);
        }
    }

    private static String[] md(Path structure, Path out, int steps) {
        return new String[] {"md", "--potential", LJ, "--structure", structure.toString(), "--steps",
            String.valueOf(steps), "--thermo", "1000", "--temperature", "300", "--quiet", "--out", out.toString()};
    }

    @Test
    void aSecondRunOnOneOutExits2NamingTheFirstWhichCompletesIntact(@TempDir Path dir) throws Exception {
        Path s = OutputSafetyTest.crystal(dir);
        Path out = dir.resolve("out");
        int steps = 20000;
        Process first = start(dir, "first", md(s, out, steps));
        try {
            awaitFile(first, out.resolve(OutputLock.NAME));
            // the second run: this JVM, another process than the first
            Cli.Result second = Cli.run(md(s, out, steps));
            String err = second.err();
            assertThat(second.code()).as(err).isEqualTo(Main.EXIT_USER_ERROR);
            assertThat(second.errLines()).hasSize(1);
            assertThat(second.out()).isEmpty();
            assertThat(err).startsWith("sieve: --out " + out + " is in use by another run (sieve md, PID "
                + first.pid() + " on host ").doesNotContain("Exception");
            assertThat(first.isAlive()).as("the first run must still hold the lock when the second is refused")
                .isTrue();
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.err"))).isZero();
        } finally {
            first.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("thermo.csv",
                "final.xyz", "restart.json", "run.json");
        }
        List<String> thermo = Files.readAllLines(out.resolve("thermo.csv"));
        assertThat(thermo).hasSize(1 + steps / 1000 + 1);
        assertThat(thermo.get(thermo.size() - 1)).startsWith(steps + ",");
    }

    @Test
    void sigtermReleasesTheLockAndTheNextRunRemovesTheLeftovers(@TempDir Path dir) throws Exception {
        Path s = OutputSafetyTest.crystal(dir);
        Path out = dir.resolve("out");
        Process p = start(dir, "killed", md(s, out, 10_000_000));
        try {
            awaitFile(p, out.resolve(OutputLock.NAME));
            Thread.sleep(300);
            p.destroy(); // SIGTERM, as Ctrl-C: shutdown hooks run
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(out.resolve(OutputLock.NAME)).doesNotExist();
        Thread.sleep(20); // leftovers are older than the next run
        Cli.Result r = Cli.run(md(s, out, 10));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("thermo.csv",
                "final.xyz", "restart.json", "run.json");
        }
    }
}
