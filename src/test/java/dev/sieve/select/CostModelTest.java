package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.SharedData;
import dev.sieve.descriptor.SfSpec;
import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.io.ReadOptions;
import dev.sieve.io.StructureIO;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final CostModel.Params TRUE = new CostModel.Params(2.0, 0.01, 0.008, 0.05, 0.003, 0.3);

    @Test
    void theFitRecoversTheParametersOfExactTimingsAndTheMarginalCostsAddUp() {
        Structure cell = StructureIO.readAll(SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz"),
            ReadOptions.DEFAULT).get(0);
        SymmetryFunctionSet set = SfSpec.resolve("thesis22", List.of("Al"));
        List<SymmetryFunction> all = set.forElement("Al");
        CostModel.Geometry g = CostModel.geometry(cell, set);
        // fcc Al at 4.05 Å: 12 neighbours at 2.86 Å; within 4.4 Å 18 (12 + 6), within 6.8 Å about 78 + some
        assertThat(g.pairs().get(4.4)).isCloseTo(18, within(3.0));
        assertThat(g.triplets().get(4.4)).isCloseTo(g.pairs().get(4.4) * (g.pairs().get(4.4) - 1) / 2, within(60.0));
        List<List<SymmetryFunction>> sets = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        sets.add(all);
        sets.add(all.subList(0, 12));
        sets.add(all.subList(12, 22));
        while (sets.size() < 12) {
            List<SymmetryFunction> s = new ArrayList<>();
            for (SymmetryFunction f : all) {
                if (r.nextDouble() < 0.5) {
                    s.add(f);
                }
            }
            if (!s.isEmpty()) {
                sets.add(s);
            }
        }
        double[] t = new double[sets.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = CostModel.predict(TRUE, sets.get(i), g);
        }
        CostModel.Params p = CostModel.fit(sets, t, g);
        // thesis22 has one radial and one angular cutoff, so a loop and t0 are confounded where every set has both
        // kinds; the predictions are what must agree
        for (List<SymmetryFunction> s : sets) {
            assertThat(CostModel.predict(p, s, g)).isCloseTo(CostModel.predict(TRUE, s, g), within(1e-6));
        }
        double[] m = CostModel.marginal(TRUE, all, g);
        double sum = 0;
        for (double v : m) {
            sum += v;
        }
        assertThat(sum).isCloseTo(CostModel.predict(TRUE, all, g) - TRUE.t0(), within(1e-9));
        // the last angular function of its cutoff carries the whole triplet loop
        double[] last = CostModel.marginal(TRUE, List.of(all.get(0), all.get(12)), g);
        assertThat(last[1]).isCloseTo(TRUE.angularLoop() * g.triplets().get(4.4) + TRUE.angularTerm()
            * g.triplets().get(4.4) + TRUE.perFeature(), within(1e-9));
    }

    @Test
    void negativeCoefficientsAreFixedAtZero() {
        // timings that fall with the set size would need a negative per-feature cost: NNLS pins it at 0
        Structure cell = StructureIO.readAll(SharedData.data("al-mendelev/al_mendelev_256_test.xyz.gz"),
            ReadOptions.DEFAULT).get(0);
        SymmetryFunctionSet set = SfSpec.resolve("thesis22", List.of("Al"));
        List<SymmetryFunction> all = set.forElement("Al");
        CostModel.Geometry g = CostModel.geometry(cell, set);
        List<List<SymmetryFunction>> sets = new ArrayList<>();
        double[] t = new double[8];
        for (int i = 0; i < 8; i++) {
            sets.add(all.subList(0, 1 + i));
            t[i] = 10.0 - i;
        }
        CostModel.Params p = CostModel.fit(sets, t, g);
        for (double v : new double[] {p.t0(), p.radialLoop(), p.radialTerm(), p.angularLoop(), p.angularTerm(),
            p.perFeature()}) {
            assertThat(v).isGreaterThanOrEqualTo(0.0);
        }
    }
}
