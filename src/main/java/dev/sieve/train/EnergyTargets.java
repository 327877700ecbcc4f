package dev.sieve.train;

/**
 * The energy step of the preparation: per-element reference energies fitted on the training split, the targets
 * (energies minus them), the structures' loss weights and the energy loss convention, written into a
 * {@link TrainingData} store.
 */
final class EnergyTargets {
    private EnergyTargets() {}

    /**
     * Per-element reference energies by weighted least squares on the structures {@code idx}: minimises
     * sum_s ((E_s - sum_e n_se mu_e) / N_s)^2, the same per-atom weighting as the loss. Solved through the normal
     * equations with a tiny ridge (1e-12 of the trace) so compositions that do not determine every mu (e.g. one
     * fixed stoichiometry) still give a finite, minimum-norm-like answer.
     */
    static double[] fitAtomEnergies(TrainingData d, int[] idx) {
        int ne = d.ne;
        int[] atoms = d.atoms;
        int[][] counts = d.counts;
        double[] energy = d.energy;
        double[][] a = new double[ne][ne + 1];
        for (int k : idx) {
            double w = 1.0 / ((double) atoms[k] * atoms[k]);
            for (int e = 0; e < ne; e++) {
                for (int f = 0; f < ne; f++) {
                    a[e][f] += w * counts[k][e] * counts[k][f];
                }
                a[e][ne] += w * counts[k][e] * energy[k];
            }
        }
        double tr = 0;
        for (int e = 0; e < ne; e++) {
            tr += a[e][e];
        }
        for (int e = 0; e < ne; e++) {
            a[e][e] += 1e-12 * tr;
        }
        // Gaussian elimination with partial pivoting
        for (int c = 0; c < ne; c++) {
            int piv = c;
            for (int r = c + 1; r < ne; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            if (a[c][c] == 0.0) {
                continue;
            }
            for (int r = c + 1; r < ne; r++) {
                double f = a[r][c] / a[c][c];
                for (int q = c; q <= ne; q++) {
                    a[r][q] -= f * a[c][q];
                }
            }
        }
        double[] mu = new double[ne];
        for (int r = ne - 1; r >= 0; r--) {
            double v = a[r][ne];
            for (int q = r + 1; q < ne; q++) {
                v -= a[r][q] * mu[q];
            }
            mu[r] = a[r][r] == 0.0 ? 0.0 : v / a[r][r];
        }
        return mu;
    }

    /** Sets the training targets E_s - sum_e n_se mu_e. */
    static void setAtomEnergies(TrainingData d, double[] mu) {
        for (int k = 0; k < d.size; k++) {
            double t = d.energy[k];
            for (int e = 0; e < d.ne; e++) {
                t -= d.counts[k][e] * mu[e];
            }
            d.target[k] = t;
        }
    }

    /** Sets the loss weight of every structure (all finite and >= 0). */
    static void setWeights(TrainingData d, double[] w) {
        if (w.length != d.size) {
            throw new IllegalArgumentException("need " + d.size + " weights, got " + w.length);
        }
        System.arraycopy(w, 0, d.weight, 0, d.size);
    }

    /** Energy term of the loss per atom (default) or of the total energy. */
    static void setPerAtomEnergy(TrainingData d, boolean perAtom) {
        d.perAtomEnergy = perAtom;
    }
}
