package dev.sieve.cli;

import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.InputException;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.nn.Activation;
import dev.sieve.nn.ScalingMode;
import dev.sieve.report.RunInfo;
import dev.sieve.select.KneeRule;
import dev.sieve.select.PathPoint;
import dev.sieve.select.Refit;
import dev.sieve.select.SelectionPath;
import dev.sieve.structure.Structure;
import dev.sieve.train.LrSchedule;
import dev.sieve.train.Optimizer;
import dev.sieve.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve refit}: refits chosen feature sets of a path without penalty and writes the seeds' table. */
@Command(name = "refit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Chooses feature sets on a sieve select path, trains each without penalty on --splits random "
        + "80/20 splits of the path's training data, evaluates every model on --test and writes refit.md, refit.csv, "
        + "refit.json and run.json to --out (the models under OUT/<choice>/split-<k>/). The full candidate set is "
        + "always added as the reference row 'full'.",
        "Columns: D, D angular, test MSE of the total energy per structure (eV^2) and RMSE = sqrt(MSE)/N (meV/atom) "
            + "as mean ± std over the splits, energy MAE, force MAE/RMSE when the test set has forces, and MD steps/s "
            + "of the row's best model on --md-structure ('–' without it).",
        "Rules (--choose, repeatable):",
        "  knee[:C]  the knee of validation loss vs feature count (the objective's penalty depends on lambda): lower envelope per count (Pareto front); values of at least "
            + "C times the best (default C = 2) count as the steep rise, which is cut off (the largest such count is "
            + "the left end) and the values clipped at C x best; on that region, with both axes scaled to [0, 1], the "
            + "point farthest below the chord between the two ends - the count where the flat part ends.",
        "  tol:X%    the smallest count whose validation loss is within X % of the best on the path.",
        "  count:N   the largest count on the path that is at most N.",
        "Among path points with the chosen count, the one with the lowest validation loss is used."})
