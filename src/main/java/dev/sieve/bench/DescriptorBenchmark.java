package dev.sieve.bench;

import dev.sieve.descriptor.DescriptorCalculator;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.structure.Structure;
import java.util.Arrays;

/**
 * Times the symmetry-function kernel on one structure: neighbour-list build, values only, and
 * values + derivatives (into a per-thread scratch block per atom, as MD uses them). Reports
 * the median over repeats after warm-up, in µs per atom of wall time.
 */
public final class DescriptorBenchmark {

    /** Result in µs per atom (wall time divided by atom count) and the settings used. */
    public record Result(String structure, int atoms, int functions, double neighboursPerAtom, int threads,
                         int repeats, String math, double neighbourListUs, double valuesUs, double valuesAndDerivativesUs,
                         double[] valuesRunsUs, double[] derivativeRunsUs) {}

    private DescriptorBenchmark() {}

    public static Result run(Structure s, SymmetryFunctionSet set, int threads, int warmup, int repeats) {
        try (DescriptorEngine engine = new DescriptorEngine(set, threads)) {
            DescriptorCalculator calc = engine.calculator();
            int n = s.size();
            int[] el = engine.elementIndices(s);
            NeighborListBuilder builder = new NeighborListBuilder();
            NeighborList nl = new NeighborList();
            int chunks = threads;
            DescriptorCalculator.Workspace[] ws = new DescriptorCalculator.Workspace[chunks];
            double[][] g = new double[chunks][calc.maxFeatures()];
            double[][] dg = new double[chunks][];
            double[] sink = new double[chunks];
            builder.build(s.cell(), s.pbc(), s.positions(), n, calc.cutoff(), nl);
            int maxNb = nl.maxCount();
            for (int c = 0; c < chunks; c++) {
                ws[c] = new DescriptorCalculator.Workspace();
                dg[c] = new double[(maxNb + 1) * calc.maxFeatures() * 3];
            }
            double[] nlRuns = new double[repeats];
            double[] vRuns = new double[repeats];
            double[] dRuns = new double[repeats];
            for (int rep = -warmup; rep < repeats; rep++) {
                long t0 = System.nanoTime();
                builder.build(s.cell(), s.pbc(), s.positions(), n, calc.cutoff(), nl);
                long t1 = System.nanoTime();
                engine.parallel(chunks, c -> {
                    int a = (int) ((long) n * c / chunks), b = (int) ((long) n * (c + 1) / chunks);
                    double acc = 0;
                    for (int i = a; i < b; i++) {
                        calc.compute(i, el[i], el, nl, g[c], null, ws[c]);
                        acc += g[c][0];
                    }
                    sink[c] += acc;
                });
                long t2 = System.nanoTime();
                engine.parallel(chunks, c -> {
                    int a = (int) ((long) n * c / chunks), b = (int) ((long) n * (c + 1) / chunks);
                    double acc = 0;
                    for (int i = a; i < b; i++) {
                        calc.compute(i, el[i], el, nl, g[c], dg[c], ws[c]);
                        acc += dg[c][0];
                    }
                    sink[c] += acc;
                });
                long t3 = System.nanoTime();
                if (rep >= 0) {
                    nlRuns[rep] = (t1 - t0) * 1e-3 / n;
                    vRuns[rep] = (t2 - t1) * 1e-3 / n;
                    dRuns[rep] = (t3 - t2) * 1e-3 / n;
                }
            }
            if (Double.isNaN(Arrays.stream(sink).sum())) {
                throw new IllegalStateException("NaN in benchmark sink");
            }
            return new Result(s.origin(), n, set.totalSize(), nl.size() / (double) n, threads, repeats,
                dev.sieve.math.BulkExp.get().name(), median(nlRuns), median(vRuns), median(dRuns), vRuns, dRuns);
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : 0.5 * (c[m - 1] + c[m]);
    }
}
