package dev.sieve.select;

import dev.sieve.core.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.train.Checkpoint;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.results.ErrorStats;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import dev.sieve.train.TrainJob;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refit of chosen feature sets without penalty ({@code sieve refit}): every set is trained by {@link TrainJob} on k
 * random training/validation splits (the split setting; seeds {@code seed, seed+1, ...}; the split, initial weights and batch order follow the seed),
 * every model is evaluated on the test structures, and the seeds' table is written: D, D angular, test MSE of the
 * total energy per structure (eV^2) and RMSE (meV/atom, sqrt(MSE)/N as the seeds define it) as mean +- sample std over
 * the splits, the energy MAE (meV/atom), force MAE/RMSE when the test set has forces, and the MD speed of each row's
 * best model (lowest test RMSE) on a benchmark cell.
 */
public final class Refit {
    private Refit() {}

    /** One row to refit. */
    public record Row(String label, int point, double lambda, SymmetryFunctionSet set) {}

    /** Measures the MD speed of a model (steps per second on a benchmark cell); the caller supplies it. */
    public interface SpeedMeter {
        double stepsPerSecond(HdnnpModel model, String label);

        /** What was measured, for the log and the table's note. */
        String description();
    }

    /** Per-split test results of a row. */
    public record RowResult(String label, int point, double lambda, int features, int angular, double[] mse,
                            double[] rmse, double[] mae, double[] forceMae, double[] forceRmse, int bestSplit,
                            double mdStepsPerSecond, double seconds) {}

    /**
     * Runs every row on {@code splits} splits into {@code out/<label>/split-<s>}.
     *
     * @param log one line per trained model
     */
    public static List<RowResult> run(List<Row> rows, List<Structure> data, List<Structure> test, TrainConfig base,
                                      int splits, SpeedMeter md, Path out, PrintStream log) {
        return run(rows, data, test, base, splits, md, out, log, false);
    }

    /**
     * As above; with {@code resume} a split whose model is complete ({@code refit-split.json} written after its
     * training) is read back instead of trained, and a split with a training checkpoint continues from it (exactly,
     * as {@code train --resume}), so a killed refit resumed ends with the same tables.
     */
    public static List<RowResult> run(List<Row> rows, List<Structure> data, List<Structure> test, TrainConfig base,
                                      int splits, SpeedMeter md, Path out, PrintStream log, boolean resume) {
        List<RowResult> res = new ArrayList<>();
        for (Row r : rows) {
            RowResult same = r.point() < 0 ? null
                : res.stream().filter(x -> x.point() == r.point()).findFirst().orElse(null);
            if (same != null) {
                // two rules chose the same path point: one refit serves both rows
                res.add(new RowResult(r.label(), same.point(), same.lambda(), same.features(), same.angular(),
                    same.mse(), same.rmse(), same.mae(), same.forceMae(), same.forceRmse(), same.bestSplit(),
                    same.mdStepsPerSecond(), 0.0));
                log.printf(Locale.ROOT, "%s: same point %d as %s%n", r.label(), r.point(), same.label());
                continue;
            }
            long t0 = System.nanoTime();
            double[] mse = new double[splits];
            double[] rmse = new double[splits];
            double[] mae = new double[splits];
            double[] fmae = new double[splits];
            double[] frmse = new double[splits];
            int bestSplit = -1;
            SplitResult[] results = trainSplits(r, splits, data, test, base, out, resume);
            for (int s = 0; s < splits; s++) {
                SplitResult sr = results[s];
                mse[s] = sr.mse();
                rmse[s] = sr.rmse();
                mae[s] = sr.mae();
                fmae[s] = sr.forceMae();
                frmse[s] = sr.forceRmse();
                if (bestSplit < 0 || rmse[s] < rmse[bestSplit]) {
                    bestSplit = s;
                }
                log.printf(Locale.ROOT, "%s (D = %d) split %d: test MSE %.5g eV^2, RMSE %.3f meV/atom, MAE %.3f meV/atom%s, "
                        + "%d epochs%s%n", r.label(), r.set().totalSize(), s + 1, mse[s], rmse[s], mae[s],
                    Double.isNaN(fmae[s]) ? "" : String.format(Locale.ROOT, ", F MAE %.4f eV/Å", fmae[s]), sr.epochs(),
                    sr.resumed() ? " (done before the resume)" : "");
            }
            double sps = Double.NaN;
            if (md != null) {
                sps = md.stepsPerSecond(N2p2Potential.read(splitDir(out, r, bestSplit)), r.label());
                log.printf(Locale.ROOT, "%s: MD %.3f steps/s (%s)%n", r.label(), sps, md.description());
            }
            int ang = 0;
            for (String el : r.set().elements()) {
                ang += (int) r.set().forElement(el).stream().filter(f -> f.isAngular()).count();
            }
            res.add(new RowResult(r.label(), r.point(), r.lambda(), r.set().totalSize(), ang, mse, rmse, mae, fmae,
                frmse, bestSplit + 1, sps, (System.nanoTime() - t0) * 1e-9));
        }
        return res;
    }

