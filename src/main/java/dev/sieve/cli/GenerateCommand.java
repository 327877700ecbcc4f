package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.io.StructureIO;
import dev.sieve.md.DataGenerator;
import dev.sieve.md.potential.Potential;
import dev.sieve.md.potential.Potentials;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve generate}: training data from a reference potential, like the seeds' aluminium set. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Makes a training set with a reference potential: fcc solids below the melting point, liquids "
        + "(melted first) above it, optionally compressed (cell x0.96) and undercooled (cell x1.02) liquids.",
        "Each set is a Langevin NVT run: equilibration, then frames every --interval fs, with energies, forces, "
            + "config_type and temperature. The lattice constant is a0 (1 + expansion T); a0 defaults to the "
            + "potential's 0 K fcc minimum."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "SPEC", description = "Reference potential: " + Potentials.HELP + ".")
    String reference;

    @Option(names = "--temperatures", split = ",", paramLabel = "T[,T...]",
        defaultValue = "10,300,500,700,800,950,1100,1250,1500,1700", description = "Set temperatures in K (default ${DEFAULT-VALUE}).")
    List<Double> temperatures;

    @Option(names = "--melting-point", defaultValue = "926", paramLabel = "K", description = "Sets at or above are liquid (default ${DEFAULT-VALUE}, Mendelev Al).")
    double meltingPoint;

    @Option(names = "--compressed", split = ",", paramLabel = "T[,T...]", description = "Compressed-liquid temperatures (cell x0.96).")
    List<Double> compressed = new ArrayList<>();

    @Option(names = "--undercooled", split = ",", paramLabel = "T[,T...]", description = "Undercooled-liquid temperatures (cell x1.02).")
    List<Double> undercooled = new ArrayList<>();

    @Option(names = "--frames", defaultValue = "400", paramLabel = "N", description = "Total frames, spread evenly over the sets (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--atoms", defaultValue = "256", paramLabel = "N", description = "Atoms per frame: 4 k^3 (32, 108, 256, 500, ...; default ${DEFAULT-VALUE}).")
    int atoms;

    @Option(names = "--lattice", paramLabel = "Å", description = "fcc lattice constant at 0 K (default: the potential's minimum).")
    Double lattice;

    @Option(names = "--expansion", defaultValue = "2.3e-5", paramLabel = "1/K", description = "Linear thermal expansion (default ${DEFAULT-VALUE}).")
    double expansion;

    @Option(names = "--dt", defaultValue = "2", paramLabel = "FS", description = "Time step (default ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--equilibrate", defaultValue = "2000", paramLabel = "FS", description = "Equilibration per set (default ${DEFAULT-VALUE} fs).")
    double equilibrate;

    @Option(names = "--interval", defaultValue = "200", paramLabel = "FS", description = "Time between frames (default ${DEFAULT-VALUE} fs).")
    double interval;

    @Option(names = "--melt-temperature", defaultValue = "2500", paramLabel = "K", description = "Melting run temperature (default ${DEFAULT-VALUE}).")
    double meltTemperature;

    @Option(names = "--melt-time", defaultValue = "4000", paramLabel = "FS", description = "Melting run length (default ${DEFAULT-VALUE} fs).")
    double meltTime;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Sets run in parallel (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output structures (extxyz, n2p2 input.data, ...).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int k = (int) Math.round(Math.cbrt(atoms / 4.0));
        if (4 * k * k * k != atoms) {
            throw new InputException("--atoms must be 4 k^3 (32, 108, 256, 500, 864, ...), got " + atoms);
        }
        if (threads < 1 || frames < 1) {
            throw new InputException("--threads and --frames must be >= 1");
        }
        OutputGuard.Input ref = Outputs.potentialSpec("--reference", reference);
        OutputGuard.requireFile("--out", out, ref);
        OutputGuard.requireFile("--out", Path.of(out + ".run.json"), ref);
        try (OutputLock lock = Outputs.lockFile("--out", out, spec)) {
            generate();
        }
        return 0;
    }

    private void generate() {
        RunInfo run = Provenance.runInfo(spec);
        Potential p = Potentials.parse(reference, 1);
        double a0 = lattice != null ? lattice : DataGenerator.equilibriumLatticeConstant(p, 2.0, 7.0);
        DataGenerator.Config probe = config(a0, 1);
        int sets = DataGenerator.setCount(probe);
        int perSet = Math.max(1, (int) Math.round(frames / (double) sets));
        DataGenerator.Config cfg = config(a0, perSet);
        AtomicInteger done = new AtomicInteger();
        List<Structure> data;
        try (ProgressBar pb = quiet ? null : new ProgressBarBuilder().setTaskName("generate").setInitialMax(
            (long) perSet * sets).setStyle(ProgressBarStyle.ASCII).setConsumer(
                new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
            data = DataGenerator.generate(p, cfg, threads, set -> {
                done.incrementAndGet();
                if (pb != null) {
                    pb.stepTo(done.get());
                }
            });
        }
        StructureIO.write(out, data);
        run.result("reference_potential", p.describe()).result("lattice_constant", a0).result("sets", sets)
            .result("frames_per_set", perSet).result("frames", data.size());
        run.writeTo(Path.of(out + ".run.json"));
        System.out.printf(Locale.ROOT, "wrote %d frames (%d sets x %d, %d atoms, a0 = %.4f Å) to %s in %.1f s%n",
            data.size(), sets, perSet, atoms, a0, out, run.elapsedSeconds());
    }

    private DataGenerator.Config config(double a0, int perSet) {
        return new DataGenerator.Config(temperatures, meltingPoint, perSet, (int) Math.round(Math.cbrt(atoms / 4.0)), a0,
            expansion, compressed, undercooled, dt, equilibrate, interval, meltTemperature, meltTime, seed);
    }
}
