package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputLock;
import dev.sieve.io.StructureIO;
import dev.sieve.md.DataGenerator;
import dev.sieve.results.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve demo}: the whole pipeline on data it makes itself (no external files). Sutton–Chen
 * aluminium (built in) stands in for DFT: it generates solid and liquid training and test sets,
 * trains a thesis22 2x10 potential, runs the adaptive-group-lasso path, refits the chosen
 * feature sets on random splits, and times MD with the full and the reduced potential.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole pipeline on generated data: Sutton-Chen Al solid/liquid frames -> thesis22 "
        + "symmetry functions -> 2x10 tanh HDNNP (Kalman filter) -> adaptive-group-lasso path -> knee choice -> "
        + "refit on random splits (Kalman filter) -> test table with MD speed -> LAMMPS export. Every step is an "
        + "ordinary sieve command; their outputs are in --out.",
        "The settings are scaled down to finish in a few minutes on two cores (fewer frames and epochs than a "
            + "real study); the commands printed at each step show how to run them at full size."})
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "2026", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--frames", paramLabel = "N", description = "Training frames (default 320, 120 with --quick; the test set has a quarter as many).")
    Integer frames;

    @Option(names = "--epochs", paramLabel = "N", description = "Kalman-filter epochs of the dense fit and the refits "
        + "(default 3000, 30 with --quick; early stopping, patience 20, ends them when the validation error stops "
        + "falling, which the full demo reaches after about 1000-2000 epochs).")
    Integer epochs;

    @Option(names = "--quick", description = "A smaller run for CI (about a minute): fewer frames, epochs and path points.")
    boolean quick;

    private final List<String[]> log = new ArrayList<>();

    /** Typical share of each stage in the demo's time (measured on two cores), for the ETA line. */
    private static final double[] STAGE_WEIGHTS = {7, 4, 0.3, 60, 11, 140, 0.1, 3, 1};

    private long demoStart;

    private void run(String title, String... args) {
        int k = log.size();
        if (k == 0) {
            demoStart = System.nanoTime();
        }
        double done = 0;
        double all = 0;
        for (int i = 0; i < STAGE_WEIGHTS.length; i++) {
            all += STAGE_WEIGHTS[i];
            done += i < k ? STAGE_WEIGHTS[i] : 0;
        }
        double elapsed = (System.nanoTime() - demoStart) * 1e-9;
        String eta = k == 0 || done == 0 ? "" : String.format(Locale.ROOT, ", about %.0f s left", elapsed * (all - done)
            / done);
        System.out.printf("%n== [%d/%d, %.0f s%s] %s%n   sieve %s%n", k + 1, STAGE_WEIGHTS.length, elapsed, eta, title,
            String.join(" ", args));
        long t0 = System.nanoTime();
        int code = Main.execute(args);
        double s = (System.nanoTime() - t0) * 1e-9;
        log.add(new String[] {title, String.format(Locale.ROOT, "%.1f s", s)});
        if (code != 0) {
            throw new InputException("demo step '" + title + "' failed with exit code " + code);
        }
    }

    @Override
    public Integer call() throws IOException {
        int frames = this.frames != null ? this.frames : quick ? 120 : 320;
        int epochs = this.epochs != null ? this.epochs : quick ? 30 : 3000;
        if (threads < 1 || frames < 20 || epochs < 10) {
            throw new InputException("--threads >= 1, --frames >= 20 and --epochs >= 10 are required");
        }
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            demo(frames, epochs);
        }
        return 0;
    }

    private void demo(int frames, int epochs) throws IOException {
        RunInfo info = Provenance.runInfo(spec);
        String t = String.valueOf(threads);
        String train = out.resolve("train.xyz").toString();
        String test = out.resolve("test.xyz").toString();
        String temps = "300,500,700,850,1000,1200,1400,1600";
        run("1. training data: Sutton-Chen Al, fcc solids and melted liquids, 108-atom cells", "generate",
            "--reference", "sutton-chen-al", "--temperatures", temps, "--melting-point", "950", "--atoms", "108",
            "--frames", String.valueOf(frames), "--equilibrate", "1000", "--interval", "100", "--melt-time", "2000",
            "--seed", String.valueOf(seed), "--threads", t, "--quiet", "--out", train);
        run("2. independent test data (other seed)", "generate", "--reference", "sutton-chen-al", "--temperatures", temps,
            "--melting-point", "950", "--atoms", "108", "--frames", String.valueOf(Math.max(8, frames / 4)),
            "--equilibrate", "1000", "--interval", "100", "--melt-time", "2000", "--seed", String.valueOf(seed + 1),
            "--threads", t, "--quiet", "--out", test);
        run("3. data summary", "info", train);
        // a larger cell for MD timing: 4000 atoms of distorted fcc
        Path cell = out.resolve("md-cell.xyz");
        StructureIO.write(cell, List.of(DataGenerator.fcc(4.05 * 1.01, 10, "Al")));
        String ep = String.valueOf(epochs);
        String sd = String.valueOf(seed);
        run("4. dense thesis22 2x10 tanh potential, energies only (n2p2's Kalman filter)", "train", "--data", train,
            "--test", test, "--sf", "thesis22", "--hidden", "10,10", "--optimizer", "kalman", "--epochs", ep,
            "--patience", "20", "--seed", sd, "--threads", t, "--out", out.resolve("dense").toString());
        run("5. cost-aware adaptive-group-lasso path from thesis22 (the angular functions sharing the triplet "
                + "loop also penalised as one block, so the path can drop the whole loop)", "select", "--data", train, "--sf", "thesis22",
            "--hidden", "10,10", "--fit-epochs", quick ? "20" : "40", "--min-features", "3", "--triplet-weight", "2",
            "--seed", sd, "--threads", t, "--out", out.resolve("path").toString());
        run("6. refit a 10- and a 6-function set and the full set with the Kalman filter on " + (quick ? 2 : 3)
                + " random splits; test table with MD speed", "refit", "--path", out.resolve("path").toString(),
            "--choose", "count:10", "--choose", "count:6", "--splits", quick ? "2" : "3", "--test", test, "--optimizer", "kalman", "--epochs",
            ep, "--patience", "20", "--md-structure", cell.toString(), "--md-steps", quick ? "5" : "20", "--md-warmup", quick ? "5" : "20", "--md-repeats", "3", "--threads",
            t, "--out", out.resolve("refit").toString());
        run("7. export the 10-function potential for LAMMPS (pair_style hdnnp)", "export", "--model",
            out.resolve("refit").resolve("count_10").resolve("split-1").toString(), "--format", "n2p2", "--out",
            out.resolve("lammps").toString());
        run("8. MD with the dense potential: NVE at 600 K, 4000 atoms", "bench", "md", "--model",
            out.resolve("dense").toString(), "--structure", cell.toString(), "--steps", quick ? "5" : "10",
            "--repeats", "3", "--temperature", "600", "--threads", t);
        run("9. one HTML report of the runs (figures embedded)", "report", out.resolve("dense").toString(),
            out.resolve("path").toString(), out.resolve("refit").toString(), "--title", "Sieve demo: which symmetry "
                + "functions does Sutton-Chen Al need?", "--out", out.resolve("report.html").toString());
        System.out.printf("%n== done: outputs in %s%n", out);
        for (String[] l : log) {
            System.out.printf("   %-90s %s%n", l[0], l[1]);
        }
        Path table = out.resolve("refit").resolve("refit.md");
        if (Files.exists(table)) {
            System.out.printf("%nTest table (%s):%n%s%n", table, Files.readString(table));
        }
        info.write(out);
    }
}
