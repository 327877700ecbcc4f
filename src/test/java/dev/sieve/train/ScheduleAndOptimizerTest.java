package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.sieve.core.SettingException;
import dev.sieve.nn.ScalingMode;
import dev.sieve.train.optim.Adam;
import dev.sieve.train.optim.GradientOptimizer;
import dev.sieve.train.optim.Optimizers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleAndOptimizerTest {

    @Test
    void thesisStepScheduleHalvesEvery100EpochsDownTo1e4() {
        Schedule s = new Schedule.Step(0.01, 0.5, 100, 1e-4);
        assertThat(s.lr(0)).isEqualTo(0.01);
        assertThat(s.lr(99)).isEqualTo(0.01);
        assertThat(s.lr(100)).isEqualTo(0.005);
        assertThat(s.lr(650)).isEqualTo(0.01 / 64);
        assertThat(s.lr(700)).isEqualTo(1e-4);
        assertThat(s.lr(5000)).isEqualTo(1e-4);
    }

    @Test
    void expAndCosineSchedules() {
        Schedule e = new Schedule.Exponential(0.1, 0.5, 0.01);
        assertThat(e.lr(2)).isCloseTo(0.025, offset(1e-15));
        assertThat(e.lr(10)).isEqualTo(0.01);
        Schedule c = new Schedule.Cosine(0.1, 0.0, 10, 2);
        assertThat(c.lr(0)).isEqualTo(0.1);
        assertThat(c.lr(5)).isCloseTo(0.05, offset(1e-15));
        assertThat(c.lr(10)).isEqualTo(0.1); // restart; the next cycle is 20 epochs long
        assertThat(c.lr(20)).isCloseTo(0.05, offset(1e-15));
        assertThat(c.lr(30)).isEqualTo(0.1);
        assertThatThrownBy(() -> new Schedule.Step(0.01, 2.0, 100, 1e-4))
            .isInstanceOf(SettingException.class).hasMessageStartingWith("lr-factor must be in (0, 1], got 2.0");
    }

    @Test
    void adamFirstStepMovesEachParameterByTheLearningRate() {
        Adam o = new Adam(TrainConfig.defaults().optimizer(), new int[] {3});
        double[][] p = {{1.0, -2.0, 0.5}};
        o.update(p, new double[][] {{4.0, -0.001, 0.0}}, 0.1);
        assertThat(p[0][0]).isCloseTo(0.9, offset(1e-7));
        assertThat(p[0][1]).isCloseTo(-1.9, offset(1e-4));
        assertThat(p[0][2]).isEqualTo(0.5);
    }

    @Test
    void everyRegisteredOptimizerMinimisesAQuadratic() {
        for (String k : Optimizers.names()) {
            if (!(Optimizers.create(TrainConfig.defaults().with(TrainSettings.OPTIMIZER_NAME, k).optimizer(), new int[] {2})
                instanceof GradientOptimizer o)) {
                continue; // second-order optimizers are tested in KalmanFilterTest
            }
            o = (GradientOptimizer) Optimizers.create(TrainConfig.defaults().with(TrainSettings.OPTIMIZER_NAME, k)
                .with(TrainSettings.MOMENTUM, 0.5).optimizer(),
                new int[] {2});
            double[][] p = {{3.0, -1.0}};
            double[][] g = new double[1][2];
            Schedule lr = new Schedule.Exponential(0.02, 0.999, 0);
            for (int t = 0; t < 5000; t++) {
                g[0][0] = 2 * (p[0][0] - 1);
                g[0][1] = 20 * (p[0][1] + 2);
                o.update(p, g, lr.lr(t));
            }
            assertThat(p[0][0]).as(k).isCloseTo(1.0, offset(1e-3));
            assertThat(p[0][1]).as(k).isCloseTo(-2.0, offset(1e-3));
        }
    }

    @Test
    void lossDoesNotDependOnThreadsBeyondRounding() {
        TrainingData d = LossGradientTest.data(TinyData.structures(9, 4), TinyData.set(), 32);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        DataScaling.scale(d, DataScaling.fitScaling(d, all, ScalingMode.STANDARDIZE, -1, 1));
        EnergyTargets.setAtomEnergies(d, EnergyTargets.fitAtomEnergies(d, all));
        dev.sieve.nn.Network[] nets = FitLoop.newNetworks(d, LossGradientTest.config(0.5, false).network(), 7);
        double[] loss = new double[4];
        double[][] g1 = null;
        for (int t = 1; t <= 4; t++) {
            try (LossEngine eng = new LossEngine(d, nets, 0.5, t)) {
                double[][] g = {new double[nets[0].numParams()], new double[nets[1].numParams()]};
                loss[t - 1] = eng.lossAndGradient(all, 0, all.length, g).loss();
                if (g1 == null) {
                    g1 = g;
                } else {
                    for (int e = 0; e < 2; e++) {
                        for (int k = 0; k < g[e].length; k++) {
                            assertThat(g[e][k]).isCloseTo(g1[e][k], offset(1e-12 * (1 + Math.abs(g1[e][k]))));
                        }
                    }
                }
            }
        }
        for (double l : loss) {
            assertThat(l).isCloseTo(loss[0], offset(1e-14 * loss[0]));
        }
        assertThat(List.of(loss[0])).allMatch(v -> v > 0);
    }
}
