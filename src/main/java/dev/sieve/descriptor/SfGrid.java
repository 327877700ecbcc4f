package dev.sieve.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generated symmetry-function grid (the parameter rules of n2p2's symmetry-function parameter
 * generator, {@code tools/python/symfunc_paramgen}, after Gastegger et al. 2018,
 * doi:10.1063/1.5019667, and Imbalzano et al. 2018, doi:10.1063/1.5024611).
 *
 * <p>Radial functions (type 2, cutoff {@code rc}, {@code n} functions per neighbour element), with
 * r_k = linspace(rInner, rUpper, n), i.e. r_k = rInner + k (rUpper - rInner)/(n - 1), k = 0..n-1:
 * <ul>
 *   <li>rule gastegger, mode shifted: rs_k = r_k, eta_k = 1/(2 Δr²) with Δr = (rUpper - rInner)/(n - 1)
 *       (requires 0 <= rInner < rUpper <= rc);</li>
 *   <li>rule gastegger, mode centered: rs_k = 0, eta_k = 1/(2 r_k²) (requires 0 < rInner < rUpper <= rc);</li>
 *   <li>rule imbalzano, mode centered: rs_k = 0, eta_k = (m^(k/m) / rc)², m = n - 1 (rInner, rUpper unused);</li>
 *   <li>rule imbalzano, mode shifted: with the auxiliary points s_j = rc / n^(j/n), j = 0..n, the pairs
 *       (rs, eta) = (s_j, 1/(s_{j-1} - s_j)²) for j = 1..n, listed by ascending rs (rInner, rUpper unused).</li>
 * </ul>
 *
 * <p>Angular functions (type {@code angularType}: 9 wide, 3 narrow, 0 none; cutoff {@code angRc}),
 * for every unordered neighbour pair {e1, e2}: rs = 0, each eta of {@code angEtas} × each zeta of
 * {@code zetas} × lambda = ±1. When {@code angEtas} is empty the etas come from a centered grid
 * eta_k = 1/(2 r_k²), r_k = linspace(rInner, angRc, angN) (rInner &gt; 0 required).
 *
 * @param rule        gastegger or imbalzano
 * @param mode        shifted or centered
 * @param rc          radial cutoff (Å)
 * @param n           radial functions per neighbour element (>= 2)
 * @param rInner      lowest grid radius (Å)
 * @param rUpper      highest grid radius (Å), NaN for rc
 * @param angularType 9, 3 or 0 (no angular functions)
 * @param angRc       angular cutoff (Å), NaN for rc
 * @param angN        number of angular etas when {@code angEtas} is empty (>= 1)
 * @param angEtas     explicit angular etas (Å^-2), or empty
 * @param zetas       angular zetas (each >= 1)
 * @param cutoff      cutoff function
 * @param alpha       inner cutoff fraction
 */
