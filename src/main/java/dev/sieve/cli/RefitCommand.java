package dev.sieve.cli;

import dev.sieve.bench.MdBenchmark;
import dev.sieve.core.InputException;
import dev.sieve.core.OutputGuard;
import dev.sieve.core.OutputLock;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.results.RunInfo;
import dev.sieve.select.KneeRule;
import dev.sieve.select.PathFile;
import dev.sieve.select.PathPoint;
import dev.sieve.select.Refit;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve refit}: refits chosen feature sets of a path without penalty and writes the seeds' table. */
@Command(name = "refit", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    modelTransformer = TrainingOptions.Transformer.class,
    description = "Chooses feature sets on a sieve select path, trains each without penalty on --splits random "
        + "splits (--split) of the path's training data, evaluates every model on --test and writes refit.md, refit.csv, "
        + "refit.json and run.json to --out (the models under OUT/<choice>/split-<k>/). The full candidate set is "
        + "always added as the reference row 'full'.",
    footer = {"", "Columns: D, D angular, test MSE of the total energy per structure (eV^2) and RMSE = sqrt(MSE)/N (meV/atom) "
            + "as mean ± std over the splits, energy MAE, force MAE/RMSE when the test set has forces, and MD steps/s "
            + "of the row's best model on --md-structure ('–' without it).",
        "Rules (--choose, repeatable):",
        "  knee[:C]  the knee of validation loss vs feature count (the objective's penalty depends on lambda): lower envelope per count (Pareto front); values of at least "
            + "C times the best (default C = 2) count as the steep rise, which is cut off (the largest such count is "
            + "the left end) and the values clipped at C x best; on that region, with both axes scaled to [0, 1], the "
            + "point farthest below the chord between the two ends - the count where the flat part ends.",
        "  tol:X%%    the smallest count whose validation loss is within X %% of the best on the path.",
        "  count:N   the largest count on the path that is at most N.",
        "Among path points with the chosen count, the one with the lowest validation loss is used; a set that select's "
            + "search chose at that count (kind search in path.csv) is used before them. knee and tol read the curve "
            + "of the path's own points."})
