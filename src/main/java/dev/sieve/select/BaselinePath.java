package dev.sieve.select;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.FeatureStatistics;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.nn.ScalingMode;
import dev.sieve.results.RunInfo;
import dev.sieve.select.baseline.FeatureRows;
import dev.sieve.select.baseline.SelectionMethod;
import dev.sieve.select.baseline.SelectionMethods;
import dev.sieve.structure.Structure;
import dev.sieve.train.FitLoop;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.TrainingData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A baseline feature selection ({@code sieve select --method NAME}, NAME not agl or gl) written as a path directory
 * that {@code sieve refit} reads exactly like an adaptive-group-lasso path.
 *
 * <ol>
 *   <li>Data: prepared as {@link SelectionPath} prepares it (same split, constant features dropped, scaling and atom
 *       energies on the training split).</li>
 *   <li>Point 0: the dense fit, the same fit (same settings, initial weights and batch order) as the path's point 0.</li>
 *   <li>The requested totals ({@link FeatureCounts}) are split over the pd.elements() in proportion to their candidates;
 *       per element the method ({@link SelectionMethod}) picks the kept candidates of every count from the training
 *       rows (and the dense networks).</li>
 *   <li>Point i (totals in decreasing order): the dense networks reduced to the kept inputs, refitted without penalty
 *       for the budget of one penalised fit of the path ({@link PathConfig#fitSchedule()},
 *       {@link PathConfig#fitStopping()}, batch order stream {@link Seeds#PATH_FIT}{@code + 2i}), early stopping on the
 *       validation loss. This gives the validation loss that the model-choice rules of {@code refit} read; lambda and
 *       penalty are 0.</li>
 * </ol>
 *
 * <p>Outputs as the path's: {@code path.csv}, {@code path.json} (its {@code config} has {@code method} and
 * {@code counts}), {@code path.png/.svg}, {@code candidates.yaml}, {@code points/pNNN/sf.yaml}, a model per point in
 * {@code points/pNNN/model/} unless models are off (the fits still run: they give the validation losses), and
 * {@code run.json}. A baseline has no checkpoint: an interrupted run is rerun.
 */
public final class BaselinePath {
    private final List<Structure> all;
    private final SymmetryFunctionSet requested;
    private final PathConfig cfg;
    private final String method;
    private final SelectionMethod selector;
    private final List<Integer> counts;
    private final Path out;
    private final PathFile.Source source;
    private final PrintStream log;
    private PathData pd;

    private int[] totals = new int[0];
    private final List<PathPoint> points = new ArrayList<>();
    private boolean finished;
    private double seconds;

    /**
     * @param method a baseline name of {@link SelectionMethods}
     * @param counts the requested totals (null: halving from the candidate count)
     */
    public BaselinePath(List<Structure> structures, SymmetryFunctionSet candidates, PathConfig cfg, String method,
                        List<Integer> counts, Path out, PathFile.Source source, PrintStream log) {
        this.all = List.copyOf(structures);
        this.requested = candidates;
        this.cfg = cfg;
        this.method = SelectionMethods.require(method);
        this.selector = SelectionMethods.create(this.method);
        this.counts = counts == null ? null : List.copyOf(counts);
        FeatureCounts.check(this.counts);
        this.out = out;
        this.source = source;
        this.log = log;
    }

    /** Runs the baseline and writes its outputs; returns the points (dense fit first). */
    public List<PathPoint> run(RunInfo run) {
        long t0 = System.nanoTime();
        checkOutput();
        prepare();
        totals = FeatureCounts.totals(counts, pd.cand().totalSize(), pd.elements().size());
        double tPrep = (System.nanoTime() - t0) * 1e-9;
        Network[] dense = denseFit();
        long s0 = System.nanoTime();
        int[][][] sets = selectSets(dense);
        double tSelect = (System.nanoTime() - s0) * 1e-9;
        log.printf(Locale.ROOT, "%s: sets of %s features chosen in %.2f s%n", method, Arrays.toString(totals),
            tSelect);
        for (int i = 0; i < totals.length; i++) {
            int[][] keep = new int[pd.elements().size()][];
            for (int e = 0; e < keep.length; e++) {
                keep[e] = sets[e][i];
            }
            fitPoint(i + 1, keep, dense);
        }
        finished = true;
        writeOutputs();
        if (run != null) {
            run.option("method", method).option("counts", Arrays.toString(totals)).option("config", config())
                .option("loss_scale", pd.lossScale()).option("source", source).timing("descriptors", tPrep)
                .timing("selection", tSelect).timing("path", seconds).result("points", points.size())
                .result("finished", finished);
            run.write(out);
        }
        return List.copyOf(points);
    }

    private void checkOutput() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        if (Files.exists(out.resolve(PathFile.NAME))
            || Files.exists(out.resolve(SelectionPath.CHECKPOINT).resolve(SelectionPath.STATE))) {
            throw new SettingException("out", out + " already holds a path (" + PathFile.NAME + "); choose another "
                + "output directory");
        }
    }

    private void prepare() {
        pd = PathData.prepare(all, requested, cfg, out, log);
    }

    /** Point 0, exactly the path's dense fit. Returns the dense networks. */
    private Network[] denseFit() {
        long p0 = System.nanoTime();
        TrainConfig tc = cfg.train();
        Network[] nets = FitLoop.newNetworks(pd.full(), tc.network(), tc.seed());
        PenalizedFit.Result r = PenalizedFit.run(pd.full(), pd.trainIdx(), pd.valIdx(), nets, tc, new PenalizedFit.Spec(0.0, null,
            tc.schedule(), tc.stopping(), Seeds.mix(tc.seed(), Seeds.DENSE_FIT), pd.lossScale(), pd.l2()));
        int[][] every = new int[nets.length][];
        for (int e = 0; e < every.length; e++) {
            every[e] = SelectionPath.range(pd.full().numFeatures(e));
        }
        PathPoint p = addPoint(0, every, pd.full(), r, nets, (System.nanoTime() - p0) * 1e-9);
        log.printf(Locale.ROOT, "dense fit: %d features, %d epochs, validation loss %.6g (%.3f meV/atom), %.1f s%n",
            p.features(), r.epochs(), r.valLoss(), r.valRmse(), r.seconds());
        return nets;
    }

    /** Per element and total, the kept candidate indices: {@code [e][i]}. */
    private int[][][] selectSets(Network[] dense) {
        int[] cands = new int[pd.elements().size()];
        for (int e = 0; e < cands.length; e++) {
            cands[e] = pd.full().numFeatures(e);
        }
        int[][] per = FeatureCounts.table(totals, cands);
        int[][][] sets = new int[pd.elements().size()][][];
        for (int e = 0; e < sets.length; e++) {
            FeatureRows rows = FeatureRows.of(pd.full(), e, pd.trainIdx());
            SelectionMethod.Element in = new SelectionMethod.Element(pd.elements().get(e), e, rows, rawRange(e, rows),
                dense[e], cfg.train().seed());
            sets[e] = selector.select(in, per[e]);
            for (int i = 0; i < per[e].length; i++) {
                if (sets[e][i].length != per[e][i]) {
                    throw new IllegalStateException(method + " kept " + sets[e][i].length + " features of "
                        + pd.elements().get(e) + ", asked for " + per[e][i]);
                }
            }
        }
        return sets;
    }

    /** Raw max - min on the training split (from the scaling's statistics; the rows themselves when unscaled). */
    private double[] rawRange(int e, FeatureRows rows) {
        FeatureStatistics st = pd.scalings().get(e).statistics();
        if (st == null) {
            return rows.ranges();
        }
        double[] r = new double[st.numFeatures()];
        for (int k = 0; k < r.length; k++) {
            r[k] = st.max(k) - st.min(k);
        }
        return r;
    }

    /** Point k: the dense networks on the kept inputs, refitted without penalty for one fit's budget. */
    private void fitPoint(int k, int[][] keep, Network[] dense) {
        long p0 = System.nanoTime();
        TrainingData data = DataPreparation.selectFeatures(pd.full(), keep);
        Network[] nets = new Network[dense.length];
        for (int e = 0; e < nets.length; e++) {
            nets[e] = GroupLasso.keepInputs(dense[e], keep[e]);
        }
        PenalizedFit.Result r = PenalizedFit.run(data, pd.trainIdx(), pd.valIdx(), nets, cfg.train(), new PenalizedFit.Spec(0.0,
            null, cfg.fitSchedule(), cfg.fitStopping(), Seeds.mix(cfg.train().seed(), Seeds.PATH_FIT + 2L * k),
            pd.lossScale(), pd.l2()));
        PathPoint p = addPoint(k, keep, pd.full(), r, nets, (System.nanoTime() - p0) * 1e-9);
        log.printf(Locale.ROOT, "point %d (%s): %d features (%d angular), validation loss %.6g (%.3f meV/atom), "
            + "%d epochs, %.1f s%n", k, method, p.features(), p.angular(), p.valLoss(), p.valRmse(), p.epochsGl(),
            p.seconds());
    }

    /** Records point k (its set, model and row) and rewrites the path's files. */
    private PathPoint addPoint(int k, int[][] keep, TrainingData candData, PenalizedFit.Result r, Network[] nets,
                               double secs) {
        Map<String, Integer> per = new LinkedHashMap<>();
        Map<String, int[]> sel = new LinkedHashMap<>();
        int tot = 0;
        int ang = 0;
        for (int e = 0; e < keep.length; e++) {
            String el = pd.elements().get(e);
            per.put(el, keep[e].length);
            sel.put(el, keep[e]);
            tot += keep[e].length;
            List<SymmetryFunction> fs = candData.symmetryFunctions().forElement(el);
            for (int i : keep[e]) {
                ang += fs.get(i).isAngular() ? 1 : 0;
            }
        }
        String dir = String.format(Locale.ROOT, "points/p%03d", k);
        try {
            Files.createDirectories(out.resolve(dir));
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        SymmetryFunctionSet s = pd.cand().select(pd.cand().name() + "-" + method + "-p" + k, sel);
        SfSetFile.write(out.resolve(dir).resolve("sf.yaml"), s);
        String model = null;
        if (cfg.writeModels()) {
            N2p2Potential.write(model(s, keep, nets), out.resolve(dir).resolve("model"));
            model = dir + "/model";
        }
        seconds += secs;
        PathPoint p = new PathPoint(k, 0.0, per, tot, ang, tot, r.trainLoss(), r.valLoss(), 0.0, r.valLoss(),
            r.trainRmse(), r.valRmse(), r.epochs(), 0, secs, dir + "/sf.yaml", model, null);
        points.add(p);
        writeOutputs();
        return p;
    }

    private HdnnpModel model(SymmetryFunctionSet s, int[][] keep, Network[] nets) {
        List<Scaling> sc = new ArrayList<>();
        List<Network> ns = new ArrayList<>();
        for (int e = 0; e < keep.length; e++) {
            Scaling f = pd.scalings().get(e);
            sc.add(f.mode() == ScalingMode.NONE ? Scaling.identity(pd.elements().get(e), keep[e].length)
                : new Scaling(pd.elements().get(e), f.mode(), f.smin(), f.smax(), f.statistics().subset(keep[e])));
            ns.add(nets[e].copy());
        }
        return new HdnnpModel(s, sc, ns, pd.mu().clone(), HdnnpModel.Units.EV_ANGSTROM);
    }

    /** The path's settings without the lambda ones, plus the method and the counts. */
    private Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("counts", Arrays.toString(totals));
        cfg.fingerprint().forEach((key, v) -> m.put(key, String.valueOf(v)));
        for (String key : List.of("lambdas", "lambda_factor", "start_factor", "lambda_start", "onset_point", "max_drop", "gamma",
            "adaptive_from", "penalty_d")) {
            m.remove(key);
        }
        return m;
    }

    private void writeOutputs() {
        AtomicFile.writeString(out.resolve("path.csv"), SelectionPath.csv(points, pd.elements()));
        Map<String, Integer> n = new LinkedHashMap<>();
        n.put("train", pd.trainIdx().length);
        n.put("validation", pd.valIdx().length);
        new PathFile(PathFile.FORMAT, PathFile.VERSION, source, config(), cfg.train().settings(), pd.elements(),
            "candidates.yaml", n, 0.0, pd.lossScale(), finished, seconds, points).write(out);
        PathPlot.save(points, out, "path");
    }
}
