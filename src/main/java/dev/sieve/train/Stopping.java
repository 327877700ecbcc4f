package dev.sieve.train;

import dev.sieve.core.SettingException;

/**
 * When a fit ends: after {@code epochs} epochs, or early when the validation objective has not improved by more
 * than {@code minDelta} for {@code patience} epochs. The best state (lowest validation objective) is kept.
 *
 * @param epochs   maximum number of epochs
 * @param minDelta an improvement of the validation objective must exceed this (0: any improvement counts)
 * @param patience epochs without improvement before stopping (0: never stop early)
 */
public record Stopping(int epochs, double minDelta, int patience) {
    public Stopping {
        SettingException.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
        SettingException.require(minDelta >= 0, "min-delta", "must be >= 0, got " + minDelta);
        SettingException.require(patience >= 0, "patience", "must be >= 0, got " + patience);
    }

    /** 2000 epochs at most, min delta 0, patience 100: fits run until the validation error stops falling. */
    public static Stopping defaults() {
        return new Stopping(2000, 0.0, 100);
    }

    public Stopping withEpochs(int e) {
        return new Stopping(e, minDelta, patience);
    }

    public Stopping withPatience(int p) {
        return new Stopping(epochs, minDelta, p);
    }

    public Stopping withMinDelta(double d) {
        return new Stopping(epochs, d, patience);
    }
}
