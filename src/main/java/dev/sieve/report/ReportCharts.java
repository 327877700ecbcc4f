package dev.sieve.report;

import dev.sieve.descriptor.CutoffFunction;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.results.ParityPlots;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures the report draws itself (XChart): the symmetry functions of a set against r and θ (as the thesis's
 * figure 3.2), the regularization path with chosen points marked, learning curves of several fits, MD thermo.
 */
final class ReportCharts {
    private ReportCharts() {}

    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final Color GREY = new Color(190, 190, 190);
    private static final int SAMPLES = 241;

    private static XYChart base(String title, String x, String y, int w, int h) {
        ParityPlots.ensureHeadless();
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setAntiAlias(true);
        c.getStyler().setMarkerSize(6);
        return c;
    }

    /** A parameter for a legend: four significant digits, plain decimal (0.003571064856987243 → 0.003571). */
    static String par(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The (x, y) pairs with both values finite. */
    private static double[][] finite(double[][] xy) {
        int n = 0;
        int len = Math.min(xy[0].length, xy[1].length);
        double[] x = new double[len];
        double[] y = new double[len];
        for (int i = 0; i < len; i++) {
            if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
                x[n] = xy[0][i];
                y[n++] = xy[1][i];
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
    }

    /** XChart needs distinct series names. */
    private static String unique(XYChart c, String name) {
        String n = name;
        for (int k = 2; c.getSeries(n) != null; k++) {
            n = name + " #" + k;
        }
        return n;
    }

    private static void line(XYSeries s, Color c, float width, boolean dashed) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f) : new BasicStroke(width));
    }

    /** Radial functions exp(-η (r - r_s)²) f_c(r) of one element: the set's in colour, other candidates in grey. */
    static XYChart radial(String element, List<SymmetryFunction> candidates, Set<SymmetryFunction> chosen) {
        double rmax = 0;
        for (SymmetryFunction f : candidates) {
            rmax = Math.max(rmax, f.rc());
        }
        XYChart c = base("Radial functions of " + element + " (" + count(candidates, chosen, true) + ")",
            "r (Å)", "exp(-η (r - rs)²) fc(r)", 900, 520);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(rmax);
        c.getStyler().setXAxisDecimalPattern("0.##");
        double[] r = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            r[i] = rmax * i / (SAMPLES - 1);
        }
        int k = 0;
        int g = 0;
        for (SymmetryFunction f : candidates) {
            if (f.type() != SymmetryFunction.RADIAL) {
                continue;
            }
            CutoffFunction fc = new CutoffFunction(f.cutoff(), f.rc(), f.alpha());
            double[] y = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                y[i] = r[i] < f.rc() ? Math.exp(-f.eta() * (r[i] - f.rs()) * (r[i] - f.rs())) * fc.value(r[i]) : 0;
            }
            boolean on = chosen.contains(f);
            String name = on ? String.format(Locale.ROOT, "%s-%s η=%s rs=%s rc=%s", f.element(), f.e1(),
                par(f.eta()), par(f.rs()), par(f.rc())) : "candidate " + (++g);
            XYSeries s = c.addSeries(unique(c, name), r, y);
            line(s, on ? PALETTE[k++ % PALETTE.length] : GREY, on ? 2f : 1f, !on);
            s.setShowInLegend(on);
        }
        return c;
    }

    /** Angular parts 2^(1-ζ) (1 + λ cos θ)^ζ of one element's angular functions against θ. */
    static XYChart angular(String element, List<SymmetryFunction> candidates, Set<SymmetryFunction> chosen) {
        XYChart c = base("Angular functions of " + element + " (" + count(candidates, chosen, false) + ")",
            "θ (degrees)", "2^(1-ζ) (1 + λ cos θ)^ζ", 900, 520);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(180.0);
        double[] t = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            t[i] = 180.0 * i / (SAMPLES - 1);
        }
        int k = 0;
        int g = 0;
        Set<String> drawn = new java.util.HashSet<>();
        for (SymmetryFunction f : candidates) {
            if (f.type() == SymmetryFunction.RADIAL) {
                continue;
            }
            boolean on = chosen.contains(f);
            String shape = String.format(Locale.ROOT, "ζ=%s λ=%+d", par(f.zeta()), (int) f.lambda());
            String name = on ? String.format(Locale.ROOT, "%s-%s-%s %s %s η=%s rc=%s", f.element(), f.e1(), f.e2(),
                f.type() == SymmetryFunction.ANGULAR_NARROW ? "narrow" : "wide", shape, par(f.eta()), par(f.rc()))
                : "candidate " + (++g);
            if (!on && !drawn.add(shape)) {
                continue;
            }
            double[] y = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                double cos = Math.cos(Math.toRadians(t[i]));
                y[i] = Math.pow(2, 1 - f.zeta()) * Math.pow(1 + f.lambda() * cos, f.zeta());
            }
            XYSeries s = c.addSeries(unique(c, name), t, y);
            line(s, on ? PALETTE[k++ % PALETTE.length] : GREY, on ? 2f : 1f, !on);
            s.setShowInLegend(on);
        }
        return c;
    }

    private static String count(List<SymmetryFunction> all, Set<SymmetryFunction> chosen, boolean radial) {
        int n = 0;
        int m = 0;
        for (SymmetryFunction f : all) {
            if ((f.type() == SymmetryFunction.RADIAL) == radial) {
                n++;
                m += chosen.contains(f) ? 1 : 0;
            }
        }
        return m + " of " + n + " candidates in colour";
    }

    /** A point of a path as the report reads it from path.json. */
    record PathPt(int index, int features, double valObjective, double valLoss) {}

    /**
     * Validation objective and loss against the number of functions (log scale when positive and spanning more
     * than a decade: a log axis labels only powers of ten), the dense fit and the chosen points (name → point index)
     * marked.
     */
    static XYChart path(String title, List<PathPt> points, Map<String, Integer> chosen) {
        XYChart c = base(title, "number of selected symmetry functions", "validation objective / loss", 900, 560);
        List<Double> x = new ArrayList<>();
        List<Double> obj = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        boolean positive = true;
        for (PathPt p : points) {
            if (p.index() > 0 && Double.isFinite(p.valObjective()) && Double.isFinite(p.valLoss())) {
                x.add((double) p.features());
                obj.add(p.valObjective());
                loss.add(p.valLoss());
                positive &= p.valObjective() > 0 && p.valLoss() > 0;
            }
        }
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < x.size(); i++) {
            lo = Math.min(lo, Math.min(obj.get(i), loss.get(i)));
            hi = Math.max(hi, Math.max(obj.get(i), loss.get(i)));
        }
        c.getStyler().setYAxisLogarithmic(positive && !x.isEmpty() && hi > 10 * lo);
        c.getStyler().setXAxisMin(0.0);
        if (!x.isEmpty()) {
            XYSeries so = c.addSeries("validation objective (loss + penalty)", x, obj);
            so.setMarker(SeriesMarkers.CIRCLE);
            so.setMarkerColor(PALETTE[0]);
            line(so, PALETTE[0], 1f, false);
            so.setMarker(SeriesMarkers.CIRCLE);
            XYSeries sl = c.addSeries("validation loss", x, loss);
            line(sl, PALETTE[1], 1f, true);
            sl.setMarker(SeriesMarkers.DIAMOND);
            sl.setMarkerColor(PALETTE[1]);
        }
        PathPt dense = points.stream().filter(p -> p.index() == 0).findFirst().orElse(null);
        if (dense != null && Double.isFinite(dense.valLoss()) && (dense.valLoss() > 0 || !positive)) {
            marker(c, "dense fit (" + dense.features() + ")", dense.features(), dense.valLoss(), Color.BLACK,
                SeriesMarkers.SQUARE);
        }
        int k = 3;
        for (Map.Entry<String, Integer> e : chosen.entrySet()) {
            PathPt p = points.stream().filter(q -> q.index() == e.getValue()).findFirst().orElse(null);
            if (p != null && Double.isFinite(p.valLoss()) && (p.valLoss() > 0 || !positive)) {
                marker(c, "chosen: " + e.getKey() + " (point " + p.index() + ", " + p.features() + ")", p.features(),
                    p.valLoss(), PALETTE[k++ % PALETTE.length], SeriesMarkers.TRIANGLE_UP);
            }
        }
        if (c.getSeriesCollection().isEmpty()) {
            c.addSeries("no points", new double[] {0}, new double[] {1});
        }
        return c;
    }

    private static void marker(XYChart c, String name, double x, double y, Color col,
                               org.knowm.xchart.style.markers.Marker m) {
        XYSeries s = c.addSeries(unique(c, name), new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(m);
        s.setMarkerColor(col);
    }

    /** One curve per named fit (x, y), log y when every value is positive. */
    static XYChart curves(String title, String x, String y, Map<String, double[][]> series) {
        XYChart c = base(title, x, y, 900, 520);
        boolean positive = true;
        for (double[][] s : series.values()) {
            for (double v : s[1]) {
                positive &= !Double.isFinite(v) || v > 0;
            }
        }
        c.getStyler().setYAxisLogarithmic(positive && !series.isEmpty());
        int k = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = finite(e.getValue());
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries s = c.addSeries(unique(c, e.getKey()), xy[0], xy[1]);
            line(s, PALETTE[k++ % PALETTE.length], 1.5f, false);
        }
        if (c.getSeriesCollection().isEmpty()) {
            c.addSeries("no data", new double[] {0}, new double[] {1});
        }
        return c;
    }
}
