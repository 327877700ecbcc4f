package dev.sieve.cli;

import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.select.BaselinePath;
import dev.sieve.select.FeatureCounts;
import dev.sieve.select.PathConfig;
import dev.sieve.select.PathFile;
import dev.sieve.select.PathSettings;
import dev.sieve.select.baseline.SelectionMethods;
import dev.sieve.select.SelectionPath;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
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

/** {@code sieve select}: the adaptive-group-lasso regularization path, or a baseline selection ({@code --method}). */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    modelTransformer = SelectCommand.Settings.class,
    description = "Selects symmetry functions by the adaptive group lasso (AGL) on the first-layer weight columns of "
        + "each element's network and writes the regularization path to --out.",
    footer = {"", "--sf SPEC: " + SfSpec.FORMS + ".",
        "Penalty (lambda/D) sum_g a_g ||W0[:,g]||, applied by the group soft-threshold after every optimiser step: "
            + "W0[:,g] <- W0[:,g] max(0, 1 - lr lambda a_g / (D ||W0[:,g]||)); a_g = 1 (group lasso) or "
            + "1/||w_hat_g||^gamma (adaptive).",
        "Path: a dense fit (point 0), then for lambda_1 < lambda_2 < ... (automatic: from --lambda-start, "
            + "growing by --lambda-factor, faster while points remove nothing, and remade at smaller lambdas when a "
            + "point would remove more than --max-drop features; or --lambdas), warm-started: a group-lasso fit, removal of its zero "
            + "groups, adaptive weights from it (or from the dense fit), an adaptive fit, removal of its zero groups. "
            + "Fits stop early on the validation objective (validation loss + penalty) and keep their best state. "
            + "Removed features are dropped from the training data and the networks, so later points get faster. "
            + "The path stops once it has reached --min-features or the smallest --counts value.",
        "Set search (with --counts, unless --search-refits 0): at every requested count, from the path's set there, "
            + "members are swapped for correlated or longer-surviving non-members while short refits (Kalman filter, "
            + "--search-epochs, on --search-splits splits of their own) lower the mean validation loss; the chosen "
            + "set is added as a point of kind search (path.csv, points/pNNN/), which refit --choose count:N takes, "
            + "and search/count-N.csv lists every set tried. The test set is never seen.",
        "Outputs: path.csv, path.json, path.png/.svg (validation objective vs feature count), candidates.yaml, "
            + "points/pNNN/sf.yaml and points/pNNN/model/ (n2p2 potential) per point, search/count-N.csv, "
            + "checkpoint/, run.json (seconds of the descriptors, the path and the search). "
            + "A killed run continues with --resume to the same result (same seed and --threads).",
        "Baselines (--method, default agl): gl is the same path with all adaptive weights 1 (plain group lasso); "
            + "every-k, random, cur, fps, range, sensitivity and weights keep --counts features (total; split over "
            + "the elements in proportion to their candidates) by their own rule, after the same dense fit, and "
            + "refit each set without penalty for one --fit-epochs budget; their OUT has the same layout (no "
            + "checkpoint), so sieve refit reads it alike.",
        "Then: sieve refit --path OUT --choose knee ... (see sieve refit --help for the knee rule)."})
