package dev.sieve.md;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Cell;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Structure analysis during a run, on the accumulators of {@link StructureAnalysis}: the radial distribution
 * function, the bond-angle distribution (1° bins), the mean squared displacement from the first sample with the
 * diffusion coefficient, and the mean temperature of the samples. As an {@link MdObserver} it samples every
 * {@code sampleEvery} steps (step count divisible by it) once more than {@code sampleAfter} steps of the run
 * have passed, and writes {@code rdf.csv}, {@code adf.csv} and {@code msd.csv} when the run finishes.
 */
public final class MdAnalysis implements MdObserver {

    /** Bins of the bond-angle distribution over 0..180°. */
    public static final int ANGLE_BINS = 180;

    /** Å²/fs to cm²/s. */
    public static final double A2_PER_FS_TO_CM2_PER_S = 0.1;

    /**
     * What to analyse and when.
     *
     * @param rdfMax      g(r) range, Å (empty: no RDF)
     * @param rdfBin      g(r) bin width, Å
     * @param adfCutoff   neighbour cutoff of the bond angles, Å (empty: no ADF)
     * @param msd         mean squared displacement and diffusion coefficient
     * @param sampleAfter steps of the run before sampling starts (equilibration)
     * @param sampleEvery sampling interval in steps
     */
    public record Settings(OptionalDouble rdfMax, double rdfBin, OptionalDouble adfCutoff, boolean msd,
                           long sampleAfter, int sampleEvery) {

        public Settings {
            if (rdfMax.isPresent() && !(rdfMax.getAsDouble() > 0)) {
                throw new InputException("rdfMax must be > 0 Å, got " + rdfMax.getAsDouble());
            }
            if (rdfMax.isPresent() && !(rdfBin > 0)) {
                throw new InputException("rdfBin must be > 0 Å, got " + rdfBin);
            }
            if (adfCutoff.isPresent() && !(adfCutoff.getAsDouble() > 0)) {
                throw new InputException("adfCutoff must be > 0 Å, got " + adfCutoff.getAsDouble());
            }
            boolean active = rdfMax.isPresent() || adfCutoff.isPresent() || msd;
            if (active && sampleEvery < 1) {
                throw new InputException("sampleEvery must be >= 1, got " + sampleEvery);
            }
            if (active && sampleAfter < 0) {
                throw new InputException("sampleAfter must be >= 0, got " + sampleAfter);
            }
        }

        /** Whether anything is analysed. */
        public boolean active() {
            return rdfMax.isPresent() || adfCutoff.isPresent() || msd;
        }

        /** No analysis. */
        public static Settings none() {
            return MdSettings.analysis(MdSettings.defaults());
        }
    }

    /**
     * What {@link #write} wrote.
     *
     * @param rdfFrames frames in {@code rdf.csv} (empty when none was written)
     * @param diffusion diffusion coefficient in {@code msd.csv}, Å²/fs (empty when none was written)
     */
    public record Summary(OptionalLong rdfFrames, OptionalDouble diffusion) {
        /** The diffusion coefficient in cm²/s. */
        public OptionalDouble diffusionCm2PerS() {
            return diffusion.isPresent() ? OptionalDouble.of(diffusion.getAsDouble() * A2_PER_FS_TO_CM2_PER_S)
                : OptionalDouble.empty();
        }
    }

    private final Settings settings;
    private final StructureAnalysis.Rdf rdf;
    private final StructureAnalysis.AngleDistribution adf;
    private final double adfCut;
    private final NeighborListBuilder builder = new NeighborListBuilder();
    private final NeighborList nl = new NeighborList();
    private StructureAnalysis.Msd msdRef;
    private double[] msdTime = new double[16];
    private double[] msdValue = new double[16];
    private int msdCount;
    private long firstStep;
    private long samples;
    private double temperatureSum;
    private final Path dir;

    /** An analysis kept in memory (see {@link #write}). */
    public MdAnalysis(Settings settings) {
        this(settings, null);
    }

    /** An analysis that writes its files into {@code dir} when the run finishes ({@code dir} null: it does not). */
    public MdAnalysis(Settings settings, Path dir) {
        this.dir = dir;
        this.settings = settings;
        this.rdf = settings.rdfMax().isPresent() ? new StructureAnalysis.Rdf(settings.rdfMax().getAsDouble(),
            (int) Math.max(1, Math.round(settings.rdfMax().getAsDouble() / settings.rdfBin()))) : null;
        this.adfCut = settings.adfCutoff().orElse(0);
        this.adf = settings.adfCutoff().isPresent() ? new StructureAnalysis.AngleDistribution(adfCut, ANGLE_BINS) : null;
    }

    @Override
    public void started(MdEngine md, long lastStep) {
        firstStep = md.stepCount();
    }

    @Override
    public void stepped(MdEngine md) {
        long k = md.stepCount();
        if (k - firstStep > settings.sampleAfter() && k % settings.sampleEvery() == 0) {
            sample(md);
        }
    }

    @Override
    public void finished(MdEngine md) {
        if (dir != null) {
            write(dir);
        }
    }

