package dev.sieve.bench;

import dev.sieve.md.MdConfig;
import dev.sieve.md.MdEngine;
import dev.sieve.md.potential.Potential;
import dev.sieve.structure.Structure;
import java.util.Arrays;

/**
 * Times NVE molecular dynamics: after warm-up steps, {@code repeats} blocks of {@code steps} steps;
 * reports the median steps per second, µs per atom-step and where the time went (neighbour
 * lists, force evaluation, integration) in the median block.
 */
public final class MdBenchmark {
    private MdBenchmark() {}

    /** Result; times in µs per atom-step. */
    public record Result(String potential, String structure, int atoms, int threads, int steps, int repeats,
                         double stepsPerSecond, double microsPerAtomStep, double neighbourUs, double forceUs,
                         double integrateUs, double[] blockStepsPerSecond) {}

    public static Result run(Potential p, Structure s, int threads, int warmup, int steps, int repeats, double temperature) {
        MdEngine md = new MdEngine(p, s, new MdConfig(1.0, MdConfig.Ensemble.NVE, 0, 100, 3, 1, 1.0, 0.5));
        md.initVelocities(temperature);
        for (int k = 0; k < warmup; k++) {
            md.step();
        }
        double[] sps = new double[repeats];
        double[][] parts = new double[repeats][];
        for (int r = 0; r < repeats; r++) {
            md.resetTimings();
            long t0 = System.nanoTime();
            for (int k = 0; k < steps; k++) {
                md.step();
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            sps[r] = steps / sec;
            parts[r] = md.timings();
        }
        double[] sorted = sps.clone();
        Arrays.sort(sorted);
        double med = sorted[repeats / 2];
        int mi = 0;
        for (int r = 0; r < repeats; r++) {
            if (sps[r] == med) {
                mi = r;
            }
        }
        double norm = 1e6 / ((double) steps * s.size());
        return new Result(p.describe(), s.origin(), s.size(), threads, steps, repeats, med, 1e6 / (med * s.size()),
            parts[mi][0] * norm, parts[mi][1] * norm, parts[mi][2] * norm, sps);
    }
}