final class RefitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--path", paramLabel = "DIR", description = "Output directory of sieve select.")
    Path path;

    @Option(names = "--choose", paramLabel = "RULE",
        description = "knee, knee:C, tol:X%% or count:N; repeat for several rows.")
    List<String> choose;

    @Option(names = "--splits", defaultValue = "4", paramLabel = "K", description = "Random training/validation splits per set (fraction --split) (default ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--test", paramLabel = "FILE", description = "Test structures.")
    Path test;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--data", paramLabel = "FILE", description = "Training structures (default: the path's).")
    Path data;

    @Option(names = "--every", paramLabel = "K", description = "Every K-th structure (default: the path's).")
    Integer every;

    @Option(names = "--limit", paramLabel = "N", description = "At most N structures (default: the path's).")
    Integer limit;

    @Option(names = "--resume", description = "Continue a killed refit in --out: complete splits are read back, a "
        + "split with a checkpoint continues from it.")
    boolean resume;

    @Option(names = "--no-full", description = "Do not add the full candidate set as a reference row.")
    boolean noFull;

    @Option(names = "--reference-set", paramLabel = "NAME=FILE", description = "A set chosen elsewhere (another "
        + "method, another code, a published set) refitted as one more row NAME, on the same splits with the same "
        + "trainer as the chosen rows; FILE is any --sf form (set file, n2p2 input.nn). Repeatable.")
    List<String> referenceSets;

    @Option(names = "--md-structure", paramLabel = "FILE", description = "Benchmark cell for the MD-speed column, e.g. "
        + "../shared/data/al-mendelev/liquid_10976.xyz (first structure of the file).")
    Path mdStructure;

    @Option(names = "--md-steps", defaultValue = "20", paramLabel = "N", description = "Timed MD steps (default ${DEFAULT-VALUE}).")
    int mdSteps;

    @Option(names = "--md-warmup", defaultValue = "20", paramLabel = "N", description = "Untimed MD steps first, so "
        + "that the force kernels are compiled before the timing (default ${DEFAULT-VALUE}).")
    int mdWarmup;

    @Option(names = "--md-repeats", defaultValue = "1", paramLabel = "N", description = "Timed blocks, median reported (default ${DEFAULT-VALUE}).")
    int mdRepeats;

    @Option(names = "--md-threads", defaultValue = "1", paramLabel = "N", description = "MD threads (default ${DEFAULT-VALUE}; the seeds used one core).")
    int mdThreads;

    @Option(names = "--md-temperature", defaultValue = "800", paramLabel = "K", description = "Initial temperature if the cell has no velocities (default ${DEFAULT-VALUE}).")
    double mdTemperature;

    @Mixin
    ReadOptionsMixin readOptions;

    @Mixin
    ConfigPrinter printer;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with options as keys (as in "
        + "sieve train); it overrides the path's settings, and command-line options override it.")
    Path config;

    /** Set when this instance was parsed with the path's training settings merged in. */
    private boolean merged;

    /** The --config file of the run this instance continues with the file's options merged in (for OutputGuard). */
    private Path configFile;

    /**
     * Training settings not given on the command line are the path's (its path.json records every one), so a refit
     * trains as the path did, except the optimizer and the scaling: the path's penalised fits use a gradient optimizer
     * and (by default) standardised candidates, a refit defaults to {@code auto} for both (kalman when forces are
     * trained; min-max, as train); the shared options' own defaults apply to paths that do not say.
     */
    @Override
    public Integer call() throws Exception {
        if (!merged) {
            Map<String, Object> c = config == null ? Map.of() : OptionSources.readConfigFile(config);
            if (config != null) {
                OptionSources.toArgs(spec, c, "--config " + config, true); // unknown keys are a mistake here
            }
            Path p = path != null ? path : c.get("path") != null ? Path.of(String.valueOf(c.get("path"))) : null;
            SettingException.require(p != null, "path", "DIR is required (on the command line or in a config file)");
            RefitCommand m = new RefitCommand();
            m.merged = true;
            m.configFile = config;
            Map<String, Object> base = new LinkedHashMap<>(PathFile.read(p).train());
            base.remove("optimizer"); // the path's penalised fits need a gradient optimizer; a refit picks its own
            base.remove("scaling"); // select standardises its candidates by default; a refit scales as train does
            base.remove("scale-min"); // ... over train's range: standardising records S_min 0, S_max 1 (n2p2's sigma
            base.remove("scale-max"); // mode), which made refit's min-max scaling [0, 1] instead of train's [-1, 1]
            base.keySet().removeIf(k -> spec.findOption("--" + k) == null);
            base.putAll(c);
            String origin = (config == null ? "" : "--config " + config + " over ") + p.resolve(PathFile.NAME);
            return OptionSources.rerun(spec, base, origin, false, m);
        }
        if (printer.printed(spec, System.out)) {
            return 0;
        }
        SettingException.require(choose != null && !choose.isEmpty() || referenceSets != null
            && !referenceSets.isEmpty(), "choose", "RULE is required (on the command line or in a config file), "
            + "unless --reference-set gives the rows");
        SettingException.require(test != null, "test", "FILE is required (on the command line or in a config file)");
        SettingException.require(out != null, "out", "DIR is required (on the command line or in a config file)");
        PathFile pf = PathFile.read(path);
        Refit.requireSplitsPublic(splits);
        List<Refit.Row> rows = rows(pf);
        PathFile.Source src = pf.source();
        Path dataFile = data != null ? data : Path.of(src.data());
        int ev = every != null ? every : src.every();
        int lim = limit != null ? limit : src.limit();
        List<String> writes = new ArrayList<>(List.of("refit.*", "run.json", Refit.dirName("full"), OutputLock.NAME));
        rows.forEach(r -> writes.add(OutputGuard.globQuote(Refit.dirName(r.label()))));
        List<OutputGuard.Input> inputs = new ArrayList<>(java.util.Arrays.asList(OutputGuard.directory("--path", path,
            List.of(PathFile.NAME, "candidates.yaml", "points/**")), OutputGuard.input(data != null ? "--data"
            : "--data (from " + path.resolve(PathFile.NAME) + ")", dataFile), OutputGuard.input("--test", test),
            OutputGuard.input("--md-structure", mdStructure), OutputGuard.input("--config", configFile != null ? configFile : config)));
        for (String[] ref : references()) {
            inputs.add(OutputGuard.input("--reference-set", Path.of(ref[1].replaceAll("@[^/]*$", ""))));
        }
        OutputGuard.requireDirectory("--out", out, writes, inputs);
        try (OutputLock lock = Outputs.lockDirectory("--out", out, spec)) {
            refit(rows, pf, dataFile, ev, lim);
        }
        return 0;
    }

    private void refit(List<Refit.Row> rows, PathFile pf, Path dataFile, int ev, int lim) throws Exception {
        ReadOptions ro = readOptions.toReadOptions();
        List<Structure> d = SelectCommand.readSubset(dataFile, ro, ev, lim);
        List<Structure> t = StructureIO.readAll(test, ro);
        if (t.isEmpty()) {
            throw new InputException(test + ": no structures");
        }
        TrainConfig cfg = TrainingOptions.toConfig(spec).with(TrainSettings.DROP_CONSTANT, true);
        SettingException.require(cfg.data().split() < 1, "split", "1 (no validation) is for train only: refit stops "
            + "early and keeps the best epoch by the validation loss; got " + cfg.data().split());
        Refit.SpeedMeter md = speedMeter();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        RunInfo run = Provenance.runInfo(spec);
        run.option("method", pf.method()).option("data_used", dataFile.toString()).option("every_used", ev).option("limit_used", lim)
            .option("structures", d.size()).option("config", cfg.settings());
        List<Refit.RowResult> res = Refit.run(rows, d, t, cfg, splits, md, out, System.out, resume);
        String mdNote = md == null ? null : md.description();
        run.result("rows", res.size());
        Outputs.staged(out, dir -> {
            Refit.write(res, splits, cfg.data().split(), mdNote, dir);
            run.write(dir);
        });
        System.out.print(Refit.markdown(res, splits, cfg.data().split(), mdNote));
    }

    private List<Refit.Row> rows(PathFile pf) {
        List<Refit.Row> rows = new ArrayList<>();
        for (String c : choose == null ? List.<String>of() : choose) {
            KneeRule.Choice ch = KneeRule.Choice.parse(c);
            for (Refit.Row r : rows) {
                SettingException.require(!r.label().equals(ch.text()), "choose", "gives " + ch.text() + " twice");
            }
            PathPoint p = KneeRule.choose(pf.points(), ch);
            rows.add(new Refit.Row(ch.text(), p.index(), p.lambda(), SfSetFile.read(path.resolve(p.setFile()))));
        }
        for (String[] ref : references()) {
            for (Refit.Row r : rows) {
                SettingException.require(!r.label().equals(ref[0]), "reference-set", "gives the row " + ref[0]
                    + " twice");
            }
            SettingException.require(noFull || !ref[0].equals("full"), "reference-set", "full is the full candidate "
                + "set's row; choose another NAME");
            rows.add(new Refit.Row(ref[0], -1, Double.NaN, SfSpec.resolve(ref[1], pf.elements())));
        }
        if (!noFull) {
            rows.add(new Refit.Row("full", -1, Double.NaN, SfSetFile.read(path.resolve(pf.candidates()))));
        }
        return rows;
    }

    /** The --reference-set values as {NAME, FILE}, checked. */
    private List<String[]> references() {
        List<String[]> r = new ArrayList<>();
        for (String v : referenceSets == null ? List.<String>of() : referenceSets) {
            int eq = v.indexOf('=');
            SettingException.require(eq > 0 && eq < v.length() - 1, "reference-set", "expects NAME=FILE, got '" + v
                + "'");
            String name = v.substring(0, eq).strip();
            SettingException.require(name.matches("[A-Za-z0-9._+-]+"), "reference-set", "NAME may hold letters, "
                + "digits and . _ + - only (it names the row's directory), got '" + name + "'");
            r.add(new String[] {name, v.substring(eq + 1).strip()});
        }
        return r;
    }

    /** The MD-speed column's measurement (null without --md-structure). */
    private Refit.SpeedMeter speedMeter() {
        SettingException.require(mdSteps >= 1, "md-steps", "must be >= 1, got " + mdSteps);
        SettingException.require(mdRepeats >= 1, "md-repeats", "must be >= 1, got " + mdRepeats);
        SettingException.require(mdThreads >= 1, "md-threads", "must be >= 1, got " + mdThreads);
        SettingException.require(mdWarmup >= 0, "md-warmup", "must be >= 0, got " + mdWarmup);
        if (mdStructure == null) {
            return null;
        }
        List<Structure> ms = StructureIO.readAll(mdStructure, ReadOptions.DEFAULT);
        if (ms.isEmpty()) {
            throw new InputException("--md-structure " + mdStructure + ": no structure");
        }
        Structure cell = ms.get(0);
        String note = String.format(Locale.ROOT, "NVE on %s (%d atoms), %d thread%s, %d warm-up + %d timed step%s x %d",
            mdStructure.getFileName(), cell.size(), mdThreads, mdThreads == 1 ? "" : "s", mdWarmup, mdSteps,
            mdSteps == 1 ? "" : "s", mdRepeats);
        return new Refit.SpeedMeter() {
            @Override
            public double stepsPerSecond(HdnnpModel model, String label) {
                try (HdnnpPotential pot = new HdnnpPotential(model, mdThreads, label)) {
                    return MdBenchmark.run(pot, cell, mdThreads, mdWarmup, mdSteps, mdRepeats, mdTemperature)
                        .stepsPerSecond();
                }
            }

            @Override
            public String description() {
                return note;
            }
        };
    }
}
