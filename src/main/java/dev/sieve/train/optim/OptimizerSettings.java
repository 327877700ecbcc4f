package dev.sieve.train.optim;

import dev.sieve.core.SettingException;
import java.util.Locale;

/**
 * The update rule and its mini-batches.
 *
 * @param name     a registered optimizer ({@link Optimizers#names()})
 * @param batch    structures per mini-batch
 * @param momentum SGD momentum
 * @param kalman   settings of the Kalman filter
 * @param lm       settings of Levenberg-Marquardt
 */
public record OptimizerSettings(String name, int batch, double momentum, KalmanSettings kalman, LmSettings lm) {
    public OptimizerSettings {
        name = name.toLowerCase(Locale.ROOT);
        SettingException.require(Optimizers.has(name), "optimizer", "'" + name + "' is unknown; expected one of "
            + Optimizers.names());
        SettingException.require(batch >= 1, "batch", "must be >= 1, got " + batch);
        SettingException.require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
    }






}
