package dev.sieve.select;

import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Model choice on a regularization path: which feature count (and which path point) to refit.
 *
 * <h2>The knee rule ({@code knee} or {@code knee:C}, default C = 2)</h2>
 * Works on the curve a person reads in the path figure: validation loss V against feature count D. (Not the
 * validation objective: its penalty term grows with lambda, so at equal counts it is larger for later points and it is
 * not comparable along the path - in our loss units it even falls while features go; the refit that follows is
 * unpenalised. In the paper's units the penalty is small against the loss and both curves coincide.)
 * <ol>
 *   <li>Lower envelope: for every count D &ge; 1, the smallest V of the path points with D features (the dense fit
 *       included), reduced to its Pareto front (a count is dropped when a smaller count has a value at least as low:
 *       it is dominated). V* is the smallest V on the front (the plateau level).</li>
 *   <li>Steep region: a value of at least C V* counts as "the error has risen steeply". D_c is the largest count whose
 *       envelope value reaches C V* (the smallest count on the path if none does); only counts D &ge; D_c are
 *       considered, and their values are clipped at C V*, so a huge error at one or two features cannot flatten
 *       the rest of the curve.</li>
 *   <li>Both axes are normalised to [0, 1] on that region (x = (D - D_c) / (D_max - D_c),
 *       y = (min(V, C V*) - V*) / ((C - 1) V*)), and the knee is the point farthest below the chord between the two
 *       ends (D_c and D_max) - the classic "maximum distance from the chord" corner of an L-shaped curve. Ties go to
 *       the smaller count. If no point lies below the chord (a straight or concave curve), the smallest count of the
 *       region whose value is below C V* is taken.</li>
 * </ol>
 * Why: on an AGL path the objective is flat (within noise) while useless features go, then rises within a few
 * features by orders of magnitude. The chord corner alone, on the raw curve, is pulled into that steep rise (its
 * largest values dominate the normalisation); the cap removes the steep part so that the corner is where the plateau
 * ends - the last count before the error starts to climb, which is what one picks by eye. The cap C sets what "steep"
 * means: with C = 2 a rise to twice the best value is steep; smaller C is more conservative (larger sets).
 *
 * <h2>The tolerance rule ({@code tol:X%})</h2>
 * The smallest count whose best validation loss is within X % of the best validation loss on the path (dense fit
 * included).
 *
 * <h2>The count rule ({@code count:N})</h2>
 * The largest count on the path that is at most N.
 *
 * <p>Among several path points with the chosen count, the one with the lowest validation loss is taken; a set that the
 * search after the path chose at that count ({@link PathPoint#isSearch()}) is taken before any of them. The knee and
 * tolerance rules read the curve of the path's own points (the search's losses come from other fits).
 */
public final class KneeRule {
    private KneeRule() {}

    /** A parsed {@code --choose} value. */
    public record Choice(String kind, double value, String text) {
        public static Choice parse(String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.equals("knee")) {
                    return new Choice("knee", 2.0, s.strip());
                }
                if (t.startsWith("knee:")) {
                    double c = Double.parseDouble(t.substring(5));
                    if (!(c > 1) || !Double.isFinite(c)) {
                        throw new SettingException("choose", s + ": the knee cap must be > 1, e.g. knee:2");
                    }
                    return new Choice("knee", c, s.strip());
                }
                if (t.startsWith("tol:")) {
                    String v = t.substring(4);
                    boolean pct = v.endsWith("%");
                    double x = Double.parseDouble(pct ? v.substring(0, v.length() - 1) : v);
                    x = pct ? x / 100 : x;
                    if (!(x >= 0) || !Double.isFinite(x)) {
                        throw new SettingException("choose", s + ": tolerance must be >= 0, e.g. tol:5%");
                    }
                    return new Choice("tol", x, s.strip());
                }
                if (t.startsWith("count:")) {
                    int n = Integer.parseInt(t.substring(6));
                    if (n < 1) {
                        throw new SettingException("choose", s + ": count must be >= 1");
                    }
                    return new Choice("count", n, s.strip());
                }
            } catch (NumberFormatException e) {
                throw new SettingException("choose", s + ": bad number; expected knee, knee:C, tol:X% or count:N");
            }
            throw new SettingException("choose", s + ": unknown rule; expected knee, knee:C, tol:X% or count:N");
        }
    }

    /** Applies a choice to path points; returns the chosen point. */
    public static PathPoint choose(List<PathPoint> points, Choice c) {
        List<PathPoint> usable = new ArrayList<>();
        List<PathPoint> searched = new ArrayList<>();
        for (PathPoint p : points) {
            if (p.features() >= 1 && p.setFile() != null && Double.isFinite(p.valLoss())) {
                (p.isSearch() ? searched : usable).add(p);
            }
        }
        if (c.kind().equals("count")) {
            usable.addAll(searched);
        }
        if (usable.isEmpty()) {
            throw new InputException("the path has no point with features to choose from");
        }
        int d = switch (c.kind()) {
            case "knee" -> {
                List<double[]> curve = new ArrayList<>();
                for (PathPoint p : usable) {
                    curve.add(new double[] {p.features(), p.valLoss()});
                }
                yield knee(curve, c.value());
            }
            case "tol" -> {
                double best = Double.POSITIVE_INFINITY;
                for (PathPoint p : usable) {
                    best = Math.min(best, p.valLoss());
                }
                int m = Integer.MAX_VALUE;
                for (PathPoint p : usable) {
                    if (p.valLoss() <= best * (1 + c.value())) {
                        m = Math.min(m, p.features());
                    }
                }
                yield m;
            }
            case "count" -> {
                int m = -1;
                for (PathPoint p : usable) {
                    if (p.features() <= c.value()) {
                        m = Math.max(m, p.features());
                    }
                }
                if (m < 0) {
                    throw new SettingException("choose", c.text() + ": the path has no point with at most "
                        + (int) c.value() + " features");
                }
                yield m;
            }
            default -> throw new IllegalArgumentException(c.kind());
        };
        for (PathPoint p : searched) {
            if (p.features() == d) {
                return p;
            }
        }
        PathPoint best = null;
        for (PathPoint p : usable) {
            if (!p.isSearch() && p.features() == d && (best == null || p.valLoss() < best.valLoss())) {
                best = p;
            }
        }
        return best;
    }

    /**
     * The knee count of a curve of (count, value) pairs (see the class comment).
     *
     * @param cap C &gt; 1
     */
    public static int knee(List<double[]> curve, double cap) {
        TreeMap<Integer, Double> env = new TreeMap<>();
        for (double[] p : curve) {
            int d = (int) p[0];
            if (d >= 1 && Double.isFinite(p[1])) {
                env.merge(d, p[1], Math::min);
            }
        }
        if (env.isEmpty()) {
            throw new IllegalArgumentException("no point with a feature count >= 1");
        }
        // Pareto front: a count whose value is not below that of some smaller count is dominated by it
        TreeMap<Integer, Double> front = new TreeMap<>();
        double run = Double.POSITIVE_INFINITY;
        for (var e : env.entrySet()) {
            if (e.getValue() < run) {
                run = e.getValue();
                front.put(e.getKey(), run);
            }
        }
        env = front;
        double vStar = Double.POSITIVE_INFINITY;
        for (double v : env.values()) {
            vStar = Math.min(vStar, v);
        }
        double c = cap * vStar;
        int dc = env.firstKey();
        for (var e : env.entrySet()) {
            if (e.getValue() >= c) {
                dc = Math.max(dc, e.getKey());
            }
        }
        int dmax = env.lastKey();
        if (dmax == dc) {
            return dmax;
        }
        double range = c - vStar;
        double y0 = (Math.min(env.get(dc), c) - vStar) / range;
        double y1 = (Math.min(env.get(dmax), c) - vStar) / range;
        int best = -1;
        double bestDist = 0.0;
        for (var e : env.tailMap(dc, true).entrySet()) {
            double x = (double) (e.getKey() - dc) / (dmax - dc);
            double y = (Math.min(e.getValue(), c) - vStar) / range;
            double dist = y0 + (y1 - y0) * x - y;
            if (dist > bestDist) {
                bestDist = dist;
                best = e.getKey();
            }
        }
        if (best < 0) {
            for (var e : env.tailMap(dc, true).entrySet()) {
                if (e.getValue() < c) {
                    return e.getKey();
                }
            }
            return dmax;
        }
        return best;
    }
}
