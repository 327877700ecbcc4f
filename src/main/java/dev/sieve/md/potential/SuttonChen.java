package dev.sieve.md.potential;

import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import java.util.Arrays;
import java.util.List;

/**
 * Sutton–Chen many-body potential: E = ε [ ½ Σ_i Σ_{j≠i} (a/r_ij)^n − c Σ_i sqrt(ρ_i) ],
 * ρ_i = Σ_{j≠i} (a/r_ij)^m, truncated at rc. The built-in aluminium parameters are Sutton and
 * Chen's (Phil. Mag. Lett. 61, 139 (1990)): n = 7, m = 6, ε = 3.3147e-2 eV, c = 16.399,
 * a = 4.05 Å; Sieve's default cutoff is 2a = 8.1 Å (pairs and densities truncated there).
 */
public final class SuttonChen implements Potential {
    private final String element;
    private final int n;
    private final int m;
    private final double eps;
    private final double c;
    private final double a;
    private final double rc;

    public SuttonChen(String element, int n, int m, double eps, double c, double a, double rc) {
        if (n <= 0 || m <= 0 || !(eps > 0) || !(c > 0) || !(a > 0) || !(rc > 0)) {
            throw new InputException("Sutton-Chen needs positive n, m, eps, c, a and cutoff");
        }
        this.element = element;
        this.n = n;
        this.m = m;
        this.eps = eps;
        this.c = c;
        this.a = a;
        this.rc = rc;
    }

    /** Sutton and Chen's aluminium, cutoff 2a. */
    public static SuttonChen aluminium() {
        return new SuttonChen("Al", 7, 6, 3.3147e-2, 16.399, 4.05, 8.1);
    }

    @Override
    public double cutoff() {
        return rc;
    }

    @Override
    public List<String> elements() {
        return List.of(element);
    }

    @Override
    public String describe() {
        return "Sutton-Chen " + element + " (n=" + n + ", m=" + m + ", eps=" + eps + " eV, c=" + c + ", a=" + a
            + " Å, rc=" + rc + " Å)";
    }

    private static double ipow(double x, int k) {
        double r = 1;
        double b = x;
        while (k > 0) {
            if ((k & 1) != 0) {
                r *= b;
            }
            b *= b;
            k >>= 1;
        }
        return r;
    }

    @Override
    public double compute(int[] types, NeighborList nl, double[] forces, double[] virial) {
        int na = nl.atoms();
        int[] idx = nl.indexArray();
        double[] r = nl.rArray(), dx = nl.dxArray(), dy = nl.dyArray(), dz = nl.dzArray();
        double[] rho = new double[na];
        double pairSum = 0;
        for (int i = 0; i < na; i++) {
            double s = 0;
            for (int q = nl.start(i), end = nl.end(i); q < end; q++) {
                double rr = r[q];
                if (rr < rc) {
                    double ar = a / rr;
                    s += ipow(ar, m);
                    pairSum += ipow(ar, n);
                }
            }
            rho[i] = s;
        }
        double e = 0.5 * eps * pairSum;
        double[] g = new double[na]; // dE/drho_i = -eps c / (2 sqrt(rho_i))
        for (int i = 0; i < na; i++) {
            double sq = Math.sqrt(rho[i]);
            e -= eps * c * sq;
            g[i] = sq > 0 ? -eps * c / (2 * sq) : 0;
        }
        if (forces == null && virial == null) {
            return e;
        }
        if (forces != null) {
            Arrays.fill(forces, 0, 3 * na, 0.0);
        }
        if (virial != null) {
            Arrays.fill(virial, 0.0);
        }
        for (int i = 0; i < na; i++) {
            for (int q = nl.start(i), end = nl.end(i); q < end; q++) {
                double rr = r[q];
                if (rr >= rc) {
                    continue;
                }
                double ar = a / rr;
                // d/dr of (a/r)^k = -k (a/r)^k / r
                double dPair = 0.5 * eps * (-n * ipow(ar, n) / rr);   // this entry's half of the pair term
                double dRho = g[i] * (-m * ipow(ar, m) / rr);         // i's density through this neighbour
                double dEdr = dPair + dRho;
                double fx = dEdr * dx[q] / rr, fy = dEdr * dy[q] / rr, fz = dEdr * dz[q] / rr;
                int j = idx[q];
                PairTerms.add(forces, virial, i, j, dx[q], dy[q], dz[q], fx, fy, fz);
            }
        }
        return e;
    }
}
