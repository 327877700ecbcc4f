package dev.sieve.bench;

import dev.sieve.descriptor.BuiltinSets;
import dev.sieve.descriptor.DescriptorCalculator;
import dev.sieve.io.StructureIO;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.neighbor.NeighborListBuilder;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.structure.Structure;
import java.nio.file.Path;

/** Developer timing harness (not a test). */
public final class QuickForceTiming {
    public static void main(String[] args) {
        Structure s = StructureIO.readAll(Path.of("../shared/data/al-mendelev/liquid_10976.xyz")).get(0);
        DescriptorCalculator calc = new DescriptorCalculator(BuiltinSets.thesis22("Al"));
        int n = s.size();
        int[] el = new int[n];
        NeighborList nl = new NeighborListBuilder().build(s, calc.cutoff() + 1.0);
        DescriptorCalculator.Workspace ws = new DescriptorCalculator.Workspace();
        double[] g = new double[22];
        double[] d = new double[22];
        double[] f = new double[3 * n];
        double[] w = new double[22];
        for (int k = 0; k < 22; k++) {
            w[k] = 0.01 * (k + 1);
        }
        HdnnpModel m = N2p2Potential.read(Path.of("../shared/testvectors/case1_thesis22_cos_type9"));
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                calc.compute(i, 0, el, nl, g, null, ws);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                calc.computeForces(i, 0, el, nl, g, d, (gg, dd) -> {
                    System.arraycopy(w, 0, dd, 0, 22);
                    return 0;
                }, f, null, false, ws);
            }
            long t2 = System.nanoTime();
            try (HdnnpModel.Evaluator ev = m.evaluator(1)) {
                ev.evaluate(el, nl, true, null, "x");
            }
            long t3 = System.nanoTime();
            System.out.printf("values %.2f  fused(no net) %.2f  evaluator %.2f us/atom%n", (t1 - t0) * 1e-3 / n,
                (t2 - t1) * 1e-3 / n, (t3 - t2) * 1e-3 / n);
        }
    }
}
