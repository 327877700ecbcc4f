package dev.sieve.report;

import dev.sieve.core.Json;
import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.results.ParityPlots;
import dev.sieve.select.RefitFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Selection methods side by side ({@code sieve compare}): the refit tables ({@code refit.json}) of several methods'
 * feature sets, trained and tested on the same splits, gathered into one table and one figure of test error against
 * feature count (mean and sample std over the splits), with Welch t-tests of every method against the first (the
 * reference, e.g. AGL) at each feature count both have, and between any two rows asked for.
 */
public final class Comparison {
    private Comparison() {}

    /** One refit row of one method: per-split test errors. */
    public record Row(String method, String choice, int features, int angular, double[] rmse, double[] mae,
                      double[] forceMae, double[] forceRmse, Double mdStepsPerSecond) {
        String key() {
            return method + "/" + choice;
        }
    }

    /** A Welch test between two rows on one error measure. */
    public record Test(String a, String b, int featuresA, int featuresB, String measure, double meanA, double meanB,
                       WelchTest welch) {}

    /** Reads the rows of {@code dir/refit.json} (every key checked: {@link RefitFile}), labelled {@code method}. */
    public static List<Row> read(Path dir, String method) {
        if (!RefitFile.exists(dir)) {
            throw new InputException(dir + ": no refit.json (give directories written by sieve refit)");
        }
        List<Row> rows = new ArrayList<>();
        for (RefitFile.Row r : RefitFile.read(dir).rows()) {
            rows.add(new Row(method, r.choice(), r.features(), r.angular(), r.testRmse().values(),
                r.testMae().values(), values(r.testForceMae()), values(r.testForceRmse()), r.mdStepsPerSecond()));
        }
        if (rows.isEmpty()) {
            throw new InputException(dir.resolve(RefitFile.NAME) + ": the refit table has no rows");
        }
        return rows;
    }

    private static double[] values(RefitFile.Stats s) {
        return s == null ? new double[0] : s.values();
    }

    /**
     * Welch tests of every other method's rows against the reference method's row with the same feature count, on
     * the test RMSE and (when both have forces) the force MAE.
     */
    public static List<Test> testsAgainstReference(List<Row> rows, String reference) {
        List<Test> tests = new ArrayList<>();
        for (Row ref : rows) {
            if (!ref.method().equals(reference)) {
                continue;
            }
            for (Row o : rows) {
                if (!o.method().equals(reference) && o.features() == ref.features()) {
                    tests.addAll(tests(ref, o));
                }
            }
        }
        return tests;
    }

    /** The tests between two rows (test RMSE; force MAE when both have it). */
    public static List<Test> tests(Row a, Row b) {
        List<Test> t = new ArrayList<>();
        t.add(new Test(a.key(), b.key(), a.features(), b.features(), "test RMSE (meV/atom)", WelchTest.mean(a.rmse()),
            WelchTest.mean(b.rmse()), WelchTest.of(a.rmse(), b.rmse())));
        if (a.forceMae().length > 0 && b.forceMae().length > 0) {
            t.add(new Test(a.key(), b.key(), a.features(), b.features(), "force MAE (eV/Å)",
                WelchTest.mean(a.forceMae()), WelchTest.mean(b.forceMae()), WelchTest.of(a.forceMae(), b.forceMae())));
        }
        return t;
    }

    /**
     * The error-cost Pareto front: rows with an MD speed that no other row beats on both mean test RMSE and speed
     * (ordered from fastest to most accurate).
     */
    public static List<Row> paretoFront(List<Row> rows) {
        List<Row> timed = rows.stream().filter(r -> r.mdStepsPerSecond() != null && r.rmse().length > 0).toList();
        List<Row> front = new ArrayList<>();
        for (Row r : timed) {
            boolean dominated = false;
            for (Row o : timed) {
                double eo = WelchTest.mean(o.rmse());
                double er = WelchTest.mean(r.rmse());
                if (o != r && eo <= er && o.mdStepsPerSecond() >= r.mdStepsPerSecond()
                    && (eo < er || o.mdStepsPerSecond() > r.mdStepsPerSecond())) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(r);
            }
        }
        front.sort(Comparator.comparingDouble((Row r) -> -r.mdStepsPerSecond()));
        return front;
    }

    /** The fastest row (by MD speed) whose mean test RMSE is within {@code percent} % of the best row's, or null. */
    public static Row fastestWithin(List<Row> rows, double percent) {
        double best = rows.stream().filter(r -> r.rmse().length > 0).mapToDouble(r -> WelchTest.mean(r.rmse()))
            .min().orElse(Double.NaN);
        Row pick = null;
        for (Row r : rows) {
            if (r.mdStepsPerSecond() != null && r.rmse().length > 0
                && WelchTest.mean(r.rmse()) <= best * (1 + percent / 100)
                && (pick == null || r.mdStepsPerSecond() > pick.mdStepsPerSecond())) {
                pick = r;
            }
        }
        return pick;
    }

