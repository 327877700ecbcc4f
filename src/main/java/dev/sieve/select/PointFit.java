package dev.sieve.select;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.Seeds;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.Network;
import dev.sieve.nn.Scaling;
import dev.sieve.nn.ScalingMode;
import dev.sieve.train.DataPreparation;
import dev.sieve.train.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fits of one point of the path, on the path's state: a group-lasso fit, removal of the groups it zeroes, adaptive
 * weights, an adaptive fit, removal of its zeros; then the point's record and outputs ({@code points/pNNN/sf.yaml}
 * and the model).
 */
final class PointFit {
    private final PathConfig cfg;
    private final PathData pd;
    private final PathState st;
    private final PenaltyWeights weights;
    private final Path out;

    PointFit(PathConfig cfg, PathData pd, PathState st, PenaltyWeights weights, Path out) {
        this.cfg = cfg;
        this.pd = pd;
        this.st = st;
        this.weights = weights;
        this.out = out;
    }

    /** Point k at lambda: a group-lasso fit, removal of its zero groups, an adaptive fit, removal of its zeros. */
    PathPoint next(int k, double lambda) {
        long p0 = System.nanoTime();
        TrainingData data = DataPreparation.selectFeatures(pd.full(), st.cur);
        double[][] ones = weights.unit(st.nets);
        PenalizedFit.Result gl = penalisedFit(data, lambda, ones, Seeds.PATH_FIT + 2L * k, false);
        int[][] keep = st.survivors();
        int glCount = PathState.total(keep);
        PathPoint p;
        if (PathState.anyEmpty(keep)) {
            p = point(k, lambda, data, gl, gl, glCount, keepAll(k));
            st.drop(keep);
            st.finished = true;
        } else {
            if (!cfg.revivable()) {
                st.drop(keep);
                data = DataPreparation.selectFeatures(pd.full(), st.cur);
            }
            PenalizedFit.Result agl = penalisedFit(data, lambda, weights.adaptive(st.nets),
                Seeds.PATH_FIT + 2L * k + 1, true);
            keep = st.survivors();
            p = point(k, lambda, data, gl, agl, glCount, keep);
            st.finished = PathState.anyEmpty(keep);
            if (!cfg.revivable()) {
                st.drop(keep);
            }
        }
        int tot = st.finished ? p.features() : st.liveCount();
        PathConfig.Lambdas ls = cfg.lambdas();
        int smallest = ls.targets().stream().mapToInt(Integer::intValue).min().orElse(0);
        if (!st.finished && (tot <= ls.minFeatures() || tot <= smallest || ls.explicit() != null && k >= ls.explicit().size()
            || k >= ls.maxPoints())) {
            st.finished = true;
        }
        return withOutputs(p, (System.nanoTime() - p0) * 1e-9);
    }

    /** Point 0, the dense fit {@code r} of all candidates, with its outputs. */
    PathPoint dense(PenalizedFit.Result r, double secs) {
        return withOutputs(point(0, 0.0, pd.full(), r, r, PathState.total(st.cur), keepAll(0)), secs);
    }

