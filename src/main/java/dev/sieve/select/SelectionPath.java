package dev.sieve.select;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Network;
import dev.sieve.results.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.train.Checkpoint;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.FitLoop;
import dev.sieve.train.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The adaptive-group-lasso regularization path ({@code sieve select}).
 *
 * <ol>
 *   <li>Data: a random split (fraction {@code split} for training, seeded), the candidate symmetry functions of every
 *       structure computed once (with force derivatives when forces are trained), features constant on the training
 *       split dropped (listed), min-max (or the configured) scaling and per-element reference energies fitted on the
 *       training split.</li>
 *   <li>Dense fit without penalty (point 0, lambda 0).</li>
 *   <li>Lambda sequence: {@code --lambdas} as given, or {@code lambda_k = lambda_start * factor^(k-1)}. By default
 *       lambda_start comes from the onset: probe points from the dense weights (a group-lasso fit and, if nothing
 *       vanished, the adaptive fit, with the path's fit settings; seed streams {@link Seeds#LAMBDA_PROBE}{@code + 2i}
 *       and {@code + 2i + 1}) probe lambdas by steps of 10 from {@code startFactor *
 *       lambda_zero} and then by bisection to within {@code factor}, finding the smallest lambda at which point 1 would remove a feature;
 *       lambda_start = onset / factor^(onsetPoint - 1), so features start to go at about point onsetPoint (the
 *       fixed rule below started 73 of 93 points too low on the seeds' Al set). The older rule {@code
 *       lambda_start = startFactor * lambda_zero} ({@code --lambda-start zero}): lambda_zero is the smallest lambda at which one
 *       shrink step with the fits' initial learning rate lr0 would zero a group of the dense weights:
 *       {@code lambda_zero = min_g D ||w_g|| / lr0} over all pd.elements() and groups. With Adam the smooth part moves
 *       every weight by at most about lr0 per step whatever the loss scale, and near the dense optimum its mean
 *       normalised step is tiny, so groups start to go at a very small fraction of lambda_zero (lambda / D of order
 *       1e-4, i.e. lambda around 0.005 for thesis22 as in the paper, about 1e-6 lambda_zero with lr0 = 1e-3 on the Al
 *       set); the default factor starts there.</li>
 *   <li>At every lambda, warm-started from the previous point: a group-lasso fit (a_g = 1); the groups it zeroes are
 *       removed; adaptive weights {@code a_g = 1 / ||w_hat_g||^gamma} from that fit (or from the dense fit); an
 *       adaptive fit from the group-lasso weights; the groups that are zero at its best state are removed. Each fit
 *       stops early on the validation objective (validation loss + penalty) and keeps its best state.</li>
 *   <li>Removed features are dropped from the training data (columns of the feature matrices and of the force
 *       derivatives, {@link DataPreparation#selectFeatures}) and from the networks' input layers, so later fits no
 *       longer compute them; the descriptors themselves are computed once, for the candidate set, at the start.</li>
 *   <li>The path ends when no feature is left for some element, the total count is at most {@code minFeatures}, the
 *       lambda list is exhausted, or {@code maxPoints} points were made.</li>
 * </ol>
 *
 * <p>Outputs in the path directory: {@code path.csv}, {@code path.json} (settings and points), {@code path.png/.svg}
 * (validation objective and loss vs feature count), {@code candidates.yaml} (the candidate set after dropping
 * constant features), per point {@code points/pNNN/sf.yaml} and (unless disabled) {@code points/pNNN/model/} (an n2p2
 * potential), {@code checkpoint/path-state.json} and {@code run.json}. Everything is written atomically.
 *
 * <p>Determinism and resume: every fit uses a fresh optimiser, a restarted schedule and a batch order seeded by
 * (seed, point, phase, epoch) alone; the state after each point (networks, surviving features, points) is
 * checkpointed, so {@code resume} continues a killed run to exactly the result of an uninterrupted one (same seed and
 * thread count).
 *
 * <p>This class drives the path; the parts are {@link PointFit} (one point's fits), {@link LambdaSequence} (lambda
 * start, sequence and remakes), {@link PenaltyWeights} (the penalty's three kinds of weights), {@link PathState} and
 * {@link PathCheckpoint}.
 */
public final class SelectionPath {
    static final String CHECKPOINT = "checkpoint";
    static final String STATE = "path-state.json";
    /** The dense fit's checkpoints ({@link Checkpoint} of train, under OUT/checkpoint/dense/checkpoint/). */
    static final String DENSE = "dense";

    private final List<Structure> all;
    private final SymmetryFunctionSet requested;
    private final PathConfig cfg;
    private final Path out;
    private final PathFile.Source source;
    private final PrintStream log;
    private final PathState st;
    /** The measured MD cost model that {@code --cost-weight} weights the adaptive penalty by (null: none). */
    private CostModel.Params costParams;
    private CostModel.Geometry costGeometry;

    // set by prepare()
    private PathData pd;
    private Map<String, Object> fingerprint;
    private PointFit pointFit;
    private LambdaSequence lambdas;

    /** Test hooks: stop (as if killed) after this many dense-fit epochs or onset probes of this call; -1: never. */
    int killDenseAfterEpochs = -1;
    int killAfterProbes = -1;

    /**
     * @param structures all structures (split into training and validation with the seed)
     * @param candidates the candidate symmetry functions
     * @param source     where the structures came from, part of the fingerprint and of path.json (refit reads it)
     */
    public SelectionPath(List<Structure> structures, SymmetryFunctionSet candidates, PathConfig cfg, Path out,
                         PathFile.Source source, PrintStream log) {
        this.all = List.copyOf(structures);
        this.requested = candidates;
        this.cfg = cfg;
        this.out = out;
        this.source = source;
        this.log = log;
        this.st = new PathState(cfg.revivable());
    }

    /** Weights the adaptive penalty by the functions' marginal MD cost (see {@link PathConfig#costWeight()}). */
    public SelectionPath withCosts(CostModel.Params p, CostModel.Geometry g) {
        this.costParams = p;
        this.costGeometry = g;
        return this;
    }

    /**
     * Runs (or resumes) the path.
     *
     * @param resume    continue from the checkpoint
     * @param stopAfter stop (as if killed) after this many points have been checkpointed in this call; -1: never
     * @return the points
     */
    public List<PathPoint> run(boolean resume, int stopAfter, RunInfo run) {
        long t0 = System.nanoTime();
        Path stateFile = out.resolve(CHECKPOINT).resolve(STATE);
        checkOutput(stateFile, resume);
        prepare();
        double tPrep = (System.nanoTime() - t0) * 1e-9;
        if (resume && Files.isRegularFile(stateFile)) {
            restore(stateFile);
            log.printf(Locale.ROOT, "resuming after %d point%s (%s)%n", st.points.size(),
                st.points.size() == 1 ? "" : "s", st.finished ? "the path is finished; refreshing its outputs"
                    : st.onsetPending ? "finding lambda_start" : st.liveCount() + " features left");
        } else if (resume) {
            log.printf(Locale.ROOT, "%s%n", Checkpoint.exists(denseDir()) ? "resuming the dense fit"
                : "no checkpoint yet: starting from the beginning");
        }
        int made = 0;
        if (st.points.isEmpty()) {
            denseFit(resume);
            made++;
        }
        if (st.onsetPending) {
            st.lambdaStart = lambdas.start();
            st.onsetPending = false;
            checkpoint();
        }
        while (!st.finished && (stopAfter < 0 || made < stopAfter)) {
            int k = st.points.size();
            double lambda = lambdas.lambda(k);
            if (Double.isNaN(lambda) || k > cfg.lambdas().maxPoints()) {
                st.finished = true;
                checkpoint();
                break;
            }
            st.points.add(lambdas.pointWithinDrop(k, lambda));
            checkpoint();
            made++;
        }
        double tSearch = 0;
        if (st.finished && cfg.searches() && (stopAfter < 0 || made < stopAfter)) {
            long s0 = System.nanoTime();
            made += searchAfterPath(stopAfter < 0 ? -1 : stopAfter - made);
            tSearch = (System.nanoTime() - s0) * 1e-9;
        }
        if (made == 0) {
            writeOutputs(); // a finished path resumed: refresh path.csv, path.json and the figure
        }
        if (run != null) {
            run.option("config", cfg.fingerprint()).option("loss_scale", pd.lossScale()).option("source", source)
                .timing("descriptors", tPrep).timing("path", pathSeconds()).timing("search", searchSeconds()).result("points", st.points.size())
                .result("finished", st.finished).result("lambda_start", st.lambdaStart);
            run.write(out);
        }
        return List.copyOf(st.points);
    }

    private double pathSeconds() {
        return st.points.stream().filter(p -> !p.isSearch()).mapToDouble(PathPoint::seconds).sum();
    }

    private double searchSeconds() {
        return st.points.stream().filter(PathPoint::isSearch).mapToDouble(PathPoint::seconds).sum();
    }

    /**
     * The refit-validated search ({@link SetSearch}) at every requested count, largest first, each count's chosen set
     * added as a point of kind search and checkpointed (a resumed run skips the counts already searched and repeats
     * an interrupted one from its start, to the same result).
     *
     * @param limit search at most this many counts in this call (as if killed then); -1: all
     * @return the counts searched in this call
     */
    private int searchAfterPath(int limit) {
        List<Integer> counts = new java.util.ArrayList<>(new java.util.TreeSet<>(cfg.lambdas().targets()));
        java.util.Collections.reverse(counts);
        List<PathPoint> path = st.points.stream().filter(p -> !p.isSearch() && p.setFile() != null).toList();
        List<int[][]> sets = new java.util.ArrayList<>();
        for (PathPoint p : path) {
            sets.add(SetSearch.indices(pd.cand(), dev.sieve.descriptor.SfSetFile.read(out.resolve(p.setFile()))));
        }
        double[][] rank = SetSearch.survival(sets, st.denseNorms);
        SetSearch search = null;
        int done = 0;
        for (int n : counts) {
            if (limit >= 0 && done >= limit) {
                break;
            }
            if (st.points.stream().anyMatch(p -> p.isSearch() && p.features() == n)) {
                continue;
            }
            if (n > pd.cand().totalSize() || n < pd.elements().size()) {
                log.printf(Locale.ROOT, "search at %d: skipped (%d candidates, %d element%s)%n", n,
                    pd.cand().totalSize(), pd.elements().size(), pd.elements().size() == 1 ? "" : "s");
                continue;
            }
            if (search == null) {
                search = new SetSearch(all, pd.cand(), cfg.train(), cfg.search(), log);
            }
            long t0 = System.nanoTime();
            int from = -1;
            for (int k = 0; k < path.size(); k++) {
                if (path.get(k).features() == n && (from < 0 || path.get(k).valLoss() < path.get(from).valLoss())) {
                    from = k;
                }
            }
            int[][] start = from >= 0 ? sets.get(from) : SetSearch.topByRank(rank, n);
            double lambda = 0;
            for (PathPoint p : path) {
                if (p.features() >= n) {
                    lambda = p.lambda();
                }
            }
            if (from >= 0) {
                lambda = path.get(from).lambda();
            }
            PathPoint larger = null;
            for (PathPoint p : st.points) {
                if (p.isSearch() && p.features() > n && (larger == null || p.features() < larger.features())) {
                    larger = p;
                }
            }
            SetSearch.Result r = search.search(start, larger == null ? null : SetSearch.indices(pd.cand(),
                dev.sieve.descriptor.SfSetFile.read(out.resolve(larger.setFile()))), rank);
            SearchFile.write(out, r);
            st.points.add(pointFit.searchPoint(st.points.size(), lambda, r, search.set(pd.cand().name() + "-search-"
                + n, r.best()), (System.nanoTime() - t0) * 1e-9));
            checkpoint();
            done++;
        }
        return done;
    }

    private void checkOutput(Path stateFile, boolean resume) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        if (!resume && (Files.isRegularFile(stateFile) || Checkpoint.exists(denseDir()))) {
            throw new SettingException("out", out + " already holds a path (" + stateFile + "); resume it or choose "
                + "another output directory");
        }
    }

    private Path denseDir() {
        return out.resolve(CHECKPOINT).resolve(DENSE);
    }

    /** The data, the fingerprint and the parts that work on the state. */
    private void prepare() {
        pd = PathData.prepare(all, requested, cfg, out, log);
        fingerprint = new LinkedHashMap<>(cfg.fingerprint());
        fingerprint.put("source", source.toString());
        fingerprint.put("structures", all.size() + " (" + pd.trainIdx().length + " training)");
        fingerprint.put("data", dev.sieve.structure.StructureDigest.of(all));
        fingerprint.put("candidates", requested.name() + " " + requested.totalSize() + " (" + pd.cand().totalSize()
            + " not constant)");
        PenaltyWeights weights = new PenaltyWeights(cfg, pd, st, costParams, costGeometry);
        pointFit = new PointFit(cfg, pd, st, weights, out);
        lambdas = new LambdaSequence(cfg, pd, st, weights, pointFit, log, killAfterProbes);
    }

    /**
     * Point 0: the dense fit without penalty, checkpointed every {@code checkpoint-every} epochs (continued from its
     * checkpoint when resuming); then point 0 is checkpointed with the onset still pending.
     */
    private void denseFit(boolean resume) {
        long p0 = System.nanoTime();
        TrainConfig tc = cfg.train();
        st.cur = new int[pd.elements().size()][];
        for (int e = 0; e < st.cur.length; e++) {
            st.cur[e] = range(pd.full().numFeatures(e));
        }
        st.nets = FitLoop.newNetworks(pd.full(), tc.network(), tc.seed());
        PenalizedFit.Result r = PenalizedFit.run(pd.full(), pd.trainIdx(), pd.valIdx(), st.nets, tc,
            new PenalizedFit.Spec(0.0, null, tc.schedule(), tc.stopping(), Seeds.mix(tc.seed(), Seeds.DENSE_FIT),
                pd.lossScale(), pd.l2()), denseCheckpoints(resume));
        st.denseNorms = new double[st.nets.length][];
        for (int e = 0; e < st.nets.length; e++) {
            st.denseNorms[e] = new double[st.nets[e].numInputs()];
            for (int g = 0; g < st.denseNorms[e].length; g++) {
                st.denseNorms[e][g] = st.nets[e].groupNorm(g);
            }
        }
        PathPoint p = pointFit.dense(r, (System.nanoTime() - p0) * 1e-9);
        st.points.add(p);
        log.printf(Locale.ROOT, "dense fit: %d features, %d epochs, validation loss %.6g (%.3f meV/atom), %.1f s%n",
            p.features(), r.epochs(), r.valLoss(), r.valRmse(), r.seconds());
        st.onsetPending = true;
        checkpoint();
        deleteTree(denseDir());
    }

    /** The dense fit's checkpoints: every {@code checkpoint-every} epochs and at its end. */
    private PenalizedFit.Checkpoints denseCheckpoints(boolean resume) {
        Map<String, Object> fp = new LinkedHashMap<>(stringify(fingerprint));
        int every = cfg.train().execution().checkpointEvery();
        long seed = cfg.train().seed();
        int[] epochs = {0};
        return new PenalizedFit.Checkpoints() {
            @Override
            public void restore(FitLoop fit) {
                if (resume && Checkpoint.exists(denseDir())) {
                    Checkpoint.restore(denseDir(), fp, fit);
                    log.printf(Locale.ROOT, "dense fit: resuming after epoch %d%n", fit.state().epoch);
                }
            }

            @Override
            public void afterEpoch(FitLoop fit) {
                if (fit.finished() || every > 0 && fit.state().epoch % every == 0) {
                    Checkpoint.write(denseDir(), fp, fit, seed, null);
                }
                if (++epochs[0] == killDenseAfterEpochs) {
                    throw new IllegalStateException("stopped for a test after dense epoch " + fit.state().epoch);
                }
            }
        };
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    // ------------------------------------------------------------------ outputs and checkpoint

    private void checkpoint() {
        writeOutputs();
        PathCheckpoint.write(out.resolve(CHECKPOINT).resolve(STATE), stringify(fingerprint), st, pd.elements());
    }

    /** The state of the checkpoint {@code f} (its fingerprint checked against this run's). */
    private void restore(Path f) {
        int ne = pd.elements().size();
        int[] candidates = new int[ne];
        for (int e = 0; e < ne; e++) {
            candidates[e] = pd.full().numFeatures(e);
        }
        PathCheckpoint.Saved s = PathCheckpoint.read(f, stringify(fingerprint), pd.elements(), candidates);
        st.lambdaStart = s.lambdaStart();
        st.finished = s.finished();
        st.onsetPending = s.onsetPending();
        st.seconds = s.seconds();
        st.points = s.points();
        st.cur = new int[ne][];
        st.nets = new Network[ne];
        st.denseNorms = new double[ne][];
        for (int e = 0; e < ne; e++) {
            PathCheckpoint.Element el = s.elements().get(e);
            st.cur[e] = el.features();
            st.denseNorms[e] = el.denseNorms();
            if (st.cur[e].length > 0) {
                st.nets[e] = FitLoop.newNetwork(st.cur[e].length, cfg.train().network());
                if (el.params().length != st.nets[e].numParams()) {
                    throw new InputException("checkpoint " + f + ": key 'params." + pd.elements().get(e) + "' has "
                        + el.params().length + " values, the network of " + st.cur[e].length + " inputs "
                        + st.nets[e].numParams());
                }
                st.nets[e].setParams(el.params());
            }
        }
    }

    private static Map<String, String> stringify(Map<String, Object> m) {
        Map<String, String> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k, String.valueOf(v)));
        return r;
    }

    private void writeOutputs() {
        AtomicFile.writeString(out.resolve("path.csv"), csv(st.points, pd.elements()));
        new PathFile(PathFile.FORMAT, PathFile.VERSION, source, stringify(cfg.fingerprint()), cfg.train().settings(),
            pd.elements(), "candidates.yaml", counts(pd.trainIdx().length, pd.valIdx().length), st.lambdaStart,
            pd.lossScale(), st.finished, st.seconds, st.points).write(out);
        PathPlot.save(st.points, out, "path");
    }

    /** Training and validation counts in a fixed key order (Map.of's order changes between runs). */
    private static Map<String, Integer> counts(int train, int validation) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("validation", validation);
        return m;
    }

    /** The path table as CSV. */
    public static String csv(List<PathPoint> points, List<String> elements) {
        StringBuilder sb = new StringBuilder("point,lambda");
        for (String el : elements) {
            sb.append(",features_").append(el);
        }
        sb.append(",features,angular,gl_features,train_loss,val_loss,penalty,val_objective,train_rmse_mev_atom,"
            + "val_rmse_mev_atom,epochs_gl,epochs_agl,kind,seconds\n");
        for (PathPoint p : points) {
            sb.append(p.index()).append(',').append(g(p.lambda()));
            for (String el : elements) {
                sb.append(',').append(p.perElement().getOrDefault(el, 0));
            }
            sb.append(',').append(p.features()).append(',').append(p.angular()).append(',').append(p.glFeatures())
                .append(',').append(g(p.trainLoss())).append(',').append(g(p.valLoss())).append(',')
                .append(g(p.penalty())).append(',').append(g(p.valObjective())).append(',').append(g(p.trainRmse()))
                .append(',').append(g(p.valRmse())).append(',').append(p.epochsGl()).append(',')
                .append(p.epochsAgl()).append(',').append(p.isSearch() ? PathPoint.SEARCH : PathPoint.PATH).append(',')
                .append(String.format(Locale.ROOT, "%.2f", p.seconds())).append('\n');
        }
        return sb.toString();
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }
}
