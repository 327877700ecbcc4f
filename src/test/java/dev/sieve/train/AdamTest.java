package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.core.SettingException;
import dev.sieve.train.optim.Adam;
import dev.sieve.train.optim.GradientOptimizer;
import dev.sieve.train.optim.OptimizerSettings;
import dev.sieve.train.optim.OptimizerState;
import dev.sieve.train.optim.Optimizers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamTest {
    private static TrainConfig opt(String name) {
        return TrainConfig.defaults().with(TrainSettings.OPTIMIZER_NAME, name);
    }

    private static Adam adam(int... sizes) {
        return new Adam(TrainConfig.defaults().optimizer(), sizes);
    }

    @Test
    void firstStepMovesEachParameterByLearningRateAgainstTheGradientSign() {
        Adam adam = adam(3);
        double[][] p = {{1.0, 2.0, 3.0}};
        adam.update(p, new double[][] {{0.5, -4.0, 0.0}}, 0.01);
        // m^ = g, v^ = g^2: the step is lr * g / (|g| + eps)
        assertEquals(1.0 - 0.01 * 0.5 / (0.5 + 1e-8), p[0][0], 1e-15);
        assertEquals(2.0 + 0.01 * 4.0 / (4.0 + 1e-8), p[0][1], 1e-15);
        assertEquals(3.0, p[0][2], 0.0);
        assertEquals(1, adam.steps());
    }

    @Test
    void minimisesAQuadraticOverTwoElements() {
        Adam adam = adam(1, 1);
        double[][] p = {{3.0}, {-2.0}};
        double[][] g = new double[2][1];
        for (int t = 0; t < 3000; t++) {
            g[0][0] = 2 * (p[0][0] - 1.0);
            g[1][0] = 20 * (p[1][0] + 0.5);
            adam.update(p, g, 0.01);
        }
        assertThat(Math.abs(p[0][0] - 1.0)).isLessThan(1e-3);
        assertThat(Math.abs(p[1][0] + 0.5)).isLessThan(1e-3);
    }

    /** Every registered optimizer continues bit-exactly from a saved state (what checkpoints rely on). */
    @Test
    void everyOptimizerResumesBitExactlyFromItsState() {
        for (String name : Optimizers.names()) {
            OptimizerSettings s = opt(name).with(TrainSettings.MOMENTUM, 0.7).optimizer();
            if (!(Optimizers.create(s, new int[] {2, 1}) instanceof GradientOptimizer)) {
                continue; // second-order optimizers: KalmanFilterTest
            }
            GradientOptimizer a = (GradientOptimizer) Optimizers.create(s, new int[] {2, 1});
            double[][] pa = {{0.3, -1.2}, {2.0}};
            GradientOptimizer b = null;
            double[][] pb = null;
            for (int t = 0; t < 12; t++) {
                if (t == 5) {
                    // a fresh optimizer restored from a deep copy of the state, as a checkpoint does
                    OptimizerState st = a.state();
                    Map<String, double[][]> copy = new java.util.LinkedHashMap<>();
                    st.arrays().forEach((k, v) -> copy.put(k, FitLoop.copy(v)));
                    b = (GradientOptimizer) Optimizers.create(s, new int[] {2, 1});
                    b.restore(new OptimizerState(st.optimizer(), st.steps(), copy));
                    pb = FitLoop.copy(pa);
                }
                a.update(pa, quadraticGradient(pa), 0.05);
                if (b != null) {
                    b.update(pb, quadraticGradient(pb), 0.05);
                }
            }
            assertThat(pb).as(name).isDeepEqualTo(pa);
            assertThat(b.steps()).isEqualTo(a.steps()).isEqualTo(12);
        }
    }

    private static double[][] quadraticGradient(double[][] p) {
        return new double[][] {{2 * (p[0][0] - 1), 8 * (p[0][1] + 1)}, {4 * p[1][0]}};
    }

    @Test
    void registryNamesTheBadValue() {
        assertThat(Optimizers.names()).contains("adam", "sgd");
        assertThat(Optimizers.create(opt("SGD").optimizer(), new int[] {1}).name())
            .isEqualTo("sgd");
        assertThatThrownBy(() -> opt("lbfgs"))
            .isInstanceOf(SettingException.class).hasMessage("optimizer 'lbfgs' is unknown; expected one of [adam, sgd, rmsprop, kalman, lm]");
        assertThatThrownBy(() -> TrainConfig.defaults().with(TrainSettings.MOMENTUM, 1.0))
            .isInstanceOf(SettingException.class).hasMessage("momentum must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> adam(2).restore(new OptimizerState("adam", 3, Map.of("m", new double[][] {{1}}))))
            .hasMessage("optimizer state 'm' of element 0 has 1 numbers, the network 2");
    }
}