    /**
     * The splits of one row. With several threads and several splits the splits train side by side, as many at a time
     * as there are threads, each on one thread (a fit's own parallelism is small next to independent fits); the
     * results depend on the thread setting only as a fit's do, and come back in split order.
     */
    private static SplitResult[] trainSplits(Row r, int splits, List<Structure> data, List<Structure> test,
                                             TrainConfig base, Path out, boolean resume) {
        SplitResult[] res = new SplitResult[splits];
        int threads = base.threads();
        if (threads <= 1 || splits <= 1) {
            for (int s = 0; s < splits; s++) {
                res[s] = split(r, s, data, test, base, out, resume);
            }
            return res;
        }
        TrainConfig one = base.with(TrainSettings.THREADS, 1);
        try (dev.sieve.core.ChunkedExecutor ex = new dev.sieve.core.ChunkedExecutor(Math.min(threads, splits),
            "sieve-refit")) {
            ex.forEachTask(splits, s -> res[s] = split(r, s, data, test, one, out, resume));
        }
        return res;
    }

    /** Test errors of one split's model, as {@code refit-split.json} keeps them (doubles round-trip exactly). */
    record SplitResult(String config, double mse, double rmse, double mae, double forceMae, double forceRmse,
                       int epochs, boolean resumed) {}

    static final String SPLIT_RESULT = "refit-split.json";

    private static Path splitDir(Path out, Row r, int s) {
        return out.resolve(dirName(r.label())).resolve("split-" + (s + 1));
    }

