package dev.sieve.select;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.core.SettingException;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.nn.ScalingMode;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.train.Checkpoint;
import dev.sieve.train.FitLoop;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.TrainingData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public final class SelectionPath {
    static final String CHECKPOINT = "checkpoint";
    static final String STATE = "path-state.json";
    static final String FORMAT = "sieve-select-state";
    /** The dense fit's checkpoints ({@link Checkpoint} of train, under OUT/checkpoint/dense/checkpoint/). */
    static final String DENSE = "dense";

    private final List<Structure> all;
    private final SymmetryFunctionSet requested;
    private final PathConfig cfg;
    private final Path out;
    private final PathFile.Source source;
    private final PrintStream log;
    private PathData pd;

    // prepared data
    private Map<String, Object> fingerprint;

    // state
    private List<PathPoint> points = new ArrayList<>();
    private int[][] cur;
    private Network[] nets;
    private double lambdaStart;
    private double[][] denseNorms;
    private boolean finished;
    /** The dense fit is done (point 0 checkpointed) but lambda_start not yet found. */
    private boolean onsetPending;
    private double seconds;
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
            log.printf(Locale.ROOT, "resuming after %d point%s (%s)%n", points.size(), points.size() == 1 ? "" : "s",
                finished ? "the path is finished; refreshing its outputs" : onsetPending ? "finding lambda_start"
                    : liveCount() + " features left");
        } else if (resume) {
            log.printf(Locale.ROOT, "%s%n", Checkpoint.exists(denseDir()) ? "resuming the dense fit"
                : "no checkpoint yet: starting from the beginning");
        }
        int made = 0;
        if (points.isEmpty()) {
            denseFit(resume);
            made++;
        }
        if (onsetPending) {
            findStart();
        }
        while (!finished && (stopAfter < 0 || made < stopAfter)) {
            int k = points.size();
            double lambda = lambda(k);
            if (Double.isNaN(lambda) || k > cfg.lambdas().maxPoints()) {
                finished = true;
                checkpoint();
                break;
            }
            pointWithinDrop(k, lambda);
            made++;
        }
        if (made == 0) {
            writeOutputs(); // a finished path resumed: refresh path.csv, path.json and the figure
        }
        if (run != null) {
            run.option("config", cfg.fingerprint()).option("loss_scale", pd.lossScale()).option("source", source)
                .timing("descriptors", tPrep).timing("path", seconds).result("points", points.size())
                .result("finished", finished).result("lambda_start", lambdaStart);
            run.write(out);
        }
        return List.copyOf(points);
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

    /**
     * Point 0: the dense fit without penalty, checkpointed every {@code checkpoint-every} epochs (continued from its
     * checkpoint when resuming); then point 0 is checkpointed with the onset still pending.
     */
    private void denseFit(boolean resume) {
        long p0 = System.nanoTime();
        TrainConfig tc = cfg.train();
        cur = new int[pd.elements().size()][];
        for (int e = 0; e < cur.length; e++) {
            cur[e] = range(pd.full().numFeatures(e));
        }
        nets = FitLoop.newNetworks(pd.full(), tc.network(), tc.seed());
        PenalizedFit.Result r = PenalizedFit.run(pd.full(), pd.trainIdx(), pd.valIdx(), nets, tc, new PenalizedFit.Spec(0.0, null,
            tc.schedule(), tc.stopping(), Seeds.mix(tc.seed(), Seeds.DENSE_FIT), pd.lossScale(), pd.l2()),
            denseCheckpoints(resume));
        denseNorms = new double[nets.length][];
        for (int e = 0; e < nets.length; e++) {
            denseNorms[e] = new double[nets[e].numInputs()];
            for (int g = 0; g < denseNorms[e].length; g++) {
                denseNorms[e][g] = nets[e].groupNorm(g);
            }
        }
        PathPoint p = withOutputs(point(0, 0.0, pd.full(), r, r, total(cur), 0), (System.nanoTime() - p0) * 1e-9);
        points.add(p);
        log.printf(Locale.ROOT, "dense fit: %d features, %d epochs, validation loss %.6g (%.3f meV/atom), %.1f s%n",
            p.features(), r.epochs(), r.valLoss(), r.valRmse(), r.seconds());
        onsetPending = true;
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
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    /**
     * lambda_start from the dense networks (the onset search is deterministic: its probes depend on the dense weights
     * and seeds only, so a resume that repeats it finds the same value); checkpointed.
     */
    private void findStart() {
        double lz = Double.POSITIVE_INFINITY;
        for (int e = 0; e < nets.length; e++) {
            lz = Math.min(lz, GroupLasso.lambdaToZero(nets[e], cfg.fitSchedule().lr(0),
                groupWeights(e, GroupLasso.unitWeights(nets[e].numInputs()))));
        }
        lambdaStart = startLambda(lz);
        onsetPending = false;
        log.printf(Locale.ROOT, "lambda_zero %.6g, lambda_start %.6g%n", lz, lambdaStart);
        checkpoint();
    }

    /** lambda_start by the configured rule, from the dense networks ({@code lz}: lambda_zero). */
    private double startLambda(double lz) {
        PathConfig.Lambdas ls = cfg.lambdas();
        if (ls.explicit() != null) {
            return ls.explicit().get(0);
        }
        return switch (ls.start()) {
            case VALUE -> ls.startLambda();
            case ZERO -> ls.startFactor() * lz;
            case ONSET -> {
                long t0 = System.nanoTime();
                int[] probe = {0};
                LambdaOnset.Result r = LambdaOnset.find(l -> probeVanishes(l, probe[0]++),
                    ls.startFactor() * lz, ls.factor());
                double start = r.lambda() / Math.pow(ls.factor(), ls.onsetPoint() - 1);
                log.printf(Locale.ROOT, "lambda onset %.6g (%d probe fits, %.1f s): lambda_start %.6g, groups start "
                    + "to vanish at about point %d%n", r.lambda(), r.probes(), (System.nanoTime() - t0) * 1e-9, start,
                    ls.onsetPoint());
                yield start;
            }
        };
    }

    /**
     * Whether point 1 at {@code lambda} would remove a feature: a group-lasso fit from (copies of) the dense networks,
     * then, if nothing vanished, the adaptive fit from it, as {@link #nextPoint} does (seed streams
     * {@code LAMBDA_PROBE + 2 probe} and {@code + 1}).
     */
    private boolean probeVanishes(double lambda, int probe) {
        if (probe == killAfterProbes) {
            throw new IllegalStateException("stopped for a test after " + probe + " onset probes");
        }
        Network[] copies = new Network[nets.length];
        double[][] ones = new double[nets.length][];
        for (int e = 0; e < nets.length; e++) {
            copies[e] = nets[e].copy();
            ones[e] = groupWeights(e, GroupLasso.unitWeights(nets[e].numInputs()));
        }
        long seed = cfg.train().seed();
        PenalizedFit.run(pd.full(), pd.trainIdx(), pd.valIdx(), copies, cfg.train(), new PenalizedFit.Spec(lambda, ones,
            cfg.fitSchedule(), cfg.fitStopping(), Seeds.mix(seed, Seeds.LAMBDA_PROBE + 2L * probe), pd.lossScale(), pd.l2(),
            !cfg.plainProx()));
        if (anyVanished(copies)) {
            return true;
        }
        double[][] a = adaptiveWeights(copies);
        PenalizedFit.run(pd.full(), pd.trainIdx(), pd.valIdx(), copies, cfg.train(), new PenalizedFit.Spec(lambda, a,
            cfg.fitSchedule(), cfg.fitStopping(), Seeds.mix(seed, Seeds.LAMBDA_PROBE + 2L * probe + 1), pd.lossScale(),
            pd.l2(), !cfg.plainProx()));
        return anyVanished(copies);
    }

    private static boolean anyVanished(Network[] n) {
        for (Network x : n) {
            if (GroupLasso.survivors(x).length < x.numInputs()) {
                return true;
            }
        }
        return false;
    }

    private PenalizedFit.Result penalisedFit(TrainingData data, double lambda, double[][] a, long stream) {
        return penalisedFit(data, lambda, a, stream, false);
    }

    private PenalizedFit.Result penalisedFit(TrainingData data, double lambda, double[][] a, long stream,
                                             boolean adaptive) {
        int[][][] blocks = cfg.tripletWeight() > 0 ? tripletBlocks() : null;
        double[][] b = blocks == null ? null : blockWeights(blocks, adaptive);
        return PenalizedFit.run(data, pd.trainIdx(), pd.valIdx(), nets, cfg.train(), new PenalizedFit.Spec(lambda, a,
            cfg.fitSchedule(), cfg.fitStopping(), Seeds.mix(cfg.train().seed(), stream), pd.lossScale(), pd.l2(),
            !cfg.plainProx(), blocks, b));
    }

    /** Per element, the columns of the current angular functions grouped by cutoff (one triplet loop each). */
    private int[][][] tripletBlocks() {
        int[][][] out = new int[cur.length][][];
        for (int e = 0; e < cur.length; e++) {
            List<SymmetryFunction> fs = pd.cand().forElement(pd.elements().get(e));
            Map<Double, List<Integer>> byRc = new java.util.TreeMap<>();
            for (int i = 0; i < cur[e].length; i++) {
                SymmetryFunction f = fs.get(cur[e][i]);
                if (f.isAngular()) {
                    byRc.computeIfAbsent(f.rc(), k -> new ArrayList<>()).add(i);
                }
            }
            out[e] = byRc.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        }
        return out;
    }

    /**
     * The blocks' weights: tripletWeight x (the loop's modelled cost / the mean marginal cost of the live functions)
     * with a cost model, else tripletWeight x sqrt(block size); adaptive: divided by the block's norm^gamma in the
     * current networks (the group-lasso fit); times the D convention's factor.
     */
    private double[][] blockWeights(int[][][] blocks, boolean adaptive) {
        double[][] b = new double[blocks.length][];
        for (int e = 0; e < blocks.length; e++) {
            List<SymmetryFunction> fs = pd.cand().forElement(pd.elements().get(e));
            double meanCost = Double.NaN;
            if (costParams != null) {
                List<SymmetryFunction> live = new ArrayList<>();
                int[] k = GroupLasso.survivors(nets[e]);
                for (int i : k) {
                    live.add(fs.get(cur[e][i]));
                }
                double[] c = CostModel.marginal(costParams, live.isEmpty() ? List.of(fs.get(cur[e][0])) : live,
                    costGeometry);
                meanCost = java.util.Arrays.stream(c).average().orElse(Double.NaN);
            }
            double f = cfg.penaltyD().weightFactor(cur[e].length, pd.full().numFeatures(e));
            b[e] = new double[blocks[e].length];
            for (int q = 0; q < blocks[e].length; q++) {
                int[] cols = blocks[e][q];
                double w = cfg.tripletWeight();
                if (costParams != null && meanCost > 0) {
                    double rc = fs.get(cur[e][cols[0]]).rc();
                    w *= costParams.angularLoop() * costGeometry.t(rc) / meanCost;
                } else {
                    w *= Math.sqrt(cols.length);
                }
                if (adaptive && cfg.gamma() > 0) {
                    double n = GroupLasso.blockNorm(nets[e], cols);
                    w = n == 0.0 ? Double.POSITIVE_INFINITY : w / Math.pow(n, cfg.gamma());
                }
                b[e][q] = w * f;
            }
        }
        return b;
    }

    /**
     * Point k at lambda, made again at geometric midpoints towards the previous lambda while it removes more features
     * than the automatic sequence allows ({@link PathConfig.Lambdas#maxDrop()}), so that a steep path still passes
     * through the counts in between (at most {@link #MAX_REMAKES} times, and only while the smaller lambda removes
     * fewer features); then recorded and checkpointed.
     */
    private void pointWithinDrop(int k, double lambda) {
        PathConfig.Lambdas ls = cfg.lambdas();
        double prev = k == 1 ? lambdaStart / ls.factor() : points.get(k - 1).lambda();
        int lastDrop = Integer.MAX_VALUE;
        int targetTries = 0;
        for (int attempt = 0; ; attempt++) {
            int before = liveCount();
            Network[] savedNets = new Network[nets.length];
            int[][] savedCur = new int[cur.length][];
            for (int e = 0; e < nets.length; e++) {
                savedNets[e] = nets[e].copy();
                savedCur[e] = cur[e].clone();
            }
            boolean savedFinished = finished;
            PathPoint p = nextPoint(k, lambda);
            int allowed = ls.allowedDrop(before);
            int drop = before - p.features();
            int target = ls.skippedTarget(before, p.features());
            // remake only while a smaller lambda helps: a fit that had not converged at the previous point keeps
            // removing features at any nearby lambda, and then the first count is as good as any; a skipped target
            // count is bisected for (a smaller lambda that removes fewer is accepted as a point on the way)
            boolean tooMany = allowed > 0 && drop > allowed && drop < lastDrop && attempt < MAX_REMAKES;
            boolean skipped = target > 0 && targetTries < PathConfig.Lambdas.TARGET_TRIES;
            if (ls.explicit() == null && (tooMany || skipped) && lambda / prev > 1.0001) {
                if (!tooMany) {
                    targetTries++;
                }
                lastDrop = drop;
                nets = savedNets;
                cur = savedCur;
                finished = savedFinished;
                double next = Math.sqrt(prev * lambda);
                log.printf(Locale.ROOT, "point %d: lambda %.6g would remove %d of %d features (%s); "
                    + "trying lambda %.6g%n", k, lambda, before - p.features(), before, tooMany ? "more than "
                    + allowed : "past the requested count " + target, next);
                lambda = next;
                continue;
            }
            points.add(p);
            log.printf(Locale.ROOT, "point %d: lambda %.6g, %d features (%d angular; %d after group lasso), "
                    + "validation loss %.6g (%.3f meV/atom), objective %.6g, epochs %d+%d, %.1f s%n", k, lambda,
                p.features(), p.angular(), p.glFeatures(), p.valLoss(), p.valRmse(), p.valObjective(), p.epochsGl(),
                p.epochsAgl(), p.seconds());
            checkpoint();
            return;
        }
    }

    /** Most remakes of one point at smaller lambdas. */
    static final int MAX_REMAKES = 4;

    /** Point k at lambda: a group-lasso fit, removal of its zero groups, an adaptive fit, removal of its zeros. */
    private PathPoint nextPoint(int k, double lambda) {
        long p0 = System.nanoTime();
        TrainingData data = DataPreparation.selectFeatures(pd.full(), cur);
        double[][] ones = new double[nets.length][];
        for (int e = 0; e < nets.length; e++) {
            ones[e] = groupWeights(e, GroupLasso.unitWeights(nets[e].numInputs()));
        }
        PenalizedFit.Result gl = penalisedFit(data, lambda, ones, Seeds.PATH_FIT + 2L * k);
        int[][] keep = survivors();
        int glCount = total(keep);
        PathPoint p;
        if (anyEmpty(keep)) {
            p = point(k, lambda, data, gl, gl, glCount, 0);
            drop(keep);
            finished = true;
        } else {
            if (!cfg.revivable()) {
                drop(keep);
                data = DataPreparation.selectFeatures(pd.full(), cur);
            }
            PenalizedFit.Result agl = penalisedFit(data, lambda, adaptiveWeights(), Seeds.PATH_FIT + 2L * k + 1,
                true);
            keep = survivors();
            p = point(k, lambda, data, gl, agl, glCount, 0, keep);
            finished = anyEmpty(keep);
            if (!cfg.revivable()) {
                drop(keep);
            }
        }
        int tot = finished ? p.features() : liveCount();
        PathConfig.Lambdas ls = cfg.lambdas();
        if (!finished && (tot <= ls.minFeatures() || ls.explicit() != null && k >= ls.explicit().size()
            || k >= ls.maxPoints())) {
            finished = true;
        }
        return withOutputs(p, (System.nanoTime() - p0) * 1e-9);
    }

    private double[][] adaptiveWeights() {
        return adaptiveWeights(nets);
    }

    /** Adaptive weights of the current features from {@code from} (or from the dense fit), with cost and D factors. */
    private double[][] adaptiveWeights(Network[] from) {
        double[][] a = new double[from.length][];
        for (int e = 0; e < from.length; e++) {
            if (cfg.adaptiveFromDense()) {
                a[e] = new double[cur[e].length];
                for (int i = 0; i < a[e].length; i++) {
                    double n = denseNorms[e][cur[e][i]];
                    a[e][i] = n == 0.0 ? Double.POSITIVE_INFINITY : 1.0 / Math.pow(n, cfg.gamma());
                }
            } else {
                a[e] = GroupLasso.adaptiveWeights(from[e], cfg.gamma());
            }
        }
        for (int e = 0; e < a.length; e++) {
            a[e] = costWeights(e, groupWeights(e, correlationWeights(e, from[e], a[e])));
        }
        return a;
    }

    /** Per element, the |Pearson r| matrix of all candidates on the training atoms (computed when first needed). */
    private double[][] candidateCorrelation;

    /** At most this many atoms per element enter the correlation matrix (every k-th beyond). */
    static final int CORRELATION_ROWS = 20000;

    /**
     * Correlation-aware adaptive weights: a_g x (1 + kappa m_g), m_g the largest |r| between g and a current function
     * whose column in {@code from} is stronger (see {@link PathConfig#correlationWeight()}).
     */
    private double[] correlationWeights(int e, Network from, double[] a) {
        double kappa = cfg.correlationWeight();
        if (kappa == 0) {
            return a;
        }
        if (candidateCorrelation == null) {
            candidateCorrelation = new double[cur.length][];
        }
        if (candidateCorrelation[e] == null) {
            candidateCorrelation[e] = Correlation.pearson(pd.full().featureRows(pd.trainIdx(), e, CORRELATION_ROWS),
                pd.full().numFeatures(e));
        }
        double[] norm = new double[cur[e].length];
        for (int g = 0; g < norm.length; g++) {
            norm[g] = from.groupNorm(g);
        }
        double[] f = correlationFactors(candidateCorrelation[e], pd.full().numFeatures(e), cur[e], norm, kappa);
        double[] out = a.clone();
        for (int g = 0; g < out.length; g++) {
            out[g] *= f[g];
        }
        return out;
    }

    /**
     * The factors 1 + kappa m_g: m_g = max |r(c_g, c_h)| over the current functions h whose column norm is larger
     * (ties: the lower index counts as stronger); 1 for a zero column.
     *
     * @param r    correlation matrix of all candidates, d x d row-major
     * @param c    the current functions (candidate indices)
     * @param norm their column norms
     */
    static double[] correlationFactors(double[] r, int d, int[] c, double[] norm, double kappa) {
        double[] f = new double[c.length];
        for (int g = 0; g < c.length; g++) {
            double m = 0;
            if (norm[g] > 0.0) {
                for (int h = 0; h < c.length; h++) {
                    if (h != g && (norm[h] > norm[g] || norm[h] == norm[g] && h < g)) {
                        m = Math.max(m, Math.abs(r[c[g] * d + c[h]]));
                    }
                }
            }
            f[g] = 1 + kappa * m;
        }
        return f;
    }

    /** The measured MD cost model that {@code --cost-weight} weights the adaptive penalty by (null: none). */
    private CostModel.Params costParams;
    private CostModel.Geometry costGeometry;

    /** Weights the adaptive penalty by the functions' marginal MD cost (see {@link PathConfig#costWeight()}). */
    public SelectionPath withCosts(CostModel.Params p, CostModel.Geometry g) {
        this.costParams = p;
        this.costGeometry = g;
        return this;
    }

    /**
     * Multiplies the adaptive weights of element e by (c_g / mean c)^beta, c_g the marginal cost of the current
     * function g in the current set (its term plus its share of its cutoff's loop, so the last angular function of a
     * cutoff carries the whole triplet loop).
     */
    private double[] costWeights(int e, double[] a) {
        double beta = cfg.costWeight();
        if (beta == 0 || costParams == null) {
            return a;
        }
        // the live functions (with revivable groups, the zero groups are no part of the MD set: a_g = inf anyway)
        int[] live = new int[a.length];
        int nl = 0;
        for (int g = 0; g < a.length; g++) {
            if (a[g] != Double.POSITIVE_INFINITY) {
                live[nl++] = g;
            }
        }
        List<SymmetryFunction> current = new ArrayList<>();
        for (int q = 0; q < nl; q++) {
            current.add(pd.cand().forElement(pd.elements().get(e)).get(cur[e][live[q]]));
        }
        double[] c = CostModel.marginal(costParams, current, costGeometry);
        double mean = 0;
        for (double v : c) {
            mean += v / c.length;
        }
        for (int q = 0; q < nl; q++) {
            if (mean > 0 && c[q] > 0) {
                a[live[q]] *= Math.pow(c[q] / mean, beta);
            }
        }
        return a;
    }

    /**
     * The group weights of element e under the penalty's D convention: the penalty is (lambda / D) sum a_g ||w_g||
     * with D the current input count; a fixed D0 (the candidate count, or 1 for no 1/D) is the same penalty with a_g
     * scaled by D / D0. Scales in place and returns {@code a}; unchanged for {@link PathConfig.PenaltyD#CURRENT}.
     */
    private double[] groupWeights(int e, double[] a) {
        double f = cfg.penaltyD().weightFactor(a.length, pd.full().numFeatures(e));
        if (f != 1.0) {
            for (int g = 0; g < a.length; g++) {
                a[g] *= f;
            }
        }
        return a;
    }

    /** The lambda of point k &ge; 1, NaN past the end of an explicit list. */
    double lambda(int k) {
        List<Double> l = cfg.lambdas().explicit();
        if (l != null) {
            return k - 1 < l.size() ? l.get(k - 1) : Double.NaN;
        }
        if (k <= 1) {
            return lambdaStart;
        }
        return points.get(k - 1).lambda() * growth(k);
    }

    /**
     * The factor from point k-1 to point k: {@code factor} after a point that removed features; after m points in a
     * row that removed none, factor^(2^m) up to 2 (or factor, if larger), so a path that starts far below the onset
     * reaches it in a few points rather than dozens.
     */
    double growth(int k) {
        double f = cfg.lambdas().factor();
        double cap = Math.max(2.0, f);
        double g = f;
        for (int i = k - 1; i >= 1 && points.get(i).features() == points.get(i - 1).features() && g < cap; i--) {
            g = Math.min(cap, g * g);
        }
        return g;
    }

    // ------------------------------------------------------------------ data

    private void prepare() {
        pd = PathData.prepare(all, requested, cfg, out, log);
        fingerprint = new LinkedHashMap<>(cfg.fingerprint());
        fingerprint.put("source", source.toString());
        fingerprint.put("structures", all.size() + " (" + pd.trainIdx().length + " training)");
        fingerprint.put("candidates", requested.name() + " " + requested.totalSize() + " (" + pd.cand().totalSize()
            + " not constant)");
    }

    // ------------------------------------------------------------------ points

    private int[][] survivors() {
        int[][] k = new int[nets.length][];
        for (int e = 0; e < nets.length; e++) {
            k[e] = GroupLasso.survivors(nets[e]);
        }
        return k;
    }

    /** Drops the inputs not in {@code keep} (indices into the current inputs) from networks and the feature list. */
    private void drop(int[][] keep) {
        for (int e = 0; e < nets.length; e++) {
            if (keep[e].length == cur[e].length) {
                continue;
            }
            int[] c = new int[keep[e].length];
            for (int i = 0; i < c.length; i++) {
                c[i] = cur[e][keep[e][i]];
            }
            cur[e] = c;
            if (keep[e].length > 0) {
                nets[e] = GroupLasso.keepInputs(nets[e], keep[e]);
            }
        }
    }

    private PathPoint point(int k, double lambda, TrainingData data, PenalizedFit.Result gl, PenalizedFit.Result fin,
                            int glCount, double secs) {
        int[][] keep = new int[cur.length][];
        for (int e = 0; e < cur.length; e++) {
            keep[e] = k == 0 ? range(cur[e].length) : GroupLasso.survivors(nets[e]);
        }
        return point(k, lambda, data, gl, fin, glCount, secs, keep);
    }

    private PathPoint point(int k, double lambda, TrainingData data, PenalizedFit.Result gl, PenalizedFit.Result fin,
                            int glCount, double secs, int[][] keep) {
        Map<String, Integer> per = new LinkedHashMap<>();
        int tot = 0;
        int ang = 0;
        for (int e = 0; e < keep.length; e++) {
            per.put(pd.elements().get(e), keep[e].length);
            tot += keep[e].length;
            List<SymmetryFunction> fs = data.symmetryFunctions().forElement(pd.elements().get(e));
            for (int i : keep[e]) {
                if (fs.get(i).isAngular()) {
                    ang++;
                }
            }
        }
        return new PathPoint(k, lambda, per, tot, ang, glCount, fin.trainLoss(), fin.valLoss(), fin.penalty(),
            fin.valObjective(), fin.trainRmse(), fin.valRmse(), k == 0 ? fin.epochs() : gl.epochs(),
            k == 0 ? 0 : fin.epochs(), secs, null, null);
    }

    /** Writes the point's set and model (for the current networks and features) and fills in their paths. */
    private PathPoint withOutputs(PathPoint p, double secs) {
        String set = null;
        String model = null;
        if (!anyEmptyCur()) {
            String dir = String.format(Locale.ROOT, "points/p%03d", p.index());
            Path pd = out.resolve(dir);
            try {
                Files.createDirectories(pd);
            } catch (IOException e) {
                throw AtomicFile.unchecked(e);
            }
            SymmetryFunctionSet s = selectedSet(p.index());
            SfSetFile.write(pd.resolve("sf.yaml"), s);
            set = dir + "/sf.yaml";
            if (cfg.writeModels()) {
                N2p2Potential.write(model(s), pd.resolve("model"));
                model = dir + "/model";
            }
        }
        seconds += secs;
        return new PathPoint(p.index(), p.lambda(), p.perElement(), p.features(), p.angular(), p.glFeatures(),
            p.trainLoss(), p.valLoss(), p.penalty(), p.valObjective(), p.trainRmse(), p.valRmse(), p.epochsGl(),
            p.epochsAgl(), secs, set, model);
    }

    private SymmetryFunctionSet selectedSet(int k) {
        int[][] live = liveFeatures();
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int e = 0; e < cur.length; e++) {
            m.put(pd.elements().get(e), live[e]);
        }
        return pd.cand().select(pd.cand().name() + "-agl-p" + k, m);
    }

    /** The point's model: the live features only (zero groups contribute nothing, so removing them is exact). */
    private HdnnpModel model(SymmetryFunctionSet s) {
        int[][] live = liveFeatures();
        List<Scaling> sc = new ArrayList<>();
        List<Network> ns = new ArrayList<>();
        for (int e = 0; e < cur.length; e++) {
            Scaling f = pd.scalings().get(e);
            sc.add(f.mode() == ScalingMode.NONE ? Scaling.identity(pd.elements().get(e), live[e].length)
                : new Scaling(pd.elements().get(e), f.mode(), f.smin(), f.smax(), f.statistics().subset(live[e])));
            ns.add(cfg.revivable() ? GroupLasso.keepInputs(nets[e], GroupLasso.survivors(nets[e])) : nets[e].copy());
        }
        return new HdnnpModel(s, sc, ns, pd.mu().clone(), HdnnpModel.Units.EV_ANGSTROM);
    }

    /**
     * The candidates (indices into the candidate set) the current networks use: all current inputs, or with revivable
     * groups only those whose first-layer column is not zero.
     */
    private int[][] liveFeatures() {
        if (!cfg.revivable()) {
            return cur;
        }
        int[][] live = new int[cur.length][];
        for (int e = 0; e < cur.length; e++) {
            int[] k = cur[e].length == 0 ? new int[0] : GroupLasso.survivors(nets[e]);
            live[e] = new int[k.length];
            for (int i = 0; i < k.length; i++) {
                live[e][i] = cur[e][k[i]];
            }
        }
        return live;
    }

    private int liveCount() {
        return total(liveFeatures());
    }

    private boolean anyEmptyCur() {
        return anyEmpty(liveFeatures());
    }

    private static boolean anyEmpty(int[][] k) {
        for (int[] a : k) {
            if (a.length == 0) {
                return true;
            }
        }
        return false;
    }

    private static int total(int[][] k) {
        int t = 0;
        for (int[] a : k) {
            t += a.length;
        }
        return t;
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
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("format", FORMAT);
        st.put("version", 1);
        st.put("fingerprint", stringify(fingerprint));
        st.put("lambda_start", lambdaStart);
        st.put("finished", finished);
        st.put("onset_pending", onsetPending);
        st.put("seconds", seconds);
        st.put("points", points);
        Map<String, int[]> feats = new LinkedHashMap<>();
        Map<String, double[]> params = new LinkedHashMap<>();
        Map<String, double[]> dn = new LinkedHashMap<>();
        for (int e = 0; e < cur.length; e++) {
            feats.put(pd.elements().get(e), cur[e]);
            params.put(pd.elements().get(e), cur[e].length > 0 ? nets[e].params() : new double[0]);
            dn.put(pd.elements().get(e), denseNorms[e]);
        }
        st.put("features", feats);
        st.put("params", params);
        st.put("dense_norms", dn);
        try {
            Files.createDirectories(out.resolve(CHECKPOINT));
            AtomicFile.writeString(out.resolve(CHECKPOINT).resolve(STATE), json().writeValueAsString(st) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    private static Map<String, String> stringify(Map<String, Object> m) {
        Map<String, String> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k, String.valueOf(v)));
        return r;
    }

    private void restore(Path f) {
        Map<String, Object> st;
        try {
            st = new ObjectMapper().readValue(f.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new InputException("cannot read checkpoint " + f + ": " + dev.sieve.core.Messages.reason(e));
        }
        if (!FORMAT.equals(st.get("format"))) {
            throw new InputException(f + " is not a sieve select checkpoint");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> fp = (Map<String, String>) st.get("fingerprint");
        Map<String, String> now = stringify(fingerprint);
        for (var e : now.entrySet()) {
            if (fp == null || !e.getValue().equals(fp.get(e.getKey()))) {
                throw new SettingException("resume", "is not possible: " + e.getKey() + " differs from the checkpoint (now '" + e.getValue()
                    + "', checkpoint '" + (fp == null ? null : fp.get(e.getKey())) + "')");
            }
        }
        for (var e : fp.entrySet()) { // a setting the checkpoint has and this run has not (optional keys)
            if (!now.containsKey(e.getKey())) {
                throw new SettingException("resume", "is not possible: " + e.getKey() + " differs from the checkpoint "
                    + "(now the default, checkpoint '" + e.getValue() + "')");
            }
        }
        ObjectMapper om = new ObjectMapper();
        lambdaStart = ((Number) st.get("lambda_start")).doubleValue();
        finished = (Boolean) st.get("finished");
        onsetPending = Boolean.TRUE.equals(st.get("onset_pending"));
        seconds = ((Number) st.get("seconds")).doubleValue();
        points = new ArrayList<>(om.convertValue(st.get("points"), new TypeReference<List<PathPoint>>() {}));
        Map<String, int[]> feats = om.convertValue(st.get("features"), new TypeReference<Map<String, int[]>>() {});
        Map<String, double[]> params = om.convertValue(st.get("params"), new TypeReference<Map<String, double[]>>() {});
        Map<String, double[]> dn = om.convertValue(st.get("dense_norms"), new TypeReference<Map<String, double[]>>() {});
        cur = new int[pd.elements().size()][];
        nets = new Network[pd.elements().size()];
        denseNorms = new double[pd.elements().size()][];
        for (int e = 0; e < cur.length; e++) {
            String el = pd.elements().get(e);
            cur[e] = feats.get(el);
            denseNorms[e] = dn.get(el);
            if (cur[e].length > 0) {
                nets[e] = FitLoop.newNetwork(cur[e].length, cfg.train().network());
                nets[e].setParams(params.get(el));
            }
        }
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private void writeOutputs() {
        AtomicFile.writeString(out.resolve("path.csv"), csv(points, pd.elements()));
        new PathFile(PathFile.FORMAT, PathFile.VERSION, source, stringify(cfg.fingerprint()), cfg.train().settings(),
            pd.elements(), "candidates.yaml", counts(pd.trainIdx().length, pd.valIdx().length), lambdaStart,
            pd.lossScale(), finished, seconds, points).write(out);
        PathPlot.save(points, out, "path");
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
            + "val_rmse_mev_atom,epochs_gl,epochs_agl,seconds\n");
        for (PathPoint p : points) {
            sb.append(p.index()).append(',').append(g(p.lambda()));
            for (String el : elements) {
                sb.append(',').append(p.perElement().getOrDefault(el, 0));
            }
            sb.append(',').append(p.features()).append(',').append(p.angular()).append(',').append(p.glFeatures())
                .append(',').append(g(p.trainLoss())).append(',').append(g(p.valLoss())).append(',')
                .append(g(p.penalty())).append(',').append(g(p.valObjective())).append(',').append(g(p.trainRmse()))
                .append(',').append(g(p.valRmse())).append(',').append(p.epochsGl()).append(',')
                .append(p.epochsAgl()).append(',').append(String.format(Locale.ROOT, "%.2f", p.seconds())).append('\n');
        }
        return sb.toString();
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }
}
