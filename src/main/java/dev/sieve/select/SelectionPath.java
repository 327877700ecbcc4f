package dev.sieve.select;

import dev.sieve.core.Seeds;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.nn.ScalingMode;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.Trainer;
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
import java.util.SplittableRandom;

/**
 * The adaptive-group-lasso regularization path ({@code sieve select}).
 *
 * <ol>
 *   <li>Data: a random split (fraction {@code split} for training, seeded), the candidate symmetry functions of every
 *       structure computed once (with force derivatives when forces are trained), features constant on the training
 *       split dropped (listed), min-max (or the configured) scaling and per-element reference energies fitted on the
 *       training split.</li>
 *   <li>Dense fit without penalty (point 0, lambda 0).</li>
 *   <li>Lambda sequence: {@code --lambdas} as given, or {@code lambda_k = lambda_start * factor^(k-1)} with
 *       {@code lambda_start = startFactor * lambda_zero}, where lambda_zero is the smallest lambda at which one
 *       shrink step with the fits' initial learning rate lr0 would zero a group of the dense weights:
 *       {@code lambda_zero = min_g D ||w_g|| / lr0} over all elements and groups. With Adam the smooth part moves
 *       every weight by at most about lr0 per step whatever the loss scale, and near the dense optimum its mean
 *       normalised step is tiny, so groups start to go at a very small fraction of lambda_zero (lambda / D of order
 *       1e-4, i.e. lambda around 0.005 for thesis22 as in the paper, about 1e-6 lambda_zero with lr0 = 1e-3 on the Al
 *       set); the default factor starts there.</li>
 *   <li>At every lambda, warm-started from the previous point: a group-lasso fit (a_g = 1); the groups it zeroes are
 *       removed; adaptive weights {@code a_g = 1 / ||w_hat_g||^gamma} from that fit (or from the dense fit); an
 *       adaptive fit from the group-lasso weights; the groups that are zero at its best state are removed. Each fit
 *       stops early on the validation objective (validation loss + penalty) and keeps its best state.</li>
 *   <li>Removed features are dropped from the training data (columns of the feature matrices and of the force
 *       derivatives, {@link TrainingData#selectFeatures}) and from the networks' input layers, so later fits no
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

    private final List<Structure> all;
    private final SymmetryFunctionSet requested;
    private final PathConfig cfg;
    private final Path out;
    private final Map<String, Object> source;
    private final PrintStream log;

    // prepared data
    private int[] trainIdx;
    private int[] valIdx;
    private TrainingData full;
    private SymmetryFunctionSet cand;
    private List<Scaling> scalings;
    private double[] mu;
    private double lossScale;
    private List<String> elements;
    private Map<String, Object> fingerprint;

    // state
    private List<PathPoint> points = new ArrayList<>();
    private int[][] cur;
    private Network[] nets;
    private double lambdaStart;
    private double[][] denseNorms;
    private boolean finished;
    private double seconds;

    /**
     * @param structures all structures (split into training and validation with the seed)
     * @param candidates the candidate symmetry functions
     * @param source     description of the inputs (data file, subsampling, sf spec), part of the fingerprint and of
     *                   path.json (refit reads it)
     */
    public SelectionPath(List<Structure> structures, SymmetryFunctionSet candidates, PathConfig cfg, Path out,
                         Map<String, Object> source, PrintStream log) {
        this.all = List.copyOf(structures);
        this.requested = candidates;
        this.cfg = cfg;
        this.out = out;
        this.source = new LinkedHashMap<>(source);
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
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create output directory " + out + ": " + e.getMessage());
        }
        Path stateFile = out.resolve(CHECKPOINT).resolve(STATE);
        if (resume && !Files.isRegularFile(stateFile)) {
            throw new InputException("--resume: no checkpoint " + stateFile);
        }
        if (!resume && Files.isRegularFile(stateFile)) {
            throw new InputException(out + " already holds a path (" + stateFile + "); use --resume to continue it "
                + "or another --out");
        }
        prepare();
        double tPrep = (System.nanoTime() - t0) * 1e-9;
        if (resume) {
            restore(stateFile);
            log.printf(Locale.ROOT, "resuming after %d point%s (%s)%n", points.size(), points.size() == 1 ? "" : "s",
                finished ? "the path is finished; refreshing its outputs" : total(cur) + " features left");
        }
        TrainConfig tc = cfg.train();
        int made = 0;
        if (points.isEmpty()) {
            long p0 = System.nanoTime();
            cur = new int[elements.size()][];
            for (int e = 0; e < cur.length; e++) {
                cur[e] = range(full.numFeatures(e));
            }
            nets = new Network[elements.size()];
            List<Activation> acts = new ArrayList<>(tc.activations());
            acts.add(Activation.IDENTITY);
            for (int e = 0; e < nets.length; e++) {
                nets[e] = Network.of(full.numFeatures(e), tc.hidden(), acts, false);
                nets[e].initialize(new SplittableRandom(Seeds.mix(tc.seed(), 1000 + e)));
            }
            PenalizedFit.Result r = PenalizedFit.run(full, trainIdx, valIdx, nets, tc,
                new PenalizedFit.Spec(0.0, null, tc.epochs(), tc.patience(), tc.schedule(), Seeds.mix(tc.seed(), 7), lossScale));
            denseNorms = new double[nets.length][];
            double lz = Double.POSITIVE_INFINITY;
            for (int e = 0; e < nets.length; e++) {
                denseNorms[e] = new double[nets[e].numInputs()];
                for (int g = 0; g < denseNorms[e].length; g++) {
                    denseNorms[e][g] = nets[e].groupNorm(g);
                }
                lz = Math.min(lz, GroupLasso.lambdaToZero(nets[e], cfg.fitSchedule().lr(0),
                    GroupLasso.unitWeights(nets[e].numInputs())));
            }
            lambdaStart = cfg.lambdas() != null ? cfg.lambdas().get(0) : cfg.startFactor() * lz;
            PathPoint p = withOutputs(point(0, 0.0, full, r, r, total(cur), 0), (System.nanoTime() - p0) * 1e-9);
            points.add(p);
            log.printf(Locale.ROOT, "dense fit: %d features, %d epochs, validation loss %.6g (%.3f meV/atom), %.1f s; "
                    + "lambda_zero %.6g, lambda_start %.6g%n", p.features(), r.epochs(), r.valLoss(), r.valRmse(),
                r.seconds(), lz, lambdaStart);
            checkpoint();
            made++;
        }
        TrainingData data = full.selectFeatures(cur);
        while (!finished && (stopAfter < 0 || made < stopAfter)) {
            int k = points.size();
            double lambda = lambda(k);
            if (Double.isNaN(lambda) || k > cfg.maxPoints()) {
                finished = true;
                checkpoint();
                break;
            }
            long p0 = System.nanoTime();
            long seed = tc.seed();
            // group-lasso fit
            double[][] ones = new double[nets.length][];
            for (int e = 0; e < nets.length; e++) {
                ones[e] = GroupLasso.unitWeights(nets[e].numInputs());
            }
            PenalizedFit.Result gl = PenalizedFit.run(data, trainIdx, valIdx, nets, tc, new PenalizedFit.Spec(lambda,
                ones, cfg.fitEpochs(), cfg.fitPatience(), cfg.fitSchedule(), Seeds.mix(seed, 2L * k + 10_000), lossScale));
            int[][] keep = survivors();
            int glCount = total(keep);
            PathPoint p;
            if (anyEmpty(keep)) {
                p = point(k, lambda, data, gl, gl, glCount, 0);
                drop(keep);
                finished = true;
            } else {
                drop(keep);
                data = full.selectFeatures(cur);
                double[][] a = new double[nets.length][];
                for (int e = 0; e < nets.length; e++) {
                    if (cfg.adaptiveFromDense()) {
                        a[e] = new double[cur[e].length];
                        for (int i = 0; i < a[e].length; i++) {
                            double n = denseNorms[e][cur[e][i]];
                            a[e][i] = n == 0.0 ? Double.POSITIVE_INFINITY : 1.0 / Math.pow(n, cfg.gamma());
                        }
                    } else {
                        a[e] = GroupLasso.adaptiveWeights(nets[e], cfg.gamma());
                    }
                }
                PenalizedFit.Result agl = PenalizedFit.run(data, trainIdx, valIdx, nets, tc, new PenalizedFit.Spec(
                    lambda, a, cfg.fitEpochs(), cfg.fitPatience(), cfg.fitSchedule(), Seeds.mix(seed, 2L * k + 10_001), lossScale));
                keep = survivors();
                int[] perEl = new int[keep.length];
                for (int e = 0; e < keep.length; e++) {
                    perEl[e] = keep[e].length;
                }
                p = point(k, lambda, data, gl, agl, glCount, 0, keep);
                boolean empty = anyEmpty(keep);
                drop(keep);
                if (empty) {
                    finished = true;
                } else {
                    data = full.selectFeatures(cur);
                }
            }
            int tot = finished ? p.features() : total(cur);
            if (!finished && (tot <= cfg.minFeatures() || cfg.lambdas() != null && k >= cfg.lambdas().size()
                || k >= cfg.maxPoints())) {
                finished = true;
            }
            p = withOutputs(p, (System.nanoTime() - p0) * 1e-9);
            points.add(p);
            log.printf(Locale.ROOT, "point %d: lambda %.6g, %d features (%d angular; %d after group lasso), validation "
                    + "loss %.6g (%.3f meV/atom), objective %.6g, epochs %d+%d, %.1f s%n", k, lambda, p.features(),
                p.angular(), p.glFeatures(), p.valLoss(), p.valRmse(), p.valObjective(), p.epochsGl(), p.epochsAgl(),
                p.seconds());
            checkpoint();
            made++;
        }
        if (made == 0) {
            writeOutputs(); // a finished path resumed: refresh path.csv, path.json and the figure
        }
        if (run != null) {
            run.option("config", cfg.fingerprint()).option("loss_scale", lossScale).option("source", source).timing("descriptors", tPrep)
                .timing("path", seconds).result("points", points.size()).result("finished", finished)
                .result("lambda_start", lambdaStart);
            run.write(out);
        }
        return List.copyOf(points);
    }

    /** The lambda of point k &ge; 1, NaN past the end of an explicit list. */
    double lambda(int k) {
        if (cfg.lambdas() != null) {
            return k - 1 < cfg.lambdas().size() ? cfg.lambdas().get(k - 1) : Double.NaN;
        }
        return lambdaStart * Math.pow(cfg.lambdaFactor(), k - 1);
    }

    // ------------------------------------------------------------------ data

    private void prepare() {
        TrainConfig tc = cfg.train();
        int n = all.size();
        int nVal = (int) Math.round(n * (1 - tc.split()));
        if (nVal < 1 || n - nVal < 1) {
            throw new InputException("--split " + tc.split() + " of " + n + " structure" + (n == 1 ? "" : "s")
                + " leaves " + (n - nVal) + " for training and " + nVal + " for validation; need more structures");
        }
        int[] perm = range(n);
        SplittableRandom r = new SplittableRandom(Seeds.mix(tc.seed(), 1));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        trainIdx = Arrays.copyOfRange(perm, 0, n - nVal);
        valIdx = Arrays.copyOfRange(perm, n - nVal, n);
        Arrays.sort(trainIdx);
        Arrays.sort(valIdx);
        boolean forces = tc.forceWeight() > 0;
        TrainingData d;
        try (DescriptorEngine eng = new DescriptorEngine(requested, tc.threads())) {
            d = TrainingData.build("training data", all, requested, eng, forces ? tc.forceAtoms() : 0,
                Seeds.mix(tc.seed(), 2));
        }
        if (forces && !d.anyForces()) {
            throw new InputException("--forces " + tc.forceWeight() + " asked, but no structure has reference forces");
        }
        elements = d.elements();
        int[][] keep = new int[elements.size()][];
        List<String> dropped = new ArrayList<>();
        for (int e = 0; e < keep.length; e++) {
            int[] bad = d.constantFeatures(e, trainIdx, tc.scaling());
            List<SymmetryFunction> fs = requested.forElement(elements.get(e));
            List<Integer> kp = new ArrayList<>();
            for (int k = 0, b = 0; k < fs.size(); k++) {
                if (b < bad.length && bad[b] == k) {
                    dropped.add(elements.get(e) + ":" + fs.get(k).name());
                    b++;
                } else {
                    kp.add(k);
                }
            }
            if (kp.isEmpty()) {
                throw new InputException("every candidate symmetry function of " + elements.get(e)
                    + " is constant on the training split");
            }
            keep[e] = kp.stream().mapToInt(Integer::intValue).toArray();
        }
        if (!dropped.isEmpty()) {
            log.println("dropping " + dropped.size() + " candidate symmetry function" + (dropped.size() == 1 ? "" : "s")
                + " constant on the training split: " + String.join(", ", dropped));
            d = d.selectFeatures(keep);
        }
        cand = d.symmetryFunctions();
        scalings = d.fitScaling(trainIdx, tc.scaling(), tc.scaleMin(), tc.scaleMax());
        d.scale(scalings);
        mu = tc.energyOffset() ? d.fitAtomEnergies(trainIdx) : new double[elements.size()];
        d.setAtomEnergies(mu);
        full = d;
        if (cfg.lossScale() > 0) {
            lossScale = cfg.lossScale();
        } else {
            double s2 = 0;
            for (int k : trainIdx) {
                s2 += (double) d.atoms(k) * d.atoms(k);
            }
            lossScale = s2 / trainIdx.length;
        }
        SfSetFile.write(out.resolve("candidates.yaml"), cand);
        fingerprint = new LinkedHashMap<>(cfg.fingerprint());
        fingerprint.put("source", source.toString());
        fingerprint.put("structures", n + " (" + trainIdx.length + " training)");
        fingerprint.put("candidates", requested.name() + " " + requested.totalSize() + " (" + cand.totalSize()
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
            per.put(elements.get(e), keep[e].length);
            tot += keep[e].length;
            List<SymmetryFunction> fs = data.symmetryFunctions().forElement(elements.get(e));
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
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int e = 0; e < cur.length; e++) {
            m.put(elements.get(e), cur[e]);
        }
        return cand.select(cand.name() + "-agl-p" + k, m);
    }

    private HdnnpModel model(SymmetryFunctionSet s) {
        List<Scaling> sc = new ArrayList<>();
        List<Network> ns = new ArrayList<>();
        for (int e = 0; e < cur.length; e++) {
            Scaling f = scalings.get(e);
            sc.add(f.mode() == ScalingMode.NONE ? Scaling.identity(elements.get(e), cur[e].length)
                : new Scaling(elements.get(e), f.mode(), f.smin(), f.smax(), f.statistics().subset(cur[e])));
            ns.add(nets[e].copy());
        }
        return new HdnnpModel(s, sc, ns, mu.clone(), HdnnpModel.Units.EV_ANGSTROM);
    }

    private boolean anyEmptyCur() {
        return anyEmpty(cur);
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
        st.put("seconds", seconds);
        st.put("points", points);
        Map<String, int[]> feats = new LinkedHashMap<>();
        Map<String, double[]> params = new LinkedHashMap<>();
        Map<String, double[]> dn = new LinkedHashMap<>();
        for (int e = 0; e < cur.length; e++) {
            feats.put(elements.get(e), cur[e]);
            params.put(elements.get(e), cur[e].length > 0 ? nets[e].params() : new double[0]);
            dn.put(elements.get(e), denseNorms[e]);
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
            throw new InputException("cannot read checkpoint " + f + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!FORMAT.equals(st.get("format"))) {
            throw new InputException(f + " is not a sieve select checkpoint");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> fp = (Map<String, String>) st.get("fingerprint");
        Map<String, String> now = stringify(fingerprint);
        for (var e : now.entrySet()) {
            if (fp == null || !e.getValue().equals(fp.get(e.getKey()))) {
                throw new InputException("--resume: " + e.getKey() + " differs from the checkpoint (now '" + e.getValue()
                    + "', checkpoint '" + (fp == null ? null : fp.get(e.getKey())) + "')");
            }
        }
        ObjectMapper om = new ObjectMapper();
        lambdaStart = ((Number) st.get("lambda_start")).doubleValue();
        finished = (Boolean) st.get("finished");
        seconds = ((Number) st.get("seconds")).doubleValue();
        points = new ArrayList<>(om.convertValue(st.get("points"), new TypeReference<List<PathPoint>>() {}));
        Map<String, int[]> feats = om.convertValue(st.get("features"), new TypeReference<Map<String, int[]>>() {});
        Map<String, double[]> params = om.convertValue(st.get("params"), new TypeReference<Map<String, double[]>>() {});
        Map<String, double[]> dn = om.convertValue(st.get("dense_norms"), new TypeReference<Map<String, double[]>>() {});
        cur = new int[elements.size()][];
        nets = new Network[elements.size()];
        denseNorms = new double[elements.size()][];
        List<Activation> acts = new ArrayList<>(cfg.train().activations());
        acts.add(Activation.IDENTITY);
        for (int e = 0; e < cur.length; e++) {
            String el = elements.get(e);
            cur[e] = feats.get(el);
            denseNorms[e] = dn.get(el);
            if (cur[e].length > 0) {
                nets[e] = Network.of(cur[e].length, cfg.train().hidden(), acts, false);
                nets[e].setParams(params.get(el));
            }
        }
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private void writeOutputs() {
        AtomicFile.writeString(out.resolve("path.csv"), csv(points, elements));
        Map<String, Object> pj = new LinkedHashMap<>();
        pj.put("format", "sieve-path");
        pj.put("version", 1);
        pj.put("source", source);
        pj.put("config", stringify(cfg.fingerprint()));
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("hidden", cfg.train().hidden());
        train.put("activations", cfg.train().activations().stream().map(Enum::name).toList());
        train.put("scaling", cfg.train().scaling().name());
        train.put("forces", cfg.train().forceWeight());
        train.put("force_atoms", cfg.train().forceAtoms());
        train.put("split", cfg.train().split());
        train.put("seed", cfg.train().seed());
        pj.put("train", train);
        pj.put("elements", elements);
        pj.put("candidates", "candidates.yaml");
        pj.put("structures", Map.of("train", trainIdx.length, "validation", valIdx.length));
        pj.put("lambda_start", lambdaStart);
        pj.put("loss_scale", lossScale);
        pj.put("finished", finished);
        pj.put("seconds", seconds);
        pj.put("points", points);
        try {
            AtomicFile.writeString(out.resolve("path.json"), json().writeValueAsString(pj) + "\n");
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        PathPlot.save(points, out, "path");
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

    /** Reads {@code path.json} of a path directory. */
    public static Map<String, Object> readPathJson(Path dir) {
        Path f = dir.resolve("path.json");
        if (!Files.isRegularFile(f)) {
            throw new InputException("--path " + dir + ": no path.json (is it a sieve select output directory?)");
        }
        try {
            return new ObjectMapper().readValue(f.toFile(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new InputException("cannot read " + f + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The points of a parsed path.json. */
    public static List<PathPoint> points(Map<String, Object> pathJson) {
        return new ObjectMapper().convertValue(pathJson.get("points"), new TypeReference<List<PathPoint>>() {});
    }
}