    /** Trains split s of row r (or, resuming, reads it back or continues its checkpoint). */
    private static SplitResult split(Row r, int s, List<Structure> data, List<Structure> test, TrainConfig base,
                                     Path out, boolean resume) {
        TrainConfig cfg = base.with(TrainSettings.SEED, base.seed() + s);
        Path dir = splitDir(out, r, s);
        Path done = dir.resolve(SPLIT_RESULT);
        String config = cfg.fingerprint() + " set " + r.set().name() + " " + r.set().totalSize();
        ObjectMapper om = Json.JSON;
        if (resume && Files.isRegularFile(done)) {
            SplitResult sr;
            try {
                sr = om.readValue(done.toFile(), SplitResult.class);
            } catch (IOException e) {
                throw new InputException(done.toString(), -1, "cannot read: " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
            }
            if (!config.equals(sr.config())) {
                throw new SettingException("resume", "is not possible: " + done + " was made with other settings ("
                    + sr.config() + "; now " + config + ")");
            }
            requireSameStopping(dir, r, s, cfg);
            return new SplitResult(sr.config(), sr.mse(), sr.rmse(), sr.mae(), sr.forceMae(), sr.forceRmse(),
                sr.epochs(), true);
        }
        RunInfo ri = new RunInfo("refit", List.of());
        ri.option("row", r.label()).option("point", r.point()).option("split", s + 1);
        boolean cont = resume && Checkpoint.exists(dir);
        TrainJob.Result tr = TrainJob.run(new TrainJob.Inputs(data, null, test, r.set()), cfg, dir, cont, true, ri,
            new PrintStream(OutputStream.nullOutputStream()));
        ErrorStats.Summary t = tr.test();
        boolean f = t.forceComponents() > 0;
        SplitResult sr = new SplitResult(config, t.totalEnergyMseEv2(), t.seedsRmseMevPerAtom(),
            t.energyMaeMevPerAtom(), f ? t.forceMaeEvPerA() : Double.NaN, f ? t.forceRmseEvPerA() : Double.NaN,
            tr.epochs(), false);
        try {
            AtomicFile.writeString(done, om.writeValueAsString(sr) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        return sr;
    }

    /** The settings a finished split depends on that its fingerprint leaves out (a checkpoint may grow them). */
    private static final List<String> STOPPING = List.of("epochs", "min-delta", "patience", "val-force-clip",
        "val-extrapolating");

    /**
     * Refuses to reuse a finished split whose stopping settings (recorded in its {@code run.json}) differ from this
     * run's: the table would hold its results under this run's settings.
     */
    private static void requireSameStopping(Path dir, Row r, int s, TrainConfig cfg) {
        Path file = dir.resolve("run.json");
        com.fasterxml.jackson.databind.JsonNode was;
        try {
            was = Json.JSON.readTree(file.toFile()).path("options").path("config");
        } catch (IOException e) {
            throw new InputException(file.toString(), -1, "cannot read the settings of the finished split: "
                + dev.sieve.core.Messages.reason(e), e);
        }
        Map<String, Object> now = cfg.settings();
        for (String k : STOPPING) {
            String before = was.path(k).isMissingNode() ? "(not recorded)" : was.path(k).asText();
            String after = Json.JSON.valueToTree(now.get(k)).asText();
            if (!before.equals(after)) {
                throw new SettingException("resume", "is not possible: split " + (s + 1) + " of " + r.label()
                    + " finished with --" + k + " " + before + " (" + file + "), this run has --" + k + " " + after
                    + "; finished splits are not recomputed, so resume with --" + k + " " + before
                    + " or refit into a new --out");
            }
        }
    }

    public static String dirName(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** Sample standard deviation (0 for one value). */
    static double std(double[] a) {
        if (a.length < 2) {
            return 0.0;
        }
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (a.length - 1));
    }

    private static String pm(double[] a, String fmt) {
        if (Double.isNaN(a[0])) {
            return "–";
        }
        return String.format(Locale.ROOT, fmt + " ± " + fmt, mean(a), std(a));
    }

    /** The Markdown table; {@code trainFraction} is the training share of each split (--split). */
    public static String markdown(List<RowResult> rows, int splits, double trainFraction, String mdNote) {
        boolean forces = rows.stream().anyMatch(r -> !Double.isNaN(r.forceMae()[0]));
        StringBuilder sb = new StringBuilder();
        sb.append("| choice | point | λ | D | D angular | MSE (eV²) | RMSE (meV/atom) | E MAE (meV/atom) |");
        if (forces) {
            sb.append(" F MAE (eV/Å) | F RMSE (eV/Å) |");
        }
        sb.append(" MD (steps/s) |\n|---|---|---|---|---|---|---|---|");
        if (forces) {
            sb.append("---|---|");
        }
        sb.append("---|\n");
        for (RowResult r : rows) {
            sb.append("| ").append(r.label()).append(" | ").append(r.point() < 0 ? "–" : String.valueOf(r.point()))
                .append(" | ").append(r.point() < 0 ? "–" : String.format(Locale.ROOT, "%.4g", r.lambda()))
                .append(" | ").append(r.features()).append(" | ").append(r.angular()).append(" | ")
                .append(pm(r.mse(), "%.4g")).append(" | ").append(pm(r.rmse(), "%.3f")).append(" | ")
                .append(pm(r.mae(), "%.3f")).append(" |");
            if (forces) {
                sb.append(' ').append(pm(r.forceMae(), "%.4f")).append(" | ").append(pm(r.forceRmse(), "%.4f"))
                    .append(" |");
            }
            sb.append(' ').append(Double.isNaN(r.mdStepsPerSecond()) ? "–"
                : String.format(Locale.ROOT, "%.3f", r.mdStepsPerSecond())).append(" |\n");
        }
        long tr = Math.round(100 * trainFraction);
        sb.append("\nMean ± sample standard deviation over ").append(splits).append(" random ").append(tr).append('/')
            .append(100 - tr).append(" split")
            .append(splits == 1 ? "" : "s").append("; test errors per structure: MSE of the total energy, RMSE = "
                + "sqrt(MSE)/N (the seeds' definition), MAE of the energy per atom; forces over all Cartesian "
                + "components. MD: best model of the row");
        sb.append(mdNote == null ? " (not run: no benchmark structure given)." : ", " + mdNote + ".").append('\n');
        return sb.toString();
    }

    /** The CSV table (one row per choice, means and stds in separate columns). */
    public static String csv(List<RowResult> rows) {
        StringBuilder sb = new StringBuilder("choice,point,lambda,features,angular,mse_ev2_mean,mse_ev2_std,"
            + "rmse_mev_atom_mean,rmse_mev_atom_std,mae_mev_atom_mean,mae_mev_atom_std,force_mae_mean,force_mae_std,"
            + "force_rmse_mean,force_rmse_std,md_steps_per_s,best_split\n");
        for (RowResult r : rows) {
            sb.append(r.label()).append(',').append(r.point()).append(',').append(g(r.lambda())).append(',')
                .append(r.features()).append(',').append(r.angular());
            for (double[] a : List.of(r.mse(), r.rmse(), r.mae(), r.forceMae(), r.forceRmse())) {
                sb.append(',').append(g(mean(a))).append(',').append(g(std(a)));
            }
            sb.append(',').append(g(r.mdStepsPerSecond())).append(',').append(r.bestSplit()).append('\n');
        }
        return sb.toString();
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Writes refit.md, refit.csv and refit.json into {@code out}. */
    public static void write(List<RowResult> rows, int splits, double trainFraction, String mdNote, Path out) {
        AtomicFile.writeString(out.resolve("refit.md"), markdown(rows, splits, trainFraction, mdNote));
        AtomicFile.writeString(out.resolve("refit.csv"), csv(rows));
        List<Map<String, Object>> l = new ArrayList<>();
        for (RowResult r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("choice", r.label());
            m.put("point", r.point());
            m.put("lambda", r.lambda());
            m.put("features", r.features());
            m.put("angular", r.angular());
            m.put("test_mse_ev2", stats(r.mse()));
            m.put("test_rmse_mev_atom", stats(r.rmse()));
            m.put("test_mae_mev_atom", stats(r.mae()));
            if (!Double.isNaN(r.forceMae()[0])) {
                m.put("test_force_mae_ev_a", stats(r.forceMae()));
                m.put("test_force_rmse_ev_a", stats(r.forceRmse()));
            }
            m.put("md_steps_per_s", Double.isNaN(r.mdStepsPerSecond()) ? null : r.mdStepsPerSecond());
            m.put("best_split", r.bestSplit());
            m.put("seconds", r.seconds());
            l.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("splits", splits);
        root.put("md", mdNote);
        root.put("rows", l);
        try {
            AtomicFile.writeString(out.resolve("refit.json"),
                Json.JSON_PRETTY.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    private static Map<String, Object> stats(double[] a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean(a));
        m.put("std", std(a));
        m.put("values", a);
        return m;
    }

    public static void requireSplitsPublic(int k) {
        if (k < 1) {
            throw new dev.sieve.core.SettingException("splits", "must be >= 1, got " + k);
        }
    }
}
