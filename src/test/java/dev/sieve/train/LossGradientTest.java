package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Activation;
import dev.sieve.nn.ScalingMode;
import dev.sieve.structure.Structure;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossGradientTest {

    static TrainConfig config(double beta, boolean l2All) {
        return TrainConfig.defaults().with(TrainSettings.HIDDEN, List.of(4, 3))
            .with(TrainSettings.ACTIVATION, List.of("tanh", "softplus")).with(TrainSettings.FORCES, beta)
            .with(TrainSettings.L2, 1e-3).with(TrainSettings.L2_ALL, l2All).with(TrainSettings.BATCH, 4)
            .with(TrainSettings.EPOCHS, 5).with(TrainSettings.MIN_DELTA, 1e-5).with(TrainSettings.PATIENCE, 50)
            .with(TrainSettings.SEED, 7L).with(TrainSettings.CHECKPOINT_EVERY, 0);
    }

    /** A fit of all of {@code d} with {@code cfg}, its L2 coefficient taken as given (per-atom loss units). */
    static FitLoop fit(TrainingData d, int[] train, TrainConfig cfg) {
        return fit(d, train, cfg, FitLoop.newNetworks(d, cfg.network(), cfg.seed()));
    }

    static FitLoop fit(TrainingData d, int[] train, TrainConfig cfg, dev.sieve.nn.Network[] nets) {
        return new FitLoop(d, train, new int[0], nets, cfg, new FitLoop.Spec(cfg.schedule(), cfg.stopping(),
            cfg.seed(), 1.0, cfg.loss().l2(), null));
    }

    static TrainingData data(List<Structure> ss, SymmetryFunctionSet set, int forceAtoms) {
        try (DescriptorEngine eng = new DescriptorEngine(set, 1)) {
            return TrainingDataBuilder.build("tiny", ss, set, eng, forceAtoms, 3);
        }
    }

    private static void check(double beta, boolean l2All, int forceAtoms) {
        check(beta, l2All, forceAtoms, false);
    }

    private static void check(double beta, boolean l2All, int forceAtoms, boolean weighted) {
        SymmetryFunctionSet set = TinyData.set();
        TrainingData d = data(TinyData.structures(5, 11), set, forceAtoms);
        int[] all = {0, 1, 2, 3, 4};
        DataScaling.scale(d, DataScaling.fitScaling(d, all, ScalingMode.MINMAX, -1, 1));
        EnergyTargets.setAtomEnergies(d, EnergyTargets.fitAtomEnergies(d, all));
        if (weighted) {
            EnergyTargets.setWeights(d, new double[] {0.5, 2.0, 0.0, 1.0, 3.0});
            EnergyTargets.setPerAtomEnergy(d, false);
        }
        try (FitLoop tr = fit(d, all, config(beta, l2All))) {
            // move away from the initial point so every parameter has a gradient (biases start at 0)
            for (double[] p : new double[][] {tr.networks()[0].params(), tr.networks()[1].params()}) {
                for (int k = 0; k < p.length; k++) {
                    p[k] += 0.1 * Math.sin(1.7 * k + 0.3);
                }
            }
            double[][] g = {new double[tr.networks()[0].numParams()], new double[tr.networks()[1].numParams()]};
            tr.objective(g);
            double gmax = 0;
            for (double[] ge : g) {
                for (double v : ge) {
                    gmax = Math.max(gmax, Math.abs(v));
                }
            }
            double[][] scratch = {new double[g[0].length], new double[g[1].length]};
            for (int e = 0; e < 2; e++) {
                double[] p = tr.networks()[e].params();
                for (int k = 0; k < p.length; k++) {
                    double p0 = p[k];
                    double h = 1e-5 * Math.max(1, Math.abs(p0));
                    p[k] = p0 + h;
                    double lp = tr.objective(scratch);
                    p[k] = p0 - h;
                    double lm = tr.objective(scratch);
                    p[k] = p0;
                    double fd = (lp - lm) / (2 * h);
                    assertThat(Math.abs(fd - g[e][k]))
                        .as("element %d parameter %d: analytic %s, finite difference %s", e, k, g[e][k], fd)
                        .isLessThanOrEqualTo(1e-6 * Math.max(Math.abs(fd), Math.abs(g[e][k])) + 1e-9 * gmax);
                }
            }
        }
    }

    @Test
    void weightedTotalEnergyAndForceGradientMatchesFiniteDifferences() {
        check(0.7, false, 32, true);
    }

    /** The loss is the weighted mean: weight 0 removes a structure, weight 2 counts it twice. */
    @Test
    void weightsScaleEachStructuresTerms() {
        TrainingData d = data(TinyData.structures(3, 13), TinyData.set(), 32);
        int[] all = {0, 1, 2};
        DataScaling.scale(d, DataScaling.fitScaling(d, all, ScalingMode.MINMAX, -1, 1));
        EnergyTargets.setAtomEnergies(d, EnergyTargets.fitAtomEnergies(d, all));
        dev.sieve.nn.Network[] nets = FitLoop.newNetworks(d, config(0.5, false).network(), 7);
        double[] single = new double[3];
        try (LossEngine eng = new LossEngine(d, nets, 0.5, 1)) {
            for (int k = 0; k < 3; k++) {
                LossEngine.Sums s = eng.evaluate(new int[] {k});
                single[k] = s.sumSqE() + (s.forceComponents() > 0 ? 0.5 * s.sumSqF() / s.forceComponents() : 0);
            }
            EnergyTargets.setWeights(d, new double[] {0.0, 2.0, 1.0});
            LossEngine.Sums w = eng.evaluate(new int[] {1}, 0, 1);
            org.assertj.core.api.Assertions.assertThat(w.loss())
                .isCloseTo(2 * single[1], org.assertj.core.data.Offset.offset(1e-12 * single[1]));
            LossEngine.Sums z = eng.evaluate(new int[] {0}, 0, 1);
            org.assertj.core.api.Assertions.assertThat(z.loss()).isZero();
            org.assertj.core.api.Assertions.assertThat(z.sumSqE()).isPositive(); // reported errors stay unweighted
        }
    }

    @Test
    void energyOnlyGradientMatchesFiniteDifferences() {
        check(0.0, false, 32);
    }

    @Test
    void forceGradientMatchesFiniteDifferences() {
        check(0.7, false, 32);
    }

    @Test
    void forceSubsetAndFullL2GradientMatchesFiniteDifferences() {
        check(2.0, true, 2);
    }

    /**
     * The validation force clip: off or above every error it changes nothing; below every error each component
     * counts as clip^2; in between the loss lies between the two; the error sums and the largest error stay unclipped.
     */
    @Test
    void forceClipCapsEachComponentsSquaredErrorInTheLossOnly() {
        TrainingData d = data(TinyData.structures(3, 17), TinyData.set(), 32);
        int[] all = {0, 1, 2};
        DataScaling.scale(d, DataScaling.fitScaling(d, all, ScalingMode.MINMAX, -1, 1));
        EnergyTargets.setAtomEnergies(d, EnergyTargets.fitAtomEnergies(d, all));
        dev.sieve.nn.Network[] nets = FitLoop.newNetworks(d, config(0.5, false).network(), 7);
        try (LossEngine eng = new LossEngine(d, nets, 0.5, 2)) {
            LossEngine.Sums plain = eng.evaluate(all);
            assertThat(plain.forceComponents()).isPositive();
            assertThat(plain.maxForceError()).isPositive();
            LossEngine.Sums above = eng.evaluate(all, 2 * plain.maxForceError());
            assertThat(above.loss()).isEqualTo(plain.loss());
            assertThat(above.clippedComponents()).isZero();
            double tiny = 1e-9;
            LossEngine.Sums below = eng.evaluate(all, tiny);
            double energyPart = plain.sumSqE() / 3;
            assertThat(below.loss()).isCloseTo(energyPart + 0.5 * tiny * tiny,
                org.assertj.core.data.Offset.offset(1e-12 * energyPart));
            assertThat(below.clippedComponents()).isEqualTo(plain.forceComponents());
            assertThat(below.sumSqF()).isEqualTo(plain.sumSqF());
            assertThat(below.maxForceError()).isEqualTo(plain.maxForceError());
            LossEngine.Sums mid = eng.evaluate(all, 0.5 * plain.maxForceError());
            assertThat(mid.loss()).isLessThan(plain.loss()).isGreaterThan(below.loss());
            assertThat(mid.clippedComponents()).isBetween(1L, plain.forceComponents() - 1);
        }
    }

    /** auto = the largest |reference force component| of the training structures' force atoms. */
    @Test
    void automaticClipIsTheLargestTrainingForceComponent() {
        java.util.List<Structure> ss = TinyData.structures(3, 17);
        TrainingData d = data(ss, TinyData.set(), 1000);
        double m01 = 0;
        for (int k = 0; k < 2; k++) {
            for (double c : ss.get(k).forces()) {
                m01 = Math.max(m01, Math.abs(c));
            }
        }
        assertThat(FitLoop.resolveClip(Stopping.AUTO_CLIP, d, new int[] {0, 1})).isEqualTo(m01);
        assertThat(FitLoop.resolveClip(0.25, d, new int[] {0, 1})).isEqualTo(0.25);
        assertThat(Stopping.parseValForceClip("off")).isZero();
        assertThat(Stopping.parseValForceClip("auto")).isEqualTo(Stopping.AUTO_CLIP);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stopping.parseValForceClip("-1"))
            .hasMessageContaining("val-force-clip");
    }

    /**
     * A validation structure with symmetry-function values outside the training range (a compressed copy) is left out
     * of the early-stopping objective; copies of training structures are not; with half or more out, all are kept.
     */
    @Test
    void extrapolatingValidationStructuresAreLeftOutOfTheObjective() {
        java.util.List<Structure> ss = new java.util.ArrayList<>(TinyData.structures(4, 23));
        Structure c = ss.get(0);
        double[] p = c.positions().clone();
        for (int k = 0; k < p.length; k++) {
            p[k] *= 0.7;
        }
        ss.add(c.withCellAndPositions(dev.sieve.structure.Cell.orthorhombic(4.6 * 0.7, 4.6 * 0.7, 4.6 * 0.7), p));
        ss.add(ss.get(1));
        ss.add(ss.get(2));
        TrainingData d = data(ss, TinyData.set(), 0);
        int[] train = {0, 1, 2, 3};
        assertThat(d.outsideRange(train, new int[] {0, 1, 2, 3, 5, 6})).containsOnly(0);
        assertThat(d.outsideRange(train, new int[] {4})[0]).isPositive();
        int[][] split = FitLoop.objectiveValidation(d, train, new int[] {4, 5, 6}, true);
        assertThat(split[0]).containsExactly(5, 6);
        assertThat(split[1]).containsExactly(4);
        assertThat(FitLoop.objectiveValidation(d, train, new int[] {4, 5, 6}, false)[0]).containsExactly(4, 5, 6);
        assertThat(FitLoop.objectiveValidation(d, train, new int[] {4, 5}, true)[0]).containsExactly(4, 5);
    }
}
