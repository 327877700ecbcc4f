package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.md.MdRun;
import dev.sieve.md.MdRunConfig;
import dev.sieve.md.MdSettings;
import dev.sieve.core.SettingException;
import dev.sieve.md.potential.Potential;
import dev.sieve.md.ThermoLog;
import dev.sieve.results.RunInfo;
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
@Command(name = "md", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    modelTransformer = MdCommand.Settings.class,
    description = "Runs molecular dynamics (velocity Verlet; NVE, Langevin or Nosé–Hoover chain) in a fixed cell.",
    footer = {"", "Units: Å, eV, amu, fs. Writes OUT/thermo.csv (step, time, T, energies, conserved energy, pressure), "
            + "OUT/trajectory.xyz every --dump steps, OUT/final.xyz, OUT/restart.json (also every --restart-every steps; "
            + "--resume continues a killed run from it) and OUT/run.json."})
final class MdCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PotentialOptions pot;

    @Option(names = "--structure", paramLabel = "FILE", description = "Start configuration (first structure, or --index).")
    Path structure;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "Structure index in the file (default ${DEFAULT-VALUE}).")
    int index;













    @Option(names = "--restart", paramLabel = "FILE", description = "Continue from a restart.json written by an earlier run.")
    Path restart;


    @Option(names = "--resume", description = "Continue a killed run in --out from its restart.json (same options as the run; outputs end as an uninterrupted run's).")
    boolean resume;



    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--quiet", description = "No console thermo lines.")
    boolean quiet;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with options as keys (e.g. "
        + "'temperature: 600'); command-line options override it.")
    Path config;

    @Mixin
    ConfigPrinter printer;

    /** Set when this instance was parsed with the config file's options merged in. */
    private boolean merged;

    /** The --config file of the run this instance continues with the file's options merged in (for OutputGuard). */
    private Path configFile;

    /** The options of the MD settings. */
    public static final class Settings extends SettingOptions.Transformer {
        @Override
        List<dev.sieve.config.Setting<?>> catalogue() {
            return MdSettings.ALL;
        }
    }







    /** The options that set each library setting, for error messages. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("steps", "--steps"),
        Map.entry("thermoEvery", "--thermo"), Map.entry("dumpEvery", "--dump"), Map.entry("rdfMax", "--rdf"),
        Map.entry("rdfBin", "--rdf-bin"), Map.entry("adfCutoff", "--adf"), Map.entry("sampleAfter", "--sample-after"),
        Map.entry("sampleEvery", "--sample-every"), Map.entry("initTemperature", "--init-temperature"),
        Map.entry("maxExtrapolations", "--max-extrapolations"), Map.entry("restartEvery", "--restart-every"));

    @Override
    public Integer call() throws Exception {
        if (config != null && !merged) {
            MdCommand m = new MdCommand();
            m.merged = true;
            m.configFile = config;
            return OptionSources.rerun(spec, OptionSources.readConfigFile(config), "--config " + config, true, m);
        }
        if (printer.printed(spec, System.out)) {
            return 0;
        }
        SettingException.require(structure != null, "structure", "FILE is required (on the command line or in a "
            + "config file)");
        SettingException.require(out != null, "out", "DIR is required (on the command line or in a config file)");
        dev.sieve.config.SettingValues values = SettingOptions.values(spec, MdSettings.ALL);
        SettingException.require(values.get(MdSettings.STEPS) != null, "steps", "N is required (on the command line "
            + "or in a config file)");
        MdRunConfig cfg = withFlags(FLAGS, () -> MdSettings.runConfig(values, restart));

        pot.check();
        List<OutputGuard.Input> inputs = new ArrayList<>(Outputs.potential(pot));
        inputs.addAll(OutputGuard.inputs(OutputGuard.input("--structure", structure),
            OutputGuard.input("--restart", restart), OutputGuard.input("--config", configFile != null ? configFile : config)));
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
        Potential p = pot.open(SettingOptions.values(spec, MdSettings.ALL).get(MdSettings.THREADS));
        try {
            MdRun md = new MdRun(p, s, cfg, "--structure " + structure + (index != 0 ? " --index " + index : ""));
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