record SfGrid(Rule rule, Mode mode, double rc, int n, double rInner, double rUpper, int angularType,
                     double angRc, int angN, List<Double> angEtas, List<Double> zetas, CutoffType cutoff,
                     double alpha) {

    public enum Rule { GASTEGGER, IMBALZANO }

    public enum Mode { SHIFTED, CENTERED }

    /** Defaults: gastegger, shifted, rc 6, n 8, rInner 1, rUpper rc, wide angular with rc, 3 etas, zetas 1,2,4,16, cos. */
    public static SfGrid defaults() {
        return new SfGrid(Rule.GASTEGGER, Mode.SHIFTED, 6.0, 8, 1.0, Double.NaN, SymmetryFunction.ANGULAR_WIDE,
            Double.NaN, 3, List.of(), List.of(1.0, 2.0, 4.0, 16.0), CutoffType.COS, 0);
    }

    /** Largest number of points of one grid axis (n, ang_n, ang_etas, zetas). */
    public static final int MAX_GRID = 1000;

    /** Largest number of symmetry functions of one set (all elements). */
    public static final int MAX_FUNCTIONS = 100_000;

    public SfGrid {
        angEtas = List.copyOf(angEtas);
        zetas = List.copyOf(zetas);
        if (rule == null || mode == null || cutoff == null) {
            throw new IllegalArgumentException("grid rule, mode and cutoff must be given");
        }
        if (!(rc > 0) || !Double.isFinite(rc)) {
            throw new IllegalArgumentException("grid rc must be positive, got " + rc);
        }
        if (n < 2 || n > MAX_GRID) {
            throw new IllegalArgumentException("grid n must be between 2 and " + MAX_GRID + ", got " + n);
        }
        if (angN > MAX_GRID || angEtas.size() > MAX_GRID || zetas.size() > MAX_GRID) {
            throw new IllegalArgumentException("angular grid too large (ang_n " + angN + ", " + angEtas.size()
                + " ang_etas, " + zetas.size() + " zetas); at most " + MAX_GRID + " each");
        }
        if (angularType != 0 && angularType != SymmetryFunction.ANGULAR_NARROW
            && angularType != SymmetryFunction.ANGULAR_WIDE) {
            throw new IllegalArgumentException("angular type must be 9 (wide), 3 (narrow) or 0 (none), got "
                + angularType);
        }
    }

    /** Upper grid radius actually used. */
    public double rUpperOrRc() {
        return Double.isNaN(rUpper) ? rc : rUpper;
    }

    /** Angular cutoff actually used. */
    public double angRcOrRc() {
        return Double.isNaN(angRc) ? rc : angRc;
    }

    /** The radial (rs, eta) pairs, as {rs, eta}. */
    public List<double[]> radialPairs() {
        List<double[]> out = new ArrayList<>();
        double hi = rUpperOrRc();
        if (rule == Rule.GASTEGGER) {
            double[] r = BuiltinSets.linspace(rInner, hi, n);
            if (mode == Mode.SHIFTED) {
                if (!(0 <= rInner && rInner < hi && hi <= rc)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "shifted grid needs 0 <= r_inner < r_upper <= rc, got r_inner=%s r_upper=%s rc=%s",
                        rInner, hi, rc));
                }
                double dr = (hi - rInner) / (n - 1);
                for (double rk : r) {
                    out.add(new double[] {rk, 1.0 / (2.0 * dr * dr)});
                }
            } else {
                if (!(0 < rInner && rInner < hi && hi <= rc)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "centered grid needs 0 < r_inner < r_upper <= rc, got r_inner=%s r_upper=%s rc=%s",
                        rInner, hi, rc));
                }
                for (double rk : r) {
                    out.add(new double[] {0.0, 1.0 / (2.0 * rk * rk)});
                }
            }
        } else {
            if (mode == Mode.CENTERED) {
                int m = n - 1;
                for (int k = 0; k <= m; k++) {
                    double v = Math.pow(m, (double) k / m) / rc;
                    out.add(new double[] {0.0, v * v});
                }
            } else {
                double[] s = new double[n + 1];
                for (int j = 0; j <= n; j++) {
                    s[j] = rc / Math.pow(n, (double) j / n);
                }
                for (int j = n; j >= 1; j--) {
                    double d = s[j - 1] - s[j];
                    out.add(new double[] {s[j], 1.0 / (d * d)});
                }
            }
        }
        return out;
    }

    /** The angular etas actually used. */
    public double[] angularEtas() {
        if (!angEtas.isEmpty()) {
            double[] e = new double[angEtas.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = angEtas.get(i);
            }
            return e;
        }
        double arc = angRcOrRc();
        if (angN < 1) {
            throw new IllegalArgumentException("ang_n must be at least 1, got " + angN);
        }
        if (!(0 < rInner && rInner < arc)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "angular eta grid needs 0 < r_inner < ang_rc, got r_inner=%s ang_rc=%s (or give ang_etas)", rInner, arc));
        }
        double[] r = angN == 1 ? new double[] {rInner} : BuiltinSets.linspace(rInner, arc, angN);
        double[] e = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            e[i] = 1.0 / (2.0 * r[i] * r[i]);
        }
        return e;
    }

    /** The grid for every element combination (radial per neighbour, angular per unordered neighbour pair). */
    public SymmetryFunctionSet generate(String name, List<String> elements) {
        List<String> els = BuiltinSets.sortedElements(elements);
        List<double[]> radial = radialPairs();
        double[] etas = angularType == 0 ? new double[0] : angularEtas();
        List<SymmetryFunction> all = new ArrayList<>();
        for (String el : els) {
            for (String e1 : els) {
                for (double[] p : radial) {
                    all.add(SymmetryFunction.radial(el, e1, p[1], p[0], rc, cutoff, alpha));
                }
            }
            if (angularType == 0) {
                continue;
            }
            for (String[] pair : BuiltinSets.neighbourPairs(els)) {
                for (double eta : etas) {
                    for (double zeta : zetas) {
                        for (double lambda : new double[] {-1, 1}) {
                            all.add(SymmetryFunction.angular(el, angularType, pair[0], pair[1], eta, 0, zeta, lambda,
                                angRcOrRc(), cutoff, alpha));
                        }
                    }
                }
            }
        }
        return new SymmetryFunctionSet(name, els, BuiltinSets.groupByElement(els, all));
    }
}
