package dev.sieve.select;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.descriptor.SfSetFile;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.results.ParityPlots;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * How stable a selection is across paths made on different splits (or bootstrap samples, or seeds) of the same data
 * and candidates: for every candidate, the fraction of paths whose set at a requested count contains it (each path's
 * set: its point with the largest count at most K, the best by validation loss among equal counts, as
 * {@link KneeRule}'s count rule), and the smallest set size at which each path still kept it (mean and sample std; a
 * candidate removed first has a large value, one kept to the end a small one).
 */
public final class Stability {
    private Stability() {}

    /**
     * One candidate's stability.
     *
     * @param sf        the candidate
     * @param frequency per requested count, the fraction of paths whose set contains it
     * @param keptDownTo per path, the smallest feature count of a point that contains it (0 when the path never had it,
     *                  e.g. dropped as constant on that split)
     */
    public record Candidate(SymmetryFunction sf, double[] frequency, int[] keptDownTo) {
        public double meanKeptDownTo() {
            double s = 0;
            for (int k : keptDownTo) {
                s += k;
            }
            return s / keptDownTo.length;
        }

        public double stdKeptDownTo() {
            if (keptDownTo.length < 2) {
                return 0;
            }
            double m = meanKeptDownTo();
            double s = 0;
            for (int k : keptDownTo) {
                s += (k - m) * (k - m);
            }
            return Math.sqrt(s / (keptDownTo.length - 1));
        }
    }

    /** The analysis of {@code pathDirs} at {@code counts}; candidates in the first path's candidate order. */
    public static List<Candidate> analyse(List<Path> pathDirs, int[] counts) {
        if (pathDirs.size() < 2) {
            throw new InputException("stability needs at least two selection paths, got " + pathDirs.size());
        }
        List<SymmetryFunction> order = new ArrayList<>();
        Set<SymmetryFunction> seen = new HashSet<>();
        List<List<Set<SymmetryFunction>>> sets = new ArrayList<>();
        List<List<PathPoint>> pointLists = new ArrayList<>();
        Set<SymmetryFunction> first = null;
        for (Path dir : pathDirs) {
            PathFile pf = PathFile.read(dir);
            List<SymmetryFunction> cands = all(SfSetFile.read(dir.resolve(pf.candidates())));
            if (first == null) {
                first = new HashSet<>(cands);
            } else {
                requireSameCandidates(pathDirs.get(0), first, dir, new HashSet<>(cands));
            }
            for (SymmetryFunction f : cands) {
                if (seen.add(f)) {
                    order.add(f);
                }
            }
            // the path's own points (a set the search after the path chose is not a survival of the penalty)
            List<PathPoint> pts = pf.points().stream().filter(p -> p.setFile() != null && !p.isSearch()).toList();
            List<Set<SymmetryFunction>> s = new ArrayList<>();
            for (PathPoint p : pts) {
                s.add(new HashSet<>(all(SfSetFile.read(dir.resolve(p.setFile())))));
            }
            sets.add(s);
            pointLists.add(pts);
        }
        int n = pathDirs.size();
        List<Candidate> out = new ArrayList<>();
        for (SymmetryFunction f : order) {
            double[] freq = new double[counts.length];
            int[] kept = new int[n];
            for (int p = 0; p < n; p++) {
                List<PathPoint> pts = pointLists.get(p);
                int down = 0;
                for (int i = 0; i < pts.size(); i++) {
                    if (sets.get(p).get(i).contains(f) && (down == 0 || pts.get(i).features() < down)) {
                        down = pts.get(i).features();
                    }
                }
                kept[p] = down;
                for (int c = 0; c < counts.length; c++) {
                    int i = chosen(pts, counts[c]);
                    if (i >= 0 && sets.get(p).get(i).contains(f)) {
                        freq[c] += 1.0 / n;
                    }
                }
            }
            out.add(new Candidate(f, freq, kept));
        }
        return out;
    }

    /**
     * Refuses two paths over different candidate sets: a frequency over them would count a candidate one path could
     * not select as never selected.
     */
    private static void requireSameCandidates(Path a, Set<SymmetryFunction> ca, Path b, Set<SymmetryFunction> cb) {
        if (ca.equals(cb)) {
            return;
        }
        throw new InputException("PATHDIR " + a + " and PATHDIR " + b + " have different candidates (" + ca.size()
            + " and " + cb.size() + "; " + onlyIn(ca, cb, a) + ", " + onlyIn(cb, ca, b) + "); stability compares "
            + "paths over the same candidates");
    }

