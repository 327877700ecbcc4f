package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.md.MdAnalysis;
import dev.sieve.md.MdConfig;
import dev.sieve.md.MdRun;
import dev.sieve.md.MdRunConfig;
import dev.sieve.md.Potential;
import dev.sieve.md.ThermoLog;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve md}: molecular dynamics with a reference potential or an HDNNP. */
@Command(name = "md", mixinStandardHelpOptions = true,
    description = {"Runs molecular dynamics (velocity Verlet; NVE, Langevin or Nosé–Hoover chain) in a fixed cell.",
        "Units: Å, eV, amu, fs. Writes OUT/thermo.csv (step, time, T, energies, conserved energy, pressure), "
            + "OUT/trajectory.xyz every --dump steps, OUT/final.xyz, OUT/restart.json (also every --restart-every steps; "
            + "--resume continues a killed run from it) and OUT/run.json."})
public final class MdCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PotentialOptions pot;

    @Option(names = "--structure", required = true, paramLabel = "FILE", description = "Start configuration (first structure, or --index).")
    Path structure;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "Structure index in the file (default ${DEFAULT-VALUE}).")
    int index;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Number of time steps.")
    long steps;

    @Option(names = "--dt", defaultValue = "1.0", paramLabel = "FS", description = "Time step in fs (default ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--ensemble", defaultValue = "nve", paramLabel = "E", description = "nve, langevin or nhc (default ${DEFAULT-VALUE}).")
    String ensemble;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "K", description = "Thermostat temperature, and initial temperature unless --init-temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--init-temperature", paramLabel = "K", description = "Maxwell-Boltzmann initial velocities at this temperature (default: --temperature).")
    Double initTemperature;

    @Option(names = "--tdamp", defaultValue = "100", paramLabel = "FS", description = "Thermostat time constant in fs (default ${DEFAULT-VALUE}).")
    double tdamp;

    @Option(names = "--chain", defaultValue = "3", paramLabel = "M", description = "Nosé–Hoover chain length (default ${DEFAULT-VALUE}).")
    int chain;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skin", defaultValue = "1.0", paramLabel = "Å", description = "Verlet-list skin (default ${DEFAULT-VALUE}).")
    double skin;

    @Option(names = "--min-distance", defaultValue = "0.5", paramLabel = "Å", description = "Stop when atoms come closer (default ${DEFAULT-VALUE}).")
    double minDistance;

    @Option(names = "--thermo", defaultValue = "100", paramLabel = "K", description = "Thermo output every K steps (default ${DEFAULT-VALUE}).")
    int thermo;

    @Option(names = "--dump", defaultValue = "0", paramLabel = "K", description = "Trajectory frame every K steps, 0 = none (default ${DEFAULT-VALUE}).")
    int dump;

    @Option(names = "--restart", paramLabel = "FILE", description = "Continue from a restart.json written by an earlier run.")
    Path restart;

    @Option(names = "--restart-every", defaultValue = "1000", paramLabel = "K", description = "Write OUT/restart.json every K steps, 0 = only at the end (default ${DEFAULT-VALUE}).")
    long restartEvery;

    @Option(names = "--resume", description = "Continue a killed run in --out from its restart.json (same options as the run; outputs end as an uninterrupted run's).")
    boolean resume;

    @Option(names = "--max-extrapolations", paramLabel = "N", description = "HDNNP: stop after N symmetry-function values outside the training range.")
    Long maxExtrapolations;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads for force evaluation (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--quiet", description = "No console thermo lines.")
    boolean quiet;

    @Option(names = "--sample-after", defaultValue = "0", paramLabel = "N", description = "Structure analysis starts after N steps (equilibration; default ${DEFAULT-VALUE}).")
    long sampleAfter;

    @Option(names = "--sample-every", defaultValue = "10", paramLabel = "K", description = "Analysis sample every K steps (default ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--rdf", paramLabel = "RMAX", description = "Radial distribution function up to RMAX Å -> OUT/rdf.csv.")
    Double rdfMax;

    @Option(names = "--rdf-bin", defaultValue = "0.05", paramLabel = "Å", description = "RDF bin width (default ${DEFAULT-VALUE}).")
    double rdfBin;

    @Option(names = "--adf", paramLabel = "RCUT", description = "Bond-angle distribution of neighbours within RCUT Å -> OUT/adf.csv (1° bins).")
    Double adfCut;

    @Option(names = "--msd", description = "Mean squared displacement from the first sample -> OUT/msd.csv with the diffusion coefficient.")
    boolean msd;

    /** The options that set each library setting, for error messages. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("steps", "--steps"),
        Map.entry("thermoEvery", "--thermo"), Map.entry("dumpEvery", "--dump"), Map.entry("rdfMax", "--rdf"),
        Map.entry("rdfBin", "--rdf-bin"), Map.entry("adfCutoff", "--adf"), Map.entry("sampleAfter", "--sample-after"),
        Map.entry("sampleEvery", "--sample-every"), Map.entry("initTemperature", "--init-temperature"),
        Map.entry("maxExtrapolations", "--max-extrapolations"), Map.entry("restartEvery", "--restart-every"));

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new InputException("--threads must be >= 1, got " + threads);
        }
        MdRunConfig cfg = withFlags(FLAGS, this::config);
        List<OutputGuard.Input> inputs = new ArrayList<>(Outputs.potential(pot));
        inputs.addAll(OutputGuard.inputs(OutputGuard.input("--structure", structure),
            OutputGuard.input("--restart", restart)));
        OutputGuard.requireDirectory("--out", out, WRITES, inputs);
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            run(cfg);
        }
        return 0;
    }

    /** The names md writes into --out. */
    static final List<String> WRITES = List.of("thermo.csv", "trajectory.xyz", "final.xyz", "restart.json",
        "rdf.csv", "adf.csv", "msd.csv", "run.json", OutputLock.NAME);

    private void run(MdRunConfig cfg) throws IOException {
        RunInfo run = Provenance.runInfo(spec);
        Structure s = readStructure(structure, index);
        Potential p = pot.open(threads);
        try {
            MdRun md = new MdRun(p, s, cfg);
            if (resume) {
                if (md.resumeFrom(out)) {
                    System.out.printf("resuming at step %d%n", md.engine().stepCount());
                } else {
                    System.out.printf("no restart in %s yet: starting from the beginning%n", out);
                }
            }
            if (!quiet) {
                System.out.printf("%10s %10s %10s %16s %16s %16s %12s%n", "step", "time/ps", "T/K", "Epot/eV",
                    "Etot/eV", "Econs/eV", "P/bar");
            }
            MdRun.Result r = md.run(out, quiet ? null : MdCommand::printThermo);
            report(r, cfg, run);
        } finally {
            close(p);
        }
    }

    private MdRunConfig config() {
        MdConfig engine = MdConfig.builder().dt(dt).ensemble(MdConfig.parseEnsemble(ensemble)).temperature(temperature)
            .damping(tdamp).chain(chain).seed(seed).skin(skin).minDistance(minDistance).build();
        MdAnalysis.Settings.Builder analysis = MdAnalysis.Settings.builder().rdfBin(rdfBin).msd(msd)
            .sampleAfter(sampleAfter).sampleEvery(sampleEvery);
        if (rdfMax != null) {
            analysis.rdfMax(rdfMax);
        }
        if (adfCut != null) {
            analysis.adfCutoff(adfCut);
        }
        MdRunConfig.Builder b = MdRunConfig.builder().engine(engine).steps(steps).thermoEvery(thermo).dumpEvery(dump)
            .analysis(analysis.build()).restartEvery(restartEvery);
        if (initTemperature != null) {
            b.initTemperature(initTemperature);
        }
        if (maxExtrapolations != null) {
            b.maxExtrapolations(maxExtrapolations);
        }
        if (restart != null) {
            b.restart(restart);
        }
        return b.build();
    }

    private static void printThermo(ThermoLog.Row r) {
        System.out.printf(Locale.ROOT, "%10d %10.4f %10.2f %16.6f %16.6f %16.6f %12.1f%n", r.step(), r.timePs(),
            r.temperature(), r.potential(), r.total(), r.conserved(), r.pressure());
    }

    /** Prints the summary and writes run.json. */
    private void report(MdRun.Result r, MdRunConfig cfg, RunInfo run) {
        r.analysis().rdfFrames().ifPresent(f -> run.result("rdf_frames", f));
        r.analysis().diffusionCm2PerS().ifPresent(d -> {
            run.result("diffusion_cm2_per_s", d);
            System.out.printf(Locale.ROOT, "diffusion coefficient %.4e cm²/s%n", d);
        });
        run.result("potential", pot.label()).result("ensemble", cfg.engine().ensemble().toString())
            .timing("total", r.seconds()).timing("neighbours", r.neighbourSeconds()).timing("forces", r.forceSeconds())
            .timing("integration", r.integrationSeconds())
            .result("steps_per_second", r.stepsPerSecond())
            .result("microseconds_per_atom_step", r.microsecondsPerAtomStep());
        if (r.extrapolations().isPresent()) {
            long ex = r.extrapolations().getAsLong();
            run.result("extrapolations", ex);
            if (ex > 0) {
                System.out.printf("warning: %d symmetry-function values were outside the training range; most "
                    + "often:%n%s", ex, r.extrapolationReport());
            }
        }
        run.write(out);
        System.out.printf(Locale.ROOT, "%d steps of %d atoms in %.2f s: %.3f steps/s, %.2f µs/atom-step%n", r.steps(),
            r.atoms(), r.seconds(), r.stepsPerSecond(), r.microsecondsPerAtomStep());
    }

    /**
     * Runs a library call; an {@link InputException} whose message starts with the name of a setting gets the option
     * that sets it in front.
     */
    static <T> T withFlags(Map<String, String> flags, Supplier<T> body) {
        try {
            return body.get();
        } catch (InputException e) {
            String m = e.getMessage();
            int space = m.indexOf(' ');
            String flag = space < 0 ? null : flags.get(m.substring(0, space));
            if (flag == null) {
                throw e;
            }
            throw new InputException(null, -1, flag + ": " + m, e);
        }
    }

    /** Closes a potential that holds threads. */
    static void close(Potential p) {
        if (p instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
    }

    static Structure readStructure(Path file, int index) {
        try (StructureReader r = StructureIO.open(file)) {
            for (int i = 0; r.hasNext(); i++) {
                Structure s = r.next();
                if (i == index) {
                    return s;
                }
            }
        }
        throw new InputException(file.toString(), -1, "has no structure with index " + index);
    }
}
