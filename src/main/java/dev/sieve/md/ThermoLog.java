package dev.sieve.md;

import dev.sieve.core.InputException;
import dev.sieve.md.potential.HdnnpPotential;
import dev.sieve.md.potential.OverlayPotential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Thermodynamic output of a run: a row at the start, every {@code every} steps (counted from step 0, also across a
 * restart) and at the last step, written as CSV ({@link #COLUMNS}) and handed to an optional {@link Sink} (the
 * console, say).
 */
public final class ThermoLog implements MdObserver {

    /** Header line of the CSV file. */
    public static final String COLUMNS = "step,time_ps,temperature_K,potential_eV,kinetic_eV,total_eV,conserved_eV,"
        + "pressure_bar,extrapolations";

    /**
     * One thermo row.
     *
     * @param step           step count
     * @param timePs         simulated time, ps
     * @param temperature    instantaneous temperature, K
     * @param potential      potential energy, eV
     * @param kinetic        kinetic energy, eV
     * @param conserved      conserved energy of the integrator (total energy plus thermostat terms), eV
     * @param pressure       pressure, bar
     * @param extrapolations HDNNP symmetry-function values outside the training range so far (0 for other potentials)
     */
    public record Row(long step, double timePs, double temperature, double potential, double kinetic, double conserved,
                      double pressure, long extrapolations) {

        /** The current row of an engine. */
        public static Row of(MdEngine md) {
            long ex = OverlayPotential.hdnnp(md.potential()) instanceof HdnnpPotential hp ? hp.extrapolations() : 0;
            return new Row(md.stepCount(), md.time() * 1e-3, md.temperature(), md.potentialEnergy(), md.kineticEnergy(),
                md.conservedEnergy(), md.pressure(), ex);
        }

        /** Potential plus kinetic energy, eV. */
        public double total() {
            return potential + kinetic;
        }

        /** The CSV line, with its newline. */
        public String csv() {
            return String.format(Locale.ROOT, "%d,%.6f,%.4f,%.10f,%.10f,%.10f,%.10f,%.4f,%d%n", step, timePs,
                temperature, potential, kinetic, total(), conserved, pressure, extrapolations);
        }
    }

    /** Receives each row as it is written. */
    @FunctionalInterface
    public interface Sink {
        void accept(Row row);
    }

    private final ProgressFile csv;
    private final int every;
    private final Sink sink;
    private final boolean resumed;
    private long lastStep;

    /**
     * @param file  the CSV file (written as FILE.part during the run, renamed when the run finishes)
     * @param every row interval in steps, >= 1
     * @param sink  also receives every row; may be null
     */
    public ThermoLog(Path file, int every, Sink sink) {
        this(file, every, sink, -1);
    }

    /** A log continuing a file at length {@code resumeAt} (no header, no start row), or a new one (-1). */
    ThermoLog(Path file, int every, Sink sink, long resumeAt) {
        if (every < 1) {
            throw new InputException("thermoEvery must be >= 1, got " + every);
        }
        this.every = every;
        this.sink = sink;
        this.resumed = resumeAt >= 0;
        this.csv = new ProgressFile(file, resumeAt);
    }

    ProgressFile file() {
        return csv;
    }

    @Override
    public void started(MdEngine md, long lastStep) throws IOException {
        this.lastStep = lastStep;
        if (!resumed) {
            csv.writer().write(COLUMNS + "\n");
            row(md);
        }
    }

    @Override
    public void stepped(MdEngine md) throws IOException {
        if (md.stepCount() % every == 0 || md.stepCount() == lastStep) {
            row(md);
        }
    }

    private void row(MdEngine md) throws IOException {
        Row r = Row.of(md);
        csv.writer().write(r.csv());
        if (sink != null) {
            sink.accept(r);
        }
    }

    @Override
    public void finished(MdEngine md) {
        csv.commit();
    }

    @Override
    public void close() {
        csv.close();
    }
}
