package dev.sieve.md;

import dev.sieve.core.InputException;

/**
 * Settings of an MD run's integrator and thermostat, built by name from values of the {@link MdSettings} catalogue
 * ({@link MdSettings#engine}), which declares their defaults.
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

    /** NVE with time step {@code dt} and {@code seed}, every other setting at its {@link MdSettings} default. */
    public static MdConfig nve(double dt, long seed) {
        return MdSettings.engine(MdSettings.defaults().with(MdSettings.DT, dt).with(MdSettings.SEED, seed));
    }

    /** Named construction of an {@link MdConfig}; {@link #build()} validates. */
    public static final class Builder {
        private double dt = MdSettings.DT.defaultValue();
        private Ensemble ensemble = parseEnsemble(MdSettings.ENSEMBLE.defaultValue());
        private double temperature = MdSettings.TEMPERATURE.defaultValue();
        private double damping = MdSettings.TDAMP.defaultValue();
        private int chain = MdSettings.CHAIN.defaultValue();
        private long seed = MdSettings.SEED.defaultValue();
        private double skin = MdSettings.SKIN.defaultValue();
        private double minDistance = MdSettings.MIN_DISTANCE.defaultValue();

        private Builder() {}

        public Builder dt(double v) {
            dt = v;
            return this;
        }

        public Builder ensemble(Ensemble v) {
            ensemble = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder damping(double v) {
            damping = v;
            return this;
        }

        public Builder chain(int v) {
            chain = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder skin(double v) {
            skin = v;
            return this;
        }

        public Builder minDistance(double v) {
            minDistance = v;
            return this;
        }

        public MdConfig build() {
            return new MdConfig(dt, ensemble, temperature, damping, chain, seed, skin, minDistance);
        }
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