    /** The candidates of {@code x} missing in {@code y}, at most three named. */
    private static String onlyIn(Set<SymmetryFunction> x, Set<SymmetryFunction> y, Path dir) {
        List<String> names = x.stream().filter(f -> !y.contains(f)).map(f -> f.element() + " " + f.name()).sorted()
            .toList();
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size())))
            + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
        return names.isEmpty() ? "none only in " + dir : names.size() + " only in " + dir + ": " + shown;
    }

    /** Index of the point with the largest count at most k (lowest validation loss among equals), or -1. */
    static int chosen(List<PathPoint> pts, int k) {
        int best = -1;
        for (int i = 0; i < pts.size(); i++) {
            PathPoint p = pts.get(i);
            if (p.features() > k) {
                continue;
            }
            if (best < 0 || p.features() > pts.get(best).features()
                || p.features() == pts.get(best).features() && p.valLoss() < pts.get(best).valLoss()) {
                best = i;
            }
        }
        return best;
    }

    private static List<SymmetryFunction> all(SymmetryFunctionSet s) {
        List<SymmetryFunction> l = new ArrayList<>();
        for (String e : s.elements()) {
            l.addAll(s.forElement(e));
        }
        return l;
    }

    /** Writes stability.md, stability.csv and stability.{png,svg} into {@code out}. */
    public static void write(List<Candidate> cands, int[] counts, int paths, Path out) {
        StringBuilder csv = new StringBuilder("index,element,name");
        for (int k : counts) {
            csv.append(",freq_at_").append(k);
        }
        csv.append(",kept_down_to_mean,kept_down_to_std\n");
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i);
            csv.append(i + 1).append(',').append(c.sf().element()).append(',').append(c.sf().name());
            for (double v : c.frequency()) {
                csv.append(',').append(v);
            }
            csv.append(',').append(c.meanKeptDownTo()).append(',').append(c.stdKeptDownTo()).append('\n');
        }
        AtomicFile.writeString(out.resolve("stability.csv"), csv.toString());
        List<Integer> byImportance = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
            byImportance.add(i);
        }
        byImportance.sort((a, b) -> Double.compare(cands.get(a).meanKeptDownTo() == 0 ? 1e300
            : cands.get(a).meanKeptDownTo(), cands.get(b).meanKeptDownTo() == 0 ? 1e300
            : cands.get(b).meanKeptDownTo()));
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Selection stability over %d paths: the "
            + "fraction of paths whose set at K features contains each candidate, and the smallest set size that still "
            + "kept it (mean ± std over the paths; small = kept longest = most important).%n%n| # | symmetry function ",
            paths));
        for (int k : counts) {
            md.append("| in set at ").append(k).append(' ');
        }
        md.append("| kept down to |\n|---|---|");
        md.append("---|".repeat(counts.length)).append("---|\n");
        for (int i : byImportance) {
            Candidate c = cands.get(i);
            md.append("| ").append(i + 1).append(" | `").append(c.sf().name()).append("` ");
            for (double v : c.frequency()) {
                md.append(String.format(Locale.ROOT, "| %.2f ", v));
            }
            md.append(String.format(Locale.ROOT, "| %.1f ± %.1f |%n", c.meanKeptDownTo(), c.stdKeptDownTo()));
        }
        AtomicFile.writeString(out.resolve("stability.md"), md.toString());
        ParityPlots.save(chart(cands, counts, paths), out, "stability");
    }

    static CategoryChart chart(List<Candidate> cands, int[] counts, int paths) {
        CategoryChart c = new CategoryChartBuilder().width(Math.max(900, 14 * cands.size())).height(560)
            .title("Selection frequency over " + paths + " paths").xAxisTitle("candidate (order of the candidate file)")
            .yAxisTitle("fraction of paths selecting it").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setOverlapped(false);
        c.getStyler().setXAxisLabelRotation(90);
        List<String> x = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
            x.add(String.valueOf(i + 1));
        }
        Map<Integer, List<Double>> ys = new LinkedHashMap<>();
        for (int k = 0; k < counts.length; k++) {
            List<Double> y = new ArrayList<>();
            for (Candidate cd : cands) {
                y.add(cd.frequency()[k]);
            }
            ys.put(counts[k], y);
        }
        for (Map.Entry<Integer, List<Double>> e : ys.entrySet()) {
            c.addSeries("set of " + e.getKey() + " features", x, e.getValue());
        }
        return c;
    }

    /** Requires that {@code dir} exists as a path directory (for the CLI's early check). */
    public static void requirePath(Path dir) {
        if (!Files.isRegularFile(dir.resolve(PathFile.NAME))) {
            throw new InputException(dir + ": no " + PathFile.NAME + " (give directories written by sieve select)");
        }
    }
}
