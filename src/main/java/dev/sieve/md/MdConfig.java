package dev.sieve.md;

import dev.sieve.core.InputException;

/**
 * Settings of an MD run.
 *
 * @param dt           time step, fs
 * @param ensemble     NVE, LANGEVIN (BAOAB splitting) or NOSE_HOOVER (chain of {@code chain} thermostats, MTK)
 * @param temperature  target temperature, K (thermostats, and initial velocities when none are given)
 * @param damping      thermostat time constant, fs (Langevin friction 1/damping; Nosé–Hoover period)
 * @param chain        Nosé–Hoover chain length
 * @param seed         random seed (initial velocities, Langevin noise)
 * @param skin         Verlet-list skin, Å (rebuilt when an atom moved more than skin/2)
 * @param minDistance  stop when two atoms come closer than this, Å
 */
public record MdConfig(double dt, Ensemble ensemble, double temperature, double damping, int chain, long seed,
                       double skin, double minDistance) {

    /** Thermodynamic ensemble. */
    public enum Ensemble { NVE, LANGEVIN, NOSE_HOOVER }

    public MdConfig {
        if (!(dt > 0) || dt > 20) {
            throw new InputException("time step must be in (0, 20] fs, got " + dt);
        }
        if (ensemble != Ensemble.NVE && !(temperature > 0)) {
            throw new InputException("a thermostat needs a temperature > 0 K, got " + temperature);
        }
        if (ensemble != Ensemble.NVE && !(damping > dt)) {
            throw new InputException("thermostat damping must exceed the time step, got " + damping + " fs");
        }
        if (chain < 1) {
            throw new InputException("Nosé–Hoover chain length must be >= 1, got " + chain);
        }
        if (!(skin >= 0)) {
            throw new InputException("skin must be >= 0 Å, got " + skin);
        }
    }

    public static MdConfig nve(double dt, long seed) {
        return new MdConfig(dt, Ensemble.NVE, 0, 100, 3, seed, 1.0, 0.5);
    }

    public static Ensemble parseEnsemble(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nve" -> Ensemble.NVE;
            case "langevin", "nvt-langevin" -> Ensemble.LANGEVIN;
            case "nhc", "nose-hoover", "nvt" -> Ensemble.NOSE_HOOVER;
            default -> throw new InputException("unknown ensemble '" + s + "' (expected nve, langevin or nhc)");
        };
    }
}
