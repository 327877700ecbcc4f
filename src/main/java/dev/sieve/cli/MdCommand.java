package dev.sieve.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.core.AtomicFile;
import dev.sieve.io.Format;
import dev.sieve.core.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.io.StructureReader;
import dev.sieve.md.HdnnpPotential;
import dev.sieve.md.MdConfig;
import dev.sieve.md.MdEngine;
import dev.sieve.md.Potential;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sieve md}: molecular dynamics with a reference potential or an HDNNP. */
@Command(name = "md", mixinStandardHelpOptions = true,
    description = {"Runs molecular dynamics (velocity Verlet; NVE, Langevin or Nosé–Hoover chain) in a fixed cell.",
        "Units: Å, eV, amu, fs. Writes OUT/thermo.csv (step, time, T, energies, conserved energy, pressure), "
            + "OUT/trajectory.xyz every --dump steps, OUT/final.xyz, OUT/restart.json and OUT/run.json."})
public final class MdCommand implements Callable<Integer> {
    @Mixin
    PotentialOptions pot;

    @Option(names = "--structure", required = true, paramLabel = "FILE", description = "Start configuration (first structure, or --index).")
    Path structure;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I", description = "Structure index in the file (default ${DEFAULT-VALUE}).")
    int index;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Number of time steps.")
    long steps;

