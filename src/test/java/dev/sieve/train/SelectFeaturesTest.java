package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Network;
import dev.sieve.nn.ScalingMode;
import dev.sieve.structure.Structure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dropping feature columns (with force derivatives) equals computing the data for the subset directly. */
class SelectFeaturesTest {
    @Test
    void selectedDataEqualsDataOfTheSubset() {
        SymmetryFunctionSet set = TinyData.set();
        List<Structure> ss = TinyData.structures(5, 13);
        TrainingData full = LossGradientTest.data(ss, set, 3);
        int ne = set.elements().size();
        int[][] keep = new int[ne][];
        Map<String, int[]> byEl = new LinkedHashMap<>();
        for (int e = 0; e < ne; e++) {
            int n = set.size(set.elements().get(e));
            keep[e] = new int[(n + 1) / 2];
            for (int i = 0; i < keep[e].length; i++) {
                keep[e][i] = 2 * i + (e % 2); // a different pattern per element
            }
            if (keep[e][keep[e].length - 1] >= n) {
                keep[e][keep[e].length - 1] = n - 1;
            }
            byEl.put(set.elements().get(e), keep[e]);
        }
        TrainingData sub = FeatureSubset.select(full, keep);
        TrainingData direct = LossGradientTest.data(ss, set.select("subset", byEl), 3);
        int[] all = {0, 1, 2, 3, 4};
        for (TrainingData d : new TrainingData[] {sub, direct}) {
            DataScaling.scale(d, DataScaling.fitScaling(d, all, ScalingMode.MINMAX, -1, 1));
            EnergyTargets.setAtomEnergies(d, EnergyTargets.fitAtomEnergies(d, all));
        }
        TrainConfig cfg = LossGradientTest.config(0.5, false);
        try (FitLoop a = LossGradientTest.fit(sub, all, cfg)) {
            Network[] copies = new Network[ne];
            for (int e = 0; e < ne; e++) {
                copies[e] = a.networks()[e].copy();
            }
            try (FitLoop b = LossGradientTest.fit(direct, all, cfg, copies)) {
                double[][] ga = {new double[copies[0].numParams()], new double[copies[1].numParams()]};
                double[][] gb = {new double[copies[0].numParams()], new double[copies[1].numParams()]};
                double la = a.objective(ga);
                double lb = b.objective(gb);
                assertThat(la).isCloseTo(lb, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(lb)));
                for (int e = 0; e < ne; e++) {
                    for (int k = 0; k < ga[e].length; k++) {
                        assertThat(ga[e][k]).isCloseTo(gb[e][k], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(gb[e][k]))));
                    }
                }
            }
        }
    }
}
