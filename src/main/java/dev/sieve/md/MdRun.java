package dev.sieve.md;

import dev.sieve.core.InputException;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One MD run as {@code sieve md} does it: an {@link MdEngine} started from a structure (velocities drawn, or the
 * state of a restart file), advanced {@link MdRunConfig#steps()} steps with the standard outputs in a directory:
 * {@code thermo.csv} ({@link ThermoLog}), {@code trajectory.xyz} ({@link TrajectoryWriter}), the analysis files of
 * {@link MdAnalysis}, {@code final.xyz} and {@code restart.json} ({@link RestartWriter}).
 */
public final class MdRun {

    /**
     * Outcome of {@link #run}.
     *
     * @param steps               steps run
     * @param atoms               number of atoms
     * @param seconds             wall time of the steps and their outputs (not the end state files), s
     * @param neighbourSeconds    time in neighbour lists (since the engine was created), s
     * @param forceSeconds        time in force evaluation, s
     * @param integrationSeconds  time in integration, s
     * @param analysis            what the structure analysis wrote
     * @param extrapolations      HDNNP symmetry-function values outside the training range (empty for other
     *                            potentials)
     * @param extrapolationReport the most frequent of them, one per line (empty when there were none)
     */
    public record Result(long steps, int atoms, double seconds, double neighbourSeconds, double forceSeconds,
                         double integrationSeconds, MdAnalysis.Summary analysis, OptionalLong extrapolations,
                         String extrapolationReport) {

        public double stepsPerSecond() {
            return steps / seconds;
        }

        public double microsecondsPerAtomStep() {
            return seconds * 1e6 / Math.max(1, steps) / atoms;
        }
    }

    private final MdRunConfig cfg;
    private final MdEngine md;

    /** The engine in its start state: restored from {@link MdRunConfig#restart()}, or with fresh velocities. */
    public MdRun(Potential potential, Structure start, MdRunConfig cfg) throws IOException {
        this.cfg = cfg;
        this.md = new MdEngine(potential, start, cfg.engine());
        if (cfg.restart().isPresent()) {
            md.restore(RestartWriter.read(cfg.restart().get()));
        } else if (cfg.startTemperature() > 0) {
            md.initVelocities(cfg.startTemperature());
        }
    }

    public MdEngine engine() {
        return md;
    }

    public MdRunConfig config() {
        return cfg;
    }

    /**
     * Runs the configured steps, writing the standard outputs into {@code dir}; {@code thermo} (may be null) also
     * receives every thermo row. On an error no partial thermo, trajectory or end-state file is left.
     */
    public Result run(Path dir, ThermoLog.Sink thermo) throws IOException {
        Files.createDirectories(dir);
        long wall = System.nanoTime();
        MdAnalysis analysis = new MdAnalysis(cfg.analysis(), dir);
        List<MdObserver> observers = new ArrayList<>();
        try {
            observers.add(new ThermoLog(dir.resolve("thermo.csv"), cfg.thermoEvery(), thermo));
            if (cfg.analysis().active()) {
                observers.add(analysis);
            }
            if (cfg.dumpEvery() > 0) {
                observers.add(new TrajectoryWriter(dir.resolve("trajectory.xyz"), cfg.dumpEvery()));
            }
            if (cfg.maxExtrapolations().isPresent()
                && OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp) {
                observers.add(new ExtrapolationLimit(hp, cfg.maxExtrapolations().getAsLong()));
            }
            advance(md, cfg.steps(), observers);
        } finally {
            for (int k = observers.size() - 1; k >= 0; k--) {
                observers.get(k).close();
            }
        }
        double seconds = (System.nanoTime() - wall) * 1e-9;
        new RestartWriter(dir).write(md);
        double[] tm = md.timings();
        OptionalLong ex = OptionalLong.empty();
        String report = "";
        if (OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp) {
            ex = OptionalLong.of(hp.extrapolations());
            report = hp.extrapolations() > 0 ? hp.extrapolationReport(10) : "";
        }
        return new Result(cfg.steps(), md.atoms(), seconds, tm[0], tm[1], tm[2], analysis.summary(), ex, report);
    }

    /**
     * Advances {@code md} by {@code steps} steps, calling the observers in order at the start, after every step and
     * at the end. The caller closes the observers.
     */
    public static void advance(MdEngine md, long steps, List<? extends MdObserver> observers) throws IOException {
        if (steps < 0) {
            throw new InputException("steps must be >= 0, got " + steps);
        }
        long last = md.stepCount() + steps;
        int n = observers.size();
        for (int k = 0; k < n; k++) {
            observers.get(k).started(md, last);
        }
        while (md.stepCount() < last) {
            md.step();
            for (int k = 0; k < n; k++) {
                observers.get(k).stepped(md);
            }
        }
        for (int k = 0; k < n; k++) {
            observers.get(k).finished(md);
        }
    }

    /** Stops a run once an HDNNP has seen more extrapolating symmetry-function values than allowed. */
    private record ExtrapolationLimit(HdnnpPotential potential, long max) implements MdObserver {
        @Override
        public void stepped(MdEngine md) {
            if (potential.extrapolations() > max) {
                throw new InputException("stopped at step " + md.stepCount() + ": " + potential.extrapolations()
                    + " symmetry-function values left the training range (maxExtrapolations " + max + ")");
            }
        }
    }
}
