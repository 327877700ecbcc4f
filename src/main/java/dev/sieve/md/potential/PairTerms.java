package dev.sieve.md.potential;

/** Accumulation of one neighbour-list entry's share of a central-force term. */
final class PairTerms {
    private PairTerms() {}

    /**
     * Entry (i, j) with vector (dx, dy, dz) = r_j − r_i contributes (fx, fy, fz) = (dE/dr) u to atom i
     * and the opposite to atom j; the virial gets r_ij ⊗ f_j. Either array may be null.
     */
    static void add(double[] forces, double[] virial, int i, int j, double dx, double dy, double dz, double fx,
                    double fy, double fz) {
        if (forces != null) {
            forces[3 * i] += fx;
            forces[3 * i + 1] += fy;
            forces[3 * i + 2] += fz;
            forces[3 * j] -= fx;
            forces[3 * j + 1] -= fy;
            forces[3 * j + 2] -= fz;
        }
        if (virial != null) {
            dev.sieve.core.Virial.subtractOuter(virial, dx, dy, dz, fx, fy, fz);
        }
    }
}
