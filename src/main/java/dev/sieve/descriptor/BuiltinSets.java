package dev.sieve.descriptor;

import dev.sieve.structure.Elements;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The two candidate sets of the thesis (DESIGN.md §3), for any list of elements.
 *
 * <p>For one element both sets are exactly those of the thesis. For several elements every
 * element combination gets the same parameters: each central element has the radial functions
 * once per neighbour element e1, and the angular functions once per unordered neighbour pair
 * {e1, e2} (e1 = e2 included), so a set for n elements has per element n radial blocks and
 * n(n+1)/2 angular blocks. Angular functions have rs = 0; the inner cutoff fraction alpha is 0.
 *
 * <ul>
 *   <li>{@code thesis22}: radial rc = 6.8 Å, (eta, rs) = (0.0013, 0), (0.04, 0), (0.1, 0), (0.26, 0),
 *       (0.66, 0), (1.85, 0), (1.85, 1.017), (1.85, 2.035), (1.85, 3.052), (1.85, 4.070), (1.85, 5.087),
 *       (1.85, 6.105); angular rc = 4.4 Å, eta = 0.0013, zeta in {1, 2, 4, 16, 64}, lambda = ±1.</li>
 *   <li>{@code thesis329}: radial rc = 6.8 Å: 201 functions with rs = 0 and eta = linspace(0, 2, 201)
 *       with the first eta replaced by 0.0013, then 68 with eta = 1.85 and rs = linspace(0.05, 6.8, 68);
 *       angular rc = 4.4 Å: for each eta in linspace(0, 2, 6) (first replaced by 0.0013) the ten
 *       (zeta, lambda) pairs of thesis22. 269 + 60 = 329 per element pair.</li>
 * </ul>
 */
public final class BuiltinSets {
    private BuiltinSets() {}

    public static final double RADIAL_RC = 6.8;
    public static final double ANGULAR_RC = 4.4;
    static final double[] ZETAS = {1, 2, 4, 16, 64};
    private static final double[][] THESIS22_RADIAL = {
        {0.0013, 0}, {0.04, 0}, {0.1, 0}, {0.26, 0}, {0.66, 0}, {1.85, 0}, {1.85, 1.017}, {1.85, 2.035},
        {1.85, 3.052}, {1.85, 4.070}, {1.85, 5.087}, {1.85, 6.105}};

    /** thesis22 for one element. */
    public static SymmetryFunctionSet thesis22(String element, CutoffType cutoff, int angularType) {
        return thesis22(List.of(element), cutoff, angularType);
    }

    /** thesis22 for one element, cosine cutoff, wide (type 9) angular functions. */
    public static SymmetryFunctionSet thesis22(String element) {
        return thesis22(element, CutoffType.COS, SymmetryFunction.ANGULAR_WIDE);
    }

    /** thesis22 for every element combination of {@code elements} (see class comment). */
    public static SymmetryFunctionSet thesis22(List<String> elements, CutoffType cutoff, int angularType) {
        List<double[]> radial = List.of(THESIS22_RADIAL);
        return build("thesis22", elements, cutoff, angularType, radial, new double[] {0.0013});
    }

    /** thesis329 for one element. */
    public static SymmetryFunctionSet thesis329(String element, CutoffType cutoff, int angularType) {
        return thesis329(List.of(element), cutoff, angularType);
    }

    /** thesis329 for every element combination of {@code elements} (see class comment). */
    public static SymmetryFunctionSet thesis329(List<String> elements, CutoffType cutoff, int angularType) {
        List<double[]> radial = new ArrayList<>();
        double[] etas = linspace(0, 2, 201);
        etas[0] = 0.0013;
        for (double eta : etas) {
            radial.add(new double[] {eta, 0});
        }
        for (double rs : linspace(0.05, 6.8, 68)) {
            radial.add(new double[] {1.85, rs});
        }
        double[] angEtas = linspace(0, 2, 6);
        angEtas[0] = 0.0013;
        return build("thesis329", elements, cutoff, angularType, radial, angEtas);
    }

    private static SymmetryFunctionSet build(String name, List<String> elements, CutoffType cutoff, int angularType,
                                             List<double[]> radial, double[] angEtas) {
        if (angularType != SymmetryFunction.ANGULAR_NARROW && angularType != SymmetryFunction.ANGULAR_WIDE) {
            throw new IllegalArgumentException("angular type must be 3 (narrow) or 9 (wide), got " + angularType);
        }
        List<String> els = sortedElements(elements);
        List<SymmetryFunction> all = new ArrayList<>();
        for (String el : els) {
            for (String e1 : els) {
                for (double[] p : radial) {
                    all.add(SymmetryFunction.radial(el, e1, p[0], p[1], RADIAL_RC, cutoff, 0));
                }
            }
            for (String[] pair : neighbourPairs(els)) {
                for (double eta : angEtas) {
                    for (double zeta : ZETAS) {
                        for (double lambda : new double[] {-1, 1}) {
                            all.add(SymmetryFunction.angular(el, angularType, pair[0], pair[1], eta, 0, zeta, lambda,
                                ANGULAR_RC, cutoff, 0));
                        }
                    }
                }
            }
        }
        return new SymmetryFunctionSet(name, els, groupByElement(els, all));
    }

    /**
     * numpy's {@code linspace(start, stop, n)}: start + i * step with step = (stop - start)/(n - 1), and
     * the last value exactly {@code stop}.
     */
    public static double[] linspace(double start, double stop, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("linspace needs at least one point, got " + n);
        }
        double[] y = new double[n];
        if (n == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            y[i] = i * step + start;
        }
        y[n - 1] = stop;
        return y;
    }

    /** Distinct element symbols ordered by atomic number; rejects unknown symbols and empty lists. */
    static List<String> sortedElements(List<String> elements) {
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException("no elements given");
        }
        LinkedHashSet<String> s = new LinkedHashSet<>();
        for (String e : elements) {
            if (!Elements.isSymbol(e)) {
                throw new IllegalArgumentException("unknown element symbol '" + e + "'");
            }
            s.add(e);
        }
        List<String> l = new ArrayList<>(s);
        l.sort(Comparator.comparingInt(Elements::atomicNumber));
        return l;
    }

    /** Unordered neighbour pairs {e1, e2} with e1 <= e2 (atomic number), in order. */
    static List<String[]> neighbourPairs(List<String> sortedElements) {
        List<String[]> pairs = new ArrayList<>();
        for (int a = 0; a < sortedElements.size(); a++) {
            for (int b = a; b < sortedElements.size(); b++) {
                pairs.add(new String[] {sortedElements.get(a), sortedElements.get(b)});
            }
        }
        return pairs;
    }

    static java.util.Map<String, List<SymmetryFunction>> groupByElement(List<String> els, List<SymmetryFunction> all) {
        java.util.Map<String, List<SymmetryFunction>> m = new java.util.LinkedHashMap<>();
        for (String el : els) {
            m.put(el, new ArrayList<>());
        }
        for (SymmetryFunction f : all) {
            m.get(f.element()).add(f);
        }
        return m;
    }
}
