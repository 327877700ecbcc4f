package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScalingTest {
    static final FeatureStatistics STATS = new FeatureStatistics(0, new double[] {1.0, -2.0}, new double[] {3.0, 6.0},
            new double[] {2.5, 0.0}, new double[] {0.5, 4.0});

    @Test
    void formulasOfAllModes() {
        double[] g = {2.0, 1.0};
        double[] out = new double[2];
        new Scaling("Al", ScalingMode.NONE, 0, 1, STATS).scale(g, out);
        assertThat(out).containsExactly(2.0, 1.0);
        new Scaling("Al", ScalingMode.MINMAX, -1, 1, STATS).scale(g, out);
        assertThat(out).containsExactly(-1 + 2 * (2.0 - 1.0) / 2.0, -1 + 2 * (1.0 + 2.0) / 8.0);
        new Scaling("Al", ScalingMode.CENTER, -1, 1, STATS).scale(g, out);
        assertThat(out).containsExactly(-0.5, 1.0);
        new Scaling("Al", ScalingMode.SCALE_CENTER, 0, 1, STATS).scale(g, out);
        assertThat(out).containsExactly((2.0 - 2.5) / 2.0, 1.0 / 8.0);
        Scaling sig = new Scaling("Al", ScalingMode.SIGMA, 0, 2, STATS);
        sig.scale(g, out);
        assertThat(out).containsExactly(2 * (2.0 - 2.5) / 0.5, 2 * 1.0 / 4.0);
        assertEquals(4.0, sig.factor(0));
        assertEquals(0.5, sig.factor(1));
        new Scaling("Al", ScalingMode.STANDARDIZE, 0, 1, STATS).scale(g, out);
        assertThat(out).containsExactly(-1.0, 0.25);
        // no clipping outside the training range
        Scaling mm = new Scaling("Al", ScalingMode.MINMAX, 0, 1, STATS);
        assertEquals(2.0, mm.scale(0, 5.0));
        assertEquals(5.0, mm.unscale(0, 2.0), 1e-15);
    }

    @Test
    void constantFeatureIsRefusedWithElementAndIndex() {
        FeatureStatistics st = new FeatureStatistics(0, new double[] {0, 1.5}, new double[] {1, 1.5},
                new double[] {0.5, 1.5}, new double[] {0.2, 0.0});
        for (ScalingMode m : new ScalingMode[] {ScalingMode.MINMAX, ScalingMode.SCALE_CENTER, ScalingMode.SIGMA,
                ScalingMode.STANDARDIZE}) {
            ConstantFeatureException e = assertThrows(ConstantFeatureException.class, () -> new Scaling("Cu", m, 0, 1, st));
            assertEquals("Cu", e.element());
            assertEquals(1, e.feature());
            assertThat(e.getMessage()).contains("feature 2").contains("Cu").contains("1.5");
        }
        // modes that do not divide are fine
        new Scaling("Cu", ScalingMode.CENTER, 0, 1, st);
    }

    @Test
    void streamingStatisticsMatchTwoPassAndN2p2Formula() {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 1000;
        int f = 3;
        double[] data = new double[n * f];
        for (int k = 0; k < data.length; k++) {
            data[k] = 1e3 + rng.nextGaussian() * (1 + k % f);
        }
        FeatureStatisticsAccumulator a = new FeatureStatisticsAccumulator(f);
        FeatureStatisticsAccumulator b = new FeatureStatisticsAccumulator(f);
        for (int r = 0; r < n; r++) {
            (r < 300 ? a : b).add(data, r * f);
        }
        a.merge(b);
        FeatureStatistics s = a.result();
        assertEquals(n, s.count());
        for (int k = 0; k < f; k++) {
            double sum = 0;
            double mn = Double.MAX_VALUE;
            double mx = -Double.MAX_VALUE;
            for (int r = 0; r < n; r++) {
                sum += data[r * f + k];
                mn = Math.min(mn, data[r * f + k]);
                mx = Math.max(mx, data[r * f + k]);
            }
            double mean = sum / n;
            double ss = 0;
            for (int r = 0; r < n; r++) {
                ss += (data[r * f + k] - mean) * (data[r * f + k] - mean);
            }
            assertEquals(mean, s.mean(k), 1e-12 * Math.abs(mean));
            assertEquals(Math.sqrt(ss / (n - 1)), s.sigma(k), 1e-10 * s.sigma(k));
            assertEquals(mn, s.min(k), 0.0);
            assertEquals(mx, s.max(k), 0.0);
        }
        // tiny example by hand: 1, 2, 4 -> mean 7/3, sample sigma sqrt(((1+4+16) - 49/3)/2)
        Scaling sc = Scaling.fit("X", ScalingMode.STANDARDIZE, 0, 1, new double[] {1, 2, 4}, 1);
        assertEquals(7.0 / 3.0, sc.statistics().mean(0), 1e-15);
        assertEquals(Math.sqrt((21 - 49.0 / 3) / 2), sc.statistics().sigma(0), 1e-15);
    }
}
