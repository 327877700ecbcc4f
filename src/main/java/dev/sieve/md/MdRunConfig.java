package dev.sieve.md;

import dev.sieve.core.InputException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Settings of an {@link MdRun}. Build by name with {@link #builder()}; {@link #toBuilder()} changes single settings.
 *
 * @param engine            integrator and thermostat settings
 * @param steps             number of time steps (0: only the start state is reported)
 * @param initTemperature   Maxwell–Boltzmann start velocities at this temperature, K (empty: the engine temperature;
 *                          no velocities when it is 0); ignored with a restart
 * @param thermoEvery       thermo row interval, steps (the last step always gets a row)
 * @param dumpEvery         trajectory frame interval, steps (0: no trajectory)
 * @param maxExtrapolations HDNNP only: stop with an error once more symmetry-function values than this have left
 *                          the training range (empty: never stop)
 * @param restart           continue from this restart file instead of drawing velocities (empty: fresh start)
 * @param analysis          structure analysis during the run
 * @param restartEvery      restart file every this many steps (counted from step 0) besides the one at the end
 *                          (0: only at the end)
 */
public record MdRunConfig(MdConfig engine, long steps, OptionalDouble initTemperature, int thermoEvery, int dumpEvery,
                          OptionalLong maxExtrapolations, Optional<Path> restart, MdAnalysis.Settings analysis,
                          long restartEvery) {

    /** Default restart interval, steps. */
    public static final long DEFAULT_RESTART_EVERY = MdSettings.RESTART_EVERY.defaultValue();

    public MdRunConfig {
        if (engine == null || restart == null || analysis == null) {
            throw new NullPointerException("engine, restart and analysis must not be null");
        }
        if (steps < 0) {
            throw new InputException("steps must be >= 0, got " + steps);
        }
        if (initTemperature.isPresent() && !(initTemperature.getAsDouble() >= 0)) {
            throw new InputException("initTemperature must be >= 0 K, got " + initTemperature.getAsDouble());
        }
        if (thermoEvery < 1) {
            throw new InputException("thermoEvery must be >= 1, got " + thermoEvery);
        }
        if (dumpEvery < 0) {
            throw new InputException("dumpEvery must be >= 0, got " + dumpEvery);
        }
        if (restartEvery < 0) {
            throw new InputException("restartEvery must be >= 0, got " + restartEvery);
        }
        if (maxExtrapolations.isPresent() && maxExtrapolations.getAsLong() < 0) {
            throw new InputException("maxExtrapolations must be >= 0, got " + maxExtrapolations.getAsLong());
        }
    }

    /** The temperature of the start velocities, K. */
    public double startTemperature() {
        return initTemperature.orElse(engine.temperature());
    }

    /** A builder with defaults: {@link MdConfig#builder()}'s engine, 0 steps, thermo every 100, no trajectory, restart every 1000. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().engine(engine).steps(steps).thermoEvery(thermoEvery).dumpEvery(dumpEvery)
            .analysis(analysis).restartEvery(restartEvery);
        b.initTemperature = initTemperature;
        b.maxExtrapolations = maxExtrapolations;
        b.restart = restart;
        return b;
    }

    /** Named construction of an {@link MdRunConfig}; {@link #build()} validates. */
    public static final class Builder {
        private MdConfig engine = MdConfig.builder().build();
        private long steps;
        private OptionalDouble initTemperature = OptionalDouble.empty();
        private int thermoEvery = MdSettings.THERMO.defaultValue();
        private int dumpEvery;
        private OptionalLong maxExtrapolations = OptionalLong.empty();
        private Optional<Path> restart = Optional.empty();
        private MdAnalysis.Settings analysis = MdAnalysis.Settings.none();
        private long restartEvery = DEFAULT_RESTART_EVERY;

        private Builder() {}

        public Builder engine(MdConfig v) {
            engine = v;
            return this;
        }

        public Builder steps(long v) {
            steps = v;
            return this;
        }

        public Builder initTemperature(double v) {
            initTemperature = OptionalDouble.of(v);
            return this;
        }

        public Builder thermoEvery(int v) {
            thermoEvery = v;
            return this;
        }

        public Builder dumpEvery(int v) {
            dumpEvery = v;
            return this;
        }

        public Builder maxExtrapolations(long v) {
            maxExtrapolations = OptionalLong.of(v);
            return this;
        }

        public Builder restart(Path v) {
            restart = Optional.of(v);
            return this;
        }

        public Builder analysis(MdAnalysis.Settings v) {
            analysis = v;
            return this;
        }

        public Builder restartEvery(long v) {
            restartEvery = v;
            return this;
        }

        public MdRunConfig build() {
            return new MdRunConfig(engine, steps, initTemperature, thermoEvery, dumpEvery, maxExtrapolations, restart,
                analysis, restartEvery);
        }
    }
}
