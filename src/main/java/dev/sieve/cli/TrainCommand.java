package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve train}: trains an HDNNP on energies (and optionally forces). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    modelTransformer = TrainingOptions.Transformer.class,
    description = "Trains a Behler-Parrinello neural network potential (one network per element) on total energies "
        + "and optionally forces, and writes it to --out as an n2p2 potential directory (input.nn, scaling.data, "
        + "weights.ZZZ.data, lammps.in) plus learning_curve.csv/.png/.svg, metrics.json and run.json.",
    footer = {"", "--sf SPEC: " + SfSpec.FORMS + ".",
        "Loss: mean over structures of the squared per-atom energy error + beta * mean squared force-component error "
            + "+ l2 * sum of squared weights (not first-layer weights and biases unless --l2-all).",
        "Symmetry functions are computed once; features are scaled with statistics of the training split only. "
            + "Per-element reference energies are fitted by least squares on the training split (E ~ sum_e n_e mu_e, "
            + "weighted per atom like the loss), subtracted before training and stored as atom_energy in the model, "
            + "so the model predicts raw total energies (--no-energy-offset to train on raw energies).",
        "The best weights by validation loss are kept. With the same seed and --threads the weights are "
            + "bit-identical; --resume continues from OUT/checkpoint exactly as an uninterrupted run.",
        "Every option can also be given as a key (without --) in a --config YAML/JSON file; the command line wins."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with options as keys, e.g. "
        + "'hidden: 10,10' or 'forces: 0.1' (list values may be YAML lists); command-line options override it.")
    Path config;

    @Option(names = "--data", paramLabel = "FILE", description = "Training structures with energies (and forces), "
        + "any supported format. Required.")
    Path data;

    @Option(names = "--validation", paramLabel = "FILE", description = "Validation structures (instead of a random "
        + "split of --data).")
    Path validation;

    @Option(names = "--test", paramLabel = "FILE", description = "Test structures, evaluated once at the end.")
    Path test;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Required.")
    Path out;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC",
        description = "Symmetry-function set: thesis22, thesis329, grid:..., an n2p2 input.nn or a set file (every form "
            + "below). Default: ${DEFAULT-VALUE}.")
    String sf;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint (same data and options; --epochs may grow).")
    boolean resume;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Mixin
    ReadOptionsMixin readOptions;

    @Mixin
    ConfigPrinter printer;

    /** Set when this instance was parsed with the config file's options merged in. */
    private boolean merged;

    /** The --config file of the run this instance continues with the file's options merged in (for OutputGuard). */
    private Path configFile;

    @Override
    public Integer call() throws Exception {
        if (config != null && !merged) {
            TrainCommand m = new TrainCommand();
            m.merged = true;
            m.configFile = config;
            return OptionSources.rerun(spec, OptionSources.readConfigFile(config), "--config " + config, true, m);
        }
        if (printer.printed(spec, System.out)) {
            return 0;
        }
        SettingException.require(data != null, "data", "FILE is required (on the command line or in a config file)");
        SettingException.require(out != null, "out", "DIR is required (on the command line or in a config file)");
        TrainConfig cfg = TrainingOptions.toConfig(spec);
        ReadOptions ro = readOptions.toReadOptions();
        OutputGuard.requireDirectory("--out", out, WRITES, OutputGuard.input("--data", data),
            OutputGuard.input("--validation", validation), OutputGuard.input("--test", test),
            OutputGuard.input("--config", configFile != null ? configFile : config), Outputs.sfSpec("--sf", sf));
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            List<Structure> d = read(data, ro);
            List<Structure> v = validation == null ? null : read(validation, ro);
            List<Structure> t = test == null ? null : read(test, ro);
            LinkedHashSet<String> els = new LinkedHashSet<>();
            for (Structure s : d) {
                els.addAll(s.distinctElements());
            }
            SymmetryFunctionSet set = SfSpec.resolve(sf, new ArrayList<>(els));
            RunInfo run = Provenance.runInfo(spec);
            TrainJob.run(new TrainJob.Inputs(d, v, t, set), cfg, out, resume, quiet, run, System.out);
        }
        return 0;
    }

    /** The names train writes into --out. */
    static final List<String> WRITES = List.of("input.nn", "scaling.data", "weights.*.data", "lammps.in",
        "learning_curve.*", "metrics.json", "run.json", "checkpoint", OutputLock.NAME);

    private static List<Structure> read(Path p, ReadOptions ro) {
        List<Structure> l = StructureIO.readAll(p, ro);
        if (l.isEmpty()) {
            throw new InputException(p + ": no structures");
        }
        return l;
    }
}
