package dev.sieve.train;

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

    /** Adam, batch 64 (the thesis). */
    public static OptimizerSettings defaults() {
        return new OptimizerSettings(Adam.NAME, 64, 0.9, KalmanSettings.defaults(), LmSettings.defaults());
    }

    public OptimizerSettings withName(String n) {
        return new OptimizerSettings(n, batch, momentum, kalman, lm);
    }

    public OptimizerSettings withBatch(int b) {
        return new OptimizerSettings(name, b, momentum, kalman, lm);
    }

    public OptimizerSettings withMomentum(double mu) {
        return new OptimizerSettings(name, batch, mu, kalman, lm);
    }

    public OptimizerSettings withKalman(KalmanSettings k) {
        return new OptimizerSettings(name, batch, momentum, k, lm);
    }

    public OptimizerSettings withLm(LmSettings l) {
        return new OptimizerSettings(name, batch, momentum, kalman, l);
    }
}
