package dev.sieve.train.optim;

import dev.sieve.core.SettingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the Kalman-filter optimizer ({@link KalmanFilter}), named as in n2p2; declared with their defaults
 * (n2p2's recommended and published settings, except the force weight) in {@link dev.sieve.train.TrainSettings}. As in n2p2 (Singraber et al.,
 * JCTC 15, 3075 (2019); the published mlearn models' {@code input.nn}). The filter works in n2p2's atomic units
 * (Hartree, Bohr) so that these numbers mean what they mean in n2p2.
 *
 * @param epsilon        P(0) = I / epsilon
 * @param q0             initial process noise
 * @param qtau           process-noise decay per epoch: q(n) = max(qmin, q0 exp(-qtau n / updates per epoch))
 * @param qmin           smallest process noise
 * @param eta0           initial inverse measurement noise
 * @param etatau         growth per epoch: eta(n) = min(etamax, eta0 exp(etatau n / updates per epoch))
 * @param etamax         largest eta
 * @param energyFraction energy updates per epoch as a fraction of the training structures
 * @param forceFraction  force updates per epoch as a fraction of all force components of the training structures
 * @param forceWeight    factor on force residuals and their Jacobian rows (n2p2's force_weight)
 * @param forceThreshold a force update candidate is taken when its error exceeds this times the training force
 *                       RMSE (n2p2 selection mode 2), else the largest of {@code trials} candidates
 * @param trials         candidates tried per force update (1: random selection, n2p2 mode 0)
 * @param perElement     one filter per element (n2p2 update strategy 1) instead of one for all weights (0)
 * @param forceCap       force candidates whose error exceeds this times the training force RMSE are not used
 *                       (outliers in the data; 0: no cap, as n2p2)
 * @param maeScale       the force scale of the threshold and the cap is sqrt(pi/2) x the training force MAE (equal
 *                       to the RMSE for Gaussian errors, but not inflated by a few huge errors) instead of the RMSE
 */
public record KalmanSettings(double epsilon, double q0, double qtau, double qmin, double eta0, double etatau,
                             double etamax, double energyFraction, double forceFraction, double forceWeight,
                             double forceThreshold, int trials, boolean perElement, double forceCap,
                             boolean maeScale) {
    public KalmanSettings {
        SettingException.require(epsilon > 0 && Double.isFinite(epsilon), "kalman-epsilon", "must be > 0, got " + epsilon);
        SettingException.require(q0 >= 0 && Double.isFinite(q0), "kalman-q0", "must be >= 0, got " + q0);
        SettingException.require(qtau >= 0 && Double.isFinite(qtau), "kalman-qtau", "must be >= 0, got " + qtau);
        SettingException.require(qmin >= 0 && qmin <= q0, "kalman-qmin", "must be between 0 and kalman-q0 (" + q0
            + "), got " + qmin);
        SettingException.require(eta0 > 0 && Double.isFinite(eta0), "kalman-eta", "must be > 0, got " + eta0);
        SettingException.require(etatau >= 0 && Double.isFinite(etatau), "kalman-etatau", "must be >= 0, got "
            + etatau);
        SettingException.require(etamax >= eta0, "kalman-etamax", "must be >= kalman-eta (" + eta0 + "), got "
            + etamax);
        SettingException.require(energyFraction >= 0 && energyFraction <= 1, "kalman-energy-fraction",
            "must be in [0, 1], got " + energyFraction);
        SettingException.require(forceFraction >= 0 && forceFraction <= 1, "kalman-force-fraction",
            "must be in [0, 1], got " + forceFraction);
        SettingException.require(energyFraction + forceFraction > 0, "kalman-energy-fraction",
            "and kalman-force-fraction are both 0: an epoch would make no update");
        SettingException.require(forceWeight > 0 && Double.isFinite(forceWeight), "kalman-force-weight",
            "must be > 0, got " + forceWeight);
        SettingException.require(forceThreshold >= 0 && Double.isFinite(forceThreshold), "kalman-force-threshold",
            "must be >= 0, got " + forceThreshold);
        SettingException.require(trials >= 1, "kalman-trials", "must be >= 1, got " + trials);
        SettingException.require(forceCap == 0 || forceCap > forceThreshold && Double.isFinite(forceCap),
            "kalman-force-cap", "must be 0 (off) or above kalman-force-threshold (" + forceThreshold + "), got "
            + forceCap);
    }

    /** The named settings ({@code kalman-epsilon}, ...). */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kalman-epsilon", epsilon);
        m.put("kalman-q0", q0);
        m.put("kalman-qtau", qtau);
        m.put("kalman-qmin", qmin);
        m.put("kalman-eta", eta0);
        m.put("kalman-etatau", etatau);
        m.put("kalman-etamax", etamax);
        m.put("kalman-energy-fraction", energyFraction);
        m.put("kalman-force-fraction", forceFraction);
        m.put("kalman-force-weight", forceWeight);
        m.put("kalman-force-threshold", forceThreshold);
        m.put("kalman-trials", trials);
        m.put("kalman-strategy", perElement ? "element" : "combined");
        m.put("kalman-force-cap", forceCap);
        m.put("kalman-force-scale", maeScale ? "mae" : "rmse");
        return m;
    }

    /** The update strategy by name: combined (one filter, n2p2 0) or element (one per element, n2p2 1). */
    public static boolean parseStrategy(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "combined", "0" -> false;
            case "element", "per-element", "1" -> true;
            default -> throw new SettingException("kalman-strategy", "'" + s + "' is unknown; expected combined or "
                + "element");
        };
    }
}
