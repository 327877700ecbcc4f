package dev.sieve.select;

import dev.sieve.results.ParityPlots;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The path figure (as the paper's Figure 2): validation objective and validation loss against the number of selected
 * features, log scale, one marker per path point, the dense fit and the knee ({@link KneeRule}, on the loss) marked.
 */
final class PathPlot {
    private PathPlot() {}

    public static XYChart chart(List<PathPoint> points) {
        XYChart c = new XYChartBuilder().width(900).height(620).title("Regularization path")
            .xAxisTitle("number of selected symmetry functions").yAxisTitle("validation objective / loss").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setYAxisDecimalPattern("0.###E0");
        c.getStyler().setXAxisMin(0.0);
        List<Double> x = new ArrayList<>();
        List<Double> obj = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        for (PathPoint p : points) {
            if (p.index() > 0 && p.valObjective() > 0 && p.valLoss() > 0) {
                x.add((double) p.features());
                obj.add(p.valObjective());
                loss.add(p.valLoss());
            }
        }
        if (!x.isEmpty()) {
            XYSeries so = c.addSeries("validation objective (loss + penalty)", x, obj);
            so.setMarker(SeriesMarkers.CIRCLE);
            so.setLineStyle(new BasicStroke(0.8f));
            so.setMarkerColor(new Color(31, 119, 180));
            so.setLineColor(new Color(31, 119, 180));
            XYSeries sl = c.addSeries("validation loss", x, loss);
            sl.setMarker(SeriesMarkers.DIAMOND);
            sl.setLineStyle(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 3f}, 0f));
            sl.setMarkerColor(new Color(255, 127, 14));
            sl.setLineColor(new Color(255, 127, 14));
        }
        PathPoint dense = points.isEmpty() ? null : points.get(0);
        if (dense != null && dense.index() == 0 && dense.valLoss() > 0) {
            XYSeries sd = c.addSeries("dense fit", new double[] {dense.features()}, new double[] {dense.valLoss()});
            sd.setMarker(SeriesMarkers.SQUARE);
            sd.setMarkerColor(Color.BLACK);
            sd.setLineStyle(new BasicStroke(0f));
            sd.setLineColor(new Color(0, 0, 0, 0));
        }
        if (x.size() >= 1) {
            try {
                PathPoint k = KneeRule.choose(points.subList(1, points.size()), KneeRule.Choice.parse("knee"));
                XYSeries sk = c.addSeries("knee (" + k.features() + " features)", new double[] {k.features()},
                    new double[] {k.valLoss()});
                sk.setMarker(SeriesMarkers.TRIANGLE_UP);
                sk.setMarkerColor(new Color(214, 39, 40));
                sk.setLineStyle(new BasicStroke(0f));
                sk.setLineColor(new Color(0, 0, 0, 0));
            } catch (RuntimeException e) {
                // no point with features yet: no knee marker
            }
        }
        if (x.isEmpty() && (dense == null || !(dense.valLoss() > 0))) {
            c.addSeries("no points", new double[] {0}, new double[] {1});
        }
        return c;
    }

    public static void save(List<PathPoint> points, Path dir, String stem) {
        ParityPlots.save(chart(points), dir, stem);
    }
}
