package dev.sieve.train;

import dev.sieve.core.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes {@code learning_curve.csv} and the plots {@code learning_curve.png} / {@code .svg} (atomically). */
final class LearningCurve {
    private LearningCurve() {}

    public static final String HEADER = "epoch,lr,train_loss,val_loss,train_rmse_mev_per_atom,val_rmse_mev_per_atom,"
        + "train_force_rmse_ev_per_a,val_force_rmse_ev_per_a,seconds";

    public static String csv(List<CurveRow> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (CurveRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%.6g,%.8g,%.8g,%.6g,%.6g,%s,%s,%.3f%n", r.epoch(), r.lr(),
                r.trainLoss(), r.valLoss(), r.trainRmse(), r.valRmse(), opt(r.trainForceRmse()), opt(r.valForceRmse()),
                r.seconds()));
        }
        return sb.toString();
    }

    private static String opt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    public static void writeCsv(Path dir, List<CurveRow> rows) {
        AtomicFile.writeString(dir.resolve("learning_curve.csv"), csv(rows));
    }

    /** Energy RMSE (and force RMSE on a second chart, when present) of training and validation vs epoch, log y. */
    public static void writePlots(Path dir, List<CurveRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        boolean forces = rows.stream().anyMatch(r -> !Double.isNaN(r.trainForceRmse()));
        XYChart chart = new XYChartBuilder().width(900).height(forces ? 1000 : 560)
            .title("Learning curve").xAxisTitle("epoch").yAxisTitle(forces
                ? "energy RMSE (meV/atom); force RMSE (meV/Å)" : "energy RMSE (meV/atom)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        add(chart, "train energy", rows, CurveRow::trainRmse, 1);
        add(chart, "validation energy", rows, CurveRow::valRmse, 1);
        if (forces) {
            add(chart, "train force (x1000)", rows, CurveRow::trainForceRmse, 1000);
            add(chart, "validation force (x1000)", rows, CurveRow::valForceRmse, 1000);
        }
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFile.writeStream(dir.resolve("learning_curve.png"), os -> os.write(png));
            AtomicFile.writeStream(dir.resolve("learning_curve.svg"),
                os -> VectorGraphicsEncoder.saveVectorGraphic(chart, os, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        } catch (IOException e) {
            throw AtomicFile.unchecked(e);
        }
    }

    private static void add(XYChart chart, String name, List<CurveRow> rows,
                            java.util.function.ToDoubleFunction<CurveRow> f, double factor) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (CurveRow r : rows) {
            double y = f.applyAsDouble(r) * factor;
            if (Double.isFinite(y) && y > 0) {
                xs.add((double) r.epoch());
                ys.add(y);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setMarker(SeriesMarkers.NONE);
        }
    }
}