final class SelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "Training structures with energies "
        + "(and forces); split into training and validation by --split.")
    Path data;

    @Option(names = "--sf", defaultValue = "thesis22", paramLabel = "SPEC",
        description = "Candidate symmetry functions: thesis22, thesis329, grid:..., an n2p2 input.nn or a set file "
            + "(every form below). Default: ${DEFAULT-VALUE}.")
    String sf;

    @Option(names = "--out", paramLabel = "DIR", description = "Path directory.")
    Path out;

    @Option(names = "--every", defaultValue = "1", paramLabel = "K", description = "Use every K-th structure of --data "
        + "(subsampling; default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Use at most N structures (after "
        + "--every); 0 = all (default).")
    int limit;















    @Option(names = "--cost-structure", paramLabel = "FILE",
        description = "Cell on which --cost-weight measures the kernel (e.g. a training structure of typical size).")
    Path costStructure;










    @Option(names = "--resume", description = "Continue the path in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--stop-after", hidden = true, defaultValue = "-1", paramLabel = "N",
        description = "Testing: stop as if killed after N checkpointed points.")
    int stopAfter;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with options as keys (as in "
        + "sieve train); command-line options override it.")
    Path config;

    @Mixin
    ReadOptionsMixin readOptions;

    @Mixin
    ConfigPrinter printer;

    /** Set when this instance was parsed with the config file's options merged in. */
    private boolean merged;

    /** The --config file of the run this instance continues with the file's options merged in (for OutputGuard). */
    private Path configFile;

    /** The selection settings, then the training settings. */
    static final List<dev.sieve.config.Setting<?>> CATALOGUE = java.util.stream.Stream.concat(
        PathSettings.ALL.stream(), TrainSettings.ALL.stream()).toList();

    /** The options of the selection and training settings. */
    public static final class Settings extends SettingOptions.Transformer {
        @Override
        List<dev.sieve.config.Setting<?>> catalogue() {
            return CATALOGUE;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (config != null && !merged) {
            SelectCommand m = new SelectCommand();
            m.merged = true;
            m.configFile = config;
            return OptionSources.rerun(spec, OptionSources.readConfigFile(config), "--config " + config, true, m);
        }
        if (printer.printed(spec, System.out)) {
            return 0;
        }
        SettingException.require(data != null, "data", "FILE is required (on the command line or in a config file)");
        SettingException.require(out != null, "out", "DIR is required (on the command line or in a config file)");
        PathConfig pc = toConfig(); // settings first: a bad value is reported before any data is read
        String m = checkMethod(pc);
        OutputGuard.requireDirectory("--out", out, WRITES, OutputGuard.input("--data", data),
            OutputGuard.input("--config", configFile != null ? configFile : config), OutputGuard.input("--cost-structure", costStructure),
            Outputs.sfSpec("--sf", sf));
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            run(m, pc);
        }
        return 0;
    }

    /** The names select writes into --out. */
    static final List<String> WRITES = List.of("path.*", "candidates.yaml", "points", "search", "checkpoint", "run.json",
        "cost-model.json", OutputLock.NAME);

    private void run(String m, PathConfig pc) {
        List<Structure> d = readSubset(data, readOptions.toReadOptions(), every, limit);
        LinkedHashSet<String> els = new LinkedHashSet<>();
        for (Structure s : d) {
            els.addAll(s.distinctElements());
        }
        SymmetryFunctionSet set = SfSpec.resolve(sf, new ArrayList<>(els));
        PathFile.Source source = new PathFile.Source(data.toAbsolutePath().normalize().toString(), every, limit,
            d.size(), sf);
        if (SelectionMethods.isPath(m)) {
            SelectionPath sp = new SelectionPath(d, set, pc, out, source, System.out);
            if (pc.costWeight() > 0 || pc.tripletWeight() > 0 && costStructure != null) {
                CostModels.Measured cm = CostModels.measuredOrSaved(costStructure, set, out, resume);
                sp.withCosts(cm.params(), cm.geometry());
            }
            sp.run(resume, stopAfter, Provenance.runInfo(spec));
        } else {
            new BaselinePath(d, set, pc, m, pc.values().get(PathSettings.COUNTS), out, source, System.out).run(Provenance.runInfo(spec));
        }
    }

    /** The canonical --method, checked against the options that only some methods take. */
    private String checkMethod(PathConfig pc) {
        String m = SelectionMethods.require(pc.values().get(PathSettings.METHOD));
        List<Integer> counts = pc.values().get(PathSettings.COUNTS);
        boolean path = SelectionMethods.isPath(m);
        SettingException.require(path || counts == null || !counts.isEmpty(), "counts", "needs at least one value");
        SettingException.require(!path || counts == null || pc.values().get(PathSettings.LAMBDAS) == null, "counts",
            "needs the automatic lambda "
            + "sequence, not --lambdas");
        SettingException.require(path || !resume, "resume", "is only for --method agl and gl (a baseline has no "
            + "checkpoint; rerun it)");
        SettingException.require(!SelectionMethods.GL.equals(m) || pc.values().get(PathSettings.GAMMA) == 0.0
            || !spec.commandLine().getParseResult().hasMatchedOption("--gamma"), "gamma",
            "cannot be combined with --method gl (which sets it to 0)");
        FeatureCounts.check(counts);
        return m;
    }

    PathConfig toConfig() {
        TrainConfig tc = TrainingOptions.toConfig(spec, true);
        SettingException.require(tc.data().split() < 1, "split", "1 (no validation) is for train only: select stops "
            + "and chooses by the validation loss; got " + tc.data().split());
        return PathConfig.of(tc, SettingOptions.values(spec, PathSettings.ALL));
    }

    /** Reads a structure file and keeps every k-th structure, at most {@code limit} (0: all). */
    static List<Structure> readSubset(Path p, ReadOptions ro, int every, int limit) {
        if (every < 1) {
            throw new SettingException("every", "must be >= 1, got " + every);
        }
        if (limit < 0) {
            throw new SettingException("limit", "must be >= 0, got " + limit);
        }
        List<Structure> l = StructureIO.readAll(p, ro);
        List<Structure> r = new ArrayList<>();
        for (int i = 0; i < l.size() && (limit == 0 || r.size() < limit); i += every) {
            r.add(l.get(i));
        }
        if (r.isEmpty()) {
            throw new InputException(p + ": no structures");
        }
        return r;
    }
}
