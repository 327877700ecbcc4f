package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.sieve.core.InputException;
import dev.sieve.core.SettingException;
import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.nn.ScalingMode;
import dev.sieve.structure.Structure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KalmanFilterTest {
    @TempDir
    Path tmp;

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
    void jacobianRowsEqualFiniteDifferences() {
        TrainingData d = LossGradientTest.data(TinyData.structures(3, 21), TinyData.set(), 32);
        int[] all = {0, 1, 2};
        DataScaling.scale(d, DataScaling.fitScaling(d, all, ScalingMode.MINMAX, -1, 1));
        EnergyTargets.setAtomEnergies(d, EnergyTargets.fitAtomEnergies(d, all));
        Network[] nets = FitLoop.newNetworks(d, new NetworkSettings(new int[] {4, 3},
            List.of(Activation.TANH, Activation.SOFTPLUS)), 9);
        for (Network net : nets) {
            double[] p = net.params();
            for (int k = 0; k < p.length; k++) {
                p[k] += 0.1 * Math.sin(1.3 * k + 0.2); // biases away from 0
            }
        }
        JacobianRows jr = new JacobianRows(d, nets);
        double[] row = new double[jr.size()];
        for (int k = 0; k < 3; k++) {
            jr.load(k);
            jr.energyRow(row);
            checkRow(jr, nets, row, k, -1, 0);
            for (int j : new int[] {0, jr.forceAtoms() - 1}) {
                for (int c = 0; c < 3; c++) {
                    jr.load(k);
                    jr.forceRow(j, c, row);
                    checkRow(jr, nets, row, k, j, c);
                }
            }
        }
    }

    /** Central differences of the energy (j &lt; 0) or of force component (j, c) against {@code row}. */
    private static void checkRow(JacobianRows jr, Network[] nets, double[] row, int k, int j, int c) {
        double max = 0;
        for (double v : row) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isPositive();
        for (int e = 0; e < nets.length; e++) {
            double[] p = nets[e].params();
            for (int m = 0; m < p.length; m++) {
                double p0 = p[m];
                double h = 1e-6;
                p[m] = p0 + h;
                double plus = value(jr, k, j, c);
                p[m] = p0 - h;
                double minus = value(jr, k, j, c);
                p[m] = p0;
                double fd = (plus - minus) / (2 * h);
                assertThat(row[jr.offset(e) + m]).as("structure %d, %s, element %d, parameter %d", k,
                    j < 0 ? "energy" : "force " + j + "," + c, e, m).isCloseTo(fd, offset(1e-6 * (1 + max)));
            }
        }
    }

    private static double value(JacobianRows jr, int k, int j, int c) {
        jr.load(k);
        return j < 0 ? jr.energy() : jr.force(j, c);
    }

    static TrainConfig kalmanConfig(int epochs, int checkpointEvery) {
        TrainConfig d = TrainJobTest.cfg(0.5, epochs, 1, checkpointEvery);
        return d.with(TrainSettings.OPTIMIZER_NAME, KalmanFilter.NAME).with(TrainSettings.KALMAN_ENERGY_FRACTION, 1.0)
            .with(TrainSettings.KALMAN_FORCE_FRACTION, 0.2);
    }

    @Test
    void trainingWithTheFilterLowersTheErrorsAndResumesExactly() {
        List<Structure> data = TinyData.structures(12, 31);
        TrainJob.Result full = TrainJobTest.run(data, kalmanConfig(6, 2), tmp.resolve("full"), false);
        assertThat(full.curve().get(5).valLoss()).isLessThan(full.curve().get(0).valLoss());
        assertThat(full.curve().get(5).trainForceRmse()).isLessThan(full.curve().get(0).trainForceRmse());
        TrainJobTest.run(data, kalmanConfig(3, 2), tmp.resolve("part"), false);
        TrainJob.Result resumed = TrainJobTest.run(data, kalmanConfig(6, 2), tmp.resolve("part"), true);
        assertThat(TrainJobTest.weights(resumed.model())).containsExactly(TrainJobTest.weights(full.model()));
        TrainJob.Result again = TrainJobTest.run(data, kalmanConfig(6, 2), tmp.resolve("again"), false);
        assertThat(TrainJobTest.weights(again.model())).containsExactly(TrainJobTest.weights(full.model()));
    }

    /** With a cap, force candidates far off the training RMSE are skipped; training still lowers the errors. */
    @Test
    void aForceCapSkipsOutliersAndStillTrains() {
        List<Structure> data = TinyData.structures(12, 31);
        TrainConfig c = kalmanConfig(4, 0);
        c = c.with(TrainSettings.KALMAN_FORCE_CAP, 1.5);
        TrainJob.Result capped = TrainJobTest.run(data, c, tmp.resolve("cap"), false);
        TrainJob.Result plain = TrainJobTest.run(data, kalmanConfig(4, 0), tmp.resolve("plain"), false);
        assertThat(capped.curve().get(3).valLoss()).isLessThan(capped.curve().get(0).valLoss());
        assertThat(TrainJobTest.weights(capped.model())).isNotEqualTo(TrainJobTest.weights(plain.model()));
    }

    /**
     * The MAE force scale: a cap relative to sqrt(pi/2) x MAE changes the updates, and a run resumed from a checkpoint
     * equals the uninterrupted one (the MAE is recomputed from the restored weights).
     */
    @Test
    void theMaeForceScaleTrainsAndResumesExactly() {
        List<Structure> data = TinyData.structures(12, 31);
        java.util.function.IntFunction<TrainConfig> cfg = n -> {
            TrainConfig c = kalmanConfig(n, 2);
            return c.with(TrainSettings.KALMAN_FORCE_CAP, 1.5).with(TrainSettings.KALMAN_FORCE_SCALE, "mae");
        };
        TrainJob.Result full = TrainJobTest.run(data, cfg.apply(6), tmp.resolve("mfull"), false);
        TrainConfig rc = kalmanConfig(6, 2);
        TrainJob.Result rmse = TrainJobTest.run(data, rc.with(TrainSettings.KALMAN_FORCE_CAP, 1.5), tmp.resolve("mrmse"),
            false);
        assertThat(TrainJobTest.weights(full.model())).isNotEqualTo(TrainJobTest.weights(rmse.model()));
        TrainJobTest.run(data, cfg.apply(3), tmp.resolve("mpart"), false);
        TrainJob.Result resumed = TrainJobTest.run(data, cfg.apply(6), tmp.resolve("mpart"), true);
        assertThat(TrainJobTest.weights(resumed.model())).containsExactly(TrainJobTest.weights(full.model()));
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
