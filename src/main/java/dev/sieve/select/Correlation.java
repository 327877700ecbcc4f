package dev.sieve.select;

import dev.sieve.core.AtomicFile;
import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.results.ParityPlots;
import dev.sieve.structure.Structure;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Correlation of candidate symmetry functions on a feature matrix (per element: rows = atoms of that element, columns
 * = its candidates): Pearson correlation, clusters of strongly correlated candidates (complete linkage: every pair in
 * a cluster has |r| at least the threshold, so any member stands for the others), and for every selected function its
 * correlated alternatives among the candidates. Constant columns correlate with nothing (r = 0, own cluster).
 */
public final class Correlation {
    private Correlation() {}

    /**
     * One element's analysis.
     *
     * @param element  the element
     * @param sfs      its candidates
     * @param r        Pearson correlation, row-major D x D
     * @param clusters clusters of candidate indices (complete linkage at the threshold), largest first
     */
    public record Result(String element, List<SymmetryFunction> sfs, double[] r, List<int[]> clusters) {
        public double r(int i, int j) {
            return r[i * sfs.size() + j];
        }
    }

    /** Computes the feature matrices of {@code structures} for {@code set} and analyses every element. */
    public static List<Result> analyse(List<Structure> structures, SymmetryFunctionSet set, double threshold,
                                       int threads) {
        int ne = set.elements().size();
        List<List<double[]>> rows = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            rows.add(new ArrayList<>());
        }
        try (DescriptorEngine eng = new DescriptorEngine(set, threads)) {
            for (Structure s : structures) {
                AtomDescriptors d = eng.compute(s, false);
                for (int a = 0; a < d.atoms(); a++) {
                    double[] v = new double[d.count(a)];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = d.value(a, k);
                    }
                    rows.get(d.element()[a]).add(v);
                }
            }
        }
        List<Result> out = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            String el = set.elements().get(e);
            List<double[]> m = rows.get(e);
            int dim = set.size(el);
            double[] r = pearson(m, dim);
            out.add(new Result(el, set.forElement(el), r, completeLinkage(r, dim, threshold)));
        }
        return out;
    }

    /** Pearson correlation matrix of the columns of {@code rows} (each of length dim); constant columns give 0. */
    public static double[] pearson(List<double[]> rows, int dim) {
        int n = rows.size();
        double[] mean = new double[dim];
        for (double[] x : rows) {
            for (int k = 0; k < dim; k++) {
                mean[k] += x[k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= Math.max(1, n);
        }
        double[] cov = new double[dim * dim];
        double[] c = new double[dim];
        for (double[] x : rows) {
            for (int k = 0; k < dim; k++) {
                c[k] = x[k] - mean[k];
            }
            for (int i = 0; i < dim; i++) {
                double ci = c[i];
                for (int j = i; j < dim; j++) {
                    cov[i * dim + j] += ci * c[j];
                }
            }
        }
        double[] r = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double den = Math.sqrt(cov[i * dim + i] * cov[j * dim + j]);
                double v = i == j ? (den > 0 ? 1.0 : 0.0) : den > 0 ? cov[i * dim + j] / den : 0.0;
                r[i * dim + j] = v;
                r[j * dim + i] = v;
            }
        }
        return r;
    }

    /**
     * Complete-linkage clustering at {@code threshold}: repeatedly merge the two clusters whose least correlated pair
     * (min |r|) is largest, while that is at least the threshold. Deterministic (ties: lowest indices first).
     */
    public static List<int[]> completeLinkage(double[] r, int dim, double threshold) {
        List<List<Integer>> cl = new ArrayList<>();
        double[][] link = new double[dim][dim]; // min |r| between clusters a and b (complete linkage)
        for (int i = 0; i < dim; i++) {
            cl.add(new ArrayList<>(List.of(i)));
            for (int j = 0; j < dim; j++) {
                link[i][j] = Math.abs(r[i * dim + j]);
            }
        }
        boolean[] alive = new boolean[dim];
        java.util.Arrays.fill(alive, true);
        while (true) {
            double best = -1;
            int ba = -1;
            int bb = -1;
            for (int a = 0; a < dim; a++) {
                if (!alive[a]) {
                    continue;
                }
                for (int b = a + 1; b < dim; b++) {
                    if (alive[b] && link[a][b] > best) {
                        best = link[a][b];
                        ba = a;
                        bb = b;
                    }
                }
            }
            if (ba < 0 || best < threshold) {
                break;
            }
            cl.get(ba).addAll(cl.get(bb));
            alive[bb] = false;
            for (int c = 0; c < dim; c++) {
                double v = Math.min(link[ba][c], link[bb][c]);
                link[ba][c] = v;
                link[c][ba] = v;
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < dim; a++) {
            if (alive[a]) {
                out.add(cl.get(a).stream().mapToInt(Integer::intValue).sorted().toArray());
            }
        }
        out.sort((x, y) -> x.length != y.length ? Integer.compare(y.length, x.length) : Integer.compare(x[0], y[0]));
        return out;
    }

    /** Candidates j != i with |r(i, j)| at least the threshold, most correlated first. */
    public static int[] alternatives(Result res, int i, double threshold) {
        int dim = res.sfs().size();
        List<Integer> l = new ArrayList<>();
        for (int j = 0; j < dim; j++) {
            if (j != i && Math.abs(res.r(i, j)) >= threshold) {
                l.add(j);
            }
        }
        l.sort((a, b) -> Double.compare(Math.abs(res.r(i, b)), Math.abs(res.r(i, a))));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Writes correlation.md (clusters; alternatives of the selected functions), correlation_EL.csv (the matrix) and
     * correlation_EL.{png,svg} (heat map) into {@code out}.
     */
    public static void write(List<Result> results, Set<SymmetryFunction> selected, double threshold, Path out) {
        StringBuilder md = new StringBuilder();
        for (Result res : results) {
            int dim = res.sfs().size();
            StringBuilder csv = new StringBuilder("name");
            for (SymmetryFunction f : res.sfs()) {
                csv.append(',').append(f.name());
            }
            csv.append('\n');
            for (int i = 0; i < dim; i++) {
                csv.append(res.sfs().get(i).name());
                for (int j = 0; j < dim; j++) {
                    csv.append(',').append(res.r(i, j));
                }
                csv.append('\n');
            }
            AtomicFile.writeString(out.resolve("correlation_" + res.element() + ".csv"), csv.toString());
            ParityPlots.save(heatMap(res), out, "correlation_" + res.element());
            long multi = res.clusters().stream().filter(c -> c.length > 1).count();
            md.append(String.format(Locale.ROOT, "## %s: %d candidates, %d clusters at |r| >= %.3g (%d with more than "
                + "one member)%n%n| cluster | members (candidate numbers, 1-based) | smallest abs(r) |%n|---|---|---|%n",
                res.element(), dim, res.clusters().size(), threshold, multi));
            int k = 0;
            for (int[] c : res.clusters()) {
                if (c.length < 2) {
                    continue;
                }
                double min = 1;
                StringBuilder mem = new StringBuilder();
                for (int a : c) {
                    mem.append(mem.length() == 0 ? "" : ", ").append(a + 1);
                    for (int b : c) {
                        min = Math.min(min, Math.abs(res.r(a, b)));
                    }
                }
                md.append(String.format(Locale.ROOT, "| %d | %s | %.4f |%n", ++k, mem, min));
            }
            md.append('\n');
            if (!selected.isEmpty()) {
                md.append("| selected function | correlated alternatives (abs(r)) |\n|---|---|\n");
                for (int i = 0; i < dim; i++) {
                    if (!selected.contains(res.sfs().get(i))) {
                        continue;
                    }
                    StringBuilder alt = new StringBuilder();
                    for (int j : alternatives(res, i, threshold)) {
                        alt.append(alt.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%d (%.3f)", j + 1,
                            Math.abs(res.r(i, j))));
                    }
                    md.append(String.format(Locale.ROOT, "| %d `%s` | %s |%n", i + 1, res.sfs().get(i).name(),
                        alt.length() == 0 ? "none" : alt));
                }
                md.append('\n');
            }
        }
        AtomicFile.writeString(out.resolve("correlation.md"), md.toString());
    }

    static HeatMapChart heatMap(Result res) {
        int dim = res.sfs().size();
        HeatMapChart c = new HeatMapChartBuilder().width(Math.max(700, 12 * dim + 200)).height(Math.max(620, 12 * dim
            + 120)).title(res.element() + ": |Pearson r| of the candidates").xAxisTitle("candidate")
            .yAxisTitle("candidate").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(false);
        c.getStyler().setMin(0.0);
        c.getStyler().setMax(1.0);
        c.getStyler().setRangeColors(new Color[] {new Color(255, 255, 255), new Color(158, 202, 225),
            new Color(33, 113, 181), new Color(8, 48, 107)});
        c.getStyler().setXAxisLabelRotation(90);
        List<Integer> ax = new ArrayList<>();
        for (int i = 0; i < dim; i++) {
            ax.add(i + 1);
        }
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                data.add(new Number[] {i, j, Math.abs(res.r(i, j))});
            }
        }
        c.addSeries("|r|", ax, ax, data);
        return c;
    }
}
