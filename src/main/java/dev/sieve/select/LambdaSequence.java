package dev.sieve.select;

import dev.sieve.core.Seeds;
import dev.sieve.nn.Network;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The lambdas of a path: lambda_start (given, from lambda_zero, or from the onset found by probe fits), the automatic
 * sequence after it (growing faster while points remove nothing), and the remakes of a point at smaller lambdas while
 * it would remove more features than allowed or skip a requested count ({@code --counts}).
 */
final class LambdaSequence {
    /** Most remakes of one point at smaller lambdas. */
    static final int MAX_REMAKES = 4;

    private final PathConfig cfg;
    private final PathData pd;
    private final PathState st;
    private final PenaltyWeights weights;
    private final PointFit fit;
    private final PrintStream log;
    /** Test hook: stop (as if killed) after this many onset probes; -1: never. */
    private final int killAfterProbes;

    LambdaSequence(PathConfig cfg, PathData pd, PathState st, PenaltyWeights weights, PointFit fit, PrintStream log,
                   int killAfterProbes) {
        this.cfg = cfg;
        this.pd = pd;
        this.st = st;
        this.weights = weights;
        this.fit = fit;
        this.log = log;
        this.killAfterProbes = killAfterProbes;
    }

    /**
     * lambda_start from the dense networks (the onset search is deterministic: its probes depend on the dense weights
     * and seeds only, so a resume that repeats it finds the same value).
     */
    double start() {
        double lz = Double.POSITIVE_INFINITY;
        double[][] ones = weights.unit(st.nets);
        for (int e = 0; e < st.nets.length; e++) {
            lz = Math.min(lz, GroupLasso.lambdaToZero(st.nets[e], cfg.fitSchedule().lr(0), ones[e]));
        }
        double start = startLambda(lz);
        log.printf(Locale.ROOT, "lambda_zero %.6g, lambda_start %.6g%n", lz, start);
        return start;
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
     * then, if nothing vanished, the adaptive fit from it, as {@link PointFit#next} does (seed streams
     * {@code LAMBDA_PROBE + 2 probe} and {@code + 1}).
     */
    private boolean probeVanishes(double lambda, int probe) {
        if (probe == killAfterProbes) {
            throw new IllegalStateException("stopped for a test after " + probe + " onset probes");
        }
        Network[] copies = new Network[st.nets.length];
        for (int e = 0; e < st.nets.length; e++) {
            copies[e] = st.nets[e].copy();
        }
        double[][] ones = weights.unit(st.nets);
        long seed = cfg.train().seed();
        PenalizedFit.run(pd.full(), pd.trainIdx(), pd.valIdx(), copies, cfg.train(), new PenalizedFit.Spec(lambda,
            ones, cfg.fitSchedule(), cfg.fitStopping(), Seeds.mix(seed, Seeds.LAMBDA_PROBE + 2L * probe),
            pd.lossScale(), pd.l2(), !cfg.plainProx()));
        if (anyVanished(copies)) {
            return true;
        }
        double[][] a = weights.adaptive(copies);
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

    /** The lambda of point k &ge; 1, NaN past the end of an explicit list. */
    double lambda(int k) {
        List<Double> l = cfg.lambdas().explicit();
        if (l != null) {
            return k - 1 < l.size() ? l.get(k - 1) : Double.NaN;
        }
        if (k <= 1) {
            return st.lambdaStart;
        }
        return st.points.get(k - 1).lambda() * growth(k);
    }

    /**
     * The factor from point k-1 to point k: {@code factor} after a point that removed features; after m points in a
     * row that removed none, factor^(2^m) up to 2 (or factor, if larger), so a path that starts far below the onset
     * reaches it in a few points rather than dozens.
     */
    double growth(int k) {
        List<PathPoint> points = st.points;
        double f = cfg.lambdas().factor();
        double cap = Math.max(2.0, f);
        double g = f;
        for (int i = k - 1; i >= 1 && points.get(i).features() == points.get(i - 1).features() && g < cap; i--) {
            g = Math.min(cap, g * g);
        }
        return g;
    }

    /**
     * Point k at lambda, made again at geometric midpoints towards the previous lambda while it removes more features
     * than the automatic sequence allows ({@link PathConfig.Lambdas#maxDrop()}), so that a steep path still passes
     * through the counts in between (at most {@link #MAX_REMAKES} times, and only while the smaller lambda removes
     * fewer features), or while it skips a requested count.
     *
     * @return the point made (not yet added to the state's points)
     */
    PathPoint pointWithinDrop(int k, double lambda) {
        PathConfig.Lambdas ls = cfg.lambdas();
        double prev = k == 1 ? st.lambdaStart / ls.factor() : st.points.get(k - 1).lambda();
        int lastDrop = Integer.MAX_VALUE;
        int targetTries = 0;
        for (int attempt = 0; ; attempt++) {
            int before = st.liveCount();
            PathState.Saved saved = st.save();
            PathPoint p = fit.next(k, lambda);
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
                st.undo(saved);
                double next = Math.sqrt(prev * lambda);
                log.printf(Locale.ROOT, "point %d: lambda %.6g would remove %d of %d features (%s); "
                    + "trying lambda %.6g%n", k, lambda, before - p.features(), before, tooMany ? "more than "
                    + allowed : "past the requested count " + target, next);
                lambda = next;
                continue;
            }
            log.printf(Locale.ROOT, "point %d: lambda %.6g, %d features (%d angular; %d after group lasso), "
                    + "validation loss %.6g (%.3f meV/atom), objective %.6g, epochs %d+%d, %.1f s%n", k, lambda,
                p.features(), p.angular(), p.glFeatures(), p.valLoss(), p.valRmse(), p.valObjective(), p.epochsGl(),
                p.epochsAgl(), p.seconds());
            return p;
        }
    }
}
