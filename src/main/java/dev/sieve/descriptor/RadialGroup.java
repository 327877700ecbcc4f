package dev.sieve.descriptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The plan of one radial loop over neighbours: the functions of an element with the same neighbour element and cutoff,
 * the functions of one eta together by ascending shift, and the recurrence steps that share exponentials between
 * them.
 */
final class RadialGroup {
    int e1;
    int cutoff;
    double rc;
    double[] eta;
    double[] eta2; // 2 eta
    double[] rs;
    int[] out;
    // shifted functions of one eta by recurrence (see planSteps): function q > 0 with step[q] = d >= 0 has
    // exp(-eta (r - rs_q)^2) = (exp(-eta (r - rs_{q-1})^2) * exp(stepCoef[d] r)) * stepConst[q]
    int[] step;
    double[] stepCoef;
    double[] stepConst;

    /**
     * The group of functions {@code ks} (indices into {@code sfs}, the element's functions in n2p2's order), which share
     * their neighbour element and their cutoff, number {@code cutoff} of the element plan.
     */
    static RadialGroup plan(List<SymmetryFunction> sfs, List<Integer> ks, List<String> elements, int cutoff) {
        SymmetryFunction f0 = sfs.get(ks.get(0));
        RadialGroup g = new RadialGroup();
        g.e1 = elements.indexOf(f0.e1());
        g.cutoff = cutoff;
        g.rc = f0.rc();
        g.eta = new double[ks.size()];
        g.rs = new double[ks.size()];
        g.out = new int[ks.size()];
        List<Integer> order = byEtaThenShift(sfs, ks);
        for (int q = 0; q < order.size(); q++) {
            SymmetryFunction f = sfs.get(order.get(q));
            g.eta[q] = f.eta();
            g.rs[q] = f.rs();
            g.out[q] = order.get(q);
        }
        g.eta2 = new double[g.eta.length];
        for (int q = 0; q < g.eta.length; q++) {
            g.eta2[q] = 2.0 * g.eta[q];
        }
        planSteps(g);
        return g;
    }

    /** Functions {@code ks}, those of one eta together (in order of first appearance), by ascending shift within it. */
    private static List<Integer> byEtaThenShift(List<SymmetryFunction> sfs, List<Integer> ks) {
        List<Integer> order = new ArrayList<>(ks);
        List<Double> etas = new ArrayList<>();
        for (int k : ks) {
            if (!etas.contains(sfs.get(k).eta())) {
                etas.add(sfs.get(k).eta());
            }
        }
        order.sort(Comparator.<Integer>comparingInt(k -> etas.indexOf(sfs.get(k).eta()))
            .thenComparingDouble(k -> sfs.get(k).rs()));
        return order;
    }

    /**
     * Plans the exponentials of a radial group. Functions with one eta and shifts rs_0 &lt; rs_1 &lt; ... (n2p2's
     * shifted grids) need not each call exp: with D = rs_{q} - rs_{q-1},
     * exp(-eta (r - rs_q)^2) = exp(-eta (r - rs_{q-1})^2) exp(2 eta D r) exp(-2 eta D rs_{q-1} - eta D^2), and
     * exp(2 eta D r) is shared by every step of the same D (equal to 1e-12 relative; a grid rounded to a few digits
     * has two or three). Used where it saves exponentials and every factor stays far from overflow and underflow
     * (exponents within 600); the values differ from separate exponentials by about 1e-14 relative.
     */
    static void planSteps(RadialGroup g) {
        int n = g.eta.length;
        g.step = new int[n];
        Arrays.fill(g.step, -1);
        g.stepConst = new double[n];
        List<Double> coefs = new ArrayList<>();
        for (int a = 0; a < n; ) {
            int b = a + 1;
            while (b < n && g.eta[b] == g.eta[a]) {
                b++;
            }
            // functions a .. b-1 share eta, sorted by rs
            double eta = g.eta[a];
            boolean safe = eta > 0 && b - a > 2;
            int[] st = new int[b - a];
            List<Double> fc = new ArrayList<>(), fd = new ArrayList<>();
            for (int q = a; q < b && safe; q++) {
                double rs = g.rs[q];
                double far = Math.max(rs * rs, (g.rc - rs) * (g.rc - rs));
                safe = rs >= 0 && eta * far <= 600;
                if (q > a && safe) {
                    double d = rs - g.rs[q - 1];
                    int k = -1;
                    for (int u = 0; u < fd.size() && k < 0; u++) {
                        if (Math.abs(fd.get(u) - d) <= 1e-12 * Math.max(1.0, d)) {
                            k = u;
                        }
                    }
                    if (k < 0) {
                        k = fd.size();
                        fd.add(d);
                        fc.add(2.0 * eta * d);
                    }
                    double dd = fd.get(k);
                    safe = d > 0 && 2.0 * eta * dd * g.rc <= 600 && 2.0 * eta * dd * g.rs[q - 1] + eta * dd * dd <= 600;
                    st[q - a] = k;
                }
            }
            if (safe && 1 + fd.size() < b - a) {
                for (int q = a + 1; q < b; q++) {
                    int k = st[q - a];
                    double dd = fd.get(k);
                    g.step[q] = coefs.size() + k;
                    g.stepConst[q] = StrictMath.exp(-2.0 * eta * dd * g.rs[q - 1] - eta * dd * dd);
                }
                coefs.addAll(fc);
            }
            a = b;
        }
        g.stepCoef = new double[coefs.size()];
        for (int k = 0; k < coefs.size(); k++) {
            g.stepCoef[k] = coefs.get(k);
        }
    }
}
