package dev.sieve.md;

import dev.sieve.core.InputException;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.md.potential.OverlayPotential;
import dev.sieve.md.potential.Potential;
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
    private final MdRestart.Identity identity;
    private final String startName;
    private long firstStep;
    private MdRestart.Progress resumed;

    /**
     * The engine in its start state: restored from {@link MdRunConfig#restart()} (refused for another cell, potential,
     * atoms or time step), or with fresh velocities.
     */
    public MdRun(Potential potential, Structure start, MdRunConfig cfg) throws IOException {
        this(potential, start, cfg, null);
    }

    /**
     * As {@link #MdRun(Potential, Structure, MdRunConfig)}; {@code startName} names where {@code start} comes from
     * (e.g. {@code --structure FILE}) in the message refusing a restart made for another structure or cell.
     */
    public MdRun(Potential potential, Structure start, MdRunConfig cfg, String startName) throws IOException {
        this.cfg = cfg;
        this.startName = startName;
        this.md = new MdEngine(potential, start, cfg.engine());
        this.identity = MdRestart.identity(potential, start);
        if (cfg.restart().isPresent()) {
            Path f = cfg.restart().get();
            MdRestart r = MdRestart.read(f);
            r.check(f, identity, cfg.engine().dt(), false, startName);
            md.restore(r.state());
        } else if (cfg.startTemperature() > 0) {
            md.initVelocities(cfg.startTemperature());
        }
        this.firstStep = md.stepCount();
    }

    /**
     * Continues the run of this configuration whose outputs are in {@code dir} (killed, or stopped by an error
     * after a restart was written) from its {@code restart.json}: the same start structure, potential, cell and
     * settings are required. {@link #run} then truncates thermo.csv and trajectory.xyz back to the lengths the
     * restart records and carries on to the end of the run, which is then identical to an uninterrupted one.
     *
     * @return false when there is no restart yet (the run starts from the beginning)
     */
    public boolean resumeFrom(Path dir) {
        Path f = dir.resolve(RestartWriter.RESTART);
        if (Files.isDirectory(dir)) {
            removeStaleTemporaries(dir);
        }
        if (!Files.isRegularFile(f)) {
            return false;
        }
        if (cfg.analysis().active()) {
            throw new InputException("resume does not continue the structure analysis (rdf, adf, msd) yet; run "
                + "without it, or start the run again");
        }
        MdRestart r = MdRestart.read(f);
        r.check(f, identity, cfg.engine().dt(), true, startName);
        r.checkSettings(f, MdRestart.settings(cfg));
        md.restore(r.state());
        firstStep = r.progress().firstStep();
        resumed = r.progress();
        if (OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp) {
            hp.restoreExtrapolations(resumed.extrapolations());
        }
        return true;
    }

    /** Temporary files of this run's outputs that a kill during an atomic write left behind. */
    private static void removeStaleTemporaries(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp") && (n.startsWith("." + RestartWriter.RESTART + ".")
                    || n.startsWith("." + RestartWriter.FINAL_STRUCTURE + ".") || n.startsWith(".thermo.csv.")
                    || n.startsWith(".trajectory.xyz."))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new InputException(dir.toString(), -1, "cannot list: " + e.getMessage(), e);
        }
    }

    public MdEngine engine() {
        return md;
    }

    public MdRunConfig config() {
        return cfg;
    }

    /**
     * Runs the configured steps (or, resumed, the rest of them), writing the standard outputs into {@code dir}, with
     * a restart every {@link MdRunConfig#restartEvery()} steps; {@code thermo} (may be null) also receives every
     * thermo row. An error before the first restart leaves no partial thermo, trajectory or end-state file; after it,
     * the restart and the partial outputs are kept for {@link #resumeFrom}.
     */
    public Result run(Path dir, ThermoLog.Sink thermo) throws IOException {
        try {
            return runIn(dir, thermo);
        } catch (java.nio.file.FileSystemException e) {
            String f = e.getFile() != null ? e.getFile() : dir.toString();
            throw new InputException(f, -1, "cannot write: " + dev.sieve.core.Messages.reason(e), e);
        } catch (IOException e) {
            throw new InputException(dir.toString(), -1, "cannot write the run's outputs: "
                + dev.sieve.core.Messages.reason(e), e);
        }
    }

    private Result runIn(Path dir, ThermoLog.Sink thermo) throws IOException {
        Files.createDirectories(dir);
        long wall = System.nanoTime();
        long last = firstStep + cfg.steps();
        long from = md.stepCount();
        MdAnalysis analysis = new MdAnalysis(cfg.analysis(), dir);
        List<MdObserver> observers = new ArrayList<>();
        try {
            ThermoLog log = new ThermoLog(dir.resolve("thermo.csv"), cfg.thermoEvery(), thermo,
                resumed == null ? -1 : resumed.thermoBytes());
            observers.add(log);
            if (cfg.analysis().active()) {
                observers.add(analysis);
            }
            TrajectoryWriter traj = null;
            if (cfg.dumpEvery() > 0) {
                traj = new TrajectoryWriter(dir.resolve("trajectory.xyz"), cfg.dumpEvery(),
                    resumed == null ? -1 : resumed.trajectoryBytes());
                observers.add(traj);
            }
            if (cfg.maxExtrapolations().isPresent()
                && OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp) {
                observers.add(new ExtrapolationLimit(hp, cfg.maxExtrapolations().getAsLong()));
            }
            observers.add(new Restarts(dir, log, traj, last));
            advance(md, last - from, observers);
        } finally {
            for (int k = observers.size() - 1; k >= 0; k--) {
                observers.get(k).close();
            }
        }
        double seconds = (System.nanoTime() - wall) * 1e-9;
        double[] tm = md.timings();
        OptionalLong ex = OptionalLong.empty();
        String report = "";
        if (OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp) {
            ex = OptionalLong.of(hp.extrapolations());
            report = hp.extrapolations() > 0 ? hp.extrapolationReport(10) : "";
        }
        return new Result(last - from, md.atoms(), seconds, tm[0], tm[1], tm[2], analysis.summary(), ex, report);
    }

    /** The restart of the engine's current state with the outputs' lengths. */
    private MdRestart restart(long last, long thermoBytes, long trajectoryBytes, boolean complete) {
        long ex = OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp ? hp.extrapolations() : 0;
        return new MdRestart(md.state(), identity, MdRestart.settings(cfg),
            new MdRestart.Progress(firstStep, last, thermoBytes, trajectoryBytes, complete, ex));
    }

    /**
     * Writes restart.json every {@code restartEvery} steps (after the step's thermo row and frame, whose files are
     * flushed first so the recorded lengths hold them), and restart.json with final.xyz at the end, after the
     * outputs were committed. Last in the observer list.
     */
    private final class Restarts implements MdObserver {
        private final Path dir;
        private final ThermoLog log;
        private final TrajectoryWriter traj;
        private final long last;

        Restarts(Path dir, ThermoLog log, TrajectoryWriter traj, long last) {
            this.dir = dir;
            this.log = log;
            this.traj = traj;
            this.last = last;
        }

        @Override
        public void stepped(MdEngine e) throws IOException {
            long every = cfg.restartEvery();
            if (every > 0 && e.stepCount() % every == 0 && e.stepCount() < last) {
                long t = log.file().flush();
                long j = traj == null ? 0 : traj.file().flush();
                restart(last, t, j, false).write(dir.resolve(RestartWriter.RESTART));
                log.file().keep();
                if (traj != null) {
                    traj.file().keep();
                }
            }
        }

        @Override
        public void finished(MdEngine e) throws IOException {
            long t = Files.size(dir.resolve("thermo.csv"));
            long j = traj == null ? 0 : Files.size(dir.resolve("trajectory.xyz"));
            new RestartWriter(dir).write(e, restart(last, t, j, true));
        }
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
