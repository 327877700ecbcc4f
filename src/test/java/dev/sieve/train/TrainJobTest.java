package dev.sieve.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.nn.Activation;
import dev.sieve.nn.HdnnpModel;
import dev.sieve.nn.N2p2Potential;
import dev.sieve.nn.ScalingMode;
import dev.sieve.structure.Structure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainJobTest {
    @TempDir
    Path tmp;

    static TrainConfig cfg(double beta, int epochs, int threads, int checkpointEvery) {
        return TrainConfig.defaults().with(TrainSettings.HIDDEN, List.of(5, 4)).with(TrainSettings.FORCE_ATOMS, 3)
            .with(TrainSettings.SPLIT, 0.75).with(TrainSettings.FORCES, beta).with(TrainSettings.BATCH, 3)
            .with(TrainSettings.SCHEDULE_KIND, "cosine").with(TrainSettings.LR, 0.01).with(TrainSettings.LR_MIN, 1e-4)
            .with(TrainSettings.RESTART_PERIOD, 3).with(TrainSettings.RESTART_MULT, 2.0)
            .with(TrainSettings.EPOCHS, epochs).with(TrainSettings.PATIENCE, 0).with(TrainSettings.SEED, 5L)
            .with(TrainSettings.THREADS, threads).with(TrainSettings.CHECKPOINT_EVERY, checkpointEvery);
    }

    static TrainJob.Result run(List<Structure> data, TrainConfig c, Path out, boolean resume) {
        return TrainJob.run(new TrainJob.Inputs(data, null, TinyData.structures(3, 99), TinyData.set()), c, out,
            resume, true, null, new PrintStream(new ByteArrayOutputStream()));
    }

    static double[] weights(HdnnpModel m) {
        double[] a = m.network(0).params();
        double[] b = m.network(1).params();
        double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void sameSeedAndThreadsGiveBitIdenticalWeights() {
        List<Structure> data = TinyData.structures(12, 5);
        TrainJob.Result a = run(data, cfg(0.5, 4, 2, 0), tmp.resolve("a"), false);
        TrainJob.Result b = run(data, cfg(0.5, 4, 2, 0), tmp.resolve("b"), false);
        assertThat(weights(b.model())).containsExactly(weights(a.model()));
        TrainJob.Result c = run(data, cfg(0.5, 4, 2, 0).with(TrainSettings.EPOCHS, 5), tmp.resolve("c"), false);
        assertThat(weights(c.model())).isNotEqualTo(weights(a.model()));
    }

    /**
     * Split 1 (no validation, n2p2's test_fraction 0): every structure trains, the fit runs all its epochs (patience
     * cannot stop it) and the written model is the last epoch's; a resumed run equals the uninterrupted one.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"adam", "kalman"})
    void splitOneTrainsOnEveryStructureForAllEpochsAndKeepsTheLast(String optimizer) throws Exception {
        List<Structure> data = TinyData.structures(10, 11);
        java.util.function.IntFunction<TrainConfig> c = epochs -> {
            TrainConfig x = cfg(0.3, epochs, 1, 2);
            return x.with(TrainSettings.SPLIT, 1.0).with(TrainSettings.OPTIMIZER_NAME, optimizer)
                .with(TrainSettings.PATIENCE, 1);
        };
        TrainJob.Result r = run(data, c.apply(6), tmp.resolve("all" + optimizer), false);
        assertThat(r.trainIdx()).hasSize(10);
        assertThat(r.valIdx()).isEmpty();
        assertThat(r.curve()).hasSize(6);
        assertThat(r.curve().get(5).trainRmse()).isLessThan(r.curve().get(0).trainRmse());
        // the model is the last epoch's: the training error of the written model is the last curve row's
        var metrics = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
            tmp.resolve("all" + optimizer).resolve("metrics.json").toFile());
        assertThat(metrics.get("best_epoch").asInt()).isEqualTo(6);
        assertThat(metrics.get("structures").get("validation").asInt()).isZero();
        assertThat(metrics.get("best_validation_loss").isNull()).isTrue();
        assertThat(metrics.has("validation")).isFalse();
        run(data, c.apply(3), tmp.resolve("part" + optimizer), false);
        TrainJob.Result resumed = run(data, c.apply(6), tmp.resolve("part" + optimizer), true);
        assertThat(weights(resumed.model())).containsExactly(weights(r.model()));
    }

    /** Force derivatives recomputed per use give the very weights of stored ones, for every optimizer. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"adam", "kalman", "lm"})
    void onTheFlyDerivativesGiveTheWeightsOfStoredOnes(String optimizer) {
        List<Structure> data = TinyData.structures(10, 7);
        TrainConfig base = cfg(0.5, 3, 2, 0);
        base = base.with(TrainSettings.OPTIMIZER_NAME, optimizer);
        TrainJob.Result stored = run(data, base.with(TrainSettings.DERIVATIVES, "stored"),
            tmp.resolve("s-" + optimizer), false);
        TrainJob.Result fly = run(data, base.with(TrainSettings.DERIVATIVES, "on-the-fly"),
            tmp.resolve("f-" + optimizer), false);
        assertThat(weights(fly.model())).containsExactly(weights(stored.model()));
    }

    @Test
    void onTheFlyDataHoldsNoDerivativeBlocksAndReproducesThemAfterScalingAndSelection() {
        SymmetryFunctionSet set = TinyData.set();
        List<Structure> ss = TinyData.structures(4, 21);
        try (dev.sieve.descriptor.DescriptorEngine eng = new dev.sieve.descriptor.DescriptorEngine(set, 1)) {
            TrainingData stored = TrainingDataBuilder.build("t", ss, set, eng, 3, 5, DerivativeStorage.STORED);
            TrainingData fly = TrainingDataBuilder.build("t", ss, set, eng, 3, 5, DerivativeStorage.ON_THE_FLY);
            assertThat(fly.derivativesOnTheFly()).isTrue();
            assertThat(fly.memoryBytes()).isLessThan(stored.memoryBytes());
            int[] all = {0, 1, 2, 3};
            for (TrainingData d : new TrainingData[] {stored, fly}) {
                DataScaling.scale(d, DataScaling.fitScaling(d, all, dev.sieve.nn.ScalingMode.MINMAX, -1, 1));
            }
            int[][] keep = {{0, 2, 3}, {1, 2}};
            TrainingData[] pair = {FeatureSubset.select(stored, keep), FeatureSubset.select(fly, keep)};
            for (TrainingData[] p : new TrainingData[][] {{stored, fly}, pair}) {
                for (int k = 0; k < ss.size(); k++) {
                    float[] a = p[0].derivatives(k, new float[1][]);
                    float[] b = p[1].derivatives(k, new float[1][]);
                    assertThat(java.util.Arrays.copyOf(b, a.length)).as("structure %d", k).containsExactly(a);
                }
            }
        }
    }

    @Test
    void resumeGivesTheSameWeightsAsAnUninterruptedRun() {
        List<Structure> data = TinyData.structures(10, 6);
        TrainJob.Result full = run(data, cfg(0.3, 7, 1, 3), tmp.resolve("full"), false);
        run(data, cfg(0.3, 4, 1, 3), tmp.resolve("part"), false);
        assertThat(Checkpoint.exists(tmp.resolve("part"))).isTrue();
        try (var files = java.nio.file.Files.list(tmp.resolve("part").resolve(Checkpoint.DIR))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bin")))
                .as("one optimizer state, of the last checkpoint").containsExactly("optimizer-4.bin");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TrainJob.Result resumed = run(data, cfg(0.3, 7, 1, 3), tmp.resolve("part"), true);
        assertThat(weights(resumed.model())).containsExactly(weights(full.model()));
        assertThat(resumed.curve()).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(resumed.curve().get(i).valLoss()).isEqualTo(full.curve().get(i).valLoss());
        }
    }

    @Test
    void writtenModelReproducesTrainingErrorsAndItsForcesAreEnergyDerivatives() throws Exception {
        List<Structure> data = TinyData.structures(10, 8);
        Path out = tmp.resolve("m");
        TrainJob.Result r = run(data, cfg(1.0, 6, 1, 0), out, false);
        for (String f : List.of("input.nn", "scaling.data", "weights.013.data", "weights.029.data", "lammps.in",
            "learning_curve.csv", "learning_curve.png", "learning_curve.svg", "metrics.json", "checkpoint/state.json")) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(out.resolve("learning_curve.csv"))).hasSize(7);
        HdnnpModel m = N2p2Potential.read(out);
        // the loss engine (stored scaled features, sparse force derivatives) and the model agree on the best weights
        LossEngine.Sums s;
        TrainingData d = r.data();
        try (LossEngine eng = new LossEngine(d, new dev.sieve.nn.Network[] {m.network(0), m.network(1)}, 1.0, 1)) {
            s = eng.evaluate(r.valIdx(), FitLoop.resolveClip(Stopping.AUTO_CLIP, d, r.trainIdx()));
        }
        assertThat(s.loss()).isCloseTo(r.bestValLoss(), org.assertj.core.data.Offset.offset(1e-12));
        double sumSqF = 0;
        double sumSqE = 0;
        for (int k : r.valIdx()) {
            Structure x = d.structure(k);
            HdnnpModel.Prediction p = m.predict(x, true);
            double de = (p.energy() - x.energy()) / x.size();
            sumSqE += de * de;
            for (int q = 0; q < 3 * x.size(); q++) { // the force atoms: a subset of 3 per structure
                if (isForceAtom(d, k, q / 3)) {
                    double df = p.forces()[q] - x.forces()[q];
                    sumSqF += df * df;
                }
            }
        }
        assertThat(sumSqE).isCloseTo(s.sumSqE(), org.assertj.core.data.Offset.offset(1e-9 * s.sumSqE() + 1e-15));
        // (the stored derivatives are single precision)
        assertThat(sumSqF).isCloseTo(s.sumSqF(), org.assertj.core.data.Offset.offset(1e-5 * s.sumSqF()));
        // forces = -dE/dr by central differences
        Structure x = data.get(0);
        HdnnpModel.Prediction p = m.predict(x, true);
        double h = 1e-5;
        for (int q = 0; q < 3 * x.size(); q++) {
            double[] pos = x.positions().clone();
            pos[q] += h;
            double ep = m.predict(x.withPositions(pos), false).energy();
            pos[q] -= 2 * h;
            double em = m.predict(x.withPositions(pos), false).energy();
            double fd = -(ep - em) / (2 * h);
            assertThat(p.forces()[q]).as("force component %d", q)
                .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(fd))));
        }
    }

    private static boolean isForceAtom(TrainingData d, int k, int atom) {
        for (int a : d.forceAtom[k]) {
            if (a == atom) {
                return true;
            }
        }
        return false;
    }

    @Test
    void atomEnergiesAreFittedAndPredictionsAreTotalEnergies() {
        // energies exactly linear in the composition: the least-squares fit recovers the atom energies
        List<Structure> data = new java.util.ArrayList<>();
        for (Structure s : TinyData.structures(12, 9)) {
            long al = java.util.Arrays.stream(s.elements()).filter("Al"::equals).count();
            double e = -3.0 * al - 2.5 * (s.size() - al) + (s.index() % 3) * 1e-3 * s.size();
            data.add(s.withEnergyAndForces(e, s.forces()));
        }
        // with a different Al/Cu ratio so the composition determines both energies
        Structure extra = data.get(0);
        String[] el = extra.elements().clone();
        java.util.Arrays.fill(el, "Al");
        data.add(new Structure(null, extra.cell(), null, el, extra.positions(), -3.0 * el.length, extra.forces(), null,
            null, null, "tiny", 99));
        TrainJob.Result r = run(data, cfg(0, 3, 1, 0), tmp.resolve("e"), false);
        assertThat(r.model().atomEnergy(0)).isCloseTo(-3.0, org.assertj.core.data.Offset.offset(4e-3));
        assertThat(r.model().atomEnergy(1)).isCloseTo(-2.5, org.assertj.core.data.Offset.offset(4e-3));
        // predictions are raw total energies: the network part is small, the atom energies carry the rest
        Structure s = data.get(1);
        double e = r.model().predict(s, false).energy();
        assertThat(Math.abs(e - s.energy()) / s.size()).isLessThan(0.5);
    }

    @Test
    void setIsTiny() {
        SymmetryFunctionSet set = TinyData.set();
        assertThat(set.elements()).containsExactly("Al", "Cu");
    }
}
