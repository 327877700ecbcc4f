package dev.sieve.cli;

import dev.sieve.bench.DescriptorBenchmark;
import dev.sieve.descriptor.BuiltinSets;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.InputException;
import dev.sieve.io.StructureIO;
import dev.sieve.report.RunInfo;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve demo}: a short end-to-end run on data it makes itself (no external files):
 * distorted fcc aluminium cells are written as extended XYZ, read back, described with the
 * thesis22 symmetry functions (CSV), and the kernel speed is measured on a larger cell.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs a short demonstration on generated aluminium structures: writes them (extxyz), reads them "
        + "back, computes thesis22 symmetry functions (CSV) and measures the kernel speed.",
        "The structures are fcc Al (a = 4.05 Å, 4x4x4 cells, 256 atoms) with seeded random displacements of "
            + "growing amplitude, some with strained triclinic cells. They carry no energies: reference potentials "
            + "arrive with the MD engine."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--frames", defaultValue = "40", paramLabel = "N", description = "Generated structures (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--seed", defaultValue = "2026", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (frames < 1 || threads < 1) {
            throw new InputException("--frames and --threads must be >= 1");
        }
        RunInfo run = new RunInfo("demo", List.of("--out", out.toString(), "--frames", String.valueOf(frames), "--seed",
            String.valueOf(seed), "--threads", String.valueOf(threads)));
        run.option("frames", frames).option("seed", seed).option("threads", threads);
        long t0 = System.nanoTime();
        List<Structure> structures = generate(frames, 4, seed);
        Path xyz = out.resolve("al_fcc_distorted.xyz");
        StructureIO.write(xyz, structures);
        List<Structure> back = StructureIO.readAll(xyz);
        for (int i = 0; i < back.size(); i++) {
            if (!back.get(i).sameContent(structures.get(i))) {
                throw new IllegalStateException("extxyz round trip changed structure " + i);
            }
        }
        run.timing("generate_write_read", (System.nanoTime() - t0) * 1e-9);
        System.out.printf("1. generated %d fcc Al structures (256 atoms each), wrote and re-read %s%n", frames, xyz);

        SymmetryFunctionSet set = BuiltinSets.thesis22("Al");
        long t1 = System.nanoTime();
        Path csv = out.resolve("thesis22.csv");
        int code = Main.execute("descriptors", "--data", xyz.toString(), "--sf", "thesis22", "--threads",
            String.valueOf(threads), "--out", csv.toString());
        if (code != 0) {
            return code;
        }
        run.timing("descriptors", (System.nanoTime() - t1) * 1e-9);
        System.out.printf("2. thesis22 symmetry functions (%d per atom) of %d atoms -> %s%n", set.totalSize(),
            frames * 256L, csv);

        // how the functions respond to disorder: mean of two functions, ordered vs most distorted frame
        try (DescriptorEngine engine = new DescriptorEngine(set, threads)) {
            AtomDescriptors first = engine.compute(back.get(0), false);
            AtomDescriptors last = engine.compute(back.get(back.size() - 1), false);
            System.out.printf("3. G2(eta=1.85, rs=2.035) mean: %.4f (nearly perfect fcc) vs %.4f (most distorted); "
                + "G9(zeta=64, lambda=+1) mean: %.5f vs %.5f%n", mean(first, 7), mean(last, 7), mean(first, 21),
                mean(last, 21));
        }

        Structure big = generate(1, 10, seed + 1).get(0);
        long t2 = System.nanoTime();
        DescriptorBenchmark.Result b1 = DescriptorBenchmark.run(big, set, 1, 2, 5);
        DescriptorBenchmark.Result b2 = threads > 1 ? DescriptorBenchmark.run(big, set, threads, 2, 5) : b1;
        run.timing("benchmark", (System.nanoTime() - t2) * 1e-9);
        System.out.printf("4. kernel speed on a %d-atom fcc cell (%.1f neighbours/atom): values %.2f µs/atom, "
            + "values + derivatives %.2f µs/atom on 1 thread; %.2f / %.2f µs/atom on %d threads%n", big.size(),
            b1.neighboursPerAtom(), b1.valuesUs(), b1.valuesAndDerivativesUs(), b2.valuesUs(),
            b2.valuesAndDerivativesUs(), threads);
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("one_thread", b1);
        speed.put("threads", b2);
        run.result("benchmark", speed);
        run.write(out);
        System.out.printf("done in %.1f s; provenance in %s%n", run.elapsedSeconds(), out.resolve("run.json"));
        return 0;
    }

    private static double mean(AtomDescriptors d, int k) {
        double s = 0;
        for (int i = 0; i < d.atoms(); i++) {
            s += d.value(i, k);
        }
        return s / d.atoms();
    }

    /**
     * fcc Al, {@code reps}^3 conventional cells, displacements with standard deviation growing from
     * 0.01 to 0.35 Å over the frames; every third frame gets a random triclinic strain of up to 3 %.
     */
    static List<Structure> generate(int frames, int reps, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double a = 4.05;
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        List<Structure> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double sigma = 0.01 + 0.34 * (frames == 1 ? 1 : f / (double) (frames - 1));
            double[] h = {a * reps, 0, 0, 0, a * reps, 0, 0, 0, a * reps};
            if (f % 3 == 2) {
                for (int q = 0; q < 9; q++) {
                    h[q] += a * reps * 0.03 * (2 * rnd.nextDouble() - 1);
                }
            }
            Cell cell = Cell.of(h);
            int n = 4 * reps * reps * reps;
            double[] pos = new double[3 * n];
            String[] el = new String[n];
            double[] tmp = new double[3];
            int i = 0;
            for (int x = 0; x < reps; x++) {
                for (int y = 0; y < reps; y++) {
                    for (int z = 0; z < reps; z++) {
                        for (double[] b : basis) {
                            cell.toCartesian((x + b[0]) / reps, (y + b[1]) / reps, (z + b[2]) / reps, tmp, 0);
                            for (int k = 0; k < 3; k++) {
                                pos[3 * i + k] = tmp[k] + sigma * gaussian(rnd);
                            }
                            el[i++] = "Al";
                        }
                    }
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("config_type", f % 3 == 2 ? "fcc-strained" : "fcc");
            tags.put("displacement_sigma", String.valueOf(sigma));
            out.add(new Structure(null, cell, null, el, pos, null, null, null, null, tags, "demo", f));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