    @Option(names = "--dt", defaultValue = "1.0", paramLabel = "FS", description = "Time step in fs (default ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--ensemble", defaultValue = "nve", paramLabel = "E", description = "nve, langevin or nhc (default ${DEFAULT-VALUE}).")
    String ensemble;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "K", description = "Thermostat temperature, and initial temperature unless --init-temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--init-temperature", paramLabel = "K", description = "Maxwell-Boltzmann initial velocities at this temperature (default: --temperature).")
    Double initTemperature;

    @Option(names = "--tdamp", defaultValue = "100", paramLabel = "FS", description = "Thermostat time constant in fs (default ${DEFAULT-VALUE}).")
    double tdamp;

    @Option(names = "--chain", defaultValue = "3", paramLabel = "M", description = "Nosé–Hoover chain length (default ${DEFAULT-VALUE}).")
    int chain;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skin", defaultValue = "1.0", paramLabel = "Å", description = "Verlet-list skin (default ${DEFAULT-VALUE}).")
    double skin;

    @Option(names = "--min-distance", defaultValue = "0.5", paramLabel = "Å", description = "Stop when atoms come closer (default ${DEFAULT-VALUE}).")
    double minDistance;

    @Option(names = "--thermo", defaultValue = "100", paramLabel = "K", description = "Thermo output every K steps (default ${DEFAULT-VALUE}).")
    int thermo;

    @Option(names = "--dump", defaultValue = "0", paramLabel = "K", description = "Trajectory frame every K steps, 0 = none (default ${DEFAULT-VALUE}).")
    int dump;

    @Option(names = "--restart", paramLabel = "FILE", description = "Continue from a restart.json written by an earlier run.")
    Path restart;

    @Option(names = "--max-extrapolations", paramLabel = "N", description = "HDNNP: stop after N symmetry-function values outside the training range.")
    Long maxExtrapolations;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Threads for force evaluation (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--quiet", description = "No console thermo lines.")
    boolean quiet;

    @Option(names = "--sample-after", defaultValue = "0", paramLabel = "N", description = "Structure analysis starts after N steps (equilibration; default ${DEFAULT-VALUE}).")
    long sampleAfter;

    @Option(names = "--sample-every", defaultValue = "10", paramLabel = "K", description = "Analysis sample every K steps (default ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--rdf", paramLabel = "RMAX", description = "Radial distribution function up to RMAX Å -> OUT/rdf.csv.")
    Double rdfMax;

    @Option(names = "--rdf-bin", defaultValue = "0.05", paramLabel = "Å", description = "RDF bin width (default ${DEFAULT-VALUE}).")
    double rdfBin;

    @Option(names = "--adf", paramLabel = "RCUT", description = "Bond-angle distribution of neighbours within RCUT Å -> OUT/adf.csv (1° bins).")
    Double adfCut;

    @Option(names = "--msd", description = "Mean squared displacement from the first sample -> OUT/msd.csv with the diffusion coefficient.")
    boolean msd;

    @Override
    public Integer call() throws IOException {
        if (steps < 0 || thermo < 1 || dump < 0 || threads < 1) {
            throw new InputException("--steps >= 0, --thermo >= 1, --dump >= 0 and --threads >= 1 are required");
        }
        RunInfo run = new RunInfo("md", List.of("--structure", structure.toString(), "--steps", String.valueOf(steps)));
        Structure s = readStructure(structure, index);
        MdConfig cfg = new MdConfig(dt, MdConfig.parseEnsemble(ensemble), temperature, tdamp, chain, seed, skin, minDistance);
        Potential p = pot.open(threads);
        try {
            MdEngine md = new MdEngine(p, s, cfg);
            ObjectMapper om = new ObjectMapper();
            if (restart != null) {
                md.restore(om.readValue(restart.toFile(), MdEngine.State.class));
            } else {
                double t0 = initTemperature != null ? initTemperature : temperature;
                if (t0 > 0) {
                    md.initVelocities(t0);
                }
            }
            Files.createDirectories(out);
            long wall = System.nanoTime();
            try (AtomicFile.Output th = new AtomicFile.Output(out.resolve("thermo.csv"));
                 AtomicFile.Output traj = dump > 0 ? new AtomicFile.Output(out.resolve("trajectory.xyz")) : null) {
                th.writer().write("step,time_ps,temperature_K,potential_eV,kinetic_eV,total_eV,conserved_eV,pressure_bar,"
                    + "extrapolations\n");
                if (!quiet) {
                    System.out.printf("%10s %10s %10s %16s %16s %16s %12s%n", "step", "time/ps", "T/K", "Epot/eV",
                        "Etot/eV", "Econs/eV", "P/bar");
                }
                long endStep = md.stepCount() + steps;
                long firstStep = md.stepCount();
                thermoLine(md, p, th, cfg);
                Analysis an = new Analysis(rdfMax, rdfBin, adfCut, msd);
                while (md.stepCount() < endStep) {
                    md.step();
                    if (md.stepCount() % thermo == 0 || md.stepCount() == endStep) {
                        thermoLine(md, p, th, cfg);
                    }
                    if (an.active() && md.stepCount() - firstStep > sampleAfter && md.stepCount() % sampleEvery == 0) {
                        an.sample(md);
                    }
                    if (traj != null && md.stepCount() % dump == 0) {
                        StructureIO.append(traj.writer(), md.snapshot(), Format.EXTXYZ);
                    }
                    if (maxExtrapolations != null && p instanceof HdnnpPotential hp
                        && hp.extrapolations() > maxExtrapolations) {
                        throw new InputException("stopped at step " + md.stepCount() + ": " + hp.extrapolations()
                            + " symmetry-function values left the training range (--max-extrapolations "
                            + maxExtrapolations + ")");
                    }
                }
                th.commit();
                if (traj != null) {
                    traj.commit();
                }
                an.write(out, run);
            }
            double seconds = (System.nanoTime() - wall) * 1e-9;
            StructureIO.write(out.resolve("final.xyz"), List.of(md.snapshot()));
            AtomicFile.writeString(out.resolve("restart.json"), om.writeValueAsString(md.state()));
            double[] tm = md.timings();
            run.option("potential", pot.label()).option("ensemble", cfg.ensemble().toString()).option("dt_fs", dt)
                .option("temperature_K", temperature).option("seed", seed).option("threads", threads)
                .timing("total", seconds).timing("neighbours", tm[0]).timing("forces", tm[1]).timing("integration", tm[2])
                .result("steps_per_second", steps / seconds)
                .result("microseconds_per_atom_step", seconds * 1e6 / Math.max(1, steps) / md.atoms());
            if (p instanceof HdnnpPotential hp) {
                run.result("extrapolations", hp.extrapolations());
                if (hp.extrapolations() > 0) {
                    System.out.printf("warning: %d symmetry-function values were outside the training range; most "
                        + "often:%n%s", hp.extrapolations(), hp.extrapolationReport(10));
                }
            }
            run.write(out);
            System.out.printf(Locale.ROOT, "%d steps of %d atoms in %.2f s: %.3f steps/s, %.2f µs/atom-step%n", steps,
                md.atoms(), seconds, steps / seconds, seconds * 1e6 / Math.max(1, steps) / md.atoms());
        } finally {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing to do
                }
            }
        }
        return 0;
    }

    private void thermoLine(MdEngine md, Potential p, AtomicFile.Output th, MdConfig cfg) throws IOException {
        long ex = p instanceof HdnnpPotential hp ? hp.extrapolations() : 0;
        double t = md.temperature();
        double pe = md.potentialEnergy();
        double ke = md.kineticEnergy();
        th.writer().write(String.format(Locale.ROOT, "%d,%.6f,%.4f,%.10f,%.10f,%.10f,%.10f,%.4f,%d%n", md.stepCount(),
            md.time() * 1e-3, t, pe, ke, pe + ke, md.conservedEnergy(), md.pressure(), ex));
        if (!quiet) {
            System.out.printf(Locale.ROOT, "%10d %10.4f %10.2f %16.6f %16.6f %16.6f %12.1f%n", md.stepCount(),
                md.time() * 1e-3, t, pe, pe + ke, md.conservedEnergy(), md.pressure());
        }
    }

    /** Optional structure analysis during the run. */
    private static final class Analysis {
        final dev.sieve.md.StructureAnalysis.Rdf rdf;
        final dev.sieve.md.StructureAnalysis.AngleDistribution adf;
        final boolean msd;
        dev.sieve.md.StructureAnalysis.Msd msdRef;
        final java.util.List<double[]> msdRows = new java.util.ArrayList<>();
        final dev.sieve.neighbor.NeighborListBuilder builder = new dev.sieve.neighbor.NeighborListBuilder();
        final dev.sieve.neighbor.NeighborList nl = new dev.sieve.neighbor.NeighborList();

        Analysis(Double rdfMax, double bin, Double adfCut, boolean msd) {
            if (rdfMax != null && (!(rdfMax > 0) || !(bin > 0))) {
                throw new InputException("--rdf and --rdf-bin must be positive");
            }
            this.rdf = rdfMax == null ? null : new dev.sieve.md.StructureAnalysis.Rdf(rdfMax,
                (int) Math.max(1, Math.round(rdfMax / bin)));
            this.adf = adfCut == null ? null : new dev.sieve.md.StructureAnalysis.AngleDistribution(adfCut, 180);
            this.cut = adfCut == null ? 0 : adfCut;
            this.msd = msd;
        }

        boolean active() {
            return rdf != null || adf != null || msd;
        }

        void sample(MdEngine md) {
            Structure s = md.snapshot();
            double reach = Math.max(rdf == null ? 0 : rdf.rmax(), adf == null ? 0 : 1e-9 + adfCutoff());
            if (reach > 0) {
                builder.build(s.cell(), s.pbc(), s.positions(), s.size(), reach, nl);
                if (rdf != null) {
                    if (s.cell() == null) {
                        throw new InputException("--rdf needs a periodic cell");
                    }
                    rdf.add(nl, Math.abs(s.cell().volume()));
                }
                if (adf != null) {
                    adf.add(nl);
                }
            }
            if (msd) {
                if (msdRef == null) {
                    msdRef = new dev.sieve.md.StructureAnalysis.Msd(md.positions());
                    msdRows.add(new double[] {md.time(), 0});
                } else {
                    msdRows.add(new double[] {md.time(), msdRef.msd(md.positions())});
                }
            }
        }

        private double cut;

        private double adfCutoff() {
            return cut;
        }

        void write(Path out, RunInfo run) {
            if (rdf != null && rdf.frames() > 0) {
                StringBuilder sb = new StringBuilder("r_A,g\n");
                for (int b = 0; b < rdf.bins(); b++) {
                    sb.append(String.format(Locale.ROOT, "%.4f,%.6f%n", rdf.center(b), rdf.g(b)));
                }
                AtomicFile.writeString(out.resolve("rdf.csv"), sb.toString());
                run.result("rdf_frames", rdf.frames());
            }
            if (adf != null) {
                StringBuilder sb = new StringBuilder("angle_deg,p_per_deg\n");
                for (int b = 0; b < adf.bins(); b++) {
                    sb.append(String.format(Locale.ROOT, "%.2f,%.8f%n", adf.center(b), adf.p(b)));
                }
                AtomicFile.writeString(out.resolve("adf.csv"), sb.toString());
            }
            if (msd && msdRows.size() > 2) {
                double t0 = msdRows.get(0)[0];
                double[] t = new double[msdRows.size()];
                double[] m = new double[msdRows.size()];
                StringBuilder sb = new StringBuilder("time_ps,msd_A2\n");
                for (int k = 0; k < t.length; k++) {
                    t[k] = msdRows.get(k)[0] - t0;
                    m[k] = msdRows.get(k)[1];
                    sb.append(String.format(Locale.ROOT, "%.5f,%.6f%n", t[k] * 1e-3, m[k]));
                }
                // fit the second half (diffusive regime)
                int h = t.length / 2;
                double d = dev.sieve.md.StructureAnalysis.Msd.diffusion(java.util.Arrays.copyOfRange(t, h, t.length),
                    java.util.Arrays.copyOfRange(m, h, m.length));
                sb.append(String.format(Locale.ROOT, "# diffusion coefficient D = %.6e Å²/fs = %.6e cm²/s "
                    + "(fit of the second half)%n", d, d * 0.1));
                AtomicFile.writeString(out.resolve("msd.csv"), sb.toString());
                run.result("diffusion_cm2_per_s", d * 0.1);
                System.out.printf(Locale.ROOT, "diffusion coefficient %.4e cm²/s%n", d * 0.1);
            }
        }
    }

    static Structure readStructure(Path file, int index) {
        try (StructureReader r = StructureIO.open(file)) {
            for (int i = 0; r.hasNext(); i++) {
                Structure s = r.next();
                if (i == index) {
                    return s;
                }
            }
        }
        throw new InputException(file.toString(), -1, "has no structure with index " + index);
    }
}
