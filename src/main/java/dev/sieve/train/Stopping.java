package dev.sieve.train;

import dev.sieve.core.SettingException;

/**
 * When a fit ends: after {@code epochs} epochs, or early when the validation objective has not improved by more
 * than {@code minDelta} for {@code patience} epochs. The best state (lowest validation objective) is kept.
 *
 * <p>The validation objective is the loss on the validation structures, except that with forces a force-component
 * error beyond {@code valForceClip} counts as exactly {@code valForceClip} (its square is clipped). A validation
 * structure unlike any training structure (a model extrapolating to force errors of several eV/Å where the data's
 * forces are below 2 eV/Å) would otherwise carry most of the objective and end the fit while every other structure
 * still improves. The clip never lowers the objective when an error grows. The reported force errors are not
 * clipped.
 *
 * <p>With {@code skipExtrapolating}, validation structures with feature values outside the range of the training
 * structures (n2p2's extrapolation warnings) are left out of the validation objective: a model cannot be judged
 * where it extrapolates, and one such structure can dominate the objective. They stay in the final validation
 * errors. If that would leave out half of the validation structures or more, all are kept.
 *
 * @param epochs       maximum number of epochs
 * @param minDelta     an improvement of the validation objective must exceed this (0: any improvement counts)
 * @param patience     epochs without improvement before stopping (0: never stop early)
 * @param valForceClip eV/Å; {@link #AUTO_CLIP}: the largest reference force component of the training
 *                     structures' force atoms; 0: no clipping
 */
public record Stopping(int epochs, double minDelta, int patience, double valForceClip, boolean skipExtrapolating) {
    /** {@code valForceClip} from the data: the largest |reference force component| of the training force atoms. */
    public static final double AUTO_CLIP = -1;

    public Stopping {
        SettingException.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
        SettingException.require(minDelta >= 0, "min-delta", "must be >= 0, got " + minDelta);
        SettingException.require(patience >= 0, "patience", "must be >= 0, got " + patience);
        SettingException.require(valForceClip == AUTO_CLIP || valForceClip >= 0 && Double.isFinite(valForceClip),
            "val-force-clip", "must be auto, off (0) or a force in eV/Å > 0, got " + valForceClip);
    }

    /** With the automatic validation force clip. */
    public Stopping(int epochs, double minDelta, int patience) {
        this(epochs, minDelta, patience, AUTO_CLIP, true);
    }







    /** The clip's setting text: auto, off or the value in eV/Å. */
    public String valForceClipText() {
        return valForceClip == AUTO_CLIP ? "auto" : valForceClip == 0 ? "off" : Double.toString(valForceClip);
    }

    /** Parses auto, off (or 0) or a force in eV/Å. */
    public static double parseValForceClip(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO_CLIP;
        }
        if (t.equals("off") || t.equals("none")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(t);
            SettingException.require(v >= 0 && Double.isFinite(v), "val-force-clip",
                "must be auto, off or a force in eV/Å >= 0, got " + text);
            return v;
        } catch (NumberFormatException e) {
            throw new SettingException("val-force-clip", "must be auto, off or a force in eV/Å, got '" + text + "'");
        }
    }
}
