package dev.sieve.md;

import dev.sieve.core.InputException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Settings of an {@link MdRun}, built by name from values of the {@link MdSettings} catalogue
 * ({@link MdSettings#runConfig}).
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
}
