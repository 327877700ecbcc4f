package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstStepMovesEachParameterByLearningRateAgainstTheGradientSign() {
        Adam adam = new Adam(3);
        double[] p = {1.0, 2.0, 3.0};
        adam.step(p, new double[] {0.5, -4.0, 0.0}, 0.01);
        // m^ = g, v^ = g^2: the step is lr * g / (|g| + eps)
        assertEquals(1.0 - 0.01 * 0.5 / (0.5 + 1e-8), p[0], 1e-15);
        assertEquals(2.0 + 0.01 * 4.0 / (4.0 + 1e-8), p[1], 1e-15);
        assertEquals(3.0, p[2], 0.0);
        assertEquals(1, adam.steps());
    }

    @Test
    void minimisesAQuadratic() {
        Adam adam = new Adam(2);
        double[] p = {3.0, -2.0};
        double[] g = new double[2];
        for (int t = 0; t < 3000; t++) {
            g[0] = 2 * (p[0] - 1.0);
            g[1] = 20 * (p[1] + 0.5);
            adam.step(p, g, 0.01);
        }
        assertThat(Math.abs(p[0] - 1.0)).isLessThan(1e-3);
        assertThat(Math.abs(p[1] + 0.5)).isLessThan(1e-3);
        adam.reset();
        assertEquals(0, adam.steps());
    }

    @Test
    void rejectsWrongLengthsAndParameters() {
        Adam adam = new Adam(2);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new double[3], new double[3], 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(2, 1.0, 0.999, 1e-8));
    }
}