public final class RefitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--path", required = true, paramLabel = "DIR", description = "Output directory of sieve select.")
    Path path;

    @Option(names = "--choose", required = true, paramLabel = "RULE",
        description = "knee, knee:C, tol:X% or count:N; repeat for several rows.")
    List<String> choose;

    @Option(names = "--splits", defaultValue = "4", paramLabel = "K", description = "Random 80/20 splits per set (default ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Test structures.")
    Path test;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--data", paramLabel = "FILE", description = "Training structures (default: the path's).")
    Path data;

    @Option(names = "--every", paramLabel = "K", description = "Every K-th structure (default: the path's).")
    Integer every;

    @Option(names = "--limit", paramLabel = "N", description = "At most N structures (default: the path's).")
    Integer limit;

    @Option(names = "--no-full", description = "Do not add the full candidate set as a reference row.")
    boolean noFull;

    @Option(names = "--epochs", defaultValue = "1000", paramLabel = "N", description = "Maximum epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "50", paramLabel = "N", description = "Early-stopping patience (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--min-delta", defaultValue = "0", paramLabel = "D",
        description = "Early stopping: improvement of the validation loss (per-atom energy MSE, (eV/atom)^2) that "
            + "resets the patience (default ${DEFAULT-VALUE}: any improvement; the thesis' 1e-5 was in other units "
            + "and is larger than the whole loss here).")
    double minDelta;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR", description = "Initial learning rate, halved every --lr-every epochs down to 1e-4 (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-every", defaultValue = "100", paramLabel = "K", description = "Default ${DEFAULT-VALUE}.")
    int lrEvery;

    @Option(names = "--l2", paramLabel = "C", description = "L2 coefficient on the per-atom loss (default: the thesis' "
        + "1e-5 in its per-structure total-energy units, i.e. 1e-5 divided by the mean squared atom count of the "
        + "training structures; 1e-5 itself would outweigh the per-atom loss many times over).")
    Double l2;

    @Option(names = "--forces", paramLabel = "BETA", description = "Force weight (default: the path's).")
    Double forces;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of split 1; split k uses S+k-1 (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Training threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--md-structure", paramLabel = "FILE", description = "Benchmark cell for the MD-speed column, e.g. "
        + "../shared/data/al-mendelev/liquid_10976.xyz (first structure of the file).")
    Path mdStructure;

    @Option(names = "--md-steps", defaultValue = "20", paramLabel = "N", description = "Timed MD steps (default ${DEFAULT-VALUE}).")
    int mdSteps;

    @Option(names = "--md-warmup", defaultValue = "3", paramLabel = "N", description = "Untimed MD steps first (default ${DEFAULT-VALUE}).")
    int mdWarmup;

    @Option(names = "--md-repeats", defaultValue = "1", paramLabel = "N", description = "Timed blocks, median reported (default ${DEFAULT-VALUE}).")
    int mdRepeats;

    @Option(names = "--md-threads", defaultValue = "1", paramLabel = "N", description = "MD threads (default ${DEFAULT-VALUE}; the seeds used one core).")
    int mdThreads;

    @Option(names = "--md-temperature", defaultValue = "800", paramLabel = "K", description = "Initial temperature if the cell has no velocities (default ${DEFAULT-VALUE}).")
    double mdTemperature;

    @Mixin
    ReadOptionsMixin readOptions;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        Refit.requireSplitsPublic(splits);
        if (mdSteps < 1 || mdWarmup < 0 || mdRepeats < 1 || mdThreads < 1) {
            throw new InputException("--md-steps, --md-repeats and --md-threads must be >= 1 and --md-warmup >= 0, got "
                + mdSteps + ", " + mdRepeats + ", " + mdThreads + ", " + mdWarmup);
        }
        Map<String, Object> pj = SelectionPath.readPathJson(path);
        List<PathPoint> points = SelectionPath.points(pj);
        Map<String, Object> src = (Map<String, Object>) pj.get("source");
        Map<String, Object> tr = (Map<String, Object>) pj.get("train");
        List<Refit.Row> rows = new ArrayList<>();
        for (String c : choose) {
            KneeRule.Choice ch = KneeRule.Choice.parse(c);
            PathPoint p = KneeRule.choose(points, ch);
            rows.add(new Refit.Row(ch.text(), p.index(), p.lambda(), SfSetFile.read(path.resolve(p.setFile()))));
        }
        if (!noFull) {
            rows.add(new Refit.Row("full", -1, Double.NaN, SfSetFile.read(path.resolve((String) pj.get("candidates")))));
        }
        Path dataFile = data != null ? data : Path.of((String) src.get("data"));
        int ev = every != null ? every : ((Number) src.get("every")).intValue();
        int lim = limit != null ? limit : ((Number) src.get("limit")).intValue();
        ReadOptions ro = readOptions.toReadOptions();
        List<Structure> d = SelectCommand.readSubset(dataFile, ro, ev, lim);
        List<Structure> t = StructureIO.readAll(test, ro);
        if (t.isEmpty()) {
            throw new InputException(test + ": no structures");
        }
        int[] hidden = ((List<Number>) tr.get("hidden")).stream().mapToInt(Number::intValue).toArray();
        List<Activation> acts = ((List<String>) tr.get("activations")).stream().map(Activation::valueOf).toList();
        double meanN2 = d.stream().mapToDouble(x -> (double) x.size() * x.size()).average().orElse(1);
        double l2c = l2 != null ? l2 : 1e-5 / meanN2;
        double beta = forces != null ? forces : ((Number) tr.get("forces")).doubleValue();
        TrainConfig cfg = new TrainConfig(hidden, acts, ScalingMode.valueOf((String) tr.get("scaling")), -1, 1, true,
            true, beta, ((Number) tr.get("force_atoms")).intValue(), 0.8, epochs, batch, Optimizer.Kind.ADAM, 0.9,
            new LrSchedule(LrSchedule.Kind.STEP, lr, Math.min(1e-4, lr), 0.5, lrEvery, 0.99, 100, 1.0), l2c, false,
            minDelta, patience, seed, threads, 0);
        Refit.Md md = null;
        String mdNote = null;
        if (mdStructure != null) {
            List<Structure> ms = StructureIO.readAll(mdStructure, ReadOptions.DEFAULT);
            if (ms.isEmpty()) {
                throw new InputException("--md-structure " + mdStructure + ": no structure");
            }
            md = new Refit.Md(ms.get(0), mdStructure.getFileName().toString(), mdThreads, mdWarmup, mdSteps, mdRepeats,
                mdTemperature);
            mdNote = String.format(Locale.ROOT, "NVE on %s (%d atoms), %d thread%s, %d warm-up + %d timed step%s x %d",
                mdStructure.getFileName(), ms.get(0).size(), mdThreads, mdThreads == 1 ? "" : "s", mdWarmup, mdSteps,
                mdSteps == 1 ? "" : "s", mdRepeats);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        RunInfo run = new RunInfo("refit", spec.commandLine().getParseResult() == null ? List.of()
            : spec.commandLine().getParseResult().originalArgs());
        run.option("path", path.toString()).option("data", dataFile.toString()).option("every", ev).option("limit", lim)
            .option("structures", d.size()).option("test", test.toString()).option("config", cfg.toString());
        List<Refit.RowResult> res = Refit.run(rows, d, t, cfg, splits, md, out, System.out);
        Refit.write(res, splits, mdNote, out);
        run.result("rows", res.size());
        run.write(out);
        System.out.print(Refit.markdown(res, splits, mdNote));
        return 0;
    }
}
