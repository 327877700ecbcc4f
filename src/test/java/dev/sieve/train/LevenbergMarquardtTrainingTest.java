package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.structure.Structure;
import dev.sieve.train.optim.LevenbergMarquardt;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Levenberg-Marquardt on training data: whole training runs. */
class LevenbergMarquardtTrainingTest {
    @TempDir
    Path tmp;

    static TrainConfig lmConfig(int epochs, int checkpointEvery) {
        TrainConfig d = TrainJobTest.cfg(0.5, epochs, 1, checkpointEvery);
        return d.with(TrainSettings.OPTIMIZER_NAME, LevenbergMarquardt.NAME).with(TrainSettings.LM_FORCE_FRACTION, 0.3)
            .with(TrainSettings.LM_MU, 0.01).with(TrainSettings.LM_TRIALS, 6);
    }

    @Test
    void trainingLowersTheLossAndResumesExactly() {
        List<Structure> data = TinyData.structures(12, 41);
        TrainJob.Result full = TrainJobTest.run(data, lmConfig(6, 2), tmp.resolve("full"), false);
        assertThat(full.curve().get(5).trainLoss()).isLessThan(full.curve().get(0).trainLoss());
        TrainJobTest.run(data, lmConfig(3, 2), tmp.resolve("part"), false);
        TrainJob.Result resumed = TrainJobTest.run(data, lmConfig(6, 2), tmp.resolve("part"), true);
        assertThat(TrainJobTest.weights(resumed.model())).containsExactly(TrainJobTest.weights(full.model()));
    }
}
