package dev.sieve.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.train.TrainConfig;
import dev.sieve.train.TrainSettings;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KalmanFilterTest {
    private static KalmanFilter filter(KalmanSettings ks, int... sizes) {
        OptimizerSettings d = TrainConfig.defaults().optimizer();
        return new KalmanFilter(new OptimizerSettings(KalmanFilter.NAME, d.batch(), d.momentum(), ks, d.lm()), sizes);
    }

    /** The textbook extended Kalman update with dense matrices, n2p2's order: eta grows first, q decays last. */
    @Test
    void anUpdateEqualsTheDenseTextbookUpdate() {
        KalmanSettings ks = TrainConfig.defaults().optimizer().kalman();
        KalmanFilter kf = filter(ks, 3, 2);
        int n = 5;
        double[][] pm = new double[n][n];
        for (int i = 0; i < n; i++) {
            pm[i][i] = 1 / ks.epsilon();
        }
        double[] w = {0.1, -0.2, 0.3, 0.05, -0.4};
        double[][] params = {{0.1, -0.2, 0.3}, {0.05, -0.4}};
        double eta = ks.eta0();
        double q = ks.q0();
        SplittableRandom r = new SplittableRandom(5);
        long perEpoch = 7;
        for (int step = 0; step < 6; step++) {
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = r.nextDouble(-2, 2);
            }
            double xi = r.nextDouble(-1, 1);
            kf.observe(params, h, xi, perEpoch);
            // textbook: K = P h / (h^T P h + 1/eta), P = (I - K h^T) P + q I, w = w + K xi
            if (eta < ks.etamax()) {
                eta *= Math.exp(ks.etatau() / perEpoch);
            }
            double[] ph = new double[n];
            double hph = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ph[i] += pm[i][j] * h[j];
                }
                hph += h[i] * ph[i];
            }
            double a = hph + 1 / eta;
            double[][] np = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double khp = 0;
                    for (int m = 0; m < n; m++) {
                        khp += ph[i] / a * h[m] * pm[m][j];
                    }
                    np[i][j] = pm[i][j] - khp + (i == j ? q : 0);
                }
                w[i] += ph[i] / a * xi;
            }
            pm = np;
            if (q > ks.qmin()) {
                q *= Math.exp(-ks.qtau() / perEpoch);
            }
            double[] cov = kf.covariance(0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(cov[i * n + j]).isCloseTo(pm[i][j], offset(1e-10 * (1 + Math.abs(pm[i][j]))));
                    assertThat(cov[i * n + j]).isEqualTo(cov[j * n + i]); // exactly symmetric
                }
            }
            double[] flat = {params[0][0], params[0][1], params[0][2], params[1][0], params[1][1]};
            for (int i = 0; i < n; i++) {
                assertThat(flat[i]).isCloseTo(w[i], offset(1e-12));
            }
        }
        assertThat(kf.eta()).isCloseTo(eta, offset(1e-15));
        assertThat(kf.q()).isCloseTo(q, offset(1e-15));
    }

    /** The covariance update split over threads (triangle chunks, partial vectors) equals the serial one. */
    @Test
    void theParallelUpdateEqualsTheSerialOne() {
        KalmanSettings ks = TrainConfig.defaults().optimizer().kalman();
        KalmanFilter serial = filter(ks, 400, 200);
        KalmanFilter parallel = filter(ks, 400, 200);
        double[][] ps = {new double[400], new double[200]};
        double[][] pp = {new double[400], new double[200]};
        SplittableRandom r = new SplittableRandom(8);
        try (dev.sieve.core.ChunkedExecutor ex = new dev.sieve.core.ChunkedExecutor(2, "test")) {
            parallel.useExecutor(ex);
            for (int step = 0; step < 5; step++) {
                double[] h = new double[600];
                for (int i = 0; i < h.length; i++) {
                    h[i] = r.nextDouble(-1, 1);
                }
                double xi = r.nextDouble(-1, 1);
                serial.observe(ps, h, xi, 10);
                parallel.observe(pp, h, xi, 10);
            }
        }
        double[] a = serial.covariance(0);
        double[] b = parallel.covariance(0);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], offset(1e-12 * (1 + Math.abs(a[i]))));
        }
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < ps[e].length; i++) {
                assertThat(pp[e][i]).isCloseTo(ps[e][i], offset(1e-12));
            }
        }
    }

    @Test
    void badSettingsAndALostCovarianceAreOneClearLine() {
        TrainConfig c = TrainConfig.defaults();
        KalmanSettings d = c.optimizer().kalman();
        assertThatThrownBy(() -> c.with(TrainSettings.KALMAN_FORCE_FRACTION, -0.1))
            .isInstanceOf(SettingException.class).hasMessage("kalman-force-fraction must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> c.with(TrainSettings.KALMAN_EPSILON, 0.0))
            .isInstanceOf(SettingException.class).hasMessage("kalman-epsilon must be > 0, got 0.0");
        assertThatThrownBy(() -> c.with(TrainSettings.KALMAN_FORCE_CAP, 0.5)).isInstanceOf(SettingException.class)
            .hasMessage("kalman-force-cap must be 0 (off) or above kalman-force-threshold (1.0), got 0.5");
        KalmanFilter kf = filter(d, 2);
        kf.restore(new OptimizerState(KalmanFilter.NAME, 0, Map.of("P", new double[][] {{-1, 0, -1}},
            "eta_q", new double[][] {{0.01, 0.01}})));
        assertThatThrownBy(() -> kf.observe(new double[][] {{0, 0}}, new double[] {1, 1}, 0.5, 10))
            .isInstanceOf(InputException.class).hasMessageContaining("lost positive definiteness")
            .hasMessageContaining("kalman-epsilon");
    }
}
