package dev.sieve.train;

import dev.sieve.core.SettingException;

/**
 * The training objective: mean over structures of the squared per-atom energy error + {@code forceWeight} x mean
 * squared force-component error + the L2 term.
 *
 * <p>L2 is given in the thesis' units: {@code l2 * sum w^2} is added to the per-structure total-energy loss (eV^2).
 * On Sieve's per-atom loss it therefore acts as {@code l2 / mean(N^2)} (N = atoms of a training structure), so one
 * value means the same for {@code train}, {@code select} and {@code refit}, and the thesis' 1e-5 is a sensible default
 * for any cell size ({@link #l2Coefficient}).
 *
 * @param forceWeight beta, weight of the mean squared force-component error (0: energies only)
 * @param l2          L2 coefficient in the thesis' units (see above)
 * @param l2All       penalise all parameters (default: not the first layer's weights, not biases)
 */
public record LossSettings(double forceWeight, double l2, boolean l2All) {
    public LossSettings {
        SettingException.require(forceWeight >= 0 && Double.isFinite(forceWeight), "forces",
            "(beta) must be >= 0, got " + forceWeight);
        SettingException.require(l2 >= 0 && Double.isFinite(l2), "l2", "must be >= 0, got " + l2);
    }

    /** Energies only, L2 1e-5 (the thesis). */
    public static LossSettings defaults() {
        return new LossSettings(0.0, 1e-5, false);
    }

    public LossSettings withForceWeight(double beta) {
        return new LossSettings(beta, l2, l2All);
    }

    public LossSettings withL2(double c, boolean all) {
        return new LossSettings(forceWeight, c, all);
    }

    /**
     * The coefficient on {@code sum w^2} in an objective whose data term is the per-atom loss times {@code lossScale}.
     *
     * @param meanSquaredAtoms mean of N^2 over the training structures
     */
    public double l2Coefficient(double lossScale, double meanSquaredAtoms) {
        if (lossScale == meanSquaredAtoms) {
            return l2; // the data term is already in the thesis' units
        }
        return l2 / meanSquaredAtoms * lossScale;
    }
}
