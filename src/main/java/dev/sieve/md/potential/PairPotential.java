package dev.sieve.md.potential;

import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import java.util.Arrays;
import java.util.List;

/**
 * Lennard-Jones, E = Σ_{i<j} 4ε[(σ/r)^12 − (σ/r)^6] − shift, truncated at rc and shifted so the
 * pair energy is zero there. One element (the symbol is a parameter; default Ar).
 */
public final class PairPotential implements Potential {
    private final String element;
    private final double eps;
    private final double sigma;
    private final double rc;
    private final double shift;

    public PairPotential(String element, double eps, double sigma, double rc) {
        if (!(eps > 0) || !(sigma > 0) || !(rc > sigma * 0.5)) {
            throw new InputException("Lennard-Jones needs eps > 0, sigma > 0 and rc > sigma/2, got eps " + eps
                + ", sigma " + sigma + ", rc " + rc);
        }
        this.element = element;
        this.eps = eps;
        this.sigma = sigma;
        this.rc = rc;
        double s6 = Math.pow(sigma / rc, 6);
        this.shift = 4 * eps * (s6 * s6 - s6);
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
        return "lj:" + eps + "," + sigma + "," + rc + " (" + element + ")";
    }

    @Override
    public double compute(int[] types, NeighborList nl, double[] forces, double[] virial) {
        int n = nl.atoms();
        if (forces != null) {
            Arrays.fill(forces, 0, 3 * n, 0.0);
        }
        if (virial != null) {
            Arrays.fill(virial, 0.0);
        }
        int[] idx = nl.indexArray();
        double[] r = nl.rArray(), dx = nl.dxArray(), dy = nl.dyArray(), dz = nl.dzArray();
        double e = 0;
        double s2 = sigma * sigma;
        for (int i = 0; i < n; i++) {
            for (int q = nl.start(i), end = nl.end(i); q < end; q++) {
                double rr = r[q];
                if (rr >= rc) {
                    continue;
                }
                double ir2 = s2 / (rr * rr);
                double s6 = ir2 * ir2 * ir2;
                e += 0.5 * (4 * eps * (s6 * s6 - s6) - shift);
                // half of dE/dr for this entry (each pair is listed twice)
                double dEdr = 0.5 * 4 * eps * (-12 * s6 * s6 + 6 * s6) / rr;
                double fx = dEdr * dx[q] / rr, fy = dEdr * dy[q] / rr, fz = dEdr * dz[q] / rr;
                PairTerms.add(forces, virial, i, idx[q], dx[q], dy[q], dz[q], fx, fy, fz);
            }
        }
        return e;
    }
}
