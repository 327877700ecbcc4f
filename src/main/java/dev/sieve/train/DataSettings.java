package dev.sieve.train;

import dev.sieve.core.SettingException;
import dev.sieve.nn.ScalingMode;

/**
 * How the data are prepared ({@link DataPreparation}).
 *
 * @param scaling      feature scaling mode, fitted on the training split ({@code STANDARDIZE} is stored as the
 *                     equivalent {@code SIGMA} with S_min 0, S_max 1, which n2p2 can read)
 * @param scaleMin     S_min of the range modes
 * @param scaleMax     S_max of the range modes
 * @param dropConstant drop features constant on the training split instead of refusing them
 * @param energyOffset subtract least-squares per-element atom energies before training (stored in the model)
 * @param split        training fraction of the random split (when no validation structures are given)
 * @param forceAtoms   force atoms per structure (all atoms when the structure has at most this many)
 * @param derivatives  force derivatives kept in memory or recomputed per use ({@link DerivativeStorage})
 */
public record DataSettings(ScalingMode scaling, double scaleMin, double scaleMax, boolean dropConstant,
                           boolean energyOffset, double split, int forceAtoms, DerivativeStorage derivatives) {
    public DataSettings {
        if (scaling == ScalingMode.STANDARDIZE) {
            // (G - mean)/sigma is n2p2's sigma mode with S_min = 0, S_max = 1: same numbers, and exportable
            scaling = ScalingMode.SIGMA;
            scaleMin = 0;
            scaleMax = 1;
        }
        SettingException.require(scaleMax > scaleMin, "scale-max", "must exceed scale-min (" + scaleMin + "), got "
            + scaleMax);
        SettingException.require(split > 0 && split <= 1, "split",
            "must be a training fraction in (0, 1] (1: no validation), got " + split);
        SettingException.require(forceAtoms >= 1, "force-atoms", "must be >= 1, got " + forceAtoms);
        java.util.Objects.requireNonNull(derivatives, "derivatives");
    }








    /** A scaling mode by name (minmax, standardize, center, scalecenter, sigma, none). */
    static ScalingMode parseScaling(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "minmax", "scale" -> ScalingMode.MINMAX;
            case "standardize", "standardise" -> ScalingMode.STANDARDIZE;
            case "center" -> ScalingMode.CENTER;
            case "scalecenter" -> ScalingMode.SCALE_CENTER;
            case "sigma" -> ScalingMode.SIGMA;
            case "none" -> ScalingMode.NONE;
            default -> throw new SettingException("scaling", "'" + s + "' is unknown; expected minmax, standardize, "
                + "center, scalecenter, sigma or none");
        };
    }
}