    /** Adds the engine's current configuration as one sample. */
    public void sample(MdEngine md) {
        double reach = Math.max(rdf == null ? 0 : rdf.rmax(), adf == null ? 0 : 1e-9 + adfCut);
        if (reach > 0) {
            Cell cell = md.cell();
            builder.build(cell, md.pbc(), md.positions(), md.atoms(), reach, nl);
            if (rdf != null) {
                if (cell == null) {
                    throw new InputException("the radial distribution function needs a periodic cell");
                }
                rdf.add(nl, Math.abs(cell.volume()));
            }
            if (adf != null) {
                adf.add(nl);
            }
        }
        if (settings.msd()) {
            if (msdRef == null) {
                msdRef = new StructureAnalysis.Msd(md.positions());
                addMsd(md.time(), 0);
            } else {
                addMsd(md.time(), msdRef.msd(md.positions()));
            }
        }
        temperatureSum += md.temperature();
        samples++;
    }

    private void addMsd(double time, double value) {
        if (msdCount == msdTime.length) {
            msdTime = Arrays.copyOf(msdTime, 2 * msdCount);
            msdValue = Arrays.copyOf(msdValue, 2 * msdCount);
        }
        msdTime[msdCount] = time;
        msdValue[msdCount++] = value;
    }

    /** The RDF accumulator, or null. */
    public StructureAnalysis.Rdf rdf() {
        return rdf;
    }

    /** The bond-angle accumulator, or null. */
    public StructureAnalysis.AngleDistribution adf() {
        return adf;
    }

    public long samples() {
        return samples;
    }

    /** Mean temperature over the samples, K (0 without samples). */
    public double meanTemperature() {
        return temperatureSum / Math.max(1, samples);
    }

    /** Sample times relative to the first MSD sample, fs. */
    public double[] msdTimes() {
        double[] t = new double[msdCount];
        for (int k = 0; k < msdCount; k++) {
            t[k] = msdTime[k] - msdTime[0];
        }
        return t;
    }

    /** MSD of each sample, Å². */
    public double[] msdValues() {
        return Arrays.copyOf(msdValue, msdCount);
    }

    /** Diffusion coefficient from the second half of the MSD samples, Å²/fs (empty with fewer than 3 samples). */
    public OptionalDouble diffusion() {
        return settings.msd() && msdCount > 2 ? OptionalDouble.of(diffusionOfSecondHalf(msdTimes(), msdValues()))
            : OptionalDouble.empty();
    }

    /**
     * Diffusion coefficient (Å²/fs) from a least-squares line MSD(t) = 6 D t + b through the second half of the
     * samples (the diffusive regime, after the ballistic start).
     */
    public static double diffusionOfSecondHalf(double[] t, double[] msd) {
        if (t.length != msd.length || t.length < 3) {
            throw new IllegalArgumentException("need at least 3 (t, msd) samples of equal length, got " + t.length
                + " and " + msd.length);
        }
        int h = t.length / 2;
        return StructureAnalysis.Msd.diffusion(Arrays.copyOfRange(t, h, t.length), Arrays.copyOfRange(msd, h,
            msd.length));
    }

    /** What {@link #write} writes. */
    public Summary summary() {
        return new Summary(rdf != null && rdf.frames() > 0 ? OptionalLong.of(rdf.frames()) : OptionalLong.empty(),
            diffusion());
    }

    /**
     * Writes {@code rdf.csv} (with at least one RDF frame), {@code adf.csv} (with an ADF) and {@code msd.csv} (with
     * at least 3 MSD samples, ending in a comment with the diffusion coefficient) into {@code dir}.
     */
    public Summary write(Path dir) {
        Summary summary = summary();
        if (summary.rdfFrames().isPresent()) {
            StringBuilder sb = new StringBuilder("r_A,g\n");
            for (int b = 0; b < rdf.bins(); b++) {
                sb.append(String.format(Locale.ROOT, "%.4f,%.6f%n", rdf.center(b), rdf.g(b)));
            }
            AtomicFile.writeString(dir.resolve("rdf.csv"), sb.toString());
        }
        if (adf != null) {
            StringBuilder sb = new StringBuilder("angle_deg,p_per_deg\n");
            for (int b = 0; b < adf.bins(); b++) {
                sb.append(String.format(Locale.ROOT, "%.2f,%.8f%n", adf.center(b), adf.p(b)));
            }
            AtomicFile.writeString(dir.resolve("adf.csv"), sb.toString());
        }
        OptionalDouble d = summary.diffusion();
        if (d.isPresent()) {
            double[] t = msdTimes();
            StringBuilder sb = new StringBuilder("time_ps,msd_A2\n");
            for (int k = 0; k < t.length; k++) {
                sb.append(String.format(Locale.ROOT, "%.5f,%.6f%n", t[k] * 1e-3, msdValue[k]));
            }
            double dd = d.getAsDouble();
            sb.append(String.format(Locale.ROOT, "# diffusion coefficient D = %.6e Å²/fs = %.6e cm²/s "
                + "(fit of the second half)%n", dd, dd * A2_PER_FS_TO_CM2_PER_S));
            AtomicFile.writeString(dir.resolve("msd.csv"), sb.toString());
        }
        return summary;
    }
}
