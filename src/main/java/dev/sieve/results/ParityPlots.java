package dev.sieve.results;

import dev.sieve.core.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Parity plots (predicted against reference) of energies per atom and force components,
 * rendered headless with XChart to PNG and SVG. Points are coloured by {@code config_type};
 * the y = x line is dashed grey; x and y share one range so the diagonal is at 45°.
 */
public final class ParityPlots {
    private ParityPlots() {}

    public static final int WIDTH = 820;
    public static final int HEIGHT = 800;

    /** Renders without a display unless the user asked otherwise (must run before AWT starts). */
    public static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Energy parity chart (eV/atom).
     *
     * @param groups    points per config_type (see {@link ParityCollector#energiesPerAtom()})
     * @param maeMev    energy MAE, meV/atom (for the title)
     * @param rmseMev   energy RMSE, meV/atom (for the title)
     */
    public static XYChart energyChart(List<ParityCollector.Points> groups, double maeMev, double rmseMev) {
        String title = String.format(Locale.ROOT, "Energy per atom: RMSE %.3f meV/atom, MAE %.3f meV/atom", rmseMev,
            maeMev);
        return parity(title, "reference energy (eV/atom)", "predicted energy (eV/atom)", groups, "structures", 6,
            0.85f, null);
    }

    /**
     * Force-component parity chart (eV/Å).
     *
     * @param groups   kept components per config_type (see {@link ParityCollector#forces()})
     * @param seen     all components that were compared
     * @param kept     components drawn
     * @param mae      force MAE over all components, eV/Å
     * @param rmse     force RMSE over all components, eV/Å
     */
    public static XYChart forceChart(List<ParityCollector.Points> groups, long seen, int kept, double mae,
                                     double rmse) {
        String title = String.format(Locale.ROOT, "Force components: RMSE %.4f eV/Å, MAE %.4f eV/Å", rmse, mae);
        String note = seen > kept
            ? String.format(Locale.ROOT, "%,d of %,d components shown (uniform random subsample, fixed seed)", kept,
                seen)
            : null;
        return parity(title, "reference force component (eV/Å)", "predicted force component (eV/Å)", groups,
            "components", 3, 0.45f, note);
    }

    private static XYChart parity(String title, String xTitle, String yTitle, List<ParityCollector.Points> groups,
                                  String allName, int markerSize, float alpha, String note) {
        ensureHeadless();
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var st = chart.getStyler();
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        st.setMarkerSize(markerSize);
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setAntiAlias(true);
        Color[] palette = st.getSeriesColors();

        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ParityCollector.Points p : groups) {
            for (int i = 0; i < p.size(); i++) {
                lo = Math.min(lo, Math.min(p.ref()[i], p.pred()[i]));
                hi = Math.max(hi, Math.max(p.ref()[i], p.pred()[i]));
            }
        }
        if (!(lo <= hi)) {
            lo = -1;
            hi = 1;
        }
        double pad = hi > lo ? 0.03 * (hi - lo) : Math.max(1e-3, 1e-3 * Math.abs(lo));
        lo -= pad;
        hi += pad;

        boolean single = groups.size() == 1 && groups.get(0).group() == null;
        int k = 0;
        for (ParityCollector.Points p : groups) {
            String name = single ? allName : p.group() == null ? "untagged" : p.group();
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (%,d)", name, p.size()), p.ref(), p.pred());
            s.setMarker(SeriesMarkers.CIRCLE);
            Color c = palette[k % palette.length];
            s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255)));
            k++;
        }
        XYSeries diag = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.GRAY);
        diag.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f));
        if (note != null) {
            // a legend entry without data carries the subsampling note
            XYSeries n = chart.addSeries(note, new double[] {lo}, new double[] {lo});
            n.setMarker(SeriesMarkers.NONE);
            n.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            n.setLineColor(new Color(0, 0, 0, 0));
        }
        st.setXAxisMin(lo);
        st.setXAxisMax(hi);
        st.setYAxisMin(lo);
        st.setYAxisMax(hi);
        return chart;
    }

    /** Writes {@code dir/stem.png} and {@code dir/stem.svg}, each atomically. */
    public static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, String stem) {
        ensureHeadless();
        AtomicFile.writeStream(dir.resolve(stem + ".png"),
            out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFile.writeStream(dir.resolve(stem + ".svg"),
            out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }
}
