package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import dev.sieve.nn.ScalingMode;
import dev.sieve.structure.Structure;
import dev.sieve.train.optim.JacobianRows;
import dev.sieve.train.optim.KalmanFilter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kalman filter on training data: its Jacobian rows and whole training runs. */
class KalmanFilterTrainingTest {
    @TempDir
    Path tmp;

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
        JacobianRows jr = new NetworkJacobianRows(d, nets);
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
}