    /**
     * The point of the set that the search chose at its count: {@code points/pNNN/sf.yaml} and (unless disabled) the
     * model of its refit on the search's first split.
     */
    PathPoint searchPoint(int k, double lambda, SetSearch.Result r, SymmetryFunctionSet set, double secs) {
        Map<String, Integer> per = new LinkedHashMap<>();
        int ang = 0;
        for (String el : set.elements()) {
            per.put(el, set.size(el));
            ang += (int) set.forElement(el).stream().filter(SymmetryFunction::isAngular).count();
        }
        String dir = String.format(Locale.ROOT, "points/p%03d", k);
        Path pdir = out.resolve(dir);
        try {
            Files.createDirectories(pdir);
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        SfSetFile.write(pdir.resolve("sf.yaml"), set);
        String model = null;
        if (cfg.writeModels() && r.model() != null) {
            N2p2Potential.write(r.model(), pdir.resolve("model"));
            model = dir + "/model";
        }
        st.seconds += secs;
        SetSearch.Evaluation b = r.bestEval();
        return new PathPoint(k, lambda, per, set.totalSize(), ang, set.totalSize(), Double.NaN, b.score(), 0.0,
            b.score(), b.trainRmse(), b.valRmse(), 0, r.evaluations().size(), secs, dir + "/sf.yaml", model,
            PathPoint.SEARCH);
    }

    private PenalizedFit.Result penalisedFit(TrainingData data, double lambda, double[][] a, long stream,
                                             boolean adaptive) {
        int[][][] blocks = cfg.tripletWeight() > 0 ? weights.tripletBlocks() : null;
        double[][] b = blocks == null ? null : weights.blocks(blocks, adaptive);
        return PenalizedFit.run(data, pd.trainIdx(), pd.valIdx(), st.nets, cfg.train(), new PenalizedFit.Spec(lambda,
            a, cfg.fitSchedule(), cfg.fitStopping(), Seeds.mix(cfg.train().seed(), stream), pd.lossScale(), pd.l2(),
            !cfg.plainProx(), blocks, b));
    }

    /** The kept inputs of a point's record: all current inputs for point 0, else the networks' survivors. */
    private int[][] keepAll(int k) {
        int[][] keep = new int[st.cur.length][];
        for (int e = 0; e < st.cur.length; e++) {
            keep[e] = k == 0 ? SelectionPath.range(st.cur[e].length) : GroupLasso.survivors(st.nets[e]);
        }
        return keep;
    }

    private PathPoint point(int k, double lambda, TrainingData data, PenalizedFit.Result gl, PenalizedFit.Result fin,
                            int glCount, int[][] keep) {
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
            k == 0 ? 0 : fin.epochs(), 0, null, null, null);
    }

    /** Writes the point's set and model (for the current networks and features) and fills in their paths. */
    private PathPoint withOutputs(PathPoint p, double secs) {
        String set = null;
        String model = null;
        if (!st.anyEmptyLive()) {
            String dir = String.format(Locale.ROOT, "points/p%03d", p.index());
            Path pdir = out.resolve(dir);
            try {
                Files.createDirectories(pdir);
            } catch (IOException e) {
                throw AtomicFile.unchecked(e);
            }
            SymmetryFunctionSet s = selectedSet(p.index());
            SfSetFile.write(pdir.resolve("sf.yaml"), s);
            set = dir + "/sf.yaml";
            if (cfg.writeModels()) {
                N2p2Potential.write(model(s), pdir.resolve("model"));
                model = dir + "/model";
            }
        }
        st.seconds += secs;
        return new PathPoint(p.index(), p.lambda(), p.perElement(), p.features(), p.angular(), p.glFeatures(),
            p.trainLoss(), p.valLoss(), p.penalty(), p.valObjective(), p.trainRmse(), p.valRmse(), p.epochsGl(),
            p.epochsAgl(), secs, set, model, null);
    }

    private SymmetryFunctionSet selectedSet(int k) {
        int[][] live = st.liveFeatures();
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int e = 0; e < st.cur.length; e++) {
            m.put(pd.elements().get(e), live[e]);
        }
        return pd.cand().select(pd.cand().name() + "-agl-p" + k, m);
    }

    /** The point's model: the live features only (zero groups contribute nothing, so removing them is exact). */
    private HdnnpModel model(SymmetryFunctionSet s) {
        int[][] live = st.liveFeatures();
        List<Scaling> sc = new ArrayList<>();
        List<Network> ns = new ArrayList<>();
        for (int e = 0; e < st.cur.length; e++) {
            Scaling f = pd.scalings().get(e);
            sc.add(f.mode() == ScalingMode.NONE ? Scaling.identity(pd.elements().get(e), live[e].length)
                : new Scaling(pd.elements().get(e), f.mode(), f.smin(), f.smax(), f.statistics().subset(live[e])));
            Network n = st.nets[e];
            ns.add(cfg.revivable() ? GroupLasso.keepInputs(n, GroupLasso.survivors(n)) : n.copy());
        }
        return new HdnnpModel(s, sc, ns, pd.mu().clone(), HdnnpModel.Units.EV_ANGSTROM);
    }
}