    /** Writes compare.md, compare.csv, compare.json and the figures into {@code out}. */
    public static void write(List<Row> rows, List<Test> tests, Path out) {
        write(rows, tests, 5.0, out);
    }

    /**
     * Writes compare.md, compare.csv, compare.json and the figures (with MD speeds also pareto.{png,svg}) into
     * {@code out}; {@code withinPercent} sets the "fastest set within X % of the best error" rule.
     */
    public static void write(List<Row> rows, List<Test> tests, double withinPercent, Path out) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::method, Comparator.comparingInt(m -> order(rows, m)))
            .thenComparing(Comparator.comparingInt(Row::features).reversed()));
        AtomicFile.writeString(out.resolve("compare.md"), markdown(sorted, tests) + paretoMarkdown(sorted,
            withinPercent));
        AtomicFile.writeString(out.resolve("compare.csv"), csv(sorted));
        try {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("rows", sorted.stream().map(Comparison::json).toList());
            root.put("tests", tests.stream().map(Comparison::json).toList());
            AtomicFile.writeString(out.resolve("compare.json"), Json.prettyLine(root));
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
        ParityPlots.save(chart(sorted, false), out, "compare");
        if (sorted.stream().anyMatch(r -> r.forceMae().length > 0)) {
            ParityPlots.save(chart(sorted, true), out, "compare_forces");
        }
        if (!paretoFront(sorted).isEmpty()) {
            ParityPlots.save(paretoChart(sorted), out, "pareto");
        }
    }

    static String paretoMarkdown(List<Row> rows, double percent) {
        List<Row> front = paretoFront(rows);
        if (front.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nError-cost Pareto front (no other row is both faster in MD and more "
            + "accurate), fastest first:\n\n| method | choice | D | MD steps/s | test RMSE (meV/atom) |\n"
            + "|---|---|---|---|---|\n");
        for (Row r : front) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %s |%n", r.method(), r.choice(), r.features(),
                r.mdStepsPerSecond(), pm(r.rmse(), "%.3f")));
        }
        Row f = fastestWithin(rows, percent);
        if (f != null) {
            b.append(String.format(Locale.ROOT, "%nFastest set within %s %% of the best mean test RMSE: %s %s (%d "
                + "functions, %.1f MD steps/s, %s meV/atom).%n", fmtPercent(percent), f.method(), f.choice(), f.features(),
                f.mdStepsPerSecond(), pm(f.rmse(), "%.3f")));
        }
        return b.toString();
    }

    private static String fmtPercent(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** Test RMSE against MD time per step (ms), every timed row, the front marked. */
    static XYChart paretoChart(List<Row> rows) {
        XYChart c = new XYChartBuilder().width(900).height(620).title("Error against MD cost")
            .xAxisTitle("MD time per step on the benchmark cell (ms)").yAxisTitle("test energy RMSE (meV/atom)")
            .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        List<String> methods = rows.stream().map(Row::method).distinct().toList();
        for (int m = 0; m < methods.size(); m++) {
            String method = methods.get(m);
            List<Row> mine = rows.stream().filter(r -> r.method().equals(method) && r.mdStepsPerSecond() != null
                && r.rmse().length > 0).toList();
            if (mine.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(method, mine.stream().mapToDouble(r -> 1000.0 / r.mdStepsPerSecond()).toArray(),
                mine.stream().mapToDouble(r -> WelchTest.mean(r.rmse())).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(COLORS[m % COLORS.length]);
        }
        List<Row> front = paretoFront(rows);
        XYSeries f = c.addSeries("Pareto front", front.stream().mapToDouble(r -> 1000.0 / r.mdStepsPerSecond())
            .toArray(), front.stream().mapToDouble(r -> WelchTest.mean(r.rmse())).toArray());
        f.setMarker(SeriesMarkers.NONE);
        f.setLineColor(Color.BLACK);
        f.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f},
            0f));
        return c;
    }

    private static int order(List<Row> rows, String method) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).method().equals(method)) {
                return i;
            }
        }
        return rows.size();
    }

    private static String pm(double[] a, String fmt) {
        if (a.length == 0) {
            return "–";
        }
        double m = WelchTest.mean(a);
        return a.length < 2 ? String.format(Locale.ROOT, fmt, m)
            : String.format(Locale.ROOT, fmt + " ± " + fmt, m, Math.sqrt(WelchTest.variance(a, m)));
    }

    static String markdown(List<Row> rows, List<Test> tests) {
        StringBuilder b = new StringBuilder();
        b.append("| method | choice | D | D angular | splits | test RMSE (meV/atom) | test MAE (meV/atom) "
            + "| force MAE (eV/Å) | force RMSE (eV/Å) | MD steps/s |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %s | %s | %s | %s | %s |%n", r.method(),
                r.choice(), r.features(), r.angular(), r.rmse().length, pm(r.rmse(), "%.3f"), pm(r.mae(), "%.3f"),
                pm(r.forceMae(), "%.4f"), pm(r.forceRmse(), "%.4f"),
                r.mdStepsPerSecond() == null ? "–" : String.format(Locale.ROOT, "%.1f", r.mdStepsPerSecond())));
        }
        b.append("\nMean ± sample standard deviation over the refit splits.\n");
        if (!tests.isEmpty()) {
            b.append("\nWelch t-tests (two-sided; p < 0.05 marked *):\n\n| A | B | measure | mean A | mean B | t | df "
                + "| p |\n|---|---|---|---|---|---|---|---|\n");
            for (Test t : tests) {
                WelchTest w = t.welch();
                b.append(String.format(Locale.ROOT, "| %s (%d) | %s (%d) | %s | %.4g | %.4g | %.3f | %.1f | %.3g%s |%n",
                    t.a(), t.featuresA(), t.b(), t.featuresB(), t.measure(), t.meanA(), t.meanB(), w.t(), w.df(),
                    w.p(), w.p() < 0.05 ? " *" : ""));
            }
        }
        return b.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("method,choice,features,angular,splits,rmse_mean,rmse_std,mae_mean,"
            + "force_mae_mean,force_mae_std,force_rmse_mean,md_steps_per_s\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s%n", r.method(), r.choice(),
                r.features(), r.angular(), r.rmse().length, mean(r.rmse()), std(r.rmse()), mean(r.mae()),
                mean(r.forceMae()), std(r.forceMae()), mean(r.forceRmse()),
                r.mdStepsPerSecond() == null ? "" : r.mdStepsPerSecond()));
        }
        return b.toString();
    }

    private static String mean(double[] a) {
        return a.length == 0 ? "" : String.valueOf(WelchTest.mean(a));
    }

    private static String std(double[] a) {
        return a.length < 2 ? "" : String.valueOf(Math.sqrt(WelchTest.variance(a, WelchTest.mean(a))));
    }

    private static Map<String, Object> json(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method());
        m.put("choice", r.choice());
        m.put("features", r.features());
        m.put("angular", r.angular());
        m.put("test_rmse_mev_atom", r.rmse());
        m.put("test_mae_mev_atom", r.mae());
        m.put("test_force_mae_ev_a", r.forceMae());
        m.put("test_force_rmse_ev_a", r.forceRmse());
        m.put("md_steps_per_s", r.mdStepsPerSecond());
        return m;
    }

    private static Map<String, Object> json(Test t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", t.a());
        m.put("b", t.b());
        m.put("features_a", t.featuresA());
        m.put("features_b", t.featuresB());
        m.put("measure", t.measure());
        m.put("mean_a", t.meanA());
        m.put("mean_b", t.meanB());
        m.put("t", finite(t.welch().t()));
        m.put("df", finite(t.welch().df()));
        m.put("p", finite(t.welch().p()));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /** Errors spanning more than this factor (mean ± std, all positive) are drawn on a logarithmic axis. */
    static final double LOG_RANGE = 10;

    /**
     * Test error (or force MAE) against feature count, one series per method, error bars = sample std; a logarithmic
     * error axis when the errors span more than {@link #LOG_RANGE}.
     */
    static XYChart chart(List<Row> rows, boolean forces) {
        XYChart c = new XYChartBuilder().width(900).height(620)
            .title(forces ? "Force error of the refit sets" : "Test energy error of the refit sets")
            .xAxisTitle("number of symmetry functions")
            .yAxisTitle(forces ? "test force MAE (eV/Å)" : "test energy RMSE (meV/atom)").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        List<String> methods = rows.stream().map(Row::method).distinct().toList();
        int added = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int m = 0; m < methods.size(); m++) {
            String method = methods.get(m);
            List<Row> mine = rows.stream().filter(r -> r.method().equals(method))
                .filter(r -> (forces ? r.forceMae() : r.rmse()).length > 0)
                .sorted(Comparator.comparingInt(Row::features)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double[] x = new double[mine.size()];
            double[] y = new double[mine.size()];
            double[] e = new double[mine.size()];
            for (int i = 0; i < x.length; i++) {
                double[] v = forces ? mine.get(i).forceMae() : mine.get(i).rmse();
                x[i] = mine.get(i).features();
                y[i] = WelchTest.mean(v);
                e[i] = v.length < 2 ? 0.0 : Math.sqrt(WelchTest.variance(v, y[i]));
                low = Math.min(low, y[i] - e[i]);
                high = Math.max(high, y[i] + e[i]);
            }
            XYSeries s = c.addSeries(methods.get(m), x, y, e);
            Color col = COLORS[m % COLORS.length];
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(col);
            s.setLineColor(col);
            s.setLineStyle(new BasicStroke(1.2f));
            added++;
        }
        if (added == 0) {
            c.addSeries("no rows", new double[] {0}, new double[] {0});
        } else if (low > 0 && high / low > LOG_RANGE) {
            // one bad set (or method) would squeeze all the others into the bottom of a linear axis
            c.getStyler().setYAxisLogarithmic(true);
            c.setYAxisTitle(c.getStyler().isYAxisLogarithmic() ? c.getYAxisTitle() + ", log scale" : c.getYAxisTitle());
        }
        return c;
    }
}
