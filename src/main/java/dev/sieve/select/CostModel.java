package dev.sieve.select;

import dev.sieve.core.InputException;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a set of symmetry functions costs in the MD force kernel, per atom and step, as a linear model of the work it
 * implies on a given cell:
 * <pre>
 *   t(S) = t0 + radialLoop * sum_{rc in radial cutoffs of S} P(rc) + radialTerm * sum_{g radial in S} P(rc_g)
 *             + angularLoop * sum_{rc in angular cutoffs of S} T(rc) + angularTerm * sum_{g angular in S} T(rc_g)
 *             + perFeature * |S|
 * </pre>
 * with P(rc) the mean neighbours per atom within rc and T(rc) = the mean neighbour pairs n(n-1)/2 per atom within rc
 * (the triplets an angular function visits). SFs sharing a cutoff share its loop: dropping the last angular function
 * of a cutoff removes its whole triplet loop. The parameters are fitted (non-negative least squares) to kernel timings
 * of subsets ({@code bench.CostBenchmark}); the marginal cost of a function in a set is its own term plus its share of
 * the loop of its cutoff (split evenly over the set's functions of that kind and cutoff) plus perFeature.
 */
public final class CostModel {
    private CostModel() {}

    /** Work per atom on a cell: neighbours P(rc) and neighbour pairs T(rc) for every cutoff of a candidate set. */
    public record Geometry(Map<Double, Double> pairs, Map<Double, Double> triplets) {
        double p(double rc) {
            Double v = pairs.get(rc);
            if (v == null) {
                throw new IllegalArgumentException("no pair count for cutoff " + rc);
            }
            return v;
        }

        double t(double rc) {
            Double v = triplets.get(rc);
            if (v == null) {
                throw new IllegalArgumentException("no triplet count for cutoff " + rc);
            }
            return v;
        }
    }

    /** Fitted parameters (µs per atom-step; the loop and term coefficients per neighbour or pair). */
    public record Params(double t0, double radialLoop, double radialTerm, double angularLoop, double angularTerm,
                         double perFeature) {
        double[] asArray() {
            return new double[] {t0, radialLoop, radialTerm, angularLoop, angularTerm, perFeature};
        }

        static Params of(double[] a) {
            return new Params(a[0], a[1], a[2], a[3], a[4], a[5]);
        }

        public Map<String, Double> named() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("t0_us", t0);
            m.put("radial_loop_us_per_neighbour", radialLoop);
            m.put("radial_term_us_per_neighbour", radialTerm);
            m.put("angular_loop_us_per_triplet", angularLoop);
            m.put("angular_term_us_per_triplet", angularTerm);
            m.put("per_feature_us", perFeature);
            return m;
        }
    }

    /** The neighbour and triplet counts of {@code cell} for every cutoff in {@code set}. */
    public static Geometry geometry(Structure cell, SymmetryFunctionSet set) {
        TreeSet<Double> cut = new TreeSet<>();
        for (String e : set.elements()) {
            for (SymmetryFunction f : set.forElement(e)) {
                cut.add(f.rc());
            }
        }
        if (cut.isEmpty()) {
            throw new InputException("the symmetry-function set is empty");
        }
        NeighborList nl = new NeighborListBuilder().build(cell, cut.last());
        double[] r = nl.rArray();
        Map<Double, Double> pairs = new TreeMap<>();
        Map<Double, Double> trip = new TreeMap<>();
        int n = nl.atoms();
        for (double rc : cut) {
            double sp = 0;
            double st = 0;
            for (int i = 0; i < n; i++) {
                int c = 0;
                for (int k = nl.start(i); k < nl.end(i); k++) {
                    if (r[k] < rc) {
                        c++;
                    }
                }
                sp += c;
                st += c * (c - 1) / 2.0;
            }
            pairs.put(rc, sp / n);
            trip.put(rc, st / n);
        }
        return new Geometry(pairs, trip);
    }

    /** The regressors of the model for a set (t0, radial loop, radial term, angular loop, angular term, count). */
    static double[] design(List<SymmetryFunction> set, Geometry g) {
        TreeSet<Double> rl = new TreeSet<>();
        TreeSet<Double> al = new TreeSet<>();
        double[] x = new double[6];
        x[0] = 1;
        for (SymmetryFunction f : set) {
            if (f.isRadial()) {
                rl.add(f.rc());
                x[2] += g.p(f.rc());
            } else {
                al.add(f.rc());
                x[4] += g.t(f.rc());
            }
            x[5] += 1;
        }
        for (double rc : rl) {
            x[1] += g.p(rc);
        }
        for (double rc : al) {
            x[3] += g.t(rc);
        }
        return x;
    }

    /** Predicted µs per atom-step of {@code set}. */
    public static double predict(Params p, List<SymmetryFunction> set, Geometry g) {
        double[] x = design(set, g);
        double[] a = p.asArray();
        double s = 0;
        for (int i = 0; i < 6; i++) {
            s += a[i] * x[i];
        }
        return s;
    }

    /**
     * Non-negative least squares fit of the parameters to measured µs per atom-step of the given sets (active set:
     * a parameter that comes out negative is fixed at zero and the rest refitted). Needs at least 6 sets.
     */
    public static Params fit(List<List<SymmetryFunction>> sets, double[] micros, Geometry g) {
        if (sets.size() != micros.length || sets.size() < 6) {
            throw new IllegalArgumentException("need at least 6 timed sets, got " + sets.size());
        }
        double[][] x = new double[sets.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = design(sets.get(i), g);
        }
        boolean[] free = {true, true, true, true, true, true};
        while (true) {
            double[] beta = leastSquares(x, micros, free);
            int worst = -1;
            for (int j = 0; j < 6; j++) {
                if (free[j] && beta[j] < 0 && (worst < 0 || beta[j] < beta[worst])) {
                    worst = j;
                }
            }
            if (worst < 0) {
                return Params.of(beta);
            }
            free[worst] = false;
        }
    }

    /** Least squares over the free columns (others 0), normal equations with a tiny ridge for rank-deficient sets. */
    static double[] leastSquares(double[][] x, double[] y, boolean[] free) {
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < free.length; j++) {
            if (free[j]) {
                cols.add(j);
            }
        }
        int m = cols.size();
        double[] scale = new double[m];
        for (int a = 0; a < m; a++) {
            double s = 0;
            for (double[] row : x) {
                s += row[cols.get(a)] * row[cols.get(a)];
            }
            scale[a] = s > 0 ? Math.sqrt(s) : 1;
        }
        double[][] ata = new double[m][m + 1];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < m; a++) {
                double xa = x[i][cols.get(a)] / scale[a];
                for (int b = 0; b < m; b++) {
                    ata[a][b] += xa * x[i][cols.get(b)] / scale[b];
                }
                ata[a][m] += xa * y[i];
            }
        }
        for (int a = 0; a < m; a++) {
            ata[a][a] += 1e-12;
        }
        double[] sol = solve(ata, m);
        double[] beta = new double[free.length];
        for (int a = 0; a < m; a++) {
            beta[cols.get(a)] = sol[a] / scale[a];
        }
        return beta;
    }

    private static double[] solve(double[][] a, int m) {
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < m; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= m; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int k = r + 1; k < m; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /**
     * The marginal cost (µs per atom-step) of every function of {@code set}, in its order: its own term, its share of
     * the loop of its kind and cutoff (split evenly over the set's functions of that kind and cutoff), and perFeature.
     */
    public static double[] marginal(Params p, List<SymmetryFunction> set, Geometry g) {
        Map<String, Integer> share = new LinkedHashMap<>();
        for (SymmetryFunction f : set) {
            share.merge((f.isRadial() ? "r" : "a") + f.rc(), 1, Integer::sum);
        }
        double[] c = new double[set.size()];
        for (int i = 0; i < c.length; i++) {
            SymmetryFunction f = set.get(i);
            int k = share.get((f.isRadial() ? "r" : "a") + f.rc());
            c[i] = f.isRadial() ? p.radialTerm() * g.p(f.rc()) + p.radialLoop() * g.p(f.rc()) / k
                : p.angularTerm() * g.t(f.rc()) + p.angularLoop() * g.t(f.rc()) / k;
            c[i] += p.perFeature();
        }
        return c;
    }
}
